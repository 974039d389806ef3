"""Where the expected measure ranks among the units' items, on the tuning splits.

    python bench/item_ranks.py [--splits dev,dev3,dev4,dev5,dev6]

For every answerable question tagged `measure` whose expected item is one of the index's
items (its anchor, or its first expected phrase, inside the item), the item's rank among
all items by the ranking the retriever uses for measures (retrieve/measures.py: both
embedders, on the dense search's text), and by each embedder alone. Prints top-1, top-3
and top-5 shares. Held-out splits are refused: they are reported by `assistant eval`.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from assistant.config import Settings
from assistant.evaluate.splits import assistant_for, load_splits
from assistant.pipeline import Assistant
from assistant.retrieve.hybrid import HybridRetriever, dense_text_of
from assistant.retrieve.query import Query


def ranks(retriever: HybridRetriever, path: str) -> dict[str, list[int]]:
    meanings = retriever.meanings
    if meanings is None:
        raise SystemExit("No item embedder is configured (ASSISTANT_ITEM_EMBEDDER=none?).")
    items = [c for c in retriever.index.chunks.values() if c.kind == "item"]
    found: dict[str, list[int]] = {"both": [], "first": [], "second": []}
    for line in Path(path).read_text("utf-8").splitlines():
        q = json.loads(line)
        if "measure" not in q.get("tags", []) or q.get("refuse") or not q.get("expect"):
            continue
        anchor = q.get("anchor", "").lstrip("➢ ").strip()
        expected = {
            c.chunk_id
            for c in items
            if (anchor and anchor in c.index_text) or q["expect"][0] in c.index_text
        }
        if not expected:
            continue
        text = dense_text_of(retriever, retriever.analyse(Query(q["question"], (), False)))
        orders = {
            "both": meanings.ranking(text),
            "first": meanings.ranking(text, only="first"),
            "second": meanings.ranking(text, only="second"),
        }
        for name, order in orders.items():
            found[name].append(min(order.index(cid) for cid in expected))
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--splits", default="dev,dev3,dev4,dev5,dev6")
    args = parser.parse_args()
    splits = load_splits()
    totals: dict[str, list[int]] = {"both": [], "first": [], "second": []}
    for name in args.splits.split(","):
        split = splits[name]
        if split.held_out:
            parser.error(f"{name} is held out: report it with `assistant eval`, not here")
        assistant = assistant_for(split, Assistant(Settings()))
        for key, found in ranks(assistant.retriever, str(split.questions)).items():
            totals[key] += found
    print(f"{len(totals['both'])} measure questions ({args.splits})")
    print("| ranking | top-1 | top-3 | top-5 |\n|---|---|---|---|")
    for key, label in (("both", "both embedders"), ("first", "USE alone"), ("second", "e5 alone")):
        r = np.array(totals[key])
        print(f"| {label} | {np.mean(r == 0):.3f} | {np.mean(r < 3):.3f} | {np.mean(r < 5):.3f} |")


if __name__ == "__main__":
    main()
