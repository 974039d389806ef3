"""The model's own answer with and without the decoding grammar, on dev questions.

    python bench/compare_grammar.py [--limit 24]

For each setting: how many model answers are kept (not a fallback), kept and holding every
expected fact, their unsupported figures, and first-token / whole-answer time (p50).
Greedy decoding, so reruns give the same text. Dev split only: the test split is reported
once, never compared on.
"""

from __future__ import annotations

import argparse
import statistics

from assistant.config import Settings
from assistant.evaluate.metrics import facts_present, unsupported_figures
from assistant.evaluate.questions import load_questions
from assistant.evaluate.splits import assistant_for, load_splits
from assistant.pipeline import Assistant


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=24)
    args = parser.parse_args()
    dev = load_splits()["dev"]
    questions = [q for q in load_questions(dev.questions) if not q.refuse]
    step = max(len(questions) // args.limit, 1)
    sample = questions[::step][: args.limit]
    print("| grammar | questions | kept | kept and correct | unsupported | TTFT p50 | total p50 |")
    print("|---|---|---|---|---|---|---|")
    for grammar in (False, True):
        live = Assistant(Settings(llm_grammar=grammar))
        assistant = assistant_for(dev, live)
        assistant.llm()
        kept = correct = unsupported = 0
        ttft, total = [], []
        for q in sample:
            answer = assistant.ask(q.question, list(q.history), mode="llm")
            if answer.refused:
                continue
            survived = not answer.fell_back
            kept += survived
            correct += survived and facts_present(q.expect, answer.answer) == 1.0
            cited = [f"{c.passage} {c.context}" for c in answer.citations]
            unsupported += len(unsupported_figures(answer.answer, cited, q.question))
            ttft.append(answer.timings.get("ttft_s", 0.0))
            total.append(answer.timings.get("llm_total_s", 0.0))
        print(
            f"| {'on' if grammar else 'off'} | {len(sample)} | {kept} | {correct} | "
            f"{unsupported} | {statistics.median(ttft or [0]):.1f} s | "
            f"{statistics.median(total or [0]):.1f} s |",
            flush=True,
        )


if __name__ == "__main__":
    main()
