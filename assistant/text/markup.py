"""Markup that some exports leave in plain text: HTML tags, `**` bold markers, list marks.

Quotes never include it: a quote is one clean run of the source, so it still slices back
exactly (`document_text[start:end] == quote`). Display text drops it everywhere.
"""

from __future__ import annotations

import re

# Anything that is layout, not words: tags, bold/italic markers, list and table marks.
MARKUP = re.compile(r"<[^>\n]*>|\*\*|__|➢|•|\t|\n|^\s*[-*]\s+|(?<=\n)\s*[-*]\s+", re.M)
_SPACES = re.compile(r"[ \u3000]{2,}")
_TRIM = " \u3000-–•*"


def clean_runs(text: str, min_chars: int = 2) -> list[tuple[int, int]]:
    """Spans of `text` between markup, trimmed of spaces; each is quotable as it stands."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in [*MARKUP.finditer(text), None]:
        end = match.start() if match else len(text)
        piece = text[start:end]
        left = len(piece) - len(piece.lstrip(_TRIM))
        right = len(piece.rstrip(_TRIM))
        if right - left >= min_chars:
            spans.append((start + left, start + right))
        if match:
            start = match.end()
    return spans


def strip_markup(text: str) -> str:
    """Readable text: list items on their own lines, no tags or bold markers."""
    lines: list[str] = []
    for line in text.split("\n"):
        runs = [line[s:e] for s, e in clean_runs(line, 1)]
        bulleted = "➢" in line or bool(re.match(r"^\s*[-*•]\s", line))
        if not runs:
            continue
        if "➢" in line and len(runs) > 1:
            lines.extend(f"• {run}" for run in runs)
        else:
            joined = _SPACES.sub(" ", " ".join(runs))
            lines.append(f"• {joined}" if bulleted else joined)
    return "\n".join(lines)


def has_markup(text: str) -> bool:
    """True if HTML tags or Markdown bold markers would show to a reader."""
    return bool(re.search(r"<[a-zA-Z/][^>]*>|\*\*", text))
