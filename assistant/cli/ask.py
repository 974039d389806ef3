"""`assistant ask`: one question from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import click

from assistant.cli.app import handle_errors, main
from assistant.config import Settings
from assistant.errors import InputError
from assistant.pipeline import Assistant
from assistant.speakers import label
from assistant.types import Answer


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
