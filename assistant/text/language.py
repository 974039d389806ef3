"""Guess the language a question is written in: zh-Hant, zh-Hans or en."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Literal

Language = Literal["zh-Hant", "zh-Hans", "en"]

_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


@lru_cache(maxsize=1)
def _converters() -> tuple[Any, Any]:
    from opencc import OpenCC

    return OpenCC("t2s"), OpenCC("s2t")


def detect_language(text: str) -> Language:
    """Han characters decide Chinese; among Chinese, which script the text is in.

    Text written in characters common to both scripts counts as Traditional,
    the corpus's own script and the association's default.
    """
    han = len(_HAN.findall(text))
    latin_words = len(re.findall(r"[A-Za-z]+", text))
    if han == 0 or (latin_words >= 3 and han <= 2):
        return "en" if _LATIN.search(text) or han == 0 else "zh-Hant"
    t2s, s2t = _converters()
    as_simplified = t2s.convert(text)
    as_traditional = s2t.convert(text)
    simplified_only = sum(a != b for a, b in zip(text, as_traditional, strict=False))
    traditional_only = sum(a != b for a, b in zip(text, as_simplified, strict=False))
    return "zh-Hans" if simplified_only > traditional_only else "zh-Hant"
