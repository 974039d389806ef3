"""Shared fixtures: one real index of the seed corpus, built once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.pipeline import Assistant

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SEED = CORPUS / "hk-it-blueprint-cma-commentary-2023-01.txt"
SIDECAR = CORPUS / (SEED.name + ".meta.json")  # the seed's declared speaker and title

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session", autouse=True)
def answer_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Answers logged by tests go to a temp file, not the developer's log."""
    path = tmp_path_factory.mktemp("log") / "answers.jsonl"
    os.environ["ASSISTANT_ANSWER_LOG"] = str(path)
    return path


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed corpus ingested with the default embedder into a temp folder."""
    folder = tmp_path_factory.mktemp("index")
    Assistant(Settings(index_dir=folder)).ingest([CORPUS])
    return folder


@pytest.fixture(scope="session")
def assistant(index_dir: Path) -> Assistant:
    return Assistant(Settings(index_dir=index_dir))
