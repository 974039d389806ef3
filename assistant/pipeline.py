"""The Assistant: the one object the UI, the CLI, eval and drift call. It only wires the
two services together and passes calls on:

- `Indexer` (services/indexer.py): ingest, versions, rollback, the writer lock, and one
  immutable snapshot of a version per question;
- `Answerer` (services/answerer.py): snapshot -> retrieve -> evidence -> model -> verify
  -> log, the log written there and nowhere else.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from assistant.audit import AnswerLog
from assistant.config import Settings
from assistant.embed.base import Embedder
from assistant.generate.answerer import StreamEvent
from assistant.generate.llm import LanguageModel
from assistant.generate.model_files import Progress as ModelProgress
from assistant.index.store import IndexStore, LoadedIndex, Progress
from assistant.retrieve.hybrid import HybridRetriever
from assistant.services.answerer import Answerer, Evidence, History
from assistant.services.indexer import Indexer
from assistant.services.ingest_report import IngestReport
from assistant.services.models import Models
from assistant.types import Answer, Document

__all__ = ["Assistant", "Evidence", "IngestReport"]


class Assistant:
    """Loads the embedder and index on first use, then keeps them warm.

    `version` pins an index version (replay); None follows the live one. `log`: where
    answers are logged (default: the members' log, `settings.answer_log`)."""

    def __init__(
        self,
        settings: Settings,
        embedder: Embedder | None = None,
        llm: LanguageModel | None = None,
        version: str | None = None,
        log: AnswerLog | None = None,
        models: Models | None = None,
    ) -> None:
        self.settings = settings
        self.models = models or Models(settings, embedder, llm)
        self.indexer = Indexer(settings, self.models, version)
        self.answerer = Answerer(
            settings, self.models, self.indexer, log or AnswerLog(settings.answer_log)
        )

    def logging_to(self, path: Path | None) -> Assistant:
        """The same assistant (models, index snapshot) logging elsewhere: an eval or a
        replay writes to its own run folder, never into the members' log; None: nowhere."""
        other = copy.copy(self)
        other.answerer = Answerer(self.settings, self.models, self.indexer, AnswerLog(path))
        return other

    # Models
    @property
    def embedder(self) -> Embedder:
        return self.models.embedder

    def llm(self, progress: ModelProgress | None = None) -> LanguageModel:
        """The language model, joined/verified and loaded on first use."""
        return self.models.llm(progress)

    @property
    def llm_ready(self) -> bool:
        return self.models.llm_ready

    # Indexer
    @property
    def store(self) -> IndexStore:
        return self.indexer.store

    @property
    def index(self) -> LoadedIndex:
        """The current version (a new live one is picked up without a restart)."""
        return self.indexer.snapshot().index

    @property
    def retriever(self) -> HybridRetriever:
        return self.indexer.snapshot().retriever

    def version_named(self, name: str) -> LoadedIndex:
        return self.indexer.version_named(name)

    def warm_up(self) -> None:
        """Open the index and run one query, so the first member does not pay for loading."""
        self.retriever.retrieve("warm up 預熱")  # any words: it loads the models and index

    def load_documents(
        self, paths: Sequence[Path], on_file: Callable[[Path], None] | None = None
    ) -> list[Document]:
        return self.indexer.load_documents(paths, on_file)

    def ingest(
        self,
        paths: Sequence[Path],
        progress: Progress | None = None,
        on_file: Callable[[Path], None] | None = None,
    ) -> IngestReport:
        return self.indexer.ingest(paths, progress, on_file)

    def rollback(self, name: str | None = None) -> str:
        return self.indexer.rollback(name)

    def versions(self) -> list[dict[str, Any]]:
        return self.indexer.versions()

    # Answerer
    def evidence(self, question: str, history: History = (), compare: bool = False) -> Evidence:
        return self.answerer.evidence(question, history, compare)

    def generate(self, evidence: Evidence) -> Iterator[StreamEvent]:
        return self.answerer.generate(evidence)

    def finish(self, evidence: Evidence) -> Answer:
        return self.answerer.finish(evidence)

    def stream(
        self, question: str, history: History = (), mode: str = "evidence", compare: bool = False
    ) -> Iterator[StreamEvent]:
        return self.answerer.stream(question, history, mode, compare)

    def ask(
        self, question: str, history: History = (), mode: str = "evidence", compare: bool = False
    ) -> Answer:
        return self.answerer.ask(question, history, mode, compare)
