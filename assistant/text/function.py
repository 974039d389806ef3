"""Function words by their part of speech in jieba's dictionary, not by a hand list.

Adverbs, pronouns, particles, conjunctions, prepositions, numerals, measure words and
time or place words name no topic; a word the dictionary does not know is kept.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from assistant.text.cache_files import cache_dir, source_key
from assistant.text.jieba_dict import StoredTable, write_table

log = logging.getLogger(__name__)
# jieba's tags for those classes (its dictionary uses the ICTCLAS tag set).
FUNCTION_TAGS = ("d", "r", "u", "y", "c", "p", "m", "q", "t", "f", "e", "o", "z")


@lru_cache(maxsize=1)
def word_tags() -> Mapping[str, str]:
    """Word -> tag, as `jieba.posseg` reads them from jieba's dictionary. Read here, not
    through `jieba.posseg` (importing it loads its HMM tables and parses the dictionary
    twice), and from a stored copy looked up word by word (text/jieba_dict.py): a
    question needs a few of the 349,000 tags, and loading them all took 0.3-0.5 s."""
    import jieba

    dictionary = dictionary_file()
    key = source_key("word-tags", 2, jieba.__version__, files=(dictionary,))
    path = cache_dir() / f"jieba-word-tags-{key}.sqlite"
    if not path.exists():
        tags = read_word_tags(dictionary)
        try:
            write_table(path, tags, {})
        except (OSError, sqlite3.Error) as exc:
            log.warning("Cannot store jieba's tags in %s (%s): read whole each time.", path, exc)
        return tags
    return StoredTable(path)


def dictionary_file() -> Path:
    """The dictionary file jieba's default tokenizer reads."""
    import jieba

    with jieba.dt.get_dict_file() as dictionary:
        return Path(dictionary.name)


def read_word_tags(path: Path) -> dict[str, str]:
    """`jieba.posseg.POSTokenizer.load_word_tag`'s reading of a dictionary file."""
    tags: dict[str, str] = {}
    with path.open("rb") as lines:
        for raw in lines:
            line = raw.strip().decode("utf-8")
            if line:
                word, _, tag = line.split(" ")
                tags[word] = tag
    return tags


def is_function_word(word: str) -> bool:
    tag = word_tags().get(word)
    return tag is not None and tag.startswith(FUNCTION_TAGS)


def names_a_thing(word: str) -> bool:
    """False for a function word, a verb or an adjective (a verbal noun still names one)."""
    tag = word_tags().get(word)
    if tag is None or tag == "vn":
        return True
    return not (tag.startswith(FUNCTION_TAGS) or tag.startswith(("v", "a")))
