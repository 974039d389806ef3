"""Documents about other places rank after the home documents' passages when a question
names no place (retrieve/places.py), weighed by the home documents' own word statistics
(retrieve/home.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.index.keywords import KeywordIndex
from assistant.pipeline import Assistant
from assistant.retrieve.home import HomeWords
from assistant.retrieve.places import (
    _read_places,
    away_documents,
    document_places,
    home_first,
    places_in,
)
from assistant.types import Chunk, Hit


def test_places_named_in_chinese_and_english_by_the_dictionaries() -> None:
    assert places_in("深圳人工智能發展規劃（2035）") == {"深圳"}
    assert places_in("Tokyo Data Science Development Plan 2031") == {"东京"}
    # jieba tags 首爾 an adverb; CC-CEDICT's gloss says it is a capital.
    assert places_in("首爾新能源發展規劃") == {"首尔"}
    assert places_in("Seoul Logistics Development Plan 2024") == {"首尔"}
    assert places_in("香港創新科技發展藍圖：綱舉目張") == {"香港"}
    assert places_in("Powering Hong Kong's Digital Economy") == {"香港"}


def test_ordinary_words_are_not_places() -> None:
    # 城市 is tagged a place by jieba but glossed "city"; "City" is an ordinary word.
    assert places_in("智慧城市藍圖") == set()
    assert places_in("Smart City Services Development Plan") == set()
    assert places_in("Policy Address 2024") == set()


def test_place_table_rules() -> None:
    entries = [
        ("东京", "Tokyo, capital of Japan"),
        ("首尔", "Seoul, capital of South Korea"),
        ("三北", "China's three northern regions"),
        ("中国", "China"),
        ("瓷器", "china; porcelain"),
        ("城市", "city; town"),
        ("来宾", "Laibin prefecture-level city in Guangxi"),
        ("来宾", "guest; visitor"),
        ("三井", "Mitsui (Japanese company)"),
    ]
    tags = {"东京": "ns", "首尔": "d", "三北": "ns", "中国": "ns", "城市": "ns", "深圳": "ns"}
    words, names = _read_places(entries, tags)
    assert set(words) == {"东京", "首尔", "三北", "中国", "深圳"}  # 深圳: tagged, not glossed
    assert names == {"Tokyo": "东京", "Seoul": "首尔", "China": "中国"}


def test_away_documents_name_other_places_only() -> None:
    named = document_places(
        {
            "home": "香港創新科技發展藍圖",
            "both": "Manufacturing in Shenzhen and Hong Kong",
            "sz": "深圳人工智能發展規劃",
            "tokyo": "Tokyo Data Science Development Plan",
            "none": "施政報告",
        }
    )
    assert away_documents(named) == {"sz", "tokyo"}
    assert away_documents(named, asked=["深圳"]) == {"tokyo"}


def _hit(chunk_id: str, doc_id: str) -> Hit:
    chunk = Chunk(chunk_id, doc_id, doc_id, "other", (), "prose", 0, 1, "x", "x", "h")
    return Hit(chunk=chunk, score=1.0)


def test_home_first_keeps_each_part_in_order_once() -> None:
    hits = [_hit("a1", "a"), _hit("h1", "h"), _hit("a2", "a"), _hit("h2", "h"), _hit("h1", "h")]
    ordered = home_first(hits, frozenset({"a"}))
    assert [h.chunk.chunk_id for h in ordered] == ["h1", "h2", "a1", "a2"]
    assert [h.chunk.chunk_id for h in home_first(hits[:2], frozenset())] == ["a1", "h1"]


def test_home_words_weigh_words_among_home_passages() -> None:
    # 蓝图 is in every home passage (their subject) and in no other: rare in the index.
    tokens = [["蓝图", "人才"], ["蓝图", "蓝图", "蓝图", "蓝图"], ["蓝图", "基金"]]
    tokens += [["深圳", "人才", f"w{i}"] for i in range(20)]
    ids = ["h1", "h2", "h3", *[f"a{i}" for i in range(20)]]
    index = KeywordIndex.from_tokens(ids, tokens)
    doc_of = {cid: ("home" if cid.startswith("h") else "away") for cid in ids}
    words = HomeWords(index, frozenset({"away"}), doc_of)
    assert words.count == 3 and words.share("蓝图") == 1.0 and words.share("人才") == 1 / 3
    assert index.search(["蓝图", "人才"], 3)[0][0] == "h2"  # the index's idf: 蓝图 is rare
    found = words.search(["蓝图", "人才"], 5)
    assert found[0][0] == "h1"  # among the home passages 蓝图 says little, 人才 a lot
    assert {cid for cid, _ in found} <= {"h1", "h2", "h3"}


def _write(folder: Path, name: str, title: str, text: str) -> None:
    (folder / name).write_text(f"# {title}\n\n{text}\n", "utf-8")
    sidecar = {"title": title, "publisher": "測試", "date": "2024-01", "speaker": "other"}
    (folder / f"{name}.meta.json").write_text(json.dumps(sidecar, ensure_ascii=False), "utf-8")


@pytest.fixture(scope="module")
def two_cities(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    corpus = tmp_path_factory.mktemp("places-corpus")
    table = "| 指標 | 2027 |\n|---|---|\n| {} | {} |"
    # The home row words the indicator its own way; the other cities' rows word it as
    # the question does (the generated distractors of bench/corpus_gen.py).
    _write(corpus, "home.md", "工業報告", table.format("製造業所佔比重", "5%"))
    for n, city in enumerate(["深圳", "上海", "杭州", "廣州", "澳門", "台北"]):
        row = table.format(f"{city}製造業佔本地生產總值百分比", f"{40 + n}%")
        _write(corpus, f"away{n}.md", f"{city}製造業發展規劃", row)
    assistant = Assistant(Settings(index_dir=tmp_path_factory.mktemp("places-index")))
    assistant.ingest([corpus])
    return assistant


def test_a_question_naming_no_place_gets_the_home_row_first(two_cities: Assistant) -> None:
    found = two_cities.retriever.retrieve("2027年製造業佔本地生產總值百分比是多少？", ("2027",))
    assert found.hits[0].chunk.doc_id == "home.md"
    assert {h.chunk.doc_id for h in found.hits[1:]} >= {"away0.md"}


def test_a_question_naming_a_place_keeps_that_place(two_cities: Assistant) -> None:
    found = two_cities.retriever.retrieve("2027年深圳製造業佔本地生產總值百分比是多少？", ("2027",))
    docs = [h.chunk.doc_id for h in found.hits]
    assert docs.index("away0.md") < docs.index("away1.md")
    assert docs.index("away0.md") < docs.index("away2.md")
