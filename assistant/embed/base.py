"""The embedder interface. Backends implement `_encode`; callers use the public methods."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import OrderedDict
from collections.abc import Sequence

Vector = list[float]


class Embedder(ABC):
    """Turns texts into L2-normalised vectors. `id` and `dimension` are stamped on the index."""

    id: str
    dimension: int

    def __init__(self, query_cache_size: int = 256) -> None:
        self.texts_embedded = 0  # counts real encoder work, for incremental-ingest checks
        self._query_cache: OrderedDict[str, Vector] = OrderedDict()
        self._query_cache_size = query_cache_size

    @abstractmethod
    def _encode(self, texts: Sequence[str]) -> list[Vector]:
        """Encode a batch; vectors must be L2-normalised."""

    def embed_documents(self, texts: Sequence[str], batch_size: int = 32) -> list[Vector]:
        vectors: list[Vector] = []
        for i in range(0, len(texts), batch_size):
            batch = texts[i : i + batch_size]
            vectors.extend(self._encode(batch))
            self.texts_embedded += len(batch)
        return vectors

    def _encode_query(self, text: str) -> Vector:
        """A query's vector; models that encode queries apart from passages override it."""
        return self._encode([text])[0]

    def embed_query(self, text: str) -> Vector:
        """Queries repeat (follow-ups, evals, the chat's retries), so they are cached."""
        if text in self._query_cache:
            self._query_cache.move_to_end(text)
            return self._query_cache[text]
        vector = self._encode_query(text)
        self.texts_embedded += 1
        self._query_cache[text] = vector
        if len(self._query_cache) > self._query_cache_size:
            self._query_cache.popitem(last=False)
        return vector
