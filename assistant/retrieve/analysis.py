"""What one question asks, read off it once: every later step (search, gate, answer shape,
quotes, the model's sources) takes this record and recomputes none of it.

The words that count depend on the documents (a word they never use cannot be searched
for), so the retriever of the question's index snapshot builds it (HybridRetriever.analyse).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assistant.retrieve.gate import FIGURE_KINDS, answer_kind
from assistant.retrieve.query import Query
from assistant.retrieve.rankings import per_asked
from assistant.retrieve.terms import QueryTerms, analyse
from assistant.text.cantonese import to_written_chinese
from assistant.text.dictionary import EnglishMap
from assistant.text.language import Language
from assistant.text.ordinals import canonical_terms, rewrite_ordinals

# What a question is about, as far as its words and the document's structure tell:
# - a target: a year or a figure is asked for (an indicator's value);
# - a strategy: a numbered unit is named (「策略三」, "direction 2"); the answer's shape may
#   also find it one later (its best match is a unit or one of its items, generate/shapes.py);
# - a comparison: two values set against each other, of two years (「由2022年到2032年」)
#   or of the two sides (generate/compare.py sets that one);
# - a fact: anything else (a view, a date, a name).
QuestionKind = Literal["target", "strategy", "fact", "comparison"]


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
    asks: QuestionKind = "fact"

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
    ordinals = tuple(canonical_terms(rewritten))
    kind = answer_kind(written)
    if kind == "a count of people" and per_asked(written):
        kind = "a number"  # 「每千人中有幾多人」: a density, which no cell counts in 人
    return QueryAnalysis(
        text=query.text,
        written=written,
        language=language,
        years=query.years,
        ordinals=ordinals,
        kind=kind,
        terms=analyse(rewritten, vocabulary, english),
        speakers=speakers,
        condensed_from_history=query.condensed_from_history,
        asks=question_kind(ordinals, query.years, kind),
    )


def question_kind(
    ordinals: tuple[str, ...], years: tuple[str, ...], kind: str | None
) -> QuestionKind:
    """The kind of question from its words alone (before anything is retrieved)."""
    if ordinals:
        return "strategy"
    if len(years) > 1:
        return "comparison"
    if years or kind in FIGURE_KINDS:
        return "target"
    return "fact"
