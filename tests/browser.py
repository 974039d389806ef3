"""Start the real app on a free loopback port and drive it with Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_app(
    index_dir: Path,
    feedback: Path,
    timeout: float = 180,
    on_start: Callable[[int], None] | None = None,
    **extra_env: str,
) -> Iterator[str]:
    port = free_port()
    env = dict(
        os.environ,
        ASSISTANT_INDEX_DIR=str(index_dir),
        ASSISTANT_PORT=str(port),
        ASSISTANT_FEEDBACK_PATH=str(feedback),
        **extra_env,
    )
    process = subprocess.Popen(
        [sys.executable, "app.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(
                    f"app.py exited early:\n{process.stdout.read() if process.stdout else ''}"
                )
            try:
                with urllib.request.urlopen(url, timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        if on_start is not None:
            on_start(process.pid)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        raise RuntimeError("Chromium is not installed: run scripts/setup.sh --dev")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


STATUS = "document.querySelector('#status').innerText"
FINAL = "checked against|could not be verified|don't cover|change the question"


def ask(page: Any, question: str, timeout_ms: int = 120_000) -> float:
    """Type and submit a question; wait for the final answer. Returns seconds to evidence."""
    before = page.locator("#chat .message").count()
    page.fill("#question textarea", question)
    started = time.perf_counter()
    page.click("#ask")
    page.wait_for_function(
        f"() => document.querySelectorAll('#chat .message').length >= {before + 2}",
        timeout=timeout_ms,
    )
    evidence = time.perf_counter() - started
    # The evidence step sets a new status (model writing, refused, or bad input) ...
    page.wait_for_function(
        f"() => /writing|Loading|don't cover|change the question/.test({STATUS})",
        timeout=timeout_ms,
    )
    # ... and the model step ends with a verdict.
    page.wait_for_function(
        f"() => /{FINAL}/.test({STATUS})",
        timeout=timeout_ms,
    )
    return evidence
