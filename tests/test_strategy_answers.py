"""Answer shapes on the real index: a strategy with all its items, the directions in order,
one measure naming its strategy, two-part questions, and the association's own view."""

from __future__ import annotations

from assistant.evaluate.metrics import lead_of, unquoted_figures
from assistant.pipeline import Assistant
from assistant.text.markup import has_markup
from tests.conftest import SEED

SOURCE = SEED.read_text("utf-8")


def clean_and_exact(answer) -> None:  # type: ignore[no-untyped-def]
    assert not has_markup(answer.answer)
    for c in answer.citations:
        assert SOURCE[c.start : c.end] == c.quote
        assert not has_markup(c.quote) and "\t" not in c.quote and "➢" not in c.quote


def test_strategy_content_is_its_title_then_every_item(assistant: Assistant) -> None:
    answer = assistant.ask("策略三有咩內容？")
    assert "策略三：豐富創投融資渠道" in lead_of(answer.answer)
    for item in ("優化現行上市制度", "善用「共同投資基金」", "加強港深投資聯動合作"):
        assert f"「{item}」" in answer.answer
    assert "策略四" not in answer.answer
    assert len(answer.citations) == 1 + 3 + 7  # title, targets, proposals
    clean_and_exact(answer)


def test_strategy_by_english_number(assistant: Assistant) -> None:
    answer = assistant.ask("What does strategy 5 contain?")
    assert "策略五" in lead_of(answer.answer)
    assert "增加人才住宿配套" in answer.answer


def test_the_four_directions_in_order(assistant: Assistant) -> None:
    answer = assistant.ask("What are the four directions of the Blueprint?")
    positions = [answer.answer.find(f"方向{d}") for d in "一二三四"]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)
    clean_and_exact(answer)


def test_a_unit_that_repeats_an_earlier_name_is_noted_with_the_documents_own_list(
    assistant: Assistant,
) -> None:
    """The annex names 方向四 as 方向三 (a copying error); the body's own sentence names
    the fourth direction, and the answer quotes it with a note. A list without such a
    repeat (the eight strategies) gets no note."""
    fourth = assistant.ask("藍圖第四個發展方向係咩嚟？")
    assert "方向四" in lead_of(fourth.answer)
    assert "方向四的名稱與方向三相同" in fourth.answer
    assert "「積極融入國家發展大局，做好連通內地與世界的橋樑」四大發展方向" in fourth.answer
    clean_and_exact(fourth)
    listed = assistant.ask("What are the four development directions set out in the Blueprint?")
    assert "積極融入國家發展大局" in listed.answer and listed.answer.startswith("In the")
    clean_and_exact(listed)
    strategies = assistant.ask("蓝图的八大策略分别是什么？")
    assert "策略八" in strategies.answer and "相同" not in strategies.answer


def test_one_measure_leads_and_names_its_strategy(assistant: Assistant) -> None:
    answer = assistant.ask("上市制度方面有咩措施？")
    lead = lead_of(answer.answer)
    assert "優化現行上市制度" in lead and "策略三" in lead
    clean_and_exact(answer)


def test_two_part_question_answers_both_parts(assistant: Assistant) -> None:
    answer = assistant.ask("2027年製造業佔GDP的目標係幾多？2032年呢？")
    assert "1.5%" in answer.answer and "5%" in answer.answer
    assert answer.answer.count("(") >= 2  # each part under its own heading


def test_a_part_that_leaves_its_subject_unsaid_takes_the_earlier_parts(
    assistant: Assistant,
) -> None:
    """「想達到咩效果？」 names nothing the documents know: its subject is the first part's
    (it was searched alone and refused), and the same quotes are not shown twice."""
    answer = assistant.ask("藍圖第一個發展方向係乜嘢？想達到咩效果？")
    assert "完善創科生態圈" in answer.answer and "上、中、下游" in answer.answer
    assert "文件沒有提到這一部分" not in answer.answer
    assert "見上文" in answer.answer
    clean_and_exact(answer)


def test_a_part_that_asks_only_what_the_documents_say_is_no_part(assistant: Assistant) -> None:
    """「…？藍圖有咩講法？」 names only the documents' own subject: it was answered as a
    second part of its own, with whatever passages mention the Blueprint."""
    answer = assistant.ask("香港點樣喺國際上擴闊人脈同聯繫？藍圖有咩講法？")
    whole = assistant.ask("香港點樣喺國際上擴闊人脈同聯繫？")
    assert "(藍圖有咩講法)" not in answer.answer and "(香港點樣" not in answer.answer
    assert answer.citations[0].quote == whole.citations[0].quote  # the same lead
    two = assistant.ask("2027年製造業佔GDP的目標係幾多？2032年呢？")
    assert two.answer.count("(") >= 2  # a part naming a year is still a part


def test_association_view_comes_from_the_association(assistant: Assistant) -> None:
    answer = assistant.ask("廠商會就中試提出了甚麼建議？")
    assert not answer.refused
    assert all(c.speaker == "association" for c in answer.citations)
    assert "港版中試" in answer.answer


def test_association_silence_is_said_plainly(assistant: Assistant) -> None:
    answer = assistant.ask("廠商會對增加人才住宿配套有甚麼意見？")
    assert answer.refused and "廠商會的評論沒有談及" in answer.answer


def test_table_figures_are_quoted_from_their_cells(assistant: Assistant) -> None:
    answer = assistant.ask("2027年製造業佔GDP的目標係幾多？")
    quotes = {c.n: c.quote for c in answer.citations}
    contexts = {c.n: c.context for c in answer.citations}
    assert "「1.5%」" in lead_of(answer.answer)
    assert unquoted_figures(answer.answer, quotes, contexts) == []
    clean_and_exact(answer)
