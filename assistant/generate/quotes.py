"""Pick the exact span of a passage that best supports a question."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from assistant.ingest.sentences import sentence_spans
from assistant.text.markup import clean_runs
from assistant.text.overlap import coverage, tokens_of
from assistant.types import Chunk


def segments(chunk: Chunk) -> list[tuple[int, int]]:
    """Candidate quote spans, relative to the passage: sentences, or the clean runs of a
    list or table item (never markup)."""
    text = chunk.passage
    if chunk.kind == "table_row":
        return [(0, len(text))]
    if chunk.kind == "prose":
        return sentence_spans(text)
    return [(s, e) for s, e in clean_runs(text) if len(text[s:e]) >= 4] or [(0, len(text))]


MAX_QUOTE = 240
# A segment naming an asked year beats one that covers a fifth more of the question's words
# but names no year: "when" and "by 2032" questions are about the dated sentence.
YEAR_BONUS = 0.2


def best_quote(
    chunk: Chunk,
    query_tokens: Sequence[str],
    years: Sequence[str],
    equivalents: Mapping[str, Sequence[str]] | None = None,
) -> tuple[int, int]:
    """The segment covering most of the query (a year the member asked about breaks ties),
    joined with a neighbouring segment that also matches when both fit in one short quote:
    the answer is often split over two sentences."""
    spans = segments(chunk)
    scores = []
    for start, end in spans:
        piece = chunk.passage[start:end]
        scores.append(
            coverage(query_tokens, tokens_of(piece), equivalents)
            + YEAR_BONUS * sum(y in piece for y in years)
        )
    if not spans:
        return 0, len(chunk.passage)
    best = max(range(len(spans)), key=lambda i: (scores[i], -i))
    neighbours = [i for i in (best - 1, best + 1) if 0 <= i < len(spans) and scores[i] > 0]
    if neighbours and chunk.kind == "prose":  # items are joined by markup: never one quote
        other = max(neighbours, key=lambda i: scores[i])
        start, end = min(spans[best][0], spans[other][0]), max(spans[best][1], spans[other][1])
        if end - start <= MAX_QUOTE:
            return start, end
    return spans[best]
