"""How answers name who wrote a passage, and which words in a question name a speaker:
read from what each document declares (its sidecar, ingest/metadata.py), never from code.

Only policy text (the government's, or a summary of it) is named in an answer's lead, by
the name its document declares; anything else is "the document" (its card shows the
declared title and speaker). A document that declares nothing is never given a name that
belongs to another.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from assistant.messages import DEFAULT_NAMES, SUMMARY_NOTE
from assistant.text.normalize import fold
from assistant.types import Chunk

POLICY = ("government", "government_summary")
# Plain words of the languages that name a side in any corpus, beside the declared names.
PLAIN_SIDE_WORDS = {
    "government": ("政府", "特區政府", "the government", "government"),
    "association": ("the association", "association"),
}


@dataclass(frozen=True)
class CorpusNames:
    """The declared names of one index version."""

    declared: Mapping[tuple[str, str], Mapping[str, str]]  # (doc_id, speaker) -> lang -> name
    main_speaker: Mapping[str, str]  # doc_id -> the speaker of the document's body
    aliases: Mapping[str, re.Pattern[str] | None]  # speaker -> the words that name it
    alias_words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # as declared

    @classmethod
    def from_manifest(cls, manifest: Mapping[str, Any]) -> CorpusNames:
        declared: dict[tuple[str, str], dict[str, str]] = {}
        words: dict[str, list[str]] = {}
        for doc in manifest["documents"]:
            for speaker, language, name in doc.get("names", ()):
                declared.setdefault((doc["doc_id"], speaker), {})[language] = name
            for speaker, word in doc.get("aliases", ()):
                words.setdefault(speaker, []).append(word)
        main = {doc["doc_id"]: doc.get("speaker", "unknown") for doc in manifest["documents"]}
        folded = {s: _pattern([fold(w) for w in ws]) for s, ws in words.items()}
        return cls(declared, main, folded, {s: tuple(ws) for s, ws in words.items()})

    def of(self, chunk: Chunk, language: str) -> str:
        """The declared name of a policy passage's text ("" when none is declared)."""
        if chunk.speaker not in POLICY:
            return ""
        return self.declared.get((chunk.doc_id, chunk.speaker), {}).get(language, "")

    def summariser(self, chunk: Chunk, language: str) -> str:
        """Who summarised a summary passage: the name its document declares for its own
        speaker, or a plain default."""
        speaker = self.main_speaker.get(chunk.doc_id, "")
        name = self.declared.get((chunk.doc_id, speaker), {}).get(language, "")
        return name or DEFAULT_NAMES["association"][language]

    def side(self, side: str, language: str) -> str:
        """The first declared name of a side (`government`: either policy speaker;
        `association`) across the documents, or a plain default."""
        speakers = POLICY if side == "government" else (side,)
        for (_, speaker), by_language in self.declared.items():
            if speaker in speakers and language in by_language:
                return by_language[language]
        return DEFAULT_NAMES[side][language]

    def sides(self, language: str) -> dict[str, str]:
        """The placeholders of the messages that name both sides."""
        association = self.side("association", language)
        return {
            "government": self.side("government", language),
            "association": association,
            "Association": association[:1].upper() + association[1:],
        }

    def summary_note(self, chunk: Chunk, language: str) -> str:
        """「（據…附件摘要）」 after a summary passage's lead; "" for any other passage."""
        if chunk.speaker != "government_summary":
            return ""
        return SUMMARY_NOTE[language].format(
            summariser=self.summariser(chunk, language),
            original=self.of(chunk, language) or DEFAULT_NAMES["government"][language],
        )

    def words_for(self, speakers: tuple[str, ...]) -> tuple[str, ...]:
        """Every word the documents declare for these speakers: their aliases and their
        declared names without title brackets (《藍圖》 -> 藍圖), as written."""
        names = [
            name.strip("《》〈〉「」")
            for (_, speaker), by_language in self.declared.items()
            if speaker in speakers
            for name in by_language.values()
        ]
        aliases = [w for s in speakers for w in self.alias_words.get(s, ())]
        return tuple(dict.fromkeys(w for w in (*aliases, *names) if w))

    def pattern_for(self, speakers: tuple[str, ...], plain: tuple[str, ...] = ()) -> str:
        """One pattern for the words naming these speakers (and `plain` words of the
        languages) as written in a question, in either script, longest first; an English
        word matches whole, with any spacing between its parts. "(?!)" when none."""
        variants = {v for w in (*self.words_for(speakers), *plain) for v in (w, fold(w)) if v}
        parts = []
        for word in sorted(variants, key=len, reverse=True):
            escaped = r"\s+".join(re.escape(p) for p in word.split())
            parts.append(rf"\b{escaped}\b" if word.isascii() else escaped)
        return "(?:" + "|".join(parts) + ")" if parts else "(?!)"

    @cached_property
    def side_patterns(self) -> dict[str, str]:
        """The pattern naming each side (the government's, the association's), built once
        per index version: every question is checked against them (generate/compare.py)."""
        return {
            "government": self.pattern_for(POLICY, PLAIN_SIDE_WORDS["government"]),
            "association": self.pattern_for(("association",), PLAIN_SIDE_WORDS["association"]),
        }

    def asked(self, question: str) -> tuple[str, ...]:
        """The speakers a question names by a declared alias ("what does the CMA say"):
        their text alone may answer. () when it names none."""
        folded = fold(question)
        return tuple(s for s, words in self.aliases.items() if words and words.search(folded))


NO_NAMES = CorpusNames({}, {}, {})


def _pattern(words: list[str]) -> re.Pattern[str] | None:
    """One pattern for a speaker's words; an English word matches as a whole word."""
    if not words:
        return None
    parts = [rf"\b{re.escape(w)}\b" if w.isascii() else re.escape(w) for w in words]
    return re.compile("|".join(parts))
