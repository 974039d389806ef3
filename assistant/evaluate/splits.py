"""The question splits (eval/splits.json) and the index each one runs on.

`dev` runs on the live index: what members get. `test` adds documents the defaults were
never built on (`eval/test-corpus/`), so it runs on its own index beside the live one,
built (incrementally) from the live corpus plus those documents.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import InputError
from assistant.ingest.uploads import source_folders
from assistant.pipeline import Assistant

ROOT = Path(__file__).resolve().parents[2]
SPLITS = ROOT / "eval" / "splits.json"


@dataclass(frozen=True)
class Split:
    name: str
    questions: Path
    corpus: tuple[Path, ...]  # added to the live corpus for this split
    held_out: bool = False  # reported, never tuned on: the console shows only its figures


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
            bool(spec.get("held_out", False)),
        )
        for name, spec in data.items()
        if not name.startswith("_")
    }


def split_assistants(splits: Sequence[Split], live: Assistant) -> Iterator[tuple[Split, Assistant]]:
    """Each split with the assistant it runs on. When any runs on the live index, that
    index is checked once, before the first split runs (require_current)."""
    if any(not split.corpus for split in splits):
        require_current(live)
    for split in splits:
        yield split, assistant_for(split, live)


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


def require_current(live: Assistant) -> None:
    """A split without documents of its own is measured on the live index: refuse when the
    corpus folder (or the staff uploads) changed since it was built, or the figures would
    describe the old documents."""
    settings = live.settings
    changes = live.indexer.pending(source_folders(settings.corpus_dir, settings.uploads_dir))
    stale = {"added": changes.added, "changed": changes.changed, "removed": changes.removed}
    if any(stale.values()):
        listed = "; ".join(f"{k}: {', '.join(v)}" for k, v in stale.items() if v)
        raise InputError(
            f"The live index is not the corpus as it is now ({listed}). Run `assistant "
            "ingest` first, or the eval would measure the documents as they were."
        )
