"""SIGTERM, SIGINT and SIGHUP end the window the way a quit does, instead of killing it.

A logout on Linux, `kill`, a service manager or Ctrl+C in the terminal the app was started from
used to end the process at once: the workers stopped mid-write (the queue recovers), but the
window and the Generate form were not saved. Now the app saves them, keeps queued jobs queued
for the next start and stops its threads in order (`StudioApp.stop_on_signal`).

Python runs a signal handler only between bytecodes, and an idle window sits in Qt's C++ event
loop: the handler would wait for the next mouse move. `signal.set_wakeup_fd` makes the C-level
handler write the signal's number to a socket; a QSocketNotifier on the other end wakes the
event loop, which runs Python (qutebrowser's crashsignal.py does the same). Sockets, not a
pipe, so that it works on Windows too, where only SIGINT and SIGTERM exist.
"""

from __future__ import annotations

import logging
import signal
import socket
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier, Signal

log = logging.getLogger("studio.ui")

STOP_SIGNALS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name)
)


def _noted(_number: int, _frame: FrameType | None) -> None:
    """The Python-level handler: the work is done by the notifier. A Python handler must be
    set (not SIG_DFL) for Python's C handler to run and write to the wakeup socket."""


class StopSignals(QObject):
    """While installed, a stop signal is `received` on the GUI thread instead of ending the
    process. Create it on the main thread (Python sets handlers only there)."""

    received = Signal(int)  # the signal's number

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)  # the C handler must never block on a full buffer
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._previous = {number: signal.signal(number, _noted) for number in STOP_SIGNALS}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._read)
        self._installed = True
        log.info("stop signals handled: %s", ", ".join(s.name for s in STOP_SIGNALS))

    def _read(self) -> None:
        try:
            data = self._reader.recv(64)
        except (BlockingIOError, InterruptedError):
            return
        for number in data:
            if number in STOP_SIGNALS:
                self.received.emit(number)

    def uninstall(self) -> None:
        """Put back the handlers that were there before (safe to call more than once)."""
        if not self._installed:
            return
        self._installed = False
        self._notifier.setEnabled(False)
        for number, handler in self._previous.items():
            if handler is not None:  # None: set outside Python, cannot be put back from here
                signal.signal(number, handler)
        signal.set_wakeup_fd(self._previous_fd)
        self._reader.close()
        self._writer.close()
