"""Check a model's answer against the sources it was given, sentence by sentence.

A sentence is shown as fact only if it cites at least one given source, and every
figure and every quoted phrase in it appears in a source it cites. Citations to
sources that were not given are removed and reported. Everything else goes to
`unverified`, with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from assistant.cite.cells import MARKER, QUOTED, wrong_cell
from assistant.cite.names import missing_names
from assistant.cite.numbers import extract_figures, ratio_with_unit, supported
from assistant.text.function import is_function_word
from assistant.text.normalize import fold
from assistant.text.times import LATER
from assistant.text.tokenize import tokenize
from assistant.types import TableRow, Unverified

# A sentence of at least this many words, all of them the question's, answers nothing.
REPEAT_MIN_WORDS = 3
# A sentence runs to terminal punctuation (or a full stop before a space), then takes any
# closing quotes and any citation markers that follow: 「…1.5%。[1]」 cites [1].
_END = r"(?:[。！？!?]+|\.(?=\s|$))"
_TRAILING = r"[」』”’)）]*(?:\s*(?:\[\s*\d+(?:\s*[,，、]\s*\d+)*\s*\]|【\d+】))*"
_SENTENCE = re.compile(rf"(?:[^。！？!?.\n]|\.(?!\s|$))+(?:{_END}{_TRAILING})?|{_END}{_TRAILING}")
# Sentences that state no fact: saying the sources are silent is always allowed.
_NO_FACT = re.compile(
    r"(文件|資料|资料|來源|来源)(中)?(沒有|没有|未有|並無|并无|無|无|未)|"
    r"(documents?|sources?)\s+(do(es)?\s*n[o']t|did\s*n[o']t|don't)\s+(say|state|mention|cover|contain)|"
    r"not in (the )?sources",
    re.I,
)


@dataclass
class Verification:
    """The verified answer text and what was held back."""

    text: str
    verified: list[str] = field(default_factory=list)
    unverified: list[Unverified] = field(default_factory=list)
    problems: list[Unverified] = field(default_factory=list)
    cited: set[int] = field(default_factory=set)

    @property
    def states_facts(self) -> bool:
        """True if the verified text carries the answer: a cited sentence survived, and if
        the model stated figures, at least one figure survived with its sentence."""
        if not any(MARKER.search(s) for s in self.verified):
            return False
        figures_doubted = any(extract_figures(u.sentence) for u in self.unverified)
        figures_kept = any(extract_figures(s) for s in self.verified)
        return figures_kept or not figures_doubted


def split_sentences(text: str) -> list[str]:
    """Sentences with their citation markers; a stray marker joins the sentence before it."""
    sentences: list[str] = []
    for piece in (s.strip() for s in _SENTENCE.findall(text)):
        if not piece:
            continue
        if sentences and not MARKER.sub("", piece).strip(" 。.!！?？"):
            sentences[-1] += piece
        else:
            sentences.append(piece)
    return sentences


def markers_in(sentence: str) -> list[int]:
    numbers: list[int] = []
    for match in MARKER.finditer(sentence):
        group = match.group(1) or match.group(2)
        numbers.extend(int(n) for n in re.split(r"[,，、\s]+", group) if n)
    return numbers


def verify_answer(
    answer: str,
    sources: Mapping[int, str],
    rows: Mapping[int, TableRow] | None = None,
    other_labels: Sequence[str] = (),
    question: str = "",
    known: str = "",
) -> Verification:
    """Verify `answer` against `sources` ({n: text given to the model as [n]}). A figure
    from a table row (`rows`) must also sit in the cell of the year the sentence names,
    and the sentence must not name another row's indicator (`other_labels`). A name the
    `question` itself gives is the member's word, not a claim the sources must hold, and
    so are the names the documents declare for their speakers (`known`: 廠商聯合會)."""
    result = Verification(text="")
    source_figures = {n: extract_figures(text) for n, text in sources.items()}
    said: set[str] = set()  # the verified sentences' words, without their markers
    for sentence in split_sentences(answer):
        cited = [n for n in markers_in(sentence) if n in sources]
        for n in sorted(set(markers_in(sentence)) - set(sources)):
            result.problems.append(
                Unverified(f"[{n}]", "points at no source given to the model; removed")
            )
        sentence = _strip_bad_markers(sentence, set(sources))
        reason = _reason_to_doubt(
            sentence, cited, sources, source_figures, question, known
        ) or wrong_cell(
            sentence,
            [rows[n] for n in cited if rows and n in rows],
            other_labels,
            bool(cited) and all(rows and n in rows for n in cited),
            question,
        )
        words = MARKER.sub("", sentence).strip()
        if not reason and words in said:
            reason = "it repeats an earlier sentence"  # a loop, not a second fact
        if reason:
            result.unverified.append(Unverified(sentence, reason))
        else:
            said.add(words)
            result.verified.append(sentence)
            result.cited.update(cited)
    result.text = _join(result.verified)
    return result


def _reason_to_doubt(
    sentence: str,
    cited: list[int],
    sources: Mapping[int, str],
    source_figures: Mapping[int, list],  # type: ignore[type-arg]
    question: str = "",
    known: str = "",
) -> str | None:
    bare = MARKER.sub("", sentence).strip()
    for time in {m.group() for m in LATER.finditer(bare)}:
        if fold(time) in fold(question):  # the member's 「五年後」 is no figure of the sources
            bare = bare.replace(time, " ")
    if not cited:
        if _NO_FACT.search(bare) and not extract_figures(bare):
            return None
        return "no citation to a given source"
    evidence = [figure for n in cited for figure in source_figures[n]]
    if found := ratio_with_unit(bare):  # 「56:44 億港元」: a ratio has no unit
        return f"the ratio '{found[0]}' is given a unit ({found[1]})"
    for figure in extract_figures(bare):
        if not supported(figure, evidence):
            where = ", ".join(f"[{n}]" for n in cited)
            if supported(replace(figure, currency=None), evidence):
                return (
                    f"the figure '{figure.text}' is given in {figure.currency}, not as in {where}"
                )
            return f"the figure '{figure.text}' is not in the cited source {where}"
    cited_text = fold(" ".join(sources[n] for n in cited))
    for match in QUOTED.finditer(bare):
        quoted = next(g for g in match.groups() if g)
        if fold(quoted) not in cited_text:
            return f"the quotation 「{quoted}」 is not in the cited source"
    missing = missing_names(bare, " ".join([question, known, *(sources[n] for n in cited)]))
    if missing:
        return f"it names {', '.join(missing)}, which the cited source does not"
    if question and repeats(bare, question):
        return "it only repeats the question"
    return None


def repeats(sentence: str, question: str) -> bool:
    """The sentence's words are all the question's own ("The official described the
    Blueprint as…" for "Which official described…"): verified, it would answer nothing."""
    if QUOTED.search(sentence):
        return False
    asked = {f.key for f in extract_figures(question)}
    if any(f.key not in asked for f in extract_figures(sentence)):
        return False
    said = _words(sentence)
    return len(said) >= REPEAT_MIN_WORDS and said <= _words(question)


def _words(text: str) -> set[str]:
    return {w for w in tokenize(text) if w.isalnum() and not is_function_word(w)}


def _strip_bad_markers(sentence: str, given: set[int]) -> str:
    def keep(match: re.Match[str]) -> str:
        group = match.group(1) or match.group(2)
        numbers = [n for n in re.split(r"[,，、\s]+", group) if n and int(n) in given]
        return f"[{', '.join(numbers)}]" if numbers else ""

    return MARKER.sub(keep, sentence).strip()


def _join(sentences: list[str]) -> str:
    joined = ""
    for sentence in sentences:
        if joined and re.search(r"[A-Za-z0-9.\]]$", joined) and re.match(r"[A-Za-z]", sentence):
            joined += " "
        joined += sentence
    return joined
