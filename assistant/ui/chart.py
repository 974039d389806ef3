"""A small bar chart of one target indicator across its columns, built from the cited
table row's own values (never from model text), as plain SVG."""

from __future__ import annotations

import html
from decimal import Decimal

from assistant.cite.numbers import extract_figures
from assistant.types import TableRow

TARGET_COLOR, BASELINE_COLOR = "#1565c0", "#90a4ae"


def plotted_value(cell: str) -> Decimal | None:
    """The first figure of a cell: 「0.74% (167.27 億港元)」 -> 0.74, 「56:44」 -> 56."""
    figures = extract_figures(cell)
    if not figures:
        return None
    key = figures[0].key.split(":")[0]
    return Decimal(key)


def indicator_chart_svg(row: TableRow, source: str, target_from: int = 2) -> str | None:
    """Bars for each column; columns from `target_from` on are targets (darker)."""
    values = [plotted_value(v) for v in row.values]
    if sum(v is not None for v in values) < 2:
        return None
    top = max(v for v in values if v is not None) or Decimal(1)
    width, height, base, bar_w = 420, 230, 170, 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{html.escape(row.label)}" '
        'font-family="sans-serif">',
        f'<text x="10" y="18" font-size="13" font-weight="bold">{html.escape(row.label)}</text>',
    ]
    for i, (column, cell, value) in enumerate(zip(row.columns, row.values, values, strict=False)):
        x = 30 + i * (bar_w + 30)
        bar_h = 0 if value is None else float(value / top) * 120
        color = TARGET_COLOR if i >= target_from else BASELINE_COLOR
        parts.append(
            f'<rect x="{x}" y="{base - bar_h:.1f}" width="{bar_w}" '
            f'height="{bar_h:.1f}" fill="{color}"/>'
        )
        parts.append(
            f'<text x="{x + bar_w / 2}" y="{base - bar_h - 4:.1f}" font-size="11" '
            f'text-anchor="middle">{html.escape(cell)}</text>'
        )
        parts.append(
            f'<text x="{x + bar_w / 2}" y="{base + 14}" font-size="11" '
            f'text-anchor="middle">{html.escape(column.split(" ")[0])}</text>'
        )
    parts.append(
        f'<text x="10" y="{height - 10}" font-size="10" fill="#555">{html.escape(source)}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)
