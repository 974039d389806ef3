"""Event handlers as plain functions of (inputs, assistant) -> outputs, testable directly."""

from __future__ import annotations

from typing import Any

from assistant.errors import AssistantError
from assistant.pipeline import Assistant
from assistant.ui.render import safe_markdown, sources_html

Message = dict[str, Any]


def history_for_retrieval(chat: list[Message]) -> list[dict[str, str]]:
    """The chat's turns as plain {role, content} pairs (content may be rich in Gradio)."""
    turns = []
    for message in chat:
        content = message.get("content")
        if isinstance(content, str) and message.get("role") in ("user", "assistant"):
            turns.append({"role": message["role"], "content": content})
    return turns


def respond(
    question: str, chat: list[Message], assistant: Assistant
) -> tuple[list[Message], str, str]:
    """Answer one question: returns the new chat, the source cards and a cleared textbox."""
    chat = list(chat or [])
    try:
        answer = assistant.ask(question, history_for_retrieval(chat))
    except AssistantError as exc:
        chat += [
            {"role": "user", "content": safe_markdown(question or "")},
            {"role": "assistant", "content": f"⚠️ {safe_markdown(str(exc))}"},
        ]
        return chat, sources_html(None), question
    chat += [
        {"role": "user", "content": safe_markdown(question)},
        {"role": "assistant", "content": safe_markdown(answer.answer)},
    ]
    return chat, sources_html(answer), ""
