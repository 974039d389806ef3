"""Dense (Chroma) and keyword (BM25) retrieval, fused with reciprocal rank."""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from assistant.embed.base import Embedder
from assistant.index.store import LoadedIndex
from assistant.retrieve.analysis import QueryAnalysis, analyse_query
from assistant.retrieve.gate import FIGURE_KINDS, GateDecision, decide, quoted_names
from assistant.retrieve.home import Home
from assistant.retrieve.measures import ItemMeanings, in_order_of, measures_ranking
from assistant.retrieve.places import home_first
from assistant.retrieve.query import Query
from assistant.retrieve.rankings import fused_hits, named_by, per_asked, per_first
from assistant.retrieve.terms import QueryTerms
from assistant.text.dictionary import EnglishMap
from assistant.text.function import is_function_word
from assistant.text.language import Language
from assistant.text.normalize import blank, in_both_scripts
from assistant.text.tokenize import tokenize
from assistant.types import Hit

Method = Literal["hybrid", "dense", "keyword"]
# Below this cosine similarity a USE match is noise; in hybrid it would only push keyword
# hits down, so it does not vote. (Dense-only retrieval keeps everything, for comparison.)
DENSE_FLOOR = 0.2
# A word in more than this share of passages is the corpus's subject, not the question's
# (chosen on the dev split).
COMMON_SHARE = 0.25
# The candidate pool grows with the index: 5% of its passages, at most 1000 (chosen on the
# dev split among 10k generated distractors: 12 candidates 0.748 hit@5 / 0.714 correct,
# 200: 0.784 / 0.774, 400: 0.804 / 0.782, 1000: 0.808 / 0.798; the seed alone keeps 12).
POOL_SHARE = 0.05
POOL_MAX = 1000
# The dense search looks this many times deeper, for the measures ranked apart (an item
# is short, and a long passage sharing the question's words outranks it).
ITEM_DEPTH = 4


@dataclass
class Retrieval:
    hits: list[Hit]
    gate: GateDecision
    analysis: QueryAnalysis
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def terms(self) -> QueryTerms:
        return self.analysis.terms


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
        item_embedder: Embedder | None = None,
    ) -> None:
        self.index = index
        self.embedder = embedder
        self.candidates = candidates
        self.rrf_k = rrf_k
        self.min_similarity = min_similarity
        self.min_coverage = min_coverage
        self.max_unknown = max_unknown
        self.dense_weight = dense_weight
        self.meanings = (
            ItemMeanings(index.chunks, embedder, item_embedder) if item_embedder else None
        )
        # The word statistics come from the version's saved keyword arrays (read, not
        # rebuilt, by a new process or after an update); passages' word sets are made
        # when the gate asks for them.
        self._passage_tokens = index.keywords.passage_tokens
        self._vocabulary = index.keywords.vocabulary
        self._share = index.keywords.shares

    def analyse(
        self, query: Query, language: Language = "zh-Hant", speakers: tuple[str, ...] = ()
    ) -> QueryAnalysis:
        """The question read once, against this index's words (retrieve/analysis.py)."""
        # The English map is built on the first English question (it takes a second or two).
        english = self.english if re.search(r"[A-Za-z]{2}", query.text) else None
        return analyse_query(query, language, speakers, self._vocabulary, english)

    def retrieve(
        self,
        query: str,
        years: tuple[str, ...] = (),
        method: Method = "hybrid",
        speakers: tuple[str, ...] = (),
    ) -> Retrieval:
        """Analyse `query` and search: for scripts and benchmarks (the Answerer analyses a
        question once and calls `search`)."""
        return self.search(self.analyse(Query(query, years, False), speakers=speakers), method)

    def search(self, analysis: QueryAnalysis, method: Method = "hybrid") -> Retrieval:
        """Fused hits and the gate's verdict; with `analysis.speakers`, only those
        speakers' text counts (the gate then judges whether *they* cover the question)."""
        timings: dict[str, float] = {}
        started = time.perf_counter()
        query, years, speakers = analysis.written, analysis.years, analysis.speakers
        terms = analysis.terms
        # A filter keeps fewer hits: look deeper so the filtered list is as long.
        depth = self.pool() * (4 if speakers else 1)
        # A question that names no place asks about the corpus's home: its documents' own
        # word statistics weigh the words, and documents about other places come after
        # theirs (retrieve/places.py, retrieve/home.py).
        away = self.home.away_from(terms.entities)
        home = method == "hybrid" and bool(away)
        statistics = _own_statistics(self, analysis, method == "hybrid")
        dense: list[tuple[str, float]] = []
        dense_text = dense_text_of(self, analysis, method == "hybrid")
        if method != "keyword":
            dense = _dense(self, dense_text, depth * ITEM_DEPTH, timings)
            if method != "dense":
                dense = [(cid, sim) for cid, sim in dense if sim >= DENSE_FLOOR]
        structural = method == "hybrid"  # single methods stay pure, for comparison
        asks_figure = bool(years) or analysis.kind in FIGURE_KINDS
        asks_for = structural and not years and analysis.kind is None  # no figure or date
        chunks = self.index.chunks
        measures = (
            measures_ranking(chunks, dense, depth, self.meanings, dense_text) if asks_for else []
        )
        dense = dense[:depth]
        mark = time.perf_counter()
        keyword: list[tuple[str, float]] = []
        if method != "dense":
            keyword = self.index.keywords.search(terms.search, depth)
        if statistics and keyword:
            keyword = self.home.keyword(keyword, terms.search, depth)
        timings["keyword_s"] = time.perf_counter() - mark
        named = named_by(self.index.chunks, query) if structural else []
        fuse = functools.partial(
            fused_hits,
            self.index.chunks,
            dense,
            keyword,
            years if structural else (),
            list(analysis.ordinals) if structural else [],
            rrf_k=self.rrf_k,
            dense_weight=self.dense_weight,
            named=named,
        )
        kind = analysis.kind if structural else None
        # The gate judges relevance alone; the kind of answer then orders what is relevant.
        judged = fuse(None)
        hits = fuse(kind, measures=measures) if kind or measures else judged
        if measures and self.meanings is not None:
            hits = in_order_of(hits, measures)
        if structural and asks_figure and not named:  # per head or not, unless named
            hits = per_first(hits, per_asked(query))
        if home:
            judged, hits = home_first(judged, away), home_first(hits, away)
        if speakers:
            judged, hits = _spoken_by(judged, speakers), _spoken_by(hits, speakers)
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
            kind=analysis.kind,
            equivalents=terms.equivalents,
            quoted=quoted_names(analysis.text),
        )
        timings["retrieve_s"] = time.perf_counter() - started
        return Retrieval(hits, gate, analysis, timings)

    def pool(self) -> int:
        """Candidates taken from each search: `candidates`, or a share of the index when
        that is more (near-duplicate passages, other cities' rows of the same indicator,
        grow with the corpus and crowd a fixed pool), at most POOL_MAX."""
        share = int(len(self.index.keywords.chunk_ids) * POOL_SHARE)
        return max(self.candidates, min(share, POOL_MAX))

    @cached_property
    def english(self) -> EnglishMap:
        """The dictionary's English for this index's words, built on the first English query."""
        return EnglishMap(self._vocabulary, lambda word: not is_function_word(word))

    @cached_property
    def home(self) -> Home:
        """The index's documents about other places, and the home documents' words."""
        return Home(self.index)

    def _share_of(self, word: str) -> float:
        return self._share.get(word, 0.0)


def dense_text_of(retriever: HybridRetriever, analysis: QueryAnalysis, hybrid: bool = True) -> str:
    """What the dense search embeds for `analysis`: its query without the common words of
    the documents it is about (the home documents' own statistics when the question names
    no place and other places' documents are indexed)."""
    own = _own_statistics(retriever, analysis, hybrid)
    share = retriever.home.words.share if own else retriever._share_of
    return _dense_text(analysis.written, share)


def _own_statistics(retriever: HybridRetriever, analysis: QueryAnalysis, hybrid: bool) -> bool:
    """True when the home documents' own word statistics weigh the words: a hybrid
    search for a question that names no place, with other places' documents indexed."""
    entities = analysis.terms.entities
    return hybrid and not entities and bool(retriever.home.away_from(entities))


def _dense_text(query: str, share: Callable[[str], float]) -> str:
    """The query without the words that most passages share (the corpus's own subject,
    「藍圖」 here): they pull the embedding towards every passage alike. The rest stays in
    the member's script, as the passages were embedded: folded to Simplified, a question
    lost half its similarity to its Traditional passage (0.42 -> 0.19)."""
    tokens = tokenize(query)
    common = [t for t in tokens if share(t) > COMMON_SHARE]
    if not common or len(common) == len(tokens):
        return query
    for token in dict.fromkeys(common):
        query = blank(query, token)
    return query


def _dense(
    retriever: HybridRetriever, text: str, depth: int, timings: dict[str, float]
) -> list[tuple[str, float]]:
    """Passages by cosine similarity to the query in either Chinese script, each passage
    at its better score."""
    started = time.perf_counter()
    vectors = [retriever.embedder.embed_query(t) for t in in_both_scripts(text)]
    timings["embed_s"] = time.perf_counter() - started
    mark = time.perf_counter()
    best: dict[str, float] = {}
    for vector in vectors:
        for cid, sim in retriever.index.vectors.search(vector, depth):
            best[cid] = max(sim, best.get(cid, sim))
    timings["dense_s"] = time.perf_counter() - mark
    return sorted(best.items(), key=lambda pair: -pair[1])[:depth]


def _spoken_by(hits: list[Hit], speakers: tuple[str, ...]) -> list[Hit]:
    return [hit for hit in hits if hit.chunk.speaker in speakers]
