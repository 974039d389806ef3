"""Compare wordings of the answer-language line of the prompt on the real model.

    python bench/compare_prompts.py [--variants current,remind,example]

For each variant: how many model answers survive verification ("kept") and how many
are kept and contain every expected fact ("kept and correct"), over the answerable
questions of eval/dev.jsonl plus two extra target questions. Greedy decoding,
so reruns give the same text.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import assistant.generate.prompt as prompt
from assistant.config import Settings
from assistant.evaluate.metrics import facts_present
from assistant.evaluate.questions import load_questions
from assistant.pipeline import Assistant

VARIANTS = {
    "plain": {
        "zh-Hant": "請用繁體中文回答。",
        "zh-Hans": "请用简体中文回答。",
        "en": "Answer in English.",
    },
    "remind": {
        "zh-Hant": "請用繁體中文回答。 Cite sources like [1] after every sentence.",
        "zh-Hans": "请用简体中文回答。 Cite sources like [1] after every sentence.",
        "en": "Answer in English. Cite sources like [1] after every sentence.",
    },
    "current": dict(prompt.ANSWER_IN),
}
EXTRA = [
    ("What is the 2032 target for R&D expenditure as a ratio of GDP?", ["2%"]),
    ("独角兽企业数目2032年的目标是多少？", ["30"]),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--variants", default="plain,remind,current")
    args = parser.parse_args()
    questions = [q for q in load_questions(Path("eval/dev.jsonl")) if not q.refuse]
    items = [(q.question, list(q.expect), list(q.history)) for q in questions]
    items += [(text, expect, []) for text, expect in EXTRA]
    assistant = Assistant(Settings())
    assistant.llm()
    print("| answer-language line | questions | kept | kept and correct |\n|---|---|---|---|")
    for name in args.variants.split(","):
        prompt.ANSWER_IN.clear()
        prompt.ANSWER_IN.update(VARIANTS[name])
        kept = correct = 0
        for text, expect, history in items:
            answer = assistant.ask(text, history, mode="llm")
            survived = not answer.fell_back
            kept += survived
            correct += survived and facts_present(expect, answer.answer) == 1.0
        print(f"| {name} | {len(items)} | {kept} | {correct} |", flush=True)


if __name__ == "__main__":
    main()
