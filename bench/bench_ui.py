"""UI-level timing in real Chromium, and the screenshots in docs/screenshots/.

    python bench/bench_ui.py [--rounds 3]

Starts app.py on a free loopback port over a fresh index of corpus/, then for each
question measures submit -> first evidence visible in the chat, and submit -> the model's
verified answer in place (the last streamed token). Screenshots: an answered question in
Traditional Chinese and one in English at 1280x800, and the Chinese one at phone width.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.config import Settings
from assistant.pipeline import Assistant
from tests.browser import ask, chromium, running_app

QUESTIONS = [
    "2027年製造業佔GDP的目標係幾多？",
    "What is the 2032 target for the number of unicorns?",
    "人均研发开支到2032年的目标是多少？",
    "策略三是什麼？",
]
SHOTS = Path("docs/screenshots")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    SHOTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        Assistant(Settings(index_dir=Path(tmp) / "index")).ingest([Path("corpus")])
        with (
            running_app(Path(tmp) / "index", Path(tmp) / "feedback.jsonl") as url,
            chromium() as browser,
        ):
            evidence, full = [], []
            for _ in range(args.rounds):
                for question in QUESTIONS:
                    page = browser.new_page(viewport={"width": 1280, "height": 800})
                    page.goto(url)
                    started = time.perf_counter()
                    evidence.append(ask(page, question))
                    full.append(time.perf_counter() - started)
                    page.close()
            for name, question, width, height in [
                ("answer-zh-hant-1280x800.png", QUESTIONS[0], 1280, 800),
                ("answer-en-1280x800.png", QUESTIONS[1], 1280, 800),
                ("answer-zh-hant-phone-390x844.png", QUESTIONS[0], 390, 844),
            ]:
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(url)
                ask(page, question)
                page.screenshot(path=str(SHOTS / name), full_page=True)
                page.close()
    print("| measure (browser, submit ->) | n | p50 s | p95 s | max s |\n|---|---|---|---|---|")
    for label, values in (("evidence visible", evidence), ("verified model answer in place", full)):
        ordered = sorted(values)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        median = statistics.median(values)
        print(f"| {label} | {len(values)} | {median:.2f} | {p95:.2f} | {max(values):.2f} |")
    print(f"\nscreenshots written to {SHOTS}/")


if __name__ == "__main__":
    main()
