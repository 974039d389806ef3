"""Run folders under eval/runs/: written once, never overwritten, stamped for replay."""

from __future__ import annotations

import hashlib
import json
import subprocess
import time
from pathlib import Path
from typing import Any

from assistant.config import public_settings
from assistant.evaluate.runner import Row
from assistant.private_files import private_dir, write_private


def git_commit(root: Path) -> str:
    """HEAD's commit, with '+dirty' when the work tree has changes; 'unknown' outside git."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head}+dirty" if dirty else head


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def new_run_folder(runs_dir: Path, mode: str) -> Path:
    """A fresh folder named by time and mode; an existing name is never reused."""
    if not runs_dir.exists():
        private_dir(runs_dir)
    base = f"{time.strftime('%Y%m%dT%H%M%S')}-{mode}"
    for attempt in range(100):
        folder = runs_dir / (base if attempt == 0 else f"{base}-{attempt}")
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue
        return folder
    raise RuntimeError(f"Could not create a new run folder in {runs_dir}")


def write_run(
    folder: Path, rows: list[Row], summary: dict[str, Any], stamp: dict[str, Any]
) -> None:
    """Results and summary, private (0600); the stamp keeps only allow-listed settings."""
    results = "".join(json.dumps(row.to_dict(), ensure_ascii=False) + "\n" for row in rows)
    write_private(folder / "results.jsonl", results)
    if "settings" in stamp:
        stamp = {**stamp, "settings": public_settings(stamp["settings"])}
    payload = {"stamp": stamp, "metrics": summary}
    write_private(folder / "summary.json", json.dumps(payload, ensure_ascii=False, indent=2))


def read_run(folder: Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    rows = [
        json.loads(line)
        for line in (folder / "results.jsonl").read_text("utf-8").splitlines()
        if line.strip()
    ]
    return rows, json.loads((folder / "summary.json").read_text("utf-8"))


def previous_run(runs_dir: Path, mode: str, exclude: Path, split: str = "") -> Path | None:
    """The newest completed run of the same mode (and split), other than `exclude`."""
    if not runs_dir.exists():
        return None
    candidates = [
        folder
        for folder in runs_dir.iterdir()
        if folder != exclude
        and (folder / "summary.json").exists()
        and _stamp(folder).get("mode") == mode
        and (not split or _stamp(folder).get("split", "dev") == split)
    ]
    return max(candidates, key=lambda f: f.name) if candidates else None


def _stamp(folder: Path) -> dict[str, Any]:
    stamp: dict[str, Any] = json.loads((folder / "summary.json").read_text("utf-8"))["stamp"]
    return stamp
