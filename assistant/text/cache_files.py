"""Tables derived from installed packages, kept on disk so a new process loads them.

A fresh `assistant ask` used to rebuild the same tables from the same package files every
time: jieba's part-of-speech table from its dictionary, the USE tokenizer's vocabulary
from its model file. Each is stored once under the user's cache folder
(`$XDG_CACHE_HOME/assistant/derived`, else `~/.cache/assistant/derived`; 0700, like the
index) in a file whose name carries a key made of what it was derived from (the source
file's path, size and modification time, the package's version, our format), so a changed
package or source writes a new file and never reads a stale one. A file is written to a
temporary name and renamed, so a crash leaves either no file or a whole one. A cache that
cannot be written (a read-only home) is not an error: the table is built as before.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from assistant.private_files import private_dir

T = TypeVar("T")
log = logging.getLogger(__name__)


def cache_dir() -> Path:
    """Where derived tables live (read at call time: nothing is read at import)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "assistant" / "derived"


def source_key(*parts: object, files: tuple[Path, ...] = ()) -> str:
    """A key for what a table is derived from: `parts` (versions, formats) and each file's
    resolved path, size and modification time."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode() + b"\x1f")
    for path in files:
        stat = path.stat()
        digest.update(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}\x1f".encode())
    return digest.hexdigest()[:20]


def cached(name: str, key: str, build: Callable[[], T], *, codec: str = "marshal") -> T:
    """The table `name` for `key`: read from the cache, or built and stored there.
    `codec` is `marshal` (dicts, lists and strings: fast, runs no code) or `pickle` (an
    object of a package's own class; the folder is this user's alone)."""
    path = cache_dir() / f"{name}-{key}.{codec}"
    loads = marshal.loads if codec == "marshal" else pickle.loads
    dumps: Callable[[Any], bytes] = (
        marshal.dumps if codec == "marshal" else lambda value: pickle.dumps(value, protocol=5)
    )
    try:
        return loads(path.read_bytes())  # type: ignore[no-any-return]
    except FileNotFoundError:
        pass
    except (EOFError, ValueError, TypeError, pickle.UnpicklingError) as exc:
        log.warning("Cache file %s is unreadable (%s); rebuilding it.", path, exc)
    value = build()
    try:
        write_atomically(path, dumps(value))
    except OSError as exc:
        log.warning("Cannot write cache file %s (%s); building the table each time.", path, exc)
    return value


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it over `path`."""
    private_dir(path.parent)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
