"""The Assistant service: ingest documents, answer questions. UI and CLI call only this."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.config import Settings
from assistant.embed.base import Embedder
from assistant.errors import InputError
from assistant.generate.answerer import StreamEvent, stream_llm_answer
from assistant.generate.evidence import evidence_answer
from assistant.generate.llm import LanguageModel
from assistant.generate.model_files import Progress as ModelProgress
from assistant.index.store import IndexStore, LoadedIndex, Progress
from assistant.ingest.chunking import chunk_document
from assistant.ingest.loaders import discover, load_document
from assistant.retrieve.hybrid import HybridRetriever, Method, Retrieval
from assistant.retrieve.query import Query, build_query
from assistant.text.language import detect_language
from assistant.types import Answer, Chunk, Document
from assistant.wiring import build_embedder, build_llm

History = Sequence[dict[str, str]]


@dataclass(frozen=True)
class Evidence:
    """The evidence answer and what the model step needs to continue from it."""

    answer: Answer
    query: Query
    started: float


@dataclass(frozen=True)
class IngestReport:
    version: str
    documents: int
    chunks: int
    seconds: float


class Assistant:
    """Loads the embedder and index on first use, then keeps them warm."""

    def __init__(
        self,
        settings: Settings,
        embedder: Embedder | None = None,
        llm: LanguageModel | None = None,
    ) -> None:
        self.settings = settings
        self._embedder = embedder
        self._llm = llm
        self._index: LoadedIndex | None = None
        self._retriever: HybridRetriever | None = None
        self.store = IndexStore(settings.index_dir)

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = build_embedder(self.settings)
        return self._embedder

    def llm(self, progress: ModelProgress | None = None) -> LanguageModel:
        """The language model, joined/verified and loaded on first use."""
        if self._llm is None:
            self._llm = build_llm(self.settings, progress)
        return self._llm

    @property
    def llm_ready(self) -> bool:
        """True when asking the model will not first join, verify or load it."""
        return self._llm is not None and self._llm.loaded

    @property
    def index(self) -> LoadedIndex:
        if self._index is None:
            self._index = self.store.open(self.embedder)
        return self._index

    @property
    def retriever(self) -> HybridRetriever:
        if self._retriever is None:
            s = self.settings
            self._retriever = HybridRetriever(
                self.index,
                self.embedder,
                s.candidates,
                s.rrf_k,
                s.gate_min_similarity,
                s.gate_min_coverage,
                s.gate_max_unknown,
                s.dense_weight,
            )
        return self._retriever

    def warm_up(self) -> None:
        """Open the index and run one query, so the first member does not pay for loading."""
        self.retriever.retrieve("創新科技發展藍圖")

    def load_documents(
        self, paths: Sequence[Path], on_file: Callable[[Path], None] | None = None
    ) -> list[Document]:
        """Read every file first, so one bad file stops the ingest before anything changes."""
        documents = []
        for path in discover(paths):
            if on_file:
                on_file(path)
            documents.append(load_document(path, self.settings.max_file_bytes))
        if not documents:
            raise InputError(f"No documents found in {', '.join(map(str, paths))}.")
        return documents

    def ingest(
        self,
        paths: Sequence[Path],
        progress: Progress | None = None,
        on_file: Callable[[Path], None] | None = None,
    ) -> IngestReport:
        started = time.perf_counter()
        documents = self.load_documents(paths, on_file)
        chunks: list[Chunk] = [c for doc in documents for c in chunk_document(doc)]
        version = self.store.build(documents, chunks, self.embedder, progress)
        self._index = None
        self._retriever = None
        return IngestReport(version, len(documents), len(chunks), time.perf_counter() - started)

    def retrieve(
        self, question: str, history: History = (), method: Method = "hybrid"
    ) -> Retrieval:
        query = build_query(question, history)
        return self.retriever.retrieve(query.text, query.years, method)

    def ask(self, question: str, history: History = (), mode: str = "evidence") -> Answer:
        """Answer from the documents: `evidence` quotes only; `llm` adds verified prose."""
        final: Answer | None = None
        for event in self.stream(question, history, mode):
            if event.kind == "final":
                final = event.answer
        assert final is not None
        return final

    def evidence(self, question: str, history: History = ()) -> Evidence:
        """Retrieve and quote: the fast first half of every answer (no model)."""
        started = time.perf_counter()
        question = self._check_question(question)
        language = detect_language(question)
        query = build_query(question, history)
        retrieval = self.retriever.retrieve(query.text, query.years)
        answer = evidence_answer(
            question, query, retrieval.terms.topic, retrieval, language, self.index.documents
        )
        answer.retrieved = [
            {"chunk_id": h.chunk.chunk_id, "text": h.chunk.passage, "score": round(h.score, 6)}
            for h in retrieval.hits[: self.settings.top_k]
        ]
        answer.reason = retrieval.gate.reason
        answer.timings = {k: round(v, 4) for k, v in retrieval.timings.items()}
        answer.timings["evidence_s"] = round(time.perf_counter() - started, 4)
        return Evidence(answer, query, started)

    def generate(self, evidence: Evidence) -> Iterator[StreamEvent]:
        """The model's half: tokens as they come, then the verified answer."""
        answer, query = evidence.answer, evidence.query
        model = self.llm() if not answer.refused else None
        model_question = query.text if query.condensed_from_history else answer.question
        for event in stream_llm_answer(
            model_question,
            answer,
            self.index.chunks,
            model,
            self.settings.llm_max_tokens,
            query.years,
        ):
            if event.kind == "final" and event.answer is not None:
                event.answer.timings["total_s"] = round(time.perf_counter() - evidence.started, 4)
            yield event

    def stream(
        self, question: str, history: History = (), mode: str = "evidence"
    ) -> Iterator[StreamEvent]:
        """Events in order: the evidence answer, then (llm mode) tokens, then the final answer."""
        if mode not in ("evidence", "llm"):
            raise InputError(f"Unknown mode '{mode}'. Use evidence or llm.")
        evidence = self.evidence(question, history)
        if mode == "evidence":
            evidence.answer.timings["total_s"] = evidence.answer.timings["evidence_s"]
            yield StreamEvent("evidence", answer=evidence.answer)
            yield StreamEvent("final", answer=evidence.answer)
            return
        yield from self.generate(evidence)

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
