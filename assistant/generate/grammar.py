"""A decoding grammar (llama.cpp GBNF) built per question from the sources given.

Free text stays free, but the model cannot write a digit except inside one of the
figures its sources hold, spelled as there; every sentence ends with the marker of a
source it was given; and the answer has at most a few sentences. Verification still
checks everything afterwards: the grammar only makes a passing answer likelier.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from assistant.cite.numbers import extract_figures
from assistant.generate.prompt import Source

MAX_SENTENCES = 3
# Characters free text may not use: digits (figures come only from the sources), the
# marker brackets, sentence ends (a sentence ends only after its marker) and new lines.
_NOT_FREE = r"0-9０-９\[\]【】。．.！!？?\n\r"


def _literal(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a GBNF string literal, escaped


def answer_grammar(sources: Sequence[Source], max_sentences: int = MAX_SENTENCES) -> str:
    """GBNF for an answer over `sources`: sentences of free text and source figures, each
    closed by a given source's marker."""
    figures = sorted(
        {f.text.strip() for s in sources for f in extract_figures(s.text) if f.text.strip()},
        key=len,
        reverse=True,
    )
    markers = " | ".join(_literal(f"[{s.n}]") for s in sources) or '"[1]"'
    figure_rule = " | ".join(_literal(f) for f in figures) if figures else _literal("")
    more = " ".join(["(sentence)?"] * (max_sentences - 1))
    return "\n".join(
        [
            f"root ::= sentence {more}".rstrip(),
            'sentence ::= " "? piece+ " "? marker (("、" | ", " | " ")? marker)* end',
            "piece ::= free | figure",
            f"free ::= [^{_NOT_FREE}]",
            f"figure ::= {figure_rule}",
            f"marker ::= {markers}",
            'end ::= "。" | "." | ""',
        ]
    )
