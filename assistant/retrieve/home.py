"""Word statistics of the home documents alone (retrieve/places.py), for a question that
names no place: among thousands of other cities' plans, a word the home documents all use
(「藍圖」, the subject of the Blueprint's commentary) becomes rare in the whole index, and
BM25 and the dense query then favour the passages that repeat it. Read among the home
documents, it stays their subject, as it is when they are the whole corpus.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cached_property

import numpy as np

from assistant.index.keywords import KeywordIndex, inverse_frequency
from assistant.index.store import LoadedIndex
from assistant.retrieve.places import away_documents, document_places


class Home:
    """One index version's documents about other places (by their declared titles,
    retrieve/places.py) and the word statistics of the others, its home documents."""

    def __init__(self, index: LoadedIndex) -> None:
        self.index = index

    @cached_property
    def places(self) -> dict[str, frozenset[str]]:
        """Document id -> the places its declared title names."""
        documents = self.index.manifest.get("documents", [])
        return document_places({d["doc_id"]: d.get("title") or "" for d in documents})

    @cached_property
    def away(self) -> frozenset[str]:
        """Documents whose title names places other than the home places."""
        return away_documents(self.places)

    def away_from(self, asked: Sequence[str]) -> frozenset[str]:
        """Documents about other places than the home ones and those `asked` about."""
        return away_documents(self.places, asked) if asked else self.away

    @cached_property
    def words(self) -> HomeWords:
        doc_of = {cid: chunk.doc_id for cid, chunk in self.index.chunks.items()}
        return HomeWords(self.index.keywords, self.away, doc_of)

    def keyword(
        self, ranked: list[tuple[str, float]], tokens: Sequence[str], depth: int
    ) -> list[tuple[str, float]]:
        """A keyword ranking of the home passages by their own statistics, then the away
        passages of `ranked` (the whole index's ranking) in its order."""
        chunks = self.index.chunks
        others = [pair for pair in ranked if chunks[pair[0]].doc_id in self.away]
        return self.words.search(tokens, depth) + others


class HomeWords:
    """BM25 and word shares over the passages of `index` that are not in `away` documents."""

    def __init__(self, index: KeywordIndex, away: frozenset[str], doc_of: dict[str, str]) -> None:
        self.index = index
        self.away = away
        self.doc_of = doc_of  # chunk id -> document id

    @cached_property
    def mask(self) -> np.ndarray:
        """True at the positions of home passages."""
        return np.fromiter(
            (self.doc_of.get(cid, "") not in self.away for cid in self.index.chunk_ids),
            dtype=bool,
            count=len(self.index.chunk_ids),
        )

    @cached_property
    def count(self) -> int:
        return int(self.mask.sum())

    def frequency(self, word: str) -> int:
        """How many home passages use `word`."""
        i = self.index.word_ids.get(word)
        if i is None:
            return 0
        arrays = self.index.arrays
        docs = arrays.post_docs[arrays.post_indptr[i] : arrays.post_indptr[i + 1]]
        return int(self.mask[docs].sum())

    def share(self, word: str) -> float:
        return self.frequency(word) / max(self.count, 1)

    def search(self, tokens: Iterable[str], k: int) -> list[tuple[str, float]]:
        """BM25 over the home passages, each word weighted by its idf among them: the
        stored scores (the whole index's idf) times home idf / index idf."""
        arrays, n, home = self.index.arrays, len(self.index.chunk_ids), self.count
        if not n or not home:
            return []
        scores = np.zeros(n, dtype=np.float32)
        for token in tokens:  # a repeated word counts each time, as in bm25s
            i = self.index.word_ids.get(token)
            if i is None:
                continue
            start, end = arrays.post_indptr[i], arrays.post_indptr[i + 1]
            docs = arrays.post_docs[start:end]
            df = int(self.mask[docs].sum())
            if not df:
                continue
            ratio = inverse_frequency(home, df) / inverse_frequency(n, int(end - start))
            scores[docs] += arrays.post_scores[start:end] * np.float32(ratio)
        scores[~self.mask] = 0
        order = np.argsort(-scores, kind="stable")[:k]
        return [(self.index.chunk_ids[i], float(scores[i])) for i in order if scores[i] > 0]
