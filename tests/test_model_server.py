"""The OpenAI-compatible client against a real `python -m llama_cpp.server` on loopback."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import ModelUnavailableError
from assistant.generate.model_files import QWEN_CODER_15B, ensure_model_file
from assistant.generate.openai_server import OpenAICompatibleModel
from assistant.pipeline import Assistant
from assistant.ui import handlers
from tests.servers import llama_server

pytestmark = pytest.mark.slow
QUESTION = "2027年製造業佔GDP的目標係幾多？"


@pytest.fixture(scope="module")
def model_path() -> Path:
    return ensure_model_file(QWEN_CODER_15B, Settings().model_cache_dir)


def server_assistant(index_dir: Path, base_url: str, timeout: float = 60) -> Assistant:
    return Assistant(
        Settings(
            index_dir=index_dir,
            llm_backend="openai",
            llm_base_url=base_url,
            llm_server_model="local",
            llm_timeout_s=timeout,
        )
    )


def test_answers_stream_through_the_server_and_are_verified(
    index_dir: Path, model_path: Path
) -> None:
    with llama_server(model_path) as (base_url, _):
        assistant = server_assistant(index_dir, base_url)
        events = list(assistant.stream(QUESTION, mode="llm"))
    tokens = [e for e in events if e.kind == "token"]
    final = events[-1].answer
    assert len(tokens) >= 2 and final is not None
    assert final.mode == "llm" and not final.model_error
    assert "1.5%" in final.answer and "[1]" in final.answer
    assert final.timings["ttft_s"] > 0


def test_server_killed_mid_stream_gives_evidence_and_a_clear_error(
    index_dir: Path, model_path: Path
) -> None:
    with llama_server(model_path) as (base_url, process):
        assistant = server_assistant(index_dir, base_url, timeout=20)
        evidence = assistant.evidence(QUESTION)
        stream = assistant.generate(evidence)
        first = next(stream)
        assert first.kind == "evidence"
        process.send_signal(signal.SIGKILL)
        started = time.monotonic()
        final = [e for e in stream if e.kind == "final"][-1].answer
        assert time.monotonic() - started < 30  # no hang
    assert final is not None and final.model_error
    assert "stopped mid-answer" in final.model_error or "Cannot reach" in final.model_error
    assert "1.5%" in final.answer and final.answer.startswith("（模型服務暫時無法使用")
    # The chat keeps serving: the next question still gets its evidence.
    chat, _, _, status, _ = handlers.ask(assistant, "策略三是什麼？", [], handlers.Session())
    assert "策略三" in chat[-1]["content"] and "Evidence found" in status


def test_unreachable_server_is_a_clear_error_not_a_hang() -> None:
    model = OpenAICompatibleModel("http://127.0.0.1:9/v1", "local", timeout=5, connect_timeout=2)
    started = time.monotonic()
    with pytest.raises(ModelUnavailableError, match="Cannot reach the model server"):
        list(model.stream([{"role": "user", "content": "hi"}], 5))
    assert time.monotonic() - started < 10
