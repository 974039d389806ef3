"""`assistant eval` end to end: run folders, stamps, comparison, exit codes, CI gates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.config import Settings
from assistant.errors import InputError
from assistant.evaluate.suite import run_suite
from assistant.pipeline import Assistant
from tests.conftest import ROOT

QUESTIONS = ROOT / "eval" / "dev.jsonl"
THRESHOLDS = ROOT / "eval" / "thresholds.json"


def run_cli(index_dir: Path, *args: str):  # type: ignore[no-untyped-def]
    split = [] if "--split" in args or "--questions" in args else ["--split", "dev"]
    return CliRunner().invoke(main, ["--index-dir", str(index_dir), "eval", *split, *args])


def test_eval_writes_a_stamped_run_and_compares_with_the_previous_one(
    index_dir: Path, tmp_path: Path
) -> None:
    runs = tmp_path / "runs"
    first = run_cli(index_dir, "--runs-dir", str(runs), "--tags", "target", "--limit", "6")
    assert first.exit_code == 0, first.output
    second = run_cli(index_dir, "--runs-dir", str(runs), "--tags", "target", "--limit", "6")
    assert second.exit_code == 0, second.output
    folders = sorted(runs.iterdir())
    assert len(folders) == 2  # never overwritten
    latest = folders[-1]
    assert {p.name for p in latest.iterdir()} == {
        "results.jsonl",
        "summary.json",
        "report.md",
        "report.html",
        "answers.jsonl",  # the run's own answer log, never the members'
    }
    summary = json.loads((latest / "summary.json").read_text("utf-8"))
    stamp = summary["stamp"]
    assert stamp["mode"] == "evidence" and len(stamp["corpus"]["hash"]) == 64
    assert stamp["models"]["embedder"].startswith("use-multilingual-v3")
    assert stamp["git_commit"] and stamp["prompt_version"]
    assert stamp["filters"] == {"tags": ["target"], "limit": 6}
    rows = [json.loads(line) for line in (latest / "results.jsonl").read_text("utf-8").splitlines()]
    assert len(rows) == 6 and all("target" in r["tags"] for r in rows)
    report = (latest / "report.md").read_text("utf-8")
    assert f"## Changes since {folders[0].name}" in report
    assert "- broken (0): none" in report
    assert "<svg" in (latest / "report.html").read_text("utf-8")


def test_a_drop_against_the_baseline_exits_non_zero(index_dir: Path, tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    assert (
        run_cli(index_dir, "--runs-dir", str(runs), "--tags", "refuse", "--limit", "4").exit_code
        == 0
    )
    baseline = next(runs.iterdir())
    # Make the baseline better than reality: every question passed, perfect refusals.
    summary = json.loads((baseline / "summary.json").read_text("utf-8"))
    summary["metrics"]["refusal_accuracy"] = 1.0
    (baseline / "summary.json").write_text(json.dumps(summary), "utf-8")
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        json.dumps(
            {
                "id": "u-x",
                "question": "2027年製造業佔GDP的目標係幾多？",
                "lang": "zh-Hant",
                "tags": ["refuse"],
                "refuse": True,
            }
        )
        + "\n",
        "utf-8",
    )
    thresholds = tmp_path / "thresholds.json"
    thresholds.write_text(json.dumps({"max_drop": {"refusal_accuracy": 0.05}}), "utf-8")
    result = run_cli(
        index_dir,
        "--runs-dir",
        str(runs),
        "--questions",
        str(questions),
        "--baseline",
        str(baseline),
        "--thresholds",
        str(thresholds),
    )
    assert result.exit_code == 1
    assert "refusal_accuracy moved by -1.0000" in result.stderr
    assert "- broken" in result.stdout


def test_a_crashing_question_is_a_failure_row(index_dir: Path, tmp_path: Path) -> None:
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        json.dumps(
            {
                "id": "long",
                "question": "研發" * 400,
                "lang": "zh-Hant",
                "tags": ["target"],
                "anchor": "研發",
                "expect": ["1"],
            }
        )
        + "\n",
        "utf-8",
    )
    result = run_suite(
        Assistant(Settings(index_dir=index_dir)), questions, "evidence", tmp_path / "runs", None
    )
    row = json.loads((result.folder / "results.jsonl").read_text("utf-8"))
    assert row["id"] == "long" and row["passed"] is False
    assert row["error"].startswith("InputError: The question is 800 characters")
    assert result.summary["errors"] == 1


@pytest.mark.slow
def test_full_question_set_in_evidence_mode_meets_the_committed_thresholds(
    index_dir: Path, tmp_path: Path
) -> None:
    from assistant.evaluate.splits import assistant_for, load_splits

    dev = load_splits()["dev"]
    result = run_suite(
        assistant_for(dev, Assistant(Settings(index_dir=index_dir))),
        dev.questions,
        "evidence",
        tmp_path / "runs",
        THRESHOLDS,
    )
    assert result.summary["questions"] >= 300
    assert result.summary["answers_with_markup"] == 0
    assert result.summary["unquoted_figures"] == 0
    assert result.breaches == [], result.report


@pytest.mark.slow
def test_llm_mode_sample_meets_the_committed_thresholds(index_dir: Path, tmp_path: Path) -> None:
    result = run_suite(
        Assistant(Settings(index_dir=index_dir)),
        QUESTIONS,
        "llm",
        tmp_path / "runs",
        THRESHOLDS,
        tags=["llm-sample"],
    )
    assert 8 <= result.summary["questions"] <= 12
    assert result.breaches == [], result.report


def test_a_question_that_passed_in_the_baseline_and_fails_now_is_named(
    index_dir: Path, tmp_path: Path
) -> None:
    from assistant.evaluate.baseline import regressions, write_baseline

    questions = tmp_path / "q.jsonl"
    lines = [
        {
            "id": "ok",
            "question": "2027年製造業佔GDP的目標係幾多？",
            "lang": "zh-Hant",
            "tags": ["target"],
            "anchor": "製造業佔以基本價格計算",
            "expect": ["1.5%"],
        },
        {
            "id": "bad",
            "question": "2027年製造業佔GDP的目標係幾多？",
            "lang": "zh-Hant",
            "tags": ["target"],
            "anchor": "製造業佔以基本價格計算",
            "expect": ["99%"],
        },
    ]
    questions.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in lines), "utf-8")
    baseline = tmp_path / "baseline.json"
    write_baseline(baseline, [{"id": "ok", "passed": True}, {"id": "bad", "passed": True}], {})
    result = run_suite(
        Assistant(Settings(index_dir=index_dir)),
        questions,
        "evidence",
        tmp_path / "runs",
        None,
        committed=baseline,
    )
    assert result.breaches == ["bad passed in the baseline and fails now"]
    write_baseline(baseline, [{"id": "gone", "passed": True}], {})
    with pytest.raises(InputError, match="no longer has: gone"):
        regressions(baseline, [], ["ok", "bad"])


@pytest.mark.slow
def test_both_splits_hold_their_committed_per_question_baselines(index_dir: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "--index-dir",
            str(index_dir),
            "eval",
            "--split",
            "all",
            "--baseline",
            "--runs-dir",
            str(index_dir.parent / "runs-baseline"),
        ],
    )
    assert "## Splits side by side" in result.output
    assert result.exit_code == 0, result.output[-3000:] + (result.stderr or "")


def test_a_summary_figure_that_moved_from_the_baseline_is_named(tmp_path: Path) -> None:
    from assistant.evaluate.baseline import changed_figures, write_baseline

    baseline = tmp_path / "baseline.json"
    summary = {"questions": 3, "passed": 2, "hit@1": 0.5, "latency_p50_s": 0.1}
    write_baseline(baseline, [], summary)
    assert changed_figures(baseline, {**summary, "latency_p50_s": 9.0}) == []
    assert changed_figures(baseline, {**summary, "hit@1": 0.6}) == [
        "summary figure hit@1 was 0.5 in the baseline and is 0.6 now"
    ]


def test_a_held_out_split_shows_only_its_figures_on_the_console(
    index_dir: Path, tmp_path: Path
) -> None:
    result = run_cli(index_dir, "--split", "fresh", "--limit", "4", "--runs-dir", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "answer_correct" in result.output
    assert "Questions that did not pass" not in result.output
    assert "Held out" in result.output
    (folder,) = tmp_path.iterdir()
    assert "Questions that did not pass" in (folder / "report.md").read_text("utf-8")


def test_eval_refuses_a_live_index_older_than_the_corpus(index_dir: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in (ROOT / "corpus").iterdir():
        (corpus / path.name).write_bytes(path.read_bytes())
    seed = next(corpus.glob("*.txt"))
    seed.write_text(seed.read_text("utf-8") + "\n新增一段。\n", "utf-8")
    result = CliRunner().invoke(
        main,
        ["--index-dir", str(index_dir), "eval", "--split", "fresh", "--limit", "1"],
        env={"ASSISTANT_CORPUS_DIR": str(corpus)},
    )
    assert result.exit_code != 0
    assert "changed: " + seed.name in result.output
    assert "assistant ingest" in result.output


def test_a_held_out_report_names_no_question_it_fixed_or_broke() -> None:
    from assistant.evaluate.report import without_questions

    report = (
        "| passed | 41 | +0.0000 |\n\n## Changes since 20261129T161010-llm\n\n"
        "- fixed (1): g-target-02\n- broken (2): g-target-16, g-x\n"
        "- new questions: g-new; removed: none\n"
    )
    shown = without_questions(report)
    assert "- fixed (1)" in shown and "- broken (2)" in shown
    assert "g-" not in shown
