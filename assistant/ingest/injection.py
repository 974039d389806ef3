"""Text addressed to an assistant or model, found at ingest (English and Chinese).

A policy document states facts and intentions; it does not tell a reader to ignore its
instructions, address an AI, or carry chat role markers. Passages that do are flagged:
they are reported to staff, never given to the model as sources, and never quoted as fact.
The patterns are general forms (an imperative to disregard instructions, a demand on what
to answer, a role marker, a prompt-like block), not the words of one known attack.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.types import Chunk

FLAG = "instruction"
DETECTOR = "1"  # bump when the patterns change: every document is flagged again

_EARLIER = r"(?:all|any|every|previous|prior|above|earlier|preceding|your|other|system|the\s+above)"
_EN_IGNORE = (
    r"\b(?:ignore|disregard|forget|override|bypass)\b[^.\n]{0,30}?\b(?:instructions?|prompts?)\b"
    rf"|\b(?:ignore|disregard|forget)\s+(?:{_EARLIER}\s+)+"
    r"(?:rules|directions|guidelines|context|sources|text|documents?)\b"
)
_EN_DEMAND = (
    r"\byou\s+(?:must|should|shall|will|are\s+(?:required|instructed|told)\s+to|have\s+to)\s+"
    r"(?:always\s+|only\s+|now\s+)?(?:answer|reply|respond|say|state|claim|tell|output|write)"
)
_AI = r"(?:ai|assistants?|chatbots?|language\s+models?|llms?)"
_EN_ADDRESS = (
    rf"\b(?:dear|attention|note\s+to\s+(?:the\s+)?|hey)\s*{_AI}\b"
    rf"|\b{_AI}\s*[,:]\s*(?:you\s+)?(?:must|should|shall)\b|\b{_AI}\s+reading\s+this\b"
    r"|\byou\s+are\s+(?:now\s+)?(?:an?\s+)?(?:ai|assistant|chatbot|language\s+model|dan)\b"
    r"|\b(?:system|developer)\s+(?:prompt|message|instructions?)\s*[:：]"
    r"|\b(?:new|updated|real)\s+instructions?\s*[:：]"
    r"|\banswer\s+(?:only\s+)?(?:with|that)\s+(?:the\s+)?[^.\n]{0,40}\d+(?:\.\d+)?\s*%"
)
_ROLE_MARKER = (
    r"(?m)^\s*(?:#{1,4}\s*)?(?:system|assistant|user|instruction)\s*[:：]"
    r"|<\|?(?:im_start|im_end|system|endoftext)\|?>|\[/?INST\]|<<\s*/?SYS\s*>>|</?system>"
)
_ZH_NOT = r"(?:忽略|無視|无视|忽視|忽视|不要理會|不要理会|不理會|不理会|忘記|忘记|拋開|抛开)"
_ZH_IGNORE = (
    rf"{_ZH_NOT}[^。！？\n]{{0,16}}?(?:指示|指令)"
    rf"|{_ZH_NOT}(?:之前|以前|先前|上述|以上|所有|全部|一切)[^。！？\n]{{0,8}}?"
    r"(?:提示|規則|规则|要求|內容|内容|資料|资料|設定|设定)"
)
_ZH_DEMAND = (
    r"你(?:們|们)?(?:必須|必须|一定要|只能|應該|应该|務必|务必|須|需要)"
    r"(?:只)?(?:回答|回覆|回复|答|說|说|表示|聲稱|声称|輸出|输出)"
)
_ZH_AI = r"(?:AI|人工智能|人工智慧|助手|助理|語言模型|语言模型|聊天機械人|聊天机器人)"
_ZH_ADDRESS = (
    r"(?:系統|系统)(?:提示|指令|訊息|消息)\s*[:：]"
    rf"|(?:作為|作为|身為|身为)(?:一個|一个)?{_ZH_AI}"
    r"|(?:新的|以下的?|最新)(?:指示|指令)\s*[:：]"
    rf"|(?:致|給|给){_ZH_AI}[:：，,]"
)
PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        _EN_IGNORE,
        _EN_DEMAND,
        _EN_ADDRESS,
        _ROLE_MARKER,
        _ZH_IGNORE,
        _ZH_DEMAND,
        _ZH_ADDRESS,
    )
]


@dataclass(frozen=True)
class Finding:
    """One flagged passage, for the staff report."""

    chunk_id: str
    doc_id: str
    section: str
    phrase: str

    def line(self) -> str:
        where = f" ({self.section})" if self.section else ""
        return f"{self.doc_id}{where}: 「{self.phrase}」"


def instruction_phrase(text: str) -> str | None:
    """The first instruction-like phrase in `text`, or None."""
    for pattern in PATTERNS:
        if match := pattern.search(text):
            return match.group(0).strip()
    return None


def flag_instructions(chunks: Sequence[Chunk]) -> tuple[list[Chunk], list[Finding]]:
    """Chunks with FLAG added where their passage reads like instructions to an AI."""
    flagged: list[Chunk] = []
    findings: list[Finding] = []
    for chunk in chunks:
        phrase = instruction_phrase(chunk.passage)
        if phrase is None:
            flagged.append(chunk)
            continue
        flagged.append(replace(chunk, flags=tuple(sorted({*chunk.flags, FLAG}))))
        findings.append(Finding(chunk.chunk_id, chunk.doc_id, " > ".join(chunk.section), phrase))
    return flagged, findings


def flagged_summary(lines: Sequence[str]) -> str:
    """The staff report's warning: every flagged passage, where it is and what it says."""
    if not lines:
        return ""
    shown = "\n".join(f"  - {line}" for line in lines[:20])
    more = f"\n  … and {len(lines) - 20} more" if len(lines) > 20 else ""
    return (
        f"\n⚠ {len(lines)} passage(s) read like instructions to an AI. They are never given "
        f"to the model and are quoted only with a warning. Check these documents:\n{shown}{more}"
    )
