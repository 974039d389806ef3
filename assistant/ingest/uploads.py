"""Documents staff upload: checked, stored under generated names, original name kept.

An upload's document id is `uploads/<original name>`, so it can never replace a corpus
document's text (corpus ids are plain file names). Its sidecar holds what the uploader
declared (speaker, title, publisher; speaker "uploaded" by default). A file in the folder
that no check vouches for is moved to `.quarantine/` with its reason, so it never blocks
later uploads.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import AssistantError, InputError, UnsupportedFileError
from assistant.ingest.guards import check_name
from assistant.ingest.loaders import load_document
from assistant.ingest.metadata import SIDECAR, read_sidecar, sidecar_path
from assistant.private_files import private_dir, write_private
from assistant.types import SPEAKERS

PREFIX = "uploads/"
QUARANTINE = ".quarantine"


@dataclass(frozen=True)
class Stored:
    original_name: str
    doc_id: str
    path: Path


@dataclass(frozen=True)
class Declaration:
    """What the uploader says about the document, from the staff form."""

    speaker: str = "uploaded"
    title: str = ""
    publisher: str = ""
    date: str = ""


def store_upload(
    source: Path,
    original_name: str,
    uploads: Path,
    max_bytes: int,
    parse_timeout: float,
    declaration: Declaration | None = None,
) -> Stored:
    """Check one uploaded file (name, type, size, content) and keep it under a new name.

    A file that fails any check is not kept. An upload with the same original name as an
    earlier one replaces it: same document id, new edition."""
    declaration = declaration or Declaration()
    check_name(Path(original_name))
    if declaration.speaker not in SPEAKERS:
        raise InputError(f"Unknown speaker {declaration.speaker!r}: use one of {SPEAKERS}.")
    suffix = Path(original_name).suffix.lower()
    private_dir(uploads)
    target = uploads / f"{uuid.uuid4().hex[:16]}{suffix}"
    shutil.copyfile(source, target)
    os.chmod(target, 0o600)
    doc_id = PREFIX + original_name
    try:
        load_document(target, max_bytes, parse_timeout)
    except Exception as exc:
        target.unlink(missing_ok=True)
        if isinstance(exc, AssistantError):
            raise UnsupportedFileError(str(exc).replace(str(target), original_name)) from None
        raise UnsupportedFileError(f"{original_name}: could not be read ({exc}).") from None
    for old in stored_uploads(uploads):
        if old.doc_id == doc_id:
            remove_stored(old)
    meta = {
        "doc_id": doc_id,
        "original_name": original_name,
        "uploaded": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "sha256": _sha256(target),
        "speaker": declaration.speaker,
        "title": declaration.title.strip() or Path(original_name).stem,
        "publisher": declaration.publisher.strip(),
        "date": declaration.date.strip(),
    }
    write_private(sidecar_path(target), json.dumps(meta, ensure_ascii=False))
    return Stored(original_name, doc_id, target)


def stored_uploads(uploads: Path) -> list[Stored]:
    """Every upload that has a sidecar, by original name."""
    if not uploads.exists():
        return []
    found = []
    for sidecar in sorted(uploads.glob(f"*{SIDECAR}")):
        path = sidecar.with_name(sidecar.name[: -len(SIDECAR)])
        meta = read_sidecar(path)
        found.append(Stored(str(meta.get("original_name", path.name)), meta["doc_id"], path))
    return sorted(found, key=lambda s: s.original_name)


def remove_upload(uploads: Path, original_name: str) -> Stored:
    """Delete an upload (file and sidecar): the explicit way to take it out of the index."""
    for item in stored_uploads(uploads):
        if original_name in (item.original_name, item.doc_id):
            remove_stored(item)
            return item
    names = ", ".join(s.original_name for s in stored_uploads(uploads)) or "none"
    raise InputError(f"No upload named '{original_name}'. Uploads: {names}.")


def remove_stored(item: Stored) -> None:
    item.path.unlink(missing_ok=True)
    sidecar_path(item.path).unlink(missing_ok=True)


def quarantine_unvouched(uploads: Path) -> list[str]:
    """Move aside files that no upload check vouches for (no sidecar, or changed since it
    was checked); return one line per file with its reason."""
    if not uploads.exists():
        return []
    moved = []
    for path in sorted(p for p in uploads.iterdir() if p.is_file()):
        if path.name.endswith(SIDECAR):
            if not path.with_name(path.name[: -len(SIDECAR)]).exists():
                moved.append(_quarantine(uploads, path, "metadata without its document"))
            continue
        meta = read_sidecar(path) if sidecar_path(path).exists() else {}
        if not meta:
            moved.append(_quarantine(uploads, path, "no upload record (a failed upload?)"))
        elif meta.get("sha256") != _sha256(path):
            moved.append(_quarantine(uploads, path, "changed since it was checked"))
    return moved


def _quarantine(uploads: Path, path: Path, reason: str) -> str:
    folder = private_dir(uploads / QUARANTINE)
    for item in (path, sidecar_path(path)):
        if item.exists():
            item.replace(folder / item.name)
    write_private(folder / f"{path.name}.reason.txt", reason + "\n")
    return f"{path.name}: moved to {QUARANTINE}/ ({reason})"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def source_folders(corpus: Path, uploads: Path) -> list[Path]:
    """The folders the live index is built from: the corpus, and the staff uploads if any."""
    return [corpus, *([uploads] if uploads.exists() else [])]


def indexed_sources(corpus: Path, uploads: Path) -> tuple[list[Path], list[str]]:
    """What `assistant ingest` indexes by default: the corpus and the staff uploads (after
    moving aside any upload no check vouches for). Returns the paths and what was moved."""
    moved = quarantine_unvouched(uploads)
    return source_folders(corpus, uploads), moved
