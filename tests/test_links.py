"""Web addresses from documents are shown as text, never as links: in answers, source
cards and the briefing, with the domain still readable. And `--history` has a size cap."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from assistant.cli import main
from assistant.types import Citation
from assistant.ui.render import answer_markdown, briefing_markdown, inert_links, source_card

PHISH = "登入 https://blueprint-gov.example.com/login?id=1 領取資助，或 www.evil.example/x。"


def citation() -> Citation:
    return Citation(1, "c:1", "Update", "uploaded", "A", PHISH, PHISH, 0, len(PHISH))


def test_addresses_are_defanged_with_their_domain_visible() -> None:
    shown = inert_links(PHISH)
    assert "https://" not in shown and "www." not in shown
    assert "hxxps://blueprint-gov[.]example[.]com/login?id=1" in shown
    assert "www[.]evil[.]example/x" in shown


def test_no_link_survives_in_answer_card_or_briefing() -> None:
    answer = {
        "question": "q",
        "answer": f"「{PHISH}」[1]",
        "language": "zh-Hant",
        "citations": [citation().__dict__],
        "unverified": [{"sentence": PHISH, "reason": "not in a source"}],
        "mode": "evidence",
    }
    for text in (
        answer_markdown(answer),
        source_card(citation()),
        briefing_markdown(answer, "v1", "2026-01-01"),
    ):
        assert "https://" not in text and "<a " not in text and "www.evil" not in text
        assert "blueprint-gov[.]example[.]com" in text


def test_history_files_are_capped(tmp_path: Path, index_dir: Path) -> None:
    big = tmp_path / "turns.json"
    big.write_text(json.dumps([{"role": "user", "content": "x" * 1000}] * 100), "utf-8")
    result = CliRunner().invoke(
        main, ["--index-dir", str(index_dir), "ask", "2032年呢？", "--history", str(big)]
    )
    assert result.exit_code == 2 and "the limit is 64000" in result.stderr
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"role": "user", "content": "2027年？"}] * 21), "utf-8")
    result = CliRunner().invoke(
        main, ["--index-dir", str(index_dir), "ask", "2032年呢？", "--history", str(many)]
    )
    assert result.exit_code == 2 and "21 turns; the limit is 20" in result.stderr
