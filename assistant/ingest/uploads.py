"""Documents staff upload: checked, stored under generated names, original name kept."""

from __future__ import annotations

import hashlib
import json
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import UnsupportedFileError
from assistant.ingest.guards import check_name
from assistant.ingest.loaders import SIDECAR, load_document, read_sidecar


@dataclass(frozen=True)
class Stored:
    original_name: str
    doc_id: str
    path: Path


def store_upload(
    source: Path, original_name: str, uploads: Path, max_bytes: int, parse_timeout: float
) -> Stored:
    """Check one uploaded file (name, type, size, content) and keep it under a new name.

    A file that fails any check is not kept. An upload with the same original name as an
    earlier one replaces it: same document id, new edition."""
    check_name(Path(original_name))
    suffix = Path(original_name).suffix.lower()
    uploads.mkdir(parents=True, exist_ok=True)
    target = uploads / f"{uuid.uuid4().hex[:16]}{suffix}"
    shutil.copyfile(source, target)
    doc_id = Path(original_name).stem
    try:
        load_document(target, max_bytes, parse_timeout)
    except UnsupportedFileError as exc:
        target.unlink(missing_ok=True)
        raise UnsupportedFileError(str(exc).replace(str(target), original_name)) from None
    for old in uploads.glob(f"*{SIDECAR}"):
        if read_sidecar(old.with_name(old.name[: -len(SIDECAR)])).get("doc_id") == doc_id:
            old.with_name(old.name[: -len(SIDECAR)]).unlink(missing_ok=True)
            old.unlink()
    meta = {
        "doc_id": doc_id,
        "original_name": original_name,
        "uploaded": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "sha256": hashlib.sha256(target.read_bytes()).hexdigest(),
    }
    target.with_name(target.name + SIDECAR).write_text(
        json.dumps(meta, ensure_ascii=False), "utf-8"
    )
    return Stored(original_name, doc_id, target)
