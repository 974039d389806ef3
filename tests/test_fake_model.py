"""Every fallback and error branch of the model path, through the real wiring, with the
scripted model (`ASSISTANT_LLM_BACKEND=fake`): fast and the same every run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.audit import AnswerLog
from assistant.cli import main
from assistant.config import Settings
from assistant.messages import FALLBACK, MODEL_DOWN
from assistant.pipeline import Assistant
from assistant.types import Answer

TARGET = "2027年製造業佔GDP的目標係幾多？"


def ask_fake(index_dir: Path, tmp_path: Path, behaviour: str, **settings: float) -> Answer:
    log = tmp_path / "answers.jsonl"
    assistant = Assistant(
        Settings(
            index_dir=index_dir,
            llm_backend="fake",
            llm_model=behaviour,
            answer_log=log,
            **settings,  # type: ignore[arg-type]
        )
    )
    answer = assistant.ask(TARGET, mode="llm")
    record = AnswerLog(log).get(answer.log_id)  # logged once, by the Answerer
    assert record["llm"]["id"] == f"fake:{behaviour}"
    assert len(log.read_text("utf-8").splitlines()) == 1
    return answer


def test_a_verifiable_model_answer_is_kept(index_dir: Path, tmp_path: Path) -> None:
    answer = ask_fake(index_dir, tmp_path, "quote")
    assert answer.mode == "llm" and not answer.fell_back and not answer.model_error
    assert "[1]" in answer.answer and answer.unverified == ()


@pytest.mark.parametrize("behaviour", ["down", "cut"])
def test_a_model_that_fails_shows_the_evidence_with_the_reason(
    index_dir: Path, tmp_path: Path, behaviour: str
) -> None:
    answer = ask_fake(index_dir, tmp_path, behaviour)
    assert answer.fell_back and "fake model" in answer.model_error
    assert answer.answer.startswith(MODEL_DOWN["zh-Hant"])
    assert "1.5%" in answer.answer  # the verified evidence is still shown
    assert answer.raw_model_output == ("" if behaviour == "down" else "The documents say")


def test_a_model_that_hangs_times_out_into_the_evidence(index_dir: Path, tmp_path: Path) -> None:
    answer = ask_fake(index_dir, tmp_path, "timeout", llm_timeout_s=0.05)
    assert answer.fell_back and "did not answer in 0.05 s" in answer.model_error
    assert answer.answer.startswith(MODEL_DOWN["zh-Hant"])


def test_garbage_is_never_shown(index_dir: Path, tmp_path: Path) -> None:
    answer = ask_fake(index_dir, tmp_path, "garbage")
    assert answer.fell_back and not answer.model_error
    assert answer.answer.startswith(FALLBACK["zh-Hant"]) and "asdf" not in answer.answer
    assert answer.unverified[0].sentence.startswith("asdf")
    assert answer.unverified[0].reason  # typed: the sentence and why, never split again


def test_an_obeyed_injection_is_struck_and_not_shown(index_dir: Path, tmp_path: Path) -> None:
    answer = ask_fake(index_dir, tmp_path, "injection")
    assert "evil.example" in answer.raw_model_output
    assert "evil.example" not in answer.answer and "99%" not in answer.answer
    assert answer.fell_back


def test_a_looping_model_is_cut(index_dir: Path, tmp_path: Path) -> None:
    answer = ask_fake(index_dir, tmp_path, "loop")
    assert answer.timings["loop_cut"] == 1.0 and answer.fell_back


def test_a_refused_question_never_reaches_the_model(index_dir: Path, tmp_path: Path) -> None:
    settings = Settings(
        index_dir=index_dir, llm_backend="fake", llm_model="quote", answer_log=tmp_path / "a"
    )
    assistant = Assistant(settings)
    answer = assistant.ask("How much will the new MTR line cost?", mode="llm")
    assert answer.refused and answer.mode == "llm"
    assert assistant.models.loaded_llm is None  # not even built


def run_cli(index_dir: Path, behaviour: str, *args: str):  # type: ignore[no-untyped-def]
    env = {"ASSISTANT_LLM_BACKEND": "fake", "ASSISTANT_LLM_MODEL": behaviour}
    return CliRunner().invoke(main, ["--index-dir", str(index_dir), "ask", *args], env=env)


def test_cli_says_the_model_is_down_and_still_answers(index_dir: Path) -> None:
    result = run_cli(index_dir, "down", TARGET, "--mode", "llm", "--json")
    assert result.exit_code == 0, result.output
    assert "Model unavailable: The fake model is down" in result.stderr
    assert json.loads(result.stdout)["fell_back"] is True


def test_cli_rejects_an_unknown_fake_behaviour_with_exit_7(index_dir: Path) -> None:
    result = run_cli(index_dir, "sing", TARGET, "--mode", "llm")
    assert result.exit_code == 7
    assert "ASSISTANT_LLM_MODEL='sing' is not a fake model behaviour" in result.stderr
