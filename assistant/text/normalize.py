"""Fold text so that Traditional/Simplified and full/half-width forms compare equal.

Folding is for matching only. Quotes and offsets always use the original text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

_SPACED_DIGITS = re.compile(r"(?<=\d)[ \u00a0\u202f,，](?=\d{3}(?!\d))")


@lru_cache(maxsize=1)
def _t2s() -> Any:
    from opencc import OpenCC

    return OpenCC("t2s")


@lru_cache(maxsize=1)
def _s2hk() -> Any:
    from opencc import OpenCC

    return OpenCC("s2hk")


def in_both_scripts(text: str) -> list[str]:
    """`text` as written, then in the other Chinese script where that differs. Dense
    similarity is script-bound: a Simplified question scored 0.22 against its Traditional
    passage, and 0.42 once written in Traditional."""
    simplified = str(_t2s().convert(text))
    other = str(_s2hk().convert(text)) if simplified == text else simplified
    return [text] if other == text else [text, other]


def fold(text: str) -> str:
    """Return `text` in Simplified Chinese, NFKC width-folded, lower-cased.

    `100 000`, `100,000` and `１００，０００` all fold to `100000`.
    """
    text = unicodedata.normalize("NFKC", text)
    text = _SPACED_DIGITS.sub("", text)
    return str(_t2s().convert(text)).lower()


def blank(text: str, token: str) -> str:
    """`text` with every span that folds to `token` (a folded word) blanked out, the rest
    left in its own script."""
    size, k = len(token), 0
    while k + size <= len(text):
        if fold(text[k : k + size]) == token:
            text = f"{text[:k]} {text[k + size :]}"
        k += 1
    return text


# 「2. Where Hong Kong stands」, 「4.1 製造業…」, "B. Talent": a heading's or a row's number
# is layout, not words or a figure of what it names.
_ENUMERATOR = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)、]?|[A-Za-z][.．、])\s+")


def without_number(heading: str) -> str:
    """A heading or table row label without its leading number."""
    return _ENUMERATOR.sub("", heading)
