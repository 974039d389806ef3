"""The embedder and the language model, built from settings on first use and kept warm."""

from __future__ import annotations

from assistant.config import Settings
from assistant.embed.base import Embedder
from assistant.generate.llm import LanguageModel
from assistant.generate.model_files import Progress
from assistant.wiring import build_embedder, build_item_embedder, build_llm


class Models:
    """Shared by the Indexer and the Answerer (and by assistants over other versions)."""

    def __init__(
        self,
        settings: Settings,
        embedder: Embedder | None = None,
        llm: LanguageModel | None = None,
    ) -> None:
        self.settings = settings
        self._embedder = embedder
        self._llm = llm
        self._item_embedder: Embedder | None = None

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = build_embedder(self.settings)
        return self._embedder

    @property
    def item_embedder(self) -> Embedder | None:
        """The second embedder for measures (retrieve/measures.py), or None."""
        if self._item_embedder is None and self.settings.item_embedder != "none":
            self._item_embedder = build_item_embedder(self.settings)
        return self._item_embedder

    def llm(self, progress: Progress | None = None) -> LanguageModel:
        """The language model, joined/verified and loaded on first use."""
        if self._llm is None:
            self._llm = build_llm(self.settings, progress)
        return self._llm

    @property
    def loaded_llm(self) -> LanguageModel | None:
        """The model if it was built already (nothing is loaded to answer this)."""
        return self._llm

    @property
    def llm_ready(self) -> bool:
        """True when asking the model will not first join, verify or load it."""
        return self._llm is not None and self._llm.loaded
