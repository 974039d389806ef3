"""Pick the exact span of a passage that best supports a question."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.ingest.sentences import sentence_spans
from assistant.retrieve.gate import coverage, tokens_of
from assistant.types import Chunk

_ITEM = re.compile(r"[^\t\n➢]+")


def segments(chunk: Chunk) -> list[tuple[int, int]]:
    """Candidate quote spans, relative to the passage: sentences, list lines or table items."""
    text = chunk.passage
    if chunk.kind == "table_row":
        return [(0, len(text))]
    if chunk.kind == "prose":
        return sentence_spans(text)
    spans = []
    for match in _ITEM.finditer(text):
        piece = match.group(0)
        cleaned = re.sub(r"<[^>]*>", "", piece).strip(" -•*\u3000")
        if len(cleaned) >= 4:
            lead = piece.find(cleaned[:2]) if cleaned[:2] in piece else 0
            start = match.start() + max(lead, 0)
            spans.append((start, match.start() + len(piece.rstrip())))
    return spans or [(0, len(text))]


MAX_QUOTE = 240


def best_quote(chunk: Chunk, query_tokens: Sequence[str], years: Sequence[str]) -> tuple[int, int]:
    """The segment covering most of the query (a year the member asked about breaks ties),
    joined with a neighbouring segment that also matches when both fit in one short quote:
    the answer is often split over two sentences."""
    spans = segments(chunk)
    scores = []
    for start, end in spans:
        piece = chunk.passage[start:end]
        scores.append(
            coverage(query_tokens, tokens_of(piece)) + 0.2 * sum(y in piece for y in years)
        )
    if not spans:
        return 0, len(chunk.passage)
    best = max(range(len(spans)), key=lambda i: (scores[i], -i))
    neighbours = [i for i in (best - 1, best + 1) if 0 <= i < len(spans) and scores[i] > 0]
    if neighbours:
        other = max(neighbours, key=lambda i: scores[i])
        start, end = min(spans[best][0], spans[other][0]), max(spans[best][1], spans[other][1])
        if end - start <= MAX_QUOTE:
            return start, end
    return spans[best]
