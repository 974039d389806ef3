"""One writer at a time: Chroma's embedded store is not safe for several writing processes."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from assistant.errors import AssistantError


class IndexBusyError(AssistantError):
    exit_code = 8


@contextmanager
def writer_lock(root: Path) -> Iterator[None]:
    """Hold an exclusive lock on `root/.lock`; refuse at once if another process has it.

    The kernel drops the lock when its holder dies, so a killed ingest never leaves it held.
    """
    root.mkdir(parents=True, exist_ok=True)
    path = root / ".lock"
    with path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise IndexBusyError(
                f"Another ingest or rollback is running on {root} (pid {holder}). "
                "Wait for it to finish, then try again."
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
