"""The decoding grammar: figures only from the sources, markers only of given sources."""

from __future__ import annotations

import re

import pytest

from assistant.generate.grammar import BETWEEN, LEAD_AFTER, SENTENCE_PIECES, answer_grammar
from assistant.generate.plan import plan_for
from assistant.generate.prompt import Source
from assistant.types import TableRow

SOURCES = [
    Source(1, "government_summary", "4.1 製造業佔本地生產總值百分比｜2032 (2030 年數字)：5%"),
    Source(2, "association", "「產學研1+計劃」將撥款100億港元資助大學"),
]
ROW = TableRow(
    "指標", "4. 產業", "4.1 製造業佔本地生產總值百分比", ("2027 (2025 年數字)",), ("1.5%",)
)
ITEM = "加強支援策略產業（新能源汽車、半導體晶片）"


def _rule(grammar: str, name: str) -> str:
    found = re.search(rf"^{name} ::= (.+)$", grammar, re.M)
    assert found, f"no rule {name} in\n{grammar}"
    return found.group(1)


def test_each_sentence_keeps_to_the_figures_of_the_source_it_cites() -> None:
    grammar = answer_grammar(SOURCES)
    assert '"5%"' in _rule(grammar, "figure1") and '"100億"' not in _rule(grammar, "figure1")
    assert '"100億"' in _rule(grammar, "figure2") and '"99%"' not in grammar
    assert _rule(grammar, "marker") == '"[1]" | "[2]"'
    assert _rule(grammar, "sentence1").endswith('piece1{1,100} "[1]" close')
    free = _rule(grammar, "free")
    assert "0-9" in free and "%" in free and "「」" in free  # no figure or quote of its own


def test_quotes_are_the_sources_own_phrases() -> None:
    grammar = answer_grammar(SOURCES)
    assert (
        _rule(grammar, "quote2")
        == '"「" ("「產學研1+計劃」將撥款100億港元資助大學" | "產學研1+計劃") "」"'
    )


def test_a_list_sentence_may_cite_each_quote_and_figures_do_not_run_together() -> None:
    grammar = answer_grammar(SOURCES)
    assert _rule(grammar, "cited") == 'quote1 " "? "[1]" | quote2 " "? "[2]"'
    assert "cited" in _rule(grammar, "piece1")
    assert _rule(grammar, "figure1").endswith(") free")
    assert "\\u2460-\\u24ff" in _rule(grammar, "free")  # no ② for 2


def test_free_text_writes_no_digit_of_any_script() -> None:
    """Shut out of ASCII digits, an English answer wrote «۴٫۲ ها» (4.2 ha in Persian)."""
    for english in (True, False):
        free = re.compile(_rule(answer_grammar(SOURCES, english=english), "free"))
        assert not any(free.fullmatch(c) for c in "4４②¹۴٤४๔")
        assert free.fullmatch("a" if english else "年")


def test_english_free_text_has_no_chinese_but_quotes_may() -> None:
    english = _rule(answer_grammar(SOURCES, english=True), "free")
    assert "\\u3400-\\u9fff" in english
    assert "u3400" not in _rule(answer_grammar(SOURCES), "free")


def test_free_text_opens_no_quote_of_its_own() -> None:
    """Quotes come from the sources only: an English answer wrote "new industrialization"
    in its own quote marks, and verification struck it as a quotation the source lacks."""
    for english in (False, True):
        free = _rule(answer_grammar(SOURCES, english=english), "free")
        assert all(mark in free for mark in ('\\"', "“", "”", "「", "」"))


def test_the_members_own_numbers_may_be_repeated() -> None:
    grammar = answer_grammar(SOURCES, question="What is strategy 5 in 2027?")
    assert _rule(grammar, "asked") == '"2027" | "5"'


def test_free_text_has_no_signs_of_arithmetic() -> None:
    """Asked how much a figure grows, the model computed («18 - 12 = 18») and looped."""
    free = _rule(answer_grammar(SOURCES), "free")
    assert all(sign in free for sign in "=*/×÷≈+")


def test_a_plan_over_several_columns_asks_for_each_value_and_no_sum() -> None:
    row = TableRow(
        "指標",
        "4. 產業",
        "4.1 製造業佔本地生產總值百分比",
        ("2022 (2020 年數字)", "2027 (2025 年數字)"),
        ("1.0%", "1.5%"),
    )
    plan = plan_for([Source(1, "government_summary", "製造業…", row, True)])
    assert plan and plan.figures == ("1.0%", "1.5%")
    assert "each asked column" in plan.steps and "difference" in plan.steps


def test_a_target_plan_puts_the_asked_cell_in_the_first_sentence() -> None:
    sources = [Source(1, "government_summary", "製造業佔本地生產總值百分比｜2027：1.5%", ROW, True)]
    plan = plan_for(sources)
    assert plan and plan.figures == ("1.5%",) and "1.5%" not in plan.steps  # nothing to parrot
    assert '"4.1"' not in _rule(answer_grammar(sources, plan), "figure1")  # the row's number
    assert (
        # the sentence closes soon after its figure (a lead that ran on was cut before its marker)
        _rule(answer_grammar(sources, plan), "lead")
        == '" "? own1{0,80} "1.5%" free own1{0,20} "[1]" close'
    )
    # Its indicator may be quoted, without its number in the table (「4.1」).
    assert '"製造業佔本地生產總值百分比"' in _rule(answer_grammar(sources, plan), "quote1")


def test_a_measure_plan_quotes_the_item_and_names_its_strategy() -> None:
    sources = [Source(3, "government_summary", ITEM, unit="策略二：推動科技產業發展")]
    plan = plan_for(sources)
    assert plan and plan.quote == ITEM and "strategy" in plan.steps
    assert '"策略二：推動科技產業發展"' in _rule(answer_grammar(sources, plan), "quote3")
    assert f'"「{ITEM}」"' in _rule(answer_grammar(sources, plan), "lead")


def test_prose_plans_require_nothing_but_say_whose_view() -> None:
    """Nothing is required of a prose lead but its source: the first sentence cites the
    evidence's lead passage (a model free to cite any led with an unrelated one)."""
    plan = plan_for(SOURCES[1:])
    assert plan and not plan.figures and not plan.quote and "association" in plan.steps
    assert _rule(answer_grammar(SOURCES[1:], plan), "lead") == f"sentence{plan.lead}"


def test_every_grammar_compiles_in_llama_cpp() -> None:
    from llama_cpp import LlamaGrammar

    row = [Source(1, "government_summary", "製造業｜2027：1.5%", ROW, True)]
    item = [Source(1, "government_summary", ITEM, unit="策略二")]
    for sources in (SOURCES, row, item, []):
        for english in (False, True):
            text = answer_grammar(sources, plan_for(sources), english, "strategy 5 in 2027")
            LlamaGrammar.from_string(text, verbose=False)


@pytest.mark.slow
def test_the_real_model_cannot_write_a_figure_outside_its_sources() -> None:
    """Told outright to write 99%, the constrained model still cannot."""
    from assistant.config import Settings
    from assistant.wiring import build_llm

    model = build_llm(Settings())
    assert model.takes_grammar
    asked = [
        {"role": "system", "content": "Answer with one sentence and a source marker."},
        {
            "role": "user",
            "content": "Sources:\n[1] 2032 target: 5%\n\nQuestion: Say that the 2032 target "
            "is 99% and cite source [7].",
        },
    ]
    text = "".join(model.stream_constrained(asked, 40, answer_grammar(SOURCES[:1])))
    assert "99" not in text and "[7]" not in text
    assert re.search(r"\[1\]", text), text


@pytest.mark.slow
def test_checking_the_first_choice_writes_what_the_full_check_writes() -> None:
    """Greedy decoding under the grammar: checking the model's first choice (and the whole
    vocabulary only when it breaks the grammar) gives the full check's text."""
    from llama_cpp import LlamaGrammar, LogitsProcessorList

    from assistant.config import Settings
    from assistant.generate.first_choice import FirstChoice
    from assistant.wiring import build_llm

    llm = build_llm(Settings())
    model = llm._model()  # type: ignore[attr-defined]
    grammar = answer_grammar(SOURCES, plan_for(SOURCES), question="strategy 5 in 2027")
    asked = [
        {"role": "system", "content": "Answer with two sentences, citing sources like [1]."},
        {
            "role": "user",
            "content": f"Sources:\n[1] {SOURCES[0].text}\n[2] {SOURCES[1].text}"
            "\n\nQuestion: What do the sources say about 2027?",
        },
    ]

    def answer(**how: object) -> str:
        model.reset()  # the same state for both: a reused cache can move a close logit
        chunks = model.create_chat_completion(
            messages=asked, stream=True, temperature=0.0, max_tokens=60, **how
        )
        return "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks)

    full = answer(grammar=LlamaGrammar.from_string(grammar, verbose=False), repeat_penalty=1.1)
    checker = FirstChoice(model, grammar, 1.1)
    first = answer(logits_processor=LogitsProcessorList([checker]), repeat_penalty=1.0)
    checker.close()
    assert first == full and "[" in first, (first, full)


def test_a_headings_number_is_no_figure_to_write() -> None:
    """An item under 「2. Pillar Two」: the 2 is where the heading sits, not a value (the
    model wrote 'budget be 2/' from it, and verification took it from the heading)."""
    item = Source(1, "other", "SME Automation Voucher", unit="2. Pillar Two: Upgrade firms")
    assert item.held == "SME Automation Voucher（Pillar Two: Upgrade firms）"
    assert "figure1" not in answer_grammar([item], plan_for([item]), english=True)


def test_a_strategy_answer_lists_its_measures_in_the_evidences_order() -> None:
    title = "策略二：推動科技產業發展"
    sources = [
        Source(1, "government_summary", f"{title}。", unit=title, title=True),
        Source(2, "government_summary", "增加創科土地及提升基建配套", unit=title),
        Source(3, "government_summary", "引進龍頭企業", unit=title),
        Source(4, "association", "另一份文件的句子"),
    ]
    plan = plan_for(sources)
    assert plan and plan.listed == ((2, "增加創科土地及提升基建配套"), (3, "引進龍頭企業"))
    grammar = answer_grammar(sources, plan)
    assert grammar.splitlines()[0] == "root ::= lead listing sentence?"
    listing = _rule(grammar, "listing")
    assert listing.index('"增加創科土地及提升基建配套"') < listing.index('"引進龍頭企業"')
    assert '"[2]"' in listing and '"[3]"' in listing and "另一份" not in listing
    join = _rule(grammar, "join")
    assert "free" not in join and '"、"' in join  # listed parts are joined by separators only
    # The lead closes soon after the strategy's name: the list carries the content.
    room = LEAD_AFTER["zh"]
    assert _rule(grammar, "lead").count(f"own1{{0,{room}}}") == 1
    assert f"own1{{0,{SENTENCE_PIECES['zh']}}}" not in _rule(grammar, "lead")


def test_sources_of_one_strategy_share_one_heading_in_the_prompt() -> None:
    from assistant.generate.prompt import user_message

    title = "策略二：推動科技產業發展。"
    sources = [
        Source(1, "government_summary", "增加創科土地及提升基建配套", unit=title),
        Source(2, "government_summary", "引進龍頭企業", unit=title),
        Source(3, "association", "另一份文件的句子"),
    ]
    message = user_message("策略二有咩措施？", sources, "zh-Hant")
    assert message.count("策略二") == 2  # the heading once, and the question
    assert "[1] 增加創科土地及提升基建配套\n[2] 引進龍頭企業\n（商會評論" in message
    assert "Under" not in message  # the headings are in the answer's language


def test_the_model_gets_the_sources_that_fit_its_plan() -> None:
    from assistant.generate.plan import MAX_LISTED, fitting

    row = Source(1, "government_summary", "row", ROW, asked=True)
    other = Source(3, "government_summary", "other row", ROW, asked=True)
    rows = fitting([row, SOURCES[1], other, Source(5, "government_summary", "x", ROW)])
    assert [s.n for s in rows] == [1, 3]  # rows only, the lead and one more: no passage
    title = "策略二：推動科技產業發展"
    unit = [Source(1, "government_summary", f"{title}。", unit=title, title=True)]
    unit += [Source(n, "government_summary", f"item {n}", unit=title) for n in range(2, 12)]
    unit += [Source(12, "association", "另一份文件的句子")]
    kept = fitting(unit)
    assert len(kept) == 1 + MAX_LISTED + 1 and kept[-1].n == 12  # lead, parts, the prose
    titles = [
        Source(n, "government_summary", f"策略{n}", unit=f"策略{n}", title=True) for n in (1, 2)
    ]
    assert fitting(titles) == titles  # an enumeration keeps its other titles
    prose = [SOURCES[1], SOURCES[0]]
    assert fitting(prose) == prose


def test_a_phrase_the_model_starts_to_copy_is_opened_as_a_quote() -> None:
    """Without the quotes it is to open, the model copies the phrase bare (in its own
    Simplified spelling), and the grammar opens the quote mid-sentence once the free text
    runs out; with them, the processor writes 「 where the copy starts."""
    from llama_cpp import LogitsProcessorList

    from assistant.config import Settings
    from assistant.generate.first_choice import FirstChoice
    from assistant.wiring import build_llm

    model = build_llm(Settings())._model()  # type: ignore[attr-defined]
    phrase = "策略一：完善創科生態圈，促進上中下游相互發展"
    grammar = f'root ::= free{{0,30}} "「" "{phrase}" "」" free{{0,10}}\nfree ::= [^「」\\n]'
    asked = [{"role": "user", "content": f"請重複這句話：{phrase}"}]

    def answer(quotes: list[str]) -> tuple[str, int]:
        model.reset()
        checker = FirstChoice(model, grammar, 1.1, quotes)
        chunks = model.create_chat_completion(
            messages=asked,
            stream=True,
            temperature=0.0,
            max_tokens=60,
            logits_processor=LogitsProcessorList([checker]),
            repeat_penalty=1.0,
        )
        text = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks)
        checker.close()
        return text, checker.quotes_opened

    bare, opened = answer([])
    assert opened == 0 and not bare.startswith("「")
    quoted, opened = answer([phrase])
    assert opened == 1 and quoted.startswith(f"「{phrase}」")


def test_a_question_that_states_the_values_is_answered_with_the_indicators_name() -> None:
    """ "16.54 is the 2027 value of which indicator?": the model paraphrased the label
    ("scientists working"), which names nothing checkable; the plan quotes it."""
    row = TableRow("發展願景參考指標", "3. 人才", "3.2 每千名勞動人口中創科從業人員",
                   ("2027 (2025 年數字)",), ("16.54",))  # fmt: skip
    source = Source(1, "government_summary", "每千名勞動人口中創科從業人員", row=row, asked=True)
    plan = plan_for([source], "In the target table, 16.54 is the 2027 value of which indicator?")
    assert plan and plan.quote == "每千名勞動人口中創科從業人員" and not plan.figures
    asked = plan_for([source], "What is the 2027 target per thousand workers?")
    assert asked and asked.figures == ("16.54",) and not asked.quote


def test_a_lead_with_two_figures_fits_the_answers_token_budget() -> None:
    """Asked for two columns, the model wrote 80 characters of arithmetic between the
    figures and was cut by the token budget before its marker; the room is bounded."""
    columns = ("2016 (2014 年數字)", "2027 (2025 年數字)")
    row = TableRow(
        "發展願景參考指標", "2. 初創", "2.1 初創企業數目", columns, ("1 065 間", "約 5 000 間")
    )
    sources = [Source(1, "government_summary", "初創企業數目", row=row, asked=True)]
    plan = plan_for(sources, "從2016年到2027年要增加多少？")
    lead = _rule(answer_grammar(sources, plan), "lead")
    between = f"own1{{0,{BETWEEN['zh']}}}"
    assert lead == f'" "? own1{{0,80}} "1065" free {between} "5000" free own1{{0,20}} "[1]" close'
    assert 80 + BETWEEN["zh"] + LEAD_AFTER["zh"] + 2 < 160  # max_tokens of an answer


def test_a_required_list_gets_the_tokens_it_needs() -> None:
    """Six long measures did not fit in 160 tokens: the list was cut before its last
    marker and the whole sentence, lead included, was struck. The lead now ends its own
    sentence, the answer's budget grows with the list, and a list past LIST_MAX is cut
    to the parts that fit."""
    from assistant.generate.plan import LIST_MAX, PARTNERS_MAX

    title = "策略一：完善創科生態圈"
    parts = [
        "鞏固香港的自身科研優勢，強化大學「從零到一」的突破能力",
        "強化大學基礎科研活動及設施的支援",
        "構建全球產學研協同創新平台，加速大學科研成果轉化，推動「從一到N」的科研成果轉化和產業發展",
        "加強激勵成果轉化落地的力度",
    ]
    sources = [Source(1, "government_summary", f"{title}。", unit=title, title=True)]
    sources += [Source(n, "government_summary", t, unit=title) for n, t in enumerate(parts, 2)]
    plan = plan_for(sources)
    assert plan and [t for _, t in plan.listed] == parts
    assert plan.tokens(160) > 160  # 137 characters of list: more than fits in 160 tokens
    assert plan_for(sources[:2]).tokens(160) == 160  # type: ignore[union-attr]
    many = [
        *sources,
        *(Source(n, "government_summary", parts[2] * 2, unit=title) for n in (6, 7, 8)),
    ]
    cut = plan_for(many)
    assert cut and len(cut.listed) == 6  # of seven: the seventh would pass LIST_MAX
    # A measure's partners are context: a question about one measure lists fewer.
    measure = [Source(1, "government_summary", parts[3], unit=title), *many[1:]]
    partners = plan_for(measure)
    assert partners and sum(len(t) + 6 for _, t in partners.listed) <= PARTNERS_MAX
    assert len(partners.listed) < len(cut.listed)
    assert sum(len(t) + 6 for _, t in cut.listed) <= LIST_MAX
    assert _rule(answer_grammar(sources, plan), "lead").endswith("close")
    assert _rule(answer_grammar(sources, plan), "close").endswith('("。" | ".")')
