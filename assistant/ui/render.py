"""HTML and Markdown for answers, source cards and briefings. Document text is escaped
everywhere: a passage can never inject markup, script or images."""

from __future__ import annotations

import base64
import html
import re
from typing import Any

from assistant.messages import (
    BRIEFING_QUESTION,
    BRIEFING_SOURCES,
    INSTRUCTION_WARNING,
    NO_SOURCES,
    NOT_COVERED,
    UNVERIFIED,
)
from assistant.speakers import label
from assistant.text.markup import strip_markup
from assistant.text.table_rows import cell_spans
from assistant.types import Citation

_MARKER = re.compile(r"\[(\d+)\]")
# A web address in a document is shown, never made clickable: "hxxps://example[.]com/x"
# keeps the domain readable, and no Markdown renderer or mail client links it.
_URL = re.compile(r"\b(?:(https?|ftp)://|www\.)[^\s<>「」『』（）()\[\]，。]+", re.I)


def inert_links(text: str) -> str:
    """Web addresses made unclickable, with the domain still readable."""

    def defang(match: re.Match[str]) -> str:
        url = match.group(0)
        scheme, sep, rest = url.partition("://")
        if not sep:
            scheme, rest = "", url
        host, slash, path = rest.partition("/")
        shown = host.replace(".", "[.]") + slash + path
        return f"{scheme.replace('t', 'x', 2)}://{shown}" if scheme else shown

    return _URL.sub(defang, text)


def safe_markdown(text: str) -> str:
    """Text shown as Markdown: HTML escaped, image and link syntax neutralised, web
    addresses made unclickable."""
    escaped = html.escape(inert_links(text), quote=False)
    escaped = escaped.replace("![", "!\\[").replace("](", "]\\(")
    return escaped.replace("*", "\\*").replace("_", "\\_").replace("~", "\\~")


def linked_markers(text: str) -> str:
    """[n] becomes a link to source card n (after escaping, so only our links exist)."""
    return _MARKER.sub(lambda m: f"[\\[{m.group(1)}\\]](#source-{m.group(1)})", text)


def answer_markdown(answer: dict[str, Any]) -> str:
    """The chat message for an answer: verified text, then anything held back, struck out."""
    language = answer.get("language", "zh-Hant")
    parts = [linked_markers(safe_markdown(answer["answer"])).replace("\n", "  \n")]
    if answer.get("refused") and answer.get("suggestions"):
        parts.append(NOT_COVERED[language])
        parts.extend(f"- {safe_markdown(s)}" for s in answer["suggestions"])
    if answer.get("unverified"):
        parts.append(f"**{UNVERIFIED[language]}**")
        for item in answer["unverified"]:
            sentence, reason = safe_markdown(item["sentence"]), safe_markdown(item["reason"])
            parts.append(f"- ~~{sentence}~~ — {reason}")
    return "\n\n".join(parts)


def _shown(text: str) -> str:
    return html.escape(inert_links(text))


def source_card(citation: Citation | dict[str, Any]) -> str:
    c = citation if isinstance(citation, dict) else citation.__dict__
    passage, quote = c["passage"], c["quote"]
    offset = passage.find(quote)
    # Layout left in the source (tags, ** markers, ➢, tabs) never reaches the reader; the
    # highlighted span is exactly the quote.
    if offset < 0:
        body = _shown(strip_markup(passage))
    else:
        before, after = strip_markup(passage[:offset]), strip_markup(passage[offset + len(quote) :])
        body = (
            _shown(before + (" " if before else ""))
            + f"<mark>{_shown(quote)}</mark>"
            + _shown((" " if after else "") + after)
        )
    speaker = c["speaker"]
    speaker_class = {"association": "assoc", "government": "gov"}.get(speaker, "other")
    if speaker == "government_summary":
        speaker_class = "gov"
    warning = (
        f'<div class="flag-warning">{html.escape(INSTRUCTION_WARNING)}</div>'
        if "instruction" in c.get("flags", ())
        else ""
    )
    return (
        f'<div class="source-card" id="source-{c["n"]}">'
        f'<div class="source-head"><b>[{c["n"]}]</b> {_shown(c["doc_title"])}</div>'
        f'<div class="speaker {speaker_class}">{html.escape(label(speaker))}</div>'
        f'<div class="section">{_shown(c["section"] or "—")}</div>'
        f'{warning}<pre class="passage">{body}</pre></div>'
    )


def sources_html(answer: dict[str, Any] | None, chart_svg: str | None = None) -> str:
    if not answer or not answer.get("citations"):
        return f'<div class="sources-empty">{NO_SOURCES}</div>'
    chart = f'<div class="chart">{chart_svg}</div>' if chart_svg else ""
    return chart + "".join(source_card(c) for c in answer["citations"])


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def column_of(citation: dict[str, Any]) -> str:
    """The column header of a quoted table cell (its citation carries the headers)."""
    if not citation.get("context"):
        return ""
    columns = citation["context"].split(" | ")
    cells = cell_spans(citation["passage"])
    offset = citation["passage"].find(citation["quote"])
    values = cells[len(cells) - len(columns) :]
    for column, (start, end) in zip(columns, values, strict=False):
        if start == offset and end == offset + len(citation["quote"]):
            return column
    return ""


def briefing_markdown(
    answer: dict[str, Any], corpus_version: str, date: str, chart_svg: str | None = None
) -> str:
    """Ready to paste into a member briefing: answer, numbered verbatim quotes with their
    source and section, the chart (if any), the corpus version and the date."""
    lines = [f"{BRIEFING_QUESTION} {answer['question']}", "", inert_links(answer["answer"]), ""]
    if answer.get("citations"):
        lines += [BRIEFING_SOURCES, ""]
        for c in answer["citations"]:
            quote = " ".join(c["quote"].split())
            column = column_of(c)
            where = f" [{column}]" if column else ""
            warning = f" ({INSTRUCTION_WARNING})" if "instruction" in c.get("flags", ()) else ""
            lines.append(
                inert_links(
                    f"{c['n']}. 「{quote}」{where} — {c['doc_title']}, {c['section'] or '—'} "
                    f"({label(c['speaker'])}){warning}"
                )
            )
        lines.append("")
    if chart_svg:
        lines += [f"![{answer['citations'][0]['section']}]({svg_data_uri(chart_svg)})", ""]
    held_back = len(answer.get("unverified", []))
    if held_back:
        lines += [f"_{held_back} unverified sentence(s) of the model's draft were left out._", ""]
    lines.append(f"_Corpus version {corpus_version} · {date} · {answer.get('mode', '')} answer_")
    return "\n".join(lines)


CSS = """
.source-card {border:1px solid #d0d7de; border-radius:8px; padding:8px 10px; margin-bottom:8px;}
.source-card:target {border-color:#1565c0; box-shadow:0 0 0 2px #90caf9;}
.source-head {font-size:0.95em; margin-bottom:2px;}
.speaker {font-size:0.8em; display:inline-block; padding:1px 6px; border-radius:4px; margin:2px 0;}
.speaker.gov {background:#e6f0ff; color:#0b3d91;}
.speaker.assoc {background:#fff2e0; color:#8a4b00;}
.speaker.other {background:#eeeeee; color:#333333;}
.flag-warning {font-size:0.85em; background:#ffe0e0; color:#8a0000; padding:2px 6px;
               border-radius:4px; margin:2px 0;}
.section {font-size:0.8em; color:#57606a;}
.passage {white-space:pre-wrap; word-break:break-word; font-family:inherit;
          font-size:0.9em; margin:4px 0 0;}
.passage mark {background:#fff3a3; padding:0 1px;}
.chart svg {max-width:100%; height:auto;}
"""
