"""One Chroma collection of vectors in cosine space, embedded or on a Chroma server.

We pass our own embeddings, so Chroma's default (downloading) embedding function is never
used. The collection is used directly rather than through llama-index's vector store:
a vector here is keyed by its text's hash and carries no text or metadata (the version's
chunk records hold those), and Chroma's own query is one layer less per question.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.embed.base import Vector
from assistant.errors import IndexMissingError

COLLECTION = "chunks"
BATCH = 1024  # Chroma refuses very large batches; this size keeps each call short
# How widely the HNSW graph is searched: a little wider than Chroma's default (100) for
# recall among 100k near-duplicates, at a few ms per query.
SEARCH_EF = 128
# Chroma writes a collection's graph after this many additions (its default, kept).
SYNC = 1000
WHOLE = "assistant:graph_written_whole"  # collection metadata: made by `add` below


def batches(count: int, size: int = BATCH, sync: int = SYNC) -> list[tuple[int, int]]:
    """[start, end) ranges of at most `size` (a last one shorter than `sync` joins the one
    before it, so the last addition makes Chroma write the whole graph)."""
    ranges = [(start, min(start + size, count)) for start in range(0, count, size)]
    if len(ranges) > 1 and ranges[-1][1] - ranges[-1][0] < sync:
        ranges[-2:] = [(ranges[-2][0], ranges[-1][1])]
    return ranges


@dataclass(frozen=True)
class ChromaServer:
    """Where a Chroma server listens (`chroma run`); None means the embedded store."""

    host: str
    port: int
    token: str | None = None


def _client(path: Path | None, server: ChromaServer | None):  # type: ignore[no-untyped-def]
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False)
    if server is not None:
        headers = {"Authorization": f"Bearer {server.token}"} if server.token else None
        try:
            return chromadb.HttpClient(
                host=server.host, port=server.port, headers=headers, settings=settings
            )
        except Exception as exc:  # the client raises several types for "not reachable"
            raise IndexMissingError(
                f"Cannot reach the Chroma server at {server.host}:{server.port} ({exc}). "
                "Start it (chroma run --path DIR --port PORT) or check ASSISTANT_CHROMA_HOST."
            ) from exc
    return chromadb.PersistentClient(path=str(path), settings=settings)


class VectorIndex:
    """One collection: `collection` inside the folder `path`, or on the server."""

    def __init__(
        self,
        path: Path | None,
        server: ChromaServer | None = None,
        collection: str = COLLECTION,
        size: int | None = None,
    ) -> None:
        """`size`: how many vectors a new collection will hold (all added at once by
        `add`, never more). Chroma writes its HNSW graph to disk each time SYNC vectors
        were added since the last write, and keeps the rest in its log, which every process
        that opens the collection inserts into the graph again. Measured on a 10k segment:
        that tail (the seed's passages, which sort last) was then missed by searches in
        three processes of four (cosine 0.51 by exact search, 0.35 returned). So a new
        collection syncs at min(size, SYNC) and `add` ends on a batch of at least that
        many: its last addition writes the whole graph and empties the log."""
        self.client = _client(path, server)
        metadata: dict[str, str | int] = {"hnsw:space": "cosine", "hnsw:search_ef": SEARCH_EF}
        if size is not None:
            metadata["hnsw:sync_threshold"] = max(min(size, SYNC), 2)  # Chroma refuses 1
            metadata[WHOLE] = 1
        self._collection = self.client.get_or_create_collection(collection, metadata=metadata)

    @staticmethod
    def drop(path: Path | None, server: ChromaServer | None, collection: str) -> None:
        """Delete a collection (garbage collection, failed builds)."""
        if server is None and (path is None or not path.exists()):
            return
        client = _client(path, server)
        with contextlib.suppress(Exception):  # already gone is fine
            client.delete_collection(collection)

    def add(
        self,
        ids: Sequence[str],
        vectors: Sequence[Vector],
        done: Callable[[int], None] | None = None,
    ) -> None:
        """Add vectors in batches whose last is at least SYNC long (see __init__);
        `done(n)` after each batch."""
        for start, end in batches(len(ids)):
            self._collection.add(
                ids=list(ids[start:end]), embeddings=[list(v) for v in vectors[start:end]]
            )
            if done:
                done(end)

    def vectors_for(self, ids: Sequence[str]) -> dict[str, Vector]:
        """Stored vectors of the given ids that exist here."""
        found: dict[str, Vector] = {}
        for i in range(0, len(ids), BATCH):
            got = self._collection.get(ids=list(ids[i : i + BATCH]), include=["embeddings"])
            embeddings = got.get("embeddings")
            if embeddings is None:
                continue
            for key, vec in zip(got["ids"], embeddings, strict=True):
                found[key] = [float(x) for x in vec]
        return found

    def count(self) -> int:
        return int(self._collection.count())

    def written_whole(self) -> bool:
        """Whether the collection's graph was written with all its vectors (see __init__):
        one made before that, holding more vectors than its sync threshold, is not."""
        if (self._collection.metadata or {}).get(WHOLE):
            return True
        hnsw = (self._collection.configuration_json or {}).get("hnsw") or {}
        threshold = hnsw.get("sync_threshold")
        return threshold is None or threshold >= self.count()

    def search(self, query: Vector, k: int) -> list[tuple[str, float]]:
        """(id, cosine similarity) pairs, best first."""
        if k <= 0:
            return []
        result = self._collection.query(
            query_embeddings=[list(query)], n_results=k, include=["distances"]
        )
        ids = result["ids"][0] if result["ids"] else []
        distances = (result.get("distances") or [[]])[0]
        # Cosine space: distance = 1 - cosine similarity.
        return [(key, 1.0 - float(d)) for key, d in zip(ids, distances, strict=False)]


def legacy_vectors(folder: Path, server: ChromaServer | None) -> VectorIndex:
    """The collection of a version built before segments: its own `chroma/` folder, or the
    server collection `chunks-<name>`."""
    if server is not None:
        return VectorIndex(None, server, f"chunks-{folder.name}")
    return VectorIndex(folder / "chroma")
