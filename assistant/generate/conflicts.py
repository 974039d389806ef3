"""Sources that disagree: one indicator and year, two different figures.

When a cited table row gives an indicator's value for the asked year and another passage
among the retrieved ones names the same indicator and year with a different figure of the
same kind (a percentage against a percentage, say), the answer says so and cites both,
each with its speaker. It never picks one silently. Passages flagged as instructions to
an AI are not sources.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from assistant.cite.numbers import extract_figures
from assistant.generate.evidence import cite
from assistant.ingest.injection import FLAG
from assistant.messages import CONFLICT_NOTE
from assistant.names import CorpusNames
from assistant.speakers import label
from assistant.text.normalize import without_number
from assistant.text.tokenize import tokenize
from assistant.types import Answer, Chunk, Citation

SAME_INDICATOR = 0.6  # share of the indicator label's words a passage must contain
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")


@dataclass(frozen=True)
class Stated:
    """A figure as one source states it; `span` is its sentence in the chunk's passage."""

    chunk: Chunk
    figure: str
    span: tuple[int, int]


@dataclass(frozen=True)
class Conflict:
    indicator: str
    year: str
    stated: tuple[Stated, ...]


def _stated_for_year(chunk: Chunk, year: str, kind: str, key: str) -> Stated | None:
    """A figure of `kind` other than `key`, in a sentence of the passage naming `year`."""
    for match in _SENTENCE.finditer(chunk.passage):
        if year not in match.group(0):
            continue
        for figure in extract_figures(match.group(0)):
            # A lone Chinese numeral (「一名」) is a word, not a stated value.
            written = any(ch.isdigit() for ch in figure.text) or len(figure.text) > 2
            if figure.key not in (year, key) and figure.kind == kind and written:
                span = (match.start(), match.end())
                return Stated(chunk, figure.text, span)
    return None


def _names_indicator(text: str, indicator: str) -> bool:
    words = set(tokenize(without_number(indicator)))  # prose never repeats 「4.1」
    return bool(words) and len(words & set(tokenize(text))) / len(words) >= SAME_INDICATOR


def find_conflicts(
    rows: Sequence[Chunk], others: Sequence[Chunk], years: Sequence[str]
) -> list[Conflict]:
    """Each (indicator, year) of a table row in `rows` that a passage in `others` states
    with a different figure. Flagged chunks take no part."""
    conflicts = []
    prose = [c for c in others if c.row is None and FLAG not in c.flags]
    for row_chunk in rows:
        row = row_chunk.row
        if row is None or FLAG in row_chunk.flags:
            continue
        for year in years:
            column = next((i for i, h in enumerate(row.columns) if h.startswith(year)), None)
            value = extract_figures(row.values[column]) if column is not None else []
            if column is None or not value:
                continue
            stated = [Stated(row_chunk, row.values[column].strip(), (0, len(row_chunk.passage)))]
            for other in prose:
                if _names_indicator(other.passage, row.label):
                    rival = _stated_for_year(other, year, value[0].kind, value[0].key)
                    stated += [rival] if rival else []
            if len(stated) > 1:
                conflicts.append(Conflict(row.label, year, tuple(stated)))
    return conflicts


def _line(
    conflict: Conflict, numbers: Mapping[str, int], language: str, names: CorpusNames | None
) -> str:
    stated = "; ".join(
        f"{s.figure} [{numbers[s.chunk.chunk_id]}] ({label(s.chunk.speaker, language, names)})"
        for s in conflict.stated
    )
    template = CONFLICT_NOTE.get(language, CONFLICT_NOTE["en"])
    return "\n" + template.format(indicator=conflict.indicator, year=conflict.year, stated=stated)


def conflict_note(
    citations: Sequence[Citation],
    chunks: Mapping[str, Chunk],
    years: Sequence[str],
    language: str,
    names: CorpusNames | None = None,
) -> str:
    """ "" when the cited sources agree; otherwise one line per disagreement, to append."""
    numbers: dict[str, int] = {}
    for c in citations:
        numbers.setdefault(c.chunk_id, c.n)
    cited = [chunks[i] for i in numbers if i in chunks]
    conflicts = find_conflicts(cited, cited, years)
    return "".join(_line(conflict, numbers, language, names) for conflict in conflicts)


def add_conflicts(
    answer: Answer,
    chunks: Mapping[str, Chunk],
    documents: dict[str, str],
    years: Sequence[str],
    language: str,
    names: CorpusNames | None = None,
) -> Answer:
    """The answer with every retrieved passage that disagrees with a cited row cited too,
    and a line that says so."""
    citations = list(answer.citations)
    cited_ids = list(dict.fromkeys(c.chunk_id for c in citations))
    retrieved = [chunks[r["chunk_id"]] for r in answer.retrieved if r["chunk_id"] in chunks]
    rows = [chunks[i] for i in cited_ids if i in chunks]
    for conflict in find_conflicts(rows, retrieved, years):
        for stated in conflict.stated:
            if stated.chunk.chunk_id not in {c.chunk_id for c in citations}:
                n = len(citations) + 1
                citations.append(cite(n, stated.chunk, *stated.span, documents))
    note = conflict_note(citations, chunks, years, language, names)
    return replace(answer, citations=tuple(citations), answer=answer.answer + note)
