"""A version's keyword arrays: BM25 scores equal to bm25s's, saved with the version,
memory-mapped on open, and made once (atomically) for a version built before them."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import numpy as np
import pytest

from assistant.index.keyword_files import FOLDER, INFO, load_arrays, open_keywords, save_arrays
from assistant.index.keywords import KeywordIndex, build_arrays
from assistant.text.tokenize import tokenize
from tests.conftest import SEED


@pytest.fixture(scope="module")
def passages() -> tuple[list[str], list[list[str]]]:
    """The seed commentary's paragraphs (Chinese and English), tokenized for real."""
    paragraphs = [p for p in SEED.read_text("utf-8").split("\n") if p.strip()]
    tokens = [tokenize(p) for p in paragraphs]
    tokens.append([])  # a passage with no words at all
    tokens.append(tokens[3] + tokens[3])  # repeated words: term frequency above 1
    return [f"c{i}" for i in range(len(tokens))], tokens


def bm25s_scores(tokens: list[list[str]], query: list[str]) -> np.ndarray:
    import bm25s

    reference = bm25s.BM25()
    reference.index(tokens, show_progress=False)
    return np.asarray(reference.get_scores(query))


def our_scores(index: KeywordIndex, query: list[str]) -> np.ndarray:
    found = dict(index.search(query, len(index.chunk_ids)))
    return np.array([found.get(c, 0.0) for c in index.chunk_ids], dtype=np.float32)


def test_scores_are_bm25s_scores_bit_for_bit(passages: tuple[list[str], list[list[str]]]) -> None:
    ids, tokens = passages
    index = KeywordIndex.from_tokens(ids, tokens)
    words = sorted({t for doc in tokens for t in doc})
    rng = random.Random(16)
    queries = [rng.sample(words, rng.randint(1, 6)) for _ in range(60)]
    queries += [[words[0], words[0]], ["not-a-word", words[1]], tokenize("2027年製造業佔GDP")]
    for query in queries:
        assert np.array_equal(our_scores(index, query), bm25s_scores(tokens, query)), query


def test_ranking_keeps_ties_in_passage_order() -> None:
    tokens = [["a", "b"], ["c"], ["a", "b"], ["a", "b"]]  # three passages tie on "a"
    index = KeywordIndex.from_tokens(["x", "y", "z", "w"], tokens)
    assert [cid for cid, _ in index.search(["a"], 3)] == ["x", "z", "w"]
    assert index.search(["nothing"], 3) == []
    assert index.search([], 3) == []


def test_word_statistics(passages: tuple[list[str], list[list[str]]]) -> None:
    ids, tokens = passages
    index = KeywordIndex.from_tokens(ids, tokens)
    assert index.vocabulary == frozenset(t for doc in tokens for t in doc)
    for i in range(0, len(ids), 3):
        assert index.passage_tokens[ids[i]] == set(tokens[i])
    word = tokens[3][0]
    used = sum(word in doc for doc in tokens)
    assert index.shares.get(word) == used / len(tokens)
    assert index.shares.get("not-a-word", 0.0) == 0.0
    assert len(index.passage_tokens) == len(ids)


def test_saved_arrays_load_memory_mapped_and_equal(
    passages: tuple[list[str], list[list[str]]], tmp_path: Path
) -> None:
    ids, tokens = passages
    arrays = build_arrays(ids, tokens)
    save_arrays(arrays, tmp_path / FOLDER)
    loaded = load_arrays(tmp_path / FOLDER)
    assert isinstance(loaded.post_scores, np.memmap)
    assert loaded.chunk_ids == ids and loaded.vocab == arrays.vocab
    query = tokens[5][:3]
    assert KeywordIndex(loaded).search(query, 10) == KeywordIndex(arrays).search(query, 10)
    with pytest.raises(FileExistsError):  # a folder is written once, never over
        save_arrays(arrays, tmp_path / FOLDER)


def old_version(folder: Path, ids: list[str], tokens: list[list[str]]) -> Path:
    """A version folder as built before keyword arrays: records and token lists only."""
    folder.mkdir()
    lines = [json.dumps({"chunk_id": c, "doc_id": "d", "doc_title": "t"}) for c in ids]
    (folder / "chunks.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    (folder / "tokens.json").write_text(json.dumps(tokens, ensure_ascii=False), "utf-8")
    return folder


def test_old_version_gets_its_arrays_once(
    passages: tuple[list[str], list[list[str]]], tmp_path: Path
) -> None:
    ids, tokens = passages
    version = old_version(tmp_path / "v1", ids, tokens)
    first = open_keywords(version)
    assert (version / FOLDER / INFO).exists()
    assert not [p for p in version.iterdir() if p.name.endswith(".tmp")]
    stamp = (version / FOLDER / INFO).stat().st_mtime_ns
    second = open_keywords(version)  # read, not rebuilt
    assert (version / FOLDER / INFO).stat().st_mtime_ns == stamp
    assert isinstance(second.arrays.post_docs, np.memmap)
    query = tokens[7][:2]
    assert first.search(query, 5) == second.search(query, 5)


def test_incomplete_arrays_are_never_read(
    passages: tuple[list[str], list[list[str]]], tmp_path: Path
) -> None:
    """A folder without its info file (as a crash mid-write would leave it) is not used."""
    ids, tokens = passages
    version = old_version(tmp_path / "v1", ids, tokens)
    save_arrays(build_arrays(ids[:2], tokens[:2]), version / FOLDER)
    (version / FOLDER / INFO).unlink()
    index = open_keywords(version)  # cannot rename over the broken folder: built in memory
    assert index.chunk_ids == ids
    shutil.rmtree(version / FOLDER)
    assert open_keywords(version).chunk_ids == ids
    assert (version / FOLDER / INFO).exists()
