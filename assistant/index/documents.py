"""What a version records: its documents (texts, hashes, provenance) and chunk records."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any

from assistant.ingest.injection import FLAG, Finding
from assistant.types import Chunk, Document

MANIFEST = "manifest.json"


def text_file(doc_id: str) -> str:
    """The file a document's text is kept in: from its id, so any name is a safe file name."""
    return hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:24] + ".txt"


def fingerprint(doc: Document) -> str:
    """The text and its declared provenance: a new speaker or title is a change to index."""
    declared = [doc.content_hash, doc.title, doc.speaker, doc.publisher, doc.date]
    declared += [f"{prefix}={speaker}" for prefix, speaker in doc.sections]
    declared += ["=".join(name) for name in doc.names] + ["=".join(a) for a in doc.aliases]
    return hashlib.sha256("\x1f".join(declared).encode("utf-8")).hexdigest()


def corpus_hash(documents: Sequence[Document]) -> str:
    digest = hashlib.sha256()
    for doc in sorted(documents, key=lambda d: d.doc_id):
        digest.update(f"{doc.doc_id}\x1f{doc.content_hash}\n".encode())
    return digest.hexdigest()


def document_entry(d: Document) -> dict[str, Any]:
    return {
        "doc_id": d.doc_id,
        "title": d.title,
        "path": d.path,
        "content_hash": d.content_hash,
        "fingerprint": fingerprint(d),
        "text_file": text_file(d.doc_id),
        "speaker": d.speaker,
        "publisher": d.publisher,
        "date": d.date,
        "names": [list(name) for name in d.names],
        "aliases": [list(alias) for alias in d.aliases],
    }


def write_documents(folder: Path, documents: Sequence[Document], live: Path | None) -> None:
    """Each document's text; an unchanged one is a hard link to the live version's file."""
    (folder / "documents").mkdir()
    before: dict[str, str] = {}
    if live is not None and (live / MANIFEST).exists():
        before = {
            d["doc_id"]: d["content_hash"]
            for d in json.loads((live / MANIFEST).read_text("utf-8"))["documents"]
        }
    for doc in documents:
        target = folder / "documents" / text_file(doc.doc_id)
        source = live / "documents" / text_file(doc.doc_id) if live else None
        if source is not None and before.get(doc.doc_id) == doc.content_hash:
            with contextlib.suppress(OSError):  # another file system: write it instead
                os.link(source, target)
                continue
        target.write_text(doc.text, encoding="utf-8")


def chunk_record(chunk: Chunk) -> dict[str, Any]:
    """What `Chunk.to_dict` gives, without `dataclasses.asdict`'s deep copies (they were
    most of the time spent writing a 10k-chunk version's records)."""
    record = {f.name: getattr(chunk, f.name) for f in fields(chunk)}
    if chunk.row is not None:
        record["row"] = {f.name: getattr(chunk.row, f.name) for f in fields(chunk.row)}
    return record


def flagged_lines(chunks: Sequence[Chunk]) -> list[dict[str, str]]:
    """Report lines of the passages flagged as instructions, with their document."""
    return [
        {
            "doc_id": c.doc_id,
            "line": Finding(c.chunk_id, c.doc_id, " > ".join(c.section), c.passage[:60]).line(),
        }
        for c in chunks
        if FLAG in c.flags
    ]


def flagged_in_records(path: Path) -> tuple[str, ...]:
    """Report lines of flagged passages, read from a version's chunk records (versions that
    did not record them in their manifest)."""
    records = map(json.loads, path.read_text("utf-8").splitlines())
    return tuple(
        Finding(c["chunk_id"], c["doc_id"], " > ".join(c["section"]), c["passage"][:60]).line()
        for c in records
        if FLAG in c.get("flags", ())
    )
