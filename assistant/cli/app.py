"""The `assistant` command group, its settings and its error handling."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.private_files import restrict_umask

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
