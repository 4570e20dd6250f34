"""What the self-test runs, and how long it may take: no Qt, so it can be tested on its own.

The self-test must pass on any working install, including a ComfyUI on a CPU, where one
512x512 step of an SD1.5 model takes many seconds. So it runs the smallest job the model allows
(one step, no classifier-free guidance, the smallest size the model family works at), and
instead of one fixed limit it allows a fixed time until the first sampling step (queue, model
load) and, from then on, a generous multiple of the step time it measured.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

# SD 1.x checkpoints (ComfyUI's own "v1-5-pruned-emaonly", "random_sd15", "sd-1.5-..."): their
# UNet works on any multiple of 64 pixels, and ComfyUI ran them at 64x64 in our traces.
_SD1_CLASS: Final = re.compile(r"(sd|v)[-_ .]?1[-_ .]?[45](?![0-9])", re.IGNORECASE)
SD1_SIDE: Final = 64
# A family we cannot tell from the file name: small, yet large enough for any of them.
UNKNOWN_SIDE: Final = 256

STEP_TIME_MULTIPLE: Final = 5.0  # a busy server may slow down this much after the first step
MARGIN_S: Final = 30.0  # decoding and saving, on top of the measured times


def is_sd1_class(checkpoint: str) -> bool:
    return _SD1_CLASS.search(checkpoint) is not None


def pick_checkpoint(checkpoints: Sequence[str]) -> str:
    """The checkpoint that gives the cheapest job: an SD 1.x one when the server has one."""
    return next((c for c in checkpoints if is_sd1_class(c)), checkpoints[0])


def smallest_side(checkpoint: str) -> int:
    """Width and height (pixels) of the smallest image worth asking `checkpoint` for."""
    return SD1_SIDE if is_sd1_class(checkpoint) else UNKNOWN_SIDE


@dataclass
class TimeLimit:
    """When the job should have ended, from what its run has shown so far (monotonic times).

    Until the first progress event the job has `first_step_s` from `queued_at`. After it,
    the limit is: now + multiple x remaining steps x seconds per step, plus the time the first
    step took to come (queue wait and model load: about what decoding and saving may need on
    the same machine), plus a fixed margin.
    """

    first_step_s: float
    queued_at: float
    multiple: float = STEP_TIME_MULTIPLE
    margin_s: float = MARGIN_S
    deadline: float = field(init=False)
    _first: tuple[float, int] | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.deadline = self.queued_at + self.first_step_s

    @property
    def stepping(self) -> bool:
        """True once a progress event arrived (the limit is scaled from then on)."""
        return self._first is not None

    def progress(self, value: int, maximum: int, now: float) -> None:
        if self._first is None:
            self._first = (now, value)
        first_at, first_value = self._first
        wait_s = first_at - self.queued_at
        if value > first_value:
            per_step = (now - first_at) / (value - first_value)
        else:
            # Only the first event so far: its wait holds the load and `value` steps, so it
            # is an upper bound of one step's time.
            per_step = wait_s / max(value, 1)
        remaining = max(maximum - value, 0)
        self.deadline = now + self.multiple * remaining * per_step + wait_s + self.margin_s
