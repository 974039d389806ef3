"""The answer log: every answer given, append-only JSONL, enough to show and replay it.

The file is private (0600) and records only allow-listed settings: no secrets at rest."""

from __future__ import annotations

import json
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from assistant.errors import InputError
from assistant.private_files import append_private

_LOCK = threading.Lock()


class AnswerLog:
    def __init__(self, path: Path) -> None:
        self.path = path

    def append(self, record: dict[str, Any]) -> str:
        """Add one record (given an `id` and `time` here) and return its id."""
        record = {
            "id": uuid.uuid4().hex[:12],
            "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            **record,
        }
        with _LOCK:
            append_private(self.path, json.dumps(record, ensure_ascii=False) + "\n")
        return str(record["id"])

    def get(self, answer_id: str) -> dict[str, Any]:
        if self.path.exists():
            with self.path.open(encoding="utf-8") as lines:
                for line in lines:
                    record = json.loads(line)
                    if record["id"] == answer_id:
                        return dict(record)
        raise InputError(
            f"No answer '{answer_id}' in {self.path}. Ids are printed by `assistant ask`."
        )
