"""Function words by their part of speech in jieba's dictionary, not by a hand list.

Adverbs, pronouns, particles, conjunctions, prepositions, numerals, measure words and
time or place words name no topic; a word the dictionary does not know is kept.
"""

from __future__ import annotations

from functools import lru_cache

# jieba's tags for those classes (its dictionary uses the ICTCLAS tag set).
FUNCTION_TAGS = ("d", "r", "u", "y", "c", "p", "m", "q", "t", "f", "e", "o", "z")


@lru_cache(maxsize=1)
def word_tags() -> dict[str, str]:
    import jieba.posseg

    jieba.posseg.dt.initialize()
    return dict(jieba.posseg.dt.word_tag_tab)


def is_function_word(word: str) -> bool:
    tag = word_tags().get(word)
    return tag is not None and tag.startswith(FUNCTION_TAGS)


def names_a_thing(word: str) -> bool:
    """False for a function word, a verb or an adjective (a verbal noun still names one)."""
    tag = word_tags().get(word)
    if tag is None or tag == "vn":
        return True
    return not (tag.startswith(FUNCTION_TAGS) or tag.startswith(("v", "a")))
