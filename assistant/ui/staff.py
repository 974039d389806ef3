"""Staff page (behind a login): add, replace or remove documents, then run the eval suite."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from assistant.index.progress import IngestProgress
from assistant.ingest.uploads import (
    Declaration,
    indexed_sources,
    remove_upload,
    store_upload,
    stored_uploads,
)
from assistant.messages import STAFF
from assistant.pipeline import Assistant
from assistant.speakers import label
from assistant.types import SPEAKERS

SPEAKER_CHOICES = [(label(s), s) for s in SPEAKERS if s != "unknown"]  # type: ignore[arg-type]


def upload_and_ingest(
    assistant: Assistant,
    files: list[str] | None,
    progress: Any = None,
    declaration: Declaration | None = None,
) -> str:
    """Check and store every file, then ingest corpus + uploads; report what changed.

    A file that fails a check is not kept, and never stops the others."""
    if not files:
        return STAFF["choose_files"]
    settings = assistant.settings
    lines, stored = [], 0
    for name in files:
        path = Path(name)
        try:
            item = store_upload(
                path,
                path.name,
                settings.uploads_dir,
                settings.max_file_bytes,
                settings.parse_timeout_s,
                declaration,
            )
        except AssistantError as exc:
            lines.append(f"✗ {path.name}: {exc}")
            continue
        stored += 1
        lines.append(f"✓ {item.original_name} → {item.doc_id}")
    if stored:
        lines.append(reindex(assistant, progress))
    return "\n".join(lines)


def remove_and_ingest(assistant: Assistant, name: str | None, progress: Any = None) -> str:
    """Delete one upload, then re-index: the one way an upload leaves the index."""
    if not name:
        return STAFF["choose_upload"]
    try:
        removed = remove_upload(assistant.settings.uploads_dir, name)
    except AssistantError as exc:
        return f"✗ {exc}"
    return f"✓ removed {removed.doc_id}\n{reindex(assistant, progress)}"


def reindex(assistant: Assistant, progress: Any = None) -> str:
    settings = assistant.settings

    shown = IngestProgress()

    def report(stage: str, done: int, total: int) -> None:
        if progress is not None and total:
            progress(done / total, desc=shown.line(stage, done, total))

    sources, moved = indexed_sources(settings.corpus_dir, settings.uploads_dir)
    lines = [f"⚠ quarantined {line}" for line in moved]
    try:
        lines.append(assistant.ingest(sources, progress=report).summary())
    except (AssistantError, RuntimeError) as exc:
        lines.append(f"✗ Ingest stopped, the live index is unchanged: {exc}")
    return "\n".join(lines)


def upload_names(assistant: Assistant) -> list[str]:
    return [item.original_name for item in stored_uploads(assistant.settings.uploads_dir)]


def run_eval(assistant: Assistant) -> str:
    """Both splits in evidence mode, each question against its committed baseline: what
    changed since the reviewed run, and the held-out split beside the tuned one."""
    from assistant.evaluate.baseline import baseline_path
    from assistant.evaluate.report import side_by_side, without_questions
    from assistant.evaluate.splits import load_splits, split_assistants
    from assistant.evaluate.suite import ROOT, run_suite

    reports, results = [], []
    try:
        chosen = list(split_assistants(list(load_splits().values()), assistant))
    except AssistantError as exc:
        return f"✗ Eval not run: {exc}"
    for split, split_assistant in chosen:
        result = run_suite(
            split_assistant,
            split.questions,
            "evidence",
            ROOT / "eval" / "runs",
            ROOT / "eval" / "thresholds.json" if split.name == "dev" else None,
            split=split.name,
            committed=baseline_path(split.name, "evidence"),
        )
        shown = without_questions(result.report) if split.held_out else result.report
        reports.append(f"# {split.name}\n\n{shown}")
        results.append((split.name, result.summary))
    return side_by_side(results) + "\n\n" + "\n\n".join(reports)


def run_drift_report(assistant: Assistant, progress: Any = None) -> tuple[str, str | None]:
    """After an update: which answers members would now get differently (previous live
    version against the current one). Returns the summary and the HTML report's path."""
    from assistant.drift.run import gather, run_drift

    settings = assistant.settings
    files = [Path(p.strip()) for p in settings.drift_questions.split(",") if p.strip()]

    def report(done: int, total: int) -> None:
        if progress is not None:
            progress(done / total, desc=f"drift {done}/{total}")

    try:
        asked = gather(settings, settings.drift_last, files)
        result = run_drift(settings, asked, on_question=report, embedder=assistant.embedder)
    except AssistantError as exc:
        return f"✗ Drift report not made: {exc}", None
    return result.summary, str(result.folder / "drift.html")


def build_staff_ui(assistant: Assistant) -> Any:
    import gradio as gr

    with gr.Blocks(title=STAFF["title"]) as staff:
        gr.Markdown(STAFF["heading"])
        files = gr.File(
            label=STAFF["upload"],
            file_count="multiple",
            file_types=[".txt", ".md", ".pdf", ".docx", ".html", ".htm"],
            elem_id="upload",
        )
        with gr.Row():
            speaker = gr.Dropdown(
                SPEAKER_CHOICES, value="uploaded", label=STAFF["speaker"], elem_id="speaker"
            )
            title = gr.Textbox(label=STAFF["doc_title"], elem_id="title")
            publisher = gr.Textbox(label=STAFF["publisher"], elem_id="publisher")
            date = gr.Textbox(label=STAFF["date"], elem_id="date")
        add = gr.Button(STAFF["add"], variant="primary", elem_id="add")
        with gr.Row():
            chosen = gr.Dropdown(upload_names(assistant), label=STAFF["uploads"], elem_id="uploads")
            remove = gr.Button(STAFF["remove"], variant="stop", elem_id="remove")
        changes = gr.Textbox(label=STAFF["result"], lines=8, elem_id="changes")
        with gr.Group():
            drift_summary = gr.Markdown("", elem_id="drift-summary")
            drift_report = gr.File(label=STAFF["drift_report"], elem_id="drift-report")
        evaluate = gr.Button(STAFF["run_eval"], elem_id="run-eval")
        report = gr.Markdown(elem_id="eval-report")

        def on_add(
            paths: list[str] | None,
            speaker: str,
            title: str,
            publisher: str,
            date: str,
            progress: Any = gr.Progress(),  # noqa: B008
        ) -> tuple[str, Any]:
            declared = Declaration(speaker or "uploaded", title or "", publisher or "", date or "")
            result = upload_and_ingest(assistant, paths, progress, declared)
            return result, gr.Dropdown(choices=upload_names(assistant))

        def on_remove(name: str | None, progress: Any = gr.Progress()) -> tuple[str, Any]:  # noqa: B008
            result = remove_and_ingest(assistant, name, progress)
            return result, gr.Dropdown(choices=upload_names(assistant), value=None)

        def on_drift(result: str, progress: Any = gr.Progress()) -> tuple[str, Any]:  # noqa: B008
            if "Live version:" not in result:  # nothing was indexed: nothing can have drifted
                return "", None
            summary, path = run_drift_report(assistant, progress)
            shown = f"{STAFF['drift']} {summary}" if path else summary
            return shown, path

        drift_step: dict[str, Any] = dict(
            fn=on_drift,
            inputs=changes,
            outputs=[drift_summary, drift_report],
            concurrency_limit=1,
            concurrency_id="ingest",
        )
        add.click(
            on_add,
            [files, speaker, title, publisher, date],
            [changes, chosen],
            concurrency_limit=1,
            concurrency_id="ingest",
        ).then(**drift_step)
        remove.click(
            on_remove, chosen, [changes, chosen], concurrency_limit=1, concurrency_id="ingest"
        ).then(**drift_step)
        evaluate.click(lambda: run_eval(assistant), None, report, concurrency_limit=1)
    staff.queue(max_size=4)
    return staff
