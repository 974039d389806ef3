"""Through the real answer path: a model sentence whose figure sits in another year's
cell, or names another indicator, is struck out, never kept as verified."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.generate.llm import LanguageModel, Messages
from assistant.pipeline import Assistant


class ScriptedModel(LanguageModel):
    """A deterministic model that writes one fixed answer, given to `Assistant` like any."""

    id = "scripted"

    def __init__(self, reply: str) -> None:
        self.reply = reply

    def stream(self, messages: Messages, max_tokens: int) -> Iterator[str]:
        yield self.reply


QUESTION = "2021年喺共享工作空間同加速器入面營運嘅初創企業有幾多間？"


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        # The case from the issue: 約 5 000 間 is the 2027 target, not the 2021 count.
        # 2021 names the column whose cell says 「(2021 年)」, so the model is given that
        # cell only and the 2027 value is in no source it has (a row given whole is
        # bound cell by cell: test_verify.py).
        (
            "2021年，在共享工作空間及加速器內營運的初創企業有約 5,000 間。[1]",
            "the figure '5000' is not in the cited source",
        ),
        # The right cell, stated for another indicator.
        ("2021年獨角獸企業有3 755間。[1]", "another indicator"),
    ],
)
def test_a_figure_from_another_cell_is_struck_out(index_dir: Path, reply: str, reason: str) -> None:
    assistant = Assistant(Settings(index_dir=index_dir), llm=ScriptedModel(reply))
    evidence = assistant.evidence(QUESTION)
    assert any("3 755" in c.passage for c in evidence.answer.citations)
    final = next(e.answer for e in assistant.generate(evidence) if e.kind == "final")
    assert final is not None and final.fell_back
    assert any(reason in u.reason for u in final.unverified), final.unverified


def test_the_right_cell_is_kept(index_dir: Path) -> None:
    reply = "2021年有3 755間初創企業在這些空間營運。[1]"
    assistant = Assistant(Settings(index_dir=index_dir), llm=ScriptedModel(reply))
    evidence = assistant.evidence(QUESTION)
    final = next(e.answer for e in assistant.generate(evidence) if e.kind == "final")
    assert final is not None and not final.fell_back and "3 755" in final.answer
