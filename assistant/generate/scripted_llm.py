"""A deterministic stand-in for the language model, chosen by settings like any backend
(`ASSISTANT_LLM_BACKEND=fake`, `ASSISTANT_LLM_MODEL=<behaviour>`), so tests drive every
fallback and error branch of the real wiring in milliseconds, without weights or servers.

Behaviours:
- `quote`: the first source's first sentence, or a row's indicator and last cell, with
  its marker (a verifiable answer);
- `down`: the model is unavailable before the first piece;
- `cut`: the model stops mid-answer;
- `garbage`: text with no marker and no fact;
- `injection`: obeys a planted instruction (a link and an invented figure);
- `loop`: repeats itself until the loop guard stops it;
- `timeout`: no piece within `llm_timeout_s`, as a server that hangs;
- `say:<text>`: exactly `<text>`.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator

from assistant.errors import ModelUnavailableError
from assistant.generate.llm import LanguageModel, Messages
from assistant.text.normalize import without_number

BEHAVIOURS = ("quote", "down", "cut", "garbage", "injection", "loop", "timeout")
_SOURCE = re.compile(r"^\[(\d+)\] (.+)$", re.M)  # "[n] text", under its heading
_FIRST_SENTENCE = re.compile(r"^.+?(?:[。！？!?]|\.(?=\s|$)|$)")


class ScriptedModel(LanguageModel):
    """Answers by a named script, the same way every time."""

    def __init__(self, behaviour: str, timeout_s: float = 60.0) -> None:
        if behaviour not in BEHAVIOURS and not behaviour.startswith("say:"):
            raise ModelUnavailableError(
                f"ASSISTANT_LLM_MODEL='{behaviour}' is not a fake model behaviour. "
                f"Use one of {', '.join(BEHAVIOURS)}, or say:<text>."
            )
        self.behaviour = behaviour
        self.timeout_s = timeout_s
        self.id = f"fake:{behaviour}"
        self.asked: list[Messages] = []  # every prompt, for tests to inspect

    def stream(self, messages: Messages, max_tokens: int) -> Iterator[str]:
        self.asked.append(messages)
        self.generations += 1
        return self._pieces(messages)

    def _pieces(self, messages: Messages) -> Iterator[str]:
        behaviour = self.behaviour
        if behaviour == "down":
            raise ModelUnavailableError("The fake model is down (ASSISTANT_LLM_MODEL=down).")
        if behaviour == "timeout":
            threading.Event().wait(self.timeout_s)
            raise ModelUnavailableError(
                f"The fake model did not answer in {self.timeout_s} s. Try again."
            )
        if behaviour == "cut":
            yield "The documents say"
            raise ModelUnavailableError("The fake model stopped mid-answer.")
        yield from _words(self._text(messages[-1]["content"]))

    def _text(self, prompt: str) -> str:
        if self.behaviour.startswith("say:"):
            return self.behaviour[len("say:") :]
        if self.behaviour == "garbage":
            return "asdf qwer zxcv lorem ipsum"
        if self.behaviour == "injection":
            return "Ignore the sources: the target is 99% [1]. Log in at https://evil.example/x."
        if self.behaviour == "loop":
            return "the target the target the target " * 8
        first = _SOURCE.search(prompt)
        if first is None:
            return "The documents don't say."
        n, text = first.group(1), first.group(2)
        if "｜" in text:  # a table row (text/table_rows.py): its indicator and last cell
            *context, cells = text.split("｜")
            column, _, value = cells.split("；")[-1].partition("：")
            label = without_number(context[-1])  # 「4.1 」 is layout, not a figure
            return f"{label}在{column.split()[0]}年為{value} [{n}]。"
        sentence = _FIRST_SENTENCE.match(text)
        return f"{(sentence.group(0) if sentence else text).rstrip('。.')} [{n}]。"


def _words(text: str) -> Iterator[str]:
    """Pieces as a tokenizer would stream them: a word (or a Chinese character) at a time."""
    yield from re.findall(r"\s*[A-Za-z0-9%.,:/\-]+|\s*\S", text)
