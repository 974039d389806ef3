"""The Indexer: ingest documents into a new index version, keep versions, roll back, and
hand each question one immutable snapshot of a version."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from assistant.config import Settings
from assistant.errors import InputError
from assistant.index.lock import writer_lock
from assistant.index.store import IndexStore, LoadedIndex, Progress, fingerprint
from assistant.index.vectors import ChromaServer
from assistant.ingest.chunking import CHUNKER_VERSION, chunk_document
from assistant.ingest.injection import DETECTOR, flag_instructions
from assistant.ingest.loaders import discover, load_document, refuse_duplicates
from assistant.names import CorpusNames
from assistant.retrieve.hybrid import HybridRetriever
from assistant.services.ingest_report import IngestReport
from assistant.services.models import Models
from assistant.types import Document


@dataclass(frozen=True)
class Snapshot:
    """One index version and its retriever: what a question reads from start to log."""

    index: LoadedIndex
    retriever: HybridRetriever
    names: CorpusNames  # what its documents declare: how answers name speakers


class Changes(NamedTuple):
    """Document ids an ingest would add, change, remove or keep."""

    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: tuple[str, ...]


class Indexer:
    """Builds versions beside the live one under a writer lock; opens them for questions."""

    def __init__(self, settings: Settings, models: Models, version: str | None = None) -> None:
        self.settings = settings
        self.models = models
        self.version = version  # pin an index version (replay); None follows the live one
        server = (
            ChromaServer(settings.chroma_host, settings.chroma_port, settings.chroma_token)
            if settings.chroma_host
            else None
        )
        self.store = IndexStore(settings.index_dir, server)
        self._snapshot: Snapshot | None = None

    def snapshot(self) -> Snapshot:
        """The wanted version (pinned, else live), opened once and kept until another
        version goes live (an ingest or rollback by any process): the next question then
        reads the new one, without a restart, and a question in flight keeps its own."""
        wanted = self.version or self.store.live_name()
        current = self._snapshot
        if current is not None and current.index.name == wanted:
            return current
        index = self.store.open(self.models.embedder, wanted)
        retriever = _retriever(index, self.settings, self.models)
        self._snapshot = Snapshot(index, retriever, CorpusNames.from_manifest(index.manifest))
        return self._snapshot

    def version_named(self, name: str) -> LoadedIndex:
        """An index version by name ("" or the current one's name: the current one)."""
        current = self._snapshot
        if current is not None and (not name or current.index.name == name):
            return current.index
        if not name:
            return self.snapshot().index
        return self.store.open(self.models.embedder, name)

    def versions(self) -> list[dict[str, Any]]:
        return self.store.list_versions()

    def rollback(self, name: str | None = None) -> str:
        """Make `name` (default: the version before the live one) live again."""
        with writer_lock(self.settings.index_dir):
            return self.store.rollback(name)

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
        embedder = self.models.embedder
        with writer_lock(self.settings.index_dir):
            documents = self.load_documents(paths, on_file)
            live = self.store.live_name()
            added, changed, removed, unchanged = self._differences(live, documents)
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
            # Unchanged documents keep the live version's chunk records (not chunked again).
            kept = unchanged if self.store.can_keep(live, embedder) else ()
            chunks, _ = flag_instructions(
                [c for d in documents if d.doc_id not in kept for c in chunk_document(d)]
            )
            known = self._live_vectors(live, [c.chunk_id for c in chunks])
            counted = embedder.texts_embedded
            version = self.store.build(documents, chunks, embedder, progress, known, kept)
        return IngestReport(
            version,
            len(documents),
            self.store.manifest(version)["chunk_count"],
            time.perf_counter() - started,
            added,
            changed,
            removed,
            unchanged,
            embedder.texts_embedded - counted,
            flagged=self.store.flagged(version),
        )

    def pending(self, paths: Sequence[Path]) -> Changes:
        """What an ingest of `paths` would add, change and remove in the live version
        (nothing is built): the eval uses it to refuse measuring a stale index."""
        return self._differences(self.store.live_name(), self.load_documents(paths))

    def _differences(self, live: str | None, documents: Sequence[Document]) -> Changes:
        """(added, changed, removed, unchanged) document ids against the live version."""
        before = self._indexed_documents(live)
        new = {d.doc_id: fingerprint(d) for d in documents}
        both = set(new) & set(before)
        return Changes(
            tuple(sorted(set(new) - set(before))),
            tuple(sorted(d for d in both if new[d] != before[d])),
            tuple(sorted(set(before) - set(new))),
            tuple(sorted(d for d in both if new[d] == before[d])),
        )

    def _indexed_documents(self, live: str | None) -> dict[str, str]:
        """doc_id -> fingerprint (text + declared provenance) in the live version, if it used
        the same embedder."""
        if live is None:
            return {}
        manifest = self.store.manifest(live)
        if manifest["embedder"]["id"] != self.models.embedder.id:
            return {}  # another embedder: everything is rebuilt
        if manifest.get("chunker") != CHUNKER_VERSION or manifest.get("detector") != DETECTOR:
            return {}  # chunked or flagged another way: everything is rebuilt
        return {d["doc_id"]: d.get("fingerprint", d["content_hash"]) for d in manifest["documents"]}

    def _live_vectors(self, live: str | None, chunk_ids: list[str]) -> dict[str, list[float]]:
        if live is None or not self._indexed_documents(live):
            return {}
        return self.store.open(self.models.embedder, live).vectors.vectors_for(chunk_ids)


def _retriever(index: LoadedIndex, s: Settings, models: Models) -> HybridRetriever:
    """The retriever over one index version, as the settings configure it."""
    return HybridRetriever(
        index,
        models.embedder,
        s.candidates,
        s.rrf_k,
        s.gate_min_similarity,
        s.gate_min_coverage,
        s.gate_max_unknown,
        s.dense_weight,
        models.item_embedder,
    )
