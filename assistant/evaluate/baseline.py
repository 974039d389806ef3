"""Per-question baselines: a question that passed in the committed baseline and fails now
is a regression, whatever the aggregate figures say.

`eval/baselines/<split>-<mode>.json` holds each question's outcome from a reviewed run.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
BASELINES = ROOT / "eval" / "baselines"


def baseline_path(split: str, mode: str) -> Path:
    return BASELINES / f"{split}-{mode}.json"


def write_baseline(path: Path, rows: Sequence[dict[str, Any]], summary: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "metrics": {k: v for k, v in summary.items() if k != "by_tag"},
        "passed": {row["id"]: bool(row["passed"]) for row in rows},
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")


def changed_figures(path: Path, summary: dict[str, Any]) -> list[str]:
    """Every summary figure the baseline records that differs now (latencies aside: they
    are the machine's). Evidence answers are deterministic, so a refactoring that changes
    no behaviour leaves every figure as it was; a change is rewritten on purpose with
    --write-baseline."""
    try:
        before: dict[str, Any] = json.loads(path.read_text("utf-8"))["metrics"]
    except (OSError, KeyError, json.JSONDecodeError) as exc:
        raise InputError(f"Cannot read the baseline {path}: {exc}") from exc
    return [
        f"summary figure {name} was {value} in the baseline and is {summary.get(name)} now"
        for name, value in before.items()
        if not name.startswith("latency") and summary.get(name) != value
    ]


def regressions(
    path: Path, rows: Sequence[dict[str, Any]], question_ids: Sequence[str]
) -> list[str]:
    """Questions that passed in the baseline and fail now. An id the baseline names that
    the question file no longer has is an error, never a silent skip."""
    try:
        before: dict[str, bool] = json.loads(path.read_text("utf-8"))["passed"]
    except (OSError, KeyError, json.JSONDecodeError) as exc:
        raise InputError(f"Cannot read the baseline {path}: {exc}") from exc
    gone = sorted(set(before) - set(question_ids))
    if gone:
        raise InputError(
            f"The baseline {path} names {len(gone)} question(s) the question file no longer "
            f"has: {', '.join(gone[:10])}. Rewrite the baseline with --write-baseline."
        )
    return [
        f"{row['id']} passed in the baseline and fails now"
        for row in rows
        if before.get(row["id"]) and not row["passed"]
    ]
