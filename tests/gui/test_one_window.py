"""One window per data folder, in one process: the claim, the question a second start asks,
and a window that is quitting or does not answer. The whole app, started twice, is in
tests/integration/test_second_start.py."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from studio_desktop.core.file_lock import HeldFile
from studio_desktop.ui.one_window import (
    WINDOW_LOCK,
    OneWindow,
    WindowNotAnswering,
    bring_forward,
    claim_window,
    server_name,
)

WAIT_MS = 60_000


SECOND_START = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from studio_desktop.ui.one_window import WindowNotAnswering, claim_window
app = QCoreApplication([])
try:
    claim = claim_window(Path(sys.argv[1]), wait_s=float(sys.argv[2]))
except WindowNotAnswering:
    print("not answering")
else:
    print("handed over" if claim is None else "opened")
    if claim is not None:
        claim.release()
"""


class SecondStart:
    """`claim_window` in another process, as a second start calls it (a thread would not do:
    the first window answers from this process's event loop, which a thread blocked in Qt's
    socket waits would starve of the GIL)."""

    def __init__(self, root: Path, wait_s: float = 60.0) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-c", SECOND_START, str(root), str(wait_s)],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )

    def finished(self) -> bool:
        return self._process.poll() is not None

    def outcome(self) -> str:
        stdout, _ = self._process.communicate(timeout=WAIT_MS / 1000)
        assert self._process.returncode == 0
        return stdout.strip()


def test_a_second_start_asks_the_open_window_to_come_forward(qtbot: QtBot, tmp_path: Path) -> None:
    first = claim_window(tmp_path)
    assert isinstance(first, OneWindow)
    try:
        with qtbot.waitSignal(first.show_requested, timeout=WAIT_MS):
            second = SecondStart(tmp_path)
        qtbot.waitUntil(second.finished, timeout=WAIT_MS)
        assert second.outcome() == "handed over"  # this start ends
    finally:
        first.release()


def test_a_start_while_the_window_quits_waits_for_it_and_opens(tmp_path: Path) -> None:
    """A restart after a language change: the old process still holds the lock while it
    stops; the new start must wait and open, not give up or hand over to a window going away.
    The old window lets go after the new start has found it held and found nobody to ask."""
    first = claim_window(tmp_path)
    assert isinstance(first, OneWindow)
    first.stop_answering()
    looks = itertools.count()

    def clock() -> float:
        if next(looks) == 1:  # 0: the deadline is set; 1: after the first unanswered ask
            first.release()
        return 0.0

    second = claim_window(tmp_path, wait_s=60, clock=clock)
    try:
        assert isinstance(second, OneWindow)
        assert next(looks) == 2  # it did wait: the lock was held when it first tried
    finally:
        assert second is not None
        second.release()


def test_a_window_that_holds_the_folder_but_never_answers_is_reported(tmp_path: Path) -> None:
    held = HeldFile.take(tmp_path / WINDOW_LOCK)  # a live holder with nobody listening
    assert held is not None
    try:
        clock = itertools.count().__next__  # every look at the clock: one second later
        with pytest.raises(WindowNotAnswering) as raised:
            claim_window(tmp_path, wait_s=3, clock=clock)
        assert raised.value.folder == tmp_path
    finally:
        held.release()


def test_each_data_folder_has_its_own_window(tmp_path: Path) -> None:
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    assert server_name(tmp_path / "a") == server_name(tmp_path / "x" / ".." / "a")
    first = claim_window(tmp_path / "a")
    other = claim_window(tmp_path / "b")
    try:
        assert isinstance(first, OneWindow) and isinstance(other, OneWindow)
    finally:
        for claim in (first, other):
            if claim is not None:
                claim.release()


def test_a_minimized_window_asked_for_comes_back(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized, timeout=WAIT_MS)
    bring_forward(window)
    qtbot.waitUntil(lambda: not window.isMinimized(), timeout=WAIT_MS)
    assert window.isVisible()
