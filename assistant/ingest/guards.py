"""Checks that run before a file is parsed: safe names, no zip bombs, bounded parse time."""

from __future__ import annotations

import multiprocessing
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from assistant.errors import AssistantError, UnsupportedFileError

T = TypeVar("T")
# Letters (any script), digits, space and . _ - ( ) only; no leading dot, no "..".
_SAFE_NAME = re.compile(r"^(?!\.)(?!.*\.\.)[\w .()\-\u3000-\u303f\uff08\uff09]+$")
MAX_EXPANSION = 100  # uncompressed/compressed ratio above which a zip is treated as a bomb


def check_name(path: Path) -> None:
    if not _SAFE_NAME.match(path.name) or any(c in path.name for c in "\\/\x00"):
        raise UnsupportedFileError(
            f"{path.name!r}: the file name has characters that are not allowed. "
            "Rename it using letters, digits, spaces and . _ - ( ) only."
        )


def check_zip(path: Path, max_bytes: int) -> None:
    """A .docx is a zip: refuse one that would expand far beyond its size or the limit."""
    try:
        with zipfile.ZipFile(path) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise UnsupportedFileError(
            f"{path}: not a valid Word file ({exc}). Re-save it as .docx."
        ) from exc
    size = max(path.stat().st_size, 1)
    if expanded > max_bytes or expanded / size > MAX_EXPANSION:
        raise UnsupportedFileError(
            f"{path}: it would expand to {expanded} bytes from {size} (a decompression bomb?). "
            "It was not opened."
        )


def parser_failure(path: Path, exc: Exception) -> UnsupportedFileError:
    """What any parser exception (XML errors, entity bombs, broken zips) tells a person."""
    kind = path.suffix.lstrip(".").upper() or "file"
    return UnsupportedFileError(
        f"{path}: the {kind} file could not be read ({type(exc).__name__}: {str(exc)[:200]}). "
        "Check that it opens, or re-save it, then try again."
    )


def guarded(function: Callable[[Path], T], path: Path) -> T:
    """Run a parser; its failure becomes one typed error, raised where it happened (in a
    child process, so what crosses back is always picklable)."""
    try:
        return function(path)
    except AssistantError:
        raise
    except Exception as exc:  # any parser failure is the file's fault
        raise parser_failure(path, exc) from None


def with_time_limit(function: Callable[[Path], T], path: Path, seconds: float) -> T:
    """Run a parser in a child process and stop it after `seconds`.

    "forkserver", not "fork": the chat's process has threads, and forking one of those can
    copy a held lock into the child."""
    context = multiprocessing.get_context("forkserver")
    with context.Pool(1) as pool:
        pending = pool.apply_async(guarded, (function, path))
        try:
            return pending.get(timeout=seconds)
        except multiprocessing.TimeoutError:
            pool.terminate()
            raise UnsupportedFileError(
                f"{path}: parsing took longer than {seconds:.0f} s and was stopped "
                "(ASSISTANT_PARSE_TIMEOUT_S). Check the file, or raise the limit."
            ) from None
