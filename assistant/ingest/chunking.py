"""Structure-aware chunking: headings give sections, sentences are never split,
table rows and strategies become self-contained chunks. Pure and deterministic.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace

from assistant.ingest import tables
from assistant.ingest.sentences import sentence_spans
from assistant.ingest.speaker import document_speaker, section_speaker
from assistant.ingest.structure import Block, Line, read_blocks
from assistant.text.markup import strip_markup
from assistant.types import Chunk, Document, Speaker, TableRow

# Bump when chunk boundaries, fields or tokens change: an index built by another version is
# rebuilt by the next ingest, even when no document changed.
CHUNKER_VERSION = "6"
MAX_CHARS = 260
SHORT_CHARS = 20
LIST_GROUP_CHARS = 100
_LETTER_PREFIX = re.compile(r"^[A-Z][.．、]\s*")
_MD_MARK = re.compile(r"^#+\s*")
_TITLED_ITEM = re.compile(r"^\s*[-*•]\s*\*\*(.+?)\*\*")


@dataclass
class _State:
    doc: Document
    speaker: Speaker
    doc_speaker: Speaker
    path: list[tuple[int, str]] = field(default_factory=list)
    chunks: list[Chunk] = field(default_factory=list)

    @property
    def section(self) -> tuple[str, ...]:
        return tuple(title for _, title in self.path)


def chunk_document(doc: Document) -> list[Chunk]:
    """Split a document into chunks whose `passage` is `doc.text[start:end]`."""
    doc_speaker = document_speaker(doc)
    state = _State(doc=doc, speaker=doc_speaker, doc_speaker=doc_speaker)
    for block in read_blocks(doc.text):
        if block.kind == "heading":
            _enter_heading(state, block)
        elif block.kind == "table":
            _chunk_table(state, block)
        elif block.kind == "list":
            _chunk_list(state, block)
        elif doc.text[block.start : block.end].strip() != doc.title:
            _chunk_prose(state, block)
    return _merge_short_prose(state.chunks, doc.text)


def _enter_heading(state: _State, block: Block) -> None:
    title = _MD_MARK.sub("", block.lines[0].text.strip())
    while state.path and state.path[-1][0] >= block.level:
        state.path.pop()
    state.path.append((block.level, title))
    if block.level == 1:
        state.speaker = section_speaker(state.doc, title) or state.doc_speaker


def _chunk_prose(state: _State, block: Block) -> None:
    text = state.doc.text[block.start : block.end]
    current: list[tuple[int, int]] = []
    for span in sentence_spans(text, base=block.start):
        if current and span[1] - current[0][0] > MAX_CHARS:
            _add(state, "prose", current[0][0], current[-1][1])
            current = []
        current.append(span)
    if current:
        _add(state, "prose", current[0][0], current[-1][1])


def _merge_short_prose(chunks: list[Chunk], text: str) -> list[Chunk]:
    """Join a fragment (a date line, say) to the next prose chunk of the same section."""
    merged: list[Chunk] = []
    pending: Chunk | None = None
    for chunk in chunks:
        if pending is not None:
            if chunk.kind == "prose" and chunk.section == pending.section:
                chunk = _respan(chunk, pending.start, text)
            else:
                merged.append(pending)
            pending = None
        if chunk.kind == "prose" and len(chunk.passage) < SHORT_CHARS:
            pending = chunk
        else:
            merged.append(chunk)
    if pending is not None:
        merged.append(pending)
    return merged


def _respan(chunk: Chunk, start: int, text: str) -> Chunk:
    passage = text[start : chunk.end]
    section = chunk.section
    return replace(
        chunk,
        start=start,
        passage=passage,
        index_text=f"{section[-1]}｜{passage}" if section else passage,
        content_hash=_sha(passage),
        chunk_id=_chunk_id(chunk.doc_id, section, passage),
    )


def _chunk_list(state: _State, block: Block) -> None:
    items: list[list[int]] = []
    for i, line in enumerate(block.lines):
        if not line.text.startswith((" ", "\t")) or not items:
            items.append([i])
        else:
            items[-1].append(i)
    group: list[list[int]] = []
    for item in items:
        has_children = len(item) > 1
        size = sum(len(block.lines[i].text) for it in group for i in it)
        if group and (has_children or size + len(block.lines[item[0]].text) > LIST_GROUP_CHARS):
            _add_list_group(state, block, group)
            group = []
        group.append(item)
        if has_children:
            _add_list_group(state, block, group)
            group = []
    if group:
        _add_list_group(state, block, group)


def _add_list_group(state: _State, block: Block, group: list[list[int]]) -> None:
    first, last = block.lines[group[0][0]], block.lines[group[-1][-1]]
    titled = _TITLED_ITEM.match(first.text)
    if len(group) == 1 and len(group[0]) > 1:
        # A list item with sub-items is a named unit: its line, then each sub-item.
        name = _clean_line(first)
        unit = strip_markup(state.doc.text[name[0] : name[1]])
        _add(state, "item", *name, group=unit, role="title")
        for i in group[0][1:]:
            _add(state, "item", *_clean_line(block.lines[i]), group=unit)
    elif len(group) == 1 and titled:
        # 「- **方向一：…。**說明」: a named unit of a list; its bold lead is its name.
        unit = strip_markup(titled.group(1)).strip()
        _add(state, "item", first.start, last.end, group=unit, role="title")
    else:
        _add(state, "list", first.start, last.end)


def _clean_line(line: Line) -> tuple[int, int]:
    """The words of a list line, without its bullet."""
    stripped = line.text.lstrip(" \t-*•➢·\u3000")
    start = line.start + len(line.text) - len(stripped)
    return start, start + len(stripped.rstrip())


def _chunk_table(state: _State, block: Block) -> None:
    title = _LETTER_PREFIX.sub("", state.section[-1]) if state.section else state.doc.title
    if tables.is_strategy_table(block.lines):
        section = state.section
        for item in tables.strategy_items(block.lines):
            words = state.doc.text[item.start : item.end]
            state.path.append((9, item.group))  # an item's section ends with its strategy
            context = section[-1] if item.role == "title" and section else item.group
            _add(
                state,
                "item",
                item.start,
                item.end,
                index_text=words if item.role != "title" else f"{context}｜{words}",
                group=item.group,
                role=item.role,
            )
            state.path.pop()
    else:
        for span in tables.indicator_rows(block.lines, title):
            _add(state, "table_row", span.start, span.end, index_text=span.text, row=span.row)


def _add(
    state: _State,
    kind: str,
    start: int,
    end: int,
    index_text: str | None = None,
    row: TableRow | None = None,
    group: str = "",
    role: str = "",
) -> None:
    passage = state.doc.text[start:end]
    section = state.section
    chunk_id = _chunk_id(state.doc.doc_id, section, passage)
    if any(c.chunk_id == chunk_id for c in state.chunks):
        chunk_id = f"{chunk_id}-{len(state.chunks)}"
    state.chunks.append(
        Chunk(
            chunk_id=chunk_id,
            doc_id=state.doc.doc_id,
            doc_title=state.doc.title,
            speaker=state.speaker,
            section=section,
            kind=kind,  # type: ignore[arg-type]
            start=start,
            end=end,
            passage=passage,
            index_text=index_text or (f"{section[-1]}｜{passage}" if section else passage),
            content_hash=_sha(passage),
            row=row,
            group=group,
            role=role,
        )
    )


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _chunk_id(doc_id: str, section: tuple[str, ...], passage: str) -> str:
    """Stable across re-ingests: depends only on the document, section and passage."""
    return f"{doc_id}:{_sha(chr(31).join((doc_id, ' > '.join(section), passage)))[:12]}"
