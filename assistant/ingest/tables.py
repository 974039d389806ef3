"""Tables: each row becomes a self-contained chunk; strategy tables group by strategy."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.ingest.structure import Line
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
    return [clean_cell(cell) for cell in line.split("\t")]


def clean_cell(cell: str) -> str:
    """Drop stray HTML list markup some exports leave in cells; keep the words."""
    text = _TAG.sub(" ", cell).replace("➢", "；").replace("•", "")
    text = re.sub(r"\s+", " ", text).strip(" ；")
    return text


def is_strategy_table(lines: list[Line]) -> bool:
    return any(_STRATEGY.match(line.text) for line in lines)


def strategy_groups(lines: list[Line], title: str) -> list[RowSpan]:
    """One span per strategy: its title line plus all its target/proposal rows."""
    header = [c for c in cells(lines[0].text) if c] if not _STRATEGY.match(lines[0].text) else []
    groups: list[list[Line]] = []
    for line in lines[1:] if header else lines:
        if _STRATEGY.match(line.text) or not groups:
            groups.append([line])
        else:
            groups[-1].append(line)
    spans = []
    for group in groups:
        name = clean_cell(group[0].text)
        parts = [f"{title}｜{name}"]
        for line in group[1:]:
            row = cells(line.text)
            labelled = [
                f"{header[i]}：{value}" if i < len(header) else value
                for i, value in enumerate(row)
                if value
            ]
            parts.append("；".join(labelled))
        label = _STRATEGY.match(group[0].text)
        spans.append(
            RowSpan(
                start=group[0].start,
                end=group[-1].end,
                text="\n".join(parts),
                label=label.group(1) if label else name,
            )
        )
    return spans


def indicator_rows(lines: list[Line], title: str) -> list[RowSpan]:
    """One span per data row, carrying the table title, its group and the column headers."""
    header = cells(lines[0].text)
    named = [i for i, cell in enumerate(header) if cell]
    value_start = named[1] if len(named) > 1 else 1
    columns = tuple(header[value_start:])
    spans, group = [], ""
    for line in lines[1:]:
        row = cells(line.text)
        values = tuple(row[value_start:]) + ("",) * (len(columns) - len(row[value_start:]))
        label = " ".join(cell for cell in row[:value_start] if cell)
        if not any(values):
            group = label
            continue
        table_row = TableRow(title, group, label, columns, values[: len(columns)])
        spans.append(RowSpan(line.start, line.end, describe_row(table_row), table_row, label))
    return spans


def describe_row(row: TableRow) -> str:
    """The row as a sentence a reader (or a model) understands without the table."""
    pairs = "；".join(f"{col}：{val}" for col, val in zip(row.columns, row.values, strict=False))
    context = "｜".join(part for part in (row.title, row.group, row.label) if part)
    return f"{context}｜{pairs}"
