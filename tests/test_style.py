"""The house style is part of the build: ruff and mypy must pass."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "."],
        ["ruff", "format", "--check", "."],
        ["mypy", "assistant", "app.py", "tests", "bench"],
    ],
)
def test_linters_pass(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


MAX_MODULE_LINES = 300
MAX_CLASS_LINES = 150
# Over the limits while issue 16 reshapes the index store; remove once it is split.
NOT_YET: set[str] = set()


def _sizes() -> tuple[dict[str, int], dict[str, int]]:
    import ast

    modules, classes = {}, {}
    for path in sorted((ROOT / "assistant").rglob("*.py")):
        name = str(path.relative_to(ROOT))
        source = path.read_text("utf-8")
        modules[name] = len(source.splitlines())
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ClassDef) and node.end_lineno is not None:
                classes[f"{name}:{node.name}"] = node.end_lineno - node.lineno + 1
    return modules, classes


def test_modules_and_classes_stay_small() -> None:
    """A module a newcomer reads in one sitting: at most 300 lines; a class, 150."""
    modules, classes = _sizes()
    big = [f"{m} ({n} lines)" for m, n in modules.items() if n > MAX_MODULE_LINES]
    big += [f"{c} ({n} lines)" for c, n in classes.items() if n > MAX_CLASS_LINES]
    assert [b for b in big if b.split(":")[0].split(" ")[0] not in NOT_YET] == []
    # An exception that is no longer needed is removed, not kept "just in case".
    for name in NOT_YET:
        assert any(b.startswith(name) for b in big), f"{name} is within the limits now"
