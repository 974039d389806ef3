"""Index versions on disk. A version is complete before the live pointer names it.

    <root>/versions/<name>/manifest.json   embedder, documents, counts, the segments it reads
                           chunks.jsonl    one chunk record per line
                           tokens.json     BM25 token lists, same order as chunks
                           keys.json       each chunk's vector key, same order as chunks
                           documents/      extracted text of each document (quotes index it)
    <root>/segments/<id>/                  vectors, shared by versions (index/segments.py)
    <root>/LIVE                            the live version's name, replaced atomically

A version copies no vector: it names the segments holding its chunks' vectors (by key,
the hash of the embedded text) and adds one segment with what it embedded. Unchanged
documents' texts are hard links to the live version's files, and their token lists are
reused. A crash while building leaves an incomplete version folder (and perhaps a segment
no version names); the next build removes both. Versions built before segments existed
(a `chroma/` folder of their own) still open, and the first new build reuses their vectors.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

from assistant.embed.base import Embedder, Vector
from assistant.errors import IndexMismatchError, IndexMissingError
from assistant.index.checks import check_counts, smoke_new_version
from assistant.index.documents import (
    MANIFEST,
    corpus_hash,
    document_entry,
    flagged_lines,
    write_documents,
)
from assistant.index.documents import fingerprint as fingerprint  # re-exported for ingest
from assistant.index.documents import text_file as text_file
from assistant.index.kept import KeptRecords, Row, by_row, keepable, read_kept, rows_of
from assistant.index.keyword_files import write_keywords
from assistant.index.keywords import tokenizer_id
from assistant.index.loaded import LoadedIndex
from assistant.index.reuse import (
    Previous,
    add_unclaimed,
    place_vectors,
    previous_version,
    reuse_tokens,
)
from assistant.index.segments import Segments, version_vectors
from assistant.index.vectors import ChromaServer, legacy_vectors
from assistant.index.versions import COMPLETE, VersionFolders
from assistant.ingest.chunking import CHUNKER_VERSION
from assistant.ingest.injection import DETECTOR
from assistant.private_files import private_dir
from assistant.types import Chunk, Document

KEEP_VERSIONS = 3
Progress = Callable[[str, int, int], None]


class IndexStore(VersionFolders):
    """Builds and opens index versions under one root folder."""

    def __init__(self, root: Path, server: ChromaServer | None = None) -> None:
        self.root = root
        self.versions = root / "versions"
        self.server = server
        self.segments = Segments(root, server)

    def build(
        self,
        documents: Sequence[Document],
        chunks: Sequence[Chunk],
        embedder: Embedder,
        progress: Progress | None = None,
        known_vectors: dict[str, list[float]] | None = None,
        kept: Collection[str] = (),
    ) -> str:
        """Write a complete new version, then make it live. Returns its name.

        `chunks` are those of every document not in `kept`; the chunks of `kept` documents
        (unchanged since the live version, which `can_keep` must allow) are the live
        version's records, passed through. Vectors the live version's segments hold (same
        text, same embedder) are neither embedded nor copied; `known_vectors` (by chunk id)
        are stored without embedding."""
        self._remove_incomplete()
        version_hash = corpus_hash(documents)
        # Milliseconds too: versions sort by name, and two builds can fall in one second.
        now = time.time()
        stamp = f"{time.strftime('%Y%m%dT%H%M%S', time.localtime(now))}.{int(now % 1 * 1000):03d}"
        name = f"{stamp}-{version_hash[:8]}"
        private_dir(self.root)
        folder = self.versions / name
        folder.mkdir(parents=True, exist_ok=False)
        live = self.live_name()
        live_folder = self.versions / live if live else None
        write_documents(folder, documents, live_folder)
        previous = self._previous(live, embedder)
        records = KeptRecords()
        if kept:
            if live is None or live_folder is None or not self.can_keep(live, embedder):
                raise RuntimeError("Unchanged documents can only be kept from a live version.")
            records = read_kept(live_folder, self.manifest(live), kept)
        rows = rows_of(documents, chunks, records, embedder.id)
        keys = [row.key for row in rows]
        texts = [row.chunk.index_text if row.chunk else "" for row in rows]
        missing = [
            row.key for row in rows if row.chunk is None and row.key not in previous.segment_of
        ]
        if missing or any(row.key not in previous.tokens for row in rows if row.chunk is None):
            raise RuntimeError("The live version does not hold what it should; ingest again.")
        known = self._known(live, chunks, embedder, known_vectors, rows)
        placed, fresh = place_vectors(
            keys, texts, previous, self.segments, embedder, known, progress
        )
        tokens = reuse_tokens(keys, texts, previous, progress)
        (folder / "tokens.json").write_text(json.dumps(tokens, ensure_ascii=False), "utf-8")
        (folder / "keys.json").write_text(json.dumps(keys), "utf-8")
        write_keywords(folder, [row.chunk_id for row in rows], tokens)
        with (folder / "chunks.jsonl").open("w", encoding="utf-8") as out:
            for row in rows:
                out.write(row.record() + "\n")
        owned: dict[str, int] = {}
        for segment in placed.values():
            owned[segment] = owned.get(segment, 0) + 1
        manifest = {
            "name": name,
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "corpus_hash": version_hash,
            "embedder": {"id": embedder.id, "dimension": embedder.dimension},
            "chunker": CHUNKER_VERSION,
            "detector": DETECTOR,
            "tokenizer": tokenizer_id(),
            "documents": [document_entry(d) for d in documents],
            "chunk_count": len(rows),
            "flagged": records.flagged + flagged_lines(chunks),
            "segments": [
                {"id": s, "owned": n, "total": len(self.segments.keys(s))}
                for s, n in sorted(owned.items())
            ],
        }
        (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), "utf-8")
        check_counts(folder, manifest, len(placed), self.segments)
        smoke_new_version(folder, manifest, documents, rows, fresh, self.segments)
        (folder / COMPLETE).touch()
        self._point_live_at(name)
        self._prune_old(keep=KEEP_VERSIONS)
        return name

    def can_keep(self, live: str | None, embedder: Embedder) -> bool:
        """Whether a build may take unchanged documents' records from version `live`."""
        if live is None or not (self.versions / live / COMPLETE).exists():
            return False
        return keepable(self.manifest(live), embedder.id, tokenizer_id())

    def _previous(self, live: str | None, embedder: Embedder) -> Previous:
        previous = Previous()
        if live is not None and (self.versions / live / COMPLETE).exists():
            folder = self.versions / live
            manifest = self.manifest(live)
            previous = previous_version(folder, manifest, self.segments, embedder, tokenizer_id())
        add_unclaimed(previous, self.segments, self._named_segments())
        return previous

    def _known(
        self,
        live: str | None,
        chunks: Sequence[Chunk],
        embedder: Embedder,
        given: dict[str, list[float]] | None,
        rows: Sequence[Row],
    ) -> dict[int, Vector]:
        """Vectors by row that need no embedding: given ones, and those of a live version
        built before segments (its own Chroma folder), read back once."""
        by_id = dict(given or {})
        if live and (self.versions / live / COMPLETE).exists():
            manifest = self.manifest(live)
            if "segments" not in manifest and manifest["embedder"]["id"] == embedder.id:
                legacy = legacy_vectors(self.versions / live, self.server)
                by_id.update(legacy.vectors_for([c.chunk_id for c in chunks]))
        return by_row(rows, by_id)

    def open(self, embedder: Embedder, name: str | None = None) -> LoadedIndex:
        """Open the live version (or a named one), refusing one built with another embedder."""
        name = name or self.live_name()
        if name is None or not (self.versions / name / COMPLETE).exists():
            raise IndexMissingError(f"No index at {self.root}. Build it first: assistant ingest")
        folder = self.versions / name
        manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
        built_with = manifest["embedder"]
        if built_with["id"] != embedder.id or built_with["dimension"] != embedder.dimension:
            raise IndexMismatchError(
                f"The index at {self.root} was built with embedder '{built_with['id']}' "
                f"({built_with['dimension']} dimensions), but '{embedder.id}' "
                f"({embedder.dimension} dimensions) is configured. Rebuild the index with "
                "`assistant ingest`, or set ASSISTANT_EMBEDDER back."
            )
        return LoadedIndex(
            name, folder, manifest, version_vectors(folder, manifest, self.segments, self.server)
        )

    def _prune_old(self, keep: int) -> None:
        """Keep the last `keep` versions (and the live one); then drop every segment that
        no kept version reads."""
        live = self.live_name()
        complete = sorted(p for p in self.versions.iterdir() if (p / COMPLETE).exists())
        for folder in complete[:-keep]:
            if folder.name != live:
                self._remove_version(folder)
        self.segments.collect_garbage(self._named_segments())


def _lines(path: Path) -> list[str]:
    return path.read_text("utf-8").splitlines()
