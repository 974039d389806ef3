"""How each speaker is labelled for people. Commentary is never presented as policy.

The speaker itself is declared by each document (its sidecar or the staff form). Without
the index's declared names a label names the kind of speaker only; with them (the answer
path has them) it names the sides as the documents do: 「政府《藍圖》」.
"""

from __future__ import annotations

from assistant.messages import NAMED_SPEAKER_LABELS, SPEAKER_LABELS
from assistant.names import CorpusNames
from assistant.types import Speaker


def label(speaker: Speaker, language: str = "both", names: CorpusNames | None = None) -> str:
    chinese, english = SPEAKER_LABELS[speaker]
    if names is not None and speaker in NAMED_SPEAKER_LABELS:
        named_zh, named_en = NAMED_SPEAKER_LABELS[speaker]
        zh = "zh-Hans" if language == "zh-Hans" else "zh-Hant"
        chinese = named_zh.format(**names.sides(zh))
        english = named_en.format(**names.sides("en"))
    if language == "en":
        return english
    if language.startswith("zh"):
        return chinese
    return f"{chinese} {english}"
