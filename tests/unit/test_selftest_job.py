"""The self-test's job size and its time limit (pure parts of `--self-test`)."""

from __future__ import annotations

import pytest

from studio_desktop.selftest_job import (
    MARGIN_S,
    TimeLimit,
    pick_checkpoint,
    smallest_side,
)


@pytest.mark.parametrize(
    ("name", "side"),
    [
        ("v1-5-pruned-emaonly-fp16.safetensors", 64),
        ("random_sd15.safetensors", 64),
        ("SD1.5/dreamy.ckpt", 64),
        ("sd_xl_base_1.0.safetensors", 256),
        ("flux1-schnell-fp8.safetensors", 256),
        ("DreamShaper_8_pruned.safetensors", 256),  # SD 1.5 in fact, but the name does not say
        ("sd150_custom.safetensors", 256),
    ],
)
def test_smallest_side_by_family(name: str, side: int) -> None:
    assert smallest_side(name) == side


def test_sd1_checkpoint_is_preferred() -> None:
    assert pick_checkpoint(["sd_xl_base_1.0.safetensors", "v1-5-pruned.ckpt"]) == "v1-5-pruned.ckpt"
    assert pick_checkpoint(["b.safetensors", "a.safetensors"]) == "b.safetensors"


def test_limit_until_the_first_step_is_fixed() -> None:
    limit = TimeLimit(first_step_s=20.0, queued_at=100.0)
    assert limit.deadline == 120.0 and not limit.stepping


def test_limit_scales_with_the_measured_step_time() -> None:
    limit = TimeLimit(first_step_s=20.0, queued_at=100.0, multiple=5.0)
    limit.progress(1, 10, now=110.0)  # 10 s to the first step: load + one step
    assert limit.stepping
    assert limit.deadline == 110.0 + 5 * 9 * 10.0 + 10.0 + MARGIN_S
    limit.progress(3, 10, now=116.0)  # 3 s a step
    assert limit.deadline == 116.0 + 5 * 7 * 3.0 + 10.0 + MARGIN_S


def test_after_the_last_step_there_is_time_to_decode_and_save() -> None:
    limit = TimeLimit(first_step_s=20.0, queued_at=0.0)
    limit.progress(1, 1, now=50.0)  # one step, after a slow model load
    assert limit.deadline == 50.0 + 50.0 + MARGIN_S
