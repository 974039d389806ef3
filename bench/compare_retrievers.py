"""Compare embedders and retrieval methods on the question set.

    python bench/compare_retrievers.py [--questions eval/questions.jsonl]

For each embedder it builds a fresh index in a temp folder, then reports hit@1/3/5,
MRR (answerable questions), refusal accuracy and false refusals, and evidence-answer
correctness, for dense-only, BM25-only and hybrid retrieval.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from assistant.config import Settings
from assistant.evaluate.metrics import facts_present, first_relevant_rank, hit_at, reciprocal_rank
from assistant.evaluate.questions import load_questions
from assistant.pipeline import Assistant
from assistant.retrieve.query import build_query

EMBEDDERS = {
    "use (multilingual USE v3)": {"embedder": "use"},
    "all-MiniLM-L6-v2 (packaged)": {
        "embedder": "sentence-transformers",
        "embedder_model": "all-MiniLM-L6-v2",
    },
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=Path, default=Path("eval/questions.jsonl"))
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    questions = load_questions(args.questions)
    print(f"{len(questions)} questions from {args.questions}\n")
    print("| embedder | method | hit@1 | hit@3 | hit@5 | MRR | refusal acc. | false refusals |")
    print("|---|---|---|---|---|---|---|---|")
    for name, overrides in EMBEDDERS.items():
        with tempfile.TemporaryDirectory() as tmp:
            assistant = Assistant(Settings.model_validate({"index_dir": Path(tmp), **overrides}))
            assistant.ingest([Path("corpus")])
            for method in ("dense", "keyword", "hybrid"):
                row = evaluate(assistant, questions, method, args.verbose)
                print(f"| {name} | {method} | " + " | ".join(row) + " |")
            correct = [
                facts_present(q.expect, assistant.ask(q.question, list(q.history)).answer)
                for q in questions
                if not q.refuse
            ]
            print(f"| {name} | evidence answer correct | {sum(correct) / len(correct):.2f} |")


def evaluate(assistant: Assistant, questions: list, method: str, verbose: bool) -> list[str]:
    ranks, refusals_right, false_refusals, answerable = [], 0, 0, 0
    for q in questions:
        query = build_query(q.question, list(q.history))
        retrieval = assistant.retriever.retrieve(query.text, query.years, method)  # type: ignore[arg-type]
        refused = not retrieval.gate.covered
        if q.refuse:
            refusals_right += refused
            if verbose and not refused:
                print(f"  [{method}] not refused: {q.id} ({retrieval.gate.reason})")
            continue
        answerable += 1
        false_refusals += refused
        rank = first_relevant_rank([h.chunk.passage for h in retrieval.hits[:5]], q.anchor or "")
        if verbose and (rank != 1 or refused):
            print(f"  [{method}] {q.id}: rank {rank}, refused={refused} ({retrieval.gate.reason})")
        ranks.append(rank)
    unanswerable = len(questions) - answerable
    return [
        f"{sum(hit_at(r, 1) for r in ranks) / answerable:.2f}",
        f"{sum(hit_at(r, 3) for r in ranks) / answerable:.2f}",
        f"{sum(hit_at(r, 5) for r in ranks) / answerable:.2f}",
        f"{sum(reciprocal_rank(r) for r in ranks) / answerable:.2f}",
        f"{refusals_right / unanswerable:.2f}" if unanswerable else "-",
        f"{false_refusals / answerable:.2f}",
    ]


if __name__ == "__main__":
    main()
