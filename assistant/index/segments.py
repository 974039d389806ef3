"""Vector segments: immutable, content-addressed collections that index versions share.

A vector's key is the hash of the embedder's id and the text it embeds, so the same text
under the same embedder has one key wherever it appears. A segment holds the vectors one
build added (or one merge gathered) and is never written again once its key list marks it
complete. A version names the segments it reads and owns a subset of their keys; a new
version points at the segments that already hold its unchanged chunks and adds one small
segment with what is new, so nothing unchanged is copied or embedded again.

    <root>/segments/<id>/keys.json   the keys segment <id> holds, written last (= complete)
    <root>/segments/chroma/          the embedded Chroma store: collection `seg-<id>`

On a Chroma server the collections are the same; keys.json stays local.

Why immutable: embedded Chroma keeps a collection's HNSW graph in memory per process, and
a process that has it open does not see vectors another process adds to it later
(measured: `count()` moves, queries do not). A collection that another process creates
later is read whole on first use (measured too). So a segment is complete before any
version reads it, and is never added to afterwards.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import time
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

from assistant.embed.base import Vector
from assistant.index.vectors import ChromaServer, VectorIndex, legacy_vectors

KEYS = "keys.json"
STORE = "chroma"
Progress = Callable[[str, int, int], None]


def vector_key(embedder_id: str, text: str) -> str:
    """The key of the vector of `text` under one embedder (its content address)."""
    return hashlib.sha256(f"{embedder_id}\x1f{text}".encode()).hexdigest()[:32]


class Segments:
    """The segments under one index root."""

    def __init__(self, root: Path, server: ChromaServer | None = None) -> None:
        self.folder = root / "segments"
        self.store = self.folder / STORE  # the embedded Chroma store (unused with a server)
        self.server = server
        self._keys: dict[str, list[str]] = {}
        self._open: dict[str, VectorIndex] = {}

    def collection(self, segment: str, size: int | None = None) -> VectorIndex:
        """Segment `segment`'s collection; `size` when creating it (its vectors' count)."""
        if segment not in self._open:
            self._open[segment] = VectorIndex(self.store, self.server, f"seg-{segment}", size)
        return self._open[segment]

    def create(
        self, keys: Sequence[str], vectors: Sequence[Vector], progress: Progress | None = None
    ) -> str:
        """Write a new complete segment holding `vectors` under `keys`; returns its id."""
        segment = f"{time.strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(4)}"
        (self.folder / segment).mkdir(parents=True)  # before the collection: GC finds it
        index = self.collection(segment, size=len(keys))

        def stored(done: int) -> None:
            if progress:
                progress("store", done, len(keys))

        index.add(keys, vectors, stored)
        tmp = self.folder / segment / f".{KEYS}.tmp"
        tmp.write_text(json.dumps(list(keys)), "utf-8")
        os.replace(tmp, self.folder / segment / KEYS)
        self._keys[segment] = list(keys)
        return segment

    def keys(self, segment: str) -> list[str]:
        if segment not in self._keys:
            self._keys[segment] = json.loads((self.folder / segment / KEYS).read_text("utf-8"))
        return self._keys[segment]

    def complete(self, segment: str) -> bool:
        return (self.folder / segment / KEYS).exists()

    def unclaimed(self, named: set[str]) -> list[str]:
        """Complete segments not in `named` (those no version names)."""
        if not self.folder.exists():
            return []
        return sorted(
            p.name
            for p in self.folder.iterdir()
            if p.name != STORE and p.name not in named and self.complete(p.name)
        )

    def vectors(self, segment: str, keys: Sequence[str]) -> dict[str, Vector]:
        return self.collection(segment).vectors_for(keys)

    def collect_garbage(self, referenced: Iterable[str]) -> list[str]:
        """Remove every segment no kept version reads (and any a crash left incomplete)."""
        if not self.folder.exists():
            return []
        keep = set(referenced)
        removed = []
        for folder in sorted(self.folder.iterdir()):
            if folder.is_dir() and folder.name != STORE and folder.name not in keep:
                self._open.pop(folder.name, None)
                self._keys.pop(folder.name, None)
                VectorIndex.drop(self.store, self.server, f"seg-{folder.name}")
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder.name)
        return removed


class VersionVectors:
    """What one version searches: its segments, each result kept only if the version owns
    its key. A segment holding `dead` keys the version does not own is asked for `k + dead`
    results, so its best `k` owned ones are always among them (exact, not a guess)."""

    def __init__(
        self,
        segments: Segments,
        parts: Sequence[tuple[str, int, int]],
        owners: Callable[[], dict[str, list[str]]],
    ) -> None:
        self._segments = segments
        self._parts = parts  # (segment, total keys, keys the version does not own)
        self._read_owners = owners  # read on first search: opening for the manifest is cheap

    @cached_property
    def _owners(self) -> dict[str, list[str]]:
        """Key -> the chunk ids of this version whose text has that key."""
        return self._read_owners()

    def count(self) -> int:
        return sum(len(ids) for ids in self._owners.values())

    def vectors_for(self, ids: Sequence[str]) -> dict[str, Vector]:
        """Nothing: the store reuses a segmented version's vectors itself (by key)."""
        return {}

    def search(self, query: Vector, k: int) -> list[tuple[str, float]]:
        """(chunk_id, cosine similarity) pairs, best first."""
        found: list[tuple[float, str]] = []
        for segment, total, dead in self._parts:
            index = self._segments.collection(segment)
            for key, similarity in index.search(query, min(total, k + dead)):
                if key in self._owners:
                    found.append((similarity, key))
        found.sort(key=lambda pair: -pair[0])
        hits: list[tuple[str, float]] = []
        for similarity, key in found:
            hits.extend((chunk_id, similarity) for chunk_id in self._owners[key])
            if len(hits) >= k:
                break
        return hits[:k]


def _parts(manifest: dict[str, Any]) -> list[tuple[str, int, int]]:
    """(segment, vectors it holds, vectors it holds that this version does not own)."""
    return [(s["id"], s["total"], s["total"] - s["owned"]) for s in manifest["segments"]]


def version_vectors(
    folder: Path, manifest: dict[str, Any], segments: Segments, server: ChromaServer | None
) -> VersionVectors | VectorIndex:
    """The vectors a version searches: its segments, or its own legacy collection. Which
    chunks own which key is read on the first search."""
    if "segments" not in manifest:
        return legacy_vectors(folder, server)

    def owners() -> dict[str, list[str]]:
        keys = json.loads((folder / "keys.json").read_text("utf-8"))
        found: dict[str, list[str]] = {}
        for key, chunk_id in zip(keys, _chunk_ids(folder), strict=True):
            found.setdefault(key, []).append(chunk_id)
        return found

    return VersionVectors(segments, _parts(manifest), owners)


def _chunk_ids(folder: Path) -> list[str]:
    """A version's chunk ids in order: the keyword arrays' list, else from its records."""
    from assistant.index.keyword_files import FOLDER, INFO  # (it imports this module)

    if (folder / FOLDER / INFO).exists():
        return list(json.loads((folder / FOLDER / "chunk_ids.json").read_text("utf-8")))
    lines = (folder / "chunks.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line)["chunk_id"] for line in lines]


def written_vectors(
    manifest: dict[str, Any], segments: Segments, owners: dict[str, list[str]]
) -> VersionVectors:
    """A version's vectors as just written, before its records are read back."""
    return VersionVectors(segments, _parts(manifest), lambda: owners)
