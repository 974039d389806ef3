"""Small metrics, each with one job. Inputs are plain values, so each is easy to test."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.text.normalize import fold


def first_relevant_rank(passages: Sequence[str], anchor: str) -> int | None:
    """1-based rank of the first passage containing the gold anchor text, or None."""
    wanted = fold(anchor)
    for rank, passage in enumerate(passages, start=1):
        if wanted in fold(passage):
            return rank
    return None


def hit_at(rank: int | None, k: int) -> float:
    return 1.0 if rank is not None and rank <= k else 0.0


def reciprocal_rank(rank: int | None) -> float:
    return 1.0 / rank if rank else 0.0


def facts_present(expected: Sequence[str], answer: str) -> float:
    """Share of expected facts found in the answer, compared after folding (width, script,
    thousands separators) and ignoring white space ("5,000 港元" matches "5000港元")."""
    if not expected:
        raise ValueError("facts_present needs at least one expected fact")
    text = _squeeze(fold(answer))
    return sum(_squeeze(fold(fact)) in text for fact in expected) / len(expected)


def _squeeze(text: str) -> str:
    return "".join(text.split())
