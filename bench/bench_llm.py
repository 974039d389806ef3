"""Local-model answers: time to first token, tokens/s, end-to-end time and correctness,
against a plain LlamaIndex pipeline on the same model and questions, in the same run.

    python bench/bench_llm.py [--limit 8] [--skip-baseline]

Ours: structure-aware chunks, hybrid retrieval, at most 3 short sources, verified answer.
Baseline: SentenceSplitter chunks (1024/200), VectorStoreIndex on Chroma with the same
USE embeddings, CitationQueryEngine (top 3), streaming, the same GGUF model.
Correct = every expected fact of the question appears in the shown answer.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from assistant.config import Settings
from assistant.evaluate.metrics import facts_present
from assistant.evaluate.questions import Question, load_questions
from assistant.pipeline import Assistant


def ours(assistant: Assistant, q: Question) -> dict[str, float]:
    answer = assistant.ask(q.question, list(q.history), mode="llm")
    model_kept = not answer.fell_back
    return {
        "ttft": answer.timings.get("ttft_s", 0.0),
        "tps": answer.timings.get("tokens_per_s", 0.0),
        "total": answer.timings["total_s"],
        "correct": facts_present(q.expect, answer.answer) == 1.0,
        "model_kept": model_kept,
    }


def baseline_engine(assistant: Assistant, tmp: Path):  # type: ignore[no-untyped-def]
    import chromadb
    from llama_index.core import Document, StorageContext, VectorStoreIndex
    from llama_index.core.node_parser import SentenceSplitter
    from llama_index.core.query_engine import CitationQueryEngine
    from llama_index.vector_stores.chroma import ChromaVectorStore

    from assistant.embed.llama_index_embedding import LlamaIndexEmbedding
    from assistant.generate.llama_index_llm import LlamaIndexLLM

    text = Path("corpus/hk-it-blueprint-cma-commentary-2023-01.txt").read_text("utf-8")
    collection = chromadb.PersistentClient(path=str(tmp)).get_or_create_collection("baseline")
    storage = StorageContext.from_defaults(
        vector_store=ChromaVectorStore(chroma_collection=collection)
    )
    index = VectorStoreIndex.from_documents(
        [Document(text=text)],
        storage_context=storage,
        embed_model=LlamaIndexEmbedding(assistant.embedder),
        transformations=[SentenceSplitter(chunk_size=1024, chunk_overlap=200)],
    )
    return CitationQueryEngine.from_args(
        index, llm=LlamaIndexLLM(assistant.llm()), similarity_top_k=3, streaming=True
    )


def baseline(engine, q: Question) -> dict[str, float]:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    response = engine.query(q.question)
    first, text, pieces = None, "", 0
    for piece in response.response_gen:
        if first is None:
            first = time.perf_counter() - started
        text += piece
        pieces += 1
    total = time.perf_counter() - started
    return {
        "ttft": first or total,
        "tps": pieces / (total - (first or 0)) if pieces and total > (first or 0) else 0.0,
        "total": total,
        "correct": facts_present(q.expect, text) == 1.0,
        "model_kept": True,
    }


def report(name: str, rows: list[dict[str, float]]) -> str:
    def p50(key: str) -> float:
        return statistics.median(r[key] for r in rows)

    correct = sum(r["correct"] for r in rows)
    kept = sum(r["model_kept"] for r in rows)
    return (
        f"| {name} | {len(rows)} | {p50('ttft'):.1f} | {p50('tps'):.1f} | {p50('total'):.1f} | "
        f"{max(r['total'] for r in rows):.1f} | {correct}/{len(rows)} | {kept}/{len(rows)} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=Path, default=Path("eval/dev.jsonl"))
    parser.add_argument("--limit", type=int, default=8)
    parser.add_argument("--skip-baseline", action="store_true")
    args = parser.parse_args()
    questions = [q for q in load_questions(args.questions) if "target" in q.tags and not q.history]
    by_lang: dict[str, list[Question]] = {}
    for q in questions:
        by_lang.setdefault(q.lang, []).append(q)
    picked: list[Question] = []
    while len(picked) < args.limit and any(by_lang.values()):
        for lang in ("zh-Hant", "zh-Hans", "en"):
            if by_lang.get(lang) and len(picked) < args.limit:
                picked.append(by_lang[lang].pop(0))
    with tempfile.TemporaryDirectory() as tmp:
        assistant = Assistant(Settings(index_dir=Path(tmp) / "index"))
        assistant.ingest([Path("corpus")])
        started = time.perf_counter()
        assistant.llm().load()  # type: ignore[attr-defined]
        print(f"model ready in {time.perf_counter() - started:.1f} s; {len(picked)} questions\n")
        mine = []
        for q in picked:
            mine.append(ours(assistant, q))
            print(f"  ours     {q.id}: {mine[-1]}", flush=True)
        rows = [report("ours (hybrid + verified, <=3 short sources)", mine)]
        if not args.skip_baseline:
            engine = baseline_engine(assistant, Path(tmp) / "baseline")
            theirs = []
            for q in picked:
                theirs.append(baseline(engine, q))
                print(f"  baseline {q.id}: {theirs[-1]}", flush=True)
            rows.append(report("plain LlamaIndex CitationQueryEngine", theirs))
    print(
        "\n| pipeline | n | TTFT p50 s | tokens/s p50 | answer p50 s | answer max s "
        "| correct | model answer kept |"
    )
    print("|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
