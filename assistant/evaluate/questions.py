"""The reviewable question set (JSONL), checked against a small schema on load."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import InputError

LANGUAGES = ("zh-Hant", "zh-Hans", "en")
SPEAKERS = ("government", "government_summary", "association", "other", "uploaded")
FIELDS = {
    "id",
    "question",
    "lang",
    "tags",
    "anchor",
    "refuse",
    "expect",
    "history",
    "speaker",
    "absent",
}


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    lang: str
    tags: tuple[str, ...]
    anchor: str | None = None
    refuse: bool = False
    expect: tuple[str, ...] = ()
    history: tuple[dict[str, str], ...] = field(default_factory=tuple)
    speaker: str | None = None
    absent: tuple[str, ...] = ()  # claims planted in a document: never in any answer


def load_questions(path: Path) -> list[Question]:
    """Parse and validate every line; report all problems at once, with line numbers."""
    problems: list[str] = []
    questions: list[Question] = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {number}: not JSON ({exc.msg})")
            continue
        error = _check(item, seen)
        if error:
            problems.append(f"line {number}: {error}")
            continue
        seen.add(item["id"])
        questions.append(
            Question(
                id=item["id"],
                question=item["question"],
                lang=item["lang"],
                tags=tuple(item.get("tags", [])),
                anchor=item.get("anchor"),
                refuse=bool(item.get("refuse", False)),
                expect=tuple(item.get("expect", [])),
                history=tuple(item.get("history", [])),
                speaker=item.get("speaker"),
                absent=tuple(item.get("absent", [])),
            )
        )
    if problems:
        raise InputError(f"{path} has {len(problems)} problem(s):\n" + "\n".join(problems))
    return questions


def _check(item: object, seen: set[str]) -> str | None:
    if not isinstance(item, dict):
        return "each line must be a JSON object"
    for key in ("id", "question", "lang"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            return f"'{key}' must be a non-empty string"
    if item["id"] in seen:
        return f"duplicate id '{item['id']}'"
    if item["lang"] not in LANGUAGES:
        return f"'lang' must be one of {', '.join(LANGUAGES)}"
    if bool(item.get("refuse")) == bool(item.get("anchor")):
        return "give exactly one of 'anchor' (gold evidence text) or 'refuse': true"
    if item.get("anchor") and not item.get("expect"):
        return "an answerable question needs 'expect' facts"
    if item.get("speaker") not in (None, *SPEAKERS):
        return f"'speaker' must be one of {', '.join(SPEAKERS)}"
    history = item.get("history", [])
    if not isinstance(history, list) or not all(
        isinstance(t, dict)
        and t.get("role") in ("user", "assistant")
        and isinstance(t.get("content"), str)
        for t in history
    ):
        return "'history' must be a list of {role: user|assistant, content: text}"
    unknown = set(item) - FIELDS
    if unknown:
        return f"unknown field(s): {', '.join(sorted(unknown))}"
    return None
