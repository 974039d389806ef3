"""The Assistant service: ingest documents, answer questions. UI and CLI call only this."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.audit import AnswerLog
from assistant.config import Settings, public_settings
from assistant.embed.base import Embedder
from assistant.errors import InputError
from assistant.generate.answerer import StreamEvent, stream_llm_answer
from assistant.generate.conflicts import add_conflicts
from assistant.generate.llm import LanguageModel
from assistant.generate.model_files import Progress as ModelProgress
from assistant.generate.prompt import PROMPT_VERSION
from assistant.generate.question import answer_question
from assistant.index.lock import writer_lock
from assistant.index.store import IndexStore, LoadedIndex, Progress, fingerprint
from assistant.index.vectors import ChromaServer
from assistant.ingest.chunking import CHUNKER_VERSION, chunk_document
from assistant.ingest.injection import DETECTOR, flag_instructions, flagged_summary
from assistant.ingest.loaders import discover, load_document, refuse_duplicates
from assistant.retrieve.hybrid import HybridRetriever
from assistant.retrieve.query import Query
from assistant.text.language import detect_language
from assistant.types import Answer, Document
from assistant.wiring import build_embedder, build_llm

History = Sequence[dict[str, str]]


@dataclass(frozen=True)
class Evidence:
    """The evidence answer and what the model step needs to continue from it."""

    answer: Answer
    query: Query
    started: float
    index: LoadedIndex  # the one version this question reads, from evidence to log


@dataclass(frozen=True)
class IngestReport:
    """What an ingest changed. `built` is False when nothing had changed."""

    version: str
    documents: int
    chunks: int
    seconds: float
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    embedded: int = 0
    built: bool = True
    flagged: tuple[str, ...] = ()  # passages that read like instructions to an AI

    def summary(self) -> str:
        return self._changes() + flagged_summary(self.flagged)

    def _changes(self) -> str:
        if not self.built:
            return (
                f"No change: {self.documents} document(s) as indexed; version {self.version} "
                f"stays live ({self.seconds:.1f} s)."
            )
        parts = [
            f"{label} {len(docs)} ({', '.join(docs)})" if docs else f"{label} 0"
            for label, docs in (
                ("added", self.added),
                ("changed", self.changed),
                ("removed", self.removed),
            )
        ]
        return (
            f"Indexed {self.documents} document(s) into {self.chunks} chunks in "
            f"{self.seconds:.1f} s: {'; '.join(parts)}; unchanged {len(self.unchanged)}; "
            f"{self.embedded} chunk(s) embedded. Live version: {self.version}."
        )


class Assistant:
    """Loads the embedder and index on first use, then keeps them warm."""

    def __init__(
        self,
        settings: Settings,
        embedder: Embedder | None = None,
        llm: LanguageModel | None = None,
        version: str | None = None,
    ) -> None:
        self.settings = settings
        self._embedder = embedder
        self._llm = llm
        self.version = version  # pin an index version (replay); None follows the live one
        self._index: LoadedIndex | None = None
        self._retriever: HybridRetriever | None = None
        server = (
            ChromaServer(settings.chroma_host, settings.chroma_port, settings.chroma_token)
            if settings.chroma_host
            else None
        )
        self.store = IndexStore(settings.index_dir, server)

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
        """The live index. A new live version (an ingest or rollback by another process)
        is picked up on the next question, without a restart."""
        wanted = self.version or self.store.live_name()
        if self._index is not None and wanted != self._index.name:
            self._index = None
            self._retriever = None
        if self._index is None:
            self._index = self.store.open(self.embedder, wanted)
        return self._index

    @property
    def retriever(self) -> HybridRetriever:
        _ = self.index  # reloads on a new live version
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

    def _version(self, name: str) -> LoadedIndex:
        current = self._index
        if not name or (current is not None and current.name == name):
            return current or self.index
        return self.store.open(self.embedder, name)

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
            documents.append(
                load_document(path, self.settings.max_file_bytes, self.settings.parse_timeout_s)
            )
        if not documents:
            raise InputError(f"No documents found in {', '.join(map(str, paths))}.")
        refuse_duplicates(documents)
        return documents

    def ingest(
        self,
        paths: Sequence[Path],
        progress: Progress | None = None,
        on_file: Callable[[Path], None] | None = None,
    ) -> IngestReport:
        """Incremental and atomic: unchanged documents keep their vectors, a new version is
        built beside the live one and only made live once complete and validated."""
        started = time.perf_counter()
        with writer_lock(self.settings.index_dir):
            documents = self.load_documents(paths, on_file)
            live = self.store.live_name()
            before = self._indexed_documents(live)
            new = {d.doc_id: fingerprint(d) for d in documents}
            added = tuple(sorted(set(new) - set(before)))
            removed = tuple(sorted(set(before) - set(new)))
            changed = tuple(sorted(d for d in set(new) & set(before) if new[d] != before[d]))
            unchanged = tuple(sorted(d for d in set(new) & set(before) if new[d] == before[d]))
            if live and not (added or removed or changed):
                count = self.store.manifest(live)["chunk_count"]
                return IngestReport(
                    live,
                    len(documents),
                    count,
                    time.perf_counter() - started,
                    unchanged=unchanged,
                    built=False,
                    flagged=self.store.flagged(live),
                )
            chunks, findings = flag_instructions([c for d in documents for c in chunk_document(d)])
            known = self._live_vectors(live, [c.chunk_id for c in chunks])
            counted = self.embedder.texts_embedded
            version = self.store.build(documents, chunks, self.embedder, progress, known)
            self._index = None
            self._retriever = None
        return IngestReport(
            version,
            len(documents),
            len(chunks),
            time.perf_counter() - started,
            added,
            changed,
            removed,
            unchanged,
            self.embedder.texts_embedded - counted,
            flagged=tuple(f.line() for f in findings),
        )

    def _indexed_documents(self, live: str | None) -> dict[str, str]:
        """doc_id -> fingerprint (text + declared provenance) in the live version, if it used
        the same embedder."""
        if live is None:
            return {}
        manifest = self.store.manifest(live)
        if manifest["embedder"]["id"] != self.embedder.id:
            return {}  # another embedder: everything is rebuilt
        if manifest.get("chunker") != CHUNKER_VERSION or manifest.get("detector") != DETECTOR:
            return {}  # chunked or flagged another way: everything is rebuilt
        return {d["doc_id"]: d.get("fingerprint", d["content_hash"]) for d in manifest["documents"]}

    def _live_vectors(self, live: str | None, chunk_ids: list[str]) -> dict[str, list[float]]:
        if live is None or not self._indexed_documents(live):
            return {}
        return self.store.open(self.embedder, live).vectors.vectors_for(chunk_ids)

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

    def evidence(self, question: str, history: History = (), compare: bool = False) -> Evidence:
        """Retrieve and quote: the fast first half of every answer (no model)."""
        started = time.perf_counter()
        question = self._check_question(question)
        language = detect_language(question)
        retriever = self.retriever
        index = retriever.index  # one version for the whole question
        answer, query = answer_question(
            retriever, index, question, history, language, self.settings.top_k, compare
        )
        if not answer.sides:  # two columns never mix speakers, not even in a conflict note
            add_conflicts(answer, index.chunks, index.documents, query.years, language)
        answer.timings["evidence_s"] = round(time.perf_counter() - started, 4)
        answer.corpus_version = index.name
        return Evidence(answer, query, started, index)

    def generate(self, evidence: Evidence) -> Iterator[StreamEvent]:
        """The model's half: tokens as they come, then the verified answer."""
        answer, query = evidence.answer, evidence.query
        if answer.sides:  # each column is its own side's verbatim quotes: no prose across them
            answer.timings["total_s"] = round(time.perf_counter() - evidence.started, 4)
            yield StreamEvent("final", answer=answer)
            return
        model = self.llm() if not answer.refused else None
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
        ):
            if event.kind == "final" and event.answer is not None:
                event.answer.timings["total_s"] = round(time.perf_counter() - evidence.started, 4)
            yield event

    def record(self, answer: Answer, history: History = ()) -> str:
        """Append the answer to the audit log with everything needed to replay it, against
        the corpus version the answer was built from (not whatever is live by now)."""
        index = self._version(answer.corpus_version)
        model: dict[str, str] = {"id": self.settings.llm_model, "sha256": ""}
        if answer.mode == "llm" and self._llm is not None:
            model = {"id": self._llm.id, "sha256": self._llm.file_hash}
        answer.log_id = AnswerLog(self.settings.answer_log).append(
            {
                "question": answer.question,
                "history": list(history),
                "mode": answer.mode,
                "answer": answer.answer,
                "refused": answer.refused,
                "unverified": answer.unverified,
                "citations": [
                    {
                        "n": c.n,
                        "chunk_id": c.chunk_id,
                        "content_hash": index.chunks[c.chunk_id].content_hash,
                        "quote": c.quote,
                        "start": c.start,
                        "end": c.end,
                    }
                    for c in answer.citations
                ],
                "corpus": {"version": index.name, "hash": index.manifest["corpus_hash"]},
                "embedder": index.manifest["embedder"],
                "llm": model,
                "prompt_version": PROMPT_VERSION,
                "settings": public_settings(self.settings),
                "timings": answer.timings,
            }
        )
        return answer.log_id

    def stream(
        self,
        question: str,
        history: History = (),
        mode: str = "evidence",
        compare: bool = False,
    ) -> Iterator[StreamEvent]:
        """Events in order: the evidence answer, then (llm mode) tokens, then the final answer."""
        if mode not in ("evidence", "llm"):
            raise InputError(f"Unknown mode '{mode}'. Use evidence or llm.")
        evidence = self.evidence(question, history, compare)
        if mode == "evidence":
            evidence.answer.timings["total_s"] = evidence.answer.timings["evidence_s"]
            yield StreamEvent("evidence", answer=evidence.answer)
            self.record(evidence.answer, history)
            yield StreamEvent("final", answer=evidence.answer)
            return
        for event in self.generate(evidence):
            if event.kind == "final" and event.answer is not None:
                self.record(event.answer, history)
            yield event

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
