"""Eval metrics, comparison and schema on hand-made cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.evaluate.compare import check_thresholds, compare_runs
from assistant.evaluate.metrics import (
    citation_valid,
    fact_present,
    facts_present,
    first_relevant_rank,
    hit_at,
    percentile,
    reciprocal_rank,
    unsupported_figures,
)
from assistant.evaluate.questions import load_questions
from assistant.evaluate.runner import Row, summarise
from tests.conftest import ROOT

ROW = "4.1\t製造業佔以基本價格計算的本地生產總值百分比\t1.2%\t1.0%\t1.5%\t5%"


def test_rank_hits_and_mrr() -> None:
    passages = ["甲", "研發開支", ROW]
    rank = first_relevant_rank(passages, "製造業佔以基本價格計算")
    assert rank == 3
    assert (hit_at(rank, 1), hit_at(rank, 3), reciprocal_rank(rank)) == (
        0.0,
        1.0,
        pytest.approx(1 / 3),
    )
    assert first_relevant_rank(passages, "獨角獸") is None
    assert reciprocal_rank(None) == 0.0


def test_rank_matches_across_script_and_spacing() -> None:
    assert first_relevant_rank(["制造业占以基本价格计算"], "製造業佔以基本價格計算") == 1


@pytest.mark.parametrize(
    "answer", ["目標為5%", "目標為百分之五", "the target is 5 percent", "５％"]
)
def test_expected_percent_matches_every_written_form(answer: str) -> None:
    assert fact_present("5%", answer)


def test_expected_number_with_spaces_and_separators() -> None:
    assert fact_present("100 000", "不少於100,000人")
    assert fact_present("5,000 港元", "5000港元")
    assert not fact_present("5%", "1.5%")  # a different value, not a substring match
    assert not fact_present("5%", "5 間")  # a count is not a percentage


def test_facts_present_is_a_share_and_needs_facts() -> None:
    assert facts_present(["40億元", "2018"], "40億元的基金") == 0.5
    with pytest.raises(ValueError):
        facts_present([], "x")


def test_citation_validity_and_unsupported_figures() -> None:
    assert citation_valid(["其他", ROW], "製造業佔以基本價格計算")
    assert not citation_valid(["其他"], "製造業佔以基本價格計算")
    assert (
        unsupported_figures("目標為1.5% [1]，2032年為5% [1]", [ROW + " 2032 (2030 年數字)"]) == []
    )
    assert unsupported_figures("目標為2.5% [1]", [ROW]) == ["2.5%"]


def test_percentile() -> None:
    assert percentile([3.0, 1.0, 2.0], 50) == 2.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 95) == 4.0
    assert percentile([], 50) == 0.0


def make_row(qid: str, refuse: bool, refused: bool, correct: float | None, ok: bool = True) -> Row:
    row = Row(qid, "q", "zh-Hant", ["target"], refuse, "evidence", ok=ok, refused=refused)
    row.correct = correct
    row.rank = 1 if correct else None
    return row


def test_summary_counts_failures_and_refusals() -> None:
    rows = [
        make_row("a", False, False, 1.0),
        make_row("b", False, True, 0.0),
        make_row("c", True, True, None),
        make_row("d", False, False, 0.0, ok=False),
    ]
    rows[3].error = "RuntimeError: boom"
    summary = summarise(rows)
    assert summary["questions"] == 4 and summary["errors"] == 1 and summary["passed"] == 2
    assert summary["answer_correct"] == pytest.approx(1 / 3, abs=1e-4)
    assert summary["refusal_accuracy"] == 1.0
    assert summary["false_refusal_rate"] == 0.5  # b of the two answerable rows that ran
    assert summary["by_tag"]["target"]["questions"] == 4


def test_compare_lists_fixed_and_broken_and_deltas() -> None:
    before = [
        {"id": "a", "passed": True},
        {"id": "b", "passed": False},
        {"id": "old", "passed": True},
    ]
    after = [
        {"id": "a", "passed": False},
        {"id": "b", "passed": True},
        {"id": "new", "passed": True},
    ]
    result = compare_runs(after, {"hit@1": 0.8}, before, {"hit@1": 0.9}, "run-1")
    assert (result.fixed, result.broken) == (["b"], ["a"])
    assert (result.added, result.removed) == (["new"], ["old"])
    assert result.deltas["hit@1"] == pytest.approx(-0.1)


def test_thresholds_floor_and_drop() -> None:
    thresholds = {
        "floors": {"evidence": {"hit@5": 0.9, "unsupported_figures": 0}},
        "max_drop": {"hit@1": 0.05, "false_refusal_rate": 0.02},
    }
    comparison = compare_runs(
        [],
        {"hit@1": 0.8, "false_refusal_rate": 0.1},
        [],
        {"hit@1": 0.9, "false_refusal_rate": 0.05},
        "run-1",
    )
    breaches = check_thresholds(
        {"hit@5": 0.85, "unsupported_figures": 2}, "evidence", thresholds, comparison
    )
    assert "hit@5 is 0.85, below the floor 0.9" in breaches
    assert "unsupported_figures is 2, above the ceiling 0" in breaches
    assert any(b.startswith("hit@1 moved by -0.1000") for b in breaches)
    assert any(b.startswith("false_refusal_rate moved by +0.0500") for b in breaches)
    assert check_thresholds({"hit@5": 0.95}, "evidence", thresholds, None) == []


def test_committed_splits_pass_their_schema_and_cover_the_brief() -> None:
    from assistant.evaluate.splits import load_splits

    splits = load_splits()
    for split in splits.values():
        questions = load_questions(split.questions)
        sources = [(ROOT / "corpus").glob("*.txt"), *(p.glob("*") for p in split.corpus)]
        text = "".join(
            f.read_text("utf-8") for group in sources for f in group if not f.name.endswith(".json")
        )
        assert all(q.anchor in text for q in questions if q.anchor), split.name
    dev = load_questions(splits["dev"].questions)
    test = load_questions(splits["test"].questions)
    assert len(dev) >= 300 and len(test) >= 120
    for questions in (dev, test):
        langs = [q.lang for q in questions]
        assert langs.count("zh-Hant") / len(langs) >= 0.45
        assert langs.count("zh-Hans") / len(langs) >= 0.1 and langs.count("en") / len(langs) >= 0.2
        assert sum(q.refuse for q in questions) / len(questions) >= 0.2
        assert any(q.history for q in questions)
    assert sum(q.refuse for q in test) >= 30
    assert sum("strategy" in q.tags for q in test) >= 40
    assert not {q.id for q in dev} & {q.id for q in test}
    targets = {
        (q.anchor, year)
        for q in dev
        if "target" in q.tags and not q.history
        for year in ("2016", "2022", "2027", "2032")
        if year in q.id
    }
    assert len(targets) >= 32  # every indicator in every year column


def test_schema_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "question": "x", "lang": "fr", "refuse": True}),
                json.dumps({"id": "b", "question": "x", "lang": "en"}),
                json.dumps(
                    {
                        "id": "c",
                        "question": "x",
                        "lang": "en",
                        "anchor": "y",
                        "expect": ["1"],
                        "colour": 1,
                    }
                ),
                "{not json",
            ]
        ),
        "utf-8",
    )
    with pytest.raises(InputError) as error:
        load_questions(path)
    message = str(error.value)
    assert "4 problem(s)" in message
    assert "line 1: 'lang' must be one of" in message
    assert "line 2: give exactly one of 'anchor'" in message
    assert "line 3: unknown field(s): colour" in message
    assert "line 4: not JSON" in message


def test_drops_are_not_judged_on_small_runs() -> None:
    thresholds = {"max_drop": {"hit@1": 0.03}, "min_questions_for_drop": 30}
    comparison = compare_runs([], {"hit@1": 0.5}, [], {"hit@1": 0.9}, "run-1")
    assert check_thresholds({"hit@1": 0.5, "questions": 11}, "llm", thresholds, comparison) == []
    assert check_thresholds({"hit@1": 0.5, "questions": 128}, "llm", thresholds, comparison)


def test_lead_and_column_are_judged_on_the_first_line() -> None:
    from assistant.evaluate.metrics import column_correct, lead_correct

    row = ("4.1\t製造業\t1.2%\t1.0%\t1.5%\t5%", ["2016", "2022", "2027", "2032"])
    right = "指標「製造業」[1]：「2027」為「1.5%」[2]。\n「其他」[3]"
    assert lead_correct(["1.5%"], right) and column_correct(["1.5%"], right, [row])
    wrong_year = "指標「製造業」[1]：「2027」為「5%」[2]，另「1.5%」[2]。"
    assert not column_correct(["1.5%"], wrong_year, [row])  # 5% is 2032's value
    buried = "相關段落：\n「1.5%」[1]"
    assert not lead_correct(["1.5%"], buried)


def test_a_figure_outside_a_cited_quote_is_unquoted() -> None:
    from assistant.evaluate.metrics import unquoted_figures

    quotes, contexts = {1: "製造業", 2: "1.5%"}, {2: "2016 | 2027 (2025 年數字)"}
    assert (
        unquoted_figures("「製造業」[1]：「2027 (2025 年數字)」為「1.5%」[2]", quotes, contexts)
        == []
    )
    assert unquoted_figures("2027年的目標是1.5% [2]", quotes, contexts) == ["2027", "1.5%"]
    assert unquoted_figures("「5%」[2]", quotes, contexts) == ["5%"]  # not in quote 2
