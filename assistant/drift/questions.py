"""The questions a drift report replays: the eval splits' questions and the distinct
member questions of the answer log (its last N records)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import InputError
from assistant.evaluate.questions import load_questions


@dataclass(frozen=True)
class Asked:
    """One question to replay, with the turns before it and where it comes from."""

    question: str
    history: tuple[tuple[str, str], ...] = ()
    source: str = ""  # "dev:t-rd-gdp-2016", "log:3f2a…"

    @property
    def key(self) -> str:
        return json.dumps([self.question, self.history], ensure_ascii=False)

    def turns(self) -> list[dict[str, str]]:
        return [{"role": role, "content": content} for role, content in self.history]


def _history(turns: Iterable[dict[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple((str(t.get("role", "")), str(t.get("content", ""))) for t in turns)


def from_question_file(path: Path, name: str) -> list[Asked]:
    """Every question of an eval question file (schema-checked on load)."""
    return [Asked(q.question, _history(q.history), f"{name}:{q.id}") for q in load_questions(path)]


def from_answer_log(path: Path, last: int) -> list[Asked]:
    """The distinct questions (with their history) of the log's last `last` records."""
    if last <= 0 or not path.exists():
        return []
    records = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}, line {number}: not JSON ({exc.msg}).") from exc
    return [
        Asked(str(r["question"]), _history(r.get("history") or []), f"log:{r.get('id', '')}")
        for r in records[-last:]
        if isinstance(r, dict) and r.get("question")
    ]


def distinct(groups: Iterable[list[Asked]]) -> list[Asked]:
    """In order, each question (with its history) once: the first source names it."""
    seen: dict[str, Asked] = {}
    for group in groups:
        for asked in group:
            seen.setdefault(asked.key, asked)
    return list(seen.values())
