"""Scale benchmark: the seed among 1k, 10k and 100k generated chunks (bench/corpus_gen.py).

    python bench/scale.py [--sizes 1000,10000,100000] [--backend embedded|server]
                          [--quality] [--work DIR] [--code DIR]

For each size, in a work folder (a temp folder unless --work; never committed):
  build     first ingest in a fresh process: chunks/s, peak memory (max RSS)
  queries   hybrid retrieval (first sight of each question: includes its embedding) and
            warm evidence answers, p50/p95 over the dev questions (timing only)
  disk      the index folder (and the Chroma server's data folder) on disk
  updates   whole `assistant ingest` commands: no change, add / change / remove one document
  cold      `assistant ask Q --mode evidence` in a fresh process, and where its time goes
  quality   (--quality) the test split's aggregate hit@5 and correctness, with the test
            documents and the seed among the distractors (only aggregates are printed)

--code DIR runs every step on another checkout of the project (e.g. `git archive` of an
older commit), for a baseline measured in the same run. `--backend server` starts Chroma's
own `chroma run` on loopback.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from corpus_gen import write_corpus

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT))  # appended: a --code checkout on PYTHONPATH comes first
CHUNKS_PER_DOC = 34  # what the generator's documents average (measured)
QUESTION = "2027年製造業佔GDP的目標係幾多？"


def run(code: Path, env: dict[str, str], *args: str) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *args], cwd=code, env=env, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return seconds, done.stdout.strip()


def disk_mb(path: Path) -> float:
    if not path.exists():
        return 0.0
    total = 0
    seen = set()
    for item in path.rglob("*"):
        if item.is_file():
            stat = item.stat()
            if (stat.st_dev, stat.st_ino) not in seen:  # hard links count once
                seen.add((stat.st_dev, stat.st_ino))
                total += stat.st_blocks * 512
    return total / 1e6


def make_corpus(folder: Path, size: int) -> Path:
    if folder.exists():  # a rerun in the same --work folder: the same seed, the same files
        return folder
    shutil.copytree(ROOT / "corpus", folder)
    if size:
        write_corpus(folder, max(1, round(size / CHUNKS_PER_DOC)))
    return folder


def updates(code: Path, env: dict[str, str], index: Path, corpus: Path) -> dict[str, Any]:
    """Whole `assistant ingest` commands, as staff run them."""
    ingest = ["-m", "assistant.cli", "--index-dir", str(index), "ingest", str(corpus)]
    result: dict[str, Any] = {}
    result["no_change_s"], _ = run(code, env, *ingest)
    extra = write_corpus(corpus.parent / "extra", 1, seed=99)[0]
    shutil.copy(extra, corpus / "added.md")
    shutil.copy(f"{extra}.meta.json", corpus / "added.md.meta.json")
    result["add_one_s"], out = run(code, env, *ingest)
    result["add_summary"] = out.splitlines()[-1]
    target = corpus / "gen-000000.md"
    if target.exists():  # (size 0 has only the seed, which the quality step needs as it is)
        text = target.read_text("utf-8")
        target.write_text(text.replace("。", "；另見附錄。", 1), "utf-8")
        result["change_one_s"], out = run(code, env, *ingest)
        result["change_summary"] = out.splitlines()[-1]
    (corpus / "added.md").unlink()
    (corpus / "added.md.meta.json").unlink()
    result["remove_one_s"], out = run(code, env, *ingest)
    result["remove_summary"] = out.splitlines()[-1]
    return result


def one_size(
    size: int, work: Path, code: Path, env: dict[str, str], quality: bool
) -> dict[str, Any]:
    corpus = make_corpus(work / f"corpus-{size}", size)
    index = work / f"index-{size}"
    here = Path(__file__).resolve()
    _, out = run(code, env, str(here.with_name("scale_steps.py")), "build", str(index), str(corpus))
    result: dict[str, Any] = {"size": size, **json.loads(out.splitlines()[-1])}
    result["index_mb"] = disk_mb(index)
    if env.get("SCALE_CHROMA_DATA"):
        result["server_mb"] = disk_mb(Path(env["SCALE_CHROMA_DATA"]))
    result["load_after_build"] = os.getloadavg()[0]
    result.update(updates(code, env, index, corpus))
    ask = ["-m", "assistant.cli", "--index-dir", str(index), "ask", QUESTION, "--mode", "evidence"]
    result["cold_ask_s"] = min(run(code, env, *ask)[0] for _ in range(2))
    _, out = run(code, env, str(here.with_name("scale_steps.py")), "cold", str(index))
    result["cold_parts"] = json.loads(out.splitlines()[-1])
    if quality:
        _, out = run(
            code, env, str(here.with_name("scale_steps.py")), "quality", str(index), str(corpus)
        )
        result["quality"] = json.loads(out.splitlines()[-1])
    return result


ROWS = [
    ("chunks", "{chunks:,}"),
    ("first build s (chunks/s)", "{build_s:.0f} ({chunks_per_s:.0f})"),
    ("  of which embedding s", "{embed_s:.0f}"),
    ("build peak memory MB", "{build_peak_mb:.0f}"),
    ("index on disk MB (+ server data)", "{disk}"),
    ("hybrid retrieval p50 / p95 ms", "{retrieval[p50_ms]:.1f} / {retrieval[p95_ms]:.1f}"),
    ("evidence answer p50 / p95 ms", "{answer[p50_ms]:.1f} / {answer[p95_ms]:.1f}"),
    ("serving process peak MB", "{peak_mb:.0f}"),
    ("open the version in a warm process s", "{open_s:.2f}"),
    ("change one document, warm process s", "{warm}"),
    ("first answer after that change, warm process s", "{after}"),
    ("`assistant ingest`, no change s", "{no_change_s:.1f}"),
    ("`assistant ingest`, add one document s", "{add_one_s:.1f}"),
    ("`assistant ingest`, change one document s", "{change_one_s:.1f}"),
    ("`assistant ingest`, remove one document s", "{remove_one_s:.1f}"),
    ("`assistant ask` cold, evidence mode s", "{cold_ask_s:.1f}"),
    ("test split hit@5 / answer correct", "{hit}"),
    ("load average before / after", "{load_before:.1f} / {load_after:.1f}"),
]


def table(results: list[dict[str, Any]]) -> str:
    """The JSON lines of a run as one Markdown table, one column per size."""
    head = "| measure | " + " | ".join(f"{r['size']:,}" for r in results) + " |"
    lines = [head, "|---" * (len(results) + 1) + "|"]
    for label, form in ROWS:
        cells = []
        for r in results:
            quality = r.get("quality") or {}
            values = {
                **r,
                "embed_s": r.get("stages_s", {}).get("embed", 0.0),
                "disk": f"{r['index_mb']:.0f}"
                + (f" + {r['server_mb']:.0f}" if "server_mb" in r else ""),
                "warm": f"{r['warm_change_s']:.1f}" if "warm_change_s" in r else "-",
                "after": f"{r['warm_change_first_answer_s']:.2f}"
                if "warm_change_first_answer_s" in r
                else "-",
                "hit": f"{quality['hit@5']:.3f} / {quality['answer_correct']:.3f}"
                if quality
                else "-",
            }
            try:
                cells.append(form.format(**values))
            except (KeyError, TypeError):
                cells.append("-")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--backend", choices=["embedded", "server"], default="embedded")
    parser.add_argument("--quality", action="store_true")
    parser.add_argument("--work", type=Path)
    parser.add_argument("--code", type=Path, default=ROOT)
    parser.add_argument("--table", type=Path, help="print an earlier run's log as a table")
    args = parser.parse_args()
    if args.table:
        lines = args.table.read_text("utf-8").splitlines()
        print(table([json.loads(line) for line in lines if line.startswith("{")]))
        return
    code = args.code.resolve()
    env = dict(os.environ, PYTHONPATH=str(code), HF_HUB_OFFLINE="1")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; code: {code}; backend: {args.backend}",
        flush=True,
    )
    with ExitStack() as stack:
        work = args.work or Path(stack.enter_context(tempfile.TemporaryDirectory()))
        work.mkdir(parents=True, exist_ok=True)
        if args.backend == "server":
            from tests.servers import chroma_server

            data = work / "chroma-data"
            host, port = stack.enter_context(chroma_server(data))
            env.update(
                ASSISTANT_CHROMA_HOST=host,
                ASSISTANT_CHROMA_PORT=str(port),
                SCALE_CHROMA_DATA=str(data),
            )
        results: list[dict[str, Any]] = []
        for size in (int(s) for s in args.sizes.split(",")):
            started = time.strftime("%Y-%m-%d %H:%M:%S")
            load = os.getloadavg()[0]
            result = one_size(size, work, code, env, args.quality)
            result.update(started=started, load_before=load, load_after=os.getloadavg()[0])
            print(json.dumps(result, ensure_ascii=False), flush=True)
            results.append(result)
    print(table(results))


if __name__ == "__main__":
    main()
