"""Fusing the rankings of one search: dense, keyword, and the structural rankings that
what the question names adds (an asked year, a numbered unit, the kind of answer)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.cite.numbers import extract_figures, supported
from assistant.retrieve.fusion import reciprocal_rank_fusion
from assistant.retrieve.gate import KINDS, quoted_phrases
from assistant.text.normalize import in_both_scripts
from assistant.text.times import YEAR
from assistant.types import Chunk, Hit

# A chunk opens with a unit's name (「- **策略二：方向二：」) within this many characters.
NAME_WITHIN = 12
# Weight of each structural ranking (asked year, named strategy, dated passage) in fusion.
STRUCTURE_WEIGHT = 1.0
# A passage that dates something: "When...?" is answered by one of these.
DATE = re.compile(
    r"\d{4}\s*年(\s*\d{1,2}\s*月)?|(?:January|February|March|April|May|June|July"
    r"|August|September|October|November|December)\s+\d{4}"
)


# A figure per head or per thousand people: the question asks for one with these words,
# and a row's label says its figures are one with these (facts of the languages).
PER_ASKED = re.compile(
    r"人均|每人|每名|每個人|每个人|每位|每千|每一千|每\s*1,?000|平均每|按人口平均|密度"
    r"|\bper[\s-]+(?:head|capita|person|resident|inhabitant|1,?000|thousand)\b"
    r"|\b(?:for|out of)\s+(?:each|every)\b|\beach resident\b|\bdensity\b",
    re.I,
)
PER_LABEL = re.compile(
    r"人均|每千|每百|每萬|每万|每名|每人|\bper[\s-]+(?:capita|head|person|1,?000|thousand)\b", re.I
)


# Rows reordered by per_first: those among the best hits a reader sees.
PER_WITHIN = 5


def per_asked(question: str) -> bool:
    return bool(PER_ASKED.search(question))


def fused_hits(
    chunks: dict[str, Chunk],
    dense: list[tuple[str, float]],
    keyword: list[tuple[str, float]],
    years: tuple[str, ...],
    ordinals: list[str],
    kind: str | None = None,
    rrf_k: int = 60,
    dense_weight: float = 1.0,
    measures: list[str] | None = None,
    named: Sequence[str] = (),
) -> list[Hit]:
    """Dense and keyword rankings fused by reciprocal rank, with a structural ranking for
    each thing the question names: an asked year, a numbered unit, the kind of answer."""
    dense_rank = {cid: rank for rank, (cid, _) in enumerate(dense, start=1)}
    similarity = dict(dense)
    keyword_rank = {cid: rank for rank, (cid, _) in enumerate(keyword, start=1)}
    rankings = [[cid for cid, _ in dense], [cid for cid, _ in keyword]]
    weights = [dense_weight, 1.0]
    fused = reciprocal_rank_fusion(rankings, k=rrf_k, weights=weights)
    if years:
        # A question naming a year asks for a table value: rows with that year's
        # column form a third ranking, in their fused order.
        rankings.append([cid for cid, _ in fused if _row_has_year(chunks, cid, years)])
    if named:
        # The passages the question names by what it quotes (「土地供應緊張…」), or rows
        # by a figure it states ("16.54 is the 2027 value of which indicator?").
        # In their fused order; those outside the candidates after them.
        wanted = set(named)
        among = [cid for cid, _ in fused if cid in wanted]
        rankings.append(among + [cid for cid in named if cid not in set(among)])
    if ordinals:
        # "策略五" / "strategy 5" names a part of the Blueprint: the chunks that open
        # with that name form a ranking of their own, whatever the embedder thinks.
        rankings.append(_chunks_opening_with(chunks, ordinals))
    if kind in ("a date", "an amount of money", "a share", "a count of people"):
        # "When...?" is answered by a passage with a date in it, "how much" by one with
        # an amount, "what share" by one with a percentage or ratio, "how many people" by
        # a count of people: the passages that give the kind asked for form a ranking.
        # (Not for other counts: some figure is in most passages, and the gate asks the
        # best passage itself for one.)
        gives = DATE if kind == "a date" else KINDS[kind][1]
        rankings.append([cid for cid, _ in fused if gives.search(chunks[cid].passage)])
    if measures:
        # A question nearest by meaning to a measure may ask about one in other words than
        # its own: the units' items ranked by meaning alone form a ranking.
        rankings.append(measures)
    if len(rankings) > 2:
        weights += [STRUCTURE_WEIGHT] * (len(rankings) - 2)
        fused = reciprocal_rank_fusion(rankings, k=rrf_k, weights=weights)
    return [
        Hit(
            chunk=chunks[cid],
            score=score,
            dense_rank=dense_rank.get(cid),
            keyword_rank=keyword_rank.get(cid),
            dense_similarity=similarity.get(cid),
        )
        for cid, score in fused
        if cid in chunks
    ]


def per_first(hits: list[Hit], per: bool, within: int = PER_WITHIN) -> list[Hit]:
    """Among the rows of the best `within` hits, those of the asked sort (per head or not)
    come first, in their fused order; prose keeps its places. Per-head spending is not
    the total asked for, nor the count of workers their density per thousand."""
    slots = [k for k, hit in enumerate(hits[:within]) if hit.chunk.row is not None]
    rows = [hits[k] for k in slots]
    rows.sort(key=lambda hit: bool(PER_LABEL.search(hit.chunk.row.label)) is not per)  # type: ignore[union-attr]
    reordered = list(hits)
    for k, hit in zip(slots, rows, strict=True):
        reordered[k] = replace(hit, score=hits[k].score)  # a slot keeps its score
    return reordered


def _row_has_year(chunks: dict[str, Chunk], chunk_id: str, years: tuple[str, ...]) -> bool:
    row = chunks[chunk_id].row if chunk_id in chunks else None
    return row is not None and any(y in column for y in years for column in row.columns)


def named_by(chunks: dict[str, Chunk], question: str) -> list[str]:
    """The chunks a question names exactly: those holding every phrase it quotes, in
    either script, else the rows holding a figure it states."""
    phrases = [in_both_scripts(p) for p in quoted_phrases(question)]
    if phrases:
        return [
            chunk_id
            for chunk_id, chunk in chunks.items()
            if all(any(v in chunk.passage for v in variants) for variants in phrases)
        ]
    return rows_holding(chunks, question)


def rows_holding(chunks: dict[str, Chunk], question: str) -> list[str]:
    """The rows with a cell holding a figure the question states, years aside (「16.54」,
    「0.99%」). Every row is looked at, not only the candidates: the figure may be the
    only link between the question and its row."""
    figures = [f for f in extract_figures(question) if not YEAR.fullmatch(f.text.strip())]
    if not figures:
        return []
    found = []
    for chunk_id, chunk in chunks.items():
        if chunk.row is None:
            continue
        cells = [f for value in chunk.row.values for f in extract_figures(value)]
        if any(supported(figure, cells) for figure in figures):
            found.append(chunk_id)
    return found


def _chunks_opening_with(chunks: dict[str, Chunk], names: list[str]) -> list[str]:
    return [
        chunk_id
        for chunk_id, chunk in chunks.items()
        if any(name in chunk.passage[:NAME_WITHIN] for name in names)
    ]
