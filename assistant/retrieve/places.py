"""Documents about somewhere else: a question that names no place asks about the corpus's
home (retrieve/gate.py's HOME_PLACES), so passages of a document whose declared title names
another place, and no home place, rank after the rest; a question that names a place keeps
the documents about that place with the home ones.

A library grows other cities' plans and reports (深圳人工智能發展規劃, "Tokyo Data Science
Development Plan") whose tables carry the same indicators for other places and years; when a
question names no place, their rows crowd out the home document's row. Only the declared
title counts (the sidecar's, else the file's own or its first line), not a passage's
passing mention of a place, so a home document's passages about Shenzhen keep their rank.

Places are what the dictionaries say: a Chinese word jieba's dictionary tags `ns`, or one
whose CC-CEDICT gloss says it is a place (jieba tags 首爾 an adverb; CC-CEDICT has "Seoul,
capital of South Korea"), unless CC-CEDICT also gives it as an ordinary word (城市 "city");
in English, a proper name CC-CEDICT gives for such a word (Tokyo -> 东京, Hong Kong -> 香港).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from assistant.retrieve.gate import HOME_PLACES
from assistant.retrieve.terms import NOT_PLACES
from assistant.text.cache_files import cached, source_key
from assistant.text.dictionary import data_file, entries
from assistant.text.function import dictionary_file, read_word_tags
from assistant.text.tokenize import segment
from assistant.types import Hit

PLACE_TAG = "ns"
# A gloss's leading proper name: capitalised words, then the end, a comma, a bracket or a
# lower-case description ("Shenzhen subprovincial city in Guangdong").
_NAME = re.compile(r"([A-Z][a-z]+(?: [A-Z][a-z]+)*)(?=$|,|;| \(| [a-z])")
# A gloss that says its name is a place: "Seoul, capital of South Korea", "Suqian,
# prefecture-level city in Jiangsu" (jieba tags some of them otherwise: 首尔 as an adverb).
_SAYS_PLACE = re.compile(
    r"^[A-Z][a-z]+(?: [A-Z][a-z]+)*,? (?:the )?(?:[a-z-]+ )?"
    r"(?:capital|city|town|province|county|district|prefecture|country|state|island|region)\b"
)
MIN_NAME = 4  # shorter capitalised glosses are words more often than places ("At", "Ur")
_LONG_CAPITAL = re.compile(f"[A-Z][a-z]{{{MIN_NAME - 1}}}")

H = TypeVar("H", bound=Hit)


@dataclass(frozen=True)
class Places:
    chinese: frozenset[str]  # place words, Simplified
    english: dict[str, str]  # proper name -> place word: Tokyo -> 东京, Hong Kong -> 香港


@lru_cache(maxsize=1)
def places() -> Places:
    """The place words of jieba's and CC-CEDICT's dictionaries, read once and kept in the
    cache folder (text/cache_files.py)."""
    path = data_file()
    files = (dictionary_file(), *((path,) if path else ()))
    key = source_key("places", 1, MIN_NAME, _SAYS_PLACE.pattern, files=files)
    words, names = cached("places", key, lambda: _read_places(entries(), read_tags()))
    return Places(frozenset(words), dict(names))


def read_tags() -> dict[str, str]:
    return read_word_tags(dictionary_file())


def _read_places(
    dictionary: Iterable[tuple[str, str]], tags: Mapping[str, str]
) -> tuple[list[str], dict[str, str]]:
    """A place word: two characters or more, tagged a place by jieba or glossed as one by
    CC-CEDICT, and never an ordinary word there (城市 "city", 海外 "overseas" and 来宾
    "guest" are not places). Its English name is its gloss's leading proper name; where
    words share one, the word glossed by the name alone wins (China -> 中国, not 三北
    "China's three northern regions"), then the shorter word. A name that is also an
    ordinary English word ("china" the porcelain) is left out unless it names a home place."""
    glossed: dict[str, list[str]] = {}
    ordinary_english: set[str] = set()
    for word, definitions in dictionary:
        glossed.setdefault(word, []).append(definitions)
        for definition in definitions.split("/"):
            ordinary_english.update(p.strip() for p in definition.split(";") if p[:1].islower())
    found = {w for w, tag in tags.items() if tag == PLACE_TAG} | {
        w for w, defs in glossed.items() if any(_SAYS_PLACE.match(d) for d in defs)
    }
    words = {
        w
        for w in found
        if len(w) >= 2
        and w not in NOT_PLACES
        and all(d[:1].isupper() for d in glossed.get(w, ["Unknown"]))
    }
    names: dict[str, tuple[int, int, str]] = {}
    for word in words:
        for first in (d.split("/", 1)[0] for d in glossed.get(word, [])):
            match = _NAME.match(first)
            if not match or len(match.group(1)) < MIN_NAME:
                continue
            name = match.group(1)
            rank = (0 if first.split(",")[0].strip() == name else 1, len(word), word)
            if name not in names or rank < names[name]:
                names[name] = rank
    english = {
        name: word
        for name, (_, _, word) in names.items()
        if name.lower() not in ordinary_english or word in HOME_PLACES
    }
    return sorted(words), english


def chinese_places(text: str) -> set[str]:
    """Place words in `text`, folded (Simplified)."""
    known = places().chinese
    return {word for word in segment(text) if word in known}


@lru_cache(maxsize=1 << 16)
def places_in(text: str) -> frozenset[str]:
    """Places `text` names, as Chinese place words: its own, and English proper names
    (matched case-sensitively, whole words) that CC-CEDICT gives for them. Remembered per
    title: the next version after an update has the same titles (at 100k passages, 2,943
    titles took 0.6 s)."""
    found = chinese_places(text)
    if _LONG_CAPITAL.search(text):
        names = places().english
        for run in re.finditer(r"[A-Z][a-z]+(?: [A-Z][a-z]+)*", text):
            words = run.group(0).split()
            # Every sub-run: "Hong Kong Digital Council" names Hong Kong.
            for size in range(len(words), 0, -1):
                for start in range(len(words) - size + 1):
                    place = names.get(" ".join(words[start : start + size]))
                    if place:
                        found.add(place)
    return frozenset(found)


def document_places(titles: Mapping[str, str]) -> dict[str, frozenset[str]]:
    """Document id -> the places its title names (only documents whose title names one)."""
    named = {doc_id: places_in(title) for doc_id, title in titles.items()}
    return {doc_id: found for doc_id, found in named.items() if found}


def away_documents(
    named: Mapping[str, frozenset[str]],
    asked: Iterable[str] = (),
    home: Iterable[str] = HOME_PLACES,
) -> frozenset[str]:
    """Documents about other places: their title names places, and neither a home place
    nor one the question asks about (`asked`)."""
    wanted = frozenset(home) | frozenset(asked)
    return frozenset(doc_id for doc_id, found in named.items() if not found & wanted)


def home_first(hits: Sequence[H], away: frozenset[str]) -> list[H]:
    """The hits of home documents (or of none in particular) in their order, then the rest
    in theirs; a passage listed twice keeps its first place."""
    seen: set[str] = set()
    ordered = []
    for hit in [h for h in hits if h.chunk.doc_id not in away] + [
        h for h in hits if h.chunk.doc_id in away
    ]:
        if hit.chunk.chunk_id not in seen:
            seen.add(hit.chunk.chunk_id)
            ordered.append(hit)
    return ordered
