"""Compare two runs: which questions changed, how metrics moved, and whether that is a
regression under the committed thresholds."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Metrics where higher is better; the rest (rates of failure, counts) lower is better.
HIGHER_IS_BETTER = {
    "hit@1",
    "hit@3",
    "hit@5",
    "mrr",
    "answer_correct",
    "citation_validity",
    "speaker_accuracy",
    "model_answer_kept",
    "model_correct",
    "in_language",
    "lead_correct",
    "column_correct",
    "quoted_support",
    "refusal_accuracy",
    "passed",
}
COMPARED = [
    "passed",
    "hit@1",
    "hit@3",
    "hit@5",
    "mrr",
    "answer_correct",
    "citation_validity",
    "speaker_accuracy",
    "lead_correct",
    "column_correct",
    "quoted_support",
    "unquoted_figures",
    "answers_with_markup",
    "injection_obeyed_shown",
    "injection_obeyed_raw",
    "loops_cut",
    "model_answer_kept",
    "model_correct",
    "fallbacks",
    "kept_incomplete",
    "kept_wrong",
    "struck_sentences",
    "in_language",
    "unsupported_figures",
    "refusal_accuracy",
    "false_refusal_rate",
    "errors",
    "latency_p50_s",
    "latency_p95_s",
    "ttft_p50_s",
    "llm_total_p50_s",
]


@dataclass
class Comparison:
    baseline: str
    fixed: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    deltas: dict[str, float] = field(default_factory=dict)


def compare_runs(
    rows: list[dict[str, Any]],
    metrics: dict[str, Any],
    base_rows: list[dict[str, Any]],
    base_metrics: dict[str, Any],
    baseline: str,
) -> Comparison:
    now = {r["id"]: r["passed"] for r in rows}
    before = {r["id"]: r["passed"] for r in base_rows}
    result = Comparison(baseline=baseline)
    for qid, passed in now.items():
        if qid not in before:
            result.added.append(qid)
        elif passed and not before[qid]:
            result.fixed.append(qid)
        elif before[qid] and not passed:
            result.broken.append(qid)
    result.removed = [qid for qid in before if qid not in now]
    for name in COMPARED:
        a, b = metrics.get(name), base_metrics.get(name)
        if isinstance(a, int | float) and isinstance(b, int | float):
            result.deltas[name] = round(a - b, 4)
    return result


def check_thresholds(
    metrics: dict[str, Any], mode: str, thresholds: dict[str, Any], comparison: Comparison | None
) -> list[str]:
    """Every breach, as a sentence. Floors are absolute; drops are against the baseline."""
    breaches = []
    for name, limit in thresholds.get("floors", {}).get(mode, {}).items():
        value = metrics.get(name)
        if value is None:
            continue
        if name in HIGHER_IS_BETTER and value < limit:
            breaches.append(f"{name} is {value}, below the floor {limit}")
        if name not in HIGHER_IS_BETTER and value > limit:
            breaches.append(f"{name} is {value}, above the ceiling {limit}")
    enough = metrics.get("questions", 0) >= thresholds.get("min_questions_for_drop", 0)
    if comparison is not None and enough:
        for name, limit in thresholds.get("max_drop", {}).items():
            delta = comparison.deltas.get(name)
            if delta is None:
                continue
            worse = -delta if name in HIGHER_IS_BETTER else delta
            if worse > limit:
                breaches.append(
                    f"{name} moved by {delta:+.4f} since {comparison.baseline} (allowed {limit})"
                )
    return breaches
