"""The chat's handlers called directly, on the real pipeline (and the real model where marked)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.pipeline import Assistant
from assistant.types import Citation
from assistant.ui import handlers
from assistant.ui.feedback import FeedbackStore
from assistant.ui.render import answer_markdown, source_card

MANUFACTURING = "製造業佔以基本價格計算的本地生產總值百分比"


def test_ask_shows_the_evidence_at_once(assistant: Assistant) -> None:
    session = handlers.Session()
    chat, sources, session, status, box = handlers.ask(
        assistant, "2027年製造業佔GDP的目標係幾多？", [], session
    )
    assert [m["role"] for m in chat] == ["user", "assistant"]
    assert "1.5%" in chat[1]["content"] and "(#source-1)" in chat[1]["content"]
    assert "<mark>" in sources and MANUFACTURING in sources
    assert "<svg" in sources  # the indicator chart, from the cited row
    assert session.pending is not None and box == ""
    assert "Evidence found" in status


def test_follow_up_uses_the_conversation(assistant: Assistant) -> None:
    session = handlers.Session()
    chat, _, session, _, _ = handlers.ask(assistant, "2027年製造業佔GDP的目標係幾多？", [], session)
    session.pending = None  # the member did not wait for the model
    chat, _, session, _, _ = handlers.ask(assistant, "那2016年的數字呢？", chat, session)
    assert "「2016 (2014 年數字)」為「1.2%」" in chat[-1]["content"]
    assert [t["role"] for t in session.turns] == ["user", "user"]


def test_empty_and_oversized_input_get_a_clear_message(assistant: Assistant) -> None:
    chat, _, _, status, _ = handlers.ask(assistant, "   ", [], handlers.Session())
    assert "The question is empty" in chat[-1]["content"] and "change the question" in status
    chat, _, _, _, box = handlers.ask(assistant, "研" * 600, [], handlers.Session())
    assert "the limit is 500" in chat[-1]["content"]
    assert box == "研" * 600  # kept, so the member can shorten it


def test_refusal_says_so_and_suggests_covered_questions(assistant: Assistant) -> None:
    chat, _, session, status, _ = handlers.ask(
        assistant, "明天香港天氣如何？", [], handlers.Session()
    )
    assert "文件沒有涵蓋這個問題" in chat[-1]["content"]
    assert "文件涵蓋的相關問題" in chat[-1]["content"] and "方向一是什麼？" in chat[-1]["content"]
    assert session.pending is None and "don't cover" in status


def test_briefing_export_has_answer_quotes_source_version_date_and_chart(
    assistant: Assistant,
) -> None:
    session = handlers.Session()
    _, _, session, _, _ = handlers.ask(
        assistant, "What is the 2032 target for the number of unicorns?", [], session
    )
    text = handlers.briefing(assistant, session)
    assert text.startswith("**問題 Question:** What is the 2032 target for the number of unicorns?")
    assert '"2032 (2030 年數字)": "30 間" [2]' in text
    assert "1. 「獨角獸企業數目 (累計數字)」 — 香港創新科技發展藍圖：綱舉目張, 附件" in text
    assert "2. 「30 間」 [2032 (2030 年數字)] — 香港創新科技發展藍圖：綱舉目張, 附件" in text
    assert "Summary of government policy, by the document's publisher" in text
    manifest = assistant.index.manifest
    assert f"Corpus version {manifest['name']} ({manifest['corpus_hash'][:12]})" in text
    chart = text.split("data:image/svg+xml;base64,")[1].split(")")[0]
    assert "獨角獸企業數目" in base64.b64decode(chart).decode("utf-8")


def test_feedback_is_stored_with_question_answer_and_citations(
    assistant: Assistant, tmp_path: Path
) -> None:
    store = FeedbackStore(tmp_path / "feedback.jsonl")
    session = handlers.Session()
    assert handlers.feedback(store, "up", "", session).startswith("請先提問")
    _, _, session, _, _ = handlers.ask(assistant, "策略三是什麼？", [], session)
    assert "Thank you" in handlers.feedback(store, "down", "想要更多細節", session)
    [record] = [
        json.loads(line) for line in (tmp_path / "feedback.jsonl").read_text("utf-8").splitlines()
    ]
    assert record["rating"] == "down" and record["comment"] == "想要更多細節"
    assert record["question"] == "策略三是什麼？" and "策略三" in record["answer"]
    assert record["citations"][0]["chunk_id"] and record["citations"][0]["quote"]


def test_passages_and_answers_cannot_inject_markup() -> None:
    evil = "<img src=x onerror=alert(1)> ![x](http://evil.example/x.png) <script>alert(2)</script>"
    card = source_card(
        Citation(1, "c1", "<b>doc</b>", "association", "s", evil, evil, 0, len(evil))
    )
    assert "<img" not in card and "<script" not in card and "<b>doc" not in card
    assert "&lt;img src=x onerror=alert(1)&gt;" in card
    message = answer_markdown({"answer": evil + " [1]", "language": "en"})
    assert "<img" not in message and "<script" not in message
    assert "![x](" not in message and "!\\[x]\\(hxxp://evil[.]example" in message  # no link
    assert "[\\[1\\]](#source-1)" in message


@pytest.mark.slow
def test_answer_streams_tokens_after_the_evidence_then_the_verified_answer(index_dir: Path) -> None:
    assistant = Assistant(Settings(index_dir=index_dir))
    session = handlers.Session()
    chat, _, session, _, _ = handlers.ask(assistant, "2027年製造業佔GDP的目標係幾多？", [], session)
    evidence_message = chat[1]
    updates = list(handlers.answer(assistant, chat, session))
    statuses = [status for _, _, status in updates]
    if "Loading the model" in statuses[0]:
        statuses = statuses[1:]
        updates = updates[1:]
    assert all(chat[1] == evidence_message for chat, _, _ in updates)  # evidence stays first
    drafts = [chat[2]["content"] for chat, _, _ in updates[:-1]]
    assert len(drafts) >= 2 and all(d.startswith(handlers.DRAFT) for d in drafts)
    assert len(drafts[-1]) > len(drafts[0])  # the draft grows token by token
    assert all("writing" in s for s in statuses[:-1])
    final_chat, final_session, final_status = updates[-1]
    assert final_chat[2]["content"].startswith(handlers.MODEL)
    assert final_session.answer is not None and final_session.answer["mode"] == "llm"
    assert "1.5%" in final_chat[2]["content"]
    assert "checked against the sources" in final_status or "could not be verified" in final_status
    assert [t["role"] for t in final_session.turns] == ["user", "assistant"]


def test_a_chat_turn_is_logged_once_by_the_answerer(index_dir: Path, tmp_path: Path) -> None:
    """The handlers never write the log: the evidence step logs nothing, the model step's
    final answer is logged once, with the conversation before the question."""
    log = tmp_path / "answers.jsonl"
    settings = Settings(index_dir=index_dir, llm_backend="fake", llm_model="quote", answer_log=log)
    assistant = Assistant(settings)
    session = handlers.Session(turns=[{"role": "user", "content": "你好"}])
    chat, _, session, _, _ = handlers.ask(assistant, "2027年製造業佔GDP的目標係幾多？", [], session)
    assert not log.exists()  # the evidence is shown, not yet final
    *_, (chat, session, status) = handlers.answer(assistant, chat, session)
    assert "checked against the sources" in status
    records = [json.loads(line) for line in log.read_text("utf-8").splitlines()]
    assert len(records) == 1 and records[0]["mode"] == "llm"
    assert records[0]["history"] == [{"role": "user", "content": "你好"}]
    assert records[0]["id"] == session.answer["log_id"]  # type: ignore[index]
    # A refusal is final at once: logged once, in the evidence step.
    handlers.ask(assistant, "How much will the new MTR line cost?", chat, session)
    assert len(log.read_text("utf-8").splitlines()) == 2
