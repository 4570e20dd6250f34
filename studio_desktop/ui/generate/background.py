"""Plain callables run on a small thread pool, with their results handed back on the GUI thread.

The Generate tab's slow bits (fetching /object_info, copying reference images, decoding previews
and results) all go through one of these, so `shutdown()` is the single place that waits for them.
Tasks never touch widgets: they return plain values (a QImage is fine off the GUI thread; the
QPixmap is made on it).

Workers hand results over through a thread-safe queue that a GUI-thread timer drains, like the
worker pool's event bridge: no Qt signal is emitted from a worker thread, and a callback whose
widget is gone by then is simply dropped at `shutdown()`.
"""

from __future__ import annotations

import itertools
import logging
import queue
from collections.abc import Callable
from concurrent import futures
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger("studio.ui")

T = TypeVar("T")

Failed = Callable[[Exception], None]
POLL_MS = 15
THREAD_PREFIX = "studio-generate"


class BackgroundTasks(QObject):
    """Run `fn` off the GUI thread; `on_done(result)` or `on_error(exc)` then run on the GUI
    thread. Callbacks of tasks that end after `shutdown()` are dropped."""

    def __init__(self, threads: int = 2, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = futures.ThreadPoolExecutor(threads, thread_name_prefix=THREAD_PREFIX)
        self._results: queue.SimpleQueue[tuple[int, bool, object]] = queue.SimpleQueue()
        self._tokens = itertools.count(1)
        self._pending: dict[int, tuple[Callable[[Any], None], Failed | None]] = {}
        self._closed = False
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.deliver)

    def run(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Failed | None = None,
    ) -> None:
        if self._closed:
            return
        token = next(self._tokens)
        self._pending[token] = (on_done, on_error)
        results = self._results

        def work() -> None:
            try:
                value: object = fn()
            except Exception as exc:  # handed to on_error on the GUI thread
                results.put((token, False, exc))
            else:
                results.put((token, True, value))

        self._executor.submit(work)
        if not self._timer.isActive():
            self._timer.start()

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def deliver(self) -> None:
        """Run the callbacks of finished tasks (the timer does this every few ms)."""
        while True:
            try:
                token, ok, value = self._results.get_nowait()
            except queue.Empty:
                break
            callbacks = self._pending.pop(token, None)
            if callbacks is None or self._closed:
                continue
            on_done, on_error = callbacks
            if ok:
                on_done(value)
            elif on_error is not None and isinstance(value, Exception):
                on_error(value)
            else:
                log.error(
                    "background task failed",
                    exc_info=value if isinstance(value, Exception) else None,
                )
        if not self._pending:
            self._timer.stop()

    def shutdown(self) -> None:
        """Start nothing more, drop queued tasks, wait for running ones. Idempotent."""
        self._closed = True
        self._timer.stop()
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._pending.clear()
