"""Runs the scheduler's server loops in QThreads, and keeps every one alive until it has ended.

A QThread object destroyed while its thread runs aborts the process, so the starter holds each
thread until it has finished; one that outlives a shutdown timeout is parked for good rather than
freed. Loops stop cooperatively (`ServerDriver.stop()`); `QThread.terminate()` is never used.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QThread

log = logging.getLogger("studio.workers")

# Every thread ever started here, for leak checks; and the ones a shutdown gave up on.
_ALL: weakref.WeakSet[LoopThread] = weakref.WeakSet()
_PARKED: list[LoopThread] = []
_ALL_LOCK = threading.Lock()


class LoopThread(QThread):
    """A QThread whose body is a plain callable (a ServerDriver's `run`)."""

    def __init__(self, name: str, target: Callable[[], None]) -> None:
        super().__init__()
        self.setObjectName(name)
        self._target: Callable[[], None] | None = target

    def run(self) -> None:
        target, self._target = self._target, None  # the loop object is freed with its thread
        if target is None:
            return
        try:
            target()
        except Exception:
            # The loop has already logged it and marked its server down; an exception escaping
            # a QThread's run() would only be printed by PySide.
            log.exception("thread %s ended with an error", self.objectName())


class QThreadStarter:
    """A `ThreadStarter` for `Dispatcher(start_thread=...)`: each call starts one LoopThread.

    Callable from any thread (the pool adds servers from its operations thread).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._threads: list[LoopThread] = []
        self._closed = False

    def __call__(self, name: str, target: Callable[[], None]) -> Callable[[float], bool]:
        thread = LoopThread(name, target)
        app = QCoreApplication.instance()
        if app is not None:
            # Maybe created on a worker thread: hand the QThread object itself to the GUI thread,
            # which outlives the creator and is where it gets waited on and freed.
            thread.moveToThread(app.thread())
        with self._lock:
            if self._closed:
                raise RuntimeError("the worker pool is shut down")
            self._threads.append(thread)
        with _ALL_LOCK:
            _ALL.add(thread)
        thread.start()

        def join(timeout: float) -> bool:
            return _wait(thread, timeout)

        return join

    def close(self) -> None:
        """Start no more threads."""
        with self._lock:
            self._closed = True

    def wait_all(self, timeout: float) -> bool:
        """Wait for every thread started here (one shared deadline); True if all finished.

        Finished threads are released; unfinished ones are parked so they are never freed
        while they run.
        """
        with self._lock:
            threads, self._threads = self._threads, []
        deadline = QDeadlineTimer(max(0, int(timeout * 1000)))
        unfinished = [t for t in threads if not t.wait(deadline)]
        if unfinished:
            names = ", ".join(t.objectName() for t in unfinished)
            log.warning("threads still running after shutdown: %s", names)
            with _ALL_LOCK:
                _PARKED.extend(unfinished)
        return not unfinished

    def threads(self) -> list[LoopThread]:
        with self._lock:
            return list(self._threads)


def _wait(thread: QThread, timeout: float) -> bool:
    return thread.wait(max(0, int(timeout * 1000)))


def running_threads() -> list[LoopThread]:
    """Loop threads (from any pool) that have started and not finished: for leak checks."""
    with _ALL_LOCK:
        return [t for t in _ALL if t.isRunning()]
