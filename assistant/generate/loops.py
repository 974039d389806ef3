"""Stop a model that repeats itself: the same run of words again and again.

Greedy decoding on a small model can fall into a loop ("…的目標為…的目標為…"). A repetition
penalty makes that rarer; this guard ends the generation when one run of `n` words (a CJK
character counts as a word) has come `times` times, and keeps the text before its second
appearance, so the answer is cut rather than filled with struck-out repeats.
"""

from __future__ import annotations

import re
from collections import Counter

_UNIT = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[A-Za-z0-9%.$]+")
N_WORDS = 8
TIMES = 4  # an indicator named in each of 3 sentences is not a loop; a 4th time is


class LoopGuard:
    def __init__(self, n: int = N_WORDS, times: int = TIMES) -> None:
        self.n, self.times = n, times
        self.text = ""
        self.cut = False
        self.kept = ""

    def feed(self, piece: str) -> bool:
        """Add a piece of output; True once it loops (stop asking for more)."""
        self.text += piece
        if self.cut:
            return True
        units = [(m.group(0), m.start()) for m in _UNIT.finditer(self.text)]
        grams = [tuple(u for u, _ in units[i : i + self.n]) for i in range(len(units) - self.n + 1)]
        counts = Counter(grams)
        repeated = next((g for g in grams if counts[g] >= self.times), None)
        if repeated is None:
            return False
        starts = [units[i][1] for i, g in enumerate(grams) if g == repeated]
        self.kept = self.text[: starts[1]].rstrip()
        self.cut = True
        return True

    @property
    def output(self) -> str:
        """What to verify and show: everything, or the text before the loop began."""
        return self.kept if self.cut else self.text
