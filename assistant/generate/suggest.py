"""Questions the documents do answer, offered after a refusal: made from the index's own
structure (its first indicator row and first numbered unit) and the declared names, so an
uploaded corpus gets suggestions about itself, never about another corpus's documents.
"""

from __future__ import annotations

import re

from assistant.index.store import LoadedIndex
from assistant.messages import SUGGEST
from assistant.names import CorpusNames
from assistant.text.language import Language
from assistant.text.normalize import without_number
from assistant.text.ordinals import CHINESE_DIGITS

_YEAR = re.compile(r"(?:19|20)\d{2}")
# 「策略三：…」: a unit named by a noun and a number is what members ask for by name.
_NUMBERED = re.compile(rf"^(\D{{1,4}}?[{CHINESE_DIGITS}]+)[：:]")


def suggestions(index: LoadedIndex, names: CorpusNames, language: Language) -> tuple[str, ...]:
    """Up to three questions in the member's language, each answerable from this index."""
    words = SUGGEST[language]
    found: list[str] = []
    chunks = sorted(index.chunks.values(), key=lambda c: (c.doc_id, c.start))
    row = next((c.row for c in chunks if c.row is not None and _last_year(c.row.columns)), None)
    if row is not None:
        label = without_number(row.label)
        found.append(words["target"].format(label=label, year=_last_year(row.columns)))
    numbered = [m.group(1) for t in index.units.titles if (m := _NUMBERED.match(t.group))]
    if numbered:
        found.append(words["unit"].format(unit=numbered[0]))
    headed = next((c for c in chunks if c.speaker == "association" and c.section), None)
    if headed is not None:  # the association's view, on the heading of its own first section
        topic = without_number(headed.section[-1])
        found.append(words["association"].format(topic=topic, **names.sides(language)))
    return tuple(found)


def _last_year(columns: tuple[str, ...]) -> str:
    years = [m.group(0) for column in columns if (m := _YEAR.search(column))]
    return years[-1] if years else ""
