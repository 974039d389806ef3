"""What an ingest changed, in one line for staff."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.ingest.injection import flagged_summary


@dataclass(frozen=True)
class IngestReport:
    """What an ingest changed. `built` is False when nothing had changed."""

    version: str
    documents: int
    chunks: int
    seconds: float
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    embedded: int = 0
    built: bool = True
    flagged: tuple[str, ...] = ()  # passages that read like instructions to an AI

    def summary(self) -> str:
        return self._changes() + flagged_summary(self.flagged)

    def _changes(self) -> str:
        if not self.built:
            return (
                f"No change: {self.documents} document(s) as indexed; version {self.version} "
                f"stays live ({self.seconds:.1f} s)."
            )
        parts = [
            f"{label} {len(docs)} ({', '.join(docs)})" if docs else f"{label} 0"
            for label, docs in (
                ("added", self.added),
                ("changed", self.changed),
                ("removed", self.removed),
            )
        ]
        return (
            f"Indexed {self.documents} document(s) into {self.chunks} chunks in "
            f"{self.seconds:.1f} s: {'; '.join(parts)}; unchanged {len(self.unchanged)}; "
            f"{self.embedded} chunk(s) embedded. Live version: {self.version}."
        )
