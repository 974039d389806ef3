"""Structure-aware chunking of the seed corpus (pure: no index, no model)."""

from __future__ import annotations

import re

import pytest

from assistant.ingest.chunking import chunk_document
from assistant.ingest.loaders import load_document
from assistant.types import Chunk, Document
from tests.conftest import SEED

INDICATORS = {
    "1.1": (
        "本地研發總開支相對本地生產總值的比率",
        ("0.74% (167.27 億港元)", "0.99% (265.54 億港元)", "1.3%", "2%"),
    ),
    "1.2": ("人均本地研發總開支", ("2,306 港元", "3,575 港元", "5,000 港元", "9,000 港元")),
    "1.3": ("公營機構與私營機構的研發開支比例", ("56:44", "58:42", "50:50", "40:60")),
    "2.1": ("初創企業數目", ("1 065 間", "3 755 間 (2021 年)", "約 5 000 間", "約 7 000 間")),
    "2.2": ("獨角獸企業數目", ("0 間", "12 間", "18 間", "30 間")),
    "3.1": ("創新及科技產業從業人員", ("35 450 人", "45 310 人", "60 000 人", "不少於 100 000 人")),
    "3.2": ("每千名勞動人口中創科從業人員", ("9.15", "11.56", "16.54", "28.05")),
    "4.1": ("製造業佔以基本價格計算的本地生產總值百分比", ("1.2%", "1.0%", "1.5%", "5%")),
}
COLUMNS = ("2016 (2014 年數字)", "2022 (2020 年數字)", "2027 (2025 年數字)", "2032 (2030 年數字)")


@pytest.fixture(scope="module")
def document() -> Document:
    return load_document(SEED)


@pytest.fixture(scope="module")
def chunks(document: Document) -> list[Chunk]:
    return chunk_document(document)


def test_every_passage_is_the_verbatim_source_span(document: Document, chunks: list[Chunk]) -> None:
    assert len(chunks) > 40
    for chunk in chunks:
        assert document.text[chunk.start : chunk.end] == chunk.passage
        assert chunk.doc_title == "香港創新科技發展藍圖：綱舉目張"
        assert len(chunk.content_hash) == 64


def test_all_eight_indicator_rows_are_self_contained_chunks(chunks: list[Chunk]) -> None:
    rows = {c.row.label.split()[0]: c for c in chunks if c.kind == "table_row" and c.row}
    assert set(rows) == set(INDICATORS)
    for number, (name, values) in INDICATORS.items():
        chunk = rows[number]
        assert chunk.row is not None
        assert name in chunk.row.label
        assert chunk.row.columns == COLUMNS
        assert chunk.row.values == values
        assert chunk.row.title == "發展願景參考指標"
        # Read on its own, the indexed text states each column with its value.
        for column, value in zip(COLUMNS, values, strict=True):
            assert f"{column}：{value}" in chunk.index_text
        assert chunk.index_text.startswith("發展願景參考指標｜")


def test_manufacturing_row_reads_as_a_statement_of_all_four_years(chunks: list[Chunk]) -> None:
    row = next(c for c in chunks if c.row and c.row.label.startswith("4.1"))
    assert row.index_text == (
        "發展願景參考指標｜4. 產業發展｜4.1 製造業佔以基本價格計算的本地生產總值百分比｜"
        "2016 (2014 年數字)：1.2%；2022 (2020 年數字)：1.0%；"
        "2027 (2025 年數字)：1.5%；2032 (2030 年數字)：5%"
    )


def test_each_strategy_is_a_title_with_its_targets_and_proposals(
    document: Document, chunks: list[Chunk]
) -> None:
    titles = [c for c in chunks if c.kind == "item" and c.role == "title" and "D." in c.section[1]]
    names = [re.search(r"策略[一二三四五六七八]", c.passage).group(0) for c in titles]  # type: ignore[union-attr]
    assert names == [f"策略{d}" for d in "一二三四五六七八"]
    third = [c for c in chunks if c.group == titles[2].group]
    texts = {c.passage: c.role for c in third}
    assert texts["優化現行上市制度"] == "建議"
    assert texts["善用「共同投資基金」"] == "建議"
    assert texts["加強港深投資聯動合作"] == "建議"
    assert any(t.startswith("加強支援初創企業") and r == "目標" for t, r in texts.items())
    assert not any("策略四" in t for t in texts)
    assert len([c for c in third if c.role == "建議"]) == 7


def test_every_strategy_item_slices_back_to_its_text_without_markup(
    document: Document, chunks: list[Chunk]
) -> None:
    items = [c for c in chunks if c.kind == "item" and "D." in c.section[1]]
    # The seed's table: 8 titles and one unit per ➢ mark.
    assert len(items) == 8 + document.text.count("➢")
    for item in items:
        assert document.text[item.start : item.end] == item.passage
        assert "<" not in item.passage and "➢" not in item.passage and "\t" not in item.passage
        assert item.passage == item.passage.strip()


def test_directions_are_named_units(chunks: list[Chunk]) -> None:
    directions = [c for c in chunks if c.kind == "item" and "C." in c.section[-1]]
    assert [c.group[:3] for c in directions] == ["方向一", "策略二", "方向三", "方向四"]
    assert all(c.role == "title" and "**" not in c.group for c in directions)


def test_prose_is_split_between_sentences_never_inside_one(chunks: list[Chunk]) -> None:
    prose = [c for c in chunks if c.kind == "prose" and c.section and "附件" not in c.section[0]]
    assert prose
    for chunk in prose:
        if "電話" in chunk.passage:
            continue  # the contact footer has no sentence ending
        # A sentence ends in 。！？ (or a colon that introduces the next paragraph).
        assert re.search(r"[。！？：][」』]?$", chunk.passage), chunk.passage[-30:]


def test_paragraph_broken_by_a_blank_line_stays_one_sentence(chunks: list[Chunk]) -> None:
    chunk = next(c for c in chunks if "均提出" in c.passage)
    assert "了一系列的具體策略" in chunk.passage


def test_sections_and_speakers(chunks: list[Chunk]) -> None:
    body = next(c for c in chunks if "港版中試" in c.passage)
    assert body.speaker == "association"
    assert body.section == ("藍圖切中時弊革故鼎新",)
    annex = next(c for c in chunks if c.kind == "table_row")
    assert annex.speaker == "government_summary"
    assert annex.section == ("附件：《香港創新科技藍圖》要點摘要", "E. 發展願景參考指標")


def test_chunk_ids_are_stable_and_unique(document: Document, chunks: list[Chunk]) -> None:
    again = chunk_document(document)
    assert [c.chunk_id for c in again] == [c.chunk_id for c in chunks]
    assert len({c.chunk_id for c in chunks}) == len(chunks)
