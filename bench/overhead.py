"""Overhead: CPU time the app spends per job, against the Pillow floor of the same images.

The fake ComfyUI runs in its own process, so only our process's CPU time is counted. Fixed costs
(start-up, connecting) cancel out: the client's figure is the difference between a large and a
small batch, divided by the difference in jobs. Two floors are measured in this run, in this
process, on the same PNG bytes:
- the Pillow floor: Pillow decoding the PNG and making the same thumbnail, what a client built
  on Pillow cannot avoid (total_vs_floor is the client against it);
- the library's image work: the same checks, decode and thumbnail as the library does them
  (imaging.opened_image and thumbnail_jpeg; 8-bit RGB(A) PNGs are decoded by FFmpeg,
  png_pixels.py), in a loop on the same bytes.
The library's image work is also timed where it runs during the batches (the CPU time of the
threads inside files._inspect_image: the header checks, verify, decode and thumbnail of every
output). In the pipeline it cost 0.3-1.9 ms more per photo than in the loop (medians of runs:
17.0-18.5 against 16.6-16.8 ms; another thread and the fake's process share the two cores and
their caches).
fixed_ms_per_job is the client minus that in-situ image work: everything but the image work.
The client minus the loop's figure is printed beside it (fixed_vs_loop_ms_*). Against the
Pillow floor it would be negative for photos, since FFmpeg decodes them faster.

Two looks: "photo" (the realistic case: ~1.5 MiB PNGs at ComfyUI's compression level, decoding
dominates) and "gradient" (a few KiB: what is left is almost all fixed cost).

    python -m bench.overhead [--small 10] [--large 40] [--pairs 5] [--size 1024]

The floor is measured again right before each pair of batches, and fixed_ms_per_job and
total_vs_floor are medians of the per-pair figures: on a shared VM the host's speed drifts
within minutes (the photo floor measured 34.9 to 38.5 ms before the pairs of one run), and a
floor measured once, before all pairs, moved the difference with it. Five pairs: the client's
figure moves by +-1 ms between pairs (photo: 20.4-24.2 ms in one session), and a median of
three let one slow stretch of the host decide a run.

Ends with `name: value` lines: fixed_ms_per_job (client minus the library's image work as it ran
in the batches, photo look, median of the pairs), total_vs_floor (client / Pillow floor, photo
look, median of the pairs), and the figures they come from.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from PIL import Image

from bench._common import fake_servers, run_batch_measured
from bench._machine import load
from studio_desktop.core.library import files

# The floor makes the same thumbnail as the library.
from studio_desktop.core.library.imaging import THUMB_SIZE as THUMB
from studio_desktop.core.library.imaging import opened_image, thumbnail_jpeg
from tests.fakes.comfy_images import GRAIN_PHOTO, PALETTES, Look, png_bytes


@dataclass(frozen=True)
class Pair:
    """One pair of batches: the client's CPU ms per job and both floors, measured side by side."""

    client: float
    pillow: float
    library: float
    in_situ: float  # the library's image work as it ran in the batches, ms per job
    images: int  # outputs whose image work was timed in the two batches


class InSituImageWork:
    """CPU seconds the threads spend in files._inspect_image (an output's checks, decode and
    thumbnail: the library's image work) while `timing()` is on."""

    def __init__(self) -> None:
        self._seconds: list[float] = []  # list.append is atomic: the savers' threads share it

    @contextmanager
    def timing(self) -> Iterator[None]:
        original = files._inspect_image

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.thread_time()
            try:
                return original(*args, **kwargs)
            finally:
                self._seconds.append(time.thread_time() - start)

        files._inspect_image = timed
        try:
            yield
        finally:
            files._inspect_image = original

    def take(self) -> tuple[float, int]:
        """The seconds and the number of images so far, and start again from zero."""
        taken = self._seconds
        self._seconds = []
        return sum(taken), len(taken)


def client_ms_per_job(
    size: int, look: str, small: int, large: int, pairs: int, grain: int
) -> list[Pair]:
    """Each pair of batches (a small and a large one) on one fake. The floors are measured right
    before their pair, so a host that speeds up or slows down during the run (a shared VM) moves
    the figures of a pair alike."""
    figures: list[Pair] = []
    image_work = InSituImageWork()
    fakes = fake_servers(1, steps=2, step_seconds=0.01, size=(size, size), look=look)
    with fakes as urls, image_work.timing():
        run_batch_measured(urls, 3, first_seed=10_000_000)  # warm-up: imports, first encodes
        for pair in range(pairs):
            pillow = floor_ms(pillow_thumbnail, size, grain)
            library = floor_ms(library_thumbnail, size, grain)
            # New seeds for every batch: the fake, like ComfyUI, answers a repeat from its cache.
            seed = pair * (small + large)
            image_work.take()
            _, cpu_small = run_batch_measured(urls, small, first_seed=seed)
            in_small, images_small = image_work.take()
            _, cpu_large = run_batch_measured(urls, large, first_seed=seed + small)
            in_large, images_large = image_work.take()
            client = (cpu_large - cpu_small) / (large - small) * 1000
            in_situ = (in_large - in_small) / (large - small) * 1000
            figures.append(Pair(client, pillow, library, in_situ, images_small + images_large))
    return figures


def pillow_thumbnail(data: bytes) -> None:
    """Open, decode and thumbnail (JPEG) in Pillow alone."""
    with Image.open(io.BytesIO(data)) as im:
        im.thumbnail((THUMB, THUMB), Image.Resampling.BILINEAR, reducing_gap=1.0)
        out = io.BytesIO()
        im.convert("RGB").save(out, "JPEG", quality=85)


def library_thumbnail(data: bytes) -> None:
    """The image work of saving an output, as the library does it (files._inspect_image)."""
    with opened_image(data, "bench") as im:
        thumbnail_jpeg(im, held=len(data), source=data)


def floor_ms(make: Callable[[bytes], None], size: int, grain: int, rounds: int = 1) -> float:
    """Median CPU ms of `make` on the fake's PNGs."""
    # The same pictures the fake serves: 16 gradients, or its one photo-like picture.
    looks = [Look(grain=grain)] * PALETTES if grain else [Look(palette=p) for p in range(PALETTES)]
    images = [png_bytes((size, size), look) for look in looks]
    times: list[float] = []
    for _ in range(rounds):
        for data in images:
            start = time.process_time()
            make(data)
            times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=10)
    parser.add_argument("--large", type=int, default=40)
    parser.add_argument("--pairs", type=int, default=5, help="pairs of batches; median is used")
    parser.add_argument("--size", type=int, default=1024)
    args = parser.parse_args()
    size = args.size
    figures: dict[str, float] = {}
    for look, grain in (("gradient", 0), ("photo", GRAIN_PHOTO)):
        pairs = client_ms_per_job(size, look, args.small, args.large, max(1, args.pairs), grain)
        client = statistics.median(p.client for p in pairs)
        floor = statistics.median(p.pillow for p in pairs)
        library = statistics.median(p.library for p in pairs)
        in_situ = statistics.median(p.in_situ for p in pairs)
        png_kib = len(png_bytes((size, size), Look(grain=grain))) / 1024
        spread = ", ".join(
            f"{p.client:.1f}/{p.pillow:.1f}/{p.library:.1f}/{p.in_situ:.1f}" for p in pairs
        )
        print(
            f"{look} {size}x{size} ({png_kib:.0f} KiB PNG): client {client:.1f} ms/job, "
            f"Pillow floor {floor:.1f} ms, library image work {library:.1f} ms in a loop, "
            f"{in_situ:.1f} ms in the batches (each pair, client/Pillow/loop/batches: {spread}; "
            f"load {load()})"
        )
        figures[f"client_ms_per_job_{look}"] = client
        figures[f"floor_ms_{look}"] = floor
        figures[f"image_work_ms_{look}"] = library
        figures[f"image_work_in_situ_ms_{look}"] = in_situ
        # Per pair, then the median: the figures of a pair were measured side by side.
        figures[f"fixed_ms_{look}"] = statistics.median(p.client - p.in_situ for p in pairs)
        figures[f"fixed_vs_loop_ms_{look}"] = statistics.median(p.client - p.library for p in pairs)
        figures[f"images_timed_{look}"] = sum(p.images for p in pairs)
        figures[f"ratio_{look}"] = statistics.median(p.client / p.pillow for p in pairs)
    print(
        "targets: fixed_ms_per_job <= 5 (client - image work in the batches), "
        "total_vs_floor <= 1.15 (client / Pillow floor), photo look"
    )
    for name, value in figures.items():
        if name.startswith("images"):
            print(f"{name}: {value:.0f}")
        else:
            print(f"{name}: {value:.2f}" if name.startswith("ratio") else f"{name}: {value:.1f}")
    print(f"fixed_ms_per_job: {figures['fixed_ms_photo']:.1f}")
    print(f"total_vs_floor: {figures['ratio_photo']:.2f}")
    print(f"load: {load()}")


if __name__ == "__main__":
    main()
