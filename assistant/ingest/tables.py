"""Tables: each row becomes a self-contained chunk; strategy tables group by strategy."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.ingest.structure import Line
from assistant.text.table_rows import cell_spans, describe_row
from assistant.types import TableRow

_STRATEGY = re.compile(r"^\s*(?:•\s*)?(策略[一二三四五六七八九十]+|Strategy\s+\d+)\s*[：:]", re.I)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class RowSpan:
    """A table row (or strategy group) located in the source, with its readable form."""

    start: int
    end: int
    text: str
    row: TableRow | None = None
    label: str = ""


def cells(line: str) -> list[str]:
    return [clean_cell(line[s:e]) for s, e in cell_spans(line)]


def is_separator_row(line: str) -> bool:
    """`|---|:---:|`: layout of a Markdown table, not data."""
    return bool(re.fullmatch(r"[\s|:\-]+", line)) and "-" in line


def clean_cell(cell: str) -> str:
    """Drop stray HTML list markup some exports leave in cells; keep the words."""
    text = _TAG.sub(" ", cell).replace("➢", "；").replace("•", "")
    text = re.sub(r"\s+", " ", text).strip(" ；")
    return text


def is_strategy_table(lines: list[Line]) -> bool:
    return any(_STRATEGY.match(line.text) for line in lines)


@dataclass(frozen=True)
class ItemSpan:
    """One unit of a strategy table: the strategy's title, or one ➢ item of a column.

    `start`/`end` cover the item's words only (no markup), so the span is a clean quote."""

    start: int
    end: int
    group: str  # the strategy's title, as written
    role: str  # "title", or the column header the item sits under (目標 / 建議)


def strategy_items(lines: list[Line]) -> list[ItemSpan]:
    """Every strategy title and every ➢ item under it, in reading order."""
    header = [c for c in cells(lines[0].text) if c] if not _STRATEGY.match(lines[0].text) else []
    items: list[ItemSpan] = []
    group = ""
    for line in lines[1:] if header else lines:
        if _STRATEGY.match(line.text):
            start, end = _title_span(line)
            group = line.text[start - line.start : end - line.start]
            items.append(ItemSpan(start, end, group, "title"))
            continue
        if not group:
            continue
        offset = line.start
        for column, cell in enumerate(line.text.split("\t")):
            role = header[column] if column < len(header) else ""
            for match in _ITEM.finditer(cell):
                words = match.group(1)
                stripped = words.strip()
                if len(stripped) < 2:
                    continue
                lead = len(words) - len(words.lstrip())
                begin = offset + match.start(1) + lead
                items.append(ItemSpan(begin, begin + len(stripped), group, role))
            offset += len(cell) + 1
    return items


_ITEM = re.compile(r"➢([^➢<\t]+)")


def _title_span(line: Line) -> tuple[int, int]:
    text = line.text.split("\t")[0]
    left = len(text) - len(text.lstrip(" •\u3000"))
    right = len(text.rstrip())
    return line.start + left, line.start + right


def indicator_rows(lines: list[Line], title: str) -> list[RowSpan]:
    """One span per data row, carrying the table title, its group and the column headers."""
    header = cells(lines[0].text)
    named = [i for i, cell in enumerate(header) if cell]
    value_start = named[1] if len(named) > 1 else 1
    columns = tuple(header[value_start:])
    spans, group = [], ""
    for line in lines[1:]:
        if is_separator_row(line.text):
            continue
        row = cells(line.text)
        values = tuple(row[value_start:]) + ("",) * (len(columns) - len(row[value_start:]))
        label = " ".join(cell for cell in row[:value_start] if cell)
        if not any(values):
            group = label
            continue
        table_row = TableRow(title, group, label, columns, values[: len(columns)])
        spans.append(RowSpan(line.start, line.end, describe_row(table_row), table_row, label))
    return spans
