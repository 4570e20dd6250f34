"""Shared benchmark plumbing: fake ComfyUI servers in their own processes, and a batch runner."""

from __future__ import annotations

import argparse
import contextlib
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TypeVar

import requests

from studio_desktop.core.context import AppContext
from studio_desktop.core.engine import (
    Dispatcher,
    EngineConfig,
    EngineEvent,
    JobStateChanged,
)
from studio_desktop.core.jobs import GenerationParams, JobStatus, NewJob
from studio_desktop.core.servers import ServerConfig

REPO = Path(__file__).resolve().parents[1]
T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def fake_servers(
    count: int,
    *,
    steps: int,
    step_seconds: float,
    size: tuple[int, int],
    look: str = "gradient",
    module: str = "tests.fakes.comfy_server",
) -> Iterator[list[str]]:
    """Start `count` fake ComfyUI processes (`python -m module`); yield their URLs.

    `look`: "gradient" (tiny PNGs) or "photo" (as large and slow to decode as real outputs)."""
    procs: list[subprocess.Popen[bytes]] = []
    urls: list[str] = []
    try:
        for _ in range(count):
            port = free_port()
            procs.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        module,
                        "--port",
                        str(port),
                        "--steps",
                        str(steps),
                        "--step-seconds",
                        str(step_seconds),
                        "--output-size",
                        f"{size[0]}x{size[1]}",
                        "--output-look",
                        look,
                    ],
                    cwd=REPO,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
            urls.append(f"http://127.0.0.1:{port}")
        for url in urls:
            _wait_up(url)
        yield urls
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=10)


def _wait_up(url: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            requests.get(f"{url}/system_stats", timeout=1).raise_for_status()
            return
        except requests.RequestException:
            time.sleep(0.1)
    raise RuntimeError(f"fake server at {url} did not start")


def checkpoint(url: str) -> str:
    info = requests.get(f"{url}/object_info/CheckpointLoaderSimple", timeout=5).json()
    return str(info["CheckpointLoaderSimple"]["input"]["required"]["ckpt_name"][0][0])


def run_batch(urls: list[str], jobs: int, *, pipeline_depth: int = 2, first_seed: int = 0) -> float:
    """Queue `jobs` txt2img jobs on a fresh data folder, run them through the Dispatcher,
    return the wall time from queueing to the last job recorded."""
    return run_batch_measured(urls, jobs, pipeline_depth=pipeline_depth, first_seed=first_seed)[0]


def run_batch_measured(
    urls: list[str], jobs: int, *, pipeline_depth: int = 2, first_seed: int = 0
) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) from queueing to the last job recorded.

    `first_seed` keeps batches on the same fakes apart: the fake caches outputs by input
    signature like ComfyUI, so repeating a seed would make a job finish at once."""
    model = checkpoint(urls[0])
    with tempfile.TemporaryDirectory(prefix="studio-bench-") as data_dir:
        ctx = AppContext.open(data_dir)
        done = threading.Event()
        finished: set[str] = set()

        def listener(event: EngineEvent) -> None:
            if isinstance(event, JobStateChanged) and event.job.status.is_final:
                finished.add(event.job.id)
                if len(finished) >= jobs:
                    done.set()

        config = EngineConfig(event_poll_s=0.05)
        servers = [ServerConfig(url, pipeline_depth=pipeline_depth) for url in urls]
        dispatcher = Dispatcher(
            ctx.store, ctx.library, ctx.templates, servers, listener=listener, config=config
        )
        dispatcher.start()
        # Let every loop connect first: connecting is start-up, not per-job cost.
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and any(
            s.state.value != "connected" for s in dispatcher.statuses()
        ):
            time.sleep(0.02)
        new = [
            NewJob(
                "txt2img", GenerationParams(prompt=f"bench {i}", seed=first_seed + i, model=model)
            )
            for i in range(jobs)
        ]
        start = time.perf_counter()
        cpu_start = time.process_time()
        dispatcher.enqueue(new)
        if not done.wait(timeout=600):
            raise RuntimeError("batch did not finish")
        elapsed = time.perf_counter() - start
        cpu = time.process_time() - cpu_start
        dispatcher.shutdown()
        completed = ctx.store.count_by_status().get(JobStatus.COMPLETED, 0)
        ctx.close()
        if completed != jobs:
            raise RuntimeError(f"only {completed} of {jobs} jobs completed")
        return elapsed, cpu


def batch_options(description: str, *, look: str) -> argparse.Namespace:
    """--small, --large (jobs in the two batches), --size and --look (default `look`)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--small", type=int, default=10)
    parser.add_argument("--large", type=int, default=40)
    parser.add_argument("--size", type=int, default=1024)
    parser.add_argument("--look", default=look, choices=("gradient", "photo"))
    return parser.parse_args()


def clocked_batches(
    options: argparse.Namespace, timing: AbstractContextManager[None], take: Callable[[], T]
) -> tuple[T, T, float]:
    """A warm-up, then a small and a large batch (`options`) on one fake ComfyUI, with
    `timing` on: what `take()` gave after each of the two, and the process's CPU ms per job
    (the difference of the batches over the difference in jobs, as bench.overhead counts)."""
    size = (options.size, options.size)
    with fake_servers(1, steps=2, step_seconds=0.01, size=size, look=options.look) as urls, timing:
        run_batch_measured(urls, 3, first_seed=10_000_000)  # warm-up: imports, first encodes
        take()
        _, cpu_small = run_batch_measured(urls, options.small)
        small = take()
        _, cpu_large = run_batch_measured(urls, options.large, first_seed=options.small)
        large = take()
    return small, large, (cpu_large - cpu_small) / (options.large - options.small) * 1000
