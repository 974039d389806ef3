"""What shape an answer takes, read off the question and the document's structure.

- a unit named by number (「策略三」, "strategy 3"): its title, then every item under it;
- an enumeration ("the four directions", 「八大策略」): every unit of that kind, in order;
- one measure: the matching items first, each naming the unit it belongs to;
- anything else: the best passages.

Units are what the chunker marks as items with a title (`Chunk.role == "title"`), so a new
document with the same kind of structure gets the same shapes without new rules.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from assistant.index.units import Units
from assistant.retrieve.analysis import QueryAnalysis
from assistant.text.function import names_a_thing
from assistant.text.glossary import chinese_terms
from assistant.text.normalize import fold
from assistant.text.ordinals import CHINESE_DIGITS, canonical_terms, count_words
from assistant.text.overlap import coverage, tokens_of
from assistant.types import Chunk, Hit

ShapeKind = Literal["unit", "enumeration", "item", "passages"]
# Words that ask for every member of a set ("all", 「列出」): a fact of the languages.
_ALL = re.compile(r"所有|全部|各项|各个|哪几|边几|列出|列举|\ball\b|\blist\b|\bevery\b|\beach\b")
# 「策略三：…」: a unit named by a noun (「策略」) and a number.
_NUMBERED = re.compile(rf"^((\D{{1,4}}?)[{CHINESE_DIGITS}]+)[：:]")
# A measure must cover this share of the question's own words to stand for it.
MEASURE_COVERAGE = 0.5


@dataclass(frozen=True)
class Shape:
    kind: ShapeKind
    chunks: tuple[Chunk, ...] = ()  # what to cite, in order (units and enumerations)
    focus: tuple[Chunk, ...] = ()  # items of a named unit that the question points at


def decide_shape(query: QueryAnalysis, hits: Sequence[Hit], units: Units | None) -> Shape:
    if units is None:
        return Shape("passages")
    titles, topic = units.titles, query.terms.topic
    named = list(dict.fromkeys(u for n in query.ordinals if (u := _named_unit([n], titles))))
    if len(named) > 1:  # 「策略六同策略七」: each unit whole, in the order asked
        return Shape("unit", tuple(m for unit in named for m in units.members(unit)))
    if named:
        # The whole unit, always: a question about one of its measures gets that
        # measure first, and the rest of the unit for context.
        members = units.members(named[0])
        return Shape(
            "unit",
            tuple(members),
            tuple(_measures_asked(topic, named[0], members, query.terms.equivalents)),
        )
    listed = _enumeration(query, titles)
    if listed:
        return Shape("enumeration", tuple(listed))
    top = hits[0].chunk if hits else None
    if top is not None and top.kind == "item" and top.role == "title":
        # The best match is a unit's name: the unit is the answer, all of it.
        return Shape("unit", tuple(units.members(top) or [top]))
    if top is not None and top.kind == "item":
        return Shape("item")
    return Shape("passages")


def parent_section(chunk: Chunk) -> tuple[str, ...]:
    """The section that holds a unit (an item's own section ends with its unit's name)."""
    if chunk.section and chunk.section[-1] == chunk.group:
        return chunk.section[:-1]
    return chunk.section


def numbered_name(group: str) -> str:
    """「策略三」 of 「策略三：…」: how members name a unit, when its name is noun + number."""
    match = _NUMBERED.match(group)
    return match.group(1) if match else ""


def unit_noun(group: str) -> str:
    """「策略」 of 「策略三：…」: the kind of unit, when the name is noun + number."""
    match = _NUMBERED.match(group)
    return match.group(2) if match else ""


def _named_unit(names: Sequence[str], titles: Sequence[Chunk]) -> Chunk | None:
    for name in names:
        exact = [t for t in titles if t.group.startswith(name)]
        loose = [t for t in titles if name in t.group[:12]]
        if exact or loose:
            # Two units may open with the same name (a heading typo, 「策略二：方向二」);
            # the one among its own kind's siblings is meant.
            return max(exact or loose, key=lambda t: _siblings(t, titles))
    return None


def _siblings(title: Chunk, titles: Sequence[Chunk]) -> int:
    noun = unit_noun(title.group)
    home = parent_section(title)
    return sum(1 for t in titles if parent_section(t) == home and unit_noun(t.group) == noun)


def _measures_asked(
    topic: Sequence[str],
    title: Chunk,
    members: Sequence[Chunk],
    equivalents: Mapping[str, Sequence[str]],
) -> list[Chunk]:
    """The unit's items that the question's other words point at (none: the whole unit)."""
    named = tokens_of(title.group)
    # The topic comes from the analysis, its ordinals already in the corpus's form.
    residual = [t for t in topic if t not in named and not canonical_terms(t) and names_a_thing(t)]
    if not residual:
        return []
    scored = [
        (coverage(residual, tokens_of(m.passage), equivalents), m)
        for m in members
        if m.role != "title"
    ]
    best = max((s for s, _ in scored), default=0.0)
    if best < MEASURE_COVERAGE:
        return []
    return [m for s, m in sorted(scored, key=lambda p: -p[0]) if s >= best * 0.8][:3]


def _enumeration(query: QueryAnalysis, titles: Sequence[Chunk]) -> list[Chunk]:
    """Every unit of the kind the question names, when it asks for all of them."""
    text = fold(" ".join([query.text, *chinese_terms(query.text)]))
    numbers = count_words(query.text)
    for noun in dict.fromkeys(unit_noun(t.group) for t in titles):
        if not noun or fold(noun) not in text or query.ordinals:
            continue
        of_kind = [t for t in titles if unit_noun(t.group) == noun]
        # The section holding most units of this kind is the list (a stray heading in
        # another section does not split it).
        sections = [parent_section(t) for t in of_kind]
        home = max(set(sections), key=sections.count)
        listed = [t for t in titles if parent_section(t) == home and t.doc_id == of_kind[0].doc_id]
        if len(listed) in numbers or _ALL.search(text):
            return listed
    return []
