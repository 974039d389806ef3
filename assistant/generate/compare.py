"""Two sides of one topic: the government's Blueprint and the association's commentary,
each answered from its own text alone.

Each side is retrieved with a speaker filter, judged by the relevance gate on that side's
passages only, and quoted by the ordinary evidence answer. A side with nothing on the topic
says so; it is never filled from the other side.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from assistant.generate.evidence import evidence_answer
from assistant.index.store import LoadedIndex
from assistant.messages import SIDE_HEADINGS, SIDE_SILENT
from assistant.names import NO_NAMES, CorpusNames
from assistant.retrieve.hybrid import HybridRetriever
from assistant.retrieve.query import build_query
from assistant.text.language import Language
from assistant.types import Answer, Citation

SIDES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("government", ("government", "government_summary")),
    ("association", ("association",)),
)
_CUE = re.compile(
    r"\bvs\.?|\bversus\b|\bcompar\w*|side\s+by\s+side|[比對对][較较照比]|相比|分[別别]|各自|[兩两]者|雙方|双方",
    re.I,
)
_AND = r"\s*(?:與|与|和|同|及|跟|and|&|vs\.?|versus)\s*"
_FILLER = re.compile(
    r"\b(?:on|about|regarding|what\s+do(?:es)?|say|says|said|views?|of|the|and|s)\b|"
    r"[對对]於?|關於|关于|的?(?:看法|觀點|观点|立場|立场|意見|意见|說法|说法)|有?(?:何|甚麼|什麼|什么|咩)|"
    r"[點点][睇看]|怎[樣样]看|[與与和同及跟]|[？?,，、：:]",
    re.I,
)


def _sides(names: CorpusNames) -> tuple[str, str]:
    """Each side's pattern: its documents' declared names and plain words (names.py)."""
    patterns = names.side_patterns
    return patterns["government"], patterns["association"]


def _joined(government: str, association: str) -> str:
    """Both sides named together: 「藍圖與廠商會」, "the CMA and the government"."""
    return f"{government}{_AND}{association}|{association}{_AND}{government}"


def compare_asked(question: str, names: CorpusNames = NO_NAMES) -> bool:
    """True when the question names both sides and asks for them together
    ("Blueprint vs association on talent", 「藍圖與廠商會對人才的看法」)."""
    government, association = _sides(names)
    named = re.search(government, question, re.I) and re.search(association, question, re.I)
    joined = _joined(government, association)
    return bool(named and (_CUE.search(question) or re.search(joined, question, re.I)))


def topic_of(question: str, names: CorpusNames = NO_NAMES) -> str:
    """The question without the sides' names and the comparing words: what to retrieve."""
    government, association = _sides(names)
    text = re.sub(_joined(government, association), " ", question, flags=re.I)
    text = re.sub(government, " ", text, flags=re.I)
    text = re.sub(association, " ", text, flags=re.I)
    text = _CUE.sub(" ", text)
    text = _FILLER.sub(" ", text)
    return " ".join(text.split()) or question


def compare_answer(
    retriever: HybridRetriever,
    index: LoadedIndex,
    question: str,
    language: Language,
    top_k: int,
    names: CorpusNames = NO_NAMES,
) -> Answer:
    """One answer in two columns (`Answer.sides`), citations numbered across both."""
    query = build_query(topic_of(question, names))
    lines: list[str] = []
    citations: list[Citation] = []
    sides: list[dict[str, Any]] = []
    retrieved: list[dict[str, Any]] = []
    reasons: list[str] = []
    for side, speakers in SIDES:
        analysis = replace(retriever.analyse(query, language, speakers), asks="comparison")
        retrieval = retriever.search(analysis)
        answer = evidence_answer(
            question, retrieval, index.documents, index.units.only(speakers), names
        )
        text, cited = _numbered(answer, len(citations))
        if not retrieval.gate.covered:
            text = SIDE_SILENT[language][side].format(**names.sides(language))
        stray = [c.chunk_id for c in cited if c.speaker not in speakers]
        if stray:  # a column quotes only its own side; anything else is a bug to see
            raise RuntimeError(f"The {side} column cited another speaker's text: {stray}.")
        heading = SIDE_HEADINGS[language][side].format(**names.sides(language))
        sides.append(
            {
                "side": side,
                "speakers": list(speakers),
                "heading": heading,
                "answer": text,
                "said": not answer.refused,
                "citations": [c.n for c in cited],
            }
        )
        lines += [f"【{heading}】", text, ""]
        citations += cited
        retrieved += [
            {"chunk_id": h.chunk.chunk_id, "text": h.chunk.passage, "score": round(h.score, 6)}
            for h in retrieval.hits[:top_k]
        ]
        reasons.append(f"{side}: {retrieval.gate.reason}")
    return Answer(
        question,
        "\n".join(lines).strip(),
        all(not s["said"] for s in sides),
        "evidence",
        language,
        tuple(citations),
        retrieved=tuple(retrieved),
        query=query.text,
        reason="; ".join(reasons),
        sides=tuple(sides),
        asks="comparison",
    )


def _numbered(answer: Answer, offset: int) -> tuple[str, list[Citation]]:
    """The side's answer with its markers moved past the citations already given."""
    text = answer.answer
    for c in sorted(answer.citations, key=lambda c: -c.n):
        text = text.replace(f"[{c.n}]", f"[{c.n + offset}]")
    return text, [replace(c, n=c.n + offset) for c in answer.citations]
