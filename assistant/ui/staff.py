"""Staff page (behind a login): add or replace documents, then run the eval suite."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from assistant.ingest.uploads import store_upload
from assistant.pipeline import Assistant


def upload_and_ingest(assistant: Assistant, files: list[str] | None, progress: Any = None) -> str:
    """Check and store every file, then ingest corpus + uploads; report what changed."""
    if not files:
        return "請先選擇文件 Choose at least one file."
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
            )
        except AssistantError as exc:
            lines.append(f"✗ {path.name}: {exc}")
            continue
        stored += 1
        lines.append(f"✓ {item.original_name} → {item.doc_id}")
    if stored:

        def report(stage: str, done: int, total: int) -> None:
            if progress is not None and total:
                progress(done / total, desc=f"{stage} {done}/{total}")

        try:
            result = assistant.ingest([settings.corpus_dir, settings.uploads_dir], progress=report)
            lines.append(result.summary())
        except (AssistantError, RuntimeError) as exc:
            lines.append(f"✗ Ingest stopped, the live index is unchanged: {exc}")
    return "\n".join(lines)


def run_eval(assistant: Assistant) -> str:
    """The evidence-mode eval against the committed thresholds and the previous run."""
    from assistant.evaluate.suite import ROOT, run_suite

    result = run_suite(
        assistant,
        ROOT / "eval" / "questions.jsonl",
        "evidence",
        ROOT / "eval" / "runs",
        ROOT / "eval" / "thresholds.json",
    )
    return result.report


def build_staff_ui(assistant: Assistant) -> Any:
    import gradio as gr

    with gr.Blocks(title="Staff · 文件管理") as staff:
        gr.Markdown("## 職員 · Staff: 文件更新與評估 Corpus updates and eval")
        files = gr.File(
            label="上載文件 Upload (.txt .md .pdf .docx .html)",
            file_count="multiple",
            file_types=[".txt", ".md", ".pdf", ".docx", ".html", ".htm"],
            elem_id="upload",
        )
        add = gr.Button("加入／更新 Add or replace", variant="primary", elem_id="add")
        changes = gr.Textbox(label="結果 Result", lines=8, elem_id="changes")
        evaluate = gr.Button("執行評估 Run eval", elem_id="run-eval")
        report = gr.Markdown(elem_id="eval-report")

        def on_add(paths: list[str] | None, progress: Any = gr.Progress()) -> str:  # noqa: B008
            return upload_and_ingest(assistant, paths, progress)

        add.click(on_add, files, changes, concurrency_limit=1, concurrency_id="ingest")
        evaluate.click(lambda: run_eval(assistant), None, report, concurrency_limit=1)
    staff.queue(max_size=4)
    return staff
