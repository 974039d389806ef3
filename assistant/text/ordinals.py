"""Strategy and direction numbers, however they are written, become the corpus's form.

「策略三」, 「第三項策略」, "strategy 3", "the third strategy" all mean 策略三.
"""

from __future__ import annotations

import re

CHINESE_DIGITS = "一二三四五六七八九十"
_ENGLISH = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
}
_NOUNS = {"strategy": "策略", "direction": "方向"}
_NUM = "(" + "|".join([r"\d{1,2}", f"[{CHINESE_DIGITS}]", *_ENGLISH]) + ")"
_PATTERNS = [
    re.compile(rf"(strategy|direction)\s*(?:no\.?\s*)?{_NUM}\b", re.I),
    # Singular only: "strategy three" is one strategy, "the four directions" are all four.
    # A word or two may stand between: "the second development direction", 「第一個發展方向」.
    re.compile(rf"\b{_NUM}\s+(?:[a-z&]+\s+){{0,2}}?(strategy|direction)\b", re.I),
    re.compile(rf"第\s*{_NUM}\s*[項项個个大条條]?\s*(?:[\u4e00-\u9fff]{{1,4}}?)?(策略|方向)"),
    re.compile(rf"(策略|方向)\s*{_NUM}"),
]


def _number(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    if word in _ENGLISH:
        return _ENGLISH[word]
    if word in CHINESE_DIGITS:
        return CHINESE_DIGITS.index(word) + 1
    return None


def _canonical(match: re.Match[str]) -> str:
    groups = match.groups()
    noun = next(g for g in groups if g.lower() in _NOUNS or g in ("策略", "方向"))
    num = _number(next(g for g in groups if g is not noun))
    if not num or not 1 <= num <= 10:
        return match.group(0)
    return f" {_NOUNS.get(noun.lower(), noun)}{CHINESE_DIGITS[num - 1]} "


def rewrite_ordinals(text: str) -> str:
    """`text` with every numbered strategy or direction written as the corpus writes it."""
    for pattern in _PATTERNS:
        text = pattern.sub(_canonical, text)
    return text


def ordinal_terms(text: str) -> list[str]:
    """Canonical terms such as 策略三 or 方向二 named anywhere in `text`."""
    return canonical_terms(rewrite_ordinals(text))


def canonical_terms(rewritten: str) -> list[str]:
    """The canonical terms in a text already rewritten by `rewrite_ordinals`."""
    return re.findall(r"(?:策略|方向)[一二三四五六七八九十]", rewritten)


_COUNT = re.compile(rf"\d{{1,2}}|[{CHINESE_DIGITS}]|\b(?:{'|'.join(_ENGLISH)})\b", re.I)


def count_words(text: str) -> set[int]:
    """Every small number written in `text` (「四大方向」, "eight strategies", 8)."""
    return {n for word in _COUNT.findall(text) if (n := _number(word))}
