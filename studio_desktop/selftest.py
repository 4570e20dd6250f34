"""`--self-test`: start the real window, run one text-to-image job, close, and say how it went.

Used by the frozen-bundle smoke test (CI, installers) and by users who want to check an install:
the same start-up and shutdown path as a normal start (`StudioApp`), with a throw-away data
folder (unless `--data-dir`), no first-run dialog and no crash dialog. Prints `startup: X s`
when the window is up, then `self-test: ok (X s)` and exits 0, or `self-test: FAILED: reason`
and exits 1.

The job is the smallest the server's model allows and its time limit follows the measured step
time (`selftest_job`), so a CPU server passes too. Whatever ends the test early (time limit,
failure, Ctrl+C), the prompt it queued is taken off the server before it exits.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sqlite3
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, TextIO

from studio_desktop.selftest_job import TimeLimit, pick_checkpoint, smallest_side

if TYPE_CHECKING:
    from studio_desktop.core.context import AppContext
    from studio_desktop.core.engine.events import JobProgress
    from studio_desktop.workers.pool import WorkerPool

# Until the job's first sampling step: queue wait and model load (a CPU server reading a
# checkpoint from a slow disk). After it, the limit follows the measured step time.
DEFAULT_TIMEOUT_S = 300.0
log = logging.getLogger("studio.selftest")
PROMPT = "self-test: a red cube on a white table"
TERMINAL = ("completed", "failed", "cancelled")
INTERRUPTED = "interrupted"
_GRACE_S = 15.0  # beyond the job's limit: for the driver to clean up and the pool to stop
_WATCH_MS = 200  # the watchdog's period; it also lets Python run a Ctrl+C handler in exec()


class SelfTestFailed(Exception):
    """A check failed; the message is the one-line reason."""


@dataclass(frozen=True)
class SelfTestOptions:
    server: str
    data_dir: str | None = None
    timeout_s: float = DEFAULT_TIMEOUT_S  # until the first sampling step (see DEFAULT_TIMEOUT_S)
    started_at: float = field(default_factory=time.perf_counter)  # when main() began


def run_self_test(options: SelfTestOptions) -> int:
    """Run the self-test; 0 if every check passed, else 1 (the reason is printed)."""
    out = _stdout()
    _offscreen_without_display()
    try:
        with _data_folder(options.data_dir) as folder:
            _run(options, folder, out)
    except SelfTestFailed as exc:
        _say(out, f"self-test: FAILED: {exc}")
        return 1
    except KeyboardInterrupt:  # Ctrl+C outside the event loop (its handler covers the rest)
        _say(out, f"self-test: FAILED: {INTERRUPTED}")
        return 1
    except Exception as exc:  # anything else is a failure too, never a traceback dialog
        _say(out, f"self-test: FAILED: {type(exc).__name__}: {exc}")
        return 1
    _say(out, f"self-test: ok ({time.perf_counter() - options.started_at:.2f} s)")
    return 0


def _run(options: SelfTestOptions, folder: Path, out: TextIO) -> None:
    # Qt is imported here, not at module level: `--help` and the CLI commands must not pay for it.
    from PySide6.QtCore import QObject, QTimer, Signal
    from PySide6.QtMultimedia import QMediaPlayer

    from studio_desktop.app import GuiOptions, StudioApp, qt_application
    from studio_desktop.core.comfy.client import normalize_base_url
    from studio_desktop.core.context import AppContext

    class Relay(QObject):
        """Carries the driver thread's "done" to the GUI thread (a queued connection)."""

        done = Signal()

    try:
        url = normalize_base_url(options.server)
    except ValueError as exc:
        raise SelfTestFailed(f"bad --server: {exc}") from exc
    app = qt_application()
    ctx = AppContext.open(folder)
    ctx.start_logging()
    added_server = _register_server(ctx, url)
    # Read here: once the window is up, the store refuses this (the GUI) thread.
    record = ctx.store.get_server_by_url(url)
    auth_header = record.auth_header if record is not None else None
    studio: StudioApp | None = None
    driver: _Driver | None = None
    previous_handlers = {}
    try:
        studio = StudioApp(app, ctx, GuiOptions(str(folder), crash_dialog=False, first_run=False))
        app.aboutToQuit.connect(studio.shutdown)
        studio.start()
        window = studio.window
        relay = Relay()
        timed_out: list[bool] = []
        quitting: list[bool] = []

        def window_shown() -> None:
            # First turn of the event loop after show(): the window has been laid out and exposed.
            if not window.isVisible():
                driver_fail("the main window is not visible after start")
                return
            _say(out, f"startup: {time.perf_counter() - options.started_at:.2f} s")
            # The viewer creates its player lazily: check here that a bundle has Qt's backend.
            player = QMediaPlayer()
            available = player.isAvailable()
            player.deleteLater()
            if not available:
                driver_fail("Qt Multimedia has no backend: its ffmpeg plugin did not load")

        def driver_fail(reason: str) -> None:
            # The driver ends its wait, cancels its job and then says it is done.
            if driver is not None:
                driver.fail(reason)

        def watchdog() -> None:
            # A driver stuck beyond its limit (a hung request) must not keep the app open.
            if driver is not None and time.monotonic() > driver.deadline() + _GRACE_S:
                timed_out.append(True)
                studio_quit()

        def studio_quit() -> None:
            assert studio is not None
            if not quitting:
                quitting.append(True)
                studio.quit()  # the normal close path: shutdown in order, close, leave exec()

        def interrupted(signum: int, frame: FrameType | None) -> None:
            driver_fail(INTERRUPTED)

        driver = _Driver(
            ctx,
            studio.pool,
            url,
            options.timeout_s,
            auth_header=auth_header,
            on_done=relay.done.emit,
        )
        relay.done.connect(studio_quit)
        studio.pool.progress.connect(driver.progress)
        previous_handlers = {number: signal.signal(number, interrupted) for number in _STOP_SIGNALS}
        watch = QTimer()
        watch.setInterval(_WATCH_MS)
        watch.timeout.connect(watchdog)
        watch.start()
        QTimer.singleShot(0, window_shown)
        QTimer.singleShot(0, driver.start)
        app.exec()
        watch.stop()
        if timed_out:
            driver.fail(f"no result within {_GRACE_S:.0f} s after the time limit")
    finally:
        for number, handler in previous_handlers.items():
            signal.signal(number, handler)
        if driver is not None and driver.ident is not None:  # started
            # Before the pool stops: the driver cancels its job through it (store and server).
            driver.stop()
            driver.join(_GRACE_S)
        if studio is not None:
            studio.shutdown()
        if driver is not None:
            driver.take_off_server()  # whatever happened above, nothing of ours stays queued
        if added_server is not None and options.data_dir:
            ctx.store.remove_server(added_server)  # leave a real data folder as we found it
        ctx.close()
        _close_log_files()
    assert studio is not None and driver is not None
    if driver.failure:
        raise SelfTestFailed(driver.failure)
    if not studio.pool.shutdown():  # idempotent: the result of the shutdown that ran
        raise SelfTestFailed("the worker threads did not stop within the shutdown timeout")
    _check_database(ctx.paths.database)
    crashes = sorted(p.name for p in ctx.paths.logs.glob("crash-*.log"))
    if crashes:
        raise SelfTestFailed(f"unexpected errors were logged: {', '.join(crashes)}")


def _register_server(ctx: AppContext, url: str) -> int | None:
    """Make sure the pool runs `url`; the id if we had to register it."""
    if ctx.store.get_server_by_url(url) is not None:
        return None
    return ctx.store.add_server("Self-test", url).id


# Ctrl+C, and a polite kill: both end the test with its prompt taken off the server.
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class _Driver(threading.Thread):
    """Off the GUI thread: ask the server for a model, queue one job, wait for its end, check
    the files. Every wait is timed, so the thread always ends; a job that did not complete is
    cancelled before it says it is done."""

    def __init__(
        self,
        ctx: AppContext,
        pool: WorkerPool,
        url: str,
        first_step_s: float,
        *,
        auth_header: str | None,
        on_done: Callable[[], None],
    ) -> None:
        super().__init__(name="self-test", daemon=True)
        self._ctx = ctx
        self._pool = pool
        self._url = url
        self._first_step_s = first_step_s
        self._on_done = on_done
        self._lock = threading.Lock()
        self._halt = threading.Event()
        self._halted_at: float | None = None
        # Until the job is queued, the limit covers reading the model list and queueing.
        self._limit = TimeLimit(first_step_s, time.monotonic())
        self._job_id: str | None = None
        self._completed = False
        self._auth_header = auth_header
        self.failure = ""

    def fail(self, reason: str) -> None:
        """Record the first failure and stop waiting (any thread)."""
        with self._lock:
            self.failure = self.failure or reason
            if self._halted_at is None:
                self._halted_at = time.monotonic()
        self._halt.set()

    def stop(self) -> None:
        with self._lock:
            if self._halted_at is None:
                self._halted_at = time.monotonic()
        self._halt.set()

    def deadline(self) -> float:
        """When the driver should have ended by itself (monotonic time; any thread)."""
        with self._lock:
            limit = self._limit.deadline
            return limit if self._halted_at is None else min(limit, self._halted_at)

    def progress(self, event: JobProgress) -> None:
        """A progress event of the app's jobs (GUI thread): rescales the limit of ours."""
        with self._lock:
            if event.job_id == self._job_id:
                self._limit.progress(event.value, event.max, time.monotonic())

    def run(self) -> None:
        try:
            self._check()
        except SelfTestFailed as exc:
            self.fail(str(exc))
        except Exception as exc:
            self.fail(f"{type(exc).__name__}: {exc}")
        finally:
            self._cancel_unfinished()
            with contextlib.suppress(RuntimeError):  # the relay is gone: the GUI already quit
                self._on_done()

    def _check(self) -> None:
        from studio_desktop.core.comfy import ComfyClient, ComfyError
        from studio_desktop.core.jobs import GenerationParams, JobStatus, NewJob

        ctx, pool = self._ctx, self._pool
        try:
            with ComfyClient(
                self._url, timeout=min(30.0, self._first_step_s), auth_header=self._auth_header
            ) as client:
                checkpoints = client.object_info().checkpoints
        except ComfyError as exc:
            raise SelfTestFailed(f"cannot read the model list from {self._url}: {exc}") from exc
        if not checkpoints:
            raise SelfTestFailed(f"{self._url} lists no checkpoints")
        model = pick_checkpoint(checkpoints)
        side = smallest_side(model)
        job = NewJob(
            template="txt2img",
            # One step at cfg 1 (ComfyUI then skips the negative pass): a check, not a picture.
            params=GenerationParams(
                prompt=PROMPT, seed=1, steps=1, cfg=1.0, width=side, height=side, model=model
            ),
            server=self._url,
        )
        if self._halt.is_set():
            raise SelfTestFailed("stopped before the job was queued")
        with self._lock:
            self._job_id = job.id
            self._limit = TimeLimit(self._first_step_s, time.monotonic())
        pool.enqueue([job]).result(timeout=max(1.0, self.deadline() - time.monotonic()))
        while True:
            current = ctx.store.get_job(job.id)
            if current is None:
                raise SelfTestFailed("the queued job vanished from the store")
            if current.status.value in TERMINAL:
                break
            if time.monotonic() > self.deadline():
                raise SelfTestFailed(self._late(current.status.value, current.progress_text))
            if self._halt.wait(0.1):
                raise SelfTestFailed("stopped before the job finished")
        if current.status is not JobStatus.COMPLETED:
            reason = current.error.message if current.error else current.status.value
            raise SelfTestFailed(f"the job ended {current.status.value}: {reason}")
        self._completed = True
        images = ctx.store.images_for_job(job.id)
        if not images:
            raise SelfTestFailed("the job completed without an image")
        for image in images:
            path = ctx.paths.resolve(image.path)
            if not path.is_file() or path.stat().st_size == 0:
                raise SelfTestFailed(f"the image file is missing or empty: {path}")

    def _late(self, status: str, progress_text: str) -> str:
        with self._lock:
            stepping = self._limit.stepping
        where = f"status {status}, {progress_text or 'no progress'}"
        if not stepping:
            return f"no sampling step within {self._first_step_s:.0f} s ({where})"
        return f"the job did not finish in the time its step time allows ({where})"

    def _cancel_unfinished(self) -> None:
        """Cancel our job through the app (store and server) unless it completed."""
        if self._job_id is None or self._completed or not self._pool.is_running:
            return
        try:
            self._pool.cancel(self._job_id).result(timeout=_GRACE_S)
        except Exception as exc:  # already final, or the pool is stopping: take_off_server acts
            log.info("self-test: cancelling job %s in the app: %s", self._job_id, exc)

    def take_off_server(self) -> None:
        """After the pool stopped: make sure the server neither queues nor runs our prompt.

        The prompt id is the job id. Deleting first means a prompt the server starts meanwhile
        is seen running by the queue read that follows, and interrupted (by id: never another
        user's prompt)."""
        from studio_desktop.core.comfy import ComfyClient, ComfyError

        if self._job_id is None or self._completed:
            return
        prompt_id = self._job_id
        try:
            with ComfyClient(self._url, timeout=10.0, auth_header=self._auth_header) as client:
                state = client.queue()
                if any(item.prompt_id == prompt_id for item in state.pending):
                    client.delete_from_queue([prompt_id])
                    state = client.queue()
                if any(item.prompt_id == prompt_id for item in state.running):
                    client.interrupt(prompt_id)
        except ComfyError as exc:
            log.warning("self-test: could not take prompt %s off %s: %s", prompt_id, self._url, exc)


def _check_database(path: Path) -> None:
    """`PRAGMA integrity_check` on the file as the app left it (after a clean close)."""
    connection = sqlite3.connect(path)
    try:
        rows = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
    finally:
        connection.close()
    if rows != ["ok"]:
        raise SelfTestFailed(f"integrity_check: {'; '.join(rows)[:300]}")


@contextlib.contextmanager
def _data_folder(given: str | None) -> Iterator[Path]:
    if given:
        yield Path(given).expanduser().resolve()
        return
    # ignore_cleanup_errors: on Windows a file a Qt plugin still holds must not fail the test.
    with tempfile.TemporaryDirectory(
        prefix="studio-selftest-", ignore_cleanup_errors=True
    ) as folder:
        yield Path(folder)


def _close_log_files() -> None:
    # The rotating log in the temp folder must be closed before the folder is removed (Windows).
    root = logging.getLogger("studio")
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()


def _offscreen_without_display() -> None:
    """On Linux without a display server, run offscreen rather than fail to start."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _stdout() -> TextIO:
    """Where to print. A windowed Windows build has no sys.stdout: use the handle the parent
    passed (a pipe in CI) or the parent's console; failing both, print nowhere."""
    if sys.stdout is not None:
        return sys.stdout
    if sys.platform == "win32":
        import ctypes
        import msvcrt

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.GetStdHandle(-11)  # STD_OUTPUT_HANDLE
        if handle not in (0, -1, None):
            with contextlib.suppress(OSError):
                fd = msvcrt.open_osfhandle(handle, os.O_WRONLY)
                return open(fd, "w", buffering=1, encoding="utf-8")
        if kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS
            return open("CONOUT$", "w", buffering=1, encoding="utf-8")
    return open(os.devnull, "w")


def _say(out: TextIO, line: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        print(line, file=out, flush=True)
