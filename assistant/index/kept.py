"""Unchanged documents' records, taken from the live version as it wrote them.

A new version needs, for each chunk, its record (a JSON line), its vector key and its
token list. For a document whose text and provenance did not change, all three are the
live version's: the lines are passed through unparsed, so neither chunking, nor flagging,
nor serialising them again grows with the corpus (only reading the live files does).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.index.documents import chunk_record
from assistant.index.segments import vector_key
from assistant.ingest.chunking import CHUNKER_VERSION
from assistant.ingest.injection import DETECTOR
from assistant.types import Chunk, Document


@dataclass
class KeptRecords:
    """Per document: raw chunk lines, chunk ids and vector keys, in order (token lists come
    with the live version's other reusable parts, by key: `reuse.Previous`)."""

    lines: dict[str, list[str]] = field(default_factory=dict)
    ids: dict[str, list[str]] = field(default_factory=dict)
    keys: dict[str, list[str]] = field(default_factory=dict)
    flagged: list[dict[str, str]] = field(default_factory=list)


def keepable(manifest: dict[str, Any], embedder_id: str, tokenizer: str) -> bool:
    """Whether a version's records can be kept by the next build: segmented, and made by
    the same embedder, tokenizer, chunker and instruction detector, with flagged passages
    recorded per document."""
    flagged = manifest.get("flagged")
    return (
        "segments" in manifest
        and manifest["embedder"]["id"] == embedder_id
        and manifest.get("tokenizer") == tokenizer
        and manifest.get("chunker") == CHUNKER_VERSION
        and manifest.get("detector") == DETECTOR
        and isinstance(flagged, list)
        and all(isinstance(f, dict) for f in flagged)
    )


def head(line: str) -> tuple[str, str]:
    """(chunk_id, doc_id) of a chunk record without parsing the whole line: they are its
    first two fields (`chunk_record` keeps the dataclass's order), and the text that
    follows them, `, "doc_title": `, cannot occur inside a JSON string (its quote would be
    escaped there)."""
    start = json.loads(line[: line.index(', "doc_title": ')] + "}")
    return start["chunk_id"], start["doc_id"]


def read_kept(folder: Path, manifest: dict[str, Any], doc_ids: Collection[str]) -> KeptRecords:
    """The live version's records of `doc_ids` (its folder and manifest)."""
    wanted = set(doc_ids)
    kept = KeptRecords()
    keys = json.loads((folder / "keys.json").read_text("utf-8"))
    lines = (folder / "chunks.jsonl").read_text("utf-8").splitlines()
    for line, key in zip(lines, keys, strict=True):
        chunk_id, doc_id = head(line)
        if doc_id in wanted:
            kept.lines.setdefault(doc_id, []).append(line)
            kept.ids.setdefault(doc_id, []).append(chunk_id)
            kept.keys.setdefault(doc_id, []).append(key)
    kept.flagged = [f for f in manifest.get("flagged", []) if f["doc_id"] in wanted]
    return kept


@dataclass(frozen=True)
class Row:
    """One chunk of the new version: a new chunk, or a kept one's recorded line."""

    key: str
    chunk_id: str
    doc_id: str
    chunk: Chunk | None = None
    line: str | None = None

    def record(self) -> str:
        """The JSON line of this chunk's record."""
        if self.line is not None:
            return self.line
        assert self.chunk is not None
        return json.dumps(chunk_record(self.chunk), ensure_ascii=False)


def rows_of(
    documents: Sequence[Document], chunks: Sequence[Chunk], kept: KeptRecords, embedder_id: str
) -> list[Row]:
    """Every chunk of the new version, document by document in the given order."""
    new: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        new.setdefault(chunk.doc_id, []).append(chunk)
    rows: list[Row] = []
    for doc in documents:
        if doc.doc_id in kept.lines:
            parts = zip(
                kept.keys[doc.doc_id], kept.ids[doc.doc_id], kept.lines[doc.doc_id], strict=True
            )
            rows += [Row(key, cid, doc.doc_id, line=line) for key, cid, line in parts]
        else:
            rows += [
                Row(vector_key(embedder_id, c.index_text), c.chunk_id, c.doc_id, chunk=c)
                for c in new.get(doc.doc_id, [])
            ]
    return rows


def by_row(rows: Sequence[Row], vectors: dict[str, Any]) -> dict[int, Any]:
    """Vectors given by chunk id, by the position of their new row."""
    return {
        i: vectors[row.chunk.chunk_id]
        for i, row in enumerate(rows)
        if row.chunk is not None and row.chunk.chunk_id in vectors
    }
