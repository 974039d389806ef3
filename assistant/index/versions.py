"""The version folders of an index root: which is live, which are complete, switching
the live pointer atomically, and removing what a crash or pruning leaves behind."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from assistant.errors import IndexMissingError
from assistant.index.documents import MANIFEST, flagged_in_records
from assistant.index.vectors import ChromaServer, VectorIndex

COMPLETE = "COMPLETE"


class VersionFolders:
    """`<root>/versions/<name>/` folders and the `<root>/LIVE` pointer."""

    root: Path
    versions: Path
    server: ChromaServer | None

    def live_name(self) -> str | None:
        pointer = self.root / "LIVE"
        return pointer.read_text().strip() if pointer.exists() else None

    def manifest(self, name: str) -> dict[str, Any]:
        return dict(json.loads((self.versions / name / MANIFEST).read_text("utf-8")))

    def list_versions(self) -> list[dict[str, Any]]:
        """Complete versions, oldest first, each with `live` set for the one serving."""
        if not self.versions.exists():
            return []
        live = self.live_name()
        found = []
        for folder in sorted(self.versions.iterdir()):
            if (folder / COMPLETE).exists():
                manifest = self.manifest(folder.name)
                manifest["live"] = folder.name == live
                found.append(manifest)
        return found

    def rollback(self, name: str | None = None) -> str:
        """Point LIVE at `name`, or at the version before the live one."""
        versions = [v["name"] for v in self.list_versions()]
        live = self.live_name()
        if name is None:
            if live not in versions or versions.index(live) == 0:
                raise IndexMissingError("There is no earlier version to roll back to.")
            name = versions[versions.index(live) - 1]
        if name not in versions:
            raise IndexMissingError(
                f"No complete version '{name}'. See `assistant index versions`."
            )
        self._point_live_at(name)
        return name

    def _point_live_at(self, name: str) -> None:
        tmp = self.root / f".LIVE.{os.getpid()}"
        tmp.write_text(name + "\n")
        os.replace(tmp, self.root / "LIVE")

    def _remove_incomplete(self) -> None:
        if not self.versions.exists():
            return
        for folder in self.versions.iterdir():
            if folder.is_dir() and not (folder / COMPLETE).exists():
                self._remove_version(folder)

    def _remove_version(self, folder: Path) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        if self.server is not None:  # a version built before segments had a collection
            VectorIndex.drop(None, self.server, f"chunks-{folder.name}")

    def _named_segments(self) -> set[str]:
        """Segments some complete version names."""
        if not self.versions.exists():
            return set()
        return {
            part["id"]
            for folder in self.versions.iterdir()
            if (folder / COMPLETE).exists()
            for part in self.manifest(folder.name).get("segments", [])
        }

    def flagged(self, name: str) -> tuple[str, ...]:
        """Report lines for the passages of version `name` flagged as instructions."""
        manifest = self.manifest(name)
        if "flagged" in manifest:  # recorded at build: a no-change ingest reads no chunks
            return tuple(f["line"] if isinstance(f, dict) else f for f in manifest["flagged"])
        return flagged_in_records(self.versions / name / "chunks.jsonl")  # older versions
