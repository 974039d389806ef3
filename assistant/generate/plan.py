"""An answer plan per kind of question: what the model's first sentence must carry.

The plan comes from the verified evidence, not from the model: the lead source decides
the kind of answer.

- a table row cut to the asked columns (a target): the asked cells' figures, in order
  (its indicator's name may be quoted, not required: a required name made the model
  state the figure, then the name, then the figure again);
- a strategy, direction or one of their items: that unit's own words, quoted;
- prose: no required content; the source's speaker is named (the association's view
  is marked as such).

The prompt states the plan in words and the decoding grammar (generate/grammar.py)
holds the first sentence to it, so a kept answer leads with the fact the evidence found.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.cite.numbers import extract_figures, supported
from assistant.generate.prompt import Source
from assistant.text.normalize import without_number

# Figures the first sentence must state: a range of columns ("from 2016 to 2032") is
# cut short here; the rest may follow in later sentences.
MAX_REQUIRED = 3
# Rows given to the model for a target: the lead and one other (a near miss it may name).
MAX_ROWS = 2
# Parts of a unit the second sentence lists: the evidence shows them all; the model's
# answer carries the first eight (the eight strategies; each part costs decoding time).
MAX_LISTED = 8
# The model's tokenizer writes about 1.3 characters of the strategy table's Chinese per
# token (measured on its items).
CHARS_PER_TOKEN = 1.3
# A required list's length in characters within the answer's usual budget: of its 160
# tokens, the lead and the words opening the list took up to about 110 (a 191-character
# list of eight measures was cut in its last part at 200 tokens). Each part also costs
# its quote marks, marker and separator.
LIST_IN_BUDGET = 60
PART_OVERHEAD = 6
# The longest required list: a longer one is cut to the parts that fit. A list longer
# than LIST_IN_BUDGET gets the tokens it needs on top of the usual budget (the model
# copies it at about 25 tokens a second on two cores: 360 characters cost about 7 s more).
LIST_MAX = 360
# A measure's partners (the target and proposals on its table line) are context, not
# the answer: they take at most this much, so a question about one measure costs about
# what it did before lists got their tokens (dev6 in llm mode: measure answers' p50 went
# to 10.1 s with partners listed up to LIST_MAX).
PARTNERS_MAX = 120
# A source is quotable as a whole up to this length (a strategy's title, an item, an
# indicator's label); longer passages are quoted only by the phrases they quote themselves.
QUOTE_MAX = 90
# A quote stops before the source's own sentence end: a 。 inside 「」 would end the
# sentence for verification before its marker.
_SENTENCE_END = "。．.！!？?；;"
_INNER_QUOTE = re.compile(r"「([^「」]{2,40})」|《([^《》]{2,40})》")


@dataclass(frozen=True)
class Plan:
    """What the answer must lead with, as (source number, exact text) pairs, and the
    plan put into words for the prompt."""

    lead: int  # the source the first sentence cites
    figures: tuple[str, ...] = ()  # the asked cells' figures, spelled as the grammar allows
    quote: str = ""  # a unit's words (or a row's indicator) the first sentence quotes in 「」
    # The unit's other parts the evidence lists after it (a strategy's measures, the
    # other strategies of an enumeration), as (source, exact words): the second sentence
    # quotes each with its marker, in the evidence's order.
    listed: tuple[tuple[int, str], ...] = ()
    steps: str = ""

    def tokens(self, usual: int) -> int:
        """The answer's token budget: `usual`, and what a list longer than fits in it needs
        on top (a list cut by the budget loses its sentence, lead included)."""
        used = sum(len(text) + PART_OVERHEAD for _, text in self.listed)
        return usual + max(0, math.ceil((used - LIST_IN_BUDGET) / CHARS_PER_TOKEN))


def quotable(source: Source) -> tuple[str, ...]:
    """Exact phrases a sentence citing `source` may put in 「」: the whole text when it is
    short (a title, an item), a row's indicator label, and what the source quotes itself."""
    phrases: list[str] = []
    if source.row is not None:
        phrases.append(without_number(source.row.label))  # 「1.2」 is its place in the table
    elif len(source.text) <= QUOTE_MAX:
        phrases.append(source.text)
    if source.unit:
        phrases.append(source.unit)
    for match in _INNER_QUOTE.finditer(source.held):
        phrases.append(match.group(1) or match.group(2))
    return tuple(dict.fromkeys(c for p in phrases if (c := _clean(p))))


def _clean(phrase: str) -> str:
    return phrase.strip().rstrip(_SENTENCE_END).strip()


def fitting(sources: Sequence[Source]) -> list[Source]:
    """The sources that fit the plan, in order: every token of them is prompt time (about
    60 a second on two cores), and what the first sentence must carry comes from the lead.

    - a row cut to the asked columns leads: rows only, at most MAX_ROWS (a passage quoting
      the same figure adds nothing the row does not);
    - a unit leads: its title or item, and at most MAX_LISTED more parts of it;
    - otherwise all of them."""
    if not sources:
        return []
    lead = sources[0]
    if lead.row is not None and lead.asked:
        return [s for s in sources if s.row is not None][:MAX_ROWS]
    if lead.unit:
        parts = [s for s in sources[1:] if _part_of(lead, s)][:MAX_LISTED]
        return [lead, *(s for s in sources[1:] if s in parts or not s.unit)]
    return list(sources)


def plan_for(sources: Sequence[Source], question: str = "") -> Plan | None:
    """The plan for an answer whose lead evidence is `sources[0]`; None with no sources."""
    if not sources:
        return None
    lead = sources[0]
    if lead.row is not None and lead.asked and _states_every_value(lead.row.values, question):
        # "16.54 is the 2027 value of which indicator?": the member gave the values, so
        # the answer is the row's name (a paraphrase of it named nothing checkable).
        label = _clean(without_number(lead.row.label))
        steps = (
            f"Answer plan: the question gives the figures; name the indicator that holds "
            f"them, quoted in 「」 exactly as source [{lead.n}] writes it."
        )
        return Plan(lead.n, quote=label, steps=steps)
    if lead.row is not None and lead.asked:
        figures = tuple(
            found[0].text for value in lead.row.values if (found := extract_figures(value))
        )[:MAX_REQUIRED]
        several = len(lead.row.columns) > 1
        steps = (
            "Answer plan: first the indicator, quoted in 「」, and its value in the asked "
            f"column, from source [{lead.n}]; add nothing the source does not give."
            if not several
            else "Answer plan: first the indicator, quoted in 「」, then its value in each "
            f"asked column, each with that column's year, from source [{lead.n}]. Do not "
            "work out a difference or a ratio: give the values as the source writes them."
        )
        return Plan(lead.n, figures=figures, steps=steps)
    if lead.unit:
        what = (
            "the strategy or direction"
            if lead.title
            else "the measure, and which strategy it is under"
        )
        parts = [(s.n, _clean(s.text)) for s in sources[1:] if _part_of(lead, s)]
        listed = _within_budget(parts[:MAX_LISTED], LIST_MAX if lead.title else PARTNERS_MAX)
        steps = (
            f"Answer plan: first {what}, quoted from source [{lead.n}]; then the measures "
            "asked about, each quoted and cited."
        )
        return Plan(lead.n, quote=_clean(lead.text), listed=listed, steps=steps)
    whose = (
        "say that this is the association's view"
        if lead.speaker == "association"
        else "say which document says it"
    )
    return Plan(lead.n, steps=f"Answer plan: answer from [{lead.n}] and {whose}.")


def _within_budget(parts: list[tuple[int, str]], most: int) -> tuple[tuple[int, str], ...]:
    """The first parts whose quotes, markers and separators fit `most` characters (one
    part at least)."""
    kept: list[tuple[int, str]] = []
    used = 0
    for n, text in parts:
        used += len(text) + PART_OVERHEAD
        if kept and used > most:
            break
        kept.append((n, text))
    return tuple(kept)


def _states_every_value(values: Sequence[str], question: str) -> bool:
    """True when the question itself states the figure of every asked cell."""
    stated = extract_figures(question)
    cells = [found for value in values if (found := extract_figures(value))]
    return bool(cells) and all(any(supported(f, cell) for f in stated) for cell in cells)


def _part_of(lead: Source, source: Source) -> bool:
    """`source` is a part the lead's unit lists: one of its items, or (the lead being a
    title) another title of the same enumeration."""
    return bool(source.unit) and (source.unit == lead.unit or (lead.title and source.title))
