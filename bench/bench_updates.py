"""Corpus-update timings: first build, no-change ingest, adding one 50-page PDF.

    python bench/bench_updates.py

Runs the real `assistant ingest` command (a fresh process each time, as staff would) on a
temp copy of corpus/ and a temp index. The PDF is generated: 50 pages of English policy
prose with figures, one paragraph per page section, made with fpdf2 (a dev dependency).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCES = [
    "The Government will review the {n} target indicators every year and publish the figures.",
    "Gross domestic expenditure on R&D reached {n} per cent of GDP in the reference year.",
    "The programme supports {n} start-ups in co-working spaces, incubators and accelerators.",
    "Manufacturing's share of GDP is to rise, and {n} new production lines are planned.",
    "Talent schemes admitted {n} technology professionals under the admission arrangements.",
]


def make_pdf(path: Path, pages: int = 50) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for page in range(pages):
        pdf.add_page()
        pdf.multi_cell(
            0,
            6,
            f"Section {page + 1}: Innovation and technology policy review",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        for line in range(18):
            text = SENTENCES[line % len(SENTENCES)].format(n=page * 100 + line)
            pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def timed(*args: str) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "assistant.cli", *args], capture_output=True, text=True, check=True
    )
    return time.perf_counter() - started, done.stdout.strip()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus, index = Path(tmp) / "corpus", Path(tmp) / "index"
        shutil.copytree("corpus", corpus)
        rows = []
        seconds, out = timed("--index-dir", str(index), "ingest", str(corpus))
        rows.append(("first build (seed corpus)", seconds, out))
        for attempt in range(3):
            seconds, out = timed("--index-dir", str(index), "ingest", str(corpus))
            rows.append((f"no-change ingest #{attempt + 1}", seconds, out))
        make_pdf(corpus / "policy-review-50-pages.pdf")
        seconds, out = timed("--index-dir", str(index), "ingest", str(corpus))
        rows.append(("add one 50-page PDF", seconds, out))
    print("| step (whole `assistant ingest` command) | seconds | summary |\n|---|---|---|")
    for label, seconds, out in rows:
        print(f"| {label} | {seconds:.2f} | {out.splitlines()[-1]} |")


if __name__ == "__main__":
    main()
