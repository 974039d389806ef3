"""The steps of bench/scale.py that run in a fresh process each (their own peak memory).

    python bench/scale_steps.py build INDEX CORPUS    first ingest, then query timings
    python bench/scale_steps.py cold INDEX            where a fresh process's time goes
    python bench/scale_steps.py quality INDEX CORPUS [dev [ROWS]]  the test split's (or
                                  dev's) aggregates; for dev only, ROWS gets each question's
                                  rank, correctness and refusal (JSON lines), to compare runs

Each prints one JSON line last.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
QUESTION = "2027年製造業佔GDP的目標係幾多？"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def p50_p95(seconds: list[float]) -> dict[str, float]:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50_ms": statistics.median(ordered) * 1000, "p95_ms": p95 * 1000, "n": len(ordered)}


def build(index: Path, corpus: Path) -> dict[str, Any]:
    from assistant.config import Settings
    from assistant.evaluate.questions import load_questions
    from assistant.pipeline import Assistant
    from assistant.retrieve.query import build_query

    assistant = Assistant(Settings(index_dir=index))
    assistant.embedder.embed_query("warm-up")  # the model's load is not ingest throughput
    stages: dict[str, float] = {}  # stage -> seconds, from the previous report to its last
    last = [time.perf_counter()]

    def progress(stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        stages[stage] = stages.get(stage, 0.0) + now - last[0]
        last[0] = now

    started = time.perf_counter()
    report = assistant.ingest([corpus], progress=progress)
    seconds = time.perf_counter() - started
    stages["rest (read, chunk, write, check)"] = seconds - sum(stages.values())
    result: dict[str, Any] = {
        "documents": report.documents,
        "chunks": report.chunks,
        "build_s": seconds,
        "chunks_per_s": report.chunks / seconds,
        "embedded": report.embedded,
        "stages_s": {k: round(v, 1) for k, v in stages.items()},
        "build_peak_mb": peak_mb(),
    }
    questions = load_questions(ROOT / "eval" / "dev.jsonl")
    queries = [build_query(q.question, list(q.history)) for q in questions]
    started = time.perf_counter()
    _ = assistant.retriever
    result["open_s"] = time.perf_counter() - started
    first = []
    for query in queries:  # first sight of each question: includes its embedding
        mark = time.perf_counter()
        assistant.retriever.retrieve(query.text, query.years)
        first.append(time.perf_counter() - mark)
    answers = []
    for _ in range(1):
        for q in questions:
            mark = time.perf_counter()
            assistant.ask(q.question, list(q.history))
            answers.append(time.perf_counter() - mark)
    result["retrieval"] = p50_p95(first)
    result["answer"] = p50_p95(answers)
    result["peak_mb"] = peak_mb()
    # One document changed and changed back, in this warm process (as on the staff page:
    # embedder, jieba and Chroma already loaded).
    target = corpus / "gen-000001.md"
    if not target.exists():
        return result
    original = target.read_text("utf-8")
    for label, text in (
        ("warm_change_s", original.replace("。", "；另有補充。", 1)),
        ("warm_revert_s", original),
    ):
        target.write_text(text, "utf-8")
        mark = time.perf_counter()
        assistant.ingest([corpus])
        result[label] = time.perf_counter() - mark
        # The first question after the update opens the new version (its records,
        # keyword index, structure) before it is answered.
        mark = time.perf_counter()
        assistant.ask(QUESTION)
        result[label.replace("_s", "_first_answer_s")] = time.perf_counter() - mark
    return result


def cold(index: Path) -> dict[str, Any]:
    """A fresh process's way to its first evidence answer, part by part."""
    parts: dict[str, float] = {}
    mark = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        parts[name] = round(now - mark, 3)
        mark = now

    from assistant.config import Settings
    from assistant.pipeline import Assistant

    lap("import assistant")
    assistant = Assistant(Settings(index_dir=index))
    embedder = assistant.embedder
    lap("embedder object")
    index_ = assistant.store.open(embedder)
    lap("index open (manifest, vector keys, Chroma client)")
    _ = index_.chunks
    lap("chunk records")
    _ = index_.keywords
    lap("BM25 index")
    _ = assistant.retriever
    lap("retriever (token sets, shares)")
    embedder.embed_query("創新科技")
    lap("first query embedding (model load)")
    assistant.ask(QUESTION)
    lap("first evidence answer")
    parts["total"] = round(sum(parts.values()), 3)
    parts["peak_mb"] = round(peak_mb())
    imports = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import assistant.pipeline, chromadb"],
        capture_output=True,
        text=True,
        check=False,
    ).stderr.splitlines()
    rows = []
    for line in imports:
        cells = line.split("|")
        if len(cells) == 3 and cells[1].strip().isdigit():
            rows.append((int(cells[1]), cells[2].strip()))
    top = [(name, us) for us, name in rows if "." not in name]
    top.sort(key=lambda item: -item[1])
    parts["top_imports_s"] = {name: round(us / 1e6, 2) for name, us in top[:8]}  # type: ignore[assignment]
    return parts


def quality(
    index: Path, corpus: Path, split: Path = Path("test"), rows_file: Path | None = None
) -> dict[str, Any]:
    """Aggregate figures of a split (the held-out test split unless named: `dev` for
    tuning), its own documents added to the corpus; per question (`rows_file`) for the
    dev split only."""
    from assistant.config import Settings
    from assistant.evaluate.questions import load_questions
    from assistant.evaluate.runner import run_questions, summarise
    from assistant.pipeline import Assistant

    name = str(split)
    assistant = Assistant(Settings(index_dir=index))
    report = assistant.ingest([corpus, ROOT / "eval" / f"{name}-corpus"])
    rows = run_questions(assistant, load_questions(ROOT / "eval" / f"{name}.jsonl"), "evidence")
    summary = summarise(rows)
    if rows_file is not None:
        if name != "dev":
            raise SystemExit("per-question rows are written for the dev split only")
        fields = ("id", "question", "rank", "correct", "refused", "passed")
        lines = [json.dumps({f: getattr(r, f) for f in fields}, ensure_ascii=False) for r in rows]
        rows_file.write_text("\n".join(lines) + "\n", "utf-8")
    keep = ("questions", "hit@5", "hit@1", "answer_correct", "errors")
    return {"chunks": report.chunks, **{k: summary[k] for k in keep}}


def main() -> None:
    step, *args = sys.argv[1:]
    paths = [Path(a) for a in args]
    steps: dict[str, Callable[..., dict[str, Any]]] = {
        "build": build,
        "cold": cold,
        "quality": quality,
    }
    result = steps[step](*paths)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
