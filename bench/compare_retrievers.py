"""Compare embedders and retrieval methods: the same table as `assistant eval --compare-retrievers`.

python bench/compare_retrievers.py [--questions eval/dev.jsonl]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.config import Settings
from assistant.evaluate.retrievers import compare_retrievers


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=Path, default=Path("eval/dev.jsonl"))
    args = parser.parse_args()
    print(compare_retrievers(Settings(), args.questions))


if __name__ == "__main__":
    main()
