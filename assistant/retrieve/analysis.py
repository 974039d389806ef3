"""What one question asks, read off it once: every later step (search, gate, answer shape,
quotes, the model's sources) takes this record and recomputes none of it.

The words that count depend on the documents (a word they never use cannot be searched
for), so the retriever of the question's index snapshot builds it (HybridRetriever.analyse).
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.retrieve.gate import answer_kind
from assistant.retrieve.query import Query
from assistant.retrieve.terms import QueryTerms, analyse
from assistant.text.cantonese import to_written_chinese
from assistant.text.dictionary import EnglishMap
from assistant.text.language import Language
from assistant.text.ordinals import canonical_terms, rewrite_ordinals


@dataclass(frozen=True)
class QueryAnalysis:
    """One question (or one part of a two-part question), analysed."""

    text: str  # what is searched: the question, or a follow-up condensed with the history
    written: str  # the same with Cantonese question words in written Chinese
    language: Language
    years: tuple[str, ...]
    ordinals: tuple[str, ...]  # numbered units named, in the corpus's form: 策略三, 方向二
    kind: str | None  # the kind of answer asked for: a number, an amount of money, a date
    terms: QueryTerms  # search words (weighted by BM25), topic words, places and names
    speakers: tuple[str, ...] = ()  # whose text alone may answer (() for anyone's)
    condensed_from_history: bool = False

    @property
    def places(self) -> list[str]:
        return self.terms.entities


def analyse_query(
    query: Query,
    language: Language,
    speakers: tuple[str, ...],
    vocabulary: frozenset[str],
    english: EnglishMap | None,
) -> QueryAnalysis:
    """Read `query` once: ordinals are rewritten here and nowhere else."""
    written = to_written_chinese(query.text)
    rewritten = rewrite_ordinals(written)
    return QueryAnalysis(
        text=query.text,
        written=written,
        language=language,
        years=query.years,
        ordinals=tuple(canonical_terms(rewritten)),
        kind=answer_kind(written),
        terms=analyse(rewritten, vocabulary, english),
        speakers=speakers,
        condensed_from_history=query.condensed_from_history,
    )
