"""Times a question names without a year: "now", "at the moment", 「而家」, 「五年後」.

A table's present is its latest column whose year is not after its document's own date:
the commentary dated 2023-01 reads its 「2022」 column as today's figure, and "in five
years" counts on from that column. A document without a date is read as of today. The
words below are facts of the languages (Cantonese included), not of any question set.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

from assistant.text.normalize import fold

YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")

NOW = re.compile(
    r"而家|宜家|現在|现在|目前|現時|现时|當前|当前|眼下|今時今日|今时今日|時至今日|时至今日|最新"
    r"|\b(?:now|today|currently|at present|presently|at the moment|these days|latest)\b",
    re.I,
)
_NUMERALS = {"一": 1, "兩": 2, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}
_NUMERALS |= {"八": 8, "九": 9, "十": 10, "one": 1, "two": 2, "three": 3, "four": 4}
_NUMERALS |= {"five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_COUNT = (
    r"((?<![\d.])\d{1,2}|十|[一兩两二三四五六七八九]"
    r"|one|two|three|four|five|six|seven|eight|nine|ten)"
)
# "N years on" from the present: 「五年後」, 「未來十年」, "in five years", "ten years from now".
LATER = re.compile(
    rf"{_COUNT}\s*年(?:後|后|之後|之后|以後|以后)|(?:未來|未来|再過|再过){_COUNT}\s*年"
    rf"|\bin\s+{_COUNT}\s+years\b|\b{_COUNT}\s+years?\s+(?:from now|later|on|ahead|hence)\b"
    rf"|\bnext\s+{_COUNT}\s+years\b",
    re.I,
)


def asks_a_time(text: str) -> bool:
    """The question names a time by words, not by a year."""
    return bool(NOW.search(text) or LATER.search(text))


def column_years(columns: Sequence[str]) -> list[int]:
    """Each column's year: the first year its header names (「2022 (2020 年數字)」 is 2022)."""
    return [int(found.group()) for c in columns if (found := YEAR.search(c))]


def present(columns: Sequence[str], dated: str = "", today: datetime.date | None = None) -> int:
    """The table's present column year (0 when every column is after the reference)."""
    reference = int(dated[:4]) if dated[:4].isdigit() else (today or datetime.date.today()).year
    return max((y for y in column_years(columns) if y <= reference), default=0)


def years_asked(text: str, now: int) -> tuple[str, ...]:
    """Every year the question names, in the order named: its own years, "now" as `now`,
    and "N years on" as `now` + N (0 for `now`: the table has no present)."""
    folded = fold(text)
    found = [(m.start(), m.group()) for m in YEAR.finditer(folded)]
    if now:
        found += [(m.start(), str(now)) for m in NOW.finditer(folded)]
        for m in LATER.finditer(folded):
            count = next(g for g in m.groups() if g)
            years = int(count) if count.isdigit() else _NUMERALS[count.lower()]
            found.append((m.start(), str(now + years)))
    return tuple(dict.fromkeys(year for _, year in sorted(found)))
