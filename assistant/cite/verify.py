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

from assistant.cite.indicator import english_naming, names_indicator
from assistant.cite.names import missing_names
from assistant.cite.numbers import Figure, extract_figures, ratio_with_unit, supported
from assistant.text.function import is_function_word
from assistant.text.normalize import fold
from assistant.text.times import LATER, YEAR, present, years_asked
from assistant.text.tokenize import tokenize
from assistant.types import TableRow, Unverified

# A sentence of at least this many words, all of them the question's, answers nothing.
REPEAT_MIN_WORDS = 3
# Where a clause ends: a figure belongs to the year of its own clause. (A comma or colon
# between digits is a thousands separator or a ratio, not a clause's end.)
_CLAUSE = re.compile(r"[；;、]|(?<!\d)[,，:：]|[,，:：](?!\d)")

_MARKER = re.compile(r"\[\s*(\d+(?:\s*[,，、]\s*\d+)*)\s*\]|【(\d+)】")
# A sentence runs to terminal punctuation (or a full stop before a space), then takes any
# closing quotes and any citation markers that follow: 「…1.5%。[1]」 cites [1].
_END = r"(?:[。！？!?]+|\.(?=\s|$))"
_TRAILING = r"[」』”’)）]*(?:\s*(?:\[\s*\d+(?:\s*[,，、]\s*\d+)*\s*\]|【\d+】))*"
_SENTENCE = re.compile(rf"(?:[^。！？!?.\n]|\.(?!\s|$))+(?:{_END}{_TRAILING})?|{_END}{_TRAILING}")
_QUOTED = re.compile(r"「([^」]{4,})」|“([^”]{4,})”|\"([^\"]{4,})\"")
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
        if not any(_MARKER.search(s) for s in self.verified):
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
        if sentences and not _MARKER.sub("", piece).strip(" 。.!！?？"):
            sentences[-1] += piece
        else:
            sentences.append(piece)
    return sentences


def markers_in(sentence: str) -> list[int]:
    numbers: list[int] = []
    for match in _MARKER.finditer(sentence):
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
        words = _MARKER.sub("", sentence).strip()
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
    bare = _MARKER.sub("", sentence).strip()
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
    for match in _QUOTED.finditer(bare):
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
    if _QUOTED.search(sentence):
        return False
    asked = {f.key for f in extract_figures(question)}
    if any(f.key not in asked for f in extract_figures(sentence)):
        return False
    said = _words(sentence)
    return len(said) >= REPEAT_MIN_WORDS and said <= _words(question)


def _words(text: str) -> set[str]:
    return {w for w in tokenize(text) if w.isalnum() and not is_function_word(w)}


def wrong_cell(
    sentence: str,
    rows: Sequence[TableRow],
    other_labels: Sequence[str],
    only_rows: bool = False,
    question: str = "",
) -> str | None:
    """Why a sentence's table figure is not the cell it claims to be, or None.

    The figure must be in a cell whose column (or in-cell label, 「3 755 間 (2021 年)」)
    names the year the sentence gives (a row given with several columns needs the year:
    "reach 5,000" could be any column's); and the sentence must not say more of another
    indicator's label (its words this row's label lacks) than of the cited row's own.
    When the sentence cites rows only (`only_rows`), a figure in no cell is not the
    table's: a row's number (「1.2 人均…」) is layout, not a value. The member's own
    figures (`question`) are theirs to repeat."""
    if not rows:
        return None
    # A quote is checked word for word against its source elsewhere: a figure inside it
    # (「2.1 在共享…」, 「每千名…」) is the source's own, not a value the sentence states.
    bare = _QUOTED.sub(" ", _MARKER.sub("", sentence))
    now = max(present(row.columns) for row in rows)  # 「而家」, "today": that column's year
    years = set(years_asked(bare, now))
    given = extract_figures(question)
    unnamed = ""  # a cell's figure with no word of its row's label (cite/indicator.py)
    for figure, near in _figures_with_years(bare, years, now):
        if YEAR.fullmatch(figure.text.strip()) or supported(figure, given):
            continue  # a year, or the member's own figure (「而家先0.99%」): theirs to repeat
        cells = [
            (column, value)
            for row in rows
            for column, value in zip(row.columns, row.values, strict=False)
            if supported(figure, extract_figures(value))
        ]
        if not cells and only_rows:
            return f"the figure '{figure.text}' is in no cell of the cited row"
        if not cells:
            continue
        holders = [r for r in rows if any(supported(figure, extract_figures(v)) for v in r.values)]
        if question and not any(names_indicator(r.label, (bare, question)) for r in holders):
            unnamed = unnamed or f"the figure '{figure.text}' is given without its indicator"
        if not years:
            if any(len(row.columns) > 1 for row in rows):  # which column is it?
                return f"the figure '{figure.text}' is given without the year of its column"
            continue
        if not any(near & _cell_years(column, value) for column, value in cells):
            where = "; ".join(f"{value} is {column}" for column, value in cells)
            asked = ", ".join(sorted(near))
            return f"the figure '{figure.text}' is not the value for {asked} ({where})"
    # An English sentence names its row through the dictionary ("private" for 私營).
    own = {t for row in rows for t in tokenize(row.label)}
    own |= {w for row in rows for w in english_naming(row.label, bare)}
    named = set(tokenize(bare))
    # A word the sentence shares with another label ("人口", "企業") makes it about that
    # indicator only when it says more of that label than of the cited row's own.
    said_of_own = sum(len(t) for t in own if t in named)
    for label in other_labels:
        foreign = {t for t in tokenize(label) if t not in own and len(t) >= 2 and t in named}
        if foreign and sum(len(t) for t in foreign) > said_of_own:
            return f"it names another indicator ({label}), not the cited row"
    return unnamed or None


def _cell_years(column: str, value: str) -> set[str]:
    """The year a cell's figure is for: its own label's (「3 755 間 (2021 年)」 is 2021's,
    though it stands in the 2022 column), or else its column's."""
    return set(YEAR.findall(value)) or set(YEAR.findall(column))


def _figures_with_years(text: str, years: set[str], now: int = 0) -> list[tuple[Figure, set[str]]]:
    """Each figure with the years of its own clause (「2016年：3,575 港元；2022年：…」 gives
    3,575 to 2016 only), or of the last clause before it that names one; figures before
    the first year take the sentence's. A time in words (「而家」, 「五年後」) names the
    year it stands for from the `now` column (text/times.py)."""
    found: list[tuple[Figure, set[str]]] = []
    current = years
    for clause in _CLAUSE.split(text):
        named = set(years_asked(clause, now))
        if named:
            current = named
        found += [(figure, current) for figure in extract_figures(clause)]
    return found


def _strip_bad_markers(sentence: str, given: set[int]) -> str:
    def keep(match: re.Match[str]) -> str:
        group = match.group(1) or match.group(2)
        numbers = [n for n in re.split(r"[,，、\s]+", group) if n and int(n) in given]
        return f"[{', '.join(numbers)}]" if numbers else ""

    return _MARKER.sub(keep, sentence).strip()


def _join(sentences: list[str]) -> str:
    joined = ""
    for sentence in sentences:
        if joined and re.search(r"[A-Za-z0-9.\]]$", joined) and re.match(r"[A-Za-z]", sentence):
            joined += " "
        joined += sentence
    return joined
