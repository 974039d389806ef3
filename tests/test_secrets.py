"""No secret at rest: every file the assistant writes is searched for each secret setting,
and the files and folders it creates are private to its user."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.config import PUBLIC_SETTINGS, Settings
from assistant.ui.feedback import FeedbackStore
from tests.conftest import ROOT, SEED, SIDECAR

SECRETS = {
    "ASSISTANT_STAFF_USER": "marker-user-5d1c",
    "ASSISTANT_STAFF_PASSWORD": "marker-password-7f3a",
    "ASSISTANT_LLM_API_KEY": "marker-apikey-91b2",
    "ASSISTANT_CHROMA_TOKEN": "marker-token-55c1",
    "ASSISTANT_LLM_BASE_URL": "http://admin:marker-urlpass-0e9d@127.0.0.1:9/v1",
}


def test_public_settings_is_an_allow_list_without_secrets() -> None:
    secret_names = {"staff_user", "staff_password", "llm_api_key", "chroma_token", "llm_base_url"}
    assert not secret_names & set(PUBLIC_SETTINGS)
    assert set(PUBLIC_SETTINGS) <= set(Settings.model_fields)


def test_no_secret_in_any_file_written_and_files_are_private(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    shutil.copy(SIDECAR, corpus / SIDECAR.name)
    state = tmp_path / "state"
    env = {
        **SECRETS,
        "ASSISTANT_CORPUS_DIR": str(corpus),
        "ASSISTANT_ANSWER_LOG": str(state / "answers.jsonl"),
        "ASSISTANT_UPLOADS_DIR": str(state / "uploads"),
    }
    index = ["--index-dir", str(state / "index")]
    runner = CliRunner()
    umask = os.umask(0o022)  # what a default shell has; the CLI must narrow it itself
    try:
        assert runner.invoke(main, [*index, "ingest"], env=env).exit_code == 0
        question = "2032年獨角獸企業數目的目標？"
        asked = runner.invoke(main, [*index, "ask", question, "--json"], env=env)
        assert asked.exit_code == 0, asked.output
        evaluated = runner.invoke(
            main,
            [*index, "eval", "--limit", "2", "--runs-dir", str(state / "runs")],
            env=env,
        )
        assert evaluated.exit_code in (0, 1), evaluated.output
        FeedbackStore(state / "feedback.jsonl").add("up", "good", json.loads(asked.stdout))
    finally:
        os.umask(umask)

    written = [p for p in state.rglob("*") if p.is_file()]
    assert any(p.name == "summary.json" for p in written) and (state / "answers.jsonl").exists()
    record = json.loads((state / "answers.jsonl").read_text("utf-8").splitlines()[0])
    assert record["settings"]["top_k"] == 5 and "staff_password" not in record["settings"]
    for path in written:
        data = path.read_bytes()
        for name, value in SECRETS.items():
            secret = value.split(":")[2].split("@")[0] if "://" in value else value
            assert secret.encode() not in data, f"{name} found in {path}"
    for path in [state / "answers.jsonl", state / "feedback.jsonl", *state.glob("runs/*/*.json")]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    for folder in [state / "index", *state.glob("runs/*")]:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    leaked = [p for p in state.rglob("*") if stat.S_IMODE(p.stat().st_mode) & 0o077]
    assert leaked == [], leaked


@pytest.fixture(autouse=True)
def _from_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # eval's default question file is relative to the repo
