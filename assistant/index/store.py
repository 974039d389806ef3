"""Index versions on disk. A version is complete before the live pointer names it.

    <root>/versions/<name>/manifest.json   embedder id + dimension, documents, counts
                           chunks.jsonl    one chunk record per line
                           tokens.json     BM25 token lists, same order as chunks
                           documents/      extracted text of each document (quotes index it)
                           chroma/         Chroma's embedded store
    <root>/LIVE                            the live version's name, replaced atomically

A crash while building leaves an unnamed, incomplete folder that the next build removes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from assistant.embed.base import Embedder
from assistant.errors import IndexMismatchError, IndexMissingError
from assistant.index.keywords import KeywordIndex
from assistant.index.units import Units
from assistant.index.vectors import ChromaServer, VectorIndex
from assistant.ingest.chunking import CHUNKER_VERSION
from assistant.ingest.injection import DETECTOR, FLAG, Finding
from assistant.private_files import private_dir
from assistant.text.tokenize import tokenize
from assistant.types import Chunk, Document

# The smoke query searches the new version with a chunk's own vector: it must come back
# (cosine ~1; a little below 1.0 allows for float32 rounding in the store).
SMOKE_SIMILARITY = 0.99

MANIFEST = "manifest.json"
COMPLETE = "COMPLETE"
KEEP_VERSIONS = 3
Progress = Callable[[str, int, int], None]


@dataclass
class LoadedIndex:
    """A live index version, opened for querying."""

    name: str
    manifest: dict[str, Any]
    chunks: dict[str, Chunk]
    documents: dict[str, str]
    vectors: VectorIndex
    keywords: KeywordIndex

    @cached_property
    def units(self) -> Units:
        """Strategies, directions and their items, grouped once per version."""
        return Units(self.chunks.values(), self.documents)


def text_file(doc_id: str) -> str:
    """The file a document's text is kept in: from its id, so any name is a safe file name."""
    return hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:24] + ".txt"


def fingerprint(doc: Document) -> str:
    """The text and its declared provenance: a new speaker or title is a change to index."""
    declared = [doc.content_hash, doc.title, doc.speaker, doc.publisher, doc.date]
    declared += [f"{prefix}={speaker}" for prefix, speaker in doc.sections]
    return hashlib.sha256("\x1f".join(declared).encode("utf-8")).hexdigest()


def corpus_hash(documents: Sequence[Document]) -> str:
    digest = hashlib.sha256()
    for doc in sorted(documents, key=lambda d: d.doc_id):
        digest.update(f"{doc.doc_id}\x1f{doc.content_hash}\n".encode())
    return digest.hexdigest()


class IndexStore:
    """Builds and opens index versions under one root folder."""

    def __init__(self, root: Path, server: ChromaServer | None = None) -> None:
        self.root = root
        self.versions = root / "versions"
        self.server = server

    def vectors(self, name: str) -> VectorIndex:
        """The vector store of version `name`: its own folder, or its own server collection."""
        return VectorIndex(self.versions / name / "chroma", self.server, name)

    def live_name(self) -> str | None:
        pointer = self.root / "LIVE"
        return pointer.read_text().strip() if pointer.exists() else None

    def build(
        self,
        documents: Sequence[Document],
        chunks: Sequence[Chunk],
        embedder: Embedder,
        progress: Progress | None = None,
        known_vectors: dict[str, list[float]] | None = None,
    ) -> str:
        """Write a complete new version, then make it live. Returns its name.

        Chunks whose vectors are in `known_vectors` (by chunk id, which is derived from the
        chunk's content) are not embedded again."""
        self._remove_incomplete()
        version_hash = corpus_hash(documents)
        name = f"{time.strftime('%Y%m%dT%H%M%S')}-{version_hash[:8]}"
        private_dir(self.root)
        folder = self.versions / name
        folder.mkdir(parents=True, exist_ok=False)
        (folder / "documents").mkdir()
        for doc in documents:
            (folder / "documents" / text_file(doc.doc_id)).write_text(doc.text, encoding="utf-8")
        texts = [chunk.index_text for chunk in chunks]
        known = known_vectors or {}
        missing = [i for i, chunk in enumerate(chunks) if chunk.chunk_id not in known]
        fresh: dict[int, list[float]] = {}
        for start in range(0, len(missing), 16):
            batch = missing[start : start + 16]
            for i, vector in zip(
                batch, embedder.embed_documents([texts[i] for i in batch]), strict=True
            ):
                fresh[i] = vector
            if progress:
                progress("embed", min(start + 16, len(missing)), len(missing))
        vectors = [known.get(chunk.chunk_id) or fresh[i] for i, chunk in enumerate(chunks)]
        self.vectors(name).add(chunks, vectors)
        tokens = [tokenize(text) for text in texts]
        (folder / "tokens.json").write_text(json.dumps(tokens, ensure_ascii=False), "utf-8")
        with (folder / "chunks.jsonl").open("w", encoding="utf-8") as out:
            for chunk in chunks:
                out.write(json.dumps(chunk.to_dict(), ensure_ascii=False) + "\n")
        manifest = {
            "name": name,
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "corpus_hash": version_hash,
            "embedder": {"id": embedder.id, "dimension": embedder.dimension},
            "chunker": CHUNKER_VERSION,
            "detector": DETECTOR,
            "documents": [
                {
                    "doc_id": d.doc_id,
                    "title": d.title,
                    "path": d.path,
                    "content_hash": d.content_hash,
                    "fingerprint": fingerprint(d),
                    "text_file": text_file(d.doc_id),
                    "speaker": d.speaker,
                    "publisher": d.publisher,
                    "date": d.date,
                }
                for d in documents
            ],
            "chunk_count": len(chunks),
        }
        (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), "utf-8")
        self._validate(folder, manifest)
        self._smoke_test(folder, documents, chunks, vectors)
        (folder / COMPLETE).touch()
        self._point_live_at(name)
        self._prune_old(keep=KEEP_VERSIONS)
        return name

    def flagged(self, name: str) -> tuple[str, ...]:
        """Report lines for the passages of version `name` flagged as instructions."""
        lines = (self.versions / name / "chunks.jsonl").read_text("utf-8").splitlines()
        flagged = [c for c in map(json.loads, lines) if FLAG in c.get("flags", ())]
        return tuple(
            Finding(c["chunk_id"], c["doc_id"], " > ".join(c["section"]), c["passage"][:60]).line()
            for c in flagged
        )

    def manifest(self, name: str) -> dict[str, Any]:
        return dict(json.loads((self.versions / name / MANIFEST).read_text("utf-8")))

    def list_versions(self) -> list[dict[str, Any]]:
        """Complete versions, oldest first, each with `live` set for the one serving."""
        if not self.versions.exists():
            return []
        live = self.live_name()
        found = []
        for folder in sorted(self.versions.iterdir()):
            if (folder / COMPLETE).exists():
                manifest = self.manifest(folder.name)
                manifest["live"] = folder.name == live
                found.append(manifest)
        return found

    def rollback(self, name: str | None = None) -> str:
        """Point LIVE at `name`, or at the version before the live one."""
        versions = [v["name"] for v in self.list_versions()]
        live = self.live_name()
        if name is None:
            if live not in versions or versions.index(live) == 0:
                raise IndexMissingError("There is no earlier version to roll back to.")
            name = versions[versions.index(live) - 1]
        if name not in versions:
            raise IndexMissingError(
                f"No complete version '{name}'. See `assistant index versions`."
            )
        self._point_live_at(name)
        return name

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
        chunk_list = [
            Chunk.from_dict(json.loads(line))
            for line in (folder / "chunks.jsonl").read_text("utf-8").splitlines()
        ]
        tokens = json.loads((folder / "tokens.json").read_text("utf-8"))
        documents = {
            # Versions built before documents were keyed by full name used `<doc_id>.txt`.
            d["doc_id"]: (
                folder / "documents" / d.get("text_file", f"{d['doc_id']}.txt")
            ).read_text("utf-8")
            for d in manifest["documents"]
        }
        return LoadedIndex(
            name=name,
            manifest=manifest,
            chunks={chunk.chunk_id: chunk for chunk in chunk_list},
            documents=documents,
            vectors=self.vectors(name),
            keywords=KeywordIndex([c.chunk_id for c in chunk_list], tokens),
        )

    def _validate(self, folder: Path, manifest: dict[str, Any]) -> None:
        count = manifest["chunk_count"]
        vector_count = self.vectors(folder.name).count()
        lines = (folder / "chunks.jsonl").read_text("utf-8").count("\n")
        tokens = len(json.loads((folder / "tokens.json").read_text("utf-8")))
        if not vector_count == lines == tokens == count:
            raise RuntimeError(
                f"Index build in {folder} is inconsistent (chroma={vector_count}, "
                f"chunks={lines}, keywords={tokens}, manifest={count}); the live index "
                "was left unchanged. Run the ingest again."
            )

    def _smoke_test(
        self,
        folder: Path,
        documents: Sequence[Document],
        chunks: Sequence[Chunk],
        vectors: Sequence[list[float]],
    ) -> None:
        """Every document has chunks, and the new store finds a stored chunk by its vector."""
        empty = sorted({d.doc_id for d in documents} - {c.doc_id for c in chunks})
        if empty:
            raise RuntimeError(
                f"No chunks for {', '.join(empty)}; the live index was left unchanged. "
                "Check that these files contain text."
            )
        if chunks:
            # Identical passages have identical vectors, so the check is the similarity of
            # the best match, not its id.
            found = self.vectors(folder.name).search(vectors[0], 1)
            if not found or found[0][1] < SMOKE_SIMILARITY:
                raise RuntimeError(
                    f"Smoke query on the new version in {folder} failed; the live index was "
                    "left unchanged. Run the ingest again."
                )

    def _point_live_at(self, name: str) -> None:
        tmp = self.root / f".LIVE.{os.getpid()}"
        tmp.write_text(name + "\n")
        os.replace(tmp, self.root / "LIVE")

    def _remove_incomplete(self) -> None:
        if not self.versions.exists():
            return
        for folder in self.versions.iterdir():
            if folder.is_dir() and not (folder / COMPLETE).exists():
                shutil.rmtree(folder, ignore_errors=True)
                if self.server is not None:
                    VectorIndex.drop(self.server, folder.name)

    def _prune_old(self, keep: int) -> None:
        live = self.live_name()
        complete = sorted(p for p in self.versions.iterdir() if (p / COMPLETE).exists())
        for folder in complete[:-keep]:
            if folder.name != live:
                shutil.rmtree(folder, ignore_errors=True)
                if self.server is not None:
                    VectorIndex.drop(self.server, folder.name)
