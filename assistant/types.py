"""Plain, frozen records passed between the layers."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal, get_args

Speaker = Literal["government", "government_summary", "association", "other", "uploaded", "unknown"]
SPEAKERS: tuple[str, ...] = get_args(Speaker)


@dataclass(frozen=True)
class Document:
    """A loaded source document: its extracted text is what offsets point into."""

    doc_id: str
    title: str
    path: str
    text: str
    content_hash: str
    file_type: str
    # Declared, never guessed from the text (a sidecar `<file>.meta.json` or the staff form).
    speaker: Speaker = "unknown"
    publisher: str = ""
    date: str = ""
    # (heading prefix, speaker): a level-1 heading starting with the prefix changes speaker.
    sections: tuple[tuple[str, Speaker], ...] = ()
    # (speaker, language, name): how answers name the text each speaker wrote here
    # (「《藍圖》」, "Blueprint"); nothing declared: "the document".
    names: tuple[tuple[str, str, str], ...] = ()
    # (speaker, word): the words members use for a speaker of this document (「廠商會」,
    # "CMA"): a question naming one asks for that speaker's view.
    aliases: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class TableRow:
    """One row of a table, with the labels needed to read it on its own."""

    title: str
    group: str
    label: str
    columns: tuple[str, ...]
    values: tuple[str, ...]


@dataclass(frozen=True)
class Chunk:
    """A retrievable unit. `start`/`end` index the document text verbatim."""

    chunk_id: str
    doc_id: str
    doc_title: str
    speaker: Speaker
    section: tuple[str, ...]
    kind: Literal["prose", "list", "table_row", "item"]
    start: int
    end: int
    passage: str
    index_text: str
    content_hash: str
    row: TableRow | None = None
    # A unit of an enumerated structure (a strategy, a direction): its name as written,
    # and the item's role in it ("title", or the column it sits under, e.g. 建議).
    group: str = ""
    role: str = ""
    # Warnings found at ingest, e.g. "instruction": text addressed to an assistant or model.
    flags: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Chunk:
        row = data.get("row")
        values = dict(data)
        values["section"] = tuple(values["section"])
        values["flags"] = tuple(values.get("flags", ()))
        if row is not None:
            values["row"] = TableRow(
                title=row["title"],
                group=row["group"],
                label=row["label"],
                columns=tuple(row["columns"]),
                values=tuple(row["values"]),
            )
        return cls(**values)


@dataclass(frozen=True)
class Hit:
    """A chunk returned by retrieval, with its fused score and per-retriever ranks."""

    chunk: Chunk
    score: float
    dense_rank: int | None = None
    keyword_rank: int | None = None
    dense_similarity: float | None = None


@dataclass(frozen=True)
class Citation:
    """A verbatim quote: `quote == document_text[start:end]` and `quote in passage`."""

    n: int
    chunk_id: str
    doc_title: str
    speaker: Speaker
    section: str
    quote: str
    passage: str
    start: int
    end: int
    context: str = ""
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Unverified:
    """A sentence of the model's draft that was held back, and why."""

    sentence: str
    reason: str


@dataclass(frozen=True)
class Answer:
    """The JSON contract shared by the CLI, the chat and the eval suite. Built once: a
    later step (conflicts, the model, the log) makes a new one with `dataclasses.replace`."""

    question: str
    answer: str
    refused: bool
    mode: str
    language: str
    citations: tuple[Citation, ...] = ()
    retrieved: tuple[dict[str, Any], ...] = ()
    unverified: tuple[Unverified, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)  # replaced, never updated
    query: str = ""
    reason: str = ""
    raw_model_output: str = ""
    log_id: str = ""
    model_error: str = ""
    fell_back: bool = False  # llm mode: the model's answer was not shown (failed or missing)
    corpus_version: str = ""  # the index version the answer was built from
    # What the question was read as: target, strategy, fact or comparison (QueryAnalysis.asks,
    # with the answer's shape: a question whose answer is a strategy's unit is a strategy one).
    asks: str = ""
    # A refusal's offer: questions this index does answer (generate/suggest.py).
    suggestions: tuple[str, ...] = ()
    # Two sides compared (generate/compare.py): per side its heading, its own answer text
    # with markers into `citations`, and whether it said anything; empty otherwise.
    sides: tuple[dict[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: sequences as lists."""
        data = asdict(self)
        for key in ("citations", "retrieved", "unverified", "sides", "suggestions"):
            data[key] = list(data[key])
        return data
