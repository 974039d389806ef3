"""`assistant eval`: run the set, write the run folder, compare, judge against thresholds."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.evaluate.baseline import changed_figures, regressions, write_baseline
from assistant.evaluate.compare import Comparison, check_thresholds, compare_runs
from assistant.evaluate.questions import Question, load_questions
from assistant.evaluate.report import write_reports
from assistant.evaluate.runner import Row, run_questions, summarise
from assistant.evaluate.runs import (
    file_sha256,
    git_commit,
    new_run_folder,
    previous_run,
    read_run,
    write_run,
)
from assistant.generate.prompt import PROMPT_VERSION
from assistant.pipeline import Assistant

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class SuiteResult:
    folder: Path
    summary: dict[str, Any]
    comparison: Comparison | None
    breaches: list[str]
    report: str


def select(questions: Sequence[Question], tags: Sequence[str], limit: int | None) -> list[Question]:
    chosen = [q for q in questions if not tags or set(tags) & (set(q.tags) | {q.lang})]
    return chosen[:limit] if limit else chosen


def stamp_for(
    assistant: Assistant, mode: str, questions_path: Path, filters: dict[str, Any], run: str
) -> dict[str, Any]:
    manifest = assistant.index.manifest
    llm_id, llm_sha = assistant.settings.llm_model, ""
    if mode == "llm":
        model = assistant.llm()
        llm_id, llm_sha = model.id, model.file_hash
    return {
        "run": run,
        "mode": mode,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "corpus": {
            "hash": manifest["corpus_hash"],
            "version": manifest["name"],
            "documents": [d["doc_id"] for d in manifest["documents"]],
        },
        "models": {
            "embedder": manifest["embedder"]["id"],
            "embedder_dimension": manifest["embedder"]["dimension"],
            "llm": llm_id,
            "llm_sha256": llm_sha,
        },
        "prompt_version": PROMPT_VERSION,
        "settings": assistant.settings.model_dump(mode="json"),
        "git_commit": git_commit(ROOT),
        "questions": {"path": str(questions_path), "sha256": file_sha256(questions_path)},
        "filters": filters,
    }


def run_suite(
    assistant: Assistant,
    questions_path: Path,
    mode: str,
    runs_dir: Path,
    thresholds_path: Path | None,
    tags: Sequence[str] = (),
    limit: int | None = None,
    baseline: Path | None = None,
    on_row: Callable[[Row], None] | None = None,
    split: str = "dev",
    committed: Path | None = None,
    write_to: Path | None = None,
) -> SuiteResult:
    """Run one split. `committed`: a per-question baseline to hold (any question that
    passed there and fails now is a breach); `write_to`: record this run as one."""
    every = load_questions(questions_path)
    questions = select(every, tags, limit)
    if mode == "llm":
        assistant.llm()  # load before timing the first question
    folder = new_run_folder(runs_dir, mode)
    # The run's answers are logged in its own folder, never in the members' log.
    rows = run_questions(assistant.logging_to(folder / "answers.jsonl"), questions, mode, on_row)
    summary = summarise(rows)
    filters = {"tags": list(tags), "limit": limit}
    stamp = stamp_for(assistant, mode, questions_path, filters, folder.name)
    stamp["split"] = split
    write_run(folder, rows, summary, stamp)
    base = baseline or previous_run(runs_dir, mode, exclude=folder, split=split)
    comparison = None
    if base is not None:
        base_rows, base_summary = read_run(base)
        current = [r.to_dict() for r in rows]
        comparison = compare_runs(current, summary, base_rows, base_summary["metrics"], base.name)
    thresholds = json.loads(thresholds_path.read_text("utf-8")) if thresholds_path else {}
    breaches = check_thresholds(summary, mode, thresholds, comparison)
    current = [r.to_dict() for r in rows]
    if committed is not None:
        breaches += regressions(committed, current, [q.id for q in every])
        if mode == "evidence" and not tags and not limit:  # the whole split, deterministic
            breaches += changed_figures(committed, summary)
    if write_to is not None:
        write_baseline(write_to, current, summary)
    report = write_reports(folder, rows, summary, stamp, comparison, breaches)
    return SuiteResult(folder, summary, comparison, breaches, report)
