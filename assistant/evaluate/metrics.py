"""Small metrics, each with one job. Inputs are plain values, so each is easy to test."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.cite.numbers import extract_figures, supported
from assistant.text.normalize import fold


def first_relevant_rank(passages: Sequence[str], anchor: str) -> int | None:
    """1-based rank of the first passage containing the gold anchor text, or None."""
    wanted = _squeeze(fold(anchor))
    for rank, passage in enumerate(passages, start=1):
        if wanted in _squeeze(fold(passage)):
            return rank
    return None


def hit_at(rank: int | None, k: int) -> float:
    return 1.0 if rank is not None and rank <= k else 0.0


def reciprocal_rank(rank: int | None) -> float:
    return 1.0 / rank if rank else 0.0


def fact_present(fact: str, answer: str) -> bool:
    """A figure is present if the answer states the same value (「5%」, 「百分之五」 and
    "5 percent" all match); other text if its folded form is in the answer, spaces ignored."""
    wanted = extract_figures(fact)
    if not wanted:
        return _squeeze(fold(fact)) in _squeeze(fold(answer))
    # Figures compare by value, never as substrings: "5%" is not in "1.5%".
    stated = extract_figures(answer)
    return all(supported(figure, stated) for figure in wanted)


def facts_present(expected: Sequence[str], answer: str) -> float:
    """Share of expected facts found in the answer."""
    if not expected:
        raise ValueError("facts_present needs at least one expected fact")
    return sum(fact_present(fact, answer) for fact in expected) / len(expected)


def citation_valid(cited_passages: Sequence[str], anchor: str) -> bool:
    """True if some cited passage contains the gold evidence."""
    return first_relevant_rank(cited_passages, anchor) is not None


def unsupported_figures(answer: str, cited_texts: Sequence[str]) -> list[str]:
    """Figures the answer states that no cited text holds (the target is none)."""
    evidence = [figure for text in cited_texts for figure in extract_figures(text)]
    return [f.text for f in extract_figures(answer) if not supported(f, evidence)]


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile; 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def _squeeze(text: str) -> str:
    return "".join(text.split())
