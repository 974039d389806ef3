"""One question, one corpus version: an update that goes live while the model is still
writing does not move the question's sources, its log record or its replay."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

from click.testing import CliRunner

from assistant.audit import AnswerLog
from assistant.cli import main
from assistant.config import Settings
from assistant.generate.llm import LanguageModel, Messages
from assistant.pipeline import Assistant
from tests.conftest import SEED


class WaitingModel(LanguageModel):
    """Answers the manufacturing row, but only once `go` is set."""

    id = "waiting"

    def __init__(self) -> None:
        self.asked = threading.Event()
        self.go = threading.Event()

    def stream(self, messages: Messages, max_tokens: int) -> Iterator[str]:
        self.asked.set()
        assert self.go.wait(60)
        yield "2027年的目標為1.5% [2]。"


def test_an_update_mid_answer_does_not_move_the_question(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    settings = Settings(
        index_dir=tmp_path / "index", corpus_dir=corpus, answer_log=tmp_path / "answers.jsonl"
    )
    Assistant(settings).ingest([corpus])
    model = WaitingModel()
    member = Assistant(settings, llm=model)
    evidence = member.evidence("2027年製造業佔GDP的目標係幾多？")
    before = evidence.index.name
    results: list = []
    worker = threading.Thread(target=lambda: results.extend(member.generate(evidence)))
    worker.start()
    assert model.asked.wait(60)
    # Staff publish a second edition while the model writes: the seed text changes.
    edited = SEED.read_text("utf-8").replace("1.5%", "1.6%")
    (corpus / SEED.name).write_text(edited, "utf-8")
    Assistant(settings, embedder=member.embedder).ingest([corpus])
    assert member.store.live_name() != before
    model.go.set()
    worker.join(60)
    final = results[-1].answer
    assert final is not None and not final.model_error
    assert final.corpus_version == before
    record = AnswerLog(settings.answer_log).get(final.log_id)  # logged by the Answerer
    assert record["corpus"]["version"] == before
    old = member.store.open(member.embedder, before)
    for citation in record["citations"]:
        assert old.chunks[citation["chunk_id"]].content_hash == citation["content_hash"]
    # The next question reads the new version.
    assert member.evidence("2027年製造業佔GDP的目標係幾多？").index.name != before
    # Replay on the recorded version reproduces the evidence answer.
    replay_id = member.finish(evidence).log_id
    replayed = CliRunner().invoke(
        main,
        ["--index-dir", str(settings.index_dir), "log", "replay", replay_id],
        env={"ASSISTANT_ANSWER_LOG": str(settings.answer_log)},
    )
    assert replayed.exit_code == 0, replayed.output
    assert "answer matches" in replayed.output
    # The replay logs into its own folder, never into the members' log.
    logged = settings.answer_log.read_text("utf-8").splitlines()
    assert len(logged) == 2
    replays = list((settings.answer_log.parent / "replays").glob("*/answers.jsonl"))
    assert len(replays) == 1 and len(replays[0].read_text("utf-8").splitlines()) == 1
