"""Store CPU per job: the CPU time the engine's calls into the Store take, per job.

The same batches as bench.overhead (one fake ComfyUI in its own process, tiny "gradient" PNGs by
default) with every public `Store` method timed in the calling thread (`time.thread_time`, the
outermost call only: a method calling another counts once). As there, fixed costs cancel out:
the figure is the difference between a large and a small batch, divided by the difference in
jobs. Per method: milliseconds and calls per job, largest first.

    python -m bench.store_cpu [--small 10] [--large 40] [--look gradient]

Ends with `name: value` lines: store_ms_per_job, client_ms_per_job (the whole process, as
bench.overhead counts it) and the load.
"""

from __future__ import annotations

import functools
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from bench._common import batch_options, clocked_batches
from bench._machine import load
from studio_desktop.core.store import Store


class StoreClock:
    """CPU seconds and calls per Store method, while `timing()` is on."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: Counter[str] = Counter()
        self._inside = threading.local()

    @contextmanager
    def timing(self) -> Iterator[None]:
        originals = {
            name: value
            for name, value in vars(Store).items()
            if callable(value) and not name.startswith("_")
        }
        for name, method in originals.items():
            setattr(Store, name, self._timed(name, method))
        try:
            yield
        finally:
            for name, method in originals.items():
                setattr(Store, name, method)

    def take(self) -> tuple[dict[str, float], Counter[str]]:
        """The figures so far, and start again from zero."""
        taken = (dict(self.seconds), self.calls.copy())
        self.seconds.clear()
        self.calls.clear()
        return taken

    def _timed(self, name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(method)
        def timed(*args: Any, **kwargs: Any) -> Any:
            if getattr(self._inside, "active", False):
                return method(*args, **kwargs)  # counted in the outer call
            self._inside.active = True
            start = time.thread_time()
            try:
                return method(*args, **kwargs)
            finally:
                self.seconds[name] += time.thread_time() - start
                self.calls[name] += 1
                self._inside.active = False

        return timed


def main() -> None:
    args = batch_options(__doc__.splitlines()[0], look="gradient")
    clock = StoreClock()
    (small_s, small_n), (large_s, large_n), client_ms = clocked_batches(
        args, clock.timing(), clock.take
    )
    jobs = args.large - args.small
    per_job = {name: (large_s[name] - small_s.get(name, 0.0)) / jobs * 1000 for name in large_s}
    for name, ms in sorted(per_job.items(), key=lambda item: -item[1]):
        if ms >= 0.005:
            calls = (large_n[name] - small_n[name]) / jobs
            print(f"{name:24} {ms:6.2f} ms/job  {calls:5.2f} calls/job")
    print(f"store_ms_per_job: {sum(per_job.values()):.2f}")
    print(f"client_ms_per_job: {client_ms:.1f}")
    print(f"load: {load()}")


if __name__ == "__main__":
    main()
