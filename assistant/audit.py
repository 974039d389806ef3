"""The answer log: every answer given, append-only JSONL, enough to show and replay it.

The file is private (0600) and records only allow-listed settings: no secrets at rest."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from assistant.config import Settings, public_settings
from assistant.errors import InputError
from assistant.generate.llm import LanguageModel
from assistant.generate.prompt import PROMPT_VERSION
from assistant.index.store import LoadedIndex
from assistant.private_files import append_private
from assistant.types import Answer

_LOCK = threading.Lock()


class AnswerLog:
    """`path` None: nothing is kept (a drift report asks questions that no member asked)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path

    def append(self, record: dict[str, Any]) -> str:
        """Add one record (given an `id` and `time` here) and return its id ("" if none)."""
        if self.path is None:
            return ""
        record = {
            "id": uuid.uuid4().hex[:12],
            "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            **record,
        }
        with _LOCK:
            append_private(self.path, json.dumps(record, ensure_ascii=False) + "\n")
        return str(record["id"])

    def get(self, answer_id: str) -> dict[str, Any]:
        if self.path is not None and self.path.exists():
            with self.path.open(encoding="utf-8") as lines:
                for line in lines:
                    record = json.loads(line)
                    if record["id"] == answer_id:
                        return dict(record)
        raise InputError(
            f"No answer '{answer_id}' in {self.path}. Ids are printed by `assistant ask`."
        )


def log_record(
    answer: Answer,
    history: Sequence[dict[str, str]],
    index: LoadedIndex,
    model: LanguageModel | None,
    settings: Settings,
) -> dict[str, Any]:
    """What the log keeps of one answer: enough to show it and to replay it on the corpus
    version it was built from, with public settings only."""
    llm = {"id": settings.llm_model, "sha256": ""}
    if answer.mode == "llm" and model is not None:
        llm = {"id": model.id, "sha256": model.file_hash}
    return {
        "question": answer.question,
        "history": list(history),
        "mode": answer.mode,
        "answer": answer.answer,
        "refused": answer.refused,
        "unverified": [asdict(u) for u in answer.unverified],
        "citations": [
            {
                "n": c.n,
                "chunk_id": c.chunk_id,
                "content_hash": index.chunks[c.chunk_id].content_hash,
                "quote": c.quote,
                "start": c.start,
                "end": c.end,
            }
            for c in answer.citations
        ],
        "corpus": {"version": index.name, "hash": index.manifest["corpus_hash"]},
        "embedder": index.manifest["embedder"],
        "llm": llm,
        "prompt_version": PROMPT_VERSION,
        "settings": public_settings(settings),
        "timings": answer.timings,
    }
