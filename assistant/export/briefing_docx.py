"""A Word briefing of one answer or several: the question, the answer with its [n]
markers, every quote as a block quote (verbatim) with its document's title, publisher,
speaker, section and date, the indicator chart for a table-row answer, and the corpus
version and export date. Two-sided answers are laid out in two columns.

Web addresses are defanged as everywhere else (the domain stays readable); every other
character of a quote is the document's own.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt, RGBColor

from assistant.export.chart_png import indicator_chart_png
from assistant.index.store import LoadedIndex
from assistant.messages import DOCX
from assistant.speakers import label
from assistant.ui.render import column_of, inert_links


@dataclass(frozen=True)
class BriefingItem:
    """One answer (the JSON contract, `Answer.to_dict()`) and the index version it came
    from (where its quotes' documents and provenance are)."""

    answer: dict[str, Any]
    index: LoadedIndex


def briefing_docx(items: Sequence[BriefingItem], exported: str) -> bytes:
    """The .docx file's bytes. `exported`: the export date as it should be printed."""
    document = Document()
    document.add_heading(DOCX["title"], level=0)
    for item in items:
        _add_answer(document, item)
    versions = sorted({_version(item.index) for item in items})
    footer = document.add_paragraph()
    footer.add_run(f"Corpus version {', '.join(versions)} · exported {exported}").italic = True
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _version(index: LoadedIndex) -> str:
    return f"{index.name} ({index.manifest['corpus_hash'][:12]})"


def _add_answer(document: Any, item: BriefingItem) -> None:
    answer = item.answer
    document.add_heading(f"{DOCX['question']} {answer['question']}", level=1)
    by_n = {c["n"]: c for c in answer.get("citations", [])}
    if answer.get("sides"):
        table = document.add_table(rows=1, cols=len(answer["sides"]))
        table.style = "Table Grid"
        for cell, side in zip(table.rows[0].cells, answer["sides"], strict=True):
            cell.paragraphs[0].add_run(side["heading"]).bold = True
            _add_text(cell, side["answer"])
            cell.add_paragraph().add_run(DOCX["sources"]).bold = True
            if not side["citations"]:
                cell.add_paragraph(DOCX["no_sources"])
            for n in side["citations"]:
                _add_quote(cell, by_n[n], item.index)
    else:
        _add_text(document, answer["answer"])
        chart = _chart(answer, item.index)
        if chart is not None:
            document.add_picture(io.BytesIO(chart), width=Cm(14))
        if by_n:
            document.add_heading(DOCX["sources"], level=2)
        for citation in by_n.values():
            _add_quote(document, citation, item.index)
    held_back = len(answer.get("unverified", []))
    if held_back:
        document.add_paragraph(
            f"{held_back} unverified sentence(s) of the model's draft were left out."
        ).runs[0].italic = True
    stamp = document.add_paragraph()
    stamp.add_run(
        f"Corpus version {_version(item.index)} · {answer.get('mode', '')} answer"
    ).font.size = Pt(8)


def _add_text(container: Any, text: str) -> None:
    """The answer's lines, markers [n] as written, links defanged."""
    for line in inert_links(text).split("\n"):
        if line.strip():
            container.add_paragraph(line)


def _add_quote(container: Any, citation: dict[str, Any], index: LoadedIndex) -> None:
    """「[n] quote」 as a block quote, then where it comes from."""
    quote = container.add_paragraph(style="Quote")
    quote.paragraph_format.left_indent = Cm(1)
    quote.add_run(f"[{citation['n']}] ").bold = True
    quote.add_run(inert_links(citation["quote"]))
    source = container.add_paragraph()
    source.paragraph_format.left_indent = Cm(1)
    run = source.add_run("— " + inert_links(" · ".join(provenance(citation, index))))
    run.font.size = Pt(9)
    run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    if "instruction" in citation.get("flags", ()):
        run.add_break(WD_BREAK.LINE)
        run.add_text("⚠ Reads like instructions to an AI; not to be quoted as fact.")


def provenance(citation: dict[str, Any], index: LoadedIndex) -> list[str]:
    """Title, publisher, speaker, section (and a table cell's column) and date, as the
    document declares them."""
    chunk = index.chunks.get(citation["chunk_id"])
    declared: dict[str, Any] = next(
        (d for d in index.manifest["documents"] if chunk and d["doc_id"] == chunk.doc_id), {}
    )
    column = column_of(citation)
    parts = [
        citation["doc_title"],
        declared.get("publisher", ""),
        label(citation["speaker"]),
        citation["section"] or "—",
        f"[{column}]" if column else "",
        declared.get("date", ""),
    ]
    return [p for p in parts if p]


def _chart(answer: dict[str, Any], index: LoadedIndex) -> bytes | None:
    """The indicator chart when the answer rests on a table row (its first citation)."""
    if answer.get("refused") or not answer.get("citations"):
        return None
    chunk = index.chunks.get(answer["citations"][0]["chunk_id"])
    if chunk is None or chunk.row is None:
        return None
    return indicator_chart_png(chunk.row)
