"""A version's keyword arrays on disk, beside its token lists.

    <version>/bm25-<FORMAT>/chunk_ids.json, vocab.json, <array>.npy, info.json

A build writes them inside the new version's folder before the version is complete, so
a live version always has them. A version built before they existed gets them on its
first open: built from its token lists into a temporary folder and renamed into place,
so a crash leaves no half-written folder and a process never reads one. The folder's
name carries the format: a change to what is stored writes a new folder, never reads an
old one. A version is immutable, so its arrays can never be stale.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from pathlib import Path

import numpy as np

from assistant.index.kept import head
from assistant.index.keywords import K1, B, KeywordArrays, KeywordIndex, build_arrays

FORMAT = 1
FOLDER = f"bm25-{FORMAT}"
ARRAYS = ("post_indptr", "post_docs", "post_scores", "doc_indptr", "doc_terms")
INFO = "info.json"  # written last: a folder without it is incomplete


def save_arrays(arrays: KeywordArrays, folder: Path) -> None:
    """Write `arrays` into `folder` (which must not exist), the info file last."""
    folder.mkdir()
    (folder / "chunk_ids.json").write_text(json.dumps(arrays.chunk_ids), "utf-8")
    (folder / "vocab.json").write_text(json.dumps(arrays.vocab, ensure_ascii=False), "utf-8")
    for name in ARRAYS:
        np.save(folder / f"{name}.npy", getattr(arrays, name), allow_pickle=False)
    info = {"format": FORMAT, "k1": K1, "b": B, "chunks": len(arrays.chunk_ids)}
    (folder / INFO).write_text(json.dumps(info), "utf-8")


def load_arrays(folder: Path) -> KeywordArrays:
    """The arrays in `folder`, memory-mapped (pages are read as searches touch them)."""
    loaded = {
        name: np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False) for name in ARRAYS
    }
    return KeywordArrays(
        chunk_ids=json.loads((folder / "chunk_ids.json").read_text("utf-8")),
        vocab=json.loads((folder / "vocab.json").read_text("utf-8")),
        **loaded,
    )


def write_keywords(version: Path, chunk_ids: list[str], tokens: list[list[str]]) -> None:
    """A new version's keyword arrays (called while the version is being built)."""
    save_arrays(build_arrays(chunk_ids, tokens), version / FOLDER)


def has_keywords(version: Path) -> bool:
    return (version / FOLDER / INFO).exists()


def keyword_count(version: Path) -> int:
    """How many passages a version's keyword arrays hold."""
    return int(json.loads((version / FOLDER / INFO).read_text("utf-8"))["chunks"])


def open_keywords(version: Path) -> KeywordIndex:
    """The keyword index of a complete version: its arrays, made and kept on first open
    for a version built before they existed."""
    folder = version / FOLDER
    if not (folder / INFO).exists():
        lines = (version / "chunks.jsonl").read_text("utf-8").splitlines()
        tokens = json.loads((version / "tokens.json").read_text("utf-8"))
        arrays = build_arrays([head(line)[0] for line in lines], tokens)
        temporary = version / f".{FOLDER}.{secrets.token_hex(4)}.tmp"
        try:
            save_arrays(arrays, temporary)
            os.rename(temporary, folder)
        except OSError:  # another process got there first, or the folder is read-only
            shutil.rmtree(temporary, ignore_errors=True)
            if not (folder / INFO).exists():
                return KeywordIndex(arrays)
    return KeywordIndex(load_arrays(folder))
