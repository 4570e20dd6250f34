"""Cyclic garbage is collected on the GUI thread, never on the worker that dropped it: a Qt
object destroyed on a worker thread deadlocked the GUI thread (ui/gui_collector.py)."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from studio_desktop.ui.gui_collector import GuiThreadCollector


class _Cycle:
    """An object in a reference cycle that says on which thread it was freed."""

    def __init__(self, freed_on: list[str]) -> None:
        self.me = self
        self.qt = QObject()  # what made it dangerous: a Qt object inside the cycle
        self._freed_on = freed_on

    def __del__(self) -> None:
        self._freed_on.append(threading.current_thread().name)


def test_a_cycle_dropped_on_a_worker_thread_is_freed_on_the_gui_thread(qtbot: QtBot) -> None:
    assert not gc.isenabled()  # the session's collector (conftest), as in the app
    freed_on: list[str] = []
    kept: list[list[list[int]]] = []

    def worker() -> None:
        _Cycle(freed_on)  # unreachable at once: only a collection frees it
        # Allocate well past every threshold and keep it (the count is of objects alive since
        # the last collection): an automatic collector would run here, on this thread.
        kept.append([[i] for i in range(gc.get_threshold()[0] * 50)])

    thread = threading.Thread(target=worker, name="test-worker")
    thread.start()
    thread.join()
    assert freed_on == []  # the worker collected nothing

    qtbot.waitUntil(lambda: freed_on != [], timeout=10_000)  # the GUI thread's timer did

    assert freed_on == [threading.main_thread().name]
    kept.clear()


def test_check_collects_the_generation_that_is_due_and_nothing_otherwise() -> None:
    collector = GuiThreadCollector()
    gc.collect()
    assert collector.check() == -1
    junk = [[i] for i in range(gc.get_threshold()[0] * 2)]
    assert collector.check() == 0
    del junk


def test_stop_gives_collection_back_only_if_it_was_on() -> None:
    collector = GuiThreadCollector()
    assert not gc.isenabled()  # the session's collector has it
    collector.start()
    collector.stop()
    assert not gc.isenabled()  # it was off when this one started: stays off
    gc.enable()
    try:
        collector.start()
        assert not gc.isenabled()
        collector.stop()
        assert gc.isenabled()
    finally:
        gc.disable()
