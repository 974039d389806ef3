"""The relevance gate: does the corpus cover this question at all?

"The documents don't say" beats a guess, so the gate refuses when:
- the question names a year, place or person, or quotes a name, that none of the top
  passages mentions, or
- a large share of the question's topic words never occur anywhere in the documents
  (「專利」, 「月薪」: the question is about something they do not discuss), or
- too few of the question's topic words occur in the best passages *and* the
  dense similarity is low (either signal alone is enough to go ahead: keyword
  coverage catches exact terms, similarity catches paraphrases and English).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from assistant.text.function import names_a_thing
from assistant.text.normalize import fold
from assistant.text.overlap import coverage
from assistant.types import Hit

# The places this assistant's documents are about as a whole (it serves Hong Kong's policy
# documents): a passage speaks of them without naming them, so they say nothing about
# whether the documents cover a question, and a covering passage need not name them.
# Other places (深圳, 新加坡) must be named by a covering passage.
HOME_PLACES = frozenset({"香港", "中国"})

# How many of the best passages a count or share asked for must appear in (dev split).
NUMBER_DEPTH = 1


@dataclass(frozen=True)
class GateDecision:
    covered: bool
    reason: str
    coverage: float
    similarity: float
    unknown: float = 0.0


def decide(
    query_tokens: Sequence[str],
    years: Sequence[str],
    entities: Sequence[str],
    hits: Sequence[Hit],
    passage_tokens: Mapping[str, AbstractSet[str]],
    min_similarity: float,
    min_coverage: float,
    vocabulary: frozenset[str] = frozenset(),
    max_unknown: float = 1.0,
    depth: int = 3,
    kind: str | None = None,
    equivalents: Mapping[str, Sequence[str]] | None = None,
    quoted: Sequence[str] = (),
) -> GateDecision:
    """Judge the top `depth` hits against the query (`kind`: the kind of answer it asks
    for, see `answer_kind`)."""
    top = list(hits[:depth])
    if not top:
        return GateDecision(False, "nothing was retrieved", 0.0, 0.0)
    unknown = unknown_share(query_tokens, vocabulary)
    if unknown >= max_unknown:
        missing = [
            t for t in dict.fromkeys(query_tokens) if t not in vocabulary and not t.isascii()
        ]
        return GateDecision(
            False, f"the documents never use {', '.join(missing)}", 0.0, 0.0, unknown
        )
    # A year alone is not a topic: "Who won the 2022 World Cup?" must match on more than 2022.
    topic = [t for t in query_tokens if not t.isdigit()]
    best_cov = max(coverage(topic, passage_tokens[h.chunk.chunk_id], equivalents) for h in top)
    best_sim = max((h.dense_similarity or 0.0) for h in hits)
    texts = [fold(h.chunk.index_text) for h in top]
    names = (*years, *entities, *quoted)
    missing = [name for name in names if not any(name in text for text in texts)]
    if missing:
        reason = f"no passage mentions {', '.join(missing)}"
        return GateDecision(False, reason, best_cov, best_sim, unknown)
    # Money and dates may sit in any of the best passages; a count or share must be in the
    # best one (a number somewhere in the top three is no answer to "how many"). A count
    # of people is judged as a count here: whether the row found counts people in the
    # asked column is the answer's to say (generate/row_fit.py).
    kind = "a number" if kind == "a count of people" else kind
    looked_at = top[:NUMBER_DEPTH] if kind == "a number" else top
    # What the member quotes (「招商引才專組」) is what the answer is about: a date or a
    # figure in a passage that does not name it answers another question.
    looked_at = [h for h in looked_at if all(q in fold(h.chunk.passage) for q in quoted)]
    if kind and not any(KINDS[kind][1].search(h.chunk.passage) for h in looked_at):
        reason = f"the question asks for {kind}, and no passage gives one"
        return GateDecision(False, reason, best_cov, best_sim, unknown)
    if best_cov < min_coverage and best_sim < min_similarity:
        return GateDecision(
            False,
            f"weak match (keyword coverage {best_cov:.2f}, similarity {best_sim:.2f})",
            best_cov,
            best_sim,
            unknown,
        )
    return GateDecision(True, "covered", best_cov, best_sim, unknown)


_QUOTED = re.compile(r"「([^「」]{2,30})」|“([^“”]{2,30})”|\"([^\"]{2,30})\"")


def quoted_phrases(question: str) -> list[str]:
    """The phrases a question quotes, as written: 「招商引才專組」, "Co-Investment Fund"."""
    return [next(g for g in m.groups() if g) for m in _QUOTED.finditer(question)]


def quoted_names(question: str) -> list[str]:
    """The same, folded."""
    return [fold(phrase) for phrase in quoted_phrases(question)]


def unknown_share(query_tokens: Sequence[str], vocabulary: frozenset[str]) -> float:
    """Share (by length) of the Chinese topic words that the documents never use.

    Only words that name things count (nouns by the dictionary's part of speech, or words
    the dictionary does not know): 「有沒有」 or 「講」 missing from the documents says
    nothing about the topic. English words are left out: a small glossary cannot vouch
    for them either way, and so are the home places: every passage is about them."""
    chinese = [
        t for t in query_tokens if not t.isascii() and names_a_thing(t) and t not in HOME_PLACES
    ]
    if not vocabulary or not chinese:
        return 0.0
    return 1.0 - coverage(chinese, vocabulary)


# The kind of answer a question asks for, and what a passage that gives one contains.
# Question words are facts of the languages (Cantonese included), not of any question set.
KINDS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "an amount of money": (
        re.compile(
            r"多少錢|多少钱|幾多錢|几多钱|幾錢|費用|费用|金額|金额|成本|預算|预算|撥款多少|拨款多少"
            r"|(?:多少|幾多|几多)(?:億|亿|萬|万)"
            r"|\bin (?:billions|millions)\b|how many (?:billion|million)"
            r"|how much (?:money|funding)|\bcost\b|\bbudget\b|\bamount\b|\bin dollar terms\b"
            # "how much will it spend", not "how much does the workforce grow"
            r"|how much\b[^?？]{0,40}?\b(?:spen[dt]|invest|fund|pa(?:y|id)|allocat|expenditure"
            r"|outlay|dollars?)",
            re.I,
        ),
        re.compile(
            r"\d[\d,.\s]*(?:億|亿|萬|万|千)?\s*(?:港元|港幣|港币|元|美元)|HK\$\s?\d|US\$\s?\d"
            r"|\$\s?\d|\d\s*(?:billion|million)",
            re.I,
        ),
    ),
    # A share of something (「佔…幾多」, "what percentage"): answered by a percentage or a
    # ratio, not by an amount or a count of the same subject (per-head spending is not a
    # share of GDP).
    "a share": (
        re.compile(
            r"百分之幾|百分之几|百分比|比率|比例|比重|[佔占][^，。？?]{0,12}?(?:幾多|几多|多少|幾成|几成)"
            r"|幾成|几成|what (?:share|percentage|proportion|fraction)|\bshare of\b"
            r"|\bpercent(?:age)?\b|\bproportion\b",
            re.I,
        ),
        re.compile(r"\d[\d.]*\s*%|百分之|\d+\s*[:：]\s*\d+"),
    ),
    # A count of people (「幾多人」, "how many workers"): answered by a figure of people, not
    # by a share or an amount of the same subject (the manufacturing row's 5% is no count
    # of manufacturing jobs). A figure per head or per thousand is asked as a number.
    "a count of people": (
        re.compile(
            r"(?:多少|幾多|几多)(?:個|个)?人(?!均)|人數|人数"
            r"|how many (?:people|persons|workers|employees|staff|jobs)\b|\bheadcount\b",
            re.I,
        ),
        re.compile(r"\d[\d,\s]*\s*人|[一二三四五六七八九十百千萬万]+\s*人"),
    ),
    "a number": (
        re.compile(
            r"多少|幾多|几多|幾個|几个|幾間|几间|幾成|几成|百分之幾|百分之几|比例是|比率是"
            r"|[規规]模(?:有)?多大|多大[規规]模|how (?:big|large) (?:is|are|will)|what size"
            r"|how many|how much|what (?:share|percentage|proportion|number|ratio)",
            re.I,
        ),
        # A figure that is not a year: a count, a share, an amount.
        re.compile(
            r"(?<![\d.])(?!(?:19|20)\d{2}(?!\d))\d[\d,.\s]*(?:%|萬|万|億|亿|千|間|间|人|港元|元)?"
            r"|[一二三四五六七八九十百千萬万億亿]+(?:%|成|間|间|人|港元|億|亿)"
        ),
    ),
    "a date": (
        re.compile(
            r"幾時|几时|何時|何时|哪一年|哪年|哪一天|哪天|什麼時候|什么时候|甚麼時候"
            r"|\bwhen\b|what date|which year",
            re.I,
        ),
        re.compile(
            r"(?:19|20)\d{2}|\d{1,2}\s*月|January|February|March|April|May|June|July"
            r"|August|September|October|November|December"
        ),
    ),
}


# The kinds of answer a table row gives.
FIGURE_KINDS = ("a number", "a share", "an amount of money", "a count of people")


def answer_kind(question: str) -> str | None:
    for kind, (asks, _) in KINDS.items():
        if asks.search(question):
            return kind
    return None
