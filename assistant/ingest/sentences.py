"""Split text into sentences on 。！？ (and ! ?), never mid-sentence.

Returns spans, so callers keep exact offsets into the source.
"""

from __future__ import annotations

import re

# A sentence ends at terminal punctuation plus any closing quotes/brackets after it,
# or at a paragraph break that follows a colon (a list of points comes next).
_END = re.compile(r"[。！？!?]+[」』”’)）]*|(?<=[：:])\n\s*\n|(?<=[.])\s+(?=[A-Z])")


def sentence_spans(text: str, base: int = 0) -> list[tuple[int, int]]:
    """Spans `(start, end)` of the sentences in `text`, offset by `base`, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        _append(text, start, match.end(), base, spans)
        start = match.end()
    _append(text, start, len(text), base, spans)
    return spans


def _append(text: str, start: int, end: int, base: int, spans: list[tuple[int, int]]) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    spans.append((base + start + lead, base + start + lead + len(stripped)))
