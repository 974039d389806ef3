"""A table row's cells, and the row as a sentence: what ingest, answers, verification,
the chat and the eval all read rows with."""

from __future__ import annotations

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
