"""HTML/Markdown for answers and source cards. Everything from documents is escaped."""

from __future__ import annotations

import html
import re

from assistant.speakers import label
from assistant.types import Answer, Citation


def safe_markdown(text: str) -> str:
    """Text shown as Markdown, with HTML escaped and image/link syntax neutralised."""
    escaped = html.escape(text, quote=False)
    escaped = re.sub(r"!\[", r"!\\[", escaped)
    return re.sub(r"\]\(", r"\\](", escaped)


def source_card(citation: Citation) -> str:
    passage = citation.passage
    offset = passage.find(citation.quote)
    if offset < 0:
        body = html.escape(passage)
    else:
        body = (
            html.escape(passage[:offset])
            + f"<mark>{html.escape(citation.quote)}</mark>"
            + html.escape(passage[offset + len(citation.quote) :])
        )
    speaker_class = "gov" if citation.speaker.startswith("government") else "assoc"
    return (
        f'<div class="source-card" id="source-{citation.n}">'
        f'<div class="source-head"><b>[{citation.n}]</b> {html.escape(citation.doc_title)}</div>'
        f'<div class="speaker {speaker_class}">{html.escape(label(citation.speaker))}</div>'
        f'<div class="section">{html.escape(citation.section or "—")}</div>'
        f'<pre class="passage">{body}</pre></div>'
    )


def sources_html(answer: Answer | None) -> str:
    if answer is None or not answer.citations:
        return '<div class="sources-empty">（未有引用來源 No sources）</div>'
    return "".join(source_card(c) for c in answer.citations)


CSS = """
.source-card {border:1px solid #d0d7de; border-radius:8px; padding:8px 10px; margin-bottom:8px;}
.source-head {font-size:0.95em; margin-bottom:2px;}
.speaker {font-size:0.8em; display:inline-block; padding:1px 6px; border-radius:4px; margin:2px 0;}
.speaker.gov {background:#e6f0ff; color:#0b3d91;}
.speaker.assoc {background:#fff2e0; color:#8a4b00;}
.section {font-size:0.8em; color:#57606a;}
.passage {white-space:pre-wrap; word-break:break-word; font-family:inherit;
          font-size:0.9em; margin:4px 0 0;}
.passage mark {background:#fff3a3; padding:0 1px;}
"""
