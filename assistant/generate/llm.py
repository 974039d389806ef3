"""Language models behind one small interface: stream text for chat messages."""

from __future__ import annotations

import subprocess
import sys
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from assistant.errors import ModelUnavailableError
from assistant.generate.first_choice import FirstChoice

Messages = list[dict[str, str]]


class LanguageModel(ABC):
    """`id` names the model; `file_hash` pins the exact weights (empty for servers)."""

    id: str
    file_hash: str = ""
    generations: int = 0  # how many answers this process asked of the model

    @property
    def loaded(self) -> bool:
        """False while the first answer would still have to load weights."""
        return True

    def load(self) -> None:  # noqa: B027 - optional hook; servers have nothing to load
        """Load now rather than on the first answer."""

    @abstractmethod
    def stream(self, messages: Messages, max_tokens: int) -> Iterator[str]:
        """Yield the answer's text piece by piece (greedy decoding: reproducible)."""

    takes_grammar = False  # True where decoding can be held to a GBNF grammar

    def stream_constrained(
        self, messages: Messages, max_tokens: int, grammar: str, quotes: Sequence[str] = ()
    ) -> Iterator[str]:
        """As `stream`, held to `grammar` where the backend can; otherwise unconstrained
        (callers check `takes_grammar` and say which happened). `quotes`: the phrases the
        answer is to quote; where the backend can, a phrase the model starts to copy
        outside 「」 is opened as a quote (generate/first_choice.py)."""
        return self.stream(messages, max_tokens)


_LOADED: dict[Path, Any] = {}
_LOAD_LOCK = threading.Lock()

_SELF_TEST = (
    "import sys; from llama_cpp import Llama; "
    "m = Llama(model_path=sys.argv[1], n_ctx=64, n_batch=16, verbose=False); "
    "m.eval(m.tokenize(b'hello world, a batch of tokens'))"
)
REBUILD_HINT = (
    'CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON" '
    "pip install --force-reinstall --no-deps --no-cache-dir llama-cpp-python"
)


def check_llama_cpp(path: Path, marker_dir: Path) -> None:
    """Run one batched evaluation in a child process before loading in-process.

    llama.cpp built with -march=native on a CPU that reports AMX crashes (SIGSEGV) on
    batched prompts in VMs that do not enable AMX; a crash here is a message, not a
    dead server. The result is remembered per llama-cpp-python version.
    """
    import llama_cpp

    marker = marker_dir / f"llama-cpp-ok-{llama_cpp.__version__}"
    if marker.exists():
        return
    result = subprocess.run(
        [sys.executable, "-c", _SELF_TEST, str(path)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise ModelUnavailableError(
            f"llama-cpp-python crashed on a test prompt (exit {result.returncode}). "
            "It was probably built for CPU features this machine cannot use. "
            f"Rebuild it: {REBUILD_HINT}"
        )
    marker_dir.mkdir(parents=True, exist_ok=True)
    marker.touch()


class LlamaCppModel(LanguageModel):
    """A GGUF model run in-process by llama-cpp-python; loaded once per process.

    A llama.cpp context is not thread-safe, so generations are serialised by a lock.
    """

    def __init__(
        self,
        path: Path,
        file_hash: str,
        threads: int = 2,
        context: int = 2048,
        repeat_penalty: float = 1.1,
    ) -> None:
        self.path = path
        self.repeat_penalty = repeat_penalty
        self.id = path.name
        self.file_hash = file_hash
        self.threads = threads
        self.context = context
        self._lock = threading.Lock()

    def _model(self) -> Any:
        with _LOAD_LOCK:
            if self.path not in _LOADED:
                try:
                    from llama_cpp import Llama
                except ImportError as exc:
                    raise ModelUnavailableError(
                        "llama-cpp-python is not installed: pip install -e . "
                        "(it compiles llama.cpp)"
                    ) from exc
                check_llama_cpp(self.path, self.path.parent)
                _LOADED[self.path] = Llama(
                    model_path=str(self.path),
                    n_ctx=self.context,
                    n_threads=self.threads,
                    n_batch=512,
                    verbose=False,
                )
            return _LOADED[self.path]

    def load(self) -> None:
        self._model()

    @property
    def loaded(self) -> bool:
        return self.path in _LOADED

    takes_grammar = True

    def stream(self, messages: Messages, max_tokens: int) -> Iterator[str]:
        return self._generate(messages, max_tokens, None)

    def stream_constrained(
        self, messages: Messages, max_tokens: int, grammar: str, quotes: Sequence[str] = ()
    ) -> Iterator[str]:
        return self._generate(messages, max_tokens, grammar, quotes)

    def _generate(
        self,
        messages: Messages,
        max_tokens: int,
        grammar: str | None,
        quotes: Sequence[str] = (),
    ) -> Iterator[str]:
        model = self._model()
        extra: dict[str, Any] = {"repeat_penalty": self.repeat_penalty}
        checker = None
        if grammar is not None:
            # Greedy decoding checks the model's first choice against the grammar, and
            # the whole vocabulary only when that choice breaks it (generate/first_choice.py).
            from llama_cpp import LogitsProcessorList

            checker = FirstChoice(model, grammar, self.repeat_penalty, quotes)
            extra = {"repeat_penalty": 1.0, "logits_processor": LogitsProcessorList([checker])}
        with self._lock:
            self.generations += 1
            try:
                chunks = model.create_chat_completion(
                    messages=messages, stream=True, temperature=0.0, max_tokens=max_tokens, **extra
                )
                for chunk in chunks:
                    text = chunk["choices"][0]["delta"].get("content")
                    if text:
                        yield text
            finally:
                if checker is not None:
                    checker.close()
