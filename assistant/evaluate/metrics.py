"""Small metrics, each with one job. Inputs are plain values, so each is easy to test."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.cite.numbers import extract_figures, supported
from assistant.text.normalize import fold
from assistant.text.table_rows import cell_spans


def first_relevant_rank(passages: Sequence[str], anchor: str) -> int | None:
    """1-based rank of the first passage containing the gold anchor text, or None."""
    wanted = _squeeze(fold(anchor))
    for rank, passage in enumerate(passages, start=1):
        if wanted in _squeeze(fold(passage)):
            return rank
    return None


def hit_at(rank: int | None, k: int) -> float:
    return 1.0 if rank is not None and rank <= k else 0.0


def reciprocal_rank(rank: int | None) -> float:
    return 1.0 / rank if rank else 0.0


def fact_present(fact: str, answer: str) -> bool:
    """A figure is present if the answer states the same value (「5%」, 「百分之五」 and
    "5 percent" all match); other text if its folded form is in the answer, spaces ignored."""
    wanted = extract_figures(fact)
    if not wanted:
        return _squeeze(fold(fact)) in _squeeze(fold(answer))
    # Figures compare by value, never as substrings: "5%" is not in "1.5%".
    stated = extract_figures(answer)
    return all(supported(figure, stated) for figure in wanted)


def facts_present(expected: Sequence[str], answer: str) -> float:
    """Share of expected facts found in the answer."""
    if not expected:
        raise ValueError("facts_present needs at least one expected fact")
    return sum(fact_present(fact, answer) for fact in expected) / len(expected)


def citation_valid(cited_passages: Sequence[str], anchor: str) -> bool:
    """True if some cited passage contains the gold evidence."""
    return first_relevant_rank(cited_passages, anchor) is not None


def unsupported_figures(answer: str, cited_texts: Sequence[str], question: str = "") -> list[str]:
    """Figures the answer states that no cited text holds (the target is none); figures the
    question itself gave are the member's, not a claim."""
    evidence = [figure for text in cited_texts for figure in extract_figures(text)]
    evidence += extract_figures(question)
    return [f.text for f in extract_figures(answer) if not supported(f, evidence)]


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile; 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def _squeeze(text: str) -> str:
    return "".join(text.split())


def lead_of(answer: str) -> str:
    """The answer's first line: where the fact a member asked for must stand."""
    for line in answer.splitlines():
        if line.strip():
            return line
    return ""


def lead_correct(expected: Sequence[str], answer: str) -> bool:
    """The first expected fact is stated in the answer's first line."""
    return bool(expected) and fact_present(expected[0], lead_of(answer))


def row_values(passage: str, columns: Sequence[str]) -> list[str]:
    """A cited table row's value cells (its last len(columns) cells)."""
    cells = [passage[s:e] for s, e in cell_spans(passage)]
    return cells[len(cells) - len(columns) :] if columns else []


def column_correct(
    expected: Sequence[str], answer: str, rows: Sequence[tuple[str, Sequence[str]]]
) -> bool:
    """Every expected value is in the lead, and no other column's value of the cited rows
    is stated there as if it were the asked one."""
    lead = lead_of(answer)
    if not all(fact_present(fact, lead) for fact in expected):
        return False
    wanted = [f for fact in expected for f in extract_figures(fact)]
    stated = extract_figures(lead)
    for passage, columns in rows:
        cells = [extract_figures(value) for value in row_values(passage, columns)]
        # The asked cells are those holding an expected value; anything else they hold
        # (「3 755 間 (2021 年)」) is theirs too.
        asked = [f for cell in cells if any(supported(w, cell) for w in wanted) for f in cell]
        for cell in cells:
            for figure in cell:
                if supported(figure, stated) and not supported(figure, asked):
                    return False
    return True


_QUOTED = re.compile(r"「((?:[^「」]|「[^「」]*」)+)」|“([^”]+)”|\"([^\"]+)\"")
_MARKERS = re.compile(r"^\s*((?:\[\d+\]\s*)+)")


def unquoted_figures(
    answer: str,
    quotes: dict[int, str],
    contexts: dict[int, str] | None = None,
    sections: dict[int, str] | None = None,
    question: str = "",
) -> list[str]:
    """Figures (years included) outside every quoted span that the marker after it vouches
    for (the span is in that citation's quote, or in its table headers): a reader could not
    check them from a quote. Not counted: the section named in brackets after a marker
    (where the quote sits), and figures the member's own question gave (「2032年呢」)."""
    contexts, sections = contexts or {}, sections or {}
    spans: list[tuple[int, int]] = []
    for match in _SECTION_AFTER.finditer(answer):
        held = sections.get(int(match.group(1)), "")
        if held and _squeeze(match.group(2)) in _squeeze(held):
            spans.append(match.span(2))
    for n, quote in quotes.items():  # a whole quote, however it nests its own 「」
        for match in re.finditer(re.escape(quote.strip()), answer):
            start, end = match.span()
            if not (start > 0 and end < len(answer)):
                continue
            if answer[start - 1] not in '「“"' or answer[end] not in '」”"':
                continue
            after = _MARKERS.match(answer[match.end() + 1 :])
            if after and n in _numbers(after.group(1)):
                spans.append(match.span())
    quoted = list(_QUOTED.finditer(answer))
    for i, match in enumerate(quoted):
        raw = next(g for g in match.groups() if g is not None)
        inner = _squeeze(fold(raw))
        after = _MARKERS.match(answer[match.end() :])
        # 「column」為「value」[n]: a pair of quotes shares the marker after the second.
        if after is None and i + 1 < len(quoted) and quoted[i + 1].start() - match.end() <= 3:
            after = _MARKERS.match(answer[quoted[i + 1].end() :])
        for n in _numbers(after.group(1)) if after else []:
            text = f"{quotes.get(n, '')} {contexts.get(n, '')}"
            held = _squeeze(fold(text))
            # By text, and by value: "5%" is inside "1.5%" as text, not as a figure.
            figures = extract_figures(text)
            if inner and inner in held and all(supported(f, figures) for f in extract_figures(raw)):
                spans.append(match.span())
    outside = answer
    for start, end in sorted(spans, reverse=True):  # what no checked quote covers
        outside = outside[:start] + " " * (end - start) + outside[end:]
    asked = extract_figures(question)
    return [
        f.text
        for f in extract_figures(_MARKERS_ANYWHERE.sub(" ", outside))
        if not supported(f, asked)
    ]


def _numbers(markers: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", markers)]


_SECTION_AFTER = re.compile(r"\[(\d+)\][（(]([^（）()]+)[）)]")
_MARKERS_ANYWHERE = re.compile(r"\[\d+\]")


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
# What an answer may carry in the source's language: quotes and the bracketed gloss of
# where a quote sits.
_QUOTE_SPANS = re.compile(
    r"「(?:[^「」]|「[^「」]*」)*」|“[^”]*”|\"[^\"]*\"|《[^《》]*》|（[^（）]*）"
)
# Share of letters outside quotes that must be the member's script.
IN_LANGUAGE_SHARE = 0.8


def in_language(answer: str, language: str) -> bool:
    """The answer's own words (quotes of the sources left out) are in the member's script:
    Latin letters for English, Chinese characters for Chinese."""
    own = _QUOTE_SPANS.sub(" ", answer)
    cjk, latin = len(_CJK.findall(own)), len(_LATIN.findall(own))
    if cjk + latin == 0:
        return True
    mine = latin if language == "en" else cjk
    return mine / (cjk + latin) >= IN_LANGUAGE_SHARE


def states_a_wrong_figure(expected: Sequence[str], answer: str, question: str = "") -> bool:
    """An expected figure is missing while the answer states another one (not the member's
    own): a figure the reader would take for the answer, and it is not the right one."""
    wanted = [f for fact in expected for f in extract_figures(fact)]
    if not wanted:
        return False
    stated = extract_figures(answer)
    if all(supported(w, stated) for w in wanted):
        return False
    own = extract_figures(question)
    return any(not supported(f, wanted) and not supported(f, own) for f in stated)
