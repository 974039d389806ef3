"""Measures asked about in other words: the units' items (a strategy's ➢ measures, a
direction's points) ranked by meaning.

An item is a short line ("加強資助年輕科研學者") and a member asks about it in a sentence
of their own ("will young researchers get more funding?"). One embedder alone often
puts a neighbouring item first; two embedders trained apart disagree in different
places, so their agreement ranks items better. Each model's similarities are turned into
z-scores over the index's items (their scales differ: e5's cosines sit in a narrow high
band) and summed.

Both embedders are asked with the text the dense search embeds (the question without the
corpus's common words), each in the better of its two scripts. Measured on the tuning
splits' measure questions (`python bench/item_ranks.py`: 124 questions, the expected
item's rank among all items): both embedders top-1 0.605, top-3 0.766, top-5 0.823; USE
alone 0.468, 0.605, 0.677; e5 alone 0.524, 0.702, 0.766. Asking e5 with the question as
written, and USE in the member's script only (the eighth session's version): 0.589,
0.685, 0.742.

The items' vectors are computed once per index version, on the first question that
asks for a measure (about 70 items: under a second on two cores).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import cached_property
from typing import Literal

import numpy as np

from assistant.embed.base import Embedder
from assistant.text.normalize import in_both_scripts
from assistant.types import Chunk, Hit


class ItemMeanings:
    def __init__(self, chunks: Mapping[str, Chunk], first: Embedder, second: Embedder) -> None:
        self._items = [c for c in chunks.values() if c.kind == "item"]
        self._first, self._second = first, second

    @cached_property
    def _vectors(self) -> tuple[np.ndarray, np.ndarray]:
        texts = [c.index_text for c in self._items]
        return (
            np.asarray(self._first.embed_documents(texts), dtype=np.float32),
            np.asarray(self._second.embed_documents(texts), dtype=np.float32),
        )

    def ranking(self, dense_text: str, only: Literal["", "first", "second"] = "") -> list[str]:
        """Every item's id, best first, for `dense_text`: what the dense search searched
        with (the question without the corpus's common words). Each embedder scores an
        item by the better of the text's two scripts, as the dense search does. `only`
        ("first" or "second") ranks by one embedder alone, for comparison."""
        if len(self._items) < 2:
            return [c.chunk_id for c in self._items]
        first, second = self._vectors
        score = np.zeros(len(self._items), dtype=np.float32)
        if only != "second":
            score += _z(_best(first, self._first, dense_text))
        if only != "first":
            score += _z(_best(second, self._second, dense_text))
        return [self._items[i].chunk_id for i in np.argsort(-score, kind="stable")]


def _best(vectors: np.ndarray, embedder: Embedder, text: str) -> np.ndarray:
    """Each item's similarity to `text` in its better script."""
    queries = [np.asarray(embedder.embed_query(t), dtype=np.float32) for t in in_both_scripts(text)]
    return np.max(np.stack([vectors @ q for q in queries]), axis=0)


def _z(similarities: np.ndarray) -> np.ndarray:
    spread = float(similarities.std())
    return (similarities - similarities.mean()) / (spread if spread > 0 else 1.0)


def measures_ranking(
    chunks: Mapping[str, Chunk],
    dense: list[tuple[str, float]],
    depth: int,
    meanings: ItemMeanings | None,
    dense_text: str,
) -> list[str]:
    """The units' items as a ranking of their own, when the question's nearest passage by
    meaning is one: a question asking for no figure or date may ask for a measure in words
    other than its own. (Chosen on dev, dev3 and dev4: with any item among the best five
    instead, answers from the commentary's prose lost their place to measures; dev 256 ->
    249.) Ranked by both embedders when a second one is configured, else by the first."""
    items = [cid for cid, _ in dense if cid in chunks and chunks[cid].kind == "item"]
    if not items or dense[0][0] != items[0]:
        return []
    if meanings is None:
        return items[:depth]
    return meanings.ranking(dense_text)[:depth]


def in_order_of(hits: list[Hit], measures: list[str]) -> list[Hit]:
    """The hits with their items re-ordered by meaning: the places items hold in the fused
    list are filled with them in the order of `measures` (fusion by reciprocal rank barely
    tells the first item from the third; the two embedders' agreement does). A place
    keeps its score: the answer shows the hits scoring close to the first, and an item
    moved up by meaning had been cut by its old, lower score."""
    order = {cid: rank for rank, cid in enumerate(measures)}
    items = [h for h in hits if h.chunk.chunk_id in order]
    items.sort(key=lambda h: order[h.chunk.chunk_id])
    queue = iter(items)
    return [replace(next(queue), score=h.score) if h.chunk.chunk_id in order else h for h in hits]
