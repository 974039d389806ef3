"""The real CLI through click's runner: output, JSON contract and exact exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from assistant.cli import main
from tests.conftest import SEED


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def test_ingest_shows_progress_and_a_summary(tmp_path: Path) -> None:
    result = run("--index-dir", str(tmp_path), "ingest", str(SEED))
    assert result.exit_code == 0, result.output
    assert f"reading  {SEED}" in result.stderr
    assert "embed" in result.stderr
    assert "Indexed 1 document(s) into" in result.stdout
    assert (tmp_path / "LIVE").exists()


def test_ask_json_contract(index_dir: Path) -> None:
    result = run(
        "--index-dir",
        str(index_dir),
        "ask",
        "2032年創新及科技產業從業人員目標人數是多少？",
        "--json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["refused"] is False and data["mode"] == "evidence"
    assert data["citations"][0]["quote"] == "創新及科技產業從業人員"
    assert data["citations"][1]["quote"] == "不少於 100 000 人"
    assert "「不少於 100 000 人」[2]" in data["answer"]


def test_ask_text_output_labels_the_speaker(index_dir: Path) -> None:
    result = run("--index-dir", str(index_dir), "ask", "廠商會提出的港版中試概念是什麼？")
    assert result.exit_code == 0, result.output
    assert "Association commentary, not government policy" in result.stdout


def test_ask_with_history_file(index_dir: Path, tmp_path: Path) -> None:
    history = tmp_path / "history.json"
    history.write_text(
        json.dumps([{"role": "user", "content": "What is the 2032 target for unicorns?"}])
    )
    result = run(
        "--index-dir", str(index_dir), "ask", "and in 2027?", "--history", str(history), "--json"
    )
    assert result.exit_code == 0, result.output
    assert '"18 間" [2]' in json.loads(result.stdout)["answer"]


def test_refusal_exits_zero_with_refused_flag(index_dir: Path) -> None:
    result = run(
        "--index-dir", str(index_dir), "ask", "How much will the new MTR line cost?", "--json"
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)["refused"] is True


def test_unsupported_file_exit_code_and_message(tmp_path: Path) -> None:
    bad = tmp_path / "data.csv"
    bad.write_text("a,b\n1,2\n")
    result = run("--index-dir", str(tmp_path / "idx"), "ingest", str(bad))
    assert result.exit_code == 3
    assert "data.csv: unsupported file type '.csv'" in result.stderr
    assert "Supported types: .txt, .md, .pdf, .docx, .html" in result.stderr
    assert not (tmp_path / "idx" / "LIVE").exists()


def test_bad_file_leaves_the_live_index_untouched(index_dir: Path, tmp_path: Path) -> None:
    before = (index_dir / "LIVE").read_text()
    empty = tmp_path / "empty.md"
    empty.write_text("")
    result = run("--index-dir", str(index_dir), "ingest", str(SEED), str(empty))
    assert result.exit_code == 3
    assert (index_dir / "LIVE").read_text() == before


def test_missing_index_exit_code(tmp_path: Path) -> None:
    result = run("--index-dir", str(tmp_path), "ask", "研發開支？")
    assert result.exit_code == 4
    assert result.stderr.strip() == (
        f"Error: No index at {tmp_path}. Build it first: assistant ingest"
    )


def test_empty_question_exit_code(index_dir: Path) -> None:
    result = run("--index-dir", str(index_dir), "ask", "  ")
    assert result.exit_code == 2
    assert "The question is empty" in result.stderr


def test_malformed_history_exit_code(index_dir: Path, tmp_path: Path) -> None:
    history = tmp_path / "history.json"
    history.write_text('{"role": "user"}')
    result = run("--index-dir", str(index_dir), "ask", "and in 2027?", "--history", str(history))
    assert result.exit_code == 2
    assert "history must be a JSON list" in result.stderr


def test_unknown_mode_is_a_usage_error(index_dir: Path) -> None:
    result = run("--index-dir", str(index_dir), "ask", "研發？", "--mode", "oracle")
    assert result.exit_code == 2
    assert "Invalid value for '--mode'" in result.output


def test_index_info_shows_the_embedder(index_dir: Path) -> None:
    result = run("--index-dir", str(index_dir), "index", "info")
    assert result.exit_code == 0
    manifest = json.loads(result.stdout)
    assert manifest["embedder"]["dimension"] == 512
    assert manifest["documents"][0]["doc_id"] == SEED.name
