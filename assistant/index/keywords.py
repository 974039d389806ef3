"""BM25 over our own Chinese word segmentation (the stock tokenizer cannot split Chinese).

The index is a few arrays, computed once per version (at build, or at the first open of a
version built before they existed: `index/keyword_files.py`) and memory-mapped by every
process that opens it, so a new process or the first question after an update neither
rebuilds BM25 nor re-reads every token list:

    postings   for each word, the passages that use it and their BM25 score (CSC)
    terms      for each passage, the distinct words it uses (CSR): the gate's coverage
    vocab      word -> id; a word's share of passages is its postings' length over N

The scores are bm25s's (Lucene variant, k1 1.5, b 0.75, float32) computed the way bm25s
computes them, so rankings are those of `bm25s.BM25().index(tokens)`; tests compare the two.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import numpy as np

# The files whose code decides how a text becomes tokens.
_TOKENIZER_FILES = ("tokenize.py", "normalize.py", "function.py")
K1 = 1.5
B = 0.75


def inverse_frequency(passages: int, frequency: int) -> float:
    """bm25s's (Lucene's) idf of a word used by `frequency` of `passages` passages."""
    return math.log(1 + (passages - frequency + 0.5) / (frequency + 0.5))


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


@dataclass(frozen=True)
class KeywordArrays:
    """What a version's keyword index is made of (saved as .npy files and two JSON lists)."""

    chunk_ids: list[str]
    vocab: list[str]
    post_indptr: np.ndarray  # (words + 1,) int64
    post_docs: np.ndarray  # int32: passage positions, by word then passage
    post_scores: np.ndarray  # float32 BM25 score of that word in that passage
    doc_indptr: np.ndarray  # (passages + 1,) int64
    doc_terms: np.ndarray  # int32: word ids, by passage then word


def build_arrays(chunk_ids: Sequence[str], tokens: Sequence[Sequence[str]]) -> KeywordArrays:
    """The BM25 arrays of passages `chunk_ids` with token lists `tokens` (same order)."""
    if len(chunk_ids) != len(tokens):
        raise ValueError(f"{len(chunk_ids)} chunk ids but {len(tokens)} token lists")
    ids: dict[str, int] = {}
    flat = np.fromiter((ids.setdefault(t, len(ids)) for doc in tokens for t in doc), dtype=np.int64)
    n, words = len(tokens), max(len(ids), 1)
    lengths = np.fromiter((len(doc) for doc in tokens), dtype=np.int64, count=n)
    # One entry per (passage, word), sorted by passage then word, with its count.
    pairs, tf = np.unique(
        np.repeat(np.arange(n, dtype=np.int64), lengths) * words + flat, return_counts=True
    )
    doc, word = pairs // words, pairs % words
    df = np.bincount(word, minlength=len(ids))
    # As bm25s: idf by math.log, stored as float32; the term part in float64 (its average
    # length is a float64 scalar), the product stored as float32.
    idf = np.array([inverse_frequency(n, d) for d in df.tolist()], np.float32)
    average = lengths.mean() if lengths.size else 1.0
    norm = K1 * ((1 - B) + (B * lengths.astype(np.float64)) / average)
    tf64 = tf.astype(np.float32).astype(np.float64)
    scores = (idf[word].astype(np.float64) * (tf64 / (norm[doc] + tf64))).astype(np.float32)
    by_word = np.argsort(word * max(n, 1) + doc, kind="stable")
    return KeywordArrays(
        chunk_ids=list(chunk_ids),
        vocab=list(ids),
        post_indptr=np.concatenate(([0], np.cumsum(df))).astype(np.int64),
        post_docs=doc[by_word].astype(np.int32),
        post_scores=scores[by_word],
        doc_indptr=np.concatenate(([0], np.cumsum(np.bincount(doc, minlength=n)))).astype(np.int64),
        doc_terms=word.astype(np.int32),
    )


class PassageTokens(Mapping[str, set[str]]):
    """chunk id -> the set of its words, made when asked (the gate asks for a few)."""

    def __init__(self, index: KeywordIndex) -> None:
        self._index = index

    def __getitem__(self, chunk_id: str) -> set[str]:
        arrays, doc = self._index.arrays, self._index.position[chunk_id]
        terms = arrays.doc_terms[arrays.doc_indptr[doc] : arrays.doc_indptr[doc + 1]]
        return {arrays.vocab[t] for t in terms.tolist()}

    def __iter__(self) -> Iterator[str]:
        return iter(self._index.position)

    def __len__(self) -> int:
        return len(self._index.position)


class WordShares(Mapping[str, float]):
    """word -> the share of passages that use it, from the postings' lengths."""

    def __init__(self, index: KeywordIndex) -> None:
        self._index = index

    def __getitem__(self, word: str) -> float:
        i = self._index.word_ids[word]
        indptr = self._index.arrays.post_indptr
        return int(indptr[i + 1] - indptr[i]) / max(len(self._index.chunk_ids), 1)

    def __iter__(self) -> Iterator[str]:
        return iter(self._index.word_ids)

    def __len__(self) -> int:
        return len(self._index.word_ids)


class KeywordIndex:
    """BM25 search over one version's arrays, and the word statistics retrieval uses."""

    def __init__(self, arrays: KeywordArrays) -> None:
        self.arrays = arrays
        self.chunk_ids = arrays.chunk_ids
        self.passage_tokens = PassageTokens(self)
        self.shares = WordShares(self)

    @classmethod
    def from_tokens(cls, chunk_ids: Sequence[str], tokens: Sequence[Sequence[str]]) -> KeywordIndex:
        return cls(build_arrays(chunk_ids, tokens))

    @cached_property
    def position(self) -> dict[str, int]:
        return {chunk_id: i for i, chunk_id in enumerate(self.chunk_ids)}

    @cached_property
    def word_ids(self) -> dict[str, int]:
        return {word: i for i, word in enumerate(self.arrays.vocab)}

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every word some passage uses."""
        return frozenset(self.arrays.vocab)

    def search(self, query_tokens: list[str], k: int) -> list[tuple[str, float]]:
        """(chunk_id, BM25 score) pairs with a positive score, best first."""
        if not self.chunk_ids or not query_tokens:
            return []
        arrays = self.arrays
        scores = np.zeros(len(self.chunk_ids), dtype=np.float32)
        for token in query_tokens:  # a repeated word counts each time, as in bm25s
            i = self.word_ids.get(token)
            if i is not None:
                start, end = arrays.post_indptr[i], arrays.post_indptr[i + 1]
                scores[arrays.post_docs[start:end]] += arrays.post_scores[start:end]
        order = np.argsort(-scores, kind="stable")[:k]
        return [(self.chunk_ids[i], float(scores[i])) for i in order if scores[i] > 0]
