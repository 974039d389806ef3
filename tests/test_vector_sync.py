"""A segment's collection writes its whole HNSW graph once, when its last vector is added,
so no process re-inserts a log tail into the graph when it opens the segment."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from assistant.index.vectors import VectorIndex


def test_new_collection_is_written_whole(tmp_path: Path) -> None:
    size = 1500  # above Chroma's default sync threshold (1000), not a multiple of it
    vectors = [[float(i % 7 == j) + i / size for j in range(8)] for i in range(size)]
    index = VectorIndex(tmp_path, None, "seg-test", size=size)
    index.add([f"k{i}" for i in range(size)], vectors)
    assert index._collection.configuration_json["hnsw"]["sync_threshold"] == size
    # Chroma records, per segment, the last log entry written into it: all of them.
    database = sqlite3.connect(tmp_path / "chroma.sqlite3")
    assert {seq for _, seq in database.execute("select * from max_seq_id")} == {size}
    reopened = VectorIndex(tmp_path, None, "seg-test")
    assert reopened.count() == size
    assert reopened.search(vectors[-1], 1)[0][0] == f"k{size - 1}"
