"""Whether a sentence stating a table figure says which indicator it is about.

A figure copied from a row's cell is only as right as the row: asked about per-head R&D
spending, the model gave the per-thousand workforce row's 16.54 and 11.56 as the answer,
and both were in their cells. So a sentence that states a cell's figure must, with the
question it answers, share a word with that row's label: its own words (「研發」,
「獨角獸」), or for English, a word whose dictionary or glossary Chinese the label holds
("unicorn" for 獨角獸). Otherwise nothing in it shows the figure is the one asked for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise

from assistant.text.dictionary import chinese_words_for
from assistant.text.glossary import chinese_terms
from assistant.text.normalize import fold, without_number
from assistant.text.tokenize import tokenize

# A word shorter than this says nothing of which indicator is meant (「人」, 「數」).
WORD_MIN = 2
_ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z&-]{2,}")
_QUALIFIER = re.compile(r"[（(][^）)]*[）)]")
# A two-character word may shorten the label's words (「創科」 for 「創新及科技」): its
# characters in order, at most this far apart.
ABBREVIATION_SPAN = 3


def _words(text: str) -> list[str]:
    """The text's words, and each pair of single characters the segmenter left side by
    side (「喺創科行業」 came out as 创 / 科 / 行业)."""
    tokens = tokenize(text)
    pairs = [a + b for a, b in pairwise(tokens) if len(a) == len(b) == 1]
    return tokens + pairs


def _in_label(word: str, held: str) -> bool:
    if word in held:
        return True
    if len(word) != 2:
        return False
    first = held.find(word[0])
    return first >= 0 and 0 < held.find(word[1], first + 1) - first <= ABBREVIATION_SPAN


def names_indicator(label: str, texts: Iterable[str]) -> bool:
    """True when `texts` (the sentence and the question) share a word with `label`, its
    bracketed qualifier aside (「(累計數字)」 says how it is counted, not what)."""
    held = _held(label)
    joined = " ".join(texts)
    if any(len(t) >= WORD_MIN and _in_label(t, held) for t in _words(joined)):
        return True
    if any(len(w) >= WORD_MIN and w in held for w in map(fold, chinese_terms(joined))):
        return True
    return bool(english_naming(label, joined))


def english_naming(label: str, text: str) -> set[str]:
    """The English words of `text` whose dictionary Chinese is in `label` ("private" for
    「私營機構」): what an English sentence says of a Chinese label."""
    held = _held(label)
    return {
        word.lower()
        for word in _ENGLISH_WORD.findall(text)
        if any(len(w) >= WORD_MIN and w in held for w in chinese_words_for(word.lower()))
    }


def _held(label: str) -> str:
    """The label's words to match: without its number in the table or its qualifier."""
    return fold(_QUALIFIER.sub("", without_number(label)))
