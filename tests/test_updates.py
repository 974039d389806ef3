"""Corpus updates: incremental, versioned, atomic, locked; answers logged and replayable."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.config import Settings
from assistant.index.lock import writer_lock
from assistant.pipeline import Assistant
from tests.conftest import ROOT, SEED, SIDECAR

QUESTION = "2027年製造業佔GDP的目標係幾多？"


def corpus_copy(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED, folder / SEED.name)
    shutil.copy(SIDECAR, folder / SIDECAR.name)
    return folder


def test_incremental_ingest_embeds_only_what_changed(tmp_path: Path) -> None:
    corpus = corpus_copy(tmp_path / "corpus")
    assistant = Assistant(Settings(index_dir=tmp_path / "index"))
    first = assistant.ingest([corpus])
    assert first.built and first.embedded == first.chunks and first.added == (SEED.name,)

    again = assistant.ingest([corpus])
    assert not again.built and again.embedded == 0 and again.version == first.version
    assert "No change" in again.summary()

    (corpus / "note.md").write_text("# 補充\n\n廠商會建議設立香港創新指數。\n", "utf-8")
    added = assistant.ingest([corpus])
    assert added.added == ("note.md",) and added.unchanged == (SEED.name,)
    assert added.embedded == 1  # only the new document's one chunk

    text = SEED.read_text("utf-8").replace("電話：2542 8611", "電話：2542 8612")
    (corpus / SEED.name).write_text(text, "utf-8")
    changed = assistant.ingest([corpus])
    assert changed.changed == (SEED.name,) and changed.embedded == 1  # the one edited passage

    (corpus / "note.md").unlink()
    removed = assistant.ingest([corpus])
    assert removed.removed == ("note.md",) and removed.embedded == 0
    assert "note.md" not in {d["doc_id"] for d in assistant.index.manifest["documents"]}


def test_versions_and_rollback_restore_earlier_answers(tmp_path: Path) -> None:
    corpus = corpus_copy(tmp_path / "corpus")
    assistant = Assistant(Settings(index_dir=tmp_path / "index"))
    v1 = assistant.ingest([corpus]).version
    (corpus / SEED.name).write_text(
        SEED.read_text("utf-8").replace("1.2%\t1.0%\t1.5%\t5%", "1.2%\t1.0%\t1.8%\t5%"), "utf-8"
    )
    time.sleep(1)  # version names carry the second
    v2 = assistant.ingest([corpus]).version
    assert "1.8%" in assistant.ask(QUESTION).answer
    runner = CliRunner()
    listing = runner.invoke(main, ["--index-dir", str(tmp_path / "index"), "index", "versions"])
    assert listing.exit_code == 0 and f"* {v2}" in listing.stdout and f"  {v1}" in listing.stdout
    rolled = runner.invoke(main, ["--index-dir", str(tmp_path / "index"), "index", "rollback"])
    assert rolled.exit_code == 0 and v1 in rolled.stdout
    assert "1.5%" in assistant.ask(QUESTION).answer  # the running assistant follows LIVE


def test_second_writer_is_refused(tmp_path: Path) -> None:
    with writer_lock(tmp_path / "index"):
        result = CliRunner().invoke(
            main, ["--index-dir", str(tmp_path / "index"), "ingest", str(SEED)]
        )
    assert result.exit_code == 8
    assert (
        "Another ingest or rollback is running" in result.stderr and "Wait for it" in result.stderr
    )


def test_killed_ingest_leaves_the_live_version_serving(tmp_path: Path) -> None:
    corpus = corpus_copy(tmp_path / "corpus")
    index = tmp_path / "index"
    Assistant(Settings(index_dir=index)).ingest([corpus])
    live_before = (index / "LIVE").read_text()
    for i in range(40):  # enough new text that embedding takes a few seconds
        text = SEED.read_text("utf-8").replace("香港", f"香港{i}")
        (corpus / f"copy{i}.txt").write_text(text, "utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "--index-dir", str(index), "ingest", str(corpus)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
    deadline = time.monotonic() + 60
    while not any(
        p.is_dir() and not (p / "COMPLETE").exists() for p in (index / "versions").iterdir()
    ):
        assert process.poll() is None and time.monotonic() < deadline, (
            "ingest ended before the kill"
        )
        time.sleep(0.05)
    time.sleep(0.5)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert (index / "LIVE").read_text() == live_before
    survivor = Assistant(Settings(index_dir=index))
    assert "1.5%" in survivor.ask(QUESTION).answer
    for i in range(40):
        (corpus / f"copy{i}.txt").unlink()
    (corpus / "note.md").write_text("# 補充\n\n廠商會建議設立香港創新指數。\n", "utf-8")
    report = survivor.ingest([corpus])
    assert report.built and report.added == ("note.md",)
    stale = [p for p in (index / "versions").iterdir() if not (p / "COMPLETE").exists()]
    assert stale == []


def test_answer_log_records_enough_to_replay(index_dir: Path, answer_log: Path) -> None:
    runner = CliRunner()
    asked = runner.invoke(main, ["--index-dir", str(index_dir), "ask", QUESTION, "--json"])
    answer = json.loads(asked.stdout)
    record = next(
        json.loads(line)
        for line in answer_log.read_text("utf-8").splitlines()
        if json.loads(line)["id"] == answer["log_id"]
    )
    assert record["question"] == QUESTION and record["answer"] == answer["answer"]
    assert record["corpus"]["version"] == (index_dir / "LIVE").read_text().strip()
    assert record["embedder"]["id"].startswith("use-multilingual") and record["prompt_version"]
    assert record["citations"][0]["content_hash"] and record["settings"]["top_k"] == 5
    shown = runner.invoke(main, ["--index-dir", str(index_dir), "log", "show", answer["log_id"]])
    assert shown.exit_code == 0 and "1.5%" in shown.stdout
    replay = runner.invoke(main, ["--index-dir", str(index_dir), "log", "replay", answer["log_id"]])
    assert replay.exit_code == 0 and "answer matches; citations match" in replay.stdout
    missing = runner.invoke(main, ["--index-dir", str(index_dir), "log", "show", "nope"])
    assert missing.exit_code == 2 and "No answer 'nope'" in missing.stderr


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("scan.pdf", None, "no text layer"),
        ("locked.pdf", "encrypted", "encrypted"),
        ("broken.pdf", b"%PDF-1.4 garbage", "could not be read"),
        ("empty.txt", b"", "the file is empty"),
        ("data.xlsx", b"PK\x03\x04", "unsupported file type"),
    ],
)
def test_bad_files_are_rejected_and_the_index_is_unchanged(
    tmp_path: Path, name: str, content: bytes | str | None, message: str
) -> None:
    from fpdf import FPDF

    index = tmp_path / "index"
    Assistant(Settings(index_dir=index)).ingest([SEED])
    before = (index / "LIVE").read_text()
    bad = tmp_path / name
    if content == "encrypted":
        from pypdf import PdfWriter

        writer = PdfWriter()
        writer.add_blank_page(200, 200)
        writer.encrypt("secret")
        with bad.open("wb") as out:
            writer.write(out)
    elif content is None:
        pdf = FPDF()
        pdf.add_page()
        pdf.rect(10, 10, 50, 50)
        pdf.output(str(bad))
    elif isinstance(content, bytes):
        bad.write_bytes(content)
    result = CliRunner().invoke(main, ["--index-dir", str(index), "ingest", str(SEED), str(bad)])
    assert result.exit_code == 3 and message in result.stderr and name in result.stderr
    assert (index / "LIVE").read_text() == before
