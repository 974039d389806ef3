"""The one place where setting names become objects."""

from __future__ import annotations

from pathlib import Path

from assistant.config import Settings
from assistant.embed.base import Embedder
from assistant.errors import ModelUnavailableError
from assistant.generate.llm import LanguageModel
from assistant.generate.model_files import Progress


def build_embedder(settings: Settings) -> Embedder:
    """Pick the embedding backend named by `settings.embedder`. Imports are lazy."""
    if settings.embedder == "use":
        from assistant.embed.use import UniversalSentenceEncoder

        return UniversalSentenceEncoder(threads=settings.embedder_threads)
    if settings.embedder == "sentence-transformers":
        from assistant.embed.sentence_transformers import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(
            settings.embedder_model, offline=settings.offline, threads=settings.embedder_threads
        )
    raise ValueError(f"Unknown embedder {settings.embedder!r}")  # pydantic rejects this first


def build_item_embedder(settings: Settings) -> Embedder | None:
    """The second embedder that ranks the strategies' measures, or None."""
    if settings.item_embedder == "none":
        return None
    from assistant.embed.e5 import E5Small

    return E5Small(threads=settings.embedder_threads)


def build_llm(settings: Settings, progress: Progress | None = None) -> LanguageModel:
    """Resolve `settings.llm_model` to a verified model file and wrap it for llama.cpp."""
    from assistant.generate.llm import LlamaCppModel
    from assistant.generate.model_files import PACKAGED, ensure_model_file, sha256_of

    if settings.llm_backend == "openai":
        from assistant.generate.openai_server import OpenAICompatibleModel

        return OpenAICompatibleModel(
            settings.llm_base_url,
            settings.llm_server_model,
            settings.llm_api_key,
            settings.llm_timeout_s,
            repeat_penalty=settings.llm_repeat_penalty,
        )
    if settings.llm_backend == "fake":
        from assistant.generate.scripted_llm import ScriptedModel

        return ScriptedModel(settings.llm_model, settings.llm_timeout_s)
    name = settings.llm_model
    if name in PACKAGED:
        packaged = PACKAGED[name]
        path = ensure_model_file(packaged, settings.model_cache_dir, progress)
        return LlamaCppModel(
            path,
            packaged.sha256,
            settings.llm_threads,
            settings.llm_context,
            settings.llm_repeat_penalty,
        )
    local = Path(name).expanduser()
    if local.suffix == ".gguf" and local.is_file():
        return LlamaCppModel(
            local,
            sha256_of(local),
            settings.llm_threads,
            settings.llm_context,
            settings.llm_repeat_penalty,
        )
    if name.count("/") >= 2 and name.endswith(".gguf"):
        path = _download_from_hub(name, settings)
        return LlamaCppModel(
            path,
            sha256_of(path),
            settings.llm_threads,
            settings.llm_context,
            settings.llm_repeat_penalty,
        )
    raise ModelUnavailableError(
        f"ASSISTANT_LLM_MODEL='{name}' is neither a packaged model ({', '.join(PACKAGED)}), "
        "an existing .gguf file, nor a hub 'OWNER/REPO/FILE.gguf'."
    )


def _download_from_hub(spec: str, settings: Settings) -> Path:
    repo_id, _, filename = spec.rpartition("/")
    if settings.offline:
        raise ModelUnavailableError(
            f"'{spec}' is a hub model, and ASSISTANT_OFFLINE is true. On a machine with "
            "internet set ASSISTANT_OFFLINE=false, or download the file and give its path."
        )
    from huggingface_hub import hf_hub_download

    try:
        return Path(hf_hub_download(repo_id, filename, cache_dir=str(settings.model_cache_dir)))
    except Exception as exc:  # the hub client raises many types; all mean "not available"
        raise ModelUnavailableError(f"Could not download {spec}: {exc}") from exc
