"""One question's evidence: its parts, whose view it asks for, retrieval and quoting.

A two-part question ("which X and which Y") is answered part by part, each with its own
retrieval; the second part may lean on the first (「2027年係幾多？2032年呢？」). Two
years of one indicator (「2016年係幾多？2032年目標係幾多？」) are one question: its row
answers both. A time named by words (「而家」, "in five years") is read as the year of a
column of the table the question is about (text/times.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from assistant.generate.compare import compare_answer, compare_asked
from assistant.generate.evidence import MAX_CITATIONS, evidence_answer
from assistant.index.store import LoadedIndex
from assistant.messages import NOT_IN, SAME_AS_ABOVE
from assistant.names import NO_NAMES, CorpusNames
from assistant.retrieve.gate import FIGURE_KINDS
from assistant.retrieve.hybrid import COMMON_SHARE, HybridRetriever, Retrieval
from assistant.retrieve.query import Query, build_query, split_question
from assistant.text.language import Language
from assistant.text.table_rows import named_years
from assistant.text.times import asks_a_time, present, years_asked
from assistant.types import Answer, Citation, TableRow

History = Sequence[dict[str, str]]


def answer_question(
    retriever: HybridRetriever,
    index: LoadedIndex,
    question: str,
    history: History,
    language: Language,
    top_k: int,
    compare: bool = False,
    names: CorpusNames = NO_NAMES,
) -> tuple[Answer, Query]:
    """The evidence answer and the query it searched (`names`: the index's declared
    names of speakers and the words that ask for one, names.py)."""
    if compare or compare_asked(question, names):  # both sides, each from its own text
        answer = compare_answer(retriever, index, question, language, top_k, names)
        return answer, build_query(answer.query)
    searched: dict[tuple[Query, tuple[str, ...]], Retrieval] = {}

    def search(query: Query, speakers: tuple[str, ...]) -> Retrieval:
        """One search per query and speakers: finding the row a question is about is the
        same search as answering it, unless a time in words changed the query's years."""
        if (query, speakers) not in searched:
            analysis = retriever.analyse(query, language, speakers)
            searched[query, speakers] = retriever.search(analysis)
        return searched[query, speakers]

    query, row = _about_a_row(search, index, build_query(question, history), question, names)
    one_row = row is not None and len(named_years(row, query.years)) >= 2
    parts = [query.text] if query.condensed_from_history or one_row else split_question(question)
    if len(parts) > 1 and not _names_its_own(retriever, index, parts[1], language):
        parts = [question]  # 「X點樣？藍圖有咩講法？」 is one question
    results: list[tuple[str, Answer, Query]] = []
    earlier = list(history)
    for part in parts:
        part_query = query
        if len(parts) > 1:
            part_query, _ = _about_a_row(search, index, build_query(part, earlier), part, names)
        speakers = names.asked(part) or names.asked(question)
        retrieval = search(part_query, speakers)
        if results and retrieval.gate.unknown >= 1.0:
            # 「X係乜嘢？想達到咩效果？」: a part naming nothing the documents know leaves its
            # subject unsaid; it is the earlier part's.
            part_query = build_query(f"{results[-1][0]} {part}", earlier[:-1])
            retrieval = search(part_query, speakers)
        answer = evidence_answer(question, retrieval, index.documents, index.units, names)
        answer = replace(
            answer,
            retrieved=tuple(
                {"chunk_id": h.chunk.chunk_id, "text": h.chunk.passage, "score": round(h.score, 6)}
                for h in retrieval.hits[:top_k]
            ),
            reason=retrieval.gate.reason,
            timings={k: round(v, 4) for k, v in retrieval.timings.items()},
        )
        results.append((part, answer, part_query))
        earlier = [*earlier, {"role": "user", "content": part}]
    if len(results) == 1:
        return results[0][1], query
    years = tuple(dict.fromkeys(y for _, _, q in results for y in q.years))
    return _joined(question, results, language, top_k), replace(query, years=years)


def _names_its_own(
    retriever: HybridRetriever, index: LoadedIndex, part: str, language: Language
) -> bool:
    """False for a part that names nothing but the documents' own subject (「藍圖有咩講法？」,
    「蓝图点讲？」, "what does the Blueprint say?"): every topic word the documents use is
    in a quarter or more of their passages (COMMON_SHARE), and it names no year."""
    analysis = retriever.analyse(build_query(part), language)
    shares = [index.keywords.shares.get(word, 0.0) for word in analysis.terms.topic]
    known = [share for share in shares if share > 0]
    return bool(analysis.years) or not known or min(known) <= COMMON_SHARE


def _about_a_row(
    search: Callable[[Query, tuple[str, ...]], Retrieval],
    index: LoadedIndex,
    query: Query,
    asked: str,
    names: CorpusNames,
) -> tuple[Query, TableRow | None]:
    """The table row a question for a figure is about (its best passages' first row), and
    the query with the times `asked` names by words read as that table's column years."""
    timed = asks_a_time(asked)
    if not (query.years or timed):
        return query, None
    retrieval = search(query, names.asked(asked))
    analysis, hits = retrieval.analysis, retrieval.hits[:MAX_CITATIONS]
    chunk = next((h.chunk for h in hits if h.chunk.row is not None), None)
    if chunk is None or chunk.row is None:
        return query, None
    if not (query.years or analysis.kind in FIGURE_KINDS or hits[0].chunk is chunk):
        return query, None  # 「而家有咩措施？」 asks for no figure
    if timed:
        dates = {d["doc_id"]: d.get("date", "") for d in index.manifest["documents"]}
        now = present(chunk.row.columns, dates.get(chunk.doc_id, ""))
        earlier = query.years if query.condensed_from_history else ()
        years = tuple(dict.fromkeys((*years_asked(asked, now), *earlier)))
        query = replace(query, years=years or query.years)
    return query, chunk.row


def _joined(
    question: str, results: list[tuple[str, Answer, Query]], language: Language, top_k: int
) -> Answer:
    """Both parts in one answer, citations renumbered; a part the documents don't give
    is said plainly."""
    if all(answer.refused for _, answer, _ in results):
        first = results[0][1]
        return replace(first, reason="; ".join(a.reason for _, a, _ in results))
    lines: list[str] = []
    citations: list[Citation] = []
    for part, answer, _ in results:
        lines.append(f"({part})")
        if answer.refused:
            lines.append(NOT_IN[language])
            continue
        if {c.chunk_id for c in answer.citations} <= {c.chunk_id for c in citations}:
            lines.append(SAME_AS_ABOVE[language])  # not the same quotes twice
            continue
        offset = len(citations)
        renumbered = answer.answer
        for c in sorted(answer.citations, key=lambda c: -c.n):
            renumbered = renumbered.replace(f"[{c.n}]", f"[{c.n + offset}]")
        lines.append(renumbered)
        citations.extend(replace(c, n=c.n + offset) for c in answer.citations)
    retrieved: list[dict] = []
    for rank in range(top_k):
        for _, answer, _ in results:
            if rank < len(answer.retrieved) and answer.retrieved[rank] not in retrieved:
                retrieved.append(answer.retrieved[rank])
    first = results[0][1]
    return replace(
        first,
        answer="\n".join(lines),
        refused=False,
        citations=tuple(citations),
        retrieved=tuple(retrieved[:top_k]),
        reason="; ".join(f"{part}: {a.reason}" for part, a, _ in results),
    )
