"""Whether the matched table row can answer what was asked, and the refusal when not.

The asked year must be one of the indicator's columns. And a question asking for an
amount of money or a share is answered by the lead row's asked cells only when they give
one. Asked 「2032年本地研發總開支是多少億港元」, the R&D row gives 2% in that column: a
share of GDP, not an amount. The documents then do not say, and the answer says so,
naming the indicator. A count ("how many") is answered by any figure: never judged here.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.messages import KIND_NAMES, KIND_WHERE, NO_KIND, NO_YEAR
from assistant.retrieve.analysis import QueryAnalysis
from assistant.retrieve.gate import KINDS
from assistant.text.normalize import without_number
from assistant.text.table_rows import columns_for, named_years
from assistant.types import Answer, Hit, TableRow

# The kinds of figure a cell must itself give to answer the question.
CELL_KINDS = ("an amount of money", "a share", "a count of people")


def gives(row: TableRow, years: Sequence[str], kind: str | None) -> bool:
    """True when the row's asked cells (every cell when no column is asked) give the
    kind of figure asked for, or the kind is not one a cell must give."""
    if kind not in CELL_KINDS:
        return True
    found = KINDS[kind][1]
    return any(found.search(row.values[i]) for i in columns_for(row, years))


def refusal(question: str, hits: Sequence[Hit], query: QueryAnalysis) -> Answer | None:
    """A refusal naming the matched indicator, when it cannot answer: the asked year is
    none of its columns (nor of the other matched rows'), or the lead row does not give
    the kind of figure asked for in the asked columns (the rows after it are near misses
    shown beside it: per-head spending is no answer to "how much is spent")."""
    language = query.language
    top = hits[0].chunk.row
    assert top is not None
    rows = [h.chunk.row for h in hits if h.chunk.row is not None]
    if query.years and not named_years(top, query.years):
        rows = [row for row in rows if named_years(row, query.years)]
        if not rows:  # the indicator is found, the year is not one of its columns
            message = NO_YEAR[language].format(
                label=top.label, years=", ".join(top.columns), asked=", ".join(query.years)
            )
            return Answer(
                question, message, True, "evidence", language, query=query.text, asks="target"
            )
    misfit = rows[0]
    if gives(misfit, query.years, query.kind):
        return None
    where, everywhere = KIND_WHERE[language]
    message = NO_KIND[language].format(
        kind=KIND_NAMES[query.kind][language],  # type: ignore[index]
        label=without_number(misfit.label),  # 「1.1」 is the row's place, not a figure
        where=where.format(years="、".join(query.years)) if query.years else everywhere,
    )
    return Answer(question, message, True, "evidence", language, query=query.text, asks="target")
