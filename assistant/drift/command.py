"""`assistant drift`: which answers changed between two index versions, and why."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from assistant.config import Settings
from assistant.errors import AssistantError


@click.command("drift")
@click.option("--from", "before", help="Older version (default: the one before the live one).")
@click.option("--to", "after", help="Newer version (default: the live one).")
@click.option(
    "--mode", type=click.Choice(["evidence", "llm"]), default="evidence", show_default=True
)
@click.option(
    "--last", type=int, default=200, show_default=True, help="Answer-log records to replay."
)
@click.option(
    "--questions",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    multiple=True,
    help="Question files (eval JSONL) instead of the eval splits.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder for the run folders (default: eval/drift).",
)
@click.pass_obj
def drift(
    settings: Settings,
    before: str | None,
    after: str | None,
    mode: str,
    last: int,
    questions: tuple[Path, ...],
    out: Path | None,
) -> None:
    """Replay the eval questions and recent member questions on two index versions and
    report every answer that changed (drift.md, drift.html in a new run folder)."""
    from assistant.drift.run import DRIFT_DIR, gather, run_drift

    try:
        asked = gather(settings, last, questions)
        with click.progressbar(
            length=len(asked),
            label=f"drift ({mode})",
            show_pos=True,
            show_eta=True,
            file=sys.stderr,
        ) as bar:
            result = run_drift(
                settings,
                asked,
                before,
                after,
                mode,
                on_question=lambda done, total: bar.update(1),
                drift_dir=out or DRIFT_DIR,
            )
    except AssistantError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(exc.exit_code)
    click.echo(result.summary)
