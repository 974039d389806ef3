"""Provenance a document declares: title, publisher, date and speaker, never guessed.

A corpus file `x.txt` declares them in a sidecar `x.txt.meta.json`:

    {"title": "...", "publisher": "...", "date": "2023-01", "speaker": "association",
     "sections": {"附件": "government_summary"}}

`sections` maps a heading prefix to the speaker of the part it opens (an annex that
summarises someone else's text, say). Staff uploads get the same file from the staff form,
plus `doc_id` and `original_name`. A file without a sidecar has speaker "unknown".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from assistant.errors import UnsupportedFileError
from assistant.types import SPEAKERS, Speaker

SIDECAR = ".meta.json"


@dataclass(frozen=True)
class Declared:
    doc_id: str | None = None
    title: str | None = None
    publisher: str = ""
    date: str = ""
    speaker: Speaker = "unknown"
    sections: tuple[tuple[str, Speaker], ...] = ()


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR)


def read_sidecar(path: Path) -> dict[str, Any]:
    """The raw sidecar of `path` ({} when there is none)."""
    sidecar = sidecar_path(path)
    if not sidecar.exists():
        return {}
    try:
        data = json.loads(sidecar.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UnsupportedFileError(
            f"{sidecar}: the metadata file could not be read ({exc}). Fix it or remove it."
        ) from exc
    if not isinstance(data, dict):
        raise UnsupportedFileError(f"{sidecar}: metadata must be a JSON object.")
    return data


def _speaker(value: Any, where: Path) -> Speaker:
    if value not in SPEAKERS:
        raise UnsupportedFileError(
            f"{where}: unknown speaker {value!r}. Use one of: {', '.join(SPEAKERS)}."
        )
    return cast(Speaker, value)


def declared(path: Path) -> Declared:
    """What `path`'s sidecar declares, checked: a bad speaker is an error, not a guess."""
    data = read_sidecar(path)
    if not data:
        return Declared()
    where = sidecar_path(path)
    sections = data.get("sections") or {}
    if not isinstance(sections, dict):
        raise UnsupportedFileError(f'{where}: "sections" must map a heading prefix to a speaker.')
    text = {key: data.get(key) for key in ("doc_id", "title", "publisher", "date")}
    if not all(value is None or isinstance(value, str) for value in text.values()):
        raise UnsupportedFileError(f"{where}: doc_id, title, publisher and date must be text.")
    return Declared(
        doc_id=text["doc_id"],
        title=(text["title"] or "").strip() or None,
        publisher=text["publisher"] or "",
        date=text["date"] or "",
        speaker=_speaker(data.get("speaker", "unknown"), where),
        sections=tuple(
            (str(prefix), _speaker(speaker, where)) for prefix, speaker in sections.items()
        ),
    )
