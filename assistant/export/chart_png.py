"""The indicator chart as a PNG (for Word, which shows no SVG): the same bars as
ui/chart.py, drawn with Pillow from the cited table row's own values."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from assistant.types import TableRow
from assistant.ui.chart import BASELINE_COLOR, TARGET_COLOR, plotted_value

# A CJK font so the row's own labels (「3 755 間 (2021 年)」) are drawn as written.
CJK_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
)


def _font(size: int) -> tuple[ImageFont.FreeTypeFont | ImageFont.ImageFont, bool]:
    """A CJK font at `size`, or Pillow's own (then only figures are drawn, not labels)."""
    for path in CJK_FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size), True
    return ImageFont.load_default(size), False


def indicator_chart_png(row: TableRow, target_from: int = 2, scale: int = 2) -> bytes | None:
    """PNG bytes of the row's bars (targets darker), or None when fewer than two cells
    hold a figure (as for the SVG chart)."""
    values = [plotted_value(v) for v in row.values]
    if sum(v is not None for v in values) < 2:
        return None
    top = max(v for v in values if v is not None) or 1
    width, height, base, bar_w = 420 * scale, 230 * scale, 170 * scale, 60 * scale
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    title, cjk = _font(13 * scale)
    small, _ = _font(11 * scale)
    draw.text((10 * scale, 4 * scale), row.label if cjk else "", fill="black", font=title)
    for i, (column, cell, value) in enumerate(zip(row.columns, row.values, values, strict=False)):
        x = (30 + i * 90) * scale
        bar_h = 0.0 if value is None else float(value / top) * 120 * scale
        color = TARGET_COLOR if i >= target_from else BASELINE_COLOR
        if bar_h:
            draw.rectangle((x, base - bar_h, x + bar_w, base), fill=color)
        shown = cell if cjk else (str(value) if value is not None else "")
        centre = x + bar_w / 2
        draw.text((centre, base - bar_h - 4 * scale), shown, fill="black", font=small, anchor="md")
        draw.text(
            (centre, base + 4 * scale), column.split(" ")[0], fill="black", font=small, anchor="ma"
        )
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
