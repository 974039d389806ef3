"""Run a question set through the real pipeline and score every question.

A question that crashes is a failure row carrying its error, never dropped.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.evaluate.metrics import (
    citation_valid,
    column_correct,
    fact_present,
    facts_present,
    first_relevant_rank,
    hit_at,
    in_language,
    lead_correct,
    percentile,
    reciprocal_rank,
    states_a_wrong_figure,
    unquoted_figures,
    unsupported_figures,
)
from assistant.evaluate.questions import Question
from assistant.pipeline import Assistant
from assistant.retrieve.query import years_in
from assistant.text.markup import has_markup
from assistant.types import Answer


@dataclass
class Row:
    """One question's outcome. Score fields are None where they do not apply."""

    id: str
    question: str
    lang: str
    tags: list[str]
    expects_refusal: bool
    mode: str
    ok: bool = False
    refused: bool | None = None
    answer: str = ""
    citations: list[dict[str, Any]] = field(default_factory=list)
    retrieved: list[str] = field(default_factory=list)
    rank: int | None = None
    correct: float | None = None
    citation_valid: bool | None = None
    speaker_ok: bool | None = None
    model_kept: bool | None = None  # llm mode: did the model's own answer pass verification
    model_correct: bool | None = None  # llm mode: kept, and it holds every expected fact
    kept_wrong: bool = False  # llm mode: kept, but states a figure that is not the answer
    struck: int = 0  # llm mode: sentences of the model's draft shown struck out
    ttft_s: float | None = None  # llm mode: first token, and the whole answer
    llm_total_s: float | None = None
    in_language: bool | None = None  # the answer's own words are in the member's language
    lead_ok: bool | None = None  # the first expected fact is in the answer's first line
    column_ok: bool | None = None  # target questions naming a year: the asked column's value
    unquoted: list[str] = field(default_factory=list)  # figures no cited quote vouches for
    markup: bool = False  # HTML tags or ** in the answer or a quote
    obeyed_shown: bool | None = None  # a planted claim is in the shown answer
    obeyed_raw: bool | None = None  # ... or in what the model wrote (llm mode)
    loop_cut: bool = False  # the model repeated itself and was cut
    unsupported: list[str] = field(default_factory=list)
    unverified: list[dict[str, str]] = field(default_factory=list)
    latency_s: float = 0.0
    error: str = ""
    asks: str = ""  # what the system read the question as: target, strategy, fact, comparison

    @property
    def passed(self) -> bool:
        """The question's headline result: right refusal, or right and well-cited answer."""
        if not self.ok:
            return False
        if self.obeyed_shown or self.obeyed_raw:
            return False
        if self.expects_refusal:
            return bool(self.refused)
        return (
            not self.refused
            and self.correct == 1.0
            and not self.unsupported
            and self.speaker_ok is not False
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["passed"] = self.passed
        return data


def score(question: Question, answer: Answer, mode: str, latency: float) -> Row:
    row = Row(
        question.id, question.question, question.lang, list(question.tags), question.refuse, mode
    )
    row.ok = True
    row.refused = answer.refused
    row.answer = answer.answer
    row.latency_s = round(latency, 4)
    row.asks = answer.asks
    row.unverified = [asdict(u) for u in answer.unverified]
    row.citations = [
        {"n": c.n, "chunk_id": c.chunk_id, "quote": c.quote, "speaker": c.speaker}
        for c in answer.citations
    ]
    row.retrieved = [r["chunk_id"] for r in answer.retrieved]
    if mode == "llm" and not answer.refused:
        row.model_kept = not answer.fell_back
        row.struck = len(answer.unverified)
        row.ttft_s = answer.timings.get("ttft_s")
        row.llm_total_s = answer.timings.get("llm_total_s")
    if not answer.refused:
        row.in_language = in_language(answer.answer, question.lang)
    cited_texts = [f"{c.passage} {c.context}" for c in answer.citations]
    row.unsupported = unsupported_figures(answer.answer, cited_texts, question.question)
    if not answer.refused:
        row.unquoted = unquoted_figures(
            answer.answer,
            {c.n: c.quote for c in answer.citations},
            {c.n: c.context for c in answer.citations},
            {c.n: c.section for c in answer.citations},
            question.question,
        )
    row.markup = has_markup(answer.answer) or any(has_markup(c.quote) for c in answer.citations)
    row.loop_cut = bool(answer.timings.get("loop_cut"))
    if question.absent:
        row.obeyed_shown = any(_says(answer.answer, claim) for claim in question.absent)
        if mode == "llm":
            row.obeyed_raw = any(_says(answer.raw_model_output, c) for c in question.absent)
    if question.anchor:
        row.rank = first_relevant_rank([r["text"] for r in answer.retrieved], question.anchor)
        row.correct = 0.0 if answer.refused else facts_present(question.expect, answer.answer)
        row.lead_ok = not answer.refused and lead_correct(question.expect, answer.answer)
        if "target" in question.tags and years_in(question.question):
            rows = [(c.passage, c.context.split(" | ")) for c in answer.citations if c.context]
            row.column_ok = not answer.refused and column_correct(
                question.expect, answer.answer, rows
            )
        if row.model_kept is not None:
            row.model_correct = row.model_kept and row.correct == 1.0
            row.kept_wrong = row.model_kept and states_a_wrong_figure(
                question.expect, answer.answer, question.question
            )
        row.citation_valid = not answer.refused and citation_valid(
            [c.passage for c in answer.citations], question.anchor
        )
        if question.speaker:
            gold = [c for c in answer.citations if citation_valid([c.passage], question.anchor)]
            row.speaker_ok = bool(gold) and all(c.speaker == question.speaker for c in gold)
    return row


def _says(text: str, claim: str) -> bool:
    """The claim is stated: a figure by value, other text as folded words."""
    return fact_present(claim, text)


def run_questions(
    assistant: Assistant,
    questions: Sequence[Question],
    mode: str,
    on_row: Callable[[Row], None] | None = None,
) -> list[Row]:
    rows = []
    for question in questions:
        started = time.perf_counter()
        try:
            answer = assistant.ask(question.question, list(question.history), mode=mode)
            row = score(question, answer, mode, time.perf_counter() - started)
        except Exception as exc:  # a crash is a result to report, not a reason to stop
            row = Row(
                question.id,
                question.question,
                question.lang,
                list(question.tags),
                question.refuse,
                mode,
                latency_s=round(time.perf_counter() - started, 4),
            )
            row.error = f"{exc.__class__.__name__}: {exc}\n{traceback.format_exc(limit=3)}"
            if question.anchor:
                row.correct = 0.0
        rows.append(row)
        if on_row:
            on_row(row)
    return rows


def summarise(rows: Sequence[Row]) -> dict[str, Any]:
    """Headline metrics, plus the same per tag."""
    summary = _metrics(rows)
    tags = sorted({tag for row in rows for tag in row.tags} | {row.lang for row in rows})
    summary["by_tag"] = {
        tag: _metrics([r for r in rows if tag in r.tags or r.lang == tag]) for tag in tags
    }
    return summary


def expected_kind(tags: Sequence[str]) -> str | None:
    """The kind a question's tags give it, to check what the system read it as (None for
    a question the documents don't answer: its tags name no kind)."""
    if "refuse" in tags:
        return None
    for kind in ("comparison", "strategy", "target"):
        if kind in tags:
            return kind
    return "fact"


def _p50(values: Sequence[float | None]) -> float | None:
    timed = [v for v in values if v is not None]
    return round(percentile(timed, 50), 3) if timed else None


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def _metrics(rows: Sequence[Row]) -> dict[str, Any]:
    answerable = [r for r in rows if not r.expects_refusal]
    refusable = [r for r in rows if r.expects_refusal]
    answered = [r for r in answerable if r.ok and not r.refused]
    latencies = [r.latency_s for r in rows if r.ok]
    return {
        "questions": len(rows),
        "passed": sum(r.passed for r in rows),
        "errors": sum(not r.ok for r in rows),
        "hit@1": _mean([hit_at(r.rank, 1) for r in answerable]),
        "hit@3": _mean([hit_at(r.rank, 3) for r in answerable]),
        "hit@5": _mean([hit_at(r.rank, 5) for r in answerable]),
        "mrr": _mean([reciprocal_rank(r.rank) for r in answerable]),
        "answer_correct": _mean([r.correct or 0.0 for r in answerable]),
        "citation_validity": _mean([1.0 if r.citation_valid else 0.0 for r in answered]),
        "speaker_accuracy": _mean(
            [1.0 if r.speaker_ok else 0.0 for r in rows if r.speaker_ok is not None]
        ),
        "model_answer_kept": _mean(
            [1.0 if r.model_kept else 0.0 for r in rows if r.model_kept is not None]
        ),
        "model_correct": _mean(
            [1.0 if r.model_correct else 0.0 for r in rows if r.model_correct is not None]
        ),
        "fallbacks": sum(1 for r in rows if r.model_kept is False),
        "kept_incomplete": sum(
            1 for r in rows if r.model_kept and r.correct is not None and r.correct < 1.0
        ),
        "kept_wrong": sum(1 for r in rows if r.kept_wrong),
        "kind_read": _mean(
            [float(r.asks == kind) for r in rows if r.ok and (kind := expected_kind(r.tags))]
        ),
        "struck_sentences": sum(r.struck for r in rows),
        "in_language": _mean(
            [1.0 if r.in_language else 0.0 for r in rows if r.in_language is not None]
        ),
        "ttft_p50_s": _p50([r.ttft_s for r in rows]),
        "llm_total_p50_s": _p50([r.llm_total_s for r in rows]),
        "lead_correct": _mean([1.0 if r.lead_ok else 0.0 for r in answerable if r.ok]),
        "column_correct": _mean(
            [1.0 if r.column_ok else 0.0 for r in rows if r.column_ok is not None]
        ),
        "quoted_support": _mean([0.0 if r.unquoted else 1.0 for r in answered]),
        "unquoted_figures": sum(len(r.unquoted) for r in rows),
        "answers_with_markup": sum(1 for r in rows if r.markup),
        "injection_obeyed_shown": sum(1 for r in rows if r.obeyed_shown),
        "injection_obeyed_raw": sum(1 for r in rows if r.obeyed_raw),
        "loops_cut": sum(1 for r in rows if r.loop_cut),
        "unsupported_figures": sum(len(r.unsupported) for r in rows),
        "refusal_accuracy": _mean([1.0 if r.ok and r.refused else 0.0 for r in refusable]),
        "false_refusal_rate": _mean([1.0 if r.refused else 0.0 for r in answerable if r.ok]),
        "latency_p50_s": round(percentile(latencies, 50), 4),
        "latency_p95_s": round(percentile(latencies, 95), 4),
    }
