"""Normalisation, segmentation and language detection."""

from __future__ import annotations

import pytest

from assistant.text.language import detect_language
from assistant.text.normalize import fold
from assistant.text.tokenize import tokenize


def test_simplified_and_traditional_fold_to_the_same_text() -> None:
    assert fold("製造業佔本地生產總值") == fold("制造业占本地生产总值")


@pytest.mark.parametrize("form", ["１００，０００", "100,000", "100 000", "100000"])
def test_digit_widths_and_thousands_separators_compare_equal(form: str) -> None:
    assert fold(form) == "100000"


def test_full_width_punctuation_folds_to_half_width() -> None:
    assert fold("（港元）：５％") == "(港元):5%"


def test_tokens_are_words_not_characters_and_skip_question_words() -> None:
    tokens = tokenize("2027年製造業佔GDP的目標係幾多？")
    assert "制造业" in tokens and "gdp" in tokens and "2027" in tokens
    assert "几多" not in tokens and "系" not in tokens and "？" not in tokens


def test_numbered_strategies_are_single_tokens() -> None:
    assert "策略三" in tokenize("策略三：豐富創投融資渠道")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("製造業佔GDP目標係幾多？", "zh-Hant"),
        ("制造业占GDP目标是多少？", "zh-Hans"),
        ("What is the 2032 target for unicorns?", "en"),
        ("那2016年的數字呢？", "zh-Hant"),
        ("那2016年的数字呢？", "zh-Hans"),
    ],
)
def test_language_detection(text: str, language: str) -> None:
    assert detect_language(text) == language
