"""The enumerated structure of one index version: units (a strategy, a direction, a list
item with sub-items) and their items, grouped once when the version is opened so that a
question never scans every chunk to find them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable

from assistant.types import Chunk


class Units:
    def __init__(self, chunks: Iterable[Chunk], documents: dict[str, str]) -> None:
        chunks = list(chunks)
        items = sorted((c for c in chunks if c.kind == "item"), key=lambda c: (c.doc_id, c.start))
        self.titles = [c for c in items if c.role == "title"]
        self._by_unit: dict[tuple[str, str], list[Chunk]] = defaultdict(list)
        for item in items:
            self._by_unit[(item.doc_id, item.group)].append(item)
        # Every indicator label of the index's tables (verification checks a sentence
        # does not name another row's indicator).
        self.row_labels = sorted({c.row.label for c in chunks if c.row is not None})
        # Table rows in reading order, and each speaker's first passage under a heading:
        # what the questions offered after a refusal are made from (generate/suggest.py).
        self.rows = sorted((c for c in chunks if c.row is not None), key=_place)
        self.first_headed: dict[str, Chunk] = {}
        for chunk in chunks:
            first = self.first_headed.get(chunk.speaker)
            if chunk.section and (first is None or _place(chunk) < _place(first)):
                self.first_headed[chunk.speaker] = chunk
        self._chunks = chunks
        self._documents = documents
        self._kept: dict[frozenset[str], Units] = {}

    @property
    def chunks(self) -> list[Chunk]:
        """Every chunk of this structure's index version (or of its kept speakers)."""
        return self._chunks

    def members(self, unit: Chunk) -> list[Chunk]:
        """A unit's title and items, in reading order."""
        return list(self._by_unit.get((unit.doc_id, unit.group), ()))

    def same_line(self, item: Chunk) -> list[Chunk]:
        """Items of the same unit written on the same source line (a table row)."""
        text = self._documents.get(item.doc_id, "")
        start = text.rfind("\n", 0, item.start) + 1
        end = text.find("\n", item.end)
        end = len(text) if end < 0 else end
        return [
            c for c in self.members(item) if c.chunk_id != item.chunk_id and start <= c.start < end
        ]

    def only(self, speakers: Collection[str]) -> Units:
        """The same structure, kept to the given speakers' text (built once per set)."""
        key = frozenset(speakers)
        if key not in self._kept:
            kept = (c for c in self._chunks if c.speaker in key)
            self._kept[key] = Units(kept, self._documents)
        return self._kept[key]


def _place(chunk: Chunk) -> tuple[str, int]:
    return chunk.doc_id, chunk.start
