"""Word segmentation for keyword search and term overlap."""

from __future__ import annotations

import contextlib
import itertools
import logging
import re
from functools import lru_cache
from typing import Any

from assistant.private_files import private_dir
from assistant.text.cache_files import cache_dir
from assistant.text.function import is_function_word
from assistant.text.jieba_dict import BULK, load_whole, open_stored
from assistant.text.normalize import fold

_WORD = re.compile(r"[\w.%]+")

# Question words, particles and pronouns (Simplified after folding, Cantonese included):
# facts of the languages. They carry no topic, so they must not count towards keyword
# matches. Other function words are found by their part of speech (`text/function.py`),
# not listed here: the list must not grow with the questions it was tested on.
STOPWORDS = frozenset(
    """
    的 了 是 在 和 与 及 或 之 其 有 为 将 会 把 被 对 于 就 也 都 而 并 等
    这 那 个 些 吗 呢 啊 吧 呀 么 什么 甚么 多少 几 几多 哪 哪些 哪个 怎样 怎么
    如何 为什么 请问 请 系 係 咩 乜 乜嘢 嘢 嘅 点 点样 边 边个 啲 冇 佢 喺 咗 嚟
    咁 噉 呢个 嗰 吖 㗎 喎 话 讲 说 告诉 一下 关于 问 我 我们 你 你们
    他们 它 年 又 再 几时 何时 哪项 边项 什么样 怎么样 为何 哪一天 哪一年
    a an the of to in on for and or is are was were be by with what which who
    whom how why when where does do did it its this that these those about tell me
    please there their than as at from into under
    """.split()
)


_texts = itertools.count()


@lru_cache(maxsize=1)
def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    # jieba's own cache of its prefix dictionary: in our cache folder, not the shared temp
    # folder (cleared at boot, writable by anyone); if ours cannot be made, jieba's default.
    with contextlib.suppress(OSError):
        jieba.dt.tmp_dir = str(private_dir(cache_dir()))
    open_stored(jieba.dt)  # a question's few hundred entries, not the whole dictionary
    # Numbered strategies and directions are how members refer to the Blueprint's parts.
    for noun in ("策略", "方向"):
        for digit in "一二三四五六七八九十":
            jieba.add_word(f"{noun}{digit}", freq=100_000)
    return jieba


def segment(text: str) -> list[str]:
    """The folded text cut into words (precise mode), with nothing dropped."""
    return list(_jieba().lcut(fold(text)))


def tokenize(text: str) -> list[str]:
    """Fold, segment (search mode, so compounds also yield their parts) and drop stopwords."""
    folded = fold(text)
    tokens = []
    jieba = _jieba()
    if next(_texts) == BULK:  # a corpus, not a question: the whole dictionary is faster
        load_whole(jieba.dt)
    for token in jieba.lcut_for_search(folded):
        token = token.strip()
        if not token or not _WORD.fullmatch(token) or token in STOPWORDS:
            continue
        if not token.isascii() and is_function_word(token):
            continue
        if len(token) == 1 and token.isascii() and token.isalpha():
            continue
        if token.isascii() and token.isalpha() and len(token) > 3 and token.endswith("s"):
            token = token[:-1] if not token.endswith("ss") else token  # plural -> singular
        tokens.append(token)
    return tokens
