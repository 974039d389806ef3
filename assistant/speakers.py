"""How each speaker is labelled for people. Commentary is never presented as policy.

The speaker itself is declared by each document (its sidecar or the staff form)."""

from __future__ import annotations

from assistant.messages import SPEAKER_LABELS
from assistant.types import Speaker


def label(speaker: Speaker, language: str = "both") -> str:
    chinese, english = SPEAKER_LABELS[speaker]
    if language == "en":
        return english
    if language.startswith("zh"):
        return chinese
    return f"{chinese} {english}"
