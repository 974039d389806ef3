"""What a query asks about: search tokens, topic tokens for the gate, and named places/people."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.retrieve.gate import HOME_PLACES
from assistant.text.dictionary import EnglishMap, english_for
from assistant.text.function import word_tags
from assistant.text.glossary import chinese_terms
from assistant.text.tokenize import segment, tokenize

# Ordinary words that jieba's dictionary tags as place names.
NOT_PLACES = frozenset({"普及", "大湾", "外国", "海外", "国外"})
_ASCII_WORD = re.compile(r"[A-Za-z][A-Za-z&'\-]*")


@dataclass(frozen=True)
class QueryTerms:
    search: list[str]  # BM25 tokens, English glossary terms added in Chinese
    topic: list[str]  # tokens the gate expects to find in a covering passage
    entities: list[str]  # places and people that a covering passage must name
    # An English topic word the documents also use (an English document is indexed) and
    # the Chinese corpus words that translate it: a Chinese passage covers the word when it
    # has one of them ("school" is covered by 中小學).
    equivalents: dict[str, tuple[str, ...]] = field(default_factory=dict)


def analyse(
    query: str, vocabulary: frozenset[str] = frozenset(), english: EnglishMap | None = None
) -> QueryTerms:
    """Split a query into search tokens, topic tokens and named entities.

    English words count towards the topic only when the corpus uses them (KPI, CHIPS);
    otherwise their translation stands in for them: the glossary's (topic and search), and
    the dictionary's words for them in the corpus (search only: a dictionary gives several
    senses, and the gate must not demand all of them; measured on the dev split).
    `query` has its ordinals in the corpus's form already (retrieve/analysis.py).
    """
    translated = [t for term in chinese_terms(query) for t in tokenize(term)]
    looked_up = (
        english.chinese_for(query) if english is not None and _ASCII_WORD.search(query) else []
    )
    used = [t for t in tokenize(" ".join(_ASCII_WORD.findall(query))) if t in vocabulary]
    topic = tokenize(_ASCII_WORD.sub(" ", query)) + translated + used
    english_words = english_for(tokenize(query), vocabulary) if _has_english(vocabulary) else []
    search = tokenize(query) + translated + looked_up + english_words
    names = _entities(query) + _english_names(query, vocabulary, english)
    equivalents = _equivalents(used, english)
    return QueryTerms(search, list(dict.fromkeys(topic)), names, equivalents)


def _equivalents(words: list[str], english: EnglishMap | None) -> dict[str, tuple[str, ...]]:
    """Each English word's Chinese corpus words, through the glossary and the dictionary."""
    found = {}
    for word in dict.fromkeys(words):
        chinese = [t for term in chinese_terms(word) for t in tokenize(term)]
        if english is not None:
            chinese += english.chinese_for(word)
        if chinese:
            found[word] = tuple(dict.fromkeys(chinese))
    return found


@lru_cache(maxsize=8)
def _has_english(vocabulary: frozenset[str]) -> bool:
    return any(w.isascii() and w.isalpha() for w in vocabulary)


_NAME = re.compile(r"(?<=[a-z,;:'’] )[A-Z][a-z]+(?:-[a-z]+)*(?: [A-Z][a-z]+(?:-[a-z]+)*)*")


def _english_names(query: str, vocabulary: frozenset[str], english: EnglishMap | None) -> list[str]:
    """Capitalised names inside an English question (not its first word) that the
    documents never use and that neither the glossary nor the dictionary translates into
    their words: Cyberport, Tuen Mun. A covering passage must name them."""
    if english is None or not vocabulary:
        return []
    found = []
    for match in _NAME.finditer(query):
        name = match.group(0)
        words = [w.lower() for w in name.split()]
        if any(w in vocabulary for w in words) or chinese_terms(name) or english.chinese_for(name):
            continue
        found.append(name.lower())
    return found


def _entities(query: str) -> list[str]:
    """Places named in the query, in Chinese or in English through the glossary.
    Person-name tags are too noisy in jieba to use."""
    found = []
    # Tags read from jieba's dictionary (text/function.py), not through jieba.posseg,
    # whose import alone cost a cold question 0.3 s.
    for word in segment(" ".join([query, *chinese_terms(query)])):
        tag = word_tags().get(word)
        if tag == "ns" and len(word) >= 2 and word not in HOME_PLACES | NOT_PLACES:
            found.append(word)
    return list(dict.fromkeys(found))
