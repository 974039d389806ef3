"""Times named by words ("now", 「五年後」), two years of one indicator, and per-head rows."""

from __future__ import annotations

import datetime

from assistant.pipeline import Assistant
from assistant.retrieve.rankings import per_asked
from assistant.text.times import asks_a_time, present, years_asked

COLUMNS = ("2016 (2014 年數字)", "2022 (2020 年數字)", "2027 (2025 年數字)", "2032 (2030 年數字)")


def test_the_present_is_the_latest_column_not_after_the_documents_date() -> None:
    assert present(COLUMNS, "2023-01") == 2022
    assert present(COLUMNS, "2028-06") == 2027
    assert present(COLUMNS, "2010") == 0  # every column is after it: no present
    assert present(COLUMNS, "", today=datetime.date(2030, 1, 1)) == 2027  # undated: today


def test_times_are_read_in_the_order_named() -> None:
    assert years_asked("製造業佔GDP而家係幾多？五年後想去到幾多？", 2022) == ("2022", "2027")
    assert years_asked("What is it now, and what should it be in ten years?", 2022) == (
        "2022",
        "2032",
    )
    assert years_asked("2016年有幾多？目前呢？", 2022) == ("2016", "2022")
    assert years_asked("到2032年後會點？", 2022) == ("2032",)  # not "32 years later"
    assert years_asked("而家係幾多？", 0) == ()  # no present column: nothing to read
    assert not asks_a_time("2027年嘅目標係幾多？")


def test_per_head_is_asked_by_these_words_only() -> None:
    assert per_asked("What per-head research outlay does the Blueprint record?")
    assert per_asked("每千名勞動人口有幾多創科人員？")
    assert not per_asked("全港研發總開支2022年係幾多錢？")
    assert not per_asked("What percentage of GDP is manufacturing?")  # per cent is a share


def test_now_and_five_years_on_are_both_columns_of_one_row(assistant: Assistant) -> None:
    answer = assistant.ask("製造業佔本地生產總值而家係幾多？五年後想去到幾多？")
    lead = answer.answer.splitlines()[0]
    assert "製造業佔以基本價格計算的本地生產總值百分比" in lead
    assert "「1.0%」" in lead and "「1.5%」" in lead  # 2022 and 2027, one question
    assert "2016" not in lead and not lead.startswith("(")  # not split, no other column


def test_two_years_of_one_indicator_are_one_question(assistant: Assistant) -> None:
    answer = assistant.ask("創科從業人員2016年有幾多？2032年目標係幾多？")
    lead = answer.answer.splitlines()[0]
    assert "創新及科技產業從業人員" in lead
    assert "「35 450 人」" in lead and "「不少於 100 000 人」" in lead


def test_two_questions_about_two_things_are_still_answered_part_by_part(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("2027年獨角獸企業有幾多間？策略三有咩措施？")
    assert answer.answer.startswith("(")  # each part under its own heading
    assert "18 間" in answer.answer and "優化創科創投基金的運作" in answer.answer


def test_a_total_is_not_answered_with_the_per_head_row(assistant: Assistant) -> None:
    total = assistant.ask("全港研發總開支2022年係幾多錢？").answer.splitlines()[0]
    assert "265.54 億港元" in total and "人均" not in total
    per_head = assistant.ask("人均研發開支而家係幾多？").answer.splitlines()[0]
    assert "「3,575 港元」" in per_head  # "now" is the 2022 column


def test_verification_reads_now_and_five_years_on_as_their_columns() -> None:
    from assistant.cite.verify import verify_answer
    from assistant.types import TableRow

    row = TableRow(
        "", "", "獨角獸企業數目 (累計數字)", COLUMNS, ("0 間", "12 間", "18 間", "30 間")
    )
    source = {
        1: "獨角獸企業數目｜"
        + "；".join(f"{c}：{v}" for c, v in zip(COLUMNS, row.values, strict=True))
    }
    question = "独角兽公司现在有几家？五年後呢？"

    def reasons(answer: str) -> list[str]:
        return [u.reason for u in verify_answer(answer, source, {1: row}, [], question).unverified]

    assert reasons("独角兽公司现在有12家，到2032年要累计到30家 [1]。") == []
    assert reasons("独角兽公司五年後有18家 [1]。") == []  # the member's 「五年後」 is no figure
    assert "not the value for 2022" in reasons("独角兽公司现在有30家 [1]。")[0]
    assert "not the value for 2027" in reasons("独角兽公司五年後有30家 [1]。")[0]
