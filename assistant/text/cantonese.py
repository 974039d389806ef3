"""Colloquial Cantonese words in a question, rewritten in the corpus's written Chinese.

Members write 「2027年係幾多？」; the documents write 「是多少」. Only question words and
particles are mapped, and 係 is left alone inside 關係/聯係, so the topic is untouched.
"""

from __future__ import annotations

import re

_WORDS = [
    ("乜嘢", "什麼"),
    ("咩嘢", "什麼"),
    ("點解", "為什麼"),
    ("點樣", "怎樣"),
    ("幾多", "多少"),
    ("幾時", "何時"),
    ("邊個", "哪個"),
    ("邊項", "哪項"),
    ("邊度", "哪裡"),
    ("邊啲", "哪些"),
    ("而家", "現在"),
    ("依家", "現在"),
    ("冇", "沒有"),
    ("嘅", "的"),
    ("喺", "在"),
    ("啲", "些"),
    ("咗", "了"),
    ("咩", "什麼"),
    ("佢哋", "他們"),
    ("佢", "他"),
    ("嚟", "來"),
    ("諗", "想"),
]
_COPULA = re.compile(r"(?<![關联聯关])係")


def to_written_chinese(text: str) -> str:
    for colloquial, written in _WORDS:
        text = text.replace(colloquial, written)
    return _COPULA.sub("是", text)
