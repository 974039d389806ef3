"""Command line: `assistant ingest`, `ask`, `eval`, `log`, `uploads`, `index`, `drift`.

One click group (cli/app.py); each module adds its nouns and verbs to it."""

from assistant.cli import ask, evaluate, index, log  # noqa: F401 - they register commands
from assistant.cli.app import main
from assistant.drift.command import drift

main.add_command(drift)

__all__ = ["main"]
