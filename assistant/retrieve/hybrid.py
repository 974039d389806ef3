"""Dense (Chroma) and keyword (BM25) retrieval, fused with reciprocal rank."""

from __future__ import annotations

import functools
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from assistant.embed.base import Embedder
from assistant.index.store import LoadedIndex
from assistant.retrieve.fusion import reciprocal_rank_fusion
from assistant.retrieve.gate import KINDS, GateDecision, answer_kind, decide
from assistant.retrieve.terms import QueryTerms, analyse
from assistant.text.cantonese import to_written_chinese
from assistant.text.dictionary import EnglishMap
from assistant.text.function import is_function_word
from assistant.text.normalize import fold
from assistant.text.ordinals import ordinal_terms
from assistant.text.tokenize import tokenize
from assistant.types import Hit

Method = Literal["hybrid", "dense", "keyword"]
# Below this cosine similarity a USE match is noise; in hybrid it would only push keyword
# hits down, so it does not vote. (Dense-only retrieval keeps everything, for comparison.)
DENSE_FLOOR = 0.2
# A word in more than this share of passages is the corpus's subject, not the question's
# (chosen on the dev split).
COMMON_SHARE = 0.25
# A chunk opens with a unit's name (「- **策略二：方向二：」) within this many characters.
NAME_WITHIN = 12
# Weight of each structural ranking (asked year, named strategy, dated passage) in fusion.
STRUCTURE_WEIGHT = 1.0
# A passage that dates something: "When...?" is answered by one of these.
DATE = re.compile(
    r"\d{4}\s*年(\s*\d{1,2}\s*月)?|(?:January|February|March|April|May|June|July"
    r"|August|September|October|November|December)\s+\d{4}"
)


@dataclass
class Retrieval:
    hits: list[Hit]
    gate: GateDecision
    terms: QueryTerms
    timings: dict[str, float] = field(default_factory=dict)


class HybridRetriever:
    """Retrieves candidates both ways, fuses them, and asks the gate about coverage."""

    def __init__(
        self,
        index: LoadedIndex,
        embedder: Embedder,
        candidates: int = 12,
        rrf_k: int = 60,
        min_similarity: float = 0.3,
        min_coverage: float = 0.5,
        max_unknown: float = 1.0,
        dense_weight: float = 1.0,
    ) -> None:
        self.index = index
        self.embedder = embedder
        self.candidates = candidates
        self.rrf_k = rrf_k
        self.min_similarity = min_similarity
        self.min_coverage = min_coverage
        self.max_unknown = max_unknown
        self.dense_weight = dense_weight
        self._passage_tokens = {
            chunk_id: set(tokens)
            for chunk_id, tokens in zip(
                index.keywords.chunk_ids, index.keywords.tokens, strict=True
            )
        }
        self._vocabulary = frozenset(t for tokens in index.keywords.tokens for t in tokens)
        self._share = {
            token: count / max(len(index.keywords.tokens), 1)
            for token, count in Counter(
                t for tokens in index.keywords.tokens for t in set(tokens)
            ).items()
        }

    def retrieve(
        self,
        query: str,
        years: tuple[str, ...] = (),
        method: Method = "hybrid",
        speakers: tuple[str, ...] = (),
    ) -> Retrieval:
        """Fused hits and the gate's verdict; with `speakers`, only those speakers' text
        counts (the gate then judges whether *they* cover the question)."""
        timings: dict[str, float] = {}
        started = time.perf_counter()
        query = to_written_chinese(query)
        # A filter keeps fewer hits: look deeper so the filtered list is as long.
        depth = self.candidates * (4 if speakers else 1)
        dense: list[tuple[str, float]] = []
        if method != "keyword":
            vector = self.embedder.embed_query(self._dense_text(query))
            timings["embed_s"] = time.perf_counter() - started
            mark = time.perf_counter()
            dense = [
                (cid, sim)
                for cid, sim in self.index.vectors.search(vector, depth)
                if sim >= DENSE_FLOOR or method == "dense"
            ]
            timings["dense_s"] = time.perf_counter() - mark
        mark = time.perf_counter()
        # The English map is built on the first English question (it takes a second or two).
        english = self.english if re.search(r"[A-Za-z]{2}", query) else None
        terms = analyse(query, self._vocabulary, english)
        keyword: list[tuple[str, float]] = []
        if method != "dense":
            keyword = self.index.keywords.search(terms.search, depth)
        timings["keyword_s"] = time.perf_counter() - mark
        structural = method == "hybrid"  # single methods stay pure, for comparison
        fuse = functools.partial(
            self._fuse,
            dense,
            keyword,
            years if structural else (),
            ordinal_terms(query) if structural else [],
        )
        kind = answer_kind(query) if structural else None
        # The gate judges relevance alone; the kind of answer asked for then orders the
        # relevant passages (it must not lift an irrelevant one past the gate).
        judged = fuse(None)
        hits = fuse(kind) if kind else judged
        if speakers:
            judged = [hit for hit in judged if hit.chunk.speaker in speakers]
            hits = [hit for hit in hits if hit.chunk.speaker in speakers]
        gate = decide(
            terms.topic,
            years,
            terms.entities,
            judged,
            self._passage_tokens,
            self.min_similarity,
            self.min_coverage,
            self._vocabulary,
            self.max_unknown,
            question=query,
        )
        timings["retrieve_s"] = time.perf_counter() - started
        return Retrieval(hits, gate, terms, timings)

    @cached_property
    def english(self) -> EnglishMap:
        """The dictionary's English for this index's words, built on the first English query."""
        return EnglishMap(self._vocabulary, lambda word: not is_function_word(word))

    def _dense_text(self, query: str) -> str:
        """The query without the words that most passages share (the corpus's own subject,
        「藍圖」 here): they pull the embedding towards every passage alike."""
        tokens = tokenize(query)
        common = [t for t in tokens if self._share.get(t, 0.0) > COMMON_SHARE]
        if not common or len(common) == len(tokens):
            return query
        folded = fold(query)
        for token in common:
            folded = folded.replace(token, " ")
        return folded

    def _fuse(
        self,
        dense: list[tuple[str, float]],
        keyword: list[tuple[str, float]],
        years: tuple[str, ...],
        ordinals: list[str],
        kind: str | None = None,
    ) -> list[Hit]:
        dense_rank = {cid: rank for rank, (cid, _) in enumerate(dense, start=1)}
        similarity = dict(dense)
        keyword_rank = {cid: rank for rank, (cid, _) in enumerate(keyword, start=1)}
        rankings = [[cid for cid, _ in dense], [cid for cid, _ in keyword]]
        weights = [self.dense_weight, 1.0]
        fused = reciprocal_rank_fusion(rankings, k=self.rrf_k, weights=weights)
        if years:
            # A question naming a year asks for a table value: rows with that year's
            # column form a third ranking, in their fused order.
            rankings.append([cid for cid, _ in fused if self._row_has_year(cid, years)])
        if ordinals:
            # "策略五" / "strategy 5" names a part of the Blueprint: the chunks that open
            # with that name form a ranking of their own, whatever the embedder thinks.
            rankings.append(self._chunks_opening_with(ordinals))
        if kind in ("a date", "an amount of money"):
            # "When...?" is answered by a passage with a date in it, "how much" by one with
            # an amount: the passages that give the kind of answer asked for form a ranking.
            # (Not for counts: some figure is in most passages, and the gate asks the best
            # passage itself for one.)
            gives = DATE if kind == "a date" else KINDS[kind][1]
            rankings.append(
                [cid for cid, _ in fused if gives.search(self.index.chunks[cid].passage)]
            )
        if len(rankings) > 2:
            weights += [STRUCTURE_WEIGHT] * (len(rankings) - 2)
            fused = reciprocal_rank_fusion(rankings, k=self.rrf_k, weights=weights)
        return [
            Hit(
                chunk=self.index.chunks[cid],
                score=score,
                dense_rank=dense_rank.get(cid),
                keyword_rank=keyword_rank.get(cid),
                dense_similarity=similarity.get(cid),
            )
            for cid, score in fused
            if cid in self.index.chunks
        ]

    def _row_has_year(self, chunk_id: str, years: tuple[str, ...]) -> bool:
        row = self.index.chunks[chunk_id].row if chunk_id in self.index.chunks else None
        return row is not None and any(y in column for y in years for column in row.columns)

    def _chunks_opening_with(self, names: list[str]) -> list[str]:
        return [
            chunk_id
            for chunk_id, chunk in self.index.chunks.items()
            if any(name in chunk.passage[:NAME_WITHIN] for name in names)
        ]
