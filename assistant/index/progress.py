"""Ingest progress for people: how far each stage is, at what rate, and how long is left."""

from __future__ import annotations

import time
from collections.abc import Callable

# Stages of a build, as `IndexStore.build` reports them, in words.
STAGES = {
    "embed": "embedding",
    "store": "storing vectors",
    "tokenize": "keywords",
}


class IngestProgress:
    """Turns `(stage, done, total)` reports into lines like
    `embedding 3,200/10,000 chunks · 41 chunks/s · about 2 min 46 s left`."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._stage = ""
        self._started = 0.0

    def line(self, stage: str, done: int, total: int) -> str:
        now = self._clock()
        if stage != self._stage:
            self._stage, self._started = stage, now
        label = STAGES.get(stage, stage)
        text = f"{label} {done:,}/{total:,} chunks"
        elapsed = now - self._started
        if done and elapsed > 0:
            rate = done / elapsed
            text += f" · {rate:,.0f} chunks/s"
            if done < total:
                text += f" · about {duration((total - done) / rate)} left"
        return text


def duration(seconds: float) -> str:
    """'45 s', '2 min 46 s', '1 h 05 min'."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"
