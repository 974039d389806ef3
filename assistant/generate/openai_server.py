"""A model behind an OpenAI-compatible chat endpoint: vLLM, llama.cpp's server, or
`python -m llama_cpp.server`. Streams over server-sent events; every network failure
becomes a ModelUnavailableError that says what to check."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx

from assistant.errors import ModelUnavailableError
from assistant.generate.llm import LanguageModel, Messages


class OpenAICompatibleModel(LanguageModel):
    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str | None = None,
        timeout: float = 60.0,
        connect_timeout: float = 5.0,
        repeat_penalty: float = 1.1,
    ) -> None:
        self.repeat_penalty = repeat_penalty
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.id = f"openai-compatible:{model}@{self.base_url}"
        self._headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        # read: longest silence allowed between two streamed pieces
        self._timeout = httpx.Timeout(timeout, connect=connect_timeout)

    def stream(self, messages: Messages, max_tokens: int) -> Iterator[str]:
        self.generations += 1
        body = {
            "model": self.model,
            "messages": messages,
            "stream": True,
            "temperature": 0.0,
            "max_tokens": max_tokens,
            # llama.cpp's server and vLLM each name the same penalty their own way.
            "repeat_penalty": self.repeat_penalty,
            "repetition_penalty": self.repeat_penalty,
        }
        url = f"{self.base_url}/chat/completions"
        try:
            with httpx.stream(
                "POST", url, json=body, headers=self._headers, timeout=self._timeout
            ) as reply:
                if reply.status_code != 200:
                    detail = reply.read().decode("utf-8", "replace")[:300]
                    raise ModelUnavailableError(
                        f"The model server at {self.base_url} answered {reply.status_code}: "
                        f"{detail}. Check ASSISTANT_LLM_SERVER_MODEL and the server's log."
                    )
                yield from self._pieces(reply)
        except httpx.ConnectError as exc:
            raise ModelUnavailableError(
                f"Cannot reach the model server at {self.base_url} ({exc}). Start it, or check "
                "ASSISTANT_LLM_BASE_URL."
            ) from exc
        except httpx.TimeoutException as exc:
            raise ModelUnavailableError(
                f"The model server at {self.base_url} did not answer in time "
                f"({exc.__class__.__name__}). It may be overloaded; try again."
            ) from exc
        except (httpx.RemoteProtocolError, httpx.ReadError) as exc:
            raise ModelUnavailableError(
                f"The model server at {self.base_url} stopped mid-answer ({exc}). "
                "Check that it is still running."
            ) from exc

    @staticmethod
    def _pieces(reply: httpx.Response) -> Iterator[str]:
        for line in reply.iter_lines():
            if not line.startswith("data:"):
                continue
            data = line[5:].strip()
            if data == "[DONE]":
                return
            choices = json.loads(data).get("choices") or [{}]
            text = (choices[0].get("delta") or {}).get("content")
            if text:
                yield text
