"""The chat's event handlers as plain functions over (inputs, session) -> outputs.

A turn has two steps: `ask` retrieves and shows the verified evidence at once; `answer`
then streams the local model's text and replaces it with the verified answer.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from assistant.errors import AssistantError
from assistant.generate.suggest import suggestions
from assistant.messages import ASK_FIRST, DRAFT, MODEL, NOT_TEXT, STATUS, THANKS
from assistant.pipeline import Assistant, Evidence
from assistant.ui.chart import indicator_chart_svg
from assistant.ui.compare_view import compare_html
from assistant.ui.feedback import FeedbackStore
from assistant.ui.render import answer_markdown, briefing_markdown, safe_markdown, sources_html

Message = dict[str, Any]


@dataclass
class Session:
    """Per-member state: the raw conversation and the answer on screen."""

    turns: list[dict[str, str]] = field(default_factory=list)
    answer: dict[str, Any] | None = None
    chart: str | None = None
    pending: Evidence | None = None
    answers: list[dict[str, Any]] = field(default_factory=list)  # this conversation's, in order


def chart_for(evidence: Evidence, answer: dict[str, Any]) -> str | None:
    """A chart when the answer rests on a target-indicator row (its first citation)."""
    if not answer.get("citations") or answer.get("refused"):
        return None
    chunk = evidence.index.chunks.get(answer["citations"][0]["chunk_id"])
    if chunk is None or chunk.row is None:
        return None
    source = f"{chunk.doc_title} · {chunk.section[-1] if chunk.section else ''}"
    return indicator_chart_svg(chunk.row, source)


def ask(
    assistant: Assistant,
    question: str,
    chat: list[Message],
    session: Session,
    compare: bool = False,
) -> tuple[list[Message], str, Session, str, str]:
    """Step 1: show the user's question and the evidence answer immediately (`compare`:
    the government's and the association's text in two columns)."""
    chat = list(chat or [])
    try:
        evidence = assistant.evidence(question, session.turns, compare)
    except AssistantError as exc:
        chat.append({"role": "user", "content": safe_markdown(question or " ")})
        chat.append({"role": "assistant", "content": f"**!** {safe_markdown(str(exc))}"})
        session.pending = None
        return chat, sources_html(session.answer, session.chart), session, STATUS["error"], question
    done = evidence.answer.refused or bool(evidence.answer.sides)  # no model step after
    shown_answer = assistant.finish(evidence) if done else evidence.answer  # logged if final
    answer = shown_answer.to_dict()
    session.turns = [*session.turns, {"role": "user", "content": evidence.answer.question}]
    session.answer, session.chart = answer, chart_for(evidence, answer)
    session.answers.append(answer)
    session.pending = None if done else evidence
    chat.append({"role": "user", "content": safe_markdown(evidence.answer.question)})
    shown = compare_html(answer) if answer["sides"] else answer_markdown(answer)
    chat.append({"role": "assistant", "content": shown})
    status = STATUS["refused"] if evidence.answer.refused else STATUS["evidence"]
    if answer["sides"] and not evidence.answer.refused:
        status = STATUS["compared"]
    if done:
        session.turns.append({"role": "assistant", "content": evidence.answer.answer})
    return chat, sources_html(answer, session.chart), session, status, ""


def answer(
    assistant: Assistant, chat: list[Message], session: Session
) -> Iterator[tuple[list[Message], Session, str]]:
    """Step 2: stream the model's words, then show the verified answer in their place."""
    evidence, session.pending = session.pending, None
    if evidence is None:
        yield chat, session, STATUS["ready"] if session.answer is None else _final_status(session)
        return
    chat = list(chat)
    if not assistant.llm_ready:
        yield list(chat), session, STATUS["loading"]
    draft = ""
    chat.append({"role": "assistant", "content": DRAFT + "…"})
    for event in assistant.generate(evidence):
        if event.kind == "token":
            draft += event.text
            chat[-1] = {"role": "assistant", "content": DRAFT + safe_markdown(draft)}
            yield list(chat), session, STATUS["thinking"]
        elif event.kind == "final" and event.answer is not None:  # logged by the Answerer
            final = event.answer.to_dict()
            session.answer = final
            session.answers[-1:] = [final]
            session.turns = [*session.turns, {"role": "assistant", "content": final["answer"]}]
            chat[-1] = {"role": "assistant", "content": MODEL + answer_markdown(final)}
            yield list(chat), session, _final_status(session)


def _final_status(session: Session) -> str:
    answer = session.answer or {}
    if answer.get("refused"):
        return STATUS["refused"]
    if answer.get("sides"):
        return STATUS["compared"]
    if answer.get("model_error"):
        return f"{STATUS['model_down']} {safe_markdown(answer['model_error'])}"
    if answer.get("mode") == "llm":
        return STATUS["fallback"] if answer.get("fell_back") else STATUS["verified"]
    return STATUS["ready"]


def examples(assistant: Assistant) -> list[str]:
    """The chat's example questions: made from the live index (generate/suggest.py), one
    set per language, so they always fit the documents the chat answers from."""
    snapshot = assistant.indexer.snapshot()
    made = (
        s
        for language in ("zh-Hant", "zh-Hans", "en")
        for s in suggestions(snapshot.index, snapshot.names, language)  # type: ignore[arg-type]
    )
    return list(dict.fromkeys(made))


def _text_or_none(question: Any) -> str | None:
    """API input arrives as whatever JSON the caller sent: only a string is a question."""
    return question if isinstance(question, str) else None


def evidence_json(assistant: Assistant, question: Any) -> dict[str, Any]:
    """API: the evidence answer (logged), or {"error": ...} for bad input."""
    text = _text_or_none(question)
    if text is None:
        return {"error": NOT_TEXT}
    try:
        answer = assistant.ask(text, mode="evidence")
    except AssistantError as exc:
        return {"error": str(exc)}
    return answer.to_dict()


def answer_stream(assistant: Assistant, question: Any) -> Iterator[str]:
    """API: the model's draft as it grows, then the final answer as JSON text."""
    import json

    text = _text_or_none(question)
    if text is None:
        yield json.dumps({"error": NOT_TEXT}, ensure_ascii=False)
        return
    try:
        evidence = assistant.evidence(text)
    except AssistantError as exc:
        yield json.dumps({"error": str(exc)}, ensure_ascii=False)
        return
    draft = ""
    for event in assistant.generate(evidence):
        if event.kind == "token":
            draft += event.text
            yield draft
        elif event.kind == "final" and event.answer is not None:
            yield json.dumps(event.answer.to_dict(), ensure_ascii=False)


def briefing(assistant: Assistant, session: Session) -> str:
    """Markdown for a member briefing, from the answer on screen."""
    if session.answer is None:
        return ""
    manifest = assistant.index.manifest
    version = f"{manifest['name']} ({manifest['corpus_hash'][:12]})"
    return briefing_markdown(session.answer, version, time.strftime("%Y-%m-%d"), session.chart)


def feedback(store: FeedbackStore, rating: str, comment: str, session: Session) -> str:
    if session.answer is None:
        return ASK_FIRST
    store.add(rating, comment, session.answer)
    return THANKS


def answer_choices(session: Session) -> list[tuple[str, str]]:
    """The conversation's answers for the Word briefing: (question, position)."""
    return [(f"{i + 1}. {a['question']}", str(i)) for i, a in enumerate(session.answers)]


def briefing_docx_file(assistant: Assistant, session: Session, chosen: list[str] | None) -> str:
    """Write a Word briefing of the chosen answers (default: the last) to a private temp
    file and return its path."""
    import tempfile
    from pathlib import Path

    from assistant.export.briefing_docx import BriefingItem, briefing_docx

    picked = [session.answers[int(i)] for i in chosen or [] if int(i) < len(session.answers)]
    picked = picked or session.answers[-1:]
    if not picked:
        raise AssistantError(ASK_FIRST)
    items = [BriefingItem(a, assistant.version_named(a.get("corpus_version", ""))) for a in picked]
    folder = Path(tempfile.mkdtemp(prefix="briefing-"))
    path = folder / f"briefing-{time.strftime('%Y%m%d-%H%M%S')}.docx"
    path.write_bytes(briefing_docx(items, time.strftime("%Y-%m-%d")))
    return str(path)
