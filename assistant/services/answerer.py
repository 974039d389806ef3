"""The Answerer: one question from one index snapshot to the log.

    snapshot (services/indexer.py) -> evidence (generate/question.py) -> model
    (generate/answerer.py) -> verify (cite/verify.py) -> log (audit.py)

Every final answer is written to the answer log here and nowhere else."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from assistant.audit import AnswerLog, log_record
from assistant.config import Settings
from assistant.errors import InputError
from assistant.generate.answerer import StreamEvent, stream_llm_answer
from assistant.generate.conflicts import add_conflicts
from assistant.generate.question import answer_question
from assistant.generate.suggest import suggestions
from assistant.index.store import LoadedIndex
from assistant.names import NO_NAMES, CorpusNames
from assistant.retrieve.query import Query
from assistant.services.indexer import Indexer
from assistant.services.models import Models
from assistant.text.language import detect_language
from assistant.types import Answer

History = Sequence[dict[str, str]]


@dataclass(frozen=True)
class Evidence:
    """The evidence answer and what the model step needs to continue from it."""

    answer: Answer
    query: Query
    started: float
    index: LoadedIndex  # the one version this question reads, from evidence to log
    history: tuple[dict[str, str], ...] = ()
    names: CorpusNames = NO_NAMES  # the version's declared names (how labels name speakers)


class Answerer:
    """Answers questions and logs each final answer, against the version it was built on."""

    def __init__(
        self, settings: Settings, models: Models, indexer: Indexer, log: AnswerLog
    ) -> None:
        self.settings = settings
        self.models = models
        self.indexer = indexer
        self.log = log

    def evidence(self, question: str, history: History = (), compare: bool = False) -> Evidence:
        """Retrieve and quote: the fast first half of every answer (no model)."""
        started = time.perf_counter()
        question = self._check_question(question)
        language = detect_language(question)
        snapshot = self.indexer.snapshot()  # one version for the whole question
        index = snapshot.index
        answer, query = answer_question(
            snapshot.retriever,
            index,
            question,
            history,
            language,
            self.settings.top_k,
            compare,
            snapshot.names,
        )
        if not answer.sides:  # two columns never mix speakers, not even in a conflict note
            answer = add_conflicts(
                answer, index.chunks, index.documents, query.years, language, snapshot.names
            )
        if answer.refused:
            answer = replace(answer, suggestions=suggestions(index, snapshot.names, language))
        timings = {**answer.timings, "evidence_s": round(time.perf_counter() - started, 4)}
        answer = replace(answer, timings=timings, corpus_version=index.name)
        return Evidence(answer, query, started, index, tuple(history), snapshot.names)

    def finish(self, evidence: Evidence) -> Answer:
        """The evidence answer as the final one (evidence mode, a refusal, two columns):
        logged, and returned with its log id."""
        answer = evidence.answer
        total = answer.timings.get("evidence_s", 0.0)
        return self._logged(replace(answer, timings={**answer.timings, "total_s": total}), evidence)

    def generate(self, evidence: Evidence) -> Iterator[StreamEvent]:
        """The model's half: tokens as they come, then the verified answer, logged."""
        answer, query = evidence.answer, evidence.query
        if answer.sides:  # each column is its own side's verbatim quotes: no prose across them
            yield StreamEvent("final", answer=self._timed_and_logged(answer, evidence))
            return
        model = self.models.llm() if not answer.refused else None
        model_question = query.text if query.condensed_from_history else answer.question
        for event in stream_llm_answer(
            model_question,
            answer,
            evidence.index.chunks,
            model,
            self.settings.llm_max_tokens,
            query.years,
            self.settings.llm_grammar,
            evidence.index.units.row_labels,
            evidence.names,
        ):
            if event.kind == "final" and event.answer is not None:
                event = replace(event, answer=self._timed_and_logged(event.answer, evidence))
            yield event

    def stream(
        self, question: str, history: History = (), mode: str = "evidence", compare: bool = False
    ) -> Iterator[StreamEvent]:
        """Events in order: the evidence answer, then (llm mode) tokens, then the final answer."""
        if mode not in ("evidence", "llm"):
            raise InputError(f"Unknown mode '{mode}'. Use evidence or llm.")
        evidence = self.evidence(question, history, compare)
        if mode == "evidence":
            yield StreamEvent("evidence", answer=evidence.answer)
            yield StreamEvent("final", answer=self.finish(evidence))
            return
        yield from self.generate(evidence)

    def ask(
        self, question: str, history: History = (), mode: str = "evidence", compare: bool = False
    ) -> Answer:
        """Answer from the documents: `evidence` quotes only; `llm` adds verified prose.
        `compare`: the government's and the association's text side by side."""
        final: Answer | None = None
        for event in self.stream(question, history, mode, compare):
            if event.kind == "final":
                final = event.answer
        assert final is not None
        return final

    def _timed_and_logged(self, answer: Answer, evidence: Evidence) -> Answer:
        total = round(time.perf_counter() - evidence.started, 4)
        return self._logged(replace(answer, timings={**answer.timings, "total_s": total}), evidence)

    def _logged(self, answer: Answer, evidence: Evidence) -> Answer:
        record = log_record(
            answer, evidence.history, evidence.index, self.models.loaded_llm, self.settings
        )
        return replace(answer, log_id=self.log.append(record))

    def _check_question(self, question: str) -> str:
        question = question.strip()
        if not question:
            raise InputError("The question is empty. Type a question about the documents.")
        limit = self.settings.max_question_chars
        if len(question) > limit:
            raise InputError(
                f"The question is {len(question)} characters; the limit is {limit}. Shorten it."
            )
        return question
