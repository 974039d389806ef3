"""`assistant log show|replay`: logged answers."""

from __future__ import annotations

import sys

import click

from assistant.cli.app import handle_errors, main
from assistant.config import Settings
from assistant.errors import IndexMissingError
from assistant.pipeline import Assistant


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
