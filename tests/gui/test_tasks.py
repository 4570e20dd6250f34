"""The one background-task helper: results on the GUI thread, dropped for dead owners and for
requests a newer one replaced, one shutdown."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from studio_desktop.workers.tasks import Tasks

WAIT_S = 20.0  # generous: only reached when something is broken, however busy the machine
WAIT_MS = int(WAIT_S * 1000)


@pytest.fixture
def tasks(qtbot: QtBot) -> Iterator[Tasks]:
    runner = Tasks()
    yield runner
    assert runner.shutdown(5.0)


def test_result_arrives_on_the_gui_thread(qtbot: QtBot, tasks: Tasks) -> None:
    seen: list[tuple[int, bool]] = []
    gui = QThread.currentThread()
    tasks.run("read", lambda: 41 + 1, lambda v: seen.append((v, QThread.currentThread() is gui)))
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT_MS)
    assert seen == [(42, True)]


def test_failure_goes_to_failed(qtbot: QtBot, tasks: Tasks) -> None:
    errors: list[Exception] = []

    def boom() -> int:
        raise ValueError("bad")

    tasks.run("read", boom, lambda _v: None, failed=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=WAIT_MS)
    assert str(errors[0]) == "bad"


def test_result_for_a_deleted_widget_is_dropped(qtbot: QtBot, tasks: Tasks) -> None:
    """The crash users saw: a background callback reached a widget that was already gone."""
    release = threading.Event()
    widget = QWidget()
    calls: list[int] = []
    handle = tasks.run("decode", lambda: release.wait(WAIT_S) and 1, calls.append, owner=widget)
    widget.deleteLater()
    qtbot.waitUntil(lambda: not _alive(widget), timeout=WAIT_MS)
    release.set()
    qtbot.waitUntil(lambda: not handle.pending, timeout=WAIT_MS)
    assert calls == []


def test_newer_request_with_the_same_key_replaces_the_older(qtbot: QtBot, tasks: Tasks) -> None:
    owner = QObject()
    first_may_end = threading.Event()
    results: list[str] = []
    first = tasks.run(
        "read", lambda: first_may_end.wait(WAIT_S) and "old", results.append, owner=owner, key="t"
    )
    second = tasks.run("read", lambda: "new", results.append, owner=owner, key="t")
    qtbot.waitUntil(lambda: not second.pending, timeout=WAIT_MS)
    first_may_end.set()
    qtbot.waitUntil(lambda: not first.pending, timeout=WAIT_MS)
    assert results == ["new"]


def test_other_keys_do_not_replace_each_other(qtbot: QtBot, tasks: Tasks) -> None:
    owner = QObject()
    results: list[str] = []
    tasks.run("read", lambda: "a", results.append, owner=owner, key="a")
    tasks.run("read", lambda: "b", results.append, owner=owner, key="b")
    qtbot.waitUntil(lambda: len(results) == 2, timeout=WAIT_MS)
    assert sorted(results) == ["a", "b"]


def test_shutdown_drops_results_and_refuses_new_work(qtbot: QtBot) -> None:
    runner = Tasks()
    release = threading.Event()
    results: list[int] = []
    runner.run("read", lambda: release.wait(WAIT_S) and 1, results.append)
    release.set()
    assert runner.shutdown(5.0)
    runner.deliver()
    late = runner.run("read", lambda: 2, results.append)
    assert not late.pending
    assert results == []


def _alive(obj: QObject) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)
