"""The verifier on hand-made answers: numbers, citations and quotes are checked."""

from __future__ import annotations

import pytest

from assistant.cite.numbers import extract_figures, supported
from assistant.cite.verify import verify_answer
from assistant.text.table_rows import describe_row
from assistant.types import TableRow, Unverified

ROW = (
    "發展願景參考指標｜4. 產業發展｜4.1 製造業佔以基本價格計算的本地生產總值百分比｜"
    "2016 (2014 年數字)：1.2%；2022 (2020 年數字)：1.0%；2027 (2025 年數字)：1.5%；"
    "2032 (2030 年數字)：5%"
)
FUND = "「產學研1+計劃」，將撥款100億港元資助大學研發團隊把科研成果商品化和產業化。"
SOURCES = {1: ROW, 2: FUND}


def keys(text: str) -> set[tuple[str, str]]:
    return {(f.key, f.kind) for f in extract_figures(text)}


@pytest.mark.parametrize("form", ["百分之五", "5%", "５％", "5 percent", "5 per cent"])
def test_percent_forms_share_a_key(form: str) -> None:
    assert keys(form) == {("5", "percent")}


@pytest.mark.parametrize("form", ["十萬", "100,000", "100 000", "１００，０００", "10萬"])
def test_large_number_forms_share_a_key(form: str) -> None:
    assert keys(form) == {("100000", "plain")}


def test_money_units_scale_the_value() -> None:
    assert keys("100億港元") == keys("HK$10 billion") == {("10000000000", "plain")}


def test_words_that_are_not_numbers_are_ignored() -> None:
    assert keys("一系列的具體策略，十分重要，九牛一毛") == set()


def test_ratio_is_its_own_kind() -> None:
    assert keys("40:60") == keys("40比60") == {("40:60", "ratio")}
    assert not supported(extract_figures("56%")[0], extract_figures("56:44"))


def test_right_answer_passes() -> None:
    result = verify_answer("2027年製造業佔GDP的目標為1.5% [1]。", SOURCES)
    assert result.verified == ["2027年製造業佔GDP的目標為1.5% [1]。"]
    assert result.unverified == [] and result.problems == []
    assert result.states_facts


def test_fabricated_number_is_caught() -> None:
    result = verify_answer("2027年製造業佔GDP的目標為2.5% [1]。", SOURCES)
    assert result.verified == []
    assert "'2.5%' is not in the cited source [1]" in result.unverified[0].reason


def test_citation_to_a_passage_not_given_is_removed_and_reported() -> None:
    result = verify_answer("目標為1.5% [3]。", SOURCES)
    assert result.problems == [Unverified("[3]", "points at no source given to the model; removed")]
    assert result.verified == []
    assert "no citation" in result.unverified[0].reason
    assert "[3]" not in result.unverified[0].sentence


def test_right_number_cited_to_the_wrong_passage_is_caught() -> None:
    result = verify_answer("產學研1+計劃撥款100億港元 [1]。", SOURCES)
    assert result.verified == []
    assert "is not in the cited source [1]" in result.unverified[0].reason
    assert verify_answer("產學研1+計劃撥款100億港元 [2]。", SOURCES).verified


def test_written_percent_is_accepted_against_the_digits() -> None:
    result = verify_answer("到2032年，製造業佔本地生產總值的目標為百分之五 [1]。", SOURCES)
    assert result.unverified == []
    assert result.states_facts


def test_english_amount_in_billions_matches_yi() -> None:
    result = verify_answer("The scheme provides HK$10 billion to universities [2].", SOURCES)
    assert result.unverified == []


def test_uncited_factual_sentence_is_held_back_but_silence_is_allowed() -> None:
    result = verify_answer("製造業很重要。文件沒有提及這個數字。", SOURCES)
    assert result.verified == ["文件沒有提及這個數字。"]
    assert result.unverified == [Unverified("製造業很重要。", "no citation to a given source")]
    assert not result.states_facts


def test_uncited_silence_with_a_number_is_still_a_claim() -> None:
    result = verify_answer("文件沒有提及2040年的目標，但應為10%。", SOURCES)
    assert result.verified == []


def test_quotation_must_be_in_the_cited_source() -> None:
    bad = verify_answer("藍圖提出「港版中試樞紐計劃」[2]。", SOURCES)
    assert "「港版中試樞紐計劃」 is not in the cited source" in bad.unverified[0].reason
    good = verify_answer("藍圖提出「產學研1+計劃」[2]。", SOURCES)
    assert good.unverified == []


def test_multiple_markers_and_mixed_sentences() -> None:
    answer = "目標為1.5% [1]。撥款100億港元 [1, 2]。另有一個數字是7% [2]。"
    result = verify_answer(answer, SOURCES)
    assert result.verified == ["目標為1.5% [1]。", "撥款100億港元 [1, 2]。"]
    assert len(result.unverified) == 1 and "'7%'" in result.unverified[0].reason
    assert result.cited == {1, 2}
    assert result.text == "目標為1.5% [1]。撥款100億港元 [1, 2]。"


def test_answer_whose_figures_all_failed_does_not_count_as_an_answer() -> None:
    result = verify_answer("The 2032 target is 5%. This is based on the Blueprint [1].", SOURCES)
    assert result.verified == ["This is based on the Blueprint [1]."]
    assert not result.states_facts


def test_marker_after_the_full_stop_belongs_to_that_sentence() -> None:
    result = verify_answer("2027年製造業佔GDP的目標係1.5%。[1]", SOURCES)
    assert result.verified == ["2027年製造業佔GDP的目標係1.5%。[1]"]
    assert result.states_facts


def test_strategy_numbers_are_names_not_figures() -> None:
    source = {1: "策略五：充實創科人才資源 建設國際人才高地。"}
    assert (
        verify_answer("Strategy 5 is to build an international talent hub [1].", source).unverified
        == []
    )
    assert verify_answer("第五項策略是充實創科人才資源 [1]。", source).unverified == []


STARTUPS = TableRow(
    "發展願景參考指標",
    "2. 初創企業",
    "2.1 在共享工作空間、創業培育中心及加速器內營運的初創企業數目",
    ("2016 (2014 年數字)", "2022 (2020 年數字)", "2027 (2025 年數字)", "2032 (2030 年數字)"),
    ("1 065 間", "3 755 間 (2021 年)", "約 5 000 間", "約 7 000 間"),
)


def test_a_figure_from_another_years_cell_is_not_verified() -> None:
    sources = {1: describe_row(STARTUPS)}
    wrong = verify_answer(
        "2021年，在共享工作空間營運的初創企業有約 5,000 間。 [1]", sources, {1: STARTUPS}
    )
    assert not wrong.verified and "not the value for 2021" in wrong.unverified[0].reason
    right = verify_answer("2021年有3 755間初創企業。[1]", sources, {1: STARTUPS})
    assert right.verified and not right.unverified  # the in-cell label (2021 年) binds it


def test_a_figure_stated_for_another_indicator_is_not_verified() -> None:
    sources = {1: describe_row(STARTUPS)}
    others = ["2.2 獨角獸企業數目 (累計數字)"]
    wrong = verify_answer("獨角獸企業在2032年約有7 000間。[1]", sources, {1: STARTUPS}, others)
    assert not wrong.verified and "another indicator" in wrong.unverified[0].reason
    right = verify_answer("2032年的目標是約7 000間。[1]", sources, {1: STARTUPS}, others)
    assert right.verified


def test_a_word_shared_with_another_label_does_not_make_it_that_indicator() -> None:
    """「人口」 is in 「每千名勞動人口中創科從業人員」, but a sentence about research spending
    per head of population says more of its own row (研發, 開支) than of that one."""
    per_head = TableRow(
        "發展願景參考指標",
        "1. 研發",
        "1.2 人均本地研發總開支",
        ("2027 (2025 年數字)",),
        ("5,000 港元",),
    )
    others = ["3.2 每千名勞動人口中創科從業人員", "2.2 獨角獸企業數目 (累計數字)"]
    sources = {1: describe_row(per_head)}
    kept = verify_answer(
        "按人口平均的研發開支到2027年要達到5,000港元。[1]", sources, {1: per_head}, others
    )
    assert kept.verified, kept.unverified
    wrong = verify_answer("獨角獸企業在2027年要達到5,000港元。[1]", sources, {1: per_head}, others)
    assert not wrong.verified and "another indicator" in wrong.unverified[0].reason


def test_an_english_sentence_names_its_own_row_through_the_dictionary() -> None:
    """ "private" is a word of another city's English label, but the sentence says more of
    its own row (public, private, spending: 公營, 私營, 開支) than of that one."""
    ratio = TableRow(
        "發展願景參考指標",
        "1. 研發",
        "1.3 公營機構與私營機構的研發開支比例",
        ("2022 (2020 年數字)",),
        ("58:42",),
    )
    others = ["Annual private investment in data centre and cloud infrastructure"]
    sources = {1: describe_row(ratio)}
    question = "What is the 2022 ratio of public to private R&D spending?"
    kept = verify_answer(
        "In 2022 the ratio of public to private sector R&D spending was 58:42 [1].",
        sources,
        {1: ratio},
        others,
        question,
    )
    assert kept.verified, kept.unverified
    wrong = verify_answer(
        "Annual private investment in data centre and cloud infrastructure was 58:42 in 2022 [1].",
        sources,
        {1: ratio},
        others,
        question,
    )
    assert not wrong.verified


def test_a_named_thing_the_cited_source_lacks_is_not_verified() -> None:
    sources = {1: "善用「共同投資基金」；積極透過「香港投資管理有限公司」支持策略科技產業發展"}
    invented = verify_answer("藍圖建議設立創科培育基金 [1]。", sources)
    assert not invented.verified and "培育基金" in invented.unverified[0].reason
    english = verify_answer("It proposes a Smart Factory Fund [1].", sources)
    assert not english.verified and "Smart Factory Fund" in english.unverified[0].reason
    kept = verify_answer("策略三提出善用「共同投資基金」[1]。", sources)
    assert kept.verified and not kept.unverified
    translated = verify_answer("It will make good use of the Co-Investment Fund [1].", sources)
    assert translated.verified  # its words translate into the source's own term


def test_a_rows_number_is_layout_not_a_value() -> None:
    """「1.2 人均本地研發總開支」: 1.2 is where the row sits, not a figure it gives."""
    row = TableRow(
        "指標", "1. 研發", "1.2 人均本地研發總開支", ("2027 (2025 年數字)",), ("5,000 港元",)
    )
    sources = {1: describe_row(row)}
    wrong = verify_answer("It grows by 1.2 percentage points by 2027 [1].", sources, {1: row})
    assert wrong.unverified and "no cell" in wrong.unverified[0].reason
    right = verify_answer("The 2027 target is 5,000 港元 [1].", sources, {1: row})
    assert right.verified and not right.unverified
    asked = verify_answer(
        "Per 1.2 residents, 2027 gives 5,000 港元 [1].", sources, {1: row}, (), "per 1.2?"
    )
    assert asked.verified


def test_a_ratio_given_a_unit_is_not_verified() -> None:
    """「56:44 億港元」: the row gives a ratio, and a ratio is not an amount of money."""
    sources = {1: "研發開支公私營比例｜2016 (2014 年數字)：56:44"}
    wrong = verify_answer("對應金額是 56:44 億港元 [1]。", sources)
    assert wrong.unverified and "ratio" in wrong.unverified[0].reason
    assert verify_answer("2016年的比例是 56:44 [1]。", sources).verified


def test_a_table_figure_without_its_year_is_not_verified_when_the_row_has_several() -> None:
    """A figure cut from a row of four columns ("reach 5,000") could be any of them: the
    2027 value stated for a question about 2032 read as verified before."""
    sources = {1: describe_row(STARTUPS)}
    vague = verify_answer("初創企業數目預計要達到約 5 000 間。[1]", sources, {1: STARTUPS})
    assert not vague.verified and "without the year" in vague.unverified[0].reason
    dated = verify_answer("2027年初創企業數目預計要達到約 5 000 間。[1]", sources, {1: STARTUPS})
    assert dated.verified


def test_an_amount_in_another_currency_is_not_verified() -> None:
    """2,306 港元 stated as "2,306 yuan" reads as a figure from the source, and is wrong."""
    sources = {1: "人均本地研發總開支｜2016 (2014 年數字)：2,306 港元"}
    wrong = verify_answer("In 2016 the spending per person was 2,306 yuan [1].", sources)
    assert wrong.unverified and "CNY" in wrong.unverified[0].reason
    assert verify_answer("In 2016 it was HK$2,306 per person [1].", sources).verified
    assert verify_answer("In 2016 it was 2,306 per person [1].", sources).verified


def test_a_percentage_in_words_is_read_with_a_space_before_the_number() -> None:
    """「佔百分之 167.27 億港元」 states a percentage; the amount's cell does not hold it."""
    assert keys("百分之 5") == {("5", "percent")}
    sources = {1: "本地研發總開支｜2016 (2014 年數字)：0.74% (167.27 億港元)"}
    assert not verify_answer("2016年研發開支佔百分之 167.27 億港元 [1]。", sources).verified


def test_a_sentence_that_only_repeats_the_question_is_not_an_answer() -> None:
    question = "Which official described the Blueprint as a systematic and forward-looking plan?"
    sources = {1: "創新科技及工業局局長孫東形容藍圖是一份系統性、前瞻性的規劃。"}
    echo = verify_answer(
        "The official described the Blueprint as a systematic and forward-looking plan [1].",
        sources,
        question=question,
    )
    assert not echo.verified and "repeats the question" in echo.unverified[0].reason
    figure = verify_answer(
        "2027年製造業佔本地生產總值的目標為1.5% [1]。",
        SOURCES,
        question="2027年製造業佔本地生產總值的目標是多少？",
    )
    assert figure.verified


def test_each_figure_is_bound_to_the_year_of_its_own_clause() -> None:
    """「2016年：3,575 港元；2022年：3,575 港元」 named both years, so the 2022 value passed as
    2016's: a figure takes the year of its clause."""
    row = TableRow(
        "指標",
        "1. 研發",
        "1.2 人均本地研發總開支",
        ("2016 (2014 年數字)", "2022 (2020 年數字)"),
        ("2,306 港元", "3,575 港元"),
    )
    sources = {1: describe_row(row)}
    wrong = verify_answer("2016年：3575 港元；2022年：3575 港元 [1]。", sources, {1: row})
    assert wrong.unverified and "not the value for 2016" in wrong.unverified[0].reason
    right = verify_answer("2016年為2,306港元，2022年為3,575港元 [1]。", sources, {1: row})
    assert right.verified
    ratio = TableRow("指標", "1. 研發", "1.3 公私營比例", ("2016", "2022"), ("56:44", "58:42"))
    said = verify_answer(
        "2016年的比例是 56:44，2022年是 58:42 [1]。", {1: describe_row(ratio)}, {1: ratio}
    )
    assert said.verified


COLUMNS = ("2016 (2014 年數字)", "2022 (2020 年數字)", "2027 (2025 年數字)", "2032 (2030 年數字)")


def _row(label: str, *values: str) -> TableRow:
    return TableRow("發展願景參考指標", "", label, COLUMNS, values)


def _on_row(answer: str, row: TableRow, question: str):  # type: ignore[no-untyped-def]
    """`answer` verified against `row` given as source [1]."""
    return verify_answer(answer, {1: describe_row(row)}, {1: row}, [], question)


def test_a_cell_figure_in_a_sentence_that_names_no_word_of_its_row_is_not_verified() -> None:
    """Asked about per-head R&D spending, the model gave the per-thousand workforce row's
    figures, each in its own cell: nothing in the sentence or the question names that row."""
    row = _row("3.2 每千名勞動人口中創科從業人員", "9.15", "11.56", "16.54", "28.05")
    question = "平均每個香港人攤到幾多研發開支？2022年同2027年目標比，要升幾多？"
    wrong = verify_answer(
        "2027年係16.54，2022年係11.56 [1]。", {1: describe_row(row)}, {1: row}, [], question
    )
    assert not wrong.verified and "without its indicator" in wrong.unverified[0].reason
    # Named by the question in other words (「創科」 shortens 「創新及科技」), or in English
    # through the dictionary ("unicorns", 獨角獸): verified.
    workers = _row(
        "3.1 創新及科技產業從業人員", "35 450 人", "45 310 人", "60 000 人", "不少於 100 000 人"
    )
    assert _on_row("2027年會有60 000人 [1]。", workers, "2027年有幾多人做創科？").verified
    unicorns = _row("2.2 獨角獸企業數目 (累計數字)", "0 間", "12 間", "18 間", "30 間")
    assert _on_row("In 2027 the target is 18 [1].", unicorns, "How many unicorns by 2027?").verified


def test_a_cell_that_names_its_own_year_is_that_years_figure() -> None:
    """「3 755 間 (2021 年)」 stands in the 2022 column but is the 2021 count."""
    row = _row(
        "2.1 在共享工作空間、創業培育中心及加速器內營運的初創企業數目",
        "1 065 間",
        "3 755 間 (2021 年)",
        "約 5 000 間",
        "約 7 000 間",
    )
    question = "初創企業最新有幾多間？"
    wrong = verify_answer(
        "初創企業有3755間，係2022年嘅數 [1]。", {1: describe_row(row)}, {1: row}, [], question
    )
    assert not wrong.verified and "not the value for 2022" in wrong.unverified[0].reason
    right = verify_answer(
        "初創企業在2021年有3 755間 [1]。", {1: describe_row(row)}, {1: row}, [], question
    )
    assert right.verified


def test_a_multiple_is_not_the_value_it_multiplies() -> None:
    """「16.54 倍」 and "5,000 times" are the model's arithmetic, not the cell's 16.54."""
    assert not supported(extract_figures("要升 16.54 倍")[0], extract_figures("16.54"))
    assert not supported(extract_figures("5,000 times")[0], extract_figures("約 5 000 間"))
    assert supported(extract_figures("約5 000間")[0], extract_figures("約 5 000 間"))


def test_the_members_own_figure_is_theirs_to_repeat_without_its_year() -> None:
    row = _row("1.1 本地研發總開支相對本地生產總值的比率", "0.74%", "0.99%", "1.3%", "2%")
    question = "研發開支佔GDP而家先0.99%，政府想2027年去到幾多？"
    answer = "研發開支比率而家為0.99%，政府想2027年去到1.3% [1]。"
    assert verify_answer(answer, {1: describe_row(row)}, {1: row}, [], question).verified
    # Not the member's: the same sentence with 0.74% puts 2016's figure in 2027's clause.
    wrong = answer.replace("0.99%", "0.74%")
    assert not verify_answer(wrong, {1: describe_row(row)}, {1: row}, [], question).verified


def test_a_demonstrative_is_no_name_and_the_declared_speakers_are_known() -> None:
    source = {
        1: "這項計劃著眼於從「從一到N」環節推動科技轉化。根據該會的研究，香港應發展中試服務。"
    }
    plan = verify_answer("這項計劃著眼於推動科技轉化 [1]。", source)
    assert plan.verified  # 「這項計劃」 names no plan of its own
    speaker = "香港中華廠商聯合會認為香港應發展中試服務 [1]。"
    assert not verify_answer(speaker, source).verified  # 聯合會 is in no source given
    assert verify_answer(speaker, source, known="廠商會 廠商聯合會").verified


def test_a_sentence_said_twice_is_kept_once() -> None:
    answer = "2027年的目標是1.5% [1]。2027年的目標是1.5% [1]。"
    result = verify_answer(answer, SOURCES, question="製造業佔GDP 2027年目標？")
    assert len(result.verified) == 1 and "repeats" in result.unverified[0].reason


def test_one_figure_said_of_two_years_joined_by_and_must_be_both_values() -> None:
    """「1.3% in 2027 and 2032」 claims 1.3% for 2032 too, whose cell is 2%; a range
    ("from 2016 to 2032 it grows to 30") says the figure of its end only."""
    rd = _row("1.1 本地研發總開支相對本地生產總值的比率", "0.74%", "0.99%", "1.3%", "2%")
    question = "How will R&D spending as a share of GDP change?"
    both = _on_row("R&D spending reaches 1.3% of GDP in 2027 and 2032 [1].", rd, question)
    assert not both.verified and "not the value for 2032" in both.unverified[0].reason
    unicorns = _row("2.2 獨角獸企業數目 (累計數字)", "0 間", "12 間", "18 間", "30 間")
    ranged = _on_row("Unicorns grow from 2016 to 2032, reaching 30 [1].", unicorns, "unicorns?")
    assert ranged.verified, ranged.unverified


def test_an_ordinal_is_not_the_first_half_of_a_ratio() -> None:
    assert [f.text for f in extract_figures("根據第 50:50 指標")] == ["50:50"]
    assert extract_figures("第二十項策略") == [] and extract_figures("第 2 項") == []
