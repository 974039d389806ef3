"""Files only this user can read: the answer log, feedback, uploads, index and run folders.

Folders are created 0700 and files 0600, whatever the process umask; a file that already
exists with wider permissions is narrowed when it is next written.
"""

from __future__ import annotations

import os
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def restrict_umask() -> None:
    """Make everything this process creates private (Chroma's files included)."""
    os.umask(0o077)


def private_dir(path: Path) -> Path:
    """Create `path` and any missing parents as 0700. Existing parents are left as they are;
    `path` itself is narrowed to 0700 (it belongs to the assistant)."""
    missing = []
    current = path
    while not current.exists():
        missing.append(current)
        current = current.parent
    for folder in reversed(missing):
        folder.mkdir(mode=DIR_MODE, exist_ok=True)
    os.chmod(path, DIR_MODE)
    return path


def _open(path: Path, flags: int) -> int:
    if not path.parent.exists():
        private_dir(path.parent)
    descriptor = os.open(path, flags | os.O_CREAT, FILE_MODE)
    os.fchmod(descriptor, FILE_MODE)
    return descriptor


def append_private(path: Path, text: str) -> None:
    """Append `text` to a 0600 file (one write: lines from threads never interleave)."""
    descriptor = _open(path, os.O_WRONLY | os.O_APPEND)
    with os.fdopen(descriptor, "a", encoding="utf-8") as out:
        out.write(text)


def write_private(path: Path, text: str) -> None:
    """Write `text` to a 0600 file, replacing its content."""
    descriptor = _open(path, os.O_WRONLY | os.O_TRUNC)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(text)
