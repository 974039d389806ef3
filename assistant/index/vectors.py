"""Vector search on Chroma through llama-index's Chroma integration.

We pass our own embeddings, so Chroma's default (downloading) embedding function
is never used.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.embed.base import Vector
from assistant.errors import IndexMissingError
from assistant.types import Chunk

COLLECTION = "chunks"


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
    """One Chroma collection (cosine space) holding one vector per chunk.

    Embedded: a folder per index version. Server: a collection per index version."""

    def __init__(
        self, path: Path | None, server: ChromaServer | None = None, name: str = ""
    ) -> None:
        from llama_index.vector_stores.chroma import ChromaVectorStore

        self._client = _client(path, server)
        collection = f"{COLLECTION}-{name}" if server is not None else COLLECTION
        self._collection = self._client.get_or_create_collection(
            collection, metadata={"hnsw:space": "cosine"}
        )
        self._store = ChromaVectorStore(chroma_collection=self._collection)

    @staticmethod
    def drop(server: ChromaServer, name: str) -> None:
        """Delete a version's collection on the server (pruning, failed builds)."""
        client = _client(None, server)
        with contextlib.suppress(Exception):  # already gone is fine
            client.delete_collection(f"{COLLECTION}-{name}")

    def add(self, chunks: Sequence[Chunk], vectors: Sequence[Vector]) -> None:
        from llama_index.core.schema import BaseNode, TextNode

        nodes: list[BaseNode] = [
            TextNode(
                id_=chunk.chunk_id,
                text=chunk.index_text,
                embedding=list(vector),
                metadata={
                    "doc_id": chunk.doc_id,
                    "speaker": chunk.speaker,
                    "kind": chunk.kind,
                    "content_hash": chunk.content_hash,
                },
            )
            for chunk, vector in zip(chunks, vectors, strict=True)
        ]
        for i in range(0, len(nodes), 256):
            self._store.add(nodes[i : i + 256])

    def vectors_for(self, ids: Sequence[str]) -> dict[str, Vector]:
        """Stored vectors of the given chunk ids that exist here (for reuse on re-ingest)."""
        if not ids:
            return {}
        found = self._collection.get(ids=list(ids), include=["embeddings"])
        embeddings = found.get("embeddings")
        if embeddings is None:
            return {}
        return {
            cid: [float(x) for x in vec] for cid, vec in zip(found["ids"], embeddings, strict=True)
        }

    def count(self) -> int:
        return int(self._collection.count())

    def search(self, query: Vector, k: int) -> list[tuple[str, float]]:
        """(chunk_id, cosine similarity) pairs, best first."""
        from llama_index.core.vector_stores.types import VectorStoreQuery

        k = min(k, self.count())
        if k == 0:
            return []
        result = self._store.query(
            VectorStoreQuery(query_embedding=list(query), similarity_top_k=k)
        )
        # The integration reports exp(-distance); with cosine distance, cos = 1 + ln(score).
        return [
            (chunk_id, 1.0 + math.log(max(score, 1e-12)))
            for chunk_id, score in zip(result.ids or [], result.similarities or [], strict=False)
        ]
