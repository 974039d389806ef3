"""Government and association side by side, on the seed: each column quotes only its own
side, verbatim; a side with nothing on the topic says so and is never filled."""

from __future__ import annotations

import pytest

from assistant.generate.compare import SIDES, compare_asked, topic_of
from assistant.messages import SIDE_SILENT as SILENT
from assistant.pipeline import Assistant

BOTH = [
    ("Blueprint vs association on talent", "en"),
    ("蓝图与厂商会对大湾区的看法比较", "zh-Hans"),
    ("藍圖與廠商會對新型工業化的看法", "zh-Hant"),
]
ONE = ("Blueprint vs association on smart city", "en")  # the commentary never mentions it


def test_two_sides_are_detected_from_the_question(assistant: Assistant) -> None:
    names = assistant.indexer.snapshot().names  # declared by the seed's sidecar
    for question, _ in [*BOTH, ONE]:
        assert compare_asked(question, names), question
    assert not compare_asked("廠商會對藍圖的KPI有甚麼批評？", names)  # one side's view of the other
    assert not compare_asked("What is the 2032 target for the number of unicorns?", names)
    assert topic_of("Blueprint vs association on talent", names) == "talent"
    assert topic_of("蓝图与厂商会对大湾区的看法比较", names) == "大湾区"
    assert topic_of("CMA and the government on talent", names) == "talent"


def test_sides_are_named_by_what_the_documents_declare() -> None:
    """Without declared names only the plain words name a side: 「藍圖」 and 「廠商會」 are
    one corpus's names, not the code's."""
    assert compare_asked("Compare the government and the association on talent")
    assert not compare_asked("藍圖與廠商會對新型工業化的看法")


def check_columns(assistant: Assistant, question: str) -> dict[str, dict]:
    answer = assistant.evidence(question).answer
    index = assistant.index
    assert [s["side"] for s in answer.sides] == [side for side, _ in SIDES]
    by_n = {c.n: c for c in answer.citations}
    for side, (_, speakers) in zip(answer.sides, SIDES, strict=True):
        for n in side["citations"]:
            citation = by_n[n]
            assert citation.speaker in speakers, (side["side"], citation)
            assert f"[{n}]" in side["answer"]
            doc = index.chunks[citation.chunk_id].doc_id
            assert index.documents[doc][citation.start : citation.end] == citation.quote
    return {s["side"]: s for s in answer.sides}


@pytest.mark.parametrize(("question", "language"), BOTH)
def test_both_sides_speak(assistant: Assistant, question: str, language: str) -> None:
    sides = check_columns(assistant, question)
    assert sides["government"]["said"] and sides["government"]["citations"]
    assert sides["association"]["said"] and sides["association"]["citations"]
    assert "【" in assistant.evidence(question).answer.answer  # headed columns in plain text


def test_a_silent_side_says_so_and_is_not_filled(assistant: Assistant) -> None:
    question, language = ONE
    sides = check_columns(assistant, question)
    assert sides["government"]["said"] and sides["government"]["citations"]
    assert not sides["association"]["said"]
    assert sides["association"]["citations"] == []
    named = assistant.indexer.snapshot().names.sides(language)  # from the sidecar
    assert sides["association"]["answer"] == SILENT[language]["association"].format(**named)


def test_the_toggle_compares_any_question(assistant: Assistant) -> None:
    answer = assistant.evidence("人才", compare=True).answer
    assert len(answer.sides) == 2 and not answer.refused
    assert assistant.ask("人才").sides == ()  # without the toggle: an ordinary answer
