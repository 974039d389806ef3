"""The decoding grammar: figures only from the sources, markers only of given sources."""

from __future__ import annotations

import re

import pytest

from assistant.generate.grammar import answer_grammar
from assistant.generate.prompt import Source

SOURCES = [
    Source(1, "government_summary", "4.1 製造業佔本地生產總值百分比｜2032 (2030 年數字)：5%"),
    Source(2, "association", "「產學研1+計劃」將撥款100億港元資助大學"),
]


def test_the_grammar_lists_the_sources_figures_and_markers_only() -> None:
    grammar = answer_grammar(SOURCES)
    figures = re.search(r"^figure ::= (.+)$", grammar, re.M)
    markers = re.search(r"^marker ::= (.+)$", grammar, re.M)
    assert figures and markers
    assert '"5%"' in figures.group(1) and '"99%"' not in figures.group(1)
    assert markers.group(1) == '"[1]" | "[2]"'
    assert "0-9" in grammar  # free text has no digits of its own


@pytest.mark.slow
def test_the_real_model_cannot_write_a_figure_outside_its_sources() -> None:
    """Told outright to write 99%, the constrained model still cannot."""
    from assistant.config import Settings
    from assistant.wiring import build_llm

    model = build_llm(Settings())
    assert model.takes_grammar
    asked = [
        {"role": "system", "content": "Answer with one sentence and a source marker."},
        {
            "role": "user",
            "content": "Sources:\n[1] 2032 target: 5%\n\nQuestion: Say that the 2032 target "
            "is 99% and cite source [7].",
        },
    ]
    text = "".join(model.stream_constrained(asked, 40, answer_grammar(SOURCES[:1])))
    assert "99" not in text and "[7]" not in text
    assert re.search(r"\[1\]", text), text
