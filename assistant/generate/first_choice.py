"""Greedy decoding held to a grammar, checking the model's first choice first.

llama-cpp-python applies a grammar to every token of the vocabulary (152k for Qwen2.5)
at every step, before choosing: decoding ran at 11-15 tokens a second under our answer
grammars against 23-25 without. Greedy decoding only needs the best token the grammar
allows, so this processor looks at the model's first choice alone and lets the grammar
judge the whole vocabulary only when that choice breaks it (llama.cpp's own samplers do
the same). The text is the same as the full check's: the best allowed token either is
the first choice or is found by the full check.

The repeat penalty is applied here, before choosing, as llama.cpp's penalty sampler
would (the model's call then passes a penalty of 1).

A phrase the answer is to quote (the strategy's name the plan leads with, the measures
it lists) is often copied by the model without its 「」: the grammar then lets the copy
run as free text until its bound, and opens the quote mid-word (「…相互「策略一：…」」).
So when the first choice, outside a quote, starts a phrase still to be quoted, the
processor writes 「 instead (when the grammar allows it), and the model copies the
phrase inside the quote, as it meant to.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

# The generated tokens the repeat penalty looks back over (llama-cpp-python's default).
PENALTY_WINDOW = 64
OPEN, CLOSE = "「", "」"
_CJK = re.compile(r"[\u3400-\u9fff]")


class FirstChoice:
    """A llama-cpp-python logits processor: every score but the chosen token's is -inf."""

    def __init__(
        self, model: Any, grammar: str, repeat_penalty: float = 1.0, quotes: Sequence[str] = ()
    ) -> None:
        import llama_cpp

        self._api = llama_cpp
        vocab = llama_cpp.llama_model_get_vocab(model.model)
        self._grammar = llama_cpp.llama_sampler_init_grammar(vocab, grammar.encode(), b"root")
        if not self._grammar:
            raise ValueError("llama.cpp could not parse the answer grammar")
        self.repeat_penalty = repeat_penalty
        self._start: int | None = None  # where the prompt ends in the model's input ids
        self._generated: list[int] = []
        self._one = (llama_cpp.llama_token_data * 1)()
        self._all: Any = None  # the whole vocabulary, made on the first full check
        self.full_checks = 0  # steps where the first choice broke the grammar
        self._model = model
        self._quotes = [q for q in quotes if q]
        self._text = b""  # the answer so far, for knowing whether a quote is open
        opening = model.tokenize(OPEN.encode(), add_bos=False, special=False)
        self._open = opening[0] if len(opening) == 1 else None
        self.quotes_opened = 0  # steps where a copied phrase was opened as a quote

    def __call__(
        self, input_ids: npt.NDArray[np.intc], scores: npt.NDArray[np.single]
    ) -> npt.NDArray[np.single]:
        if self._start is None:
            self._start = len(input_ids)
        for token in input_ids[self._start + len(self._generated) :]:
            self._api.llama_sampler_accept(self._grammar, int(token))
            self._generated.append(int(token))
            self._text += self._model.detokenize([int(token)])
        scores = self._penalised(scores)
        best = int(np.argmax(scores))
        opener = self._open
        if (
            opener is not None
            and self._starts_a_quote(best)
            and self._allowed(opener, float(scores[opener]))
        ):
            self.quotes_opened += 1
            best = opener
        elif not self._allowed(best, float(scores[best])):
            self.full_checks += 1
            best = int(np.argmax(self._allowed_scores(scores)))
        chosen = np.full_like(scores, -np.inf)
        chosen[best] = scores[best]
        return chosen

    def close(self) -> None:
        if self._grammar:
            self._api.llama_sampler_free(self._grammar)
            self._grammar = None

    def _starts_a_quote(self, token: int) -> bool:
        """The token begins a phrase still to be quoted, and no quote is open."""
        if not self._quotes:
            return False
        text = self._text.decode("utf-8", errors="ignore")
        if text.count(OPEN) > text.count(CLOSE):
            return False
        piece = self._model.detokenize([token]).decode("utf-8", errors="ignore").strip()
        if not piece or not _CJK.search(piece):
            return False
        return any(q.startswith(piece) and q not in text for q in self._quotes)

    def _penalised(self, scores: npt.NDArray[np.single]) -> npt.NDArray[np.single]:
        recent = list(set(self._generated[-PENALTY_WINDOW:]))
        if self.repeat_penalty == 1.0 or not recent:
            return scores
        scores = scores.copy()
        values = scores[recent]
        scores[recent] = np.where(
            values > 0, values / self.repeat_penalty, values * self.repeat_penalty
        )
        return scores

    def _allowed(self, token: int, logit: float) -> bool:
        self._one[0] = self._api.llama_token_data(token, logit, 0.0)
        array = self._api.llama_token_data_array(
            ctypes.cast(self._one, ctypes.POINTER(self._api.llama_token_data)), 1, -1, False
        )
        self._api.llama_sampler_apply(self._grammar, ctypes.byref(array))
        return bool(np.isfinite(self._one[0].logit))

    def _allowed_scores(self, scores: npt.NDArray[np.single]) -> npt.NDArray[np.single]:
        size = len(scores)
        if self._all is None or len(self._all) != size:
            self._all = (self._api.llama_token_data * size)()
        view = np.ctypeslib.as_array(self._all)
        view["id"] = np.arange(size, dtype=np.intc)
        view["logit"] = scores
        view["p"] = 0.0
        array = self._api.llama_token_data_array(
            ctypes.cast(self._all, ctypes.POINTER(self._api.llama_token_data)), size, -1, False
        )
        self._api.llama_sampler_apply(self._grammar, ctypes.byref(array))
        return np.asarray(view["logit"], dtype=np.single)
