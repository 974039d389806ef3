"""BM25 over our own Chinese word segmentation (the stock tokenizer cannot split Chinese)."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import numpy as np

# The files whose code decides how a text becomes tokens.
_TOKENIZER_FILES = ("tokenize.py", "normalize.py", "function.py")


@cache
def tokenizer_id() -> str:
    """Identifies the tokenizer (our code and jieba's version): a version's token lists are
    reused by the next build only when this is unchanged."""
    import jieba

    digest = hashlib.sha256(str(getattr(jieba, "__version__", "")).encode())
    folder = Path(__file__).resolve().parents[1] / "text"
    for name in _TOKENIZER_FILES:
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()[:16]


class KeywordIndex:
    """BM25 (bm25s) over token lists; ids are kept in the same order as the token lists."""

    def __init__(self, chunk_ids: list[str], tokens: list[list[str]]) -> None:
        import bm25s

        self.chunk_ids = chunk_ids
        self.tokens = tokens
        self._bm25 = bm25s.BM25()
        if tokens:
            self._bm25.index(tokens, show_progress=False)

    def search(self, query_tokens: list[str], k: int) -> list[tuple[str, float]]:
        """(chunk_id, BM25 score) pairs with a positive score, best first."""
        if not self.chunk_ids or not query_tokens:
            return []
        scores = np.asarray(self._bm25.get_scores(query_tokens))
        order = np.argsort(-scores, kind="stable")[:k]
        return [(self.chunk_ids[i], float(scores[i])) for i in order if scores[i] > 0]
