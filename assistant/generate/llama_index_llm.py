"""Our language models seen through llama-index's LLM interface.

The product's own answer path calls `LanguageModel.stream` directly (its prompt and
verification are ours). This adapter serves llama-index pipelines on the same weights,
such as the plain CitationQueryEngine baseline in bench/.
"""

from __future__ import annotations

from typing import Any

from llama_index.core.llms import (
    CompletionResponse,
    CompletionResponseGen,
    CustomLLM,
    LLMMetadata,
)
from llama_index.core.llms.callbacks import llm_completion_callback
from pydantic import PrivateAttr

from assistant.generate.llm import LanguageModel


class LlamaIndexLLM(CustomLLM):
    """A completion LLM: each prompt is sent as one user turn through the chat template."""

    context_window: int = 2048
    num_output: int = 256
    model_name: str = "local"
    _model: LanguageModel = PrivateAttr()

    def __init__(self, model: LanguageModel, **kwargs: Any) -> None:
        super().__init__(model_name=model.id, **kwargs)
        self._model = model

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(
            context_window=self.context_window,
            num_output=self.num_output,
            model_name=self.model_name,
        )

    @llm_completion_callback()
    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        text = "".join(self._model.stream([{"role": "user", "content": prompt}], self.num_output))
        return CompletionResponse(text=text)

    @llm_completion_callback()
    def stream_complete(
        self, prompt: str, formatted: bool = False, **kwargs: Any
    ) -> CompletionResponseGen:
        def pieces() -> CompletionResponseGen:
            text = ""
            for piece in self._model.stream([{"role": "user", "content": prompt}], self.num_output):
                text += piece
                yield CompletionResponse(text=text, delta=piece)

        return pieces()
