"""`assistant eval`: the question splits through the real pipeline."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from assistant.cli.app import handle_errors, main
from assistant.cli.ask import model_progress
from assistant.config import Settings
from assistant.errors import InputError
from assistant.pipeline import Assistant


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
    from assistant.evaluate.report import side_by_side, without_questions
    from assistant.evaluate.retrievers import compare_retrievers as compare_methods
    from assistant.evaluate.splits import Split, load_splits, split_assistants
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
    for part, assistant in split_assistants(chosen, live):
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
        if part.held_out:
            click.echo(without_questions(result.report))
            click.echo(
                f"Held out: the questions that did not pass are listed only in "
                f"{result.folder / 'report.md'}, for reporting; choose nothing by them."
            )
        else:
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
