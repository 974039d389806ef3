"""Questions the documents do answer, offered after a refusal: made from the index's own
structure (its first indicator row and first numbered unit) and the declared names, so an
uploaded corpus gets suggestions about itself, never about another corpus's documents.
"""

from __future__ import annotations

from assistant.generate.shapes import numbered_name
from assistant.index.store import LoadedIndex
from assistant.messages import SUGGEST
from assistant.names import CorpusNames
from assistant.retrieve.query import years_in
from assistant.text.language import Language
from assistant.text.normalize import without_number


def suggestions(index: LoadedIndex, names: CorpusNames, language: Language) -> tuple[str, ...]:
    """Up to three questions in the member's language, each answerable from this index."""
    words = SUGGEST[language]
    units = index.units  # grouped once per version: nothing here scans every passage
    found: list[str] = []
    dated = ((c.row, year) for c in units.rows if c.row and (year := _last_year(c.row.columns)))
    if (first := next(dated, None)) is not None:
        row, year = first
        found.append(words["target"].format(label=without_number(row.label), year=year))
    numbered = (name for t in units.titles if (name := numbered_name(t.group)))
    if (unit := next(numbered, None)) is not None:
        found.append(words["unit"].format(unit=unit))
    if (headed := units.first_headed.get("association")) is not None:
        topic = without_number(headed.section[-1])  # the heading of its own first section
        found.append(words["association"].format(topic=topic, **names.sides(language)))
    return tuple(found)


def _last_year(columns: tuple[str, ...]) -> str:
    """The year of a row's last dated column (a column's first year: 「2032 (2030 年數字)」)."""
    years = [found[0] for column in columns if (found := years_in(column))]
    return years[-1] if years else ""
