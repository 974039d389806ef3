"""Provenance a document declares: title, publisher, date and speaker, never guessed.

A corpus file `x.txt` declares them in a sidecar `x.txt.meta.json`:

    {"title": "...", "publisher": "...", "date": "2023-01", "speaker": "association",
     "sections": {"附件": "government_summary"}}

`sections` maps a heading prefix to the speaker of the part it opens (an annex that
summarises someone else's text, say). `names` gives, per speaker, how answers name that
speaker's text in each language ({"government_summary": {"en": "Blueprint", ...}}), and
`aliases`, per speaker, the words members use for it ({"association": ["CMA", ...]}).
Nothing declared: answers say "the document", and no question asks for its speaker by name.
Staff uploads get the same file from the staff form,
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
    names: tuple[tuple[str, str, str], ...] = ()
    aliases: tuple[tuple[str, str], ...] = ()


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
        names=_names(data.get("names") or {}, where),
        aliases=_aliases(data.get("aliases") or {}, where),
    )


LANGUAGES = ("zh-Hant", "zh-Hans", "en")


def _names(value: Any, where: Path) -> tuple[tuple[str, str, str], ...]:
    shape = '"names" must map a speaker to {"zh-Hant": ..., "zh-Hans": ..., "en": ...}.'
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise UnsupportedFileError(f"{where}: {shape}")
    found = []
    for speaker, by_language in value.items():
        _speaker(speaker, where)
        for language, name in by_language.items():
            if language not in LANGUAGES or not isinstance(name, str) or not name.strip():
                raise UnsupportedFileError(f"{where}: {shape}")
            found.append((speaker, language, name.strip()))
    return tuple(found)


def _aliases(value: Any, where: Path) -> tuple[tuple[str, str], ...]:
    shape = '"aliases" must map a speaker to a list of words.'
    if not isinstance(value, dict):
        raise UnsupportedFileError(f"{where}: {shape}")
    found = []
    for speaker, words in value.items():
        _speaker(speaker, where)
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise UnsupportedFileError(f"{where}: {shape}")
        found += [(speaker, word.strip()) for word in words]
    return tuple(found)
