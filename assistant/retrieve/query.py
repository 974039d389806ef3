"""From a member's question (and the conversation so far) to a search query.

A follow-up such as 「那2016年的數字呢？」 or "and in 2027?" names a new year but not
the indicator; the indicator carries over from the previous question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.text.normalize import fold
from assistant.text.times import YEAR
from assistant.text.tokenize import tokenize

_FOLLOW_UP_START = re.compile(
    r"^\s*(那|咁|那麼|那么|而|同埋|还有|還有|and\b|what about\b|how about\b|and what about\b)",
    re.I,
)
# "This strategy", 「呢個策略」: the subject is the previous question's, whatever else is new.
_POINTING = re.compile(
    r"^\s*(呢個|呢个|呢項|呢项|這個|这个|這項|这项|該|该|佢|它|其|"
    r"this\b|that\b|these\b|those\b|its\b|it\b|they\b)",
    re.I,
)
# Words that only point back at the previous question's subject.
_POINTERS = {
    "数字",
    "数据",
    "目标",
    "数值",
    "情况",
    "时候",
    "figure",
    "figures",
    "number",
    "numbers",
    "value",
    "values",
    "target",
    "baseline",
    "year",
    "then",
    "about",
    "again",
    "呢",
    "嗰阵",
}


@dataclass(frozen=True)
class Query:
    """What retrieval searches for, and the years the member asked about."""

    text: str
    years: tuple[str, ...]
    condensed_from_history: bool


def years_in(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(YEAR.findall(fold(text))))


def _topic(question: str) -> list[str]:
    return [t for t in tokenize(question) if not YEAR.fullmatch(t) and t not in _POINTERS]


def is_follow_up(question: str) -> bool:
    """True when the question leans on the previous one for its subject or its year."""
    topic = _topic(question)
    if _POINTING.match(question):
        return True
    return len(topic) == 0 or (bool(_FOLLOW_UP_START.match(question)) and len(topic) <= 2)


def build_query(question: str, history: Sequence[dict[str, str]] = ()) -> Query:
    """Condense the user's turns into one standalone query for retrieval."""
    subject = ""
    for turn in history:
        if turn.get("role") == "user" and turn.get("content"):
            subject = _carry(subject, turn["content"])
    if subject and is_follow_up(question):
        return Query(_carry(subject, question), years_in(question) or years_in(subject), True)
    return Query(question, years_in(question), False)


def _carry(subject: str, question: str) -> str:
    """The follow-up keeps the earlier subject (new topic absent) or the earlier year."""
    if not subject or not is_follow_up(question):
        return question
    if _POINTING.match(question):
        return f"{subject.strip()} {question.strip()}"
    if _topic(question):  # "那研發開支呢？": a new subject, the year carries over
        if years_in(question):
            return question
        return f"{question.strip()} {' '.join(years_in(subject))}".strip()
    if years_in(question):
        subject = YEAR.sub("", subject)
    return f"{subject.strip()} {question.strip()}"


# Words that make a clause a question of its own (Cantonese included): facts of the languages.
_ASKS = re.compile(
    r"什麼|什么|甚麼|哪|邊|幾|几|多少|咩|乜|點樣|点样|如何|是否|有冇|有沒有|有没有"
    r"|\b(?:what|which|who|whom|how|when|where|whether)\b",
    re.I,
)
_CLAUSE_BREAK = re.compile(
    r"[？?；;]|(?<!\d)[，,、](?!\d)\s*(?:以及|還有|还有|同埋|另外|和|及|并且|並且)?|\s+and\s+"
)


def split_question(question: str) -> list[str]:
    """A question with two parts ("which X and which Y", 「X係幾多？Y呢？」) as its parts.

    Splits only where both sides ask something (a question word, or a second clause that
    leans on the first, like 「2032年呢」): a list inside one question stays whole."""
    text = question.strip().rstrip("？?。.!！ ")
    for match in _CLAUSE_BREAK.finditer(text):
        first, second = text[: match.start()].strip(), text[match.end() :].strip()
        if len(first) < 4 or len(second) < 3:
            continue
        asks_both = bool(_ASKS.search(first)) and bool(_ASKS.search(second))
        leans = bool(_ASKS.search(first)) and is_follow_up(second) and bool(years_in(second))
        if asks_both or leans:
            return [first, second]
    return [question]
