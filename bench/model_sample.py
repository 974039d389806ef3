"""The model's own answers on a spread sample of dev questions, question by question.

    python bench/model_sample.py [--split dev] [--limit 40] [--tags target,paraphrase]
                                 [--out answers.jsonl]

Takes every k-th answerable dev question (k = answerable / limit), asks it in llm mode and
prints, per question, whether the model's answer was kept and holds every expected fact,
then the totals: kept, kept and correct, kept but stating a wrong figure, struck-out
sentences, unsupported figures, answers in the member's language, TTFT and whole-answer
p50. `--out` keeps each answer with the model's raw text and the reasons for what was
struck out. Tuning splits only (dev, dev3): a held-out split is reported once, by
`assistant eval`, and refused here.
Set ASSISTANT_LLM_THREADS=1 when anything else runs on a 2-core machine (docs/LLM.md).
"""

from __future__ import annotations

import argparse
import json
import statistics

from assistant.config import Settings
from assistant.evaluate.metrics import (
    facts_present,
    in_language,
    states_a_wrong_figure,
    unsupported_figures,
)
from assistant.evaluate.questions import load_questions
from assistant.evaluate.splits import assistant_for, load_splits
from assistant.pipeline import Assistant


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--out", default="")
    parser.add_argument("--tags", default="", help="keep questions with all these tags")
    args = parser.parse_args()
    dev = load_splits()[args.split]
    if dev.held_out:
        parser.error(f"{args.split} is held out: report it with `assistant eval`, not here")
    wanted = {t for t in args.tags.split(",") if t}
    questions = [
        q for q in load_questions(dev.questions) if not q.refuse and wanted <= {*q.tags, q.lang}
    ]
    step = max(len(questions) // args.limit, 1)
    sample = questions[::step][: args.limit]
    assistant = assistant_for(dev, Assistant(Settings()))
    assistant.llm()
    records = []
    totals = dict(asked=0, kept=0, correct=0, wrong=0, struck=0, unsupported=0, language=0)
    ttft, total = [], []
    for q in sample:
        answer = assistant.ask(q.question, list(q.history), mode="llm")
        if answer.refused:
            print(f"{q.id}: refused before the model", flush=True)
            continue
        kept = not answer.fell_back
        correct = kept and facts_present(q.expect, answer.answer) == 1.0
        cited = [f"{c.passage} {c.context}" for c in answer.citations]
        totals["asked"] += 1
        totals["kept"] += kept
        totals["correct"] += correct
        totals["wrong"] += kept and states_a_wrong_figure(q.expect, answer.answer, q.question)
        totals["struck"] += len(answer.unverified)
        totals["unsupported"] += len(unsupported_figures(answer.answer, cited, q.question))
        totals["language"] += in_language(answer.answer, q.lang)
        ttft.append(answer.timings.get("ttft_s", 0.0))
        total.append(answer.timings.get("llm_total_s", 0.0))
        print(f"{q.id}: kept={kept} correct={correct}", flush=True)
        records.append(
            {
                "id": q.id,
                "question": q.question,
                "expect": q.expect,
                "kept": kept,
                "correct": correct,
                "raw": answer.raw_model_output,
                "shown": answer.answer,
                "unverified": [[u.sentence, u.reason] for u in answer.unverified],
                "timings": answer.timings,
            }
        )
    if args.out:
        with open(args.out, "w", encoding="utf-8") as out:
            out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    print(
        "| questions | answered | kept | kept and correct | kept, wrong figure | struck "
        "| unsupported | in language | TTFT p50 | total p50 |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    print(
        f"| {len(sample)} | {totals['asked']} | {totals['kept']} | {totals['correct']} | "
        f"{totals['wrong']} | {totals['struck']} | {totals['unsupported']} | "
        f"{totals['language']} | {statistics.median(ttft or [0]):.1f} s | "
        f"{statistics.median(total or [0]):.1f} s |"
    )


if __name__ == "__main__":
    main()
