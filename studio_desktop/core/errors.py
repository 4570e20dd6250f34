"""One sink for every unhandled error, from any thread (STYLE 13). Qt-free.

`install_excepthooks` replaces `sys.excepthook` and `threading.excepthook`: each error gets its
own `crash-YYYYmmdd-HHMMSS.log` in the logs folder, a line in the `studio.crash` log, and a call
to `on_error(short_message, log_path)` (the window turns that into a dialog). faulthandler writes
hard crashes (segfaults in Qt, aborts) to `faulthandler.log` next to them.

`STUDIO_RERAISE` is for CI and tests, where an error must fail the run instead of showing a
dialog: `1` passes every error on to the hooks that were there before (Python's default prints
it; pytest and pytest-qt turn it into a test failure) and skips `on_error`; `abort` also ends
the process at once with exit status 70.
"""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import os
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TextIO

from studio_desktop import __version__
from studio_desktop.core.logs import redact_secrets

log = logging.getLogger("studio.crash")

RERAISE_ENV = "STUDIO_RERAISE"
ABORT_EXIT_CODE = 70  # EX_SOFTWARE
FAULT_LOG = "faulthandler.log"
_MESSAGE_LIMIT = 300

ErrorCallback = Callable[[str, Path], None]
ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def reraise_mode() -> str:
    """'' (handle errors), '1' (pass them on) or 'abort' (pass them on, then exit)."""
    value = os.environ.get(RERAISE_ENV, "").strip().lower()
    if value in ("", "0", "false", "no"):
        return ""
    return "abort" if value == "abort" else "1"


def short_message(exc: BaseException, thread_name: str | None = None) -> str:
    """One line a user can read: the exception type and text, and the thread if not main."""
    text = " ".join(str(exc).split())
    message = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    if len(message) > _MESSAGE_LIMIT:
        message = message[: _MESSAGE_LIMIT - 1] + "…"
    if thread_name and thread_name != "MainThread":
        message += f" (in thread {thread_name})"
    return message


def write_crash_log(log_dir: Path, info: ExcInfo, thread_name: str) -> Path:
    """Write the traceback to a new `crash-<time>.log` (never overwriting one) and return it."""
    log_dir.mkdir(parents=True, exist_ok=True)
    now = datetime.now()
    stamp = now.strftime("%Y%m%d-%H%M%S")
    header = (
        f"Studio Desktop {__version__} crash report\n"
        f"Time: {now.isoformat(timespec='seconds')}\n"
        f"Thread: {thread_name}\n"
        f"Python: {sys.version.split()[0]} on {platform.platform()}\n\n"
    )
    # A traceback quotes local text: an address with its password, a header with its token.
    body = redact_secrets("".join(traceback.format_exception(*info)))
    for attempt in range(1, 1000):
        suffix = "" if attempt == 1 else f"-{attempt}"
        path = log_dir / f"crash-{stamp}{suffix}.log"
        try:
            # "x": two errors in the same second get two files.
            with path.open("x", encoding="utf-8") as handle:
                handle.write(header + body)
            return path
        except FileExistsError:
            continue
    raise FileExistsError(f"too many crash logs for {stamp} in {log_dir}")


class _Sink:
    """The installed hooks and what they restore."""

    def __init__(self, log_dir: Path, on_error: ErrorCallback | None) -> None:
        self.log_dir = log_dir
        self.on_error = on_error
        self.previous_sys = sys.excepthook
        self.previous_threading = threading.excepthook
        self.fault_file: TextIO | None = None
        self.fault_was_enabled = faulthandler.is_enabled()
        self._busy = threading.local()  # per thread: an error while handling one just logs
        self.installed = True

    # --- hooks ---

    def sys_hook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if not self.installed or issubclass(exc_type, KeyboardInterrupt):
            self.previous_sys(exc_type, exc, tb)
            return
        if self.handle((exc_type, exc, tb), threading.current_thread().name):
            self.previous_sys(exc_type, exc, tb)
            self.maybe_abort()

    def threading_hook(self, args: threading.ExceptHookArgs) -> None:
        exc = args.exc_value
        if not self.installed or exc is None or issubclass(args.exc_type, SystemExit):
            self.previous_threading(args)
            return
        name = args.thread.name if args.thread is not None else "unknown thread"
        if self.handle((args.exc_type, exc, args.exc_traceback), name):
            self.previous_threading(args)
            self.maybe_abort()

    # --- work ---

    def handle(self, info: ExcInfo, thread_name: str) -> bool:
        """Log the error and tell `on_error`. True if it must also go to the previous hook."""
        mode = reraise_mode()
        if getattr(self._busy, "active", False):
            # The error came from our own handling (say, on_error): no second report, no loop.
            log.error("error while reporting an error (in %s)", thread_name, exc_info=info)
            return bool(mode)
        self._busy.active = True
        try:
            return self._report(info, thread_name, mode)
        finally:
            self._busy.active = False

    def _report(self, info: ExcInfo, thread_name: str, mode: str) -> bool:
        try:
            path: Path | None = write_crash_log(self.log_dir, info, thread_name)
        except OSError:
            log.exception("could not write a crash log in %s", self.log_dir)
            path = None
        log.error(
            "unhandled error in %s; crash log: %s",
            thread_name,
            path or "(not written)",
            exc_info=info,
        )
        if mode:
            return True
        if self.on_error is not None:
            try:
                self.on_error(short_message(info[1], thread_name), path or self.log_dir)
            except Exception:
                log.exception("the error callback failed")
        return path is None  # without a file, let the previous hook print it at least

    @staticmethod
    def maybe_abort() -> None:
        if reraise_mode() == "abort":
            logging.shutdown()  # flush the log files before the process goes
            os._exit(ABORT_EXIT_CODE)

    # --- install / uninstall ---

    def enable_faulthandler(self) -> None:
        try:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            self.fault_file = (self.log_dir / FAULT_LOG).open("a", encoding="utf-8")
            faulthandler.enable(file=self.fault_file, all_threads=True)
        except (OSError, RuntimeError, ValueError):
            log.warning("faulthandler not enabled", exc_info=True)

    def uninstall(self) -> None:
        if not self.installed:
            return
        self.installed = False
        # Only put back what is still ours: someone may have hooked in after us.
        if sys.excepthook == self.sys_hook:
            sys.excepthook = self.previous_sys
        if threading.excepthook == self.threading_hook:
            threading.excepthook = self.previous_threading
        if self.fault_file is not None:
            faulthandler.disable()
            if self.fault_was_enabled and sys.__stderr__ is not None:
                # The previous target is not knowable; stderr is where it almost always went.
                with contextlib.suppress(OSError, RuntimeError, ValueError):
                    faulthandler.enable(file=sys.__stderr__, all_threads=True)
            self.fault_file.close()
            self.fault_file = None


def install_excepthooks(log_dir: Path, on_error: ErrorCallback | None = None) -> Callable[[], None]:
    """Route unhandled errors of every thread to crash logs in `log_dir` and to `on_error`.

    `on_error(short_message, crash_log_path)` runs on the thread that failed: it must only hand
    the report over (the Qt crash dialog marshals it to the GUI thread). Returns a function that
    restores the previous hooks and faulthandler; calling it twice is harmless.
    """
    sink = _Sink(log_dir, on_error)
    sink.enable_faulthandler()
    sys.excepthook = sink.sys_hook
    threading.excepthook = sink.threading_hook
    return sink.uninstall
