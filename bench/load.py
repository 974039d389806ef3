"""Load test: 20 simulated members at once against the running app, loopback only.

    python bench/load.py [--members 20] [--requests 2] [--llm-share 0.3] [--max-seconds 600]
                         [--server] [--llm-concurrency N] [--llm-threads 2]

--server runs the model in a real `python -m llama_cpp.server` (its own process, with
`--interrupt_requests False`: by default that server cuts a streaming answer short when
another request arrives) and the app talks to it with ASSISTANT_LLM_BACKEND=openai and
ASSISTANT_LLM_CONCURRENCY=N. Without it the app runs the model in-process.

Starts app.py on a free loopback port over a fresh index, then each member (a thread
with its own Gradio client) sends its requests one after another, mixing evidence
requests (/evidence) and model answers (/answer, streamed). Reports requests completed,
failed (an error came back) and lost (no answer before the deadline), p50/p95 latency
of evidence answers and of the model's first streamed output, and the app's peak memory.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.config import Settings
from assistant.evaluate.metrics import percentile
from assistant.pipeline import Assistant
from tests.browser import free_port, running_app
from tests.servers import log_file, stop, wait_for

QUESTIONS = [
    "2027年製造業佔GDP的目標係幾多？",
    "What is the 2032 target for the number of unicorns?",
    "人均研发开支到2032年的目标是多少？",
    "策略三是什麼？",
    "產學研1+計劃撥款多少？",
    "明天香港天氣如何？",
]


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def member(
    url: str,
    index: int,
    requests: int,
    llm_share: float,
    deadline: float,
    results: list[dict[str, Any]],
) -> None:
    from gradio_client import Client

    client = Client(url, verbose=False)
    for n in range(requests):
        question = QUESTIONS[(index + n) % len(QUESTIONS)]
        use_llm = (index * requests + n) % round(1 / llm_share) == 0 if llm_share else False
        row: dict[str, Any] = {"kind": "llm" if use_llm else "evidence", "status": "lost"}
        started = time.perf_counter()
        try:
            if use_llm:
                job = client.submit(question, api_name="/answer")
                for _ in job:
                    row.setdefault("first_s", time.perf_counter() - started)
                    if time.monotonic() > deadline:
                        job.cancel()
                        break
                final = json.loads(job.outputs()[-1]) if job.outputs() else {}
                timings = final.get("timings") or {}
                row["tokens_per_s"] = timings.get("tokens_per_s")
            else:
                final = client.predict(question, api_name="/evidence")
            row["seconds"] = time.perf_counter() - started
            row["status"] = "failed" if final.get("error") or not final.get("answer") else "ok"
        except Exception as exc:  # any error reaching a member is a failed request
            row["status"] = "failed"
            row["error"] = str(exc)[:200]
        if time.monotonic() > deadline and row["status"] != "ok":
            row["status"] = "lost"
        results.append(row)


def prompt_costs(log: Path) -> str:
    """The server's own per-request timings (llama.cpp prints them): where the time goes."""
    prompt, speed, evals = [], [], []
    for line in log.read_text(errors="replace").splitlines():
        found = re.search(r"prompt eval time =\s*([\d.]+) ms /\s*(\d+) tokens", line)
        if found:
            prompt.append((float(found[1]) / 1000, int(found[2])))
        found = re.search(r"\seval time =\s*([\d.]+) ms /\s*(\d+) runs", line)
        if found and "prompt" not in line:
            evals.append(int(found[2]) / max(float(found[1]) / 1000, 1e-9))
    if not prompt:
        return f"no llama.cpp timings in {log}"
    speed = [tokens / seconds for seconds, tokens in prompt if seconds > 0]
    return (
        f"server, per request (llama.cpp's timings, n={len(prompt)}): prompt tokens p50 "
        f"{statistics.median(t for _, t in prompt):.0f}, prompt eval p50 "
        f"{statistics.median(s for s, _ in prompt):.2f} s ({statistics.median(speed):.0f} "
        f"tokens/s), generation p50 {statistics.median(evals) if evals else 0:.1f} tokens/s"
    )


def model_server(threads: int) -> tuple[str, subprocess.Popen[str], str]:
    """`python -m llama_cpp.server` with the offline model on a free loopback port."""
    from assistant.config import Settings
    from assistant.wiring import build_llm

    model = build_llm(Settings())  # joins and checks the packaged model file once
    port = free_port()
    log = log_file()
    path = model.path  # type: ignore[attr-defined]
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(path)]
    command += ["--host", "127.0.0.1", "--port", str(port), "--model_alias", "local"]
    command += ["--n_ctx", "2048", "--n_threads", str(threads), "--interrupt_requests", "False"]
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, text=True)
    wait_for(f"http://127.0.0.1:{port}/v1/models", process, 180, log)
    return f"http://127.0.0.1:{port}/v1", process, log.name


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2)
    parser.add_argument("--llm-share", type=float, default=0.3)
    parser.add_argument("--max-seconds", type=float, default=600)
    parser.add_argument("--server", action="store_true", help="model in llama_cpp.server")
    parser.add_argument("--llm-concurrency", type=int, default=1)
    parser.add_argument("--llm-threads", type=int, default=2)
    args = parser.parse_args()
    pid: list[int] = []
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        index = Path(tmp) / "index"
        Assistant(Settings(index_dir=index)).ingest([Path("corpus")])
        env = {
            "ASSISTANT_LLM_CONCURRENCY": str(args.llm_concurrency),
            "ASSISTANT_LLM_THREADS": str(args.llm_threads),
        }
        server = model_server(args.llm_threads) if args.server else None
        if server is not None:
            env.update(ASSISTANT_LLM_BACKEND="openai", ASSISTANT_LLM_BASE_URL=server[0])
            env.update(ASSISTANT_LLM_SERVER_MODEL="local")
        feedback = Path(tmp) / "feedback.jsonl"
        with running_app(index, feedback, 180, pid.append, **env) as url:
            assert url.startswith("http://127.0.0.1:"), "load tests run against loopback only"
            deadline = time.monotonic() + args.max_seconds
            threads = [
                threading.Thread(
                    target=member, args=(url, i, args.requests, args.llm_share, deadline, results)
                )
                for i in range(args.members)
            ]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=max(1.0, deadline - time.monotonic()))
            wall = time.perf_counter() - started
            memory = peak_rss_mb(pid[0])
            if server is not None:
                memory += peak_rss_mb(server[1].pid)
                stop(server[1])
                print(prompt_costs(Path(server[2])))
    total = args.members * args.requests
    done = [r for r in results if r["status"] == "ok"]
    failed = [r for r in results if r["status"] == "failed"]
    lost = total - len(done) - len(failed)
    evidence = [r["seconds"] for r in done if r["kind"] == "evidence"]
    first = [r["first_s"] for r in done if r["kind"] == "llm" and "first_s" in r]
    print(
        f"{args.members} members x {args.requests} requests, llm share {args.llm_share}, "
        f"wall {wall:.1f} s"
    )
    print(f"completed {len(done)} / {total}; failed {len(failed)}; lost {lost}")
    for label, values in (("evidence answer", evidence), ("model first output", first)):
        if values:
            print(
                f"{label}: n={len(values)} p50 {statistics.median(values):.2f} s, "
                f"p95 {percentile(values, 95):.2f} s, max {max(values):.2f} s"
            )
    speeds = [r["tokens_per_s"] for r in done if r.get("tokens_per_s")]
    if speeds:
        print(
            f"model tokens/s per member: n={len(speeds)} p50 {statistics.median(speeds):.1f}, "
            f"min {min(speeds):.1f}"
        )
    where = "app + model server" if args.server else "app"
    print(f"{where} peak memory (VmHWM): {memory:.0f} MB")
    for row in failed[:5]:
        print("failed:", row.get("error", row))


if __name__ == "__main__":
    main()
