"""A decoding grammar (llama.cpp GBNF) built per question from the sources given.

Free text stays free, but:

- a sentence ends with the marker of the source it rests on, and its figures and quoted
  phrases come from that source, spelled as there (a figure of another source, or one
  the sources lack, cannot be written; the question's own numbers may be repeated);
- a quote 「…」 is a phrase of that source, copied exactly (generate/plan.py says which);
- an English answer writes no Chinese outside such quotes, a Chinese one no Latin letters;
- the first sentence carries what the answer plan requires (the asked cells' figures,
  or the asked unit's own words), and the answer has at most a few sentences.

Verification still checks everything afterwards: the grammar only makes a passing answer
likelier.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from assistant.cite.numbers import extract_figures
from assistant.generate.plan import Plan, quotable
from assistant.generate.prompt import Source

MAX_SENTENCES = 3
# A sentence's length in pieces (a character of free text, a figure, a quote): without a
# bound the model can put off its marker until it runs out of tokens. A Chinese character
# is about one token, so a Chinese sentence must close well inside the answer's budget
# (160 tokens; a model copying a long passage was cut before its marker); an English
# character is a fraction of one.
SENTENCE_PIECES = {"en": 200, "zh": 100}
# What may stand before the plan's required figure (a few words naming the indicator and
# year) or quote (「第七項策略是」, "Strategy 7 is"): the fact leads.
BEFORE_FIGURE = 80
BEFORE_QUOTE = {"en": 60, "zh": 24}  # characters: an English word is several
BEFORE_LIST = 60  # words that open a list: 「策略二的建議包括：」, "Its measures are:"
# After the lead's required content: the unit's quote when its parts are listed next (the
# list carries the content: an English lead that ran on paraphrasing the measures was cut
# before its list), or the asked cells' figures (a lead that ran on working out 「幾多倍」
# was cut by the token budget before its marker, and the figures with it).
LEAD_AFTER = {"en": 50, "zh": 20}
# Between two required figures (a year's words, 「，2027年為」): with BEFORE_FIGURE's room
# there too, a lead ran past the answer's token budget before its marker.
BETWEEN = {"en": 60, "zh": 24}
# Between two listed parts: a separator, not free text (the model wrote 「……為 五成」
# there, copied from the prompt's example sentence).
JOIN = ("、", "，", "；", ",", ";", "及", "和", "與", "与", "以及", "and", ", and", "; and")
# Digits by other names (①, ⑵, ❷, ㈡, ¹): the model reached for them once ASCII digits
# were closed to it.
_OTHER_DIGITS = r"\u00b2\u00b3\u00b9\u2070-\u209f\u2460-\u24ff\u2776-\u2793\u3220-\u32ff"
# Scripts no answer is written in, Hebrew to Tibetan, and their digits: shut out of ASCII
# digits, an English answer wrote a hectare figure in Persian ones («۴٫۲ ها»).
_OTHER_SCRIPTS = r"\u0590-\u0fff"
# Characters free text may not use: digits and the percent sign (figures come only from
# the sources: 「五%」 is no way round), the marker brackets, quote marks of every kind
# (quotes come only from the sources: an English answer wrote "new industrialization" in
# its own quote marks, which verification strikes as a quotation the source lacks),
# sentence ends (a sentence ends only after its marker), new lines,
# and the signs of arithmetic: asked how much a figure grows, the model worked out sums
# («18 - 12 = 18», «5000/9000≈…») that looped until the answer ran out. Figures are
# copied, never computed.
_NOT_FREE = (
    r"0-9０-９%％\[\]【】「」『』\"“”。．.！!？?…⋯\n\r=＝*＊×÷/／^≈+＋"
    + _OTHER_DIGITS
    + _OTHER_SCRIPTS
)
# An English answer's free text: no CJK characters, CJK punctuation or full-width forms.
_NOT_ENGLISH = r"\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
# A Chinese answer's free text: no Latin letters (the model wrote 「政府的 Blueprint」 and
# 「(strategy四)」 from the English instructions); quotes of the sources keep theirs.
_NOT_CHINESE = r"A-Za-z"
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _literal(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a GBNF string literal, escaped


def _choice(texts: Sequence[str]) -> str:
    return " | ".join(_literal(t) for t in texts)


def _figures(text: str) -> list[str]:
    found = {f.text.strip() for f in extract_figures(text) if f.text.strip()}
    return sorted(found, key=len, reverse=True)


def _numbers(question: str) -> list[str]:
    """The member's own numbers ("strategy 5", "in 2027"): repeating them claims nothing."""
    found = set(_figures(question)) | set(_NUMBER.findall(question))
    return sorted(found, key=len, reverse=True)


def _figures_of(source: Source) -> str:
    """Where a source's figures are: a row's cells and column headings (its number,
    「1.2 人均…」, is layout), or the source's own text (not the heading it is under)."""
    if source.row is None:
        return source.text
    return " ".join((*source.row.columns, *source.row.values))


def answer_grammar(
    sources: Sequence[Source],
    plan: Plan | None = None,
    english: bool = False,
    question: str = "",
    max_sentences: int = MAX_SENTENCES,
) -> str:
    """GBNF for an answer over `sources` (see the module's docstring)."""
    rules = [f"free ::= [^{_NOT_FREE}{_NOT_ENGLISH if english else _NOT_CHINESE}]"]
    asked = _numbers(question)
    if asked:
        rules.append(f"asked ::= {_choice(asked)}")
    markers = [f"[{s.n}]" for s in sources] or ["[1]"]
    rules.append(f"marker ::= {_choice(markers)}")
    # A sentence cites a few sources at most: a run of bare markers (「[1]、[2]、[3]、[4]、
    # [5]、[6]、[7]」) spent a list's tokens on citing nothing in particular.
    more_markers = ' ("、" | ", " | " ")? marker'
    rules.append(f"also ::= ({more_markers} ({more_markers})?)?")
    # Every sentence ends: verification reads sentences by their ends, and three sentences
    # run together without one were checked (and kept) as one, a repeat included.
    rules.append('close ::= " "? also ("。" | ".")')
    alternatives, cited = [], []
    phrases = {source.n: quotable(source) for source in sources}
    for source in sources:
        if phrases[source.n]:
            rules.append(f'quote{source.n} ::= "「" ({_choice(phrases[source.n])}) "」"')
            cited.append(f'quote{source.n} " "? {_literal(f"[{source.n}]")}')
    if cited:  # a quote with its own marker may stand in any sentence: a list of items
        rules.append(f"cited ::= {' | '.join(cited)}")
    for source in sources:
        pieces = ["free"] + (["asked"] if asked else []) + (["cited"] if cited else [])
        if figures := _figures(_figures_of(source)):
            # A figure is followed by free text: two figures side by side read as one
            # (「2020」「45310」 became 202045310).
            rules.append(f"figure{source.n} ::= ({_choice(figures)}) free")
            pieces.append(f"figure{source.n}")
        if phrases[source.n]:
            pieces.append(f"quote{source.n}")
        rules.append(f"piece{source.n} ::= {' | '.join(pieces)}")
        if plan is not None and source.n == plan.lead:
            # The lead's words around what it must carry: no other source's quote with
            # its marker (a lead that listed the measures that way never reached its own
            # marker), and no second copy of its required quote (a lead quoted its
            # heading again and again until the loop guard cut it).
            around = [
                p for p in pieces if p != "cited" and not (plan.quote and p.startswith("quote"))
            ]
            rules.append(f"own{source.n} ::= {' | '.join(around)}")
        own = _literal(f"[{source.n}]")
        body = f"piece{source.n}{{1,{SENTENCE_PIECES['en' if english else 'zh']}}}"
        rules.append(f'sentence{source.n} ::= " "? {body} {own} close')
        alternatives.append(f"sentence{source.n}")
    rules.append(f"sentence ::= {' | '.join(alternatives) or 'free+ marker close'}")
    rules.append(f"lead ::= {_lead(plan, sources, english)}")
    first = "lead"
    if plan is not None and plan.listed:  # the unit's parts, each quoted with its marker
        parts = [f'"「" {_literal(text)} "」" " "? {_literal(f"[{n}]")}' for n, text in plan.listed]
        rules.append(f'listing ::= " "? free{{0,{BEFORE_LIST}}} ' + " join ".join(parts) + " close")
        rules.append(f'join ::= " "? ({_choice(JOIN)})? " "?')
        first = "lead listing"
        max_sentences -= 1
    more = " ".join(["sentence?"] * (max_sentences - 1))
    return "\n".join([f"root ::= {first} {more}".rstrip(), *rules])


def _lead(plan: Plan | None, sources: Sequence[Source], english: bool = False) -> str:
    """The first sentence: the plan's required figures in order, or its quote, inside a
    sentence citing the plan's lead source; a sentence citing that source when the plan
    requires nothing (a model free to lead with any source led a question about the
    Blueprint's vision with the commentary's list of foreign strategies)."""
    if plan is None or not any(s.n == plan.lead for s in sources):
        return "sentence"
    piece = f"own{plan.lead}"
    required, before = [], BEFORE_FIGURE
    if plan.quote:
        required.append(_literal(f"「{plan.quote}」"))
        before = BEFORE_QUOTE["en" if english else "zh"]
    required += [f"{_literal(f)} free" for f in plan.figures]
    if not required:
        return f"sentence{plan.lead}"
    language = "en" if english else "zh"
    middle = f" {piece}{{0,{BETWEEN[language]}}} ".join(required)
    short = plan.listed or plan.figures
    room = (LEAD_AFTER if short else SENTENCE_PIECES)[language]
    after = f"{piece}{{0,{room}}}"
    return f'" "? {piece}{{0,{before}}} {middle} {after} {_literal(f"[{plan.lead}]")} close'
