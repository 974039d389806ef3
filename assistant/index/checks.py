"""Checks a new version passes before the live pointer may name it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.embed.base import Vector
from assistant.index.kept import Row
from assistant.index.keyword_files import keyword_count
from assistant.index.loaded import VectorSearch
from assistant.index.segments import Segments, written_vectors
from assistant.types import Document

# The smoke query searches the new version with a chunk's own vector: it must come back
# (cosine ~1; a little below 1.0 allows for float32 rounding in the store).
SMOKE_SIMILARITY = 0.99
# The search is approximate (HNSW): the vector must be among the first few, not first.
SMOKE_DEPTH = 10


def check_counts(folder: Path, manifest: dict[str, Any], placed: int, segments: Segments) -> None:
    """Chunk records, token lists, keyword arrays and vector keys agree, and every vector
    is in a complete segment the version names."""
    count = manifest["chunk_count"]
    lines = (folder / "chunks.jsonl").read_text("utf-8").count("\n")
    tokens = len(json.loads((folder / "tokens.json").read_text("utf-8")))
    keywords = keyword_count(folder)
    keys = json.loads((folder / "keys.json").read_text("utf-8"))
    owned = sum(s["owned"] for s in manifest["segments"])
    whole = all(segments.complete(s["id"]) for s in manifest["segments"])
    if not (
        lines == tokens == keywords == len(keys) == count and owned == placed == len(set(keys))
    ):
        whole = False
    if not whole:
        raise RuntimeError(
            f"Index build in {folder} is inconsistent (chunks={lines}, tokens={tokens}, "
            f"keywords={keywords}, "
            f"vector keys={len(set(keys))}, placed={owned}, manifest={count}); the live "
            "index was left unchanged. Run the ingest again."
        )


def smoke_test(
    folder: Path,
    vectors: VectorSearch,
    segments: Segments,
    manifest: dict[str, Any],
    documents: Sequence[Document],
    with_chunks: set[str],
    sample: Sequence[str],
    fresh: dict[str, Vector],
) -> None:
    """Every document has chunks, and the new version finds a stored chunk by its vector."""
    empty = sorted({d.doc_id for d in documents} - with_chunks)
    if empty:
        raise RuntimeError(
            f"No chunks for {', '.join(empty)}; the live index was left unchanged. "
            "Check that these files contain text."
        )
    if not sample:
        return
    vectors_of: dict[str, Vector] = {k: fresh[k] for k in sample if k in fresh}
    for part in manifest["segments"]:
        wanted = [k for k in sample if k not in vectors_of]
        if wanted:
            vectors_of.update(segments.vectors(part["id"], wanted))
    # Identical passages have identical vectors, so the check is the similarity of the
    # best match, not its id. HNSW is approximate and can leave a node unreachable (seen
    # once in 41 samples of a 104k-vector segment), so one found chunk of a few passes.
    for vector in vectors_of.values():
        found = vectors.search(vector, SMOKE_DEPTH)
        if found and max(similarity for _, similarity in found) >= SMOKE_SIMILARITY:
            return
    raise RuntimeError(
        f"Smoke query on the new version in {folder} failed; the live index was "
        "left unchanged. Run the ingest again."
    )


def smoke_new_version(
    folder: Path,
    manifest: dict[str, Any],
    documents: Sequence[Document],
    rows: Sequence[Row],
    fresh: dict[str, Vector],
    segments: Segments,
) -> None:
    """The smoke test on a version as just written: five chunks spread over it."""
    owners: dict[str, list[str]] = {}
    for row in rows:
        owners.setdefault(row.key, []).append(row.chunk_id)
    vectors = written_vectors(manifest, segments, owners)
    with_chunks = {row.doc_id for row in rows}
    sample = list(dict.fromkeys(rows[i * len(rows) // 5].key for i in range(5) if rows))
    smoke_test(folder, vectors, segments, manifest, documents, with_chunks, sample, fresh)
