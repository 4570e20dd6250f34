"""`--self-test`: start the real window, run one text-to-image job, close, and say how it went.

Used by the frozen-bundle smoke test (CI, installers) and by users who want to check an install:
the same start-up and shutdown path as a normal start (`StudioApp`), with a throw-away data
folder (unless `--data-dir`), no first-run dialog and no crash dialog. Prints `startup: X s`
when the window is up, then `self-test: ok (X s)` and exits 0, or `self-test: FAILED: reason`
and exits 1.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from studio_desktop.core.context import AppContext
    from studio_desktop.workers.pool import WorkerPool

DEFAULT_TIMEOUT_S = 120.0
PROMPT = "self-test: a red cube on a white table"
TERMINAL = ("completed", "failed", "cancelled")
_GRACE_S = 15.0  # beyond the job timeout: for starting the pool and shutting it down


class SelfTestFailed(Exception):
    """A check failed; the message is the one-line reason."""


@dataclass(frozen=True)
class SelfTestOptions:
    server: str
    data_dir: str | None = None
    timeout_s: float = DEFAULT_TIMEOUT_S
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
    studio: StudioApp | None = None
    driver: _Driver | None = None
    try:
        studio = StudioApp(app, ctx, GuiOptions(str(folder), crash_dialog=False, first_run=False))
        app.aboutToQuit.connect(studio.shutdown)
        studio.start()
        window = studio.window
        relay = Relay()
        timed_out: list[bool] = []

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
            if driver is not None:
                driver.fail(reason)
            relay.done.emit()

        def watchdog() -> None:
            timed_out.append(True)
            studio_quit()

        def studio_quit() -> None:
            assert studio is not None
            studio.quit()  # the normal close path: shutdown in order, close, leave exec()

        driver = _Driver(ctx, studio.pool, url, options.timeout_s, on_done=relay.done.emit)
        relay.done.connect(studio_quit)
        QTimer.singleShot(0, window_shown)
        QTimer.singleShot(0, driver.start)
        QTimer.singleShot(int((options.timeout_s + _GRACE_S) * 1000), watchdog)
        app.exec()
        if timed_out:
            raise SelfTestFailed(f"no result within {options.timeout_s + _GRACE_S:.0f} s")
    finally:
        if studio is not None:
            studio.shutdown()
        if driver is not None:
            driver.stop()
            driver.join(_GRACE_S)
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


class _Driver(threading.Thread):
    """Off the GUI thread: ask the server for a model, queue one job, wait for its end, check
    the files. Every wait is timed, so the thread always ends."""

    def __init__(
        self,
        ctx: AppContext,
        pool: WorkerPool,
        url: str,
        timeout_s: float,
        *,
        on_done: Callable[[], None],
    ) -> None:
        super().__init__(name="self-test", daemon=True)
        self._ctx = ctx
        self._pool = pool
        self._url = url
        self._timeout_s = timeout_s
        self._on_done = on_done
        self._lock = threading.Lock()
        self._halt = threading.Event()
        self.failure = ""

    def fail(self, reason: str) -> None:
        """Record the first failure and stop waiting (any thread)."""
        with self._lock:
            self.failure = self.failure or reason
        self._halt.set()

    def stop(self) -> None:
        self._halt.set()

    def run(self) -> None:
        try:
            self._check()
        except SelfTestFailed as exc:
            self.fail(str(exc))
        except Exception as exc:
            self.fail(f"{type(exc).__name__}: {exc}")
        finally:
            with contextlib.suppress(RuntimeError):  # the relay is gone: the GUI already quit
                self._on_done()

    def _check(self) -> None:
        from studio_desktop.core.comfy import ComfyClient, ComfyError
        from studio_desktop.core.jobs import GenerationParams, JobStatus, NewJob

        ctx, pool = self._ctx, self._pool
        deadline = time.monotonic() + self._timeout_s
        try:
            with ComfyClient(self._url, timeout=min(30.0, self._timeout_s)) as client:
                checkpoints = client.object_info().checkpoints
        except ComfyError as exc:
            raise SelfTestFailed(f"cannot read the model list from {self._url}: {exc}") from exc
        if not checkpoints:
            raise SelfTestFailed(f"{self._url} lists no checkpoints")
        job = NewJob(
            template="txt2img",
            params=GenerationParams(prompt=PROMPT, seed=1, steps=4, model=checkpoints[0]),
            server=self._url,
        )
        pool.enqueue([job]).result(timeout=max(1.0, deadline - time.monotonic()))
        while True:
            current = ctx.store.get_job(job.id)
            if current is None:
                raise SelfTestFailed("the queued job vanished from the store")
            if current.status.value in TERMINAL:
                break
            if time.monotonic() > deadline:
                raise SelfTestFailed(
                    f"the job did not finish within {self._timeout_s:.0f} s "
                    f"(status {current.status.value}, {current.progress_text or 'no progress'})"
                )
            if self._halt.wait(0.1):
                raise SelfTestFailed("stopped before the job finished")
        if current.status is not JobStatus.COMPLETED:
            reason = current.error.message if current.error else current.status.value
            raise SelfTestFailed(f"the job ended {current.status.value}: {reason}")
        images = ctx.store.images_for_job(job.id)
        if not images:
            raise SelfTestFailed("the job completed without an image")
        for image in images:
            path = ctx.paths.resolve(image.path)
            if not path.is_file() or path.stat().st_size == 0:
                raise SelfTestFailed(f"the image file is missing or empty: {path}")


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
