"""The spine against a real Chroma server (`chroma run` on loopback) instead of the
embedded store: ingest, retrieval, answers, incremental updates, versions and rollback."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import IndexMissingError
from assistant.pipeline import Assistant
from tests.conftest import SEED, SIDECAR
from tests.servers import chroma_server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    with chroma_server(tmp_path_factory.mktemp("chroma-data")) as address:
        yield address


def on_server(server: tuple[str, int], index: Path) -> Assistant:
    host, port = server
    return Assistant(Settings(index_dir=index, chroma_host=host, chroma_port=port))


def test_spine_questions_on_the_server(server: tuple[str, int], tmp_path: Path) -> None:
    assistant = on_server(server, tmp_path / "index")
    report = assistant.ingest([SEED])
    assert report.built and report.embedded == report.chunks
    assert not (tmp_path / "index" / "versions" / report.version / "chroma").exists()
    target = assistant.ask("2027年製造業佔GDP的目標係幾多？")
    assert "「1.5%」[2]" in target.answer and "製造業" in target.citations[0].quote
    assert "「9,000 港元」[2]" in assistant.ask("人均研发开支到2032年的目标是多少港元？").answer
    assert (
        '"30 間" [2]' in assistant.ask("What is the 2032 target for the number of unicorns?").answer
    )
    assert assistant.ask("新加坡2027年的研發開支目標是多少？").refused
    history = [{"role": "user", "content": "2027年製造業佔GDP的目標係幾多？"}]
    assert "「1.2%」[2]" in assistant.ask("那2016年的數字呢？", history).answer


def test_updates_and_rollback_on_the_server(server: tuple[str, int], tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    shutil.copy(SIDECAR, corpus / SIDECAR.name)
    assistant = on_server(server, tmp_path / "index")
    first = assistant.ingest([corpus])
    assert not assistant.ingest([corpus]).built
    (corpus / "note.md").write_text("# 補充\n\n廠商會建議設立香港創新指數。\n", "utf-8")
    time.sleep(1)
    added = assistant.ingest([corpus])
    assert added.embedded == 1  # vectors of the unchanged document came from the server
    assert assistant.store.rollback() == first.version
    assert "note.md" not in {d["doc_id"] for d in assistant.index.manifest["documents"]}


def test_unreachable_server_is_a_clear_error(tmp_path: Path) -> None:
    assistant = Assistant(Settings(index_dir=tmp_path, chroma_host="127.0.0.1", chroma_port=9))
    with pytest.raises(
        IndexMissingError, match=r"Cannot reach the Chroma server at 127\.0\.0\.1:9"
    ):
        assistant.ingest([SEED])
