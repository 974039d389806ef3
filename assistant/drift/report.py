"""drift.md and drift.html: changed answers grouped by cause, old and new side by side,
with the documents and passages responsible. Document text is escaped in the HTML."""

from __future__ import annotations

import html
import time
from pathlib import Path
from typing import Any

from assistant.drift.changes import CAUSE_TITLES, CAUSES, Drift, Snapshot, responsible_passages


def summary_line(
    before: str,
    after: str,
    asked: int,
    drifts: list[Drift],
    documents: dict[str, str],
    folder: Path,
) -> str:
    causes = ", ".join(
        f"{sum(d.cause == c for d in drifts)} {c}"
        for c in CAUSES
        if any(d.cause == c for d in drifts)
    )
    docs = ", ".join(f"{doc} ({cause})" for doc, cause in documents.items()) or "none"
    return (
        f"Drift {before} → {after}: {len(drifts)} of {asked} answers changed"
        f"{f' ({causes})' if causes else ''}; documents changed: {docs}. "
        f"Report: {folder / 'drift.md'}"
    )


def _shown(snap: Snapshot) -> str:
    if snap.error:
        return f"(error: {snap.error})"
    return ("(refused) " if snap.refused else "") + snap.answer


def _grouped(drifts: list[Drift]) -> list[tuple[str, list[Drift]]]:
    return [
        (c, [d for d in drifts if d.cause == c])
        for c in CAUSES
        if any(d.cause == c for d in drifts)
    ]


def _passage(c: dict[str, Any] | None) -> str:
    return "—" if c is None else f"{c['doc_id']} · {c['section'] or '—'}: {c['passage']}"


def drift_markdown(
    before: str, after: str, asked: int, drifts: list[Drift], documents: dict[str, str]
) -> str:
    lines = [
        f"# Answer drift: {before} → {after}",
        "",
        f"{len(drifts)} of {asked} replayed questions changed ({time.strftime('%Y-%m-%d %H:%M')}).",
        "",
        "## Documents changed",
        "",
    ]
    lines += [f"- {doc}: {cause}" for doc, cause in documents.items()] or ["- none"]
    for cause, group in _grouped(drifts):
        lines += ["", f"## {CAUSE_TITLES[cause]}", ""]
        for d in group:
            responsible = ", ".join(d.documents) or "—"
            lines += [
                f"### {d.question}",
                "",
                f"Source: {d.source} · changed: {'; '.join(d.kinds)} · documents: {responsible}",
                "",
                f"| {before} | {after} |",
                "|---|---|",
                f"| {_cell(_shown(d.before))} | {_cell(_shown(d.after))} |",
                "",
            ]
            pairs = responsible_passages(d)
            if pairs:
                lines += ["Passages responsible:", "", "| before | after |", "|---|---|"]
                lines += [f"| {_cell(_passage(a))} | {_cell(_passage(b))} |" for a, b in pairs]
                lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def drift_html(
    before: str, after: str, asked: int, drifts: list[Drift], documents: dict[str, str]
) -> str:
    e = html.escape
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'>",
        f"<title>Answer drift {e(before)} → {e(after)}</title>",
        "<style>body{font-family:sans-serif;max-width:1100px;margin:auto;padding:1em}"
        "table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:6px;"
        "vertical-align:top;white-space:pre-wrap;width:50%}.kinds{color:#8a4b00}</style>",
        "</head><body>",
        f"<h1>Answer drift: {e(before)} → {e(after)}</h1>",
        f"<p>{len(drifts)} of {asked} replayed questions changed.</p>",
        "<h2>Documents changed</h2><ul>",
    ]
    parts += [f"<li>{e(doc)}: {e(cause)}</li>" for doc, cause in documents.items()] or [
        "<li>none</li>"
    ]
    parts.append("</ul>")
    for cause, group in _grouped(drifts):
        parts.append(f"<h2>{e(CAUSE_TITLES[cause])}</h2>")
        for d in group:
            parts += [
                f"<h3 class='question'>{e(d.question)}</h3>",
                f"<p class='kinds'>{e(d.source)} · {e('; '.join(d.kinds))} · "
                f"documents: {e(', '.join(d.documents) or '—')}</p>",
                f"<table><tr><th>{e(before)}</th><th>{e(after)}</th></tr>",
                f"<tr><td>{e(_shown(d.before))}</td><td>{e(_shown(d.after))}</td></tr>",
            ]
            for a, b in responsible_passages(d):
                parts.append(f"<tr><td>{e(_passage(a))}</td><td>{e(_passage(b))}</td></tr>")
            parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)
