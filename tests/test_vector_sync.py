"""A segment's collection writes its whole HNSW graph once, when its last vector is added,
so no process re-inserts a log tail into the graph when it opens the segment."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from assistant.index.vectors import BATCH, VectorIndex, batches


def test_new_collection_is_written_whole(tmp_path: Path) -> None:
    size = 2500  # above Chroma's sync threshold (1000), not a multiple of our batches
    vectors = [[float(i % 7 == j) + i / size for j in range(8)] for i in range(size)]
    index = VectorIndex(tmp_path, None, "seg-test", size=size)
    index.add([f"k{i}" for i in range(size)], vectors)
    assert index.written_whole()
    # Chroma records, per segment, the last log entry written into it: all of them; and
    # the log holds no vector waiting to be inserted by the next process.
    database = sqlite3.connect(tmp_path / "chroma.sqlite3")
    assert {seq for _, seq in database.execute("select * from max_seq_id")} == {size}
    assert database.execute("select count(*) from embeddings_queue").fetchone()[0] <= 1
    reopened = VectorIndex(tmp_path, None, "seg-test")
    assert reopened.count() == size and reopened.written_whole()
    assert reopened.search(vectors[-1], 1)[0][0] == f"k{size - 1}"


def test_small_collection_is_written_whole(tmp_path: Path) -> None:
    index = VectorIndex(tmp_path, None, "seg-small", size=30)
    index.add([f"k{i}" for i in range(30)], [[1.0, i / 30] for i in range(30)])
    database = sqlite3.connect(tmp_path / "chroma.sqlite3")
    assert {seq for _, seq in database.execute("select * from max_seq_id")} == {30}


def test_batches_end_on_a_full_sync() -> None:
    assert batches(2500) == [(0, 1024), (1024, 2500)]
    assert batches(3072) == [(0, 1024), (1024, 2048), (2048, 3072)]
    assert batches(1500) == [(0, 1500)]
    assert batches(30) == [(0, 30)]
    assert batches(0) == []
    assert all(end - start <= 2 * BATCH for start, end in batches(10679))


def test_a_segment_written_before_is_rewritten_once(tmp_path: Path) -> None:
    """A segment whose graph was synced every 1000 vectors (as Chroma does by default) is
    merged into a new, whole one by the next build, its vectors read back, not embedded."""
    from assistant.index.reuse import _compact
    from assistant.index.segments import KEYS, Segments

    segments = Segments(tmp_path)
    size = 1200
    keys = [f"k{i}" for i in range(size)]
    vectors = [[float(i % 5 == j) + i / size for j in range(6)] for i in range(size)]
    old = "20260101T000000-legacy01"
    (segments.folder / old).mkdir(parents=True)
    legacy = VectorIndex(segments.store, None, f"seg-{old}")  # no size: Chroma's default sync
    legacy.add(keys, vectors)
    (segments.folder / old / KEYS).write_text(json.dumps(keys), "utf-8")
    assert not legacy.written_whole()
    placed = _compact(dict.fromkeys(keys, old), segments, None)
    (new,) = set(placed.values())
    assert new != old and segments.collection(new).written_whole()
    assert segments.collection(new).count() == size
    assert _compact(placed, segments, None) == placed  # whole now: left as it is
