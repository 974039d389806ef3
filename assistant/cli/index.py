"""`assistant ingest`, `uploads` and `index`: what the assistant answers from."""

from __future__ import annotations

import json
from pathlib import Path

import click

from assistant.cli.app import handle_errors, main
from assistant.config import Settings
from assistant.errors import IndexMissingError
from assistant.index.progress import IngestProgress
from assistant.ingest.uploads import indexed_sources, remove_upload, stored_uploads
from assistant.pipeline import Assistant


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
