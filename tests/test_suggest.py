"""Suggestions after a refusal come from the index itself, and the documents answer them."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.generate.suggest import suggestions
from assistant.pipeline import Assistant
from assistant.ui import handlers


@pytest.mark.parametrize("language", ["zh-Hant", "zh-Hans", "en"])
def test_every_suggestion_is_answered_from_the_documents(
    assistant: Assistant, language: str
) -> None:
    snapshot = assistant.indexer.snapshot()
    offered = suggestions(snapshot.index, snapshot.names, language)  # type: ignore[arg-type]
    assert len(offered) == 3  # an indicator, a numbered unit, the association's view
    for question in offered:
        answer = assistant.evidence(question).answer
        assert not answer.refused, (question, answer.reason)
        assert answer.citations


def test_a_refusal_offers_them_and_the_chat_examples_are_them(assistant: Assistant) -> None:
    refused = assistant.evidence("新加坡2040年的人口目標是多少？").answer
    assert refused.refused
    assert refused.suggestions and "「" in refused.suggestions[0]  # an indicator's own name
    assert refused.suggestions[0] in handlers.examples(assistant)


def test_a_corpus_without_tables_or_association_suggests_only_what_it_has(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "plain.md").write_text(
        "# Smart city plan\n\nThe government will open ten new data parks by 2030.\n", "utf-8"
    )
    assistant = Assistant(Settings(index_dir=tmp_path / "index"))
    assistant.ingest([corpus])
    snapshot = assistant.indexer.snapshot()
    assert suggestions(snapshot.index, snapshot.names, "en") == ()
    answer = assistant.evidence("What is the 2040 population target of Singapore?").answer
    assert answer.refused and answer.suggestions == ()
