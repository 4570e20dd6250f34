"""The command line's options and argument types: cheap to import, so `--help` and a typo
answer at once (the commands themselves, with the store and the HTTP client, load only when one
runs).

Each argument type turns what was typed into a value or says, in one line, what is wrong
(argparse prints it as `error: argument --x: ...` and exits with 2).
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable
from dataclasses import dataclass

from studio_desktop.core.jobs import SEED_MAX, HiresFix, LoraChoice
from studio_desktop.core.settings import MAX_PIPELINE_DEPTH
from studio_desktop.core.urls import DEFAULT_SERVER, check_auth_header, normalize_base_url

MAX_BATCH_SIZE = 64  # EmptyLatentImage's and RepeatLatentBatch's maximum
MAX_COUNT = 1000  # jobs one `generate` queues (run it again for more)
MAX_JOBS_LIMIT = 100_000  # rows `jobs` lists at most
RANDOM_SEED = -1  # `--seed -1`: pick one at random, as with no --seed
DEFAULT_WAIT_S = 300.0  # longer than a ComfyUI restart that reloads its models


def server_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--server",
        action="append",
        type=server_url,
        default=None,
        help="ComfyUI URL; repeat for several "
        f"(default: the registered servers, else {DEFAULT_SERVER})",
    )
    parser.add_argument(
        "--auth", type=auth_header, default=None, help="Authorization header value for --server"
    )
    parser.add_argument(
        "--pipeline-depth",
        type=bounded(1, MAX_PIPELINE_DEPTH),
        default=2,
        help=f"prompts kept queued per server (1 to {MAX_PIPELINE_DEPTH}, default 2)",
    )


def common_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", default=None, help="data folder (default: per-user)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("-v", "--verbose", action="store_true", help="log to the console too")


def positive(text: str) -> int:
    value = _whole_number(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def bounded(low: int, high: int) -> Callable[[str], int]:
    """A whole number from `low` to `high`."""

    def parse(text: str) -> int:
        value = _whole_number(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be {low} to {high}, not {_shown(text)}")
        return value

    return parse


def seed(text: str) -> int:
    """0 to SEED_MAX, or RANDOM_SEED."""
    value = _whole_number(text)
    if value != RANDOM_SEED and not 0 <= value <= SEED_MAX:
        raise argparse.ArgumentTypeError(
            f"must be 0 to {SEED_MAX}, or {RANDOM_SEED} for a random seed, not {_shown(text)}"
        )
    return value


def seconds(text: str) -> float:
    """A wait: 0 or more seconds (0: do not wait)."""
    value = _seconds(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more seconds, not {_shown(text)}")
    return value


def positive_seconds(text: str) -> float:
    """A time limit: more than 0 seconds."""
    value = _seconds(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0 seconds, not {_shown(text)}")
    return value


def _seconds(text: str) -> float:
    try:
        return finite(text)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {_shown(text)}") from None


def finite(text: str) -> float:
    """A number that JSON (so ComfyUI) can carry: not NaN, not infinite."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number, not {_shown(text)!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"must be a finite number, not {_shown(text)}")
    return value


def server_url(text: str) -> str:
    try:
        return normalize_base_url(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def auth_header(text: str) -> str | None:
    try:
        return check_auth_header(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


# CLIPSetLastLayer takes -1 .. -24; the CLI's --clip-skip N is A1111's "clip skip" (1: none).
MAX_CLIP_SKIP = 24
MAX_HIRES_SCALE = 8.0  # LatentUpscaleBy's and ImageScaleBy's maximum


def lora(text: str) -> LoraChoice:
    """`--lora NAME[:MODEL_STRENGTH[:CLIP_STRENGTH]]`: the clip strength defaults to the
    model's. A name holding ':' (a Windows drive) keeps everything before the numbers."""
    parts = text.split(":")
    numbers: list[float] = []
    while len(parts) > 1 and len(numbers) < 2 and _is_number(parts[-1]):
        numbers.insert(0, finite(parts.pop()))
    name = ":".join(parts).strip()
    if not name:
        raise argparse.ArgumentTypeError(
            f"use NAME[:MODEL_STRENGTH[:CLIP_STRENGTH]] (e.g. detail.safetensors:0.8), "
            f"not {_shown(text)!r}"
        )
    model = numbers[0] if numbers else 1.0
    clip = numbers[1] if len(numbers) > 1 else model
    return LoraChoice(name, model, clip)


def clip_skip(text: str) -> int:
    return bounded(1, MAX_CLIP_SKIP)(text)


def hires(text: str) -> HiresFix:
    """`--hires SCALE[:DENOISE]`: a latent second pass (denoise 0.5 unless given)."""
    scale_text, _, denoise_text = text.partition(":")
    try:
        scale = finite(scale_text)
        denoise = finite(denoise_text) if denoise_text else 0.5
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(
            f"use SCALE[:DENOISE] (e.g. 1.5:0.45), not {_shown(text)!r}"
        ) from None
    if not 1.0 <= scale <= MAX_HIRES_SCALE:
        raise argparse.ArgumentTypeError(
            f"the scale must be 1 to {MAX_HIRES_SCALE:g}, not {_shown(scale_text)}"
        )
    if not 0.0 < denoise <= 1.0:
        raise argparse.ArgumentTypeError(
            f"the denoise must be more than 0 and at most 1, not {_shown(denoise_text)}"
        )
    return HiresFix(scale=scale, denoise=denoise)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {_shown(text)!r}") from None


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "…"


def wait_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--wait",
        type=seconds,
        default=DEFAULT_WAIT_S,
        metavar="SECONDS",
        help="how long to wait for a server that went away to come back before giving up, "
        f"keeping the jobs for `resume` (default {DEFAULT_WAIT_S:.0f}; 0: give up at once)",
    )


@dataclass(frozen=True)
class SlotImage:
    """One `--image SLOT=PATH` as typed: SLOT is a slot id or label, not yet looked up."""

    slot: str
    path: str


def slot_image(text: str) -> SlotImage:
    """The argparse type of `--image`."""
    slot, sep, path = text.partition("=")
    if not sep or not slot.strip() or not path:
        raise argparse.ArgumentTypeError(
            f"use SLOT=PATH (e.g. --image source=photo.png), not {text!r}; "
            "--input PATH fills the template's first image slot"
        )
    return SlotImage(slot.strip(), path)
