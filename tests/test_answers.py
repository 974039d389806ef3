"""End-to-end evidence answers on a real index (USE embeddings, embedded Chroma, BM25)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import IndexMismatchError, IndexMissingError, InputError
from assistant.generate import row_fit
from assistant.pipeline import Assistant
from assistant.types import TableRow
from tests.conftest import SEED

MANUFACTURING = "製造業佔以基本價格計算的本地生產總值百分比"


def check_quotes(answer, source: str) -> None:  # type: ignore[no-untyped-def]
    for citation in answer.citations:
        assert source[citation.start : citation.end] == citation.quote
        assert citation.quote in citation.passage


def test_target_question_quotes_the_row_that_holds_the_figure(assistant: Assistant) -> None:
    answer = assistant.ask("2027年製造業佔GDP的目標係幾多？")
    assert not answer.refused
    assert answer.language == "zh-Hant"
    first, value = answer.citations[0], answer.citations[1]
    assert first.quote == MANUFACTURING and value.quote == "1.5%"  # each cell its own quote
    assert "2027 (2025 年數字)" in value.context  # the column headers travel with the value
    assert first.speaker == "government_summary"
    assert "E. 發展願景參考指標" in first.section
    assert "「2027 (2025 年數字)」為「1.5%」[2]" in answer.answer.splitlines()[0]
    check_quotes(answer, SEED.read_text("utf-8"))


def test_simplified_question_finds_the_traditional_row(assistant: Assistant) -> None:
    answer = assistant.ask("人均研发开支到2032年的目标是多少港元？")
    assert answer.language == "zh-Hans"
    assert "人均本地研發總開支" in answer.citations[0].quote
    assert "「9,000 港元」[2]" in answer.answer.splitlines()[0]


def test_english_question_finds_the_chinese_passage(assistant: Assistant) -> None:
    answer = assistant.ask("What is the 2032 target for the number of unicorns?")
    assert answer.language == "en"
    assert "獨角獸企業數目" in answer.citations[0].quote
    assert answer.answer.startswith("Blueprint indicator")
    assert '"30 間" [2]' in answer.answer.splitlines()[0]


def test_english_question_on_commentary_prose(assistant: Assistant) -> None:
    answer = assistant.ask("What does the association recommend about an innovation index?")
    assert not answer.refused
    assert any("創新指數" in c.quote for c in answer.citations)
    assert all(c.speaker == "association" for c in answer.citations if "創新指數" in c.quote)


def test_strategy_by_number(assistant: Assistant) -> None:
    answer = assistant.ask("策略三是什麼？")
    assert any(c.quote.startswith("策略三：豐富創投融資渠道") for c in answer.citations)


@pytest.mark.parametrize(
    "question",
    [
        "香港2040年的研發開支目標是多少？",
        "新加坡2027年的研發開支目標是多少？",
        "Who won the 2022 football World Cup?",
        "明天香港天氣如何？",
    ],
)
def test_out_of_corpus_questions_are_refused(assistant: Assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert answer.refused
    assert answer.citations == ()
    assert answer.reason


def test_refusal_speaks_the_question_language(assistant: Assistant) -> None:
    assert assistant.ask(
        "What is Shenzhen's target for unicorn companies in 2027?"
    ).answer.startswith("The documents don't cover")
    assert assistant.ask("2035年独角兽企业数目目标是多少？").answer.startswith("文件没有涵盖")


def test_an_amount_asked_of_a_column_that_gives_a_share_is_not_answered(
    assistant: Assistant,
) -> None:
    # The R&D row's 2032 cell is 2% of GDP: no amount in 億港元 is given for that year.
    refused = assistant.ask("藍圖訂明2032年本地研發總開支的金額目標是多少億港元？")
    assert refused.refused and not refused.citations
    assert refused.answer.startswith("文件沒有這項金額")
    assert "本地研發總開支相對本地生產總值的比率" in refused.answer
    # Its 2016 cell gives the amount beside the share: that one is answered.
    answered = assistant.ask("2016年本地研發總開支是多少億港元？")
    assert not answered.refused
    assert "167.27 億港元" in answered.answer


def test_a_count_of_people_is_answered_by_a_row_that_counts_people(assistant: Assistant) -> None:
    columns = ("2016 (2014 年數字)", "2032 (2030 年數字)")
    share = TableRow("", "", MANUFACTURING, columns, ("1.2%", "5%"))
    workers = TableRow(
        "", "", "創新及科技產業從業人員", columns, ("35 450 人", "不少於 100 000 人")
    )
    assert not row_fit.gives(share, ["2032"], "a count of people")  # 5% counts no one
    assert row_fit.gives(workers, ["2032"], "a count of people")
    answered = assistant.ask("創科從業人員2027年有幾多人？")
    assert not answered.refused and "60 000 人" in answered.answer
    # Per thousand of the workforce is a density, asked as a number: still answered.
    density = assistant.ask("每千名勞動人口中有幾多人從事創科？")
    assert not density.refused and "16.54" in density.answer


def test_follow_up_uses_the_conversation(assistant: Assistant) -> None:
    history = [
        {"role": "user", "content": "2027年製造業佔GDP的目標係幾多？"},
        {"role": "assistant", "content": "1.5% [1]"},
    ]
    answer = assistant.ask("那2016年的數字呢？", history)
    assert MANUFACTURING in answer.citations[0].quote
    assert "「2016 (2014 年數字)」為「1.2%」[2]" in answer.answer


def test_contract_fields(assistant: Assistant) -> None:
    data = assistant.ask("產學研1+計劃撥款多少？").to_dict()
    assert {"answer", "refused", "mode", "citations", "retrieved", "unverified", "timings"} <= set(
        data
    )
    assert data["mode"] == "evidence" and data["unverified"] == []
    citation = data["citations"][0]
    assert set(citation) >= {
        "n",
        "chunk_id",
        "doc_title",
        "speaker",
        "section",
        "quote",
        "passage",
        "start",
        "end",
    }
    assert any("100億港元" in c["quote"] for c in data["citations"])
    scores = [r["score"] for r in data["retrieved"]]
    assert scores == sorted(scores, reverse=True)
    assert data["timings"]["total_s"] > 0


def test_empty_and_oversized_questions(assistant: Assistant) -> None:
    with pytest.raises(InputError, match="empty"):
        assistant.ask("   ")
    with pytest.raises(InputError, match="limit is 500"):
        assistant.ask("研發" * 300)


def test_missing_index_says_how_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(IndexMissingError, match="Build it first: assistant ingest"):
        Assistant(Settings(index_dir=tmp_path)).ask("研發開支？")


@pytest.mark.slow
def test_opening_an_index_with_another_embedder_fails_clearly(tmp_path: Path) -> None:
    minilm = Settings(
        index_dir=tmp_path, embedder="sentence-transformers", embedder_model="all-MiniLM-L6-v2"
    )
    Assistant(minilm).ingest([SEED])
    with pytest.raises(IndexMismatchError) as error:
        Assistant(Settings(index_dir=tmp_path)).ask("研發開支？")
    message = str(error.value)
    assert "sentence-transformers:all-MiniLM-L6-v2" in message and "384" in message
    assert "use-multilingual-v3" in message and "Rebuild the index" in message


def test_a_quoted_name_is_what_a_date_or_figure_must_be_about(assistant: Assistant) -> None:
    # The documents name the unit but never say when it was set up: dates in other
    # passages answer another question. Nor do they give the fund's size.
    assert assistant.ask("「招商引才專組」幾時成立？").refused
    assert assistant.ask("“共同投资基金”的规模有多大？").refused
    answered = assistant.ask("「產學研1+計劃」撥款幾多？")
    assert not answered.refused and "100億港元" in answered.answer


def test_a_figure_the_question_states_names_its_row(assistant: Assistant) -> None:
    answer = assistant.ask(
        "In the blueprint's target table, 16.54 is the 2027 value of which indicator?"
    )
    assert not answer.refused
    assert answer.citations[0].quote == "每千名勞動人口中創科從業人員"
