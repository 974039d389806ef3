"""Real servers on free loopback ports, for tests: llama_cpp.server and Chroma."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from tests.browser import free_port


def log_file() -> IO[str]:
    """Server output goes to a file: an unread pipe fills up and blocks the server."""
    return tempfile.NamedTemporaryFile("w+", prefix="server-", suffix=".log", delete=False)


def wait_for(url: str, process: subprocess.Popen[str], timeout: float, log: IO[str]) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early:\n{Path(log.name).read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def llama_server(model_path: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """`python -m llama_cpp.server` with the offline model; yields (base URL, process)."""
    port = free_port()
    log = log_file()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(model_path),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "2048",
            "--n_threads",
            "2",
            "--model_alias",
            "local",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/v1/models", process, 120, log)
        yield f"http://127.0.0.1:{port}/v1", process
    finally:
        stop(process)


@contextmanager
def chroma_server(path: Path) -> Iterator[tuple[str, int]]:
    """Chroma's own `chroma run` on loopback; yields (host, port)."""
    port = free_port()
    chroma = Path(sys.executable).with_name("chroma")
    log = log_file()
    process = subprocess.Popen(
        [str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/api/v2/heartbeat", process, 60, log)
        yield "127.0.0.1", port
    finally:
        stop(process)
