"""Find the figures in a text and reduce them to comparable keys.

「百分之五」, 「5%」, "5 percent" and 「５％」 share one key; so do 「十萬」, "100,000" and
"100 000", and 「100億港元」 and "HK$10 billion". A figure written in words that are not
numbers in context (「一系列」, 「十分」) is not a figure.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from assistant.text.ordinals import rewrite_ordinals

Kind = Literal["plain", "percent", "ratio", "multiple"]

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "兩": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_LARGE = {"萬": 10**4, "万": 10**4, "億": 10**8, "亿": 10**8}
_ENGLISH_SCALE = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_CN = "零〇一二兩两三四五六七八九十百千萬万億亿"
_MEASURE = "%個个項项間间人年月日倍元名家所"

# An ordinal is a whole run (「第 50」 is not cut to 「第 5」), and not the first half of a
# ratio: the model wrote 「第 50:50 指標」.
_ORDINAL = re.compile(rf"(?:策略|方向|第)\s*[{_CN}\d]+(?![{_CN}\d])(?!\s*[:：比]\s*\d)")
_CITATION = re.compile(r"\[\s*\d+(?:\s*[,，、]\s*\d+)*\s*\]|【\d+】")
_SEPARATOR = re.compile(r"(?<=\d)[, \u00a0\u202f](?=\d{3}(?!\d))")
# Two numbers, not a part of a longer run: in 「2016：56:44」 the ratio is 56:44, and the
# year before the colon is a label.
_RATIO = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)\s*[:：比]\s*(\d+(?:\.\d+)?)(?![\d.]|\s*[:：比]\s*\d)"
)
# What may follow an amount but never a ratio: a ratio read as money or a count.
_UNIT_AFTER = re.compile(r"\s*(億|亿|萬|万|港元|元|間|间|人|HK\$|million|billion)")
_PERCENT_WORDS = re.compile(rf"百分之\s*([{_CN}\d.]+)")
# A currency named right after a figure (「2,306 港元」, "2,306 yuan") or right before it
# ("HK$10 billion", 「人民幣 100 億」). A bare 元 or "dollars" names none: it is read as the
# document's own currency, whatever that is.
_SCALED = r"\s*(?:億|亿|萬|万)?\s*"  # 「100 億港元」: the currency follows the scale word
_CURRENCY_AFTER = [
    (code, re.compile(_SCALED + f"(?:{names})", re.I))
    for code, names in (
        ("HKD", r"港元|港幣|港币|HKD\b|Hong Kong dollars?\b"),
        ("USD", r"美元|美金|USD\b|US dollars?\b"),
        ("CNY", r"人民幣|人民币|RMB\b|yuan\b|renminbi\b|CNY\b"),
    )
]
_CURRENCY_BEFORE = [
    ("HKD", re.compile(r"(?:HK\$|HKD|港元|港幣|港币)\s*$", re.I)),
    ("USD", re.compile(r"(?:US\$|USD|美元)\s*$", re.I)),
    ("CNY", re.compile(r"(?:RMB|CNY|人民幣|人民币|¥)\s*$", re.I)),
]
_ARABIC = re.compile(
    r"(\d+(?:\.\d+)?)(?:\s*(萬|万|億|亿)|\s+(thousand|million|billion|trillion)\b)?"
    r"\s*(%|percent\b|per cent\b)?",
    re.I,
)
_CHINESE = re.compile(rf"[{_CN}]+")
# A figure followed by these is a multiple (「16.54 倍」, "5,000 times"): the model's own
# arithmetic on a value, which is no value the sources give unless they say it so.
_MULTIPLE = re.compile(r"\s*(?:倍|times\b|-?fold\b)", re.I)


@dataclass(frozen=True)
class Figure:
    key: str
    kind: Kind
    text: str
    currency: str | None = None  # HKD, USD or CNY when the text names one beside it


def _decimal_key(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def chinese_number(text: str) -> Decimal | None:
    """Value of a Chinese numeral such as 十萬, 一百億 or 兩千五百; None if not one."""
    total, section, current = 0, 0, 0
    seen = False
    for char in text:
        if char in _DIGITS:
            current = _DIGITS[char]
            seen = True
        elif char in _SMALL:
            section += (current or 1) * _SMALL[char]
            current = 0
            seen = True
        elif char in _LARGE:
            total = (total + section + current) * _LARGE[char]
            section = current = 0
            seen = True
        else:
            return None
    return Decimal(total + section + current) if seen else None


def prepare(text: str) -> str:
    """Width-fold, drop citation markers, ordinals and thousands separators.

    "Strategy 5", 「第五項策略」 and 「策略五」 name a part of the Blueprint, not a figure."""
    text = unicodedata.normalize("NFKC", rewrite_ordinals(text))
    text = _ORDINAL.sub(" ", text)
    text = _CITATION.sub(" ", text)
    return _SEPARATOR.sub("", text)


def extract_figures(text: str) -> list[Figure]:
    """Every figure in `text`, in order of kind: ratios, percentages in words, the rest."""
    text = prepare(text)
    figures: list[Figure] = []
    for match in _RATIO.finditer(text):
        a, b = (_decimal_key(Decimal(g)) for g in match.groups())
        figures.append(Figure(f"{a}:{b}", "ratio", match.group(0)))
    text = _RATIO.sub(" ", text)
    for match in _PERCENT_WORDS.finditer(text):
        value = _to_decimal(match.group(1))
        if value is not None:
            figures.append(Figure(_decimal_key(value), "percent", match.group(0)))
    text = _PERCENT_WORDS.sub(" ", text)
    for match in _ARABIC.finditer(text):
        number, cn_scale, en_scale, percent = match.groups()
        value = Decimal(number)
        if cn_scale:
            value *= _LARGE[cn_scale]
        if en_scale:
            value *= _ENGLISH_SCALE[en_scale.lower()]
        kind: Kind = "percent" if percent else "plain"
        if not percent and _MULTIPLE.match(text, match.end()):
            kind = "multiple"
        currency = None if percent else _currency(text, match.start(), match.end())
        figures.append(Figure(_decimal_key(value), kind, match.group(0).strip(), currency))
    text = _ARABIC.sub(" ", text)
    for match in _CHINESE.finditer(text):
        word = match.group(0)
        after = text[match.end() : match.end() + 1]
        is_number = (len(word) >= 2 and any(c in _SMALL or c in _LARGE for c in word)) or (
            after and after in _MEASURE
        )
        # 「一個」, 「一項」: the article "a", not a count the sources must hold.
        value = chinese_number(word) if is_number and word != "一" else None
        if value is not None:
            kind = "percent" if after == "%" else "multiple" if after == "倍" else "plain"
            currency = _currency(text, match.start(), match.end())
            figures.append(Figure(_decimal_key(value), kind, word, currency))
    return figures


def _currency(text: str, start: int, end: int) -> str | None:
    """The currency named right after or right before text[start:end], if any."""
    for code, pattern in _CURRENCY_AFTER:
        if pattern.match(text, end):
            return code
    for code, pattern in _CURRENCY_BEFORE:
        if pattern.search(text[max(0, start - 8) : start]):
            return code
    return None


def _to_decimal(word: str) -> Decimal | None:
    try:
        return Decimal(word)
    except InvalidOperation:
        return chinese_number(word)


def supported(figure: Figure, evidence: list[Figure]) -> bool:
    """A figure is supported when the evidence has the same value of a compatible kind.

    Percentages must be percentages and ratios ratios; a plain number may match a
    percentage written with its sign (the answer dropped the %, not the value). Amounts
    that both name a currency must name the same one (2,306 港元 is not "2,306 yuan").
    """
    for other in evidence:
        if other.key != figure.key:
            continue
        if figure.currency and other.currency and figure.currency != other.currency:
            continue
        if figure.kind == other.kind or (figure.kind == "plain" and other.kind == "percent"):
            return True
    return False


def ratio_with_unit(text: str) -> tuple[str, str] | None:
    """The first ratio in `text` followed by a unit of money or count (「56:44 億港元」),
    as (ratio, unit); None when there is none."""
    for match in _RATIO.finditer(text):
        unit = _UNIT_AFTER.match(text, match.end())
        if unit:
            return match.group(0), unit.group(1)
    return None
