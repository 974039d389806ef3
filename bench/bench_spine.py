"""Spine benchmark: ingest time, retrieval and evidence-answer latency, peak memory.

    python bench/bench_spine.py [--rounds 3]

Everything runs in one process on a fresh temp index, so the figures compare with
each other: dense-only and keyword-only retrieval are the in-run baselines for hybrid.
"Uncached" queries pay for the query embedding; "cached" repeats the same questions.
"""

from __future__ import annotations

import argparse
import platform
import resource
import statistics
import tempfile
import time
from pathlib import Path

from assistant.config import Settings
from assistant.evaluate.questions import load_questions
from assistant.pipeline import Assistant
from assistant.retrieve.query import build_query


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def summary(label: str, seconds: list[float]) -> str:
    ms = [s * 1000 for s in seconds]
    return f"| {label} | {len(ms)} | {statistics.median(ms):.1f} | {percentile(ms, 95):.1f} |"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=Path, default=Path("eval/dev.jsonl"))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    questions = load_questions(args.questions)
    print(f"machine: {platform.processor() or platform.machine()}, {platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        assistant = Assistant(Settings(index_dir=Path(tmp)))
        started = time.perf_counter()
        assistant.embedder.embed_query("warm-up")  # USE loads its weights on first use
        load_s = time.perf_counter() - started
        report = assistant.ingest([Path("corpus")])
        started = time.perf_counter()
        _ = assistant.retriever
        open_s = time.perf_counter() - started
        print(
            f"embedder load {load_s:.2f} s; ingest {report.seconds:.2f} s "
            f"({report.documents} doc, {report.chunks} chunks); index open {open_s:.2f} s\n"
        )
        queries = [build_query(q.question, list(q.history)) for q in questions]
        uncached = []
        for query in queries:  # first sight of each query: includes its embedding
            t = time.perf_counter()
            assistant.retriever.retrieve(query.text, query.years)
            uncached.append(time.perf_counter() - t)
        timings: dict[str, list[float]] = {"hybrid": [], "dense": [], "keyword": [], "answer": []}
        for _ in range(args.rounds):
            for query, q in zip(queries, questions, strict=True):
                for method in ("hybrid", "dense", "keyword"):
                    t = time.perf_counter()
                    assistant.retriever.retrieve(query.text, query.years, method)  # type: ignore[arg-type]
                    timings[method].append(time.perf_counter() - t)
                t = time.perf_counter()
                assistant.ask(q.question, list(q.history))
                timings["answer"].append(time.perf_counter() - t)
        print("| measure | n | p50 ms | p95 ms |\n|---|---|---|---|")
        print(summary("hybrid retrieval, uncached query embedding", uncached))
        print(summary("hybrid retrieval, warm (cached embedding)", timings["hybrid"]))
        print(summary("dense-only retrieval, warm (baseline)", timings["dense"]))
        print(summary("keyword-only retrieval (baseline)", timings["keyword"]))
        print(summary("evidence answer, warm", timings["answer"]))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory (max RSS): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
