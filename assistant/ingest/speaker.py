"""Who is speaking in a passage: what the document declares, never a guess from its text.

Commentary must never be presented as policy, and a document that merely mentions the
government must never be labelled as the government's. So the speaker comes from the
document's declaration (its sidecar, or the staff upload form) and is recorded on every
chunk; a document that declares nothing is "unknown".
"""

from __future__ import annotations

from assistant.types import Document, Speaker


def document_speaker(doc: Document) -> Speaker:
    """The declared speaker of a document's body."""
    return doc.speaker


def section_speaker(doc: Document, heading: str) -> Speaker | None:
    """The declared speaker of the part a heading opens (e.g. an annex that summarises the
    Blueprint), or None when the heading declares no change."""
    title = heading.strip()
    for prefix, speaker in doc.sections:
        if title.startswith(prefix):
            return speaker
    return None
