"""How much of a query's words a text contains: what the gate, quoting and answer shapes
all measure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet

from assistant.text.tokenize import tokenize


def tokens_of(text: str) -> set[str]:
    return set(tokenize(text))


def coverage(
    query_tokens: Sequence[str],
    passage_tokens: AbstractSet[str],
    equivalents: Mapping[str, Sequence[str]] | None = None,
) -> float:
    """Share of distinct query tokens found in the passage (longer tokens weigh more); a
    token with `equivalents` (its translations) is found when one of them is."""
    distinct = set(query_tokens)
    if not distinct:
        return 0.0
    equivalents = equivalents or {}
    total = sum(len(t) for t in distinct)
    found = [
        t
        for t in distinct
        if t in passage_tokens or any(e in passage_tokens for e in equivalents.get(t, ()))
    ]
    return sum(len(t) for t in found) / total
