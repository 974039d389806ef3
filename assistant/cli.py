"""Command line: `assistant ingest`, `assistant ask`, `assistant index info`."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from assistant.config import Settings
from assistant.drift.command import drift
from assistant.errors import AssistantError, IndexMissingError, InputError
from assistant.index.progress import IngestProgress
from assistant.ingest.uploads import indexed_sources, remove_upload, stored_uploads
from assistant.pipeline import Assistant
from assistant.private_files import restrict_umask
from assistant.speakers import label
from assistant.types import Answer

F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(func: F) -> F:
    """Turn our errors into a one-line message and the error's own exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except AssistantError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)

    return wrapper  # type: ignore[return-value]


@click.group()
@click.option(
    "--index-dir", type=click.Path(path_type=Path), help="Index folder (ASSISTANT_INDEX_DIR)."
)
@click.pass_context
def main(ctx: click.Context, index_dir: Path | None) -> None:
    """Answer questions about Hong Kong's I&T Blueprint from the documents, with exact quotes."""
    overrides: dict[str, Any] = {"index_dir": index_dir} if index_dir else {}
    ctx.obj = Settings(**overrides)
    restrict_umask()  # the index, logs and run folders are readable by this user only


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.pass_obj
@handle_errors
def ingest(settings: Settings, paths: tuple[Path, ...]) -> None:
    """Read, chunk and index documents (default: the corpus folder and the staff uploads)."""
    targets = list(paths)
    if not targets:
        targets, moved = indexed_sources(settings.corpus_dir, settings.uploads_dir)
        for line in moved:
            click.echo(f"quarantined  {line}", err=True)
    assistant = Assistant(settings)

    def on_file(path: Path) -> None:
        click.echo(f"reading  {path}", err=True)

    shown = IngestProgress()

    def progress(stage: str, done: int, total: int) -> None:
        line = shown.line(stage, done, total).ljust(72)  # covers a longer earlier line
        click.echo(f"\r{line}", err=True, nl=done == total)

    report = assistant.ingest(targets, progress=progress, on_file=on_file)
    click.echo(report.summary())


@main.command()
@click.argument("question")
@click.option(
    "--mode",
    type=click.Choice(["evidence", "llm"]),
    default="evidence",
    show_default=True,
    help="evidence: exact quotes, no model. llm: the local model writes a verified answer.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the JSON answer contract.")
@click.option(
    "--history",
    type=click.Path(path_type=Path, dir_okay=False),
    help="JSON list of {role, content} turns.",
)
@click.option(
    "--compare-speakers",
    is_flag=True,
    help="Two columns: the government's Blueprint and the association's commentary.",
)
@click.option(
    "--docx",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write the answer as a Word briefing to this file.",
)
@click.pass_obj
@handle_errors
def ask(
    settings: Settings,
    question: str,
    mode: str,
    as_json: bool,
    history: Path | None,
    compare_speakers: bool,
    docx: Path | None,
) -> None:
    """Answer QUESTION from the indexed documents."""
    turns = (
        read_history(history, settings.max_history_bytes, settings.max_history_turns)
        if history
        else []
    )
    assistant = Assistant(settings)
    if mode == "llm":
        assistant.llm(progress=model_progress)
    answer = None
    for event in assistant.stream(question, turns, mode=mode, compare=compare_speakers):
        if event.kind == "token" and not as_json:
            click.echo(event.text, nl=False, err=True)
        elif event.kind == "final":
            answer = event.answer
    assert answer is not None
    if mode == "llm" and not as_json:
        click.echo("", err=True)
    if answer.model_error:
        click.echo(f"Model unavailable: {answer.model_error}", err=True)
    if as_json:
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_answer(answer))
        click.echo(f"(answer id {answer.log_id}: assistant log show {answer.log_id})")
    if docx is not None:
        write_briefing(assistant, answer, docx)
        click.echo(f"Word briefing written to {docx}", err=True)


def write_briefing(assistant: Assistant, answer: Answer, path: Path) -> None:
    import time

    from assistant.export.briefing_docx import BriefingItem, briefing_docx

    index = assistant.version_named(answer.corpus_version)
    data = briefing_docx([BriefingItem(answer.to_dict(), index)], time.strftime("%Y-%m-%d"))
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise InputError(f"Cannot write {path}: {exc}. Choose another path.") from exc


def model_progress(stage: str, done: int, total: int) -> None:
    """Joining and verifying 1.1 GB takes seconds: show it, once per 10%."""
    step = max(total // 10, 1)
    if done == total or done // step != (done - (8 << 20)) // step:
        click.echo(f"model {stage}: {done * 100 // total}%", err=True)


@main.command("eval")
@click.option(
    "--mode", type=click.Choice(["evidence", "llm"]), default="evidence", show_default=True
)
@click.option(
    "--split",
    default="all",
    show_default=True,
    help="A split of eval/splits.json (dev: tuned on; test: held out, nothing may be "
    "chosen by looking at it; injection: planted instructions), or all.",
)
@click.option(
    "--questions",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="A question file of your own instead of the splits (runs on the live index).",
)
@click.option("--tags", default="", help="Comma-separated tags or languages to keep.")
@click.option("--limit", type=int, help="Run only the first N selected questions.")
@click.option(
    "--baseline",
    is_flag=False,
    flag_value="committed",
    default=None,
    help="Fail if any question that passed in the committed per-question baseline "
    "(eval/baselines/) fails now; or give a run folder to compare with.",
)
@click.option("--write-baseline", is_flag=True, help="Record this run as the committed baseline.")
@click.option(
    "--runs-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("eval/runs"),
    show_default=True,
)
@click.option(
    "--thresholds",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=Path("eval/thresholds.json"),
    show_default=True,
    help="Floors for the dev split (the test split is judged only per question).",
)
@click.option(
    "--compare-retrievers",
    is_flag=True,
    help="Report BM25-only, dense-only and hybrid for each embedder instead.",
)
@click.pass_obj
@handle_errors
def eval_command(
    settings: Settings,
    mode: str,
    split: str,
    questions: Path | None,
    tags: str,
    limit: int | None,
    baseline: str | None,
    write_baseline: bool,
    runs_dir: Path,
    thresholds: Path,
    compare_retrievers: bool,
) -> None:
    """Run the question splits through the real pipeline; exit 1 on a regression."""
    from assistant.evaluate.baseline import baseline_path
    from assistant.evaluate.questions import load_questions
    from assistant.evaluate.report import side_by_side
    from assistant.evaluate.retrievers import compare_retrievers as compare_methods
    from assistant.evaluate.splits import Split, assistant_for, load_splits
    from assistant.evaluate.suite import run_suite, select

    tag_list = [t.strip() for t in tags.split(",") if t.strip()]
    splits = load_splits()
    if questions is not None:
        chosen = [Split("custom", questions, ())]
    else:
        if split != "all" and split not in splits:
            raise InputError(f"--split {split}: use all or one of {', '.join(splits)}.")
        chosen = list(splits.values()) if split == "all" else [splits[split]]
    if compare_retrievers:
        click.echo(compare_methods(settings, chosen[0].questions, tag_list, limit))
        return
    if baseline not in (None, "committed") and not Path(str(baseline)).is_dir():
        raise InputError(f"--baseline {baseline}: no such run folder.")
    live = Assistant(settings)
    if mode == "llm":
        live.llm(progress=model_progress)
    results, failed = [], False
    for part in chosen:
        assistant = assistant_for(part, live)
        total = len(select(load_questions(part.questions), tag_list, limit))
        committed = baseline_path(part.name, mode) if baseline == "committed" else None
        with click.progressbar(
            length=total,
            label=f"eval {part.name} ({mode})",
            show_eta=True,
            show_pos=True,
            file=sys.stderr,
        ) as bar:
            result = run_suite(
                assistant,
                part.questions,
                mode,
                runs_dir,
                thresholds if part.name in ("dev", "custom") else None,
                tag_list,
                limit,
                Path(baseline) if baseline not in (None, "committed") else None,
                on_row=lambda row: bar.update(1),
                split=part.name,
                committed=committed,
                write_to=baseline_path(part.name, mode) if write_baseline else None,
            )
        click.echo(result.report)
        click.echo(f"Run saved in {result.folder}")
        results.append((part.name, result.summary))
        if result.breaches:
            failed = True
            click.echo(f"Regression ({part.name}): " + "; ".join(result.breaches), err=True)
    if len(results) > 1:
        click.echo(side_by_side(results))
    if failed:
        sys.exit(1)


@main.group("log")
def log_group() -> None:
    """Show or replay logged answers."""


@log_group.command("show")
@click.argument("answer_id")
@click.pass_obj
@handle_errors
def log_show(settings: Settings, answer_id: str) -> None:
    """Print a logged answer with its citations."""
    from assistant.audit import AnswerLog

    record = AnswerLog(settings.answer_log).get(answer_id)
    corpus = record["corpus"]["version"]
    click.echo(f"{record['id']}  {record['time']}  mode={record['mode']}  corpus={corpus}")
    click.echo(f"Q: {record['question']}")
    click.echo(record["answer"])
    for c in record["citations"]:
        click.echo(f"  [{c['n']}] {c['chunk_id']} ({c['content_hash'][:12]}) 「{c['quote']}」")


@log_group.command("replay")
@click.argument("answer_id")
@click.pass_obj
@handle_errors
def log_replay(settings: Settings, answer_id: str) -> None:
    """Ask a logged question again on its recorded corpus version; exit 1 if it differs."""
    from assistant.audit import AnswerLog
    from assistant.evaluate.runs import new_run_folder

    record = AnswerLog(settings.answer_log).get(answer_id)
    version = record["corpus"]["version"]
    if not (Assistant(settings).store.versions / version / "COMPLETE").exists():
        raise IndexMissingError(
            f"Version {version} of answer {answer_id} is no longer kept; it cannot be replayed."
        )
    folder = new_run_folder(settings.answer_log.parent / "replays", "replay")
    assistant = Assistant(settings, version=version).logging_to(folder / "answers.jsonl")
    again = assistant.ask(record["question"], record["history"], mode=record["mode"])
    same_text = again.answer == record["answer"]
    same_citations = [c.chunk_id for c in again.citations] == [
        c["chunk_id"] for c in record["citations"]
    ]
    click.echo(
        f"Replayed {answer_id} on version {version}: answer "
        f"{'matches' if same_text else 'DIFFERS'}; citations "
        f"{'match' if same_citations else 'DIFFER'}."
    )
    if not (same_text and same_citations):
        click.echo(f"now: {again.answer}", err=True)
        sys.exit(1)


@main.group("uploads")
def uploads_group() -> None:
    """List or remove staff uploads (removing one is how it leaves the index)."""


@uploads_group.command("list")
@click.pass_obj
def uploads_list(settings: Settings) -> None:
    """Every stored upload: its document id and stored file."""
    for item in stored_uploads(settings.uploads_dir):
        click.echo(f"{item.doc_id}\t{item.path.name}")


@uploads_group.command("remove")
@click.argument("name")
@click.pass_obj
@handle_errors
def uploads_remove(settings: Settings, name: str) -> None:
    """Delete upload NAME (its original file name), then re-index corpus + uploads."""
    removed = remove_upload(settings.uploads_dir, name)
    click.echo(f"Removed {removed.doc_id}.", err=True)
    targets, _ = indexed_sources(settings.corpus_dir, settings.uploads_dir)
    click.echo(Assistant(settings).ingest(targets).summary())


@main.group()
def index() -> None:
    """Inspect the index."""


@index.command("versions")
@click.pass_obj
@handle_errors
def index_versions(settings: Settings) -> None:
    """List index versions: date, documents, chunks, corpus hash; * marks the live one."""
    versions = Assistant(settings).versions()
    if not versions:
        raise IndexMissingError(f"No index at {settings.index_dir}. Build it: assistant ingest")
    for v in versions:
        mark = "*" if v["live"] else " "
        click.echo(
            f"{mark} {v['name']}  {v['created']}  {len(v['documents'])} doc(s)  "
            f"{v['chunk_count']} chunks  {v['corpus_hash'][:12]}"
        )


@index.command("rollback")
@click.argument("version", required=False)
@click.pass_obj
@handle_errors
def index_rollback(settings: Settings, version: str | None) -> None:
    """Make VERSION (default: the one before the live one) live again."""
    name = Assistant(settings).rollback(version)
    click.echo(f"Live version is now {name}.")


@index.command("info")
@click.pass_obj
@handle_errors
def index_info(settings: Settings) -> None:
    """Show the live index version, its embedder and documents."""
    assistant = Assistant(settings)
    manifest = assistant.index.manifest
    click.echo(json.dumps(manifest, ensure_ascii=False, indent=2))


def read_history(path: Path, max_bytes: int = 64_000, max_turns: int = 20) -> list[dict[str, str]]:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"{path}: the history is {size} bytes; the limit is {max_bytes} "
                "(ASSISTANT_MAX_HISTORY_BYTES). Keep only the last few turns."
            )
        turns = json.loads(path.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: cannot read history ({exc}). Give a JSON list.") from exc
    if not isinstance(turns, list) or not all(
        isinstance(t, dict) and isinstance(t.get("role"), str) and isinstance(t.get("content"), str)
        for t in turns
    ):
        raise InputError(
            f'{path}: history must be a JSON list of {{"role": ..., "content": ...}} objects.'
        )
    if len(turns) > max_turns:
        raise InputError(
            f"{path}: {len(turns)} turns; the limit is {max_turns} "
            "(ASSISTANT_MAX_HISTORY_TURNS). Keep only the last few turns."
        )
    return turns


def render_answer(answer: Answer) -> str:
    lines = [answer.answer, ""]
    for item in answer.unverified:
        lines.append(f"(unverified, not shown as fact) {item.sentence} — {item.reason}")
    for c in answer.citations:
        lines.append(f"[{c.n}] {c.doc_title} — {c.section or '(no section)'}")
        lines.append(f"    {label(c.speaker, 'en')}; characters {c.start}-{c.end}")
    return "\n".join(lines).rstrip()


main.add_command(drift)


if __name__ == "__main__":
    main()
