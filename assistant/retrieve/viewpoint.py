"""Whose view a question asks for: "what does the association propose" is answered from
the association's own text, never from the government's plan (and vice versa).
"""

from __future__ import annotations

import re

from assistant.text.normalize import fold
from assistant.types import Speaker

# The names members use for the association (its full name, its short forms and
# "the association"). A fact about the organisation, not about any question.
_ASSOCIATION = re.compile(
    r"厂商会|厂商联合会|中华厂商|\bcma\b|manufacturers'? association|\bthe association\b"
)


def speakers_asked(question: str) -> tuple[Speaker, ...]:
    """The speakers whose text alone may answer, or () for any."""
    if _ASSOCIATION.search(fold(question)):
        return ("association",)
    return ()
