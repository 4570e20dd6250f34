"""The one way to run work off the GUI thread and hand the result back to it.

Every background read, decode, probe or export in the window goes through `Tasks.run`: it runs
`fn` on a named pool (each concern its own, sized for it, as picard does), and delivers
`done(result)` or `failed(exc)` on the GUI thread, but only if

- the owner widget still exists (a task that finishes after its widget was deleted is dropped:
  no "Internal C++ object already deleted"), and
- no newer task with the same `(owner, key)` was started since (a newer request replaces an
  older one: the last template picked wins, not the slowest).

Workers never touch widgets and never emit Qt signals: they put the outcome on a thread-safe
queue; a GUI-thread timer drains it (the same shape as the worker pool's event bridge).
`shutdown()` is the single place that stops every pool and waits for them.

A long task (an export, a thumbnail worker serving many requests) uses `run_reporting`: its
function gets a `Reporter` to send values back while it runs (delivered to `progress` under the
same owner and newest-request checks) and to see whether it was cancelled.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import weakref
from collections.abc import Callable
from concurrent import futures
from dataclasses import dataclass, field
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QTimer

log = logging.getLogger("studio.workers")

T = TypeVar("T")

DRAIN_MS = 15

# Named pools and their sizes. Decoding is CPU-bound (Pillow releases the GIL while it decodes);
# reads are short SQL; probes wait on the network; export writes big files one at a time.
POOL_SIZES: dict[str, int] = {
    "read": 2,
    "decode": 2,
    "thumbnails": 2,
    "network": 4,
    "export": 1,
    "housekeeping": 1,
    "downloads": 2,  # model files (minutes each): kept off "network", which fetches lists
    "managed": 2,  # the managed ComfyUI: a start (blocks until it answers) and a stop
    "settings": 1,  # settings.json saved as the user works: small files, in order
}


_DONE, _FAILED, _PROGRESS = "done", "failed", "progress"

_OPEN: weakref.WeakSet[Tasks] = weakref.WeakSet()


def open_tasks() -> list[Tasks]:
    """Every Tasks not shut down yet (for the tests' leak checks)."""
    return [t for t in list(_OPEN) if not t.closed]


@dataclass
class _Pending:
    owner: weakref.ReferenceType[QObject] | None
    key: tuple[int, str] | None
    done: Callable[[Any], None] | None
    failed: Callable[[Exception], None] | None
    progress: Callable[[Any], None] | None = None
    cancelled: threading.Event = field(default_factory=threading.Event)


class Reporter:
    """What a `run_reporting` function is given: call it with a value for the GUI thread, and
    check `cancelled` between steps (set by `Task.cancel()` and by `Tasks.shutdown()`)."""

    def __init__(self, put: Callable[[object], None], cancelled: threading.Event) -> None:
        self._put = put
        self._cancelled = cancelled

    def __call__(self, value: object) -> None:
        self._put(value)

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()


class Task:
    """A handle on one started task: `cancel()` drops its result (and skips it if not begun)."""

    def __init__(self, tasks: Tasks, token: int) -> None:
        self._tasks = tasks
        self.token = token
        self.future: futures.Future[None] | None = None  # None when refused after shutdown

    def cancel(self) -> None:
        self._tasks._cancel(self.token)

    @property
    def pending(self) -> bool:
        """Started and its outcome not delivered (nor dropped) yet."""
        return self.token in self._tasks._pending

    def wait(self, timeout_s: float | None = None) -> bool:
        """Block until the function has returned (not until delivery); True if it has. For
        tests and shutdowns: never on the GUI thread while the app runs."""
        if self.future is None:
            return True
        _done, not_done = futures.wait([self.future], timeout_s)
        return not not_done


class Tasks(QObject):
    """Named thread pools whose results come back on the GUI thread (create it there)."""

    def __init__(self, sizes: dict[str, int] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sizes = dict(POOL_SIZES if sizes is None else sizes)
        self._pools: dict[str, futures.ThreadPoolExecutor] = {}
        self._results: queue.SimpleQueue[tuple[int, str, object]] = queue.SimpleQueue()
        self._tokens = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._futures: dict[int, futures.Future[None]] = {}  # running or queued work
        self._latest: dict[tuple[int, str], int] = {}  # (id(owner), key) -> newest token
        self._lock = threading.Lock()  # guards _pools against a racing shutdown
        self._closed = False
        self._timer = QTimer(self)
        self._timer.setInterval(DRAIN_MS)
        self._timer.timeout.connect(self.deliver)
        _OPEN.add(self)

    @property
    def closed(self) -> bool:
        return self._closed

    def run(
        self,
        pool: str,
        fn: Callable[[], T],
        done: Callable[[T], None] | None = None,
        *,
        owner: QObject | None = None,
        key: str | None = None,
        failed: Callable[[Exception], None] | None = None,
    ) -> Task:
        """Run `fn()` on the named pool; then `done(result)` or `failed(exc)` on the GUI thread.

        With `owner`, nothing is delivered once the owner is deleted. With `owner` and `key`, a
        later `run` with the same pair replaces this one (its result is dropped). A failure with
        no `failed` callback is logged.
        """
        return self.run_reporting(
            pool, lambda _report: fn(), done, owner=owner, key=key, failed=failed
        )

    def run_reporting(
        self,
        pool: str,
        fn: Callable[[Reporter], T],
        done: Callable[[T], None] | None = None,
        *,
        progress: Callable[[Any], None] | None = None,
        owner: QObject | None = None,
        key: str | None = None,
        failed: Callable[[Exception], None] | None = None,
    ) -> Task:
        """Like `run`, but `fn(report)` may call `report(value)` any number of times: each value
        reaches `progress(value)` on the GUI thread, in order, before `done`."""
        token = next(self._tokens)
        handle = Task(self, token)
        if self._closed:
            return handle
        owner_key = (id(owner), key) if owner is not None and key is not None else None
        entry = _Pending(
            owner=weakref.ref(owner) if owner is not None else None,
            key=owner_key,
            done=done,
            failed=failed,
            progress=progress,
        )
        if owner_key is not None:
            replaced = self._latest.get(owner_key)
            if replaced is not None and replaced in self._pending:
                self._pending[replaced].cancelled.set()  # a reporting loop may stop early
            self._latest[owner_key] = token
        self._pending[token] = entry
        results = self._results
        reporter = Reporter(lambda value: results.put((token, _PROGRESS, value)), entry.cancelled)
        futures_by_token = self._futures

        def work() -> None:
            try:
                value: object = fn(reporter)
            except Exception as exc:  # handed to `failed` on the GUI thread
                results.put((token, _FAILED, exc))
            else:
                results.put((token, _DONE, value))

        with self._lock:
            future = self._executor(pool).submit(work)
            self._futures[token] = future
        handle.future = future
        future.add_done_callback(lambda _f: futures_by_token.pop(token, None))
        if not self._timer.isActive():
            self._timer.start()
        return handle

    def drop(self, owner: QObject, key: str) -> None:
        """Forget the newest request for `(owner, key)`: its result is not delivered."""
        token = self._latest.get((id(owner), key))
        if token is not None:
            self._cancel(token)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def deliver(self) -> None:
        """Hand finished results to their callbacks (the timer calls this every few ms)."""
        while True:
            try:
                token, kind, value = self._results.get_nowait()
            except queue.Empty:
                break
            if self._closed:
                continue
            if kind == _PROGRESS:
                entry = self._pending.get(token)
                if entry is not None and entry.progress is not None and self._wanted(token, entry):
                    entry.progress(value)
                continue
            entry = self._pending.pop(token, None)
            if entry is None:
                continue
            wanted = self._wanted(token, entry)
            if entry.key is not None and self._latest.get(entry.key) == token:
                del self._latest[entry.key]
            if not wanted:
                continue
            if kind == _DONE:
                if entry.done is not None:
                    entry.done(value)
            elif entry.failed is not None and isinstance(value, Exception):
                entry.failed(value)
            else:
                log.error(
                    "background task failed",
                    exc_info=value if isinstance(value, Exception) else None,
                )
        if not self._pending:
            self._timer.stop()

    def wait_idle(self, timeout_s: float) -> bool:
        """Block until every pool is idle (for tests and shutdown); True if it got there."""
        with self._lock:
            running = list(self._futures.values())
        _done, not_done = futures.wait(running, timeout_s)
        return not not_done

    def shutdown(self, timeout_s: float = 10.0) -> bool:
        """Start nothing more, drop queued tasks and every result, wait for running ones.
        Idempotent; True if all pools stopped within the timeout."""
        self._closed = True
        self._timer.stop()
        for entry in self._pending.values():
            entry.cancelled.set()  # reporting loops (exports, thumbnail workers) stop early
        with self._lock:
            pools, self._pools = list(self._pools.values()), {}
        for executor in pools:
            executor.shutdown(wait=False, cancel_futures=True)
        ok = self.wait_idle(timeout_s)
        if ok:
            for executor in pools:
                executor.shutdown(wait=True)
        else:
            log.warning("background tasks still running at shutdown")
        self._pending.clear()
        self._latest.clear()
        return ok

    # --- internals ---

    def _executor(self, pool: str) -> futures.ThreadPoolExecutor:
        executor = self._pools.get(pool)
        if executor is None:
            size = self._sizes.get(pool, 1)
            executor = futures.ThreadPoolExecutor(size, thread_name_prefix=f"studio-{pool}")
            self._pools[pool] = executor
        return executor

    def _wanted(self, token: int, entry: _Pending) -> bool:
        """Whether the task's owner is alive and no newer request replaced it."""
        if entry.key is not None and self._latest.get(entry.key) != token:
            return False
        if entry.owner is None:
            return True
        owner = entry.owner()
        return owner is not None and shiboken6.isValid(owner)

    def _cancel(self, token: int) -> None:
        entry = self._pending.pop(token, None)
        if entry is None:
            return
        entry.cancelled.set()
        future = self._futures.get(token)
        if future is not None:
            future.cancel()
        if entry.key is not None and self._latest.get(entry.key) == token:
            del self._latest[entry.key]
