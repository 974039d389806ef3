"""A two-sided answer as two columns (stacked on a phone): each side's own quotes, with
[n] linked to its source card. Document text is escaped; only our markup exists."""

from __future__ import annotations

import html
import re
from typing import Any

from assistant.ui.render import inert_links

_MARKER = re.compile(r"\[(\d+)\]")
SIDE_CLASS = {"government": "gov", "association": "assoc"}


def _line(text: str) -> str:
    escaped = html.escape(inert_links(text))
    return _MARKER.sub(lambda m: f'<a href="#source-{m[1]}">[{m[1]}]</a>', escaped)


def compare_html(answer: dict[str, Any]) -> str:
    """The sides of `answer` (`Answer.sides`) in columns, headed by whose text it is."""
    columns = []
    for side in answer["sides"]:
        kind = SIDE_CLASS.get(side["side"], "other")
        silent = "" if side["said"] else " silent"
        lines = "".join(f"<p>{_line(line)}</p>" for line in side["answer"].split("\n") if line)
        columns.append(
            f'<div class="compare-side {kind}{silent}" data-side="{kind}">'
            f"<h4>{html.escape(side['heading'])}</h4>{lines}</div>"
        )
    return f'<div class="compare">{"".join(columns)}</div>'


CSS = """
.compare {display:grid; grid-template-columns:1fr 1fr; gap:12px;}
.compare-side {border:1px solid #d0d7de; border-radius:8px; padding:6px 10px; min-width:0;}
.compare-side.gov {border-top:4px solid #0b3d91;}
.compare-side.assoc {border-top:4px solid #8a4b00;}
.compare-side.silent {color:#57606a; font-style:italic;}
.compare-side h4 {margin:2px 0 6px;}
.compare-side p {margin:4px 0; word-break:break-word;}
@media (max-width: 700px) {.compare {grid-template-columns:1fr;}}
"""
