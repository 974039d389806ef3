"""Vector search on Chroma through llama-index's Chroma integration.

We pass our own embeddings, so Chroma's default (downloading) embedding function
is never used.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from assistant.embed.base import Vector
from assistant.types import Chunk

COLLECTION = "chunks"


def _client(path: Path):  # type: ignore[no-untyped-def]
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    return chromadb.PersistentClient(
        path=str(path), settings=ChromaSettings(anonymized_telemetry=False)
    )


class VectorIndex:
    """One Chroma collection (cosine space) holding one vector per chunk."""

    def __init__(self, path: Path) -> None:
        from llama_index.vector_stores.chroma import ChromaVectorStore

        self._collection = _client(path).get_or_create_collection(
            COLLECTION, metadata={"hnsw:space": "cosine"}
        )
        self._store = ChromaVectorStore(chroma_collection=self._collection)

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
