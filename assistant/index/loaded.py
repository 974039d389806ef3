"""An index version opened for querying."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

from assistant.embed.base import Vector
from assistant.index.keyword_files import open_keywords
from assistant.index.keywords import KeywordIndex
from assistant.index.units import Units
from assistant.types import Chunk


class VectorSearch(Protocol):
    def search(self, query: Vector, k: int) -> list[tuple[str, float]]: ...

    def count(self) -> int: ...

    def vectors_for(self, ids: Sequence[str]) -> dict[str, Vector]: ...


class LoadedIndex:
    """One index version, opened for querying. Its chunks, texts and keyword index are read
    on first use (a caller that only needs the manifest or vectors does not pay for them);
    the pipeline touches them at once, so a question's snapshot is whole from its start."""

    def __init__(
        self, name: str, folder: Path, manifest: dict[str, Any], vectors: VectorSearch
    ) -> None:
        self.name = name
        self.folder = folder
        self.manifest = manifest
        self.vectors = vectors

    @cached_property
    def chunks(self) -> dict[str, Chunk]:
        lines = (self.folder / "chunks.jsonl").read_text("utf-8").splitlines()
        return {c.chunk_id: c for c in (Chunk.from_dict(json.loads(line)) for line in lines)}

    @cached_property
    def documents(self) -> dict[str, str]:
        return {
            # Versions built before documents were keyed by full name used `<doc_id>.txt`.
            d["doc_id"]: (
                self.folder / "documents" / d.get("text_file", f"{d['doc_id']}.txt")
            ).read_text("utf-8")
            for d in self.manifest["documents"]
        }

    @cached_property
    def keywords(self) -> KeywordIndex:
        """BM25 and word statistics: the version's saved arrays, memory-mapped."""
        return open_keywords(self.folder)

    @cached_property
    def units(self) -> Units:
        """Strategies, directions and their items, grouped once per version."""
        return Units(self.chunks.values(), self.documents)
