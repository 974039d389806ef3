"""An answer plan per kind of question: what the model's first sentence must carry.

The plan comes from the verified evidence, not from the model: the lead source decides
the kind of answer.

- a table row cut to the asked columns (a target): the asked cells' figures, in order;
- a strategy, direction or one of their items: that unit's own words, quoted;
- prose: no required content; the source's speaker is named (the association's view
  is marked as such).

The prompt states the plan in words and the decoding grammar (generate/grammar.py)
holds the first sentence to it, so a kept answer leads with the fact the evidence found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.cite.numbers import extract_figures
from assistant.generate.prompt import Source

# Figures the first sentence must state: a range of columns ("from 2016 to 2032") is
# cut short here; the rest may follow in later sentences.
MAX_REQUIRED = 3
# A source is quotable as a whole up to this length (a strategy's title, an item, an
# indicator's label); longer passages are quoted only by the phrases they quote themselves.
QUOTE_MAX = 90
_INNER_QUOTE = re.compile(r"「([^「」]{2,40})」|《([^《》]{2,40})》")


@dataclass(frozen=True)
class Plan:
    """What the answer must lead with, as (source number, exact text) pairs, and the
    plan put into words for the prompt."""

    lead: int  # the source the first sentence cites
    figures: tuple[str, ...] = ()  # the asked cells' figures, spelled as the grammar allows
    quote: str = ""  # a unit's words the first sentence quotes in 「」
    steps: str = ""


def quotable(source: Source) -> tuple[str, ...]:
    """Exact phrases a sentence citing `source` may put in 「」: the whole text when it is
    short (a title, an item), a row's indicator label, and what the source quotes itself."""
    phrases: list[str] = []
    if source.row is not None:
        phrases.append(source.row.label)
    elif len(source.text) <= QUOTE_MAX:
        phrases.append(source.text.strip())
    for match in _INNER_QUOTE.finditer(source.text):
        phrases.append(match.group(1) or match.group(2))
    return tuple(dict.fromkeys(p for p in phrases if p))


def plan_for(sources: Sequence[Source]) -> Plan | None:
    """The plan for an answer whose lead evidence is `sources[0]`; None with no sources."""
    if not sources:
        return None
    lead = sources[0]
    if lead.row is not None and lead.asked:
        figures = tuple(
            found[0].text for value in lead.row.values if (found := extract_figures(value))
        )[:MAX_REQUIRED]
        columns = "、".join(lead.row.columns)
        steps = (
            f"Plan: first sentence: the indicator and its {columns} value "
            f"({' / '.join(figures)}), citing [{lead.n}]."
        )
        return Plan(lead.n, figures=figures, steps=steps)
    if lead.unit:
        where = "" if lead.title else f", say it is under 「{lead.unit}」"
        steps = (
            f"Plan: first sentence: quote 「{lead.text.strip()}」 exactly{where}, and cite "
            f"[{lead.n}]; then the measures asked about, each quoted and cited."
        )
        return Plan(lead.n, quote=lead.text.strip(), steps=steps)
    whose = (
        "say it is the association's view (its commentary, not government policy)"
        if lead.speaker == "association"
        else "say which document says it"
    )
    return Plan(lead.n, steps=f"Plan: answer from [{lead.n}] in your own words and {whose}.")
