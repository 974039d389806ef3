"""Speakers and titles come from what the documents declare, never from code: the shipped
sidecar's names are used, another document's own names are used, and a document that
declares none is "the document", never the Blueprint."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import UnsupportedFileError
from assistant.ingest.metadata import declared
from assistant.names import CorpusNames
from assistant.pipeline import Assistant
from tests.conftest import SEED, SIDECAR

TARGET = "2027年製造業佔GDP的目標係幾多？"


def test_the_shipped_sidecar_names_the_blueprint_and_the_association(
    assistant: Assistant,
) -> None:
    assert assistant.ask(TARGET).answer.startswith("《藍圖》指標「製造業佔")
    english = assistant.ask("What is the 2027 target for manufacturing's share of GDP?")
    assert english.answer.startswith('Blueprint indicator "')
    assert "(from the association's annex summarising the Blueprint)" in english.answer
    asked = assistant.ask("What does the CMA recommend about an innovation index?")
    assert asked.citations and {c.speaker for c in asked.citations} == {"association"}


def test_a_document_is_named_only_by_what_it_declares(assistant: Assistant, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    meta = json.loads(SIDECAR.read_text("utf-8"))
    meta["names"] = {"government_summary": {"zh-Hant": "《路線圖》", "en": "Roadmap"}}
    del meta["aliases"]
    (corpus / SIDECAR.name).write_text(json.dumps(meta, ensure_ascii=False), "utf-8")
    other = Assistant(Settings(index_dir=tmp_path / "index"), embedder=assistant.embedder)
    other.ingest([corpus])
    assert other.ask(TARGET).answer.startswith("《路線圖》指標「製造業佔")
    english = other.ask("What is the 2027 target for manufacturing's share of GDP?")
    assert english.answer.startswith('Roadmap indicator "') and "Blueprint" not in english.answer
    # No aliases declared: naming the association filters nothing, and nobody is
    # called 廠商會 by default.
    plain = other.ask("2027年製造業佔GDP的目標係幾多？（廠商會）")
    assert "廠商會附件" not in plain.answer and "該機構附件" in plain.answer


def test_names_default_to_plain_words() -> None:
    manifest = {"documents": [{"doc_id": "a", "speaker": "government"}]}
    names = CorpusNames.from_manifest(manifest)
    assert names.sides("en") == {
        "government": "government document",
        "association": "the publisher",
        "Association": "The publisher",
    }
    assert names.asked("What does the CMA say?") == ()


def test_a_malformed_names_block_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("text", "utf-8")
    (tmp_path / "x.txt.meta.json").write_text('{"names": {"association": "CMA"}}', "utf-8")
    with pytest.raises(UnsupportedFileError, match=r"x.txt.meta.json: \"names\" must map"):
        declared(path)
