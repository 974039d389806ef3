"""USE embedder threads (ASSISTANT_EMBEDDER_THREADS): 1 against 2, quiet and beside a busy
process, on this machine.

    python bench/embed_threads.py [--rounds 3] [--threads 1,2]

Each measure runs in a fresh process (the model's BLAS thread pool is set once per process):
ingest throughput (256 generated passages in batches of 64, chunks/s) and single queries
(40 distinct questions, uncached, p50/p95 ms). "busy" runs the same beside one process
that keeps one core busy with Python work (as an ingest's jieba, an eval or the model
would). Rounds alternate the settings so a change in the machine's load hits all alike.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MEASURE = """
import json, sys, time
sys.path.insert(0, {root!r})
from assistant.embed.use import UniversalSentenceEncoder
from corpus_gen import document
import random
rng = random.Random(7)
texts = [line for n in range(40) for line in document(rng, n)[1].splitlines() if line.strip()]
passages, questions = texts[:256], [t[:40] + "？" for t in texts[256:296]]
model = UniversalSentenceEncoder(threads={threads})
model.embed_documents(["warm up 預熱"])
started = time.perf_counter()
model.embed_documents(passages, batch_size=64)
rate = len(passages) / (time.perf_counter() - started)
seconds = []
for q in questions:
    mark = time.perf_counter()
    model.embed_query(q)
    seconds.append(time.perf_counter() - mark)
seconds.sort()
print(json.dumps({{"chunks_per_s": rate, "query_p50_ms": seconds[len(seconds) // 2] * 1000,
                  "query_p95_ms": seconds[int(0.95 * (len(seconds) - 1))] * 1000}}))
"""
BUSY = "import time\nend = time.time() + 600\nwhile time.time() < end:\n    sum(range(10000))\n"


def measure(threads: int) -> dict[str, float]:
    code = MEASURE.format(root=str(ROOT), threads=threads)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "bench"))
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", default="1,2")
    args = parser.parse_args()
    counts = [int(t) for t in args.threads.split(",")]
    results: dict[str, list[dict[str, float]]] = {}
    for _ in range(args.rounds):
        for condition in ("quiet", "busy"):
            busy = None
            if condition == "busy":
                busy = subprocess.Popen([sys.executable, "-c", BUSY])
                time.sleep(1.0)
            try:
                for threads in counts:
                    load = os.getloadavg()[0]
                    row = {**measure(threads), "load": load}
                    results.setdefault(f"{condition}, {threads} thread(s)", []).append(row)
                    print(condition, threads, json.dumps(row), flush=True)
            finally:
                if busy is not None:
                    busy.kill()
                    busy.wait()
    print("\n| setting | chunks/s (median) | query p50 ms | query p95 ms | load avg |")
    print("|---|---|---|---|---|")
    for name, rows in results.items():
        cells = [
            statistics.median(r[key] for r in rows)
            for key in ("chunks_per_s", "query_p50_ms", "query_p95_ms", "load")
        ]
        print(f"| {name} | {cells[0]:.0f} | {cells[1]:.1f} | {cells[2]:.1f} | {cells[3]:.1f} |")


if __name__ == "__main__":
    main()
