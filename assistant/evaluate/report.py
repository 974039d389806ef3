"""The human report of a run: report.md and report.html (with a chart by tag)."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from assistant.evaluate.compare import COMPARED, Comparison
from assistant.evaluate.runner import Row

HEADLINE = COMPARED


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


FAILED_HEADING = "## Questions that did not pass"


def without_questions(report: str) -> str:
    """The report's figures without its questions: what a held-out split shows on the
    console and the staff page. The failed questions go, and the changes since the
    baseline keep their counts but not which questions (the run folder keeps the whole
    report, for reporting)."""
    figures = report.split(f"\n{FAILED_HEADING}", 1)[0]
    figures = re.sub(r"(?m)^- (fixed|broken) \((\d+)\): .*$", r"- \1 (\2)", figures)
    return re.sub(r"(?m)^- new questions: .*\n?", "", figures) + "\n"


def markdown(
    rows: list[Row],
    summary: dict[str, Any],
    stamp: dict[str, Any],
    comparison: Comparison | None,
    breaches: list[str],
) -> str:
    lines = [f"# Eval run {stamp['run']}", ""]
    verdict = "FAIL" if breaches else "PASS"
    lines += [f"**{verdict}** — {summary['passed']}/{summary['questions']} questions passed.", ""]
    lines += [f"- {b}" for b in breaches] + ([""] if breaches else [])
    lines += [
        f"- mode: `{stamp['mode']}`; corpus `{stamp['corpus']['hash'][:12]}` "
        f"(index {stamp['corpus']['version']}); commit `{stamp['git_commit']}`",
        f"- embedder `{stamp['models']['embedder']}`; model `{stamp['models']['llm']}` "
        f"`{stamp['models']['llm_sha256'][:12] or 'not used'}`; prompt `{stamp['prompt_version']}`",
        f"- questions `{stamp['questions']['path']}` ({stamp['questions']['sha256'][:12]}), "
        f"filters {stamp['filters']}",
        "",
        "| metric | value | change |",
        "|---|---|---|",
    ]
    for name in HEADLINE:
        delta = comparison.deltas.get(name) if comparison else None
        lines.append(
            f"| {name} | {_fmt(summary.get(name))} | {'' if delta is None else f'{delta:+.4f}'} |"
        )
    if comparison:
        lines += ["", f"## Changes since {comparison.baseline}", ""]
        lines.append(f"- fixed ({len(comparison.fixed)}): {', '.join(comparison.fixed) or 'none'}")
        lines.append(
            f"- broken ({len(comparison.broken)}): {', '.join(comparison.broken) or 'none'}"
        )
        if comparison.added or comparison.removed:
            lines.append(
                f"- new questions: {', '.join(comparison.added) or 'none'}; "
                f"removed: {', '.join(comparison.removed) or 'none'}"
            )
    lines += [
        "",
        "## By tag",
        "",
        "| tag | questions | passed | answer correct | refusal accuracy | kind read |",
        "|---|---|---|---|---|---|",
    ]
    for tag, m in summary["by_tag"].items():
        lines.append(
            f"| {tag} | {m['questions']} | {m['passed']} | {_fmt(m['answer_correct'])} | "
            f"{_fmt(m['refusal_accuracy'])} | {_fmt(m.get('kind_read'))} |"
        )
    if stamp["mode"] == "llm":
        lines += model_by_kind(summary)
    failed = [r for r in rows if not r.passed]
    lines += ["", f"{FAILED_HEADING} ({len(failed)})", ""]
    for r in failed:
        why = (
            r.error.splitlines()[0]
            if r.error
            else (
                f"refused={r.refused}, correct={_fmt(r.correct)}, rank={r.rank}, "
                f"unsupported={r.unsupported}"
            )
        )
        lines.append(f"- `{r.id}` {r.question} — {why}")
    return "\n".join(lines) + "\n"


MODEL_METRICS = [
    "model_correct",
    "fallbacks",
    "struck_sentences",
    "unsupported_figures",
    "kept_wrong",
    "in_language",
    "ttft_p50_s",
    "llm_total_p50_s",
]


def model_by_kind(summary: dict[str, Any]) -> list[str]:
    """The model's own answers per kind of question (llm mode)."""
    lines = ["", "## The model's answers by kind", ""]
    lines.append("| kind | questions | " + " | ".join(MODEL_METRICS) + " |")
    lines.append("|---|---|" + "---|" * len(MODEL_METRICS))
    for kind, m in [("all", summary), *summary["by_tag"].items()]:
        cells = " | ".join(_fmt(m.get(name)) for name in MODEL_METRICS)
        lines.append(f"| {kind} | {m['questions']} | {cells} |")
    return lines


def chart_svg(summary: dict[str, Any]) -> str:
    """Pass rate per tag as horizontal bars, plain SVG (no plotting library needed)."""
    tags = list(summary["by_tag"].items())
    bar_h, gap, left, width = 18, 6, 120, 360
    height = len(tags) * (bar_h + gap) + 20
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 80}" '
        f'height="{height}" role="img" aria-label="pass rate by tag">'
    ]
    for i, (tag, m) in enumerate(tags):
        rate = m["passed"] / m["questions"] if m["questions"] else 0.0
        y = i * (bar_h + gap) + 10
        parts.append(
            f'<text x="{left - 6}" y="{y + 13}" text-anchor="end" font-size="12">'
            f"{html.escape(tag)}</text>"
        )
        parts.append(f'<rect x="{left}" y="{y}" width="{width}" height="{bar_h}" fill="#eee"/>')
        color = "#2e7d32" if rate >= 0.9 else "#f9a825" if rate >= 0.7 else "#c62828"
        parts.append(
            f'<rect x="{left}" y="{y}" width="{width * rate:.1f}" height="{bar_h}" fill="{color}"/>'
        )
        parts.append(
            f'<text x="{left + width + 6}" y="{y + 13}" font-size="12">'
            f"{m['passed']}/{m['questions']}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def html_page(markdown_text: str, summary: dict[str, Any]) -> str:
    body = html.escape(markdown_text)
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Eval report</title>"
        "<style>body{font-family:sans-serif;max-width:960px;margin:2em auto}"
        "pre{white-space:pre-wrap}</style></head><body>"
        f"<h2>Pass rate by tag</h2>{chart_svg(summary)}<pre>{body}</pre></body></html>"
    )


def write_reports(
    folder: Path,
    rows: list[Row],
    summary: dict[str, Any],
    stamp: dict[str, Any],
    comparison: Comparison | None,
    breaches: list[str],
) -> str:
    text = markdown(rows, summary, stamp, comparison, breaches)
    (folder / "report.md").write_text(text, "utf-8")
    (folder / "report.html").write_text(html_page(text, summary), "utf-8")
    return text


# The split table: every compared metric but the finer ranks and the timings.
SIDE_BY_SIDE = ["questions"] + [
    m for m in COMPARED if m not in {"hit@1", "hit@3", "mrr", "latency_p50_s", "latency_p95_s"}
]
KINDS = ["target", "strategy", "measure", "commentary", "en", "english-doc", "injection", "refuse"]


def side_by_side(results: list[tuple[str, dict[str, Any]]]) -> str:
    """The splits' headline metrics in columns, then answer_correct (or refusal accuracy)
    per kind of question: the held-out split beside the one the defaults were tuned on."""
    names = [name for name, _ in results]
    lines = ["", "## Splits side by side", "", "| metric | " + " | ".join(names) + " |"]
    lines.append("|---|" + "---|" * len(names))
    for metric in SIDE_BY_SIDE:
        values = [_cell(summary.get(metric)) for _, summary in results]
        if any(v != "–" for v in values):
            lines.append(f"| {metric} | " + " | ".join(values) + " |")
    for kind in KINDS:
        cells = []
        for _, summary in results:
            tag = summary.get("by_tag", {}).get(kind)
            key = "refusal_accuracy" if kind == "refuse" else "answer_correct"
            cells.append(f"{_cell(tag.get(key))} ({tag['questions']})" if tag else "–")
        if any(c != "–" for c in cells):
            lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" if isinstance(value, float) else str(value)
