"""Members' thumbs up/down, stored with the question, answer and citations (JSONL, append-only)."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

from assistant.private_files import append_private

_LOCK = threading.Lock()


class FeedbackStore:
    def __init__(self, path: Path) -> None:
        self.path = path

    def add(self, rating: str, comment: str, answer: dict[str, Any]) -> dict[str, Any]:
        if rating not in ("up", "down"):
            raise ValueError("rating must be 'up' or 'down'")
        record = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "rating": rating,
            "comment": comment.strip()[:2000],
            "question": answer.get("question", ""),
            "answer": answer.get("answer", ""),
            "mode": answer.get("mode", ""),
            "log_id": answer.get("log_id", ""),
            "citations": [
                {k: c[k] for k in ("n", "chunk_id", "doc_title", "section", "quote")}
                for c in answer.get("citations", [])
            ],
        }
        with _LOCK:
            append_private(self.path, json.dumps(record, ensure_ascii=False) + "\n")
        return record

    def read(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text("utf-8").splitlines() if line]
