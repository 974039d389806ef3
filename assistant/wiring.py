"""The one place where setting names become objects."""

from __future__ import annotations

from assistant.config import Settings
from assistant.embed.base import Embedder


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
