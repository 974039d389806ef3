"""BM25-only, dense-only and hybrid retrieval side by side, for each embedder, on one set.

Each embedder gets a fresh index of the configured corpus in a temp folder, so the live
index is never touched.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from assistant.config import Settings
from assistant.evaluate.metrics import facts_present, first_relevant_rank, hit_at, reciprocal_rank
from assistant.evaluate.questions import Question, load_questions
from assistant.pipeline import Assistant
from assistant.retrieve.hybrid import Method
from assistant.retrieve.query import build_query

METHODS: tuple[Method, ...] = ("keyword", "dense", "hybrid")
HEADER = (
    "| embedder | method | hit@1 | hit@3 | hit@5 | MRR | refusal acc. | false refusals |\n"
    "|---|---|---|---|---|---|---|---|"
)


def embedder_settings(settings: Settings, spec: str, index_dir: Path) -> Settings:
    """`use` or `sentence-transformers:MODEL` -> settings for that embedder."""
    backend, _, model = spec.partition(":")
    update: dict[str, object] = {"index_dir": index_dir, "embedder": backend}
    if model:
        update["embedder_model"] = model
    return Settings.model_validate({**settings.model_dump(), **update})


def method_row(assistant: Assistant, questions: Sequence[Question], method: Method) -> list[str]:
    ranks: list[int | None] = []
    refused_right = refused_wrong = 0
    for q in questions:
        query = build_query(q.question, list(q.history))
        retrieval = assistant.retriever.retrieve(query.text, query.years, method)
        refused = not retrieval.gate.covered
        if q.refuse:
            refused_right += refused
            continue
        refused_wrong += refused
        passages = [h.chunk.passage for h in retrieval.hits[:5]]
        ranks.append(first_relevant_rank(passages, q.anchor or ""))
    answerable = max(len(ranks), 1)
    unanswerable = len(questions) - len(ranks)
    return [
        f"{sum(hit_at(r, 1) for r in ranks) / answerable:.2f}",
        f"{sum(hit_at(r, 3) for r in ranks) / answerable:.2f}",
        f"{sum(hit_at(r, 5) for r in ranks) / answerable:.2f}",
        f"{sum(reciprocal_rank(r) for r in ranks) / answerable:.2f}",
        f"{refused_right / unanswerable:.2f}" if unanswerable else "–",
        f"{refused_wrong / answerable:.2f}",
    ]


def compare_retrievers(
    settings: Settings, questions_path: Path, tags: Sequence[str] = (), limit: int | None = None
) -> str:
    from assistant.evaluate.suite import select

    questions = select(load_questions(questions_path), tags, limit)
    lines = [f"{len(questions)} questions from {questions_path}", "", HEADER]
    correctness = []
    for spec in settings.compare_embedders:
        with tempfile.TemporaryDirectory() as tmp:
            assistant = Assistant(embedder_settings(settings, spec, Path(tmp)))
            assistant.ingest([settings.corpus_dir])
            for method in METHODS:
                lines.append(
                    f"| {spec} | {method} | "
                    + " | ".join(method_row(assistant, questions, method))
                    + " |"
                )
            scores = [
                facts_present(q.expect, assistant.ask(q.question, list(q.history)).answer)
                for q in questions
                if not q.refuse
            ]
            correctness.append(
                f"- {spec}: evidence answers correct {sum(scores) / max(len(scores), 1):.2f}"
            )
    return "\n".join([*lines, "", *correctness])
