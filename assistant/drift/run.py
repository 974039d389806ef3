"""Replay questions on two index versions and write the drift report of what changed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.audit import AnswerLog
from assistant.config import Settings
from assistant.drift.changes import Drift, Snapshot, compare, document_changes, failed, snapshot
from assistant.drift.questions import Asked, distinct, from_answer_log, from_question_file
from assistant.drift.report import drift_html, drift_markdown, summary_line
from assistant.embed.base import Embedder
from assistant.errors import AssistantError, IndexMissingError
from assistant.evaluate.runs import new_run_folder
from assistant.index.store import IndexStore
from assistant.pipeline import Assistant
from assistant.private_files import write_private

DRIFT_DIR = Path(__file__).resolve().parents[2] / "eval" / "drift"
OnQuestion = Callable[[int, int], None]


@dataclass(frozen=True)
class DriftRun:
    before: str
    after: str
    asked: int
    drifts: list[Drift]
    documents: dict[str, str]
    folder: Path
    summary: str


def default_versions(store: IndexStore) -> tuple[str, str]:
    """The version before the live one, and the live one."""
    names = [v["name"] for v in store.list_versions()]
    live = store.live_name()
    if live is None or live not in names:
        raise IndexMissingError("No live index: build it first with `assistant ingest`.")
    at = names.index(live)
    if at == 0:
        raise IndexMissingError(
            f"Version {live} is the only one kept: there is nothing to compare it with. "
            "Give --from VERSION (see `assistant index versions`)."
        )
    return names[at - 1], live


def eval_questions() -> list[Asked]:
    """Every split's questions (eval/splits.json); on the live corpus a question about a
    split's own extra documents simply refuses on both versions."""
    from assistant.evaluate.splits import load_splits

    return [a for s in load_splits().values() for a in from_question_file(s.questions, s.name)]


def gather(settings: Settings, last: int, question_files: Sequence[Path] = ()) -> list[Asked]:
    """Eval questions (or the given files instead), then the answer log's last `last`."""
    files = [from_question_file(p, p.stem) for p in question_files] or [eval_questions()]
    return distinct([*files, from_answer_log(settings.answer_log, last)])


def run_drift(
    settings: Settings,
    asked: Sequence[Asked],
    before: str | None = None,
    after: str | None = None,
    mode: str = "evidence",
    on_question: OnQuestion | None = None,
    drift_dir: Path = DRIFT_DIR,
    embedder: Embedder | None = None,
) -> DriftRun:
    """Ask every question on both versions (nothing is logged) and write drift.md and
    drift.html in a new folder under `drift_dir`."""
    if before is None or after is None:
        default_old, default_new = default_versions(IndexStore(settings.index_dir))
        before, after = before or default_old, after or default_new
    nowhere = AnswerLog(None)
    old = Assistant(settings, embedder=embedder, version=before, log=nowhere)
    new = Assistant(settings, version=after, log=nowhere, models=old.models)
    documents = document_changes(old.index.manifest, new.index.manifest)
    drifts = []
    for done, item in enumerate(asked, start=1):
        change = compare(
            item.question, item.source, replay(old, item, mode), replay(new, item, mode), documents
        )
        if change is not None:
            drifts.append(change)
        if on_question:
            on_question(done, len(asked))
    folder = new_run_folder(drift_dir, mode)
    summary = summary_line(before, after, len(asked), drifts, documents, folder)
    write_private(folder / "drift.md", drift_markdown(before, after, len(asked), drifts, documents))
    write_private(folder / "drift.html", drift_html(before, after, len(asked), drifts, documents))
    return DriftRun(before, after, len(asked), drifts, documents, folder, summary)


def replay(assistant: Assistant, item: Asked, mode: str) -> Snapshot:
    """The answer this version gives (not written to the answer log)."""
    try:
        evidence = assistant.evidence(item.question, item.turns())
        answer = evidence.answer
        if mode == "llm":
            for event in assistant.generate(evidence):
                if event.kind == "final" and event.answer is not None:
                    answer = event.answer
    except AssistantError as exc:
        return failed(str(exc))
    return snapshot(answer, evidence.index)
