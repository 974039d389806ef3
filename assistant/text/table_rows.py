"""A table row's cells, and the row as a sentence: what ingest, answers, verification,
the chat and the eval all read rows with."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.types import TableRow


def cell_spans(line: str) -> list[tuple[int, int]]:
    """Each cell's words in a row (tab-separated, or a Markdown `| a | b |` row), as spans
    of the line with the separators and padding left out."""
    pipes = line.strip().startswith("|")
    separator = "|" if pipes else "\t"
    spans, offset = [], 0
    parts = line.split(separator)
    for k, cell in enumerate(parts):
        if not (pipes and (k == 0 or k == len(parts) - 1) and not cell.strip()):
            left = len(cell) - len(cell.lstrip())
            spans.append((offset + left, offset + max(len(cell.rstrip()), left)))
        offset += len(cell) + 1
    return spans


def describe_row(row: TableRow) -> str:
    """The row as a sentence a reader (or a model) understands without the table."""
    pairs = "；".join(f"{col}：{val}" for col, val in zip(row.columns, row.values, strict=False))
    context = "｜".join(part for part in (row.title, row.group, row.label) if part)
    return f"{context}｜{pairs}"


def asked_columns(row: TableRow, years: Sequence[str], between: bool = True) -> list[int]:
    """The columns an asked year names, in column order ([] if none): in the header or
    in the cell's own label (「3 755 間 (2021 年)」 is the 2021 figure). With `between`,
    two asked years take every column from the first to the last (「由2016年到2032年」)."""
    cells = list(zip(row.columns, row.values, strict=False))
    found = [i for year in years for i, cell in enumerate(cells) if _names(cell, year)]
    if between and len(found) >= 2:
        return list(range(min(found), max(found) + 1))
    return sorted(dict.fromkeys(found))


def named_years(row: TableRow, years: Sequence[str]) -> list[str]:
    """The asked years that name one of the row's columns."""
    cells = list(zip(row.columns, row.values, strict=False))
    return [year for year in years if any(_names(cell, year) for cell in cells)]


def _names(cell: tuple[str, str], year: str) -> bool:
    return any(re.search(rf"(?<!\d){year}(?!\d)", text) for text in cell)


def columns_for(row: TableRow, years: Sequence[str]) -> list[int]:
    """The asked columns, or every column when no asked year names one."""
    return asked_columns(row, years) or list(range(len(row.columns)))
