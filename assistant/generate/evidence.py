"""The evidence answer: exact quotes from retrieval, with a plain lead where the fact is
plain (a value read off the matched table row). No model is involved.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.generate import restated, row_fit
from assistant.generate.quotes import best_quote, segments
from assistant.generate.shapes import Shape, decide_shape, numbered_name
from assistant.index.units import Units
from assistant.ingest.injection import FLAG
from assistant.messages import (
    ASKED,
    CELL_SEPARATOR,
    FLAGGED,
    FROM_THE_DOCUMENT,
    LISTED,
    NAMED_SOURCE,
    NOT_SAID,
    REFUSAL,
    RESTATED,
    TABLE_CELL,
    TABLE_LEAD,
    THE_DOCUMENT,
    UNIT_LINE,
)
from assistant.names import NO_NAMES, CorpusNames
from assistant.retrieve.analysis import QueryAnalysis
from assistant.retrieve.hybrid import Retrieval
from assistant.text import table_rows
from assistant.text.language import Language
from assistant.text.normalize import without_number
from assistant.text.table_rows import columns_for
from assistant.types import Answer, Chunk, Citation, Hit

# At most this many passages are quoted, and only those whose fused score is at least
# RELATIVE_SCORE of the best one's: a passage far behind the best is noise to a reader.
MAX_CITATIONS = 3
RELATIVE_SCORE = 0.6


def cell_spans(chunk: Chunk) -> list[tuple[int, int]]:
    """Each cell's words in a table row's passage (separators and padding left out)."""
    return table_rows.cell_spans(chunk.passage)


def table_lead(
    chunk: Chunk,
    years: Sequence[str],
    language: Language,
    documents: dict[str, str],
    first_n: int = 1,
    names: CorpusNames = NO_NAMES,
) -> tuple[str, list[Citation]]:
    """「indicator」[n]: 「column」 is 「value」[m], each value quoted from its own cell (its
    citation carries the column headers), so every figure can be checked from its quote."""
    row = chunk.row
    assert row is not None
    cells = cell_spans(chunk)
    values = cells[len(cells) - len(row.columns) :]
    label_cells = [c for c in cells[: len(cells) - len(row.columns)] if c[1] > c[0]]
    label_span = max(label_cells, key=lambda c: c[1] - c[0])
    citations = [cite(first_n, chunk, *label_span, documents)]
    pairs = []
    for column in columns_for(row, years):
        if column >= len(values) or values[column][1] <= values[column][0]:
            continue
        citation = cite(first_n + len(citations), chunk, *values[column], documents)
        citations.append(citation)
        pairs.append((row.columns[column], citation))
    note = names.summary_note(chunk, language)
    label = citations[0].quote
    source = names.of(chunk, language) or THE_DOCUMENT[language]
    stated = CELL_SEPARATOR[language].join(
        TABLE_CELL[language].format(column=column, value=c.quote, n=c.n) for column, c in pairs
    )
    lead = TABLE_LEAD[language].format(
        source=source, label=label, n=first_n, note=note, stated=stated
    )
    return lead, citations


def unit_line(name: str, language: Language, chunk: Chunk, n: int, names: CorpusNames) -> str:
    """Name the strategy or direction an answer rests on, in the document's own words, and
    where it comes from by the name its document declares (names.py)."""
    declared = names.of(chunk, language)
    source = NAMED_SOURCE[language].format(name=declared) if declared else ""
    return UNIT_LINE[language].format(
        source=source or FROM_THE_DOCUMENT[language],
        note=names.summary_note(chunk, language),
        name=name,
        n=n,
    )


def select_hits(hits: Sequence[Hit]) -> list[Hit]:
    """Top hits whose fused score is close to the best one, at most MAX_CITATIONS."""
    if not hits:
        return []
    floor = hits[0].score * RELATIVE_SCORE
    return [hit for hit in hits[:MAX_CITATIONS] if hit.score >= floor]


def evidence_answer(
    question: str,
    retrieval: Retrieval,
    documents: dict[str, str],
    units: Units | None = None,
    names: CorpusNames = NO_NAMES,
) -> Answer:
    """Build the answer and its citations; every quote is checked against its source."""
    query = retrieval.analysis
    language = query.language
    if not retrieval.gate.covered:
        message = REFUSAL[language]
        if "association" in query.speakers:
            message = NOT_SAID[language].format(**names.sides(language))
        return Answer(
            question, message, True, "evidence", language, query=query.text, asks=query.asks
        )
    top = retrieval.hits[0].chunk
    if top.row is not None:
        unanswered = row_fit.refusal(question, retrieval.hits[:MAX_CITATIONS], query)
        if unanswered is not None:
            return unanswered
    shape = decide_shape(query, retrieval.hits, units)
    if shape.kind in ("unit", "enumeration"):
        lines, citations = _listed(shape, language, documents, names)
        if units is not None:
            lines += _restated(shape, units, language, documents, citations)
    else:
        lines, citations = _passages(retrieval.hits, query, documents, units, names)
    asks = query.asks
    if asks != "comparison" and shape.kind != "passages":
        asks = "strategy"  # the answer is a unit or one of its items
    elif asks != "comparison" and top.row is not None:
        asks = "target"  # the answer is an indicator's row
    return Answer(
        question,
        "\n".join(lines),
        False,
        "evidence",
        language,
        tuple(citations),
        query=query.text,
        asks=asks,
    )


def _passages(
    hits: Sequence[Hit],
    query: QueryAnalysis,
    documents: dict[str, str],
    units: Units | None,
    names: CorpusNames,
) -> tuple[list[str], list[Citation]]:
    """The best passages, each quoted where it best answers, the best one first. A table
    row leads with the asked column's value; a measure names the unit it belongs to."""
    language, query_tokens = query.language, query.terms.topic
    lines: list[str] = []
    citations: list[Citation] = []
    shown_ids: set[str] = set()
    for rank, hit in enumerate(select_hits(hits)):
        chunk, n = hit.chunk, len(citations) + 1
        if chunk.chunk_id in shown_ids:
            continue
        shown_ids.add(chunk.chunk_id)
        if chunk.row is not None and FLAG not in chunk.flags:  # rows state the asked value
            lead, cited = table_lead(chunk, query.years, language, documents, n, names)
            lines.append(lead)
            citations.extend(cited)
            continue
        citation = cite(
            n,
            chunk,
            *best_quote(chunk, query_tokens, query.years, query.terms.equivalents),
            documents,
        )
        citations.append(citation)
        lines.append(_quote_line(citation, language))
        if rank == 0 and chunk.kind == "item" and chunk.role != "title" and units is not None:
            # A measure's partners on the same table line (a target and the proposals
            # that serve it) belong to its answer.
            for partner in units.same_line(chunk):
                shown_ids.add(partner.chunk_id)
                extra = cite(len(citations) + 1, partner, 0, len(partner.passage), documents)
                citations.append(extra)
                lines.append(f"- {partner.role}：「{shown(extra.quote)}」[{extra.n}]")
    return lines, citations


def _listed(
    shape: Shape, language: Language, documents: dict[str, str], names: CorpusNames
) -> tuple[list[str], list[Citation]]:
    """A unit (its name, then its items under their column headers, the asked ones first)
    or every unit of a kind, in the document's order; each line quoted and cited."""
    citations: list[Citation] = []
    lines: list[str] = []
    first = shape.chunks[0]
    if shape.kind == "unit":
        # Each unit's name first, then the items asked about, then the rest of it.
        order = [c for c in shape.chunks if c.role == "title"]
        order = [
            c
            for title in order or [first]
            for c in ([title] if title.role == "title" else [])
            + [f for f in shape.focus if f.group == title.group]
            + [
                c
                for c in shape.chunks
                if c.group == title.group and c.role != "title" and c not in shape.focus
            ]
        ] or list(shape.chunks)
    else:
        note = names.summary_note(first, language)
        lines.append(f"{LISTED[language]}{note}")
        order = list(shape.chunks)
    heading = ""
    for chunk in order:
        for k, (start, end) in enumerate(segments(chunk)):
            citation = cite(len(citations) + 1, chunk, start, end, documents)
            citations.append(citation)
            quoted = f"「{shown(citation.quote)}」[{citation.n}]"
            if shape.kind == "unit" and chunk.role == "title" and k == 0:
                lines.append(unit_line(shown(citation.quote), language, chunk, citation.n, names))
                heading = ""
                continue
            label = chunk.role if chunk.role and chunk.role != "title" else ""
            if shape.kind == "unit" and chunk in shape.focus:
                label = f"{ASKED[language]}（{chunk.role}）" if chunk.role else ASKED[language]
            if label and label != heading:
                lines.append(f"{label}：")
                heading = label
            lines.append(f"- {quoted}")
    return lines, citations


def _restated(
    shape: Shape, units: Units, language: Language, documents: dict[str, str], cited: list[Citation]
) -> list[str]:
    """A note when a listed unit repeats an earlier one's name, quoting the document's own
    prose that lists them (generate/restated.py); `cited` gains its citation."""
    found = restated.clash(shape.chunks, units)
    if found is None:
        return []
    later, earlier, (chunk, start, end) = found
    citation = cite(len(cited) + 1, chunk, start, end, documents)
    cited.append(citation)
    words = {"later": numbered_name(later.group), "earlier": numbered_name(earlier.group)}
    return [RESTATED[language].format(**words, quote=shown(citation.quote), n=citation.n)]


def _quote_line(c: Citation, language: Language) -> str:
    """「quote」[n] (where it sits): a measure names its unit, other text its section."""
    if FLAG in c.flags:  # text addressed to an AI is not quoted as the document's fact
        return f"{FLAGGED[language]}[{c.n}]"
    where = without_number(c.section.split(" > ")[-1]) if c.section else ""
    return f"「{shown(c.quote)}」[{c.n}]" + (f"（{where}）" if where else "")


def shown(quote: str) -> str:
    """A quote on one line: a line break the source left inside a sentence is layout (the
    citation keeps the exact text); between Chinese characters it disappears."""
    joined = re.sub(
        r"(?<=[\u3000-\u9fff\uff00-\uffef])\s*\n\s*(?=[\u3000-\u9fff\uff00-\uffef])",
        "",
        quote.strip(),
    )
    return re.sub(r"\s*\n\s*", " ", joined)


def cite(n: int, chunk: Chunk, start: int, end: int, documents: dict[str, str]) -> Citation:
    """A citation of `chunk.passage[start:end]`, checked against the stored source text."""
    quote = chunk.passage[start:end]
    absolute = (chunk.start + start, chunk.start + end)
    if documents.get(chunk.doc_id, "")[absolute[0] : absolute[1]] != quote:
        raise RuntimeError(f"Quote for {chunk.chunk_id} does not match its source text.")
    return Citation(
        n=n,
        chunk_id=chunk.chunk_id,
        doc_title=chunk.doc_title,
        speaker=chunk.speaker,
        section=" > ".join(chunk.section),
        quote=quote,
        passage=chunk.passage,
        start=absolute[0],
        end=absolute[1],
        context=" | ".join(chunk.row.columns) if chunk.row is not None else "",
        flags=chunk.flags,
    )
