"""Which cell a sentence's table figure claims to be, and whether it is that cell.

A figure copied from a row is only right in its own column and its own row: 「2021年…約
5,000 間」 takes the 2027 target for the 2021 count. So a figure must sit in a cell of
the year its clause names (a cell that names its own year, 「3 755 間 (2021 年)」, is
that year's), one figure said of two years joined by "and" must be the value of both,
and the sentence must say more of its own row's label than of another indicator's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.cite.indicator import english_naming, names_indicator
from assistant.cite.numbers import Figure, extract_figures, supported
from assistant.text.times import YEAR, present, years_asked
from assistant.text.tokenize import tokenize
from assistant.types import TableRow

# Where a clause ends: a figure belongs to the year of its own clause. (A comma or colon
# between digits is a thousands separator or a ratio, not a clause's end.)
_CLAUSE = re.compile(r"[；;、]|(?<!\d)[,，:：]|[,，:：](?!\d)")
_BOTH_YEARS = re.compile(r"\d{4}\s*年?\s*(?:and|及|和|與|与|&)\s*\d{4}")
# A citation marker, and a quotation (its text is the source's, checked elsewhere).
MARKER = re.compile(r"\[\s*(\d+(?:\s*[,，、]\s*\d+)*)\s*\]|【(\d+)】")
QUOTED = re.compile(r"「([^」]{4,})」|“([^”]{4,})”|\"([^\"]{4,})\"")


def wrong_cell(
    sentence: str,
    rows: Sequence[TableRow],
    other_labels: Sequence[str],
    only_rows: bool = False,
    question: str = "",
) -> str | None:
    """Why a sentence's table figure is not the cell it claims to be, or None.

    The figure must be in a cell whose column (or in-cell label, 「3 755 間 (2021 年)」)
    names the year the sentence gives (a row given with several columns needs the year:
    "reach 5,000" could be any column's); and the sentence must not say more of another
    indicator's label (its words this row's label lacks) than of the cited row's own.
    When the sentence cites rows only (`only_rows`), a figure in no cell is not the
    table's: a row's number (「1.2 人均…」) is layout, not a value. The member's own
    figures (`question`) are theirs to repeat."""
    if not rows:
        return None
    # A quote is checked word for word against its source elsewhere: a figure inside it
    # (「2.1 在共享…」, 「每千名…」) is the source's own, not a value the sentence states.
    bare = QUOTED.sub(" ", MARKER.sub("", sentence))
    now = max(present(row.columns) for row in rows)  # 「而家」, "today": that column's year
    years = set(years_asked(bare, now))
    given = extract_figures(question)
    unnamed = ""  # a cell's figure with no word of its row's label (cite/indicator.py)
    for figure, near, each in _figures_with_years(bare, years, now):
        if YEAR.fullmatch(figure.text.strip()) or supported(figure, given):
            continue  # a year, or the member's own figure (「而家先0.99%」): theirs to repeat
        cells = [
            (column, value)
            for row in rows
            for column, value in zip(row.columns, row.values, strict=False)
            if supported(figure, extract_figures(value))
        ]
        if not cells and only_rows:
            return f"the figure '{figure.text}' is in no cell of the cited row"
        if not cells:
            continue
        holders = [r for r in rows if any(supported(figure, extract_figures(v)) for v in r.values)]
        if question and not any(names_indicator(r.label, (bare, question)) for r in holders):
            unnamed = unnamed or f"the figure '{figure.text}' is given without its indicator"
        if not years:
            if any(len(row.columns) > 1 for row in rows):  # which column is it?
                return f"the figure '{figure.text}' is given without the year of its column"
            continue
        if not any(near & _cell_years(column, value) for column, value in cells):
            where = "; ".join(f"{value} is {column}" for column, value in cells)
            asked = ", ".join(sorted(near))
            return f"the figure '{figure.text}' is not the value for {asked} ({where})"
        held = {y for column, value in cells for y in _cell_years(column, value)}
        if each and (missed := sorted(near & _row_years(rows) - held)):
            return f"the figure '{figure.text}' is not the value for {', '.join(missed)}"
    # An English sentence names its row through the dictionary ("private" for 私營).
    own = {t for row in rows for t in tokenize(row.label)}
    own |= {w for row in rows for w in english_naming(row.label, bare)}
    named = set(tokenize(bare))
    # A word the sentence shares with another label ("人口", "企業") makes it about that
    # indicator only when it says more of that label than of the cited row's own.
    said_of_own = sum(len(t) for t in own if t in named)
    for label in other_labels:
        foreign = {t for t in tokenize(label) if t not in own and len(t) >= 2 and t in named}
        if foreign and sum(len(t) for t in foreign) > said_of_own:
            return f"it names another indicator ({label}), not the cited row"
    return unnamed or None


def _row_years(rows: Sequence[TableRow]) -> set[str]:
    return {
        y
        for r in rows
        for c, v in zip(r.columns, r.values, strict=False)
        for y in _cell_years(c, v)
    }


def _cell_years(column: str, value: str) -> set[str]:
    """The year a cell's figure is for: its own label's (「3 755 間 (2021 年)」 is 2021's,
    though it stands in the 2022 column), or else its column's."""
    return set(YEAR.findall(value)) or set(YEAR.findall(column))


def _figures_with_years(
    text: str, years: set[str], now: int = 0
) -> list[tuple[Figure, set[str], bool]]:
    """Each figure with the years of its own clause (「2016年：3,575 港元；2022年：…」 gives
    3,575 to 2016 only), or of the last clause before it that names one; figures before
    the first year take the sentence's. A time in words (「而家」, 「五年後」) names the
    year it stands for from the `now` column (text/times.py)."""
    found: list[tuple[Figure, set[str], bool]] = []
    current = years
    for clause in _CLAUSE.split(text):
        named = set(years_asked(clause, now))
        if named:
            current = named
        figures = extract_figures(clause)
        # One figure for years joined by "and" (「2027年和2032年」) is said of each of them.
        each = _BOTH_YEARS.search(clause) is not None and len(figures) - len(named) == 1
        found += [(figure, current, each) for figure in figures]
    return found
