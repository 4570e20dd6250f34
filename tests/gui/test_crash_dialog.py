"""The crash dialog: errors from worker threads reach it on the GUI thread, it shows where the
log is, it can be switched off, and it never stacks or recurses."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QThread
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from studio_desktop.core.errors import RERAISE_ENV, install_excepthooks
from studio_desktop.ui.crash_dialog import CrashDialog, CrashReporter

WAIT_MS = 10_000


@pytest.fixture(autouse=True)
def _no_reraise(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(RERAISE_ENV, raising=False)


@pytest.fixture
def logs(tmp_path: Path) -> Path:
    return tmp_path / "logs"


class Shown:
    """Records each dialog shown and whether that happened on the GUI thread."""

    def __init__(self, reporter: CrashReporter) -> None:
        self.dialogs: list[CrashDialog] = []
        self.on_gui_thread: list[bool] = []
        reporter.dialog_shown.connect(self._record)

    def _record(self, dialog: CrashDialog) -> None:
        app = QCoreApplication.instance()
        assert app is not None
        self.on_gui_thread.append(QThread.currentThread() is app.thread())
        self.dialogs.append(dialog)


@pytest.fixture
def reporter(qtbot: QtBot, logs: Path) -> Iterator[CrashReporter]:
    crash = CrashReporter()
    uninstall = install_excepthooks(logs, crash.report)
    yield crash
    uninstall()
    crash.close()
    crash.deleteLater()


def fail_in_thread(message: str = "worker exploded") -> None:
    def boom() -> None:
        raise ValueError(message)

    thread = threading.Thread(target=boom, name="render-worker")
    thread.start()
    thread.join(10)
    assert not thread.is_alive()


def test_error_in_a_thread_shows_the_dialog_on_the_gui_thread(
    qtbot: QtBot, reporter: CrashReporter, logs: Path
) -> None:
    shown = Shown(reporter)
    fail_in_thread()
    qtbot.waitUntil(lambda: bool(shown.dialogs), timeout=WAIT_MS)

    assert shown.on_gui_thread == [True]
    dialog = shown.dialogs[0]
    assert dialog.isVisible()
    [crash_log] = sorted(logs.glob("crash-*.log"))
    assert dialog.path_field.text() == str(crash_log)
    assert dialog.path_field.isReadOnly()
    assert "ValueError: worker exploded (in thread render-worker)" in dialog.message_label.text()

    dialog.continue_button.click()
    assert reporter.dialog is None


def test_disabled_reporter_logs_without_a_dialog(qtbot: QtBot, logs: Path) -> None:
    crash = CrashReporter(enabled=False)
    shown = Shown(crash)
    uninstall = install_excepthooks(logs, crash.report)
    try:
        fail_in_thread()
        # A report would have been queued before join() returned; deliver anything pending.
        QCoreApplication.processEvents()
        QCoreApplication.processEvents()
    finally:
        uninstall()
        crash.close()
    assert shown.dialogs == [] and crash.dialog is None
    assert len(list(logs.glob("crash-*.log"))) == 1


def test_errors_while_open_are_counted_not_stacked(
    qtbot: QtBot, reporter: CrashReporter, logs: Path
) -> None:
    shown = Shown(reporter)
    fail_in_thread("first")
    qtbot.waitUntil(lambda: bool(shown.dialogs), timeout=WAIT_MS)
    dialog = shown.dialogs[0]

    fail_in_thread("second")
    fail_in_thread("third")
    qtbot.waitUntil(lambda: dialog.more_errors == 2, timeout=WAIT_MS)
    assert len(shown.dialogs) == 1
    assert dialog.more_label.isVisible()
    assert "2" in dialog.more_label.text()
    assert len(list(logs.glob("crash-*.log"))) == 3
    dialog.continue_button.click()


def test_an_error_inside_the_dialog_only_logs(
    qtbot: QtBot, reporter: CrashReporter, logs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = Shown(reporter)
    fail_in_thread()
    qtbot.waitUntil(lambda: bool(shown.dialogs), timeout=WAIT_MS)
    dialog = shown.dialogs[0]

    def broken() -> None:
        raise RuntimeError("clipboard gone")

    # An exception in a slot reaches sys.excepthook (our sink) like any unhandled error.
    dialog.copy_button.clicked.disconnect()
    dialog.copy_button.clicked.connect(broken)
    dialog.copy_button.click()
    qtbot.waitUntil(lambda: dialog.more_errors == 1, timeout=WAIT_MS)
    assert len(shown.dialogs) == 1
    assert len(list(logs.glob("crash-*.log"))) == 2
    dialog.continue_button.click()


def test_copy_details_has_the_traceback(qtbot: QtBot, reporter: CrashReporter, logs: Path) -> None:
    shown = Shown(reporter)
    fail_in_thread()
    qtbot.waitUntil(lambda: bool(shown.dialogs), timeout=WAIT_MS)
    dialog = shown.dialogs[0]
    dialog.copy_button.click()
    text = QGuiApplication.clipboard().text()
    assert "Traceback (most recent call last)" in text
    assert dialog.path_field.text() in text
    dialog.continue_button.click()


def test_quit_calls_the_quit_handler(qtbot: QtBot, logs: Path) -> None:
    quits: list[bool] = []
    crash = CrashReporter(on_quit=lambda: quits.append(True))
    shown = Shown(crash)
    crash.report("RuntimeError: boom", logs / "crash-1.log")
    qtbot.waitUntil(lambda: bool(shown.dialogs), timeout=WAIT_MS)
    shown.dialogs[0].quit_button.click()
    assert quits == [True]
    assert crash.dialog is None
    crash.close()


def test_a_missing_log_still_gives_details(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = CrashDialog("RuntimeError: boom", tmp_path / "nope.log")
    qtbot.addWidget(dialog)
    assert "could not be read" in dialog.details()
