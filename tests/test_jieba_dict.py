"""jieba's dictionary looked up in its stored copy segments exactly as the whole dictionary
does, before and after the switch to the whole one, with added words."""

from __future__ import annotations

from pathlib import Path

import jieba
import pytest

from assistant.text.function import read_word_tags
from assistant.text.jieba_dict import StoredTable, load_whole, open_stored, write_table
from tests.conftest import SEED

QUESTIONS = [
    "2027年製造業佔GDP的目標係幾多？",
    "策略三提到哪些措施？",
    "What does the Blueprint say about R&D expenditure per capita?",
    "廠商會認為藍圖有咩短板？",
    "新型工业化和数字经济的发展方向是什么",
]


@pytest.fixture
def tokenizers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[jieba.Tokenizer, jieba.Tokenizer]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    whole = jieba.Tokenizer()
    whole.tmp_dir = str(tmp_path)
    assert not open_stored(whole)  # first time: loads it whole and writes the copy
    stored = jieba.Tokenizer()
    stored.tmp_dir = str(tmp_path)
    assert open_stored(stored)
    assert isinstance(stored.FREQ, StoredTable)
    for tokenizer in (whole, stored):
        for word in ("策略三", "方向五"):
            tokenizer.add_word(word, freq=100_000)
    return whole, stored


def texts() -> list[str]:
    lines = [line for line in SEED.read_text("utf-8").splitlines() if line.strip()]
    return QUESTIONS + lines[:150]


def test_stored_dictionary_segments_as_the_whole_one(
    tokenizers: tuple[jieba.Tokenizer, jieba.Tokenizer],
) -> None:
    whole, stored = tokenizers
    assert stored.total == whole.total
    for text in texts():
        assert stored.lcut_for_search(text) == whole.lcut_for_search(text), text
        assert stored.lcut(text, HMM=False) == whole.lcut(text, HMM=False), text
    assert "策略三" in stored.lcut("策略三提到哪些措施？")


def test_switch_to_the_whole_dictionary_keeps_added_words(
    tokenizers: tuple[jieba.Tokenizer, jieba.Tokenizer],
) -> None:
    whole, stored = tokenizers
    load_whole(stored)
    assert isinstance(stored.FREQ, dict)
    assert stored.FREQ == whole.FREQ
    for text in texts()[:40]:
        assert stored.lcut_for_search(text) == whole.lcut_for_search(text)


def test_stored_table_answers_like_a_dict(tmp_path: Path) -> None:
    tags = read_word_tags(Path(jieba.__file__).parent / "dict.txt")
    some = dict(list(tags.items())[:2000])
    write_table(tmp_path / "tags.sqlite", some, {})
    table: StoredTable[str] = StoredTable(tmp_path / "tags.sqlite")
    for word in list(some)[::97]:
        assert table[word] == some[word] and word in table and table.get(word) == some[word]
    assert table.get("不是一個詞") is None and "不是一個詞" not in table
    with pytest.raises(KeyError):
        table["不是一個詞"]
    assert len(table) == len(some)
