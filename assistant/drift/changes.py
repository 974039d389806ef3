"""What changed in one answer between two index versions, and which documents did it.

An answer is reduced to what a member would notice: refused or not, the figures it
states, the quotes it gives and the passages they come from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.cite.numbers import extract_figures
from assistant.index.store import LoadedIndex
from assistant.types import Answer

CAUSES = ("added", "edited", "removed", "other")
CAUSE_TITLES = {
    "added": "Document added",
    "edited": "Document edited",
    "removed": "Document removed",
    "other": "No cited document changed (the ranking moved)",
}


@dataclass(frozen=True)
class Snapshot:
    """One answer as replayed on one version."""

    refused: bool
    answer: str
    figures: tuple[str, ...]
    citations: tuple[dict[str, Any], ...]  # n, quote, chunk_id, doc_id, passage, hash, ...
    error: str = ""


def snapshot(answer: Answer, index: LoadedIndex) -> Snapshot:
    cited = []
    for c in answer.citations:
        chunk = index.chunks.get(c.chunk_id)
        cited.append(
            {
                "n": c.n,
                "quote": c.quote,
                "chunk_id": c.chunk_id,
                "doc_id": chunk.doc_id if chunk else "",
                "doc_title": c.doc_title,
                "section": c.section,
                "passage": c.passage,
                "hash": chunk.content_hash if chunk else "",
            }
        )
    figures = tuple(sorted({f.key for f in extract_figures(answer.answer)}))
    return Snapshot(answer.refused, answer.answer, figures, tuple(cited))


def failed(message: str) -> Snapshot:
    """A question this version could not answer at all (the reason is kept)."""
    return Snapshot(True, "", (), (), error=message)


@dataclass
class Drift:
    """One question whose answer changed: how, and the documents responsible."""

    question: str
    source: str
    before: Snapshot
    after: Snapshot
    kinds: list[str] = field(default_factory=list)
    documents: dict[str, str] = field(default_factory=dict)  # doc_id -> cause

    @property
    def cause(self) -> str:
        for cause in CAUSES[:-1]:
            if cause in self.documents.values():
                return cause
        return "other"


def document_changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, str]:
    """doc_id -> added / edited / removed, from the two manifests' documents and hashes."""
    old = {d["doc_id"]: d.get("fingerprint", d["content_hash"]) for d in before["documents"]}
    new = {d["doc_id"]: d.get("fingerprint", d["content_hash"]) for d in after["documents"]}
    changes = {doc: "added" for doc in new.keys() - old.keys()}
    changes.update({doc: "removed" for doc in old.keys() - new.keys()})
    changes.update({doc: "edited" for doc in old.keys() & new.keys() if old[doc] != new[doc]})
    return dict(sorted(changes.items()))


def compare(
    question: str, source: str, before: Snapshot, after: Snapshot, documents: dict[str, str]
) -> Drift | None:
    """The drift of one answer, or None when a member would get the same answer."""
    kinds = []
    if before.refused != after.refused:
        kinds.append("answered → refused" if after.refused else "refused → answered")
    elif not after.refused:
        if before.figures != after.figures:
            kinds.append("different figure")
        old_quotes = {c["quote"] for c in before.citations}
        new_quotes = {c["quote"] for c in after.citations}
        if old_quotes - new_quotes:
            kinds.append("quote removed or different")
        elif new_quotes - old_quotes:
            kinds.append("quote added")
        old_passages = {c["quote"]: c["hash"] for c in before.citations}
        if any(
            c["quote"] in old_passages and old_passages[c["quote"]] != c["hash"]
            for c in after.citations
        ):
            kinds.append("cited passage changed")
    if not kinds and before.answer != after.answer:
        kinds.append("answer text changed")
    if not kinds:
        return None
    cited = {c["doc_id"] for c in (*before.citations, *after.citations)}
    responsible = {doc: documents[doc] for doc in sorted(cited) if doc in documents}
    return Drift(question, source, before, after, kinds, responsible)


def responsible_passages(drift: Drift) -> list[tuple[dict[str, Any] | None, dict[str, Any] | None]]:
    """(before, after) citations from the responsible documents, paired by quote or
    position: the passages to read side by side."""

    def ours(snap: Snapshot) -> list[dict[str, Any]]:
        return [c for c in snap.citations if c["doc_id"] in drift.documents]

    old, new = ours(drift.before), ours(drift.after)
    pairs: list[tuple[dict[str, Any] | None, dict[str, Any] | None]] = []
    unmatched = list(new)
    for c in old:
        match = next((n for n in unmatched if n["chunk_id"] == c["chunk_id"]), None)
        match = match or next((n for n in unmatched if n["section"] == c["section"]), None)
        if match is not None:
            unmatched.remove(match)
        pairs.append((c, match))
    pairs += [(None, n) for n in unmatched]
    seen: set[tuple[str, str]] = set()
    shown = []
    for a, b in pairs:  # a row's cells are cited one by one: show its passage once
        key = (a["chunk_id"] if a else "", b["chunk_id"] if b else "")
        if key not in seen:
            seen.add(key)
            shown.append((a, b))
    return shown
