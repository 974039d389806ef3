"""Named things a model sentence may not invent: programmes, funds, facilities, places,
laws, organisations. Each must be in a source the sentence cites.

Chinese names are found by their part of speech (place, organisation, other proper noun)
or by the kind of thing their last characters name (基金, 計劃, 中心, 條例 …); English
names by a capitalised phrase ending in such a word (Fund, Scheme, Ordinance …).
Comparison is after Traditional/Simplified folding; an English name also passes when the
glossary gives the corpus's Chinese term for it and the source has that term.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from assistant.text.dictionary import chinese_words_for
from assistant.text.function import is_function_word
from assistant.text.glossary import chinese_terms
from assistant.text.normalize import fold

# What the last characters of a Chinese name say it is (folded to Simplified): a fact of
# the language's naming, not of any question.
_KINDS_ZH = re.compile(r"(基金|计划|中心|园|局|公司|条例|法案|平台|专组|委员会|办事处|基地)$")
_TAGS_ZH = ("nt", "nz", "ns")
_KINDS_EN = (
    r"Fund|Scheme|Programme|Program|Centre|Center|Park|Ordinance|Bill|Act|Office|Council"
    r"|Company|Limited|Platform|Initiative|Bureau|Department|Authority|Corporation"
)
_NAME_EN = re.compile(rf"(?:[A-Z][\w&'-]*\s+){{1,6}}(?:{_KINDS_EN})\b")


@lru_cache(maxsize=1)
def _posseg() -> Any:
    import jieba.posseg

    return jieba.posseg


def named_things(sentence: str) -> list[str]:
    """The names in a sentence that a source must hold (folded Chinese, or English). A
    Chinese name is its kind word with the word before it (「培育」+「基金」), the
    shortest part a source must share with it."""
    names = [match.group(0).strip() for match in _NAME_EN.finditer(sentence)]
    words = [(w, f) for w, f in _posseg().lcut(fold(sentence)) if w.strip()]
    for i, (word, flag) in enumerate(words):
        if len(word) >= 3 and flag in _TAGS_ZH:
            names.append(word)
        elif _KINDS_ZH.search(word):
            before = words[i - 1][0] if i > 0 and _CJK.fullmatch(words[i - 1][0]) else ""
            if is_function_word(before):  # 「這項計劃」, 「的基金」: no name before the kind
                before = ""
            name = before + word if len(word) < 3 or before else word
            if len(name) >= 3:
                names.append(name)
    return list(dict.fromkeys(names))


_CJK = re.compile(r"[\u4e00-\u9fff]+")


def missing_names(sentence: str, cited_text: str) -> list[str]:
    """Names in `sentence` that the cited sources do not hold."""
    held = fold(cited_text)
    missing = []
    for name in named_things(sentence):
        if fold(name) in held:
            continue
        if name.isascii() and _translated(name, held):
            continue
        missing.append(name)
    return missing


def _translated(name: str, held: str) -> bool:
    """Every word of an English name but its kind word has a translation (the glossary's,
    or CC-CEDICT's) that the source holds: "Co-Investment Fund" for 共同投資基金."""
    words = [w for w in re.findall(r"[A-Za-z]+", name)[:-1] if len(w) > 2]
    if not words:
        return False
    for word in words:
        options = [fold(t) for t in chinese_terms(word)] + chinese_words_for(word.lower())
        if not any(option in held for option in options):
            return False
    return True
