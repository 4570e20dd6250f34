"""CPU per job by part of the client: where bench.overhead's fixed cost goes.

The same batches as bench.overhead (one fake ComfyUI in its own process); the functions of each
part below are timed in the calling thread (`time.thread_time`), each counting only its own
time: a timed function called inside another timed one is taken out of the outer one's part.
So the parts add up to (almost) the whole process, and "engine: ..." is what the engine's own
code costs around the calls it makes. As in bench.overhead, fixed costs cancel out: the figure
is the difference between a large and a small batch, divided by the difference in jobs.

    python -m bench.cpu_parts [--small 10] [--large 40] [--look photo]

Ends with `name: value` lines: parts_ms_per_job (their sum), client_ms_per_job (the whole
process, as bench.overhead counts it) and the load.
"""

from __future__ import annotations

import functools
import importlib
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from bench._common import batch_options, clocked_batches
from bench._machine import load

# part -> functions ("module:Class.method", "module:function"; "Class.*": every method it
# defines). A module-level function is also replaced where a module imported it by name.
PARTS: dict[str, tuple[str, ...]] = {
    "thumbnail (the floor)": ("studio_desktop.core.library.imaging:thumbnail_jpeg",),
    "store": ("studio_desktop.core.store.store:Store.*",),
    "network client": ("studio_desktop.core.engine.server:HttpComfyServer.*",),
    "staging": ("studio_desktop.core.library.staging:Staging.*",),
    "PNG verify (Pillow)": ("PIL.PngImagePlugin:PngImageFile.verify",),
    "PNG text chunks": (
        "studio_desktop.core.library.imaging:add_png_text",
        "studio_desktop.core.library.imaging:read_png_text",
        "studio_desktop.core.library.imaging:sniff_kind",
    ),
    "engine: bind + UI workflow": (
        "studio_desktop.core.workflows.bind:bind",
        "studio_desktop.core.engine.steps:extra_data",
    ),
    "engine: save_output": ("studio_desktop.core.library.files:OutputLibrary.save_output",),
    "engine: stored paths": (
        "studio_desktop.core.paths:DataPaths.relative",
        "studio_desktop.core.paths:DataPaths.stored",
    ),
    "engine: submit, collect": (
        "studio_desktop.core.engine.steps:submit",
        "studio_desktop.core.engine.steps:collect",
        "studio_desktop.core.engine.driver:ServerDriver._collect",
    ),
    "engine: state machine": ("studio_desktop.core.engine.machine:ServerMachine.handle",),
    "engine: driver loop": (
        "studio_desktop.core.engine.driver:ServerDriver._feed",
        "studio_desktop.core.engine.driver:ServerDriver._listen",
        "studio_desktop.core.engine.driver:ServerDriver._read_pending_events",
        "studio_desktop.core.engine.driver:ServerDriver._drain_inbox",
        "studio_desktop.core.engine.driver:ServerDriver._update_busy",
    ),
    "engine: events to the listener": ("studio_desktop.core.engine.driver:ServerDriver._emit",),
    "enqueue": ("studio_desktop.core.engine.dispatcher:Dispatcher.enqueue",),
}


class PartClock:
    """Own CPU seconds per part while `timing()` is on."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self._inner = threading.local()  # per thread: time of timed calls inside the open ones

    @contextmanager
    def timing(self) -> Iterator[None]:
        undo: list[Callable[[], None]] = []
        for part, targets in PARTS.items():
            for target in targets:
                undo += self._patch(part, target)
        try:
            yield
        finally:
            for step in reversed(undo):
                step()

    def take(self) -> dict[str, float]:
        taken = dict(self.seconds)
        self.seconds.clear()
        return taken

    def _patch(self, part: str, target: str) -> list[Callable[[], None]]:
        module_name, qualname = target.split(":")
        module = importlib.import_module(module_name)
        *owner_path, name = qualname.split(".")
        owner: Any = module
        for attribute in owner_path:
            owner = getattr(owner, attribute)
        names = [n for n, v in vars(owner).items() if _plain(n, v)] if name == "*" else [name]
        undo: list[Callable[[], None]] = []
        for each in names:
            original = vars(owner)[each]
            timed = self._timed(part, original)
            holders = [owner]
            if not owner_path:  # a function: also where it was imported by name
                holders += [m for m in _modules() if getattr(m, each, None) is original]
            for holder in holders:
                setattr(holder, each, timed)
                undo.append(functools.partial(setattr, holder, each, original))
        return undo

    def _timed(self, part: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            stack: list[float] = self._inner.__dict__.setdefault("stack", [])
            start = time.thread_time()
            stack.append(0.0)
            try:
                return function(*args, **kwargs)
            finally:
                spent = time.thread_time() - start
                self.seconds[part] += spent - stack.pop()
                if stack:
                    stack[-1] += spent

        return timed


def _plain(name: str, value: Any) -> bool:
    """A method of the class's own, called through an instance (what the wrapper can stand in
    for): not a dunder, a nested class, a static or class method."""
    if name.startswith("__") or isinstance(value, type | staticmethod | classmethod):
        return False
    return callable(value)


def _modules() -> list[Any]:
    return [m for m in list(sys.modules.values()) if m is not None]


def main() -> None:
    args = batch_options(__doc__.splitlines()[0], look="photo")
    clock = PartClock()
    small, large, client_ms = clocked_batches(args, clock.timing(), clock.take)
    jobs = args.large - args.small
    per_job = {part: (large[part] - small.get(part, 0.0)) / jobs * 1000 for part in large}
    for part, ms in sorted(per_job.items(), key=lambda item: -item[1]):
        print(f"{part:32} {ms:6.2f} ms/job")
    print(f"parts_ms_per_job: {sum(per_job.values()):.1f}")
    print(f"client_ms_per_job: {client_ms:.1f}")
    print(f"load: {load()}")


if __name__ == "__main__":
    main()
