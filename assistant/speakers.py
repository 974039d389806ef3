"""How each speaker is labelled for people. Commentary is never presented as policy.

The speaker itself is declared by each document (its sidecar or the staff form)."""

from __future__ import annotations

from assistant.types import Speaker

LABELS: dict[Speaker, tuple[str, str]] = {
    "government": ("政府《藍圖》", "Government Blueprint"),
    "government_summary": (
        "《藍圖》摘要（廠商會附件）",
        "Blueprint, as summarised by the association",
    ),
    "association": ("廠商會評論（非政府政策）", "Association commentary, not government policy"),
    "other": ("其他機構文件（非政府政策）", "Another publisher, not government policy"),
    "uploaded": ("上載文件（來源未經核實）", "Uploaded document"),
    "unknown": ("來源未標明", "Unknown speaker"),
}


def label(speaker: Speaker, language: str = "both") -> str:
    chinese, english = LABELS[speaker]
    if language == "en":
        return english
    if language.startswith("zh"):
        return chinese
    return f"{chinese} {english}"
