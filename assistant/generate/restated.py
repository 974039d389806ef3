"""Where a document's list of units contradicts itself, and its own prose says it right.

The seed's annex lists the Blueprint's four directions, but gives 方向四 the name of 方向三
(「推動數字經濟發展，建設智慧香港」); its body names all four in one sentence
(「…和「積極融入國家發展大局，做好連通內地與世界的橋樑」四大發展方向」). A list answer that
only quotes the annex repeats the copying error. So when one unit of a listed kind has the
same name as an earlier sibling, the answer says so and quotes the document's own prose
that names the units by their count and kind (「四大發展方向」, "eight strategies").

Nothing here knows the seed: units, names and counts come from the document's structure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from assistant.generate.shapes import numbered_name, parent_section, unit_noun
from assistant.index.units import Units
from assistant.text.ordinals import CHINESE_DIGITS
from assistant.types import Chunk

Restating = tuple[Chunk, int, int]  # a chunk and the span of its passage that restates a list

# The prose that names a list says its count, an optional measure word, a few words of
# description (「發展」), then the kind of unit: 「四大發展方向」, 「八項策略」.
_BETWEEN = 4
_CLAUSE_END = "。！？；，"


def clash(listed: Sequence[Chunk], units: Units) -> tuple[Chunk, Chunk, Restating] | None:
    """(the unit, the earlier one whose name it repeats, the prose that lists them) for the
    first listed unit that repeats a sibling's name and whose list the prose restates."""
    for title in (c for c in listed if c.role == "title"):
        earlier = clashes(title, units.titles)
        found = restating(title, units.titles, units.chunks) if earlier else None
        if earlier is not None and found is not None:
            return title, earlier, found
    return None


def clashes(title: Chunk, titles: Sequence[Chunk]) -> Chunk | None:
    """The earlier sibling whose name `title` repeats (after their numbers), if any."""
    noun, name = _parts(title)
    if not name:
        return None
    home = parent_section(title)
    for other in titles:
        if other.start >= title.start or other.doc_id != title.doc_id:
            continue
        if parent_section(other) == home and _parts(other) == (noun, name):
            return other
    return None


def restating(title: Chunk, titles: Sequence[Chunk], chunks: Iterable[Chunk]) -> Restating | None:
    """The clause of the document's prose (not of the list) that names the units listed
    with `title` by their count and kind, as (chunk, start, end) within its passage."""
    noun, _ = _parts(title)
    home = parent_section(title)
    siblings = [t for t in titles if t.doc_id == title.doc_id and parent_section(t) == home]
    count = len(siblings)
    if not noun or not 1 <= count <= len(CHINESE_DIGITS):
        return None
    said = (
        rf"(?:{count}|{CHINESE_DIGITS[count - 1]})\s*[大項个個]?[^。，、\s]{{0,{_BETWEEN}}}{noun}"
    )
    pattern = re.compile(said)
    doc = title.doc_id
    for chunk in sorted(chunks, key=lambda c: c.start):
        if chunk.doc_id != doc or chunk.kind == "item":
            continue
        match = pattern.search(chunk.passage)
        if match:
            return chunk, *_clause_around(chunk.passage, match.start(), match.end())
    return None


def _parts(title: Chunk) -> tuple[str, str]:
    """(「方向」, its name) of 「方向四：推動數字經濟發展，建設智慧香港。」."""
    number = numbered_name(title.group)
    if not number:
        return "", ""
    name = title.group[len(number) :].lstrip("：: ").rstrip("。. ")
    return unit_noun(title.group), name


def _clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause holding text[start:end]: from the last comma or sentence end before it
    to the next after it, commas inside 「」 quotes aside (the names listed may hold
    commas of their own)."""
    depth, stops = 0, [-1]
    for i, char in enumerate(text):
        depth += (char in "「『") - (char in "」』")
        if depth == 0 and char in _CLAUSE_END:
            stops.append(i)
    begin = max(i for i in stops if i < start) + 1
    after = [i for i in stops if i >= end]
    finish = after[0] if after else len(text)
    while begin < start and text[begin].isspace():
        begin += 1
    return begin, finish
