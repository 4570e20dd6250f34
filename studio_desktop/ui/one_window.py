"""One window per data folder: starting Studio Desktop again brings the open window forward.

A second double-click used to open a second window on the same data folder. Both ran the
queue (safe: the store lets windows and the CLI share it) and both wrote settings.json, so the
last one to close put back its own form and settings over the other's; two windows is never
what the user meant. Now the second start asks the first to show itself and exits.

Who holds the window: an OS lock on `<data folder>/window.lock` (`core/file_lock.py`), which
the kernel drops however the process ends, so a crash never leaves a stale claim. How the
second start asks: a QLocalServer named after the data folder (a named pipe on Windows, a
socket on macOS and Linux, this user only), answered on the GUI thread. A window that is
quitting (a restart after a language change) stops listening first and lets go of the lock
last; a start in between waits for the lock instead of finding nobody to ask.
"""

from __future__ import annotations

import hashlib
import logging
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from studio_desktop.core.file_lock import HeldFile
from studio_desktop.core.paths import DataPaths
from studio_desktop.core.settings import load_settings
from studio_desktop.ui.translations import install_translator

log = logging.getLogger("studio.ui")

WINDOW_LOCK = "window.lock"
ASK_TO_SHOW = b"show\n"
SHOWN = b"shown\n"
CONNECT_MS = 1000
ANSWER_MS = 3000  # the first window answers from its event loop: it may still be starting
# How long a second start waits for a window that holds the lock but does not answer: one that
# is quitting (its shutdown takes up to ~20 s with a busy server) or still starting up.
WAIT_FOR_THE_OTHER_S = 90.0
RETRY_S = 0.2


class WindowNotAnswering(Exception):
    """Another process holds the data folder's window and did not answer in time."""

    def __init__(self, folder: Path) -> None:
        super().__init__(f"Studio Desktop is already open with the data folder {folder}")
        self.folder = folder


def server_name(data_root: Path) -> str:
    """The local server's name for a data folder: the same for every start on that folder."""
    digest = hashlib.sha256(str(data_root.resolve()).encode("utf-8")).hexdigest()[:20]
    return f"studio-desktop-{digest}"


class OneWindow(QObject):
    """This process's claim on its data folder's window, until `release()` or its end."""

    show_requested = Signal()  # another start asked for the window

    def __init__(self, lock: HeldFile, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = lock
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        # A socket file a crashed window left behind (macOS, Linux): we hold the lock, so no
        # live window owns it.
        QLocalServer.removeServer(name)
        if not self._server.listen(name):
            # Still the one window (the lock says so); a second start waits, then says so.
            log.warning(
                "cannot listen for other starts on %s: %s", name, self._server.errorString()
            )
        self._server.newConnection.connect(self._accept)

    def _accept(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.disconnected.connect(socket.deleteLater)
            socket.readyRead.connect(partial(self._read, socket))
            self._read(socket)  # what arrived before the connection was taken

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        if bytes(socket.readLine().data()) == ASK_TO_SHOW:
            log.info("another start of Studio Desktop asked for this window")
            socket.write(SHOWN)
            socket.flush()
            self.show_requested.emit()
        socket.disconnectFromServer()

    def stop_answering(self) -> None:
        """Quitting: later starts wait for the lock instead of asking this window."""
        self._server.close()

    def release(self) -> None:
        """Let the next start have the window (idempotent)."""
        self.stop_answering()
        self._lock.release()


def _allow_the_other_to_come_forward() -> None:
    """Windows lets only the foreground process (this one, just started by the user) bring
    another process's window to the front, and only if it says so."""
    if sys.platform == "win32":
        import ctypes

        asfw_any = -1
        ctypes.windll.user32.AllowSetForegroundWindow(asfw_any)


def ask_to_show(name: str) -> bool:
    """Ask the window listening on `name` to come forward; True once it says it did."""
    socket = QLocalSocket()
    try:
        socket.connectToServer(name)
        if not socket.waitForConnected(CONNECT_MS):
            return False
        _allow_the_other_to_come_forward()
        socket.write(ASK_TO_SHOW)
        if not socket.waitForBytesWritten(CONNECT_MS):
            return False
        answer = b""
        while not answer.endswith(b"\n"):
            if not socket.waitForReadyRead(ANSWER_MS):
                return False
            answer += bytes(socket.readAll().data())
        return answer == SHOWN
    finally:
        socket.abort()


def claim_window(
    data_root: Path,
    *,
    wait_s: float = WAIT_FOR_THE_OTHER_S,
    clock: Callable[[], float] = time.monotonic,
) -> OneWindow | None:
    """Take the data folder's window for this process (a `OneWindow`), or, when another
    process has it, ask that window to come forward and return None: this start should end.

    Raises WindowNotAnswering when the other window neither answers nor lets go in `wait_s`.
    Call it on the main thread with a QCoreApplication, before the window is made.
    """
    name = server_name(data_root)
    deadline = clock() + wait_s
    while True:
        lock = HeldFile.take(data_root / WINDOW_LOCK)
        if lock is not None:
            return OneWindow(lock, name)
        if ask_to_show(name):
            return None
        if clock() > deadline:
            raise WindowNotAnswering(data_root)
        time.sleep(RETRY_S)


def open_or_hand_over(app: QApplication, data_root: Path) -> OneWindow | int:
    """The window's first step: this process's claim on `data_root`, or the exit status of a
    start that handed over to the window already open (0) or found it not answering (1, after
    saying so). Raises OSError when the data folder cannot be written."""
    try:
        claim = claim_window(data_root)
    except WindowNotAnswering as exc:
        _say_not_answering(app, exc.folder)
        return 1
    if claim is None:
        # Nobody reads this after a double-click; someone who typed the command does.
        print(
            "Studio Desktop is already open with this data folder: its window was brought "
            f"forward ({data_root}).",
            file=sys.stderr,
        )
        return 0
    return claim


def _say_not_answering(app: QApplication, folder: Path) -> None:
    # Before the window exists, so its translator is not installed yet: in the user's
    # language all the same.
    translators = install_translator(app, load_settings(DataPaths(folder).settings).language)
    try:
        QMessageBox.critical(
            None,
            "Studio Desktop",
            QCoreApplication.translate(
                "OneWindow",
                "Studio Desktop is already open with this data folder, but it has not answered "
                "for {seconds} seconds. Close it, or end it in the Task Manager (Activity "
                "Monitor on macOS), then start Studio Desktop again.\n\nData folder: {folder}",
            ).format(seconds=round(WAIT_FOR_THE_OTHER_S), folder=folder),
        )
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def bring_forward(window: QWidget) -> None:
    """Show `window` in front, restored if minimized (as far as the desktop lets a program
    take the focus)."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
