"""In real Chromium: the two-column view (desktop and phone), the Word download, and the
staff page's drift panel after an upload; screenshots in docs/screenshots/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document

from tests.browser import chromium, running_app
from tests.conftest import ROOT

pytestmark = pytest.mark.slow
SHOTS = ROOT / "docs" / "screenshots"
DRIFT = ROOT / "tests" / "data" / "drift"
NAME = "harbour-robotics-plan.md"
STATUS = "document.querySelector('#status').innerText"


def compare(page: object, question: str) -> None:
    page.fill("#question textarea", question)  # type: ignore[attr-defined]
    page.click("#ask")  # type: ignore[attr-defined]
    page.wait_for_function(f"() => /Both sides shown/.test({STATUS})", timeout=120_000)  # type: ignore[attr-defined]


SIDES = """() => {
  const last = (kind) => [...document.querySelectorAll(`#chat .compare-side.${kind}`)].pop();
  const box = (el) => { const r = el.getBoundingClientRect();
    return {x: r.x, y: r.y, width: r.width, height: r.height}; };
  return [box(last('gov')), box(last('assoc'))];
}"""


def sides(page: object) -> tuple[dict[str, float], dict[str, float]]:
    """Both columns' boxes read in one frame: the chat may still be scrolling, and boxes
    read one after the other would then disagree."""
    gov, assoc = page.evaluate(SIDES)  # type: ignore[attr-defined]
    return gov, assoc


def test_two_columns_and_word_download(index_dir: Path, tmp_path: Path) -> None:
    with running_app(index_dir, tmp_path / "feedback.jsonl") as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(url)
        page.click("#compare-toggle input")
        compare(page, "Blueprint vs association on talent")
        gov, assoc = sides(page)
        assert gov["x"] + gov["width"] <= assoc["x"] + 1  # side by side
        assert abs(gov["y"] - assoc["y"]) < 2
        assert "人才" in page.locator("#chat .compare-side.assoc").last.inner_text()
        page.screenshot(path=str(SHOTS / "compare-en-1280x800.png"), full_page=True)

        page.click("text=Word briefing (.docx)")
        page.click("#download-docx")
        link = page.locator("#briefing-file a").first
        link.wait_for(timeout=60_000)
        with page.expect_download() as download:
            link.click()
        path = tmp_path / "briefing.docx"
        download.value.save_as(path)
        document = Document(str(path))
        assert len(document.tables) == 1 and len(document.tables[0].columns) == 2
        page.screenshot(path=str(SHOTS / "briefing-download-1280x800.png"), full_page=True)

        page.set_viewport_size({"width": 390, "height": 844})  # a phone: stacked
        compare(page, "蓝图与厂商会对大湾区的看法比较")
        gov, assoc = sides(page)
        assert assoc["y"] >= gov["y"] + gov["height"] - 1
        assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
        page.locator("#chat .compare-side.assoc").last.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "compare-zh-hans-phone-390x844.png"))


def test_staff_page_shows_the_drift_summary_after_an_upload(
    index_dir: Path, tmp_path: Path
) -> None:
    index = tmp_path / "index"
    shutil.copytree(index_dir, index)
    extra = {
        "ASSISTANT_STAFF_USER": "staff",
        "ASSISTANT_STAFF_PASSWORD": "correct horse",
        "ASSISTANT_UPLOADS_DIR": str(tmp_path / "uploads"),
        "ASSISTANT_DRIFT_QUESTIONS": str(DRIFT / "questions.jsonl"),
        "ASSISTANT_DRIFT_LAST": "0",
    }
    with (
        running_app(index, tmp_path / "feedback.jsonl", 180, None, **extra) as url,
        chromium() as browser,
    ):
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url + "staff/")
        page.fill("input[type=text]", "staff")
        page.fill("input[type=password]", "correct horse")
        page.keyboard.press("Enter")
        page.wait_for_selector("#add", timeout=60_000)
        for edition, expected in (("edition-1", "added)"), ("edition-2", "edited)")):
            page.set_input_files("#upload input[type=file]", str(DRIFT / edition / NAME))
            page.wait_for_timeout(1500)
            page.click("#add")
            try:
                page.wait_for_function(
                    "(want) => document.querySelector('#drift-summary').innerText.includes(want)",
                    arg=expected,
                    timeout=180_000,
                )
            finally:
                page.screenshot(path=str(tmp_path / f"{edition}.png"), full_page=True)
        summary = page.locator("#drift-summary").inner_text()
        assert "2 of 7 answers changed" in summary
        assert "uploads/harbour-robotics-plan.md (edited)" in summary
        assert page.locator("#drift-report a").count() >= 1
        page.screenshot(path=str(SHOTS / "staff-drift-1280x900.png"), full_page=True)
