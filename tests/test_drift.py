"""Answer drift after a real update: a second edition of a small document changes one
target figure and removes one passage; the report names exactly the questions that
depend on them (from the question file and from the answer log), and no others."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import main
from tests.conftest import CORPUS, ROOT

DATA = ROOT / "tests" / "data" / "drift"
DEPENDENT = {
    "What is the 2031 target for service robots deployed in public hospitals?",
    "What does the council say about the drone delivery sandbox between Lantau and Cheung Chau?",
    "How many service robots will public hospitals have in 2031?",  # a member's, from the log
}


def member_log(path: Path) -> None:
    records = [
        {"id": "a1", "question": "How many service robots will public hospitals have in 2031?"},
        {"id": "a2", "question": "策略三是什麼？"},
        {"id": "a3", "question": "策略三是什麼？"},  # asked twice: replayed once
    ]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")


@pytest.mark.slow
def test_second_edition_drifts_exactly_the_dependent_questions(
    index_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = tmp_path / "index"
    shutil.copytree(index_dir, index)  # the seed's vectors are reused: only the plan is embedded
    log = tmp_path / "answers.jsonl"
    member_log(log)
    monkeypatch.setenv("ASSISTANT_ANSWER_LOG", str(log))
    runner = CliRunner()
    for edition in ("edition-1", "edition-2"):
        result = runner.invoke(
            main, ["--index-dir", str(index), "ingest", str(CORPUS), str(DATA / edition)]
        )
        assert result.exit_code == 0, result.output
    out = tmp_path / "drift"
    args = ["--index-dir", str(index), "drift", "--questions", str(DATA / "questions.jsonl")]
    result = runner.invoke(main, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    summary = result.output.strip().splitlines()[-1]
    assert "3 of 9 answers changed (3 edited)" in summary
    assert "harbour-robotics-plan.md (edited)" in summary
    folders = list(out.iterdir())
    assert len(folders) == 1
    report = (folders[0] / "drift.md").read_text("utf-8")
    named = {line[4:] for line in report.splitlines() if line.startswith("### ")}
    assert named == DEPENDENT
    assert "## Document edited" in report and "## Document added" not in report
    assert "different figure" in report and "answered → refused" in report
    assert "\\| 900 \\|" in report and "\\| 1,400 \\|" in report  # the row, before/after
    assert "A drone delivery sandbox will let licensed operators" in report  # the removed passage
    page = (folders[0] / "drift.html").read_text("utf-8")
    assert page.count("<h3 class='question'>") == 3 and "<script" not in page
    assert "| 120 | 450 | 900 |" in page and "| 120 | 450 | 1,400 |" in page
    again = runner.invoke(main, [*args, "--out", str(out)])  # a new folder, never overwritten
    assert again.exit_code == 0 and len(list(out.iterdir())) == 2


def test_drift_needs_two_versions(index_dir: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    shutil.copytree(index_dir, index)
    result = CliRunner().invoke(
        main,
        [
            "--index-dir",
            str(index),
            "drift",
            "--last",
            "0",
            "--questions",
            str(DATA / "questions.jsonl"),
        ],
    )
    assert result.exit_code == 4
    assert "nothing to compare it with" in result.output
