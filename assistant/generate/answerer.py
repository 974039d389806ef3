"""The model-written answer: evidence first, then the model's prose, verified."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from assistant.cite.verify import verify_answer
from assistant.errors import ModelUnavailableError
from assistant.generate.conflicts import conflict_note
from assistant.generate.grammar import answer_grammar
from assistant.generate.llm import LanguageModel
from assistant.generate.loops import LoopGuard
from assistant.generate.plan import fitting, plan_for
from assistant.generate.prompt import Source, messages
from assistant.ingest.injection import FLAG
from assistant.messages import FALLBACK, MODEL_DOWN
from assistant.names import CorpusNames
from assistant.text.table_rows import asked_columns, describe_row
from assistant.types import SPEAKERS, Answer, Chunk


@dataclass(frozen=True)
class StreamEvent:
    """`evidence` first (shown at once), then `token`s, then one `final`."""

    kind: Literal["evidence", "token", "final"]
    text: str = ""
    answer: Answer | None = None


def sources_for(
    evidence: Answer, chunks: dict[str, Chunk], years: Sequence[str] = ()
) -> list[Source]:
    """A table row goes in as its self-contained statement, cut down to the asked year's
    column when there is one (so no other column's figure can be picked or verified);
    prose goes in as the quoted sentence."""
    sources = []
    given: set[str] = set()
    for citation in evidence.citations:
        if FLAG in chunks[citation.chunk_id].flags:
            continue  # reads like instructions to an AI: never given to the model
        chunk = chunks[citation.chunk_id]
        row = chunk.row
        wanted: list[int] = []
        if row is None:
            text = citation.quote
        elif citation.chunk_id in given:
            continue  # a row's cells are cited one by one; the model sees the row once
        else:
            given.add(citation.chunk_id)
            wanted = asked_columns(row, years, between=False)  # only the asked columns
            if wanted:
                row = replace(
                    row,
                    columns=tuple(row.columns[i] for i in wanted),
                    values=tuple(row.values[i] for i in wanted),
                )
            text = describe_row(row)
        unit = chunk.group if chunk.kind == "item" else ""
        title = chunk.kind == "item" and chunk.role == "title"
        sources.append(Source(citation.n, citation.speaker, text, row, bool(wanted), unit, title))
    return sources


def stream_llm_answer(
    model_question: str,
    evidence: Answer,
    chunks: dict[str, Chunk],
    model: LanguageModel | None,
    max_tokens: int,
    years: Sequence[str] = (),
    grammar: bool = True,
    other_labels: Sequence[str] | None = None,
    names: CorpusNames | None = None,
) -> Iterator[StreamEvent]:
    """Yield the evidence, the model's tokens as they come, and the verified answer.
    With `grammar` (and a backend that takes one), decoding is held to the sources'
    figures and markers (generate/grammar.py). `other_labels`: every indicator label of
    the index (a sentence naming another row's indicator is not verified); found from
    `chunks` when not given."""
    yield StreamEvent("evidence", answer=evidence)
    if evidence.refused or model is None:  # refusal comes first: the model is never asked
        yield StreamEvent("final", answer=replace(evidence, mode="llm"))
        return
    sources = fitting(sources_for(evidence, chunks, years))
    if not sources:  # every source was flagged: nothing the model may use
        yield StreamEvent("final", answer=replace(evidence, mode="llm", fell_back=True))
        return
    started = time.perf_counter()
    first: float | None = None
    pieces: list[str] = []
    guard = LoopGuard()
    try:
        plan = plan_for(sources, model_question)
        steps = plan.steps if plan else ""
        asked = messages(model_question, sources, evidence.language, steps, names)  # type: ignore[arg-type]
        constrained = grammar and model.takes_grammar
        rules = answer_grammar(sources, plan, evidence.language == "en", model_question)
        quotes = [plan.quote, *(t for _, t in plan.listed)] if plan else []
        budget = plan.tokens(max_tokens) if plan else max_tokens
        stream = (
            model.stream_constrained(asked, budget, rules, quotes)
            if constrained
            else model.stream(asked, budget)
        )
        for piece in stream:
            if first is None:
                first = time.perf_counter() - started
            pieces.append(piece)
            yield StreamEvent("token", text=piece)
            if guard.feed(piece):  # looping: stop the model, keep the text before the loop
                getattr(stream, "close", lambda: None)()
                break
    except ModelUnavailableError as exc:
        # The evidence is verified already: show it, with the reason the model is missing.
        note = MODEL_DOWN[evidence.language]
        failed = replace(
            evidence,
            mode="llm",
            answer=f"{note}\n{evidence.answer}",
            model_error=str(exc),
            raw_model_output="".join(pieces),
            fell_back=True,
        )
        yield StreamEvent("final", answer=failed)
        return
    total = time.perf_counter() - started
    raw = "".join(pieces)
    if other_labels is None:
        other_labels = sorted({c.row.label for c in chunks.values() if c.row is not None})
    # Every label goes in: a sentence is checked against the rows *it* cites, so another
    # given row's indicator is as foreign to it as one never given.
    check = verify_answer(
        guard.output,
        {s.n: s.held for s in sources},
        {s.n: s.row for s in sources if s.row is not None},
        other_labels,
        model_question,
        " ".join(names.words_for(SPEAKERS)) if names else "",
    )
    timings = dict(evidence.timings)
    generating = total - (first or 0.0)
    timings.update(
        ttft_s=round(first or total, 3),
        tokens_per_s=round(len(pieces) / generating, 2) if generating > 0 and pieces else 0.0,
        llm_total_s=round(total, 3),
        completion_tokens=len(pieces),
        loop_cut=1.0 if guard.cut else 0.0,
        grammar=1.0 if constrained else 0.0,  # 0: the backend decoded unconstrained
    )
    fallback = f"{FALLBACK[evidence.language]}\n{evidence.answer}"
    disagree = conflict_note(evidence.citations, chunks, years, evidence.language, names)
    text = check.text + disagree if check.states_facts else fallback
    answer = replace(
        evidence,
        mode="llm",
        answer=text,
        unverified=(*check.unverified, *check.problems),
        timings=timings,
        raw_model_output=raw,
        fell_back=not check.states_facts,
    )
    yield StreamEvent("final", answer=answer)
