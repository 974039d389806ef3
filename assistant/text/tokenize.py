"""Word segmentation for keyword search and term overlap."""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Any

from assistant.text.normalize import fold

_WORD = re.compile(r"[\w.%]+")

# Question words and particles (Simplified after folding, Cantonese included).
# They carry no topic, so they must not count towards keyword matches.
STOPWORDS = frozenset(
    """
    的 了 是 在 和 与 及 或 之 其 有 为 将 会 把 被 对 于 就 也 都 而 并 等
    这 那 个 些 吗 呢 啊 吧 呀 么 什么 甚么 多少 几 几多 哪 哪些 哪个 怎样 怎么
    如何 为什么 请问 请 系 係 咩 乜 乜嘢 嘢 嘅 点 点样 边 边个 啲 冇 佢 喺 咗 嚟
    咁 噉 呢个 嗰 吖 㗎 喎 话 讲 说 说明 告诉 一下 关于 方面 问 我 我们 你 你们
    他们 它 年 中 上 下 内 份 项 又 再 a an the of to in on for
    and or is are was were be by with what which who
    whom how why when where does do did it its this
    that these those about tell me please there
    their than as at from into under say says said
    according document documents 提到 提及 列出 哪一天 一天 哪一年
    一年 两个 两项 两大 年份 号码 应该 形容 人数 面对 几时 何时 哪项 边项 认为 分别
    包括 涉及 内容 重点 有关 相关 情况 数字 数据 具体 主要 目前 现时 而家 依家 要
    可以 能 多 少 定下 订下 设定 达到 达 要求 什么样 怎么样 为何 原因 much
    many large set up give value figure provide
    propose proposed blueprint's
    """.split()
)


@lru_cache(maxsize=1)
def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    # Numbered strategies and directions are how members refer to the Blueprint's parts.
    for noun in ("策略", "方向"):
        for digit in "一二三四五六七八九十":
            jieba.add_word(f"{noun}{digit}", freq=100_000)
    return jieba


def tokenize(text: str) -> list[str]:
    """Fold, segment (search mode, so compounds also yield their parts) and drop stopwords."""
    folded = fold(text)
    tokens = []
    for token in _jieba().lcut_for_search(folded):
        token = token.strip()
        if not token or not _WORD.fullmatch(token) or token in STOPWORDS:
            continue
        if len(token) == 1 and token.isascii() and token.isalpha():
            continue
        if token.isascii() and token.isalpha() and len(token) > 3 and token.endswith("s"):
            token = token[:-1] if not token.endswith("ss") else token  # plural -> singular
        tokens.append(token)
    return tokens
