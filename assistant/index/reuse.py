"""What a new version can take from the live one: vectors (by segment) and token lists.

Nothing here is copied: a reused vector stays in the segment that holds it and the new
version only names that segment. Only new texts are embedded, into one new segment; a
segment that has become mostly dead, or one too many, is merged away (its owned vectors
read back once, never embedded again).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.embed.base import Embedder, Vector
from assistant.index.segments import Progress, Segments
from assistant.text.tokenize import tokenize

# More segments than this and every question asks more collections: merge the smallest.
MAX_SEGMENTS = 4
# A segment whose keys are mostly not the version's own makes each search ask for many
# results it throws away: past this share it is merged (its owned vectors copied once).
MAX_DEAD_SHARE = 0.5
EMBED_BATCH = 64


@dataclass
class Previous:
    """The live version's keys, their segments and token lists (empty: nothing to reuse)."""

    segment_of: dict[str, str] = field(default_factory=dict)  # key -> segment
    tokens: dict[str, list[str]] = field(default_factory=dict)  # key -> token list


def previous_version(
    folder: Path | None,
    manifest: dict[str, Any] | None,
    segments: Segments,
    embedder: Embedder,
    tokenizer: str,
) -> Previous:
    """Read what the live version (its folder and manifest) offers to the next build."""
    previous = Previous()
    if folder is None or manifest is None or "segments" not in manifest:
        return previous
    if manifest["embedder"]["id"] != embedder.id:
        return previous
    keys = json.loads((folder / "keys.json").read_text("utf-8"))
    owned = set(keys)
    for part in manifest["segments"]:
        if segments.complete(part["id"]):
            for key in segments.keys(part["id"]):
                if key in owned:
                    previous.segment_of.setdefault(key, part["id"])
    if manifest.get("tokenizer") == tokenizer:
        tokens = json.loads((folder / "tokens.json").read_text("utf-8"))
        previous.tokens = dict(zip(keys, tokens, strict=True))
    return previous


def add_unclaimed(previous: Previous, segments: Segments, named: set[str]) -> None:
    """Also offer the keys of complete segments that no version names: what a build that
    crashed or was killed after storing its vectors left behind. The next build takes them
    instead of embedding again (a 100k-chunk build need not start over)."""
    for segment in segments.unclaimed(named):
        for key in segments.keys(segment):
            previous.segment_of.setdefault(key, segment)


def place_vectors(
    keys: Sequence[str],
    texts: Sequence[str],
    previous: Previous,
    segments: Segments,
    embedder: Embedder,
    known: dict[int, Vector],
    progress: Progress | None = None,
) -> tuple[dict[str, str], dict[str, Vector]]:
    """Each distinct key -> the segment that holds its vector. New texts are embedded (or
    taken from `known`, by position) into one new segment. Returns the placement and the
    vectors made here (for the smoke test)."""
    placed: dict[str, str] = {}
    missing: dict[str, int] = {}
    for i, key in enumerate(keys):
        if key in previous.segment_of:
            placed[key] = previous.segment_of[key]
        elif key not in missing:
            missing[key] = i
    fresh: dict[str, Vector] = {}
    to_embed = [i for i in missing.values() if i not in known]
    for i in missing.values():
        if i in known:
            fresh[keys[i]] = known[i]
    for start in range(0, len(to_embed), EMBED_BATCH):
        batch = to_embed[start : start + EMBED_BATCH]
        for i, vector in zip(
            batch, embedder.embed_documents([texts[i] for i in batch]), strict=True
        ):
            fresh[keys[i]] = vector
        if progress:
            progress("embed", min(start + EMBED_BATCH, len(to_embed)), len(to_embed))
    if missing:
        new_keys = list(missing)
        segment = segments.create(new_keys, [fresh[k] for k in new_keys], progress)
        placed.update(dict.fromkeys(new_keys, segment))
    return _compact(placed, segments, progress), fresh


def _compact(
    placed: dict[str, str], segments: Segments, progress: Progress | None
) -> dict[str, str]:
    """Merge mostly-dead segments and those whose graph was not written whole (made
    before `VectorIndex` wrote it once: their log tail is re-inserted by every process and
    searches missed it), then the smallest while there are too many."""
    owned: dict[str, list[str]] = {}
    for key, segment in placed.items():
        owned.setdefault(segment, []).append(key)

    def rewrite(s: str) -> bool:
        dead = 1 - len(owned[s]) / len(segments.keys(s)) > MAX_DEAD_SHARE
        return dead or not segments.collection(s).written_whole()

    merge = [s for s in owned if rewrite(s)]
    rest = sorted((s for s in owned if s not in merge), key=lambda s: len(owned[s]))
    while len(rest) + (1 if merge else 0) > MAX_SEGMENTS:
        merge.append(rest.pop(0))
    if len(merge) < 2 and not any(rewrite(s) for s in merge):
        return placed
    keys: list[str] = []
    vectors: list[Vector] = []
    for segment in merge:
        found = segments.vectors(segment, owned[segment])
        keys += owned[segment]
        vectors += [found[k] for k in owned[segment]]
    merged = segments.create(keys, vectors, progress)
    return {**placed, **dict.fromkeys(keys, merged)}


def reuse_tokens(
    keys: Sequence[str],
    texts: Sequence[str],
    previous: Previous,
    progress: Progress | None,
) -> list[list[str]]:
    tokens = []
    for i, (key, text) in enumerate(zip(keys, texts, strict=True)):
        tokens.append(previous.tokens.get(key) or tokenize(text))
        if progress and (i + 1) % 1000 == 0:
            progress("tokenize", i + 1, len(texts))
    return tokens
