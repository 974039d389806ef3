"""The evidence answer: exact quotes from retrieval, with a plain lead where the fact is
plain (a value read off the matched table row). No model is involved.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.generate.quotes import best_quote
from assistant.retrieve.hybrid import Retrieval
from assistant.retrieve.query import Query
from assistant.text.language import Language
from assistant.types import Answer, Citation, Hit, TableRow

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


def strategy_line(passage: str, language: Language, speaker: str) -> str:
    """Name the strategy a matched proposal belongs to, in the document's own words."""
    title = passage.splitlines()[0].replace("•", "").strip()
    note = SUMMARY_NOTE[language] if speaker == "government_summary" else ""
    if language == "en":
        return f'From the Blueprint{note}: "{title}" [1]'
    blueprint = "《蓝图》" if language == "zh-Hans" else "《藍圖》"
    return f"{blueprint}{note}：{title} [1]"


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
) -> Answer:
    """Build the answer and its citations; every quote is checked against its source."""
    if not retrieval.gate.covered:
        return Answer(question, REFUSAL[language], True, "evidence", language, query=query.text)
    citations: list[Citation] = []
    for n, hit in enumerate(select_hits(retrieval.hits), start=1):
        chunk = hit.chunk
        start, end = best_quote(chunk, query_tokens, query.years)
        quote = chunk.passage[start:end]
        absolute = (chunk.start + start, chunk.start + end)
        source = documents.get(chunk.doc_id, "")
        if source[absolute[0] : absolute[1]] != quote:
            raise RuntimeError(f"Quote for {chunk.chunk_id} does not match its source text.")
        context = ""
        if chunk.row is not None:
            context = " | ".join(chunk.row.columns)
        citations.append(
            Citation(
                n=n,
                chunk_id=chunk.chunk_id,
                doc_title=chunk.doc_title,
                speaker=chunk.speaker,
                section=" > ".join(chunk.section),
                quote=quote,
                passage=chunk.passage,
                start=absolute[0],
                end=absolute[1],
                context=context,
            )
        )
    lines = []
    top = retrieval.hits[0].chunk
    if top.row is not None:
        lines.append(lead_line(top.row, query.years, language, top.speaker))
    elif top.kind == "strategy":
        lines.append(strategy_line(top.passage, language, top.speaker))
        lines.append(INTRO[language])
    else:
        lines.append(INTRO[language])
    lines.extend(
        f"[{c.n}] 「{c.quote.strip()}」"
        + (f"（{c.section.split(' > ')[-1]}）" if c.section else "")
        for c in citations
    )
    return Answer(
        question, "\n".join(lines), False, "evidence", language, citations, query=query.text
    )
