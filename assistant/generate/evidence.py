"""The evidence answer: exact quotes from retrieval, with a plain lead where the fact is
plain (a value read off the matched table row). No model is involved.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.generate.quotes import best_quote, segments
from assistant.generate.shapes import Shape, decide_shape
from assistant.retrieve.hybrid import Retrieval
from assistant.retrieve.query import Query
from assistant.text.language import Language
from assistant.types import Answer, Chunk, Citation, Hit, TableRow

REFUSAL = {
    "zh-Hant": "文件沒有涵蓋這個問題，無法根據文件回答。",
    "zh-Hans": "文件没有涵盖这个问题，无法根据文件回答。",
    "en": "The documents don't cover this question, so I can't answer it from them.",
}
INTRO = {
    "zh-Hant": "文件中的相關段落（原文引錄）：",
    "zh-Hans": "文件中的相关段落（原文引录）：",
    "en": "Relevant passages from the documents (quoted verbatim):",
}
SUMMARY_NOTE = {
    "zh-Hant": "（據廠商會附件摘要）",
    "zh-Hans": "（据厂商会附件摘要）",
    "en": " (from the association's annex summarising the Blueprint)",
}
NOT_SAID = {
    "zh-Hant": "廠商會的評論沒有談及這一點；《藍圖》本身的內容並非廠商會的意見。",
    "zh-Hans": "厂商会的评论没有谈及这一点；《蓝图》本身的内容并非厂商会的意见。",
    "en": "The association's commentary says nothing on this point; the Blueprint's own "
    "plans are not the association's view.",
}
NOT_IN = {
    "zh-Hant": "文件沒有提到這一部分。",
    "zh-Hans": "文件没有提到这一部分。",
    "en": "The documents don't give this part.",
}
LISTED = {
    "zh-Hant": "文件按次序列出：",
    "zh-Hans": "文件按次序列出：",
    "en": "In the documents' order:",
}
ASKED = {"zh-Hant": "與問題相關", "zh-Hans": "与问题相关", "en": "Asked about"}
MAX_CITATIONS = 3
RELATIVE_SCORE = 0.6


def column_for(row: TableRow, years: Sequence[str]) -> int | None:
    """The column whose header names one of the asked years (2027 or its data year 2025)."""
    for year in years:
        for i, header in enumerate(row.columns):
            if year in header:
                return i
    return None


def lead_line(row: TableRow, years: Sequence[str], language: Language, speaker: str) -> str:
    column = column_for(row, years)
    pairs = (
        [(row.columns[column], row.values[column])]
        if column is not None
        else list(zip(row.columns, row.values, strict=False))
    )
    note = SUMMARY_NOTE[language] if speaker == "government_summary" else ""
    if language == "en":
        values = "; ".join(f'"{col}": {val}' for col, val in pairs)
        return f'Blueprint indicator "{row.label}"{note} — {values} [1].'
    separator = "；"
    values = separator.join(f"「{col}」為 {val}" for col, val in pairs)
    if language == "zh-Hans":
        values = separator.join(f"「{col}」为 {val}" for col, val in pairs)
        return f"《蓝图》指标「{row.label}」{note}：{values} [1]。"
    return f"《藍圖》指標「{row.label}」{note}：{values} [1]。"


def unit_line(name: str, language: Language, speaker: str) -> str:
    """Name the strategy or direction an answer rests on, in the document's own words."""
    note = SUMMARY_NOTE[language] if speaker == "government_summary" else ""
    if language == "en":
        return f'From the Blueprint{note}: "{name}"'
    blueprint = "《蓝图》" if language == "zh-Hans" else "《藍圖》"
    return f"{blueprint}{note}：「{name}」"


def select_hits(hits: Sequence[Hit]) -> list[Hit]:
    """Top hits whose fused score is close to the best one, at most MAX_CITATIONS."""
    if not hits:
        return []
    floor = hits[0].score * RELATIVE_SCORE
    return [hit for hit in hits[:MAX_CITATIONS] if hit.score >= floor]


def evidence_answer(
    question: str,
    query: Query,
    query_tokens: Sequence[str],
    retrieval: Retrieval,
    language: Language,
    documents: dict[str, str],
    chunks: dict[str, Chunk] | None = None,
    speakers: Sequence[str] = (),
) -> Answer:
    """Build the answer and its citations; every quote is checked against its source."""
    if not retrieval.gate.covered:
        message = NOT_SAID[language] if "association" in speakers else REFUSAL[language]
        return Answer(question, message, True, "evidence", language, query=query.text)
    shape = decide_shape(query.text, query_tokens, retrieval.hits, chunks or {})
    if shape.kind in ("unit", "enumeration"):
        lines, citations = _listed(shape, language, documents)
    else:
        lines, citations = _passages(retrieval.hits, query, query_tokens, language, documents)
    return Answer(
        question, "\n".join(lines), False, "evidence", language, citations, query=query.text
    )


def _passages(
    hits: Sequence[Hit],
    query: Query,
    query_tokens: Sequence[str],
    language: Language,
    documents: dict[str, str],
) -> tuple[list[str], list[Citation]]:
    """The best passages, each quoted where it best answers; a table figure or a measure
    gets a plain lead first."""
    citations = []
    for n, hit in enumerate(select_hits(hits), start=1):
        start, end = best_quote(hit.chunk, query_tokens, query.years)
        citations.append(cite(n, hit.chunk, start, end, documents))
    lines = []
    top = hits[0].chunk
    if top.row is not None:
        lines.append(lead_line(top.row, query.years, language, top.speaker))
    elif top.kind == "item":
        role = "" if top.role == "title" else f"（{top.role}）"
        lines.append(unit_line(top.group, language, top.speaker) + role)
    else:
        lines.append(INTRO[language])
    lines.extend(_quote_line(c) for c in citations)
    return lines, citations


def _listed(
    shape: Shape, language: Language, documents: dict[str, str]
) -> tuple[list[str], list[Citation]]:
    """A unit (its title, then its items under their column headers) or every unit of a
    kind, in the document's order; each line quoted and cited."""
    citations: list[Citation] = []
    lines: list[str] = []
    first = shape.chunks[0]
    if shape.kind == "unit":
        lines.append(unit_line(first.group, language, first.speaker))
        order = [*shape.focus, *[c for c in shape.chunks if c not in shape.focus]]
    else:
        note = SUMMARY_NOTE[language] if first.speaker == "government_summary" else ""
        lines.append(f"{LISTED[language]}{note}")
        order = list(shape.chunks)
    heading = ""
    for chunk in order:
        spans = segments(chunk)
        for start, end in spans:
            citation = cite(len(citations) + 1, chunk, start, end, documents)
            citations.append(citation)
            label = chunk.role if chunk.role and chunk.role != "title" else ""
            if shape.kind == "unit" and chunk in shape.focus:
                label = f"{ASKED[language]}（{chunk.role}）" if chunk.role else ASKED[language]
            if label and label != heading:
                lines.append(f"{label}：")
                heading = label
            lines.append(f"[{citation.n}] 「{citation.quote.strip()}」")
    return lines, citations


def _quote_line(c: Citation) -> str:
    return f"[{c.n}] 「{c.quote.strip()}」" + (
        f"（{c.section.split(' > ')[-1]}）" if c.section else ""
    )


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
    )
