"""The real app in real Chromium: answer, highlighted quote, briefing export, follow-up."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import ask, chromium, running_app

pytestmark = pytest.mark.slow


def test_member_asks_reads_sources_copies_briefing_and_follows_up(
    index_dir: Path, tmp_path: Path
) -> None:
    with running_app(index_dir, tmp_path / "feedback.jsonl") as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(url)
        ask(page, "2027年製造業佔GDP的目標係幾多？")
        card = page.locator("#source-1")
        assert "製造業佔以基本價格計算的本地生產總值百分比" in card.inner_text()
        assert page.locator("#source-2 mark").inner_text() == "1.5%"  # the value's own cell
        assert "Summary of government policy, by the document's publisher" in card.inner_text()
        assert page.locator("#sources svg").count() == 1  # the indicator chart
        assert "1.5%" in page.locator("#chat").inner_text()

        page.locator("#chat a[href='#source-1']").first.click()
        assert page.evaluate("location.hash") == "#source-1"

        page.click("text=Copy for briefing")
        page.click("#copy-briefing")
        page.wait_for_function(
            "() => document.querySelector('#briefing textarea').value.length > 0"
        )
        briefing = page.input_value("#briefing textarea")
        assert briefing.startswith("**問題 Question:** 2027年製造業佔GDP的目標係幾多？")
        assert "1. 「製造業佔以基本價格計算的本地生產總值百分比」" in briefing
        assert "2. 「1.5%」 [2027 (2025 年數字)]" in briefing
        assert "Corpus version" in briefing and "data:image/svg+xml;base64," in briefing

        ask(page, "那2016年的數字呢？")
        conversation = page.locator("#chat").inner_text()
        assert conversation.count("模型回答 Model answer") == 2
        assert "「2016 (2014 年數字)」為「1.2%」" in conversation

        ask(page, "策略二有咩內容？")  # a strategy whose source cells carry HTML list markup
        cards = page.locator("#sources .source-card")
        assert cards.count() >= 6
        for i in range(cards.count()):
            text = cards.nth(i).inner_text()
            assert "<" not in text and "**" not in text and "➢" not in text, text
        page.screenshot(path=str(tmp_path / "answered.png"), full_page=True)


def test_feedback_and_refusal_in_the_browser(index_dir: Path, tmp_path: Path) -> None:
    feedback = tmp_path / "feedback.jsonl"
    with running_app(index_dir, feedback) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 390, "height": 844})  # phone width
        page.goto(url)
        ask(page, "明天香港天氣如何？")
        assert "文件沒有涵蓋這個問題" in page.locator("#chat").inner_text()
        page.click("text=Feedback")
        page.fill("#comment textarea", "好")
        page.click("#thumbs-up")
        page.wait_for_function(
            "() => document.querySelector('#thanks').innerText.includes('Thank')"
        )
        assert '"rating": "up"' in feedback.read_text("utf-8")
        assert (
            page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
        )  # no sideways scroll
