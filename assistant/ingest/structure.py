"""Read the layout of plain text: headings, paragraphs, lists and tables, with offsets.

All loaders produce plain text (Markdown headings kept as `#`), so one reader serves
every file type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "prose", "list", "table"]

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+)$")
_ANNEX = re.compile(r"^(附件|附錄|附录|Annex|Appendix)\b", re.I)
_LETTERED = re.compile(r"^[A-Z][.．、]\s*\S")  # "A. 藍圖願景", "C. Talent": a lettered section
_BULLET = re.compile(r"^\s*([-*•➢·]|\d+[.)]\s)\s*")
_SENTENCE_MARK = re.compile(r"[。！？；，：,;:!?]")
_TERMINAL = re.compile(r"[。！？!?：:.][」』”’)）]*$")
_DATE_ONLY = re.compile(r"^[\d\s年月日./-]+$")


@dataclass
class Line:
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class Block:
    kind: BlockKind
    lines: list[Line] = field(default_factory=list)
    level: int = 0

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end


def split_lines(text: str) -> list[Line]:
    lines, offset = [], 0
    for raw in text.split("\n"):
        lines.append(Line(raw, offset))
        offset += len(raw) + 1
    return lines


def heading_level(line: str, isolated: bool) -> int:
    """0 if not a heading; otherwise 1 (section) or 2 (sub-section)."""
    stripped = line.strip()
    if match := _MD_HEADING.match(stripped):
        return min(len(match.group(1)), 3)
    if "\t" in line or not stripped:
        return 0
    if _ANNEX.match(stripped):
        return 1
    if _LETTERED.match(stripped) and len(stripped) <= 40:
        return 2
    short_plain = (
        len(stripped) <= 25
        and not _SENTENCE_MARK.search(stripped)
        and not _BULLET.match(line)
        and not _DATE_ONLY.match(stripped)
    )
    return 1 if isolated and short_plain else 0


def read_blocks(text: str) -> list[Block]:
    """Group lines into blocks. A table runs on across blank lines while rows follow."""
    lines = split_lines(text)
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.text.strip():
            i += 1
            continue
        isolated = _blank(lines, i - 1) and _blank(lines, i + 1)
        level = heading_level(line.text, isolated)
        if level:
            blocks.append(Block("heading", [line], level))
            i += 1
        elif is_table_line(line.text):
            i = _take_table(lines, i, blocks)
        else:
            i = _take_run(lines, i, blocks)
    return _join_broken_paragraphs(blocks)


def _join_broken_paragraphs(blocks: list[Block]) -> list[Block]:
    """Re-join a paragraph that a stray blank line cut mid-sentence.

    A long prose line that ends without terminal punctuation continues in the next
    prose block (the seed corpus has two such breaks).
    """
    joined: list[Block] = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.kind == block.kind == "prose"
            and len(previous.lines[-1].text.strip()) > 25
            and not _TERMINAL.search(previous.lines[-1].text.rstrip())
        ):
            previous.lines.extend(block.lines)
        else:
            joined.append(block)
    return joined


def _blank(lines: list[Line], i: int) -> bool:
    return i < 0 or i >= len(lines) or not lines[i].text.strip()


def is_table_line(text: str) -> bool:
    """A row of a tab-separated table, or of a Markdown pipe table (`| a | b |`)."""
    stripped = text.strip()
    return "\t" in text or (stripped.startswith("|") and stripped.count("|") >= 2)


def _take_table(lines: list[Line], i: int, blocks: list[Block]) -> int:
    block = Block("table")
    while i < len(lines):
        if lines[i].text.strip():
            if not is_table_line(lines[i].text) and not _is_continuation_row(lines[i].text):
                break
            block.lines.append(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and not lines[j].text.strip():
            j += 1
        if j >= len(lines) or not is_table_line(lines[j].text):
            break
        i = j
    blocks.append(block)
    return i


def _is_continuation_row(text: str) -> bool:
    # A strategy title line inside a table can lose its trailing tab in some exports.
    return bool(re.match(r"^\s*(?:•\s*)?策略[一二三四五六七八九十]+[：:]", text))


def _take_run(lines: list[Line], i: int, blocks: list[Block]) -> int:
    kind: BlockKind = "list" if _BULLET.match(lines[i].text) else "prose"
    block = Block(kind)
    while i < len(lines) and lines[i].text.strip() and not is_table_line(lines[i].text):
        if kind == "prose" and _BULLET.match(lines[i].text):
            break
        block.lines.append(lines[i])
        i += 1
    blocks.append(block)
    return i
