"""The question splits (eval/splits.json) and the index each one runs on.

`dev` runs on the live index: what members get. `test` adds documents the defaults were
never built on (`eval/test-corpus/`), so it runs on its own index beside the live one,
built (incrementally) from the live corpus plus those documents.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import InputError
from assistant.pipeline import Assistant

ROOT = Path(__file__).resolve().parents[2]
SPLITS = ROOT / "eval" / "splits.json"


@dataclass(frozen=True)
class Split:
    name: str
    questions: Path
    corpus: tuple[Path, ...]  # added to the live corpus for this split


def load_splits(path: Path = SPLITS) -> dict[str, Split]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"Cannot read the split list {path}: {exc}") from exc
    return {
        name: Split(
            name,
            ROOT / spec["questions"],
            tuple(ROOT / extra for extra in spec.get("corpus", [])),
        )
        for name, spec in data.items()
        if not name.startswith("_")
    }


def assistant_for(split: Split, live: Assistant) -> Assistant:
    """The live assistant, or one over the live corpus plus the split's own documents."""
    if not split.corpus:
        return live
    settings = live.settings
    index_dir = settings.index_dir.with_name(f"{settings.index_dir.name}-eval-{split.name}")
    assistant = Assistant(
        settings.model_copy(
            update={"index_dir": index_dir, "answer_log": index_dir / "answers.jsonl"}
        ),
        models=live.models,
    )
    assistant.ingest([settings.corpus_dir, *split.corpus])
    return assistant
