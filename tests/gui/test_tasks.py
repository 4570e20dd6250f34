"""The one background-task helper: results on the GUI thread, dropped for dead owners and for
requests a newer one replaced, one shutdown."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from studio_desktop.workers.tasks import Reporter, Tasks, open_tasks

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


def test_reports_arrive_in_order_before_the_result(qtbot: QtBot, tasks: Tasks) -> None:
    seen: list[object] = []

    def count(report: Reporter) -> str:
        for n in range(3):
            report(n)
        return "end"

    tasks.run_reporting("export", count, seen.append, progress=seen.append)
    qtbot.waitUntil(lambda: "end" in seen)
    assert seen == [0, 1, 2, "end"]


def test_cancel_stops_a_reporting_task_and_drops_its_result(qtbot: QtBot, tasks: Tasks) -> None:
    started = threading.Event()
    stopped = threading.Event()
    results: list[str] = []

    def loop(report: Reporter) -> str:
        started.set()
        while not report.cancelled:
            threading.Event().wait(0.01)  # a step of work
        stopped.set()
        return "late"

    handle = tasks.run_reporting("export", loop, results.append)
    assert started.wait(5)
    handle.cancel()
    assert stopped.wait(5)
    assert handle.wait(5)
    tasks.deliver()
    assert results == [] and not handle.pending


def test_shutdown_cancels_reporting_tasks_under_way(qtbot: QtBot) -> None:
    runner = Tasks()
    started = threading.Event()

    def loop(report: Reporter) -> None:
        started.set()
        while not report.cancelled:
            threading.Event().wait(0.01)

    runner.run_reporting("thumbnails", loop)
    assert started.wait(5)
    assert runner.shutdown(5.0)
    assert runner not in open_tasks()


def test_wait_returns_once_the_function_has_run(qtbot: QtBot, tasks: Tasks) -> None:
    release = threading.Event()
    handle = tasks.run("network", lambda: release.wait(5))
    assert not handle.wait(0)
    release.set()
    assert handle.wait(5)


def test_reports_for_a_deleted_owner_are_dropped(qtbot: QtBot, tasks: Tasks) -> None:
    release = threading.Event()
    widget = QWidget()
    seen: list[object] = []

    def late(report: Reporter) -> str:
        release.wait(5)
        report("frame")
        return "end"

    handle = tasks.run_reporting("decode", late, seen.append, progress=seen.append, owner=widget)
    widget.deleteLater()
    qtbot.waitUntil(lambda: not _alive(widget))
    release.set()
    qtbot.waitUntil(lambda: not handle.pending)
    assert seen == []


def test_drop_forgets_the_newest_request_of_an_owner_and_key(qtbot: QtBot, tasks: Tasks) -> None:
    owner = QObject()
    release = threading.Event()
    results: list[str] = []
    handle = tasks.run(
        "read", lambda: release.wait(5) and "old", results.append, owner=owner, key="image"
    )
    tasks.drop(owner, "image")
    assert not handle.pending
    release.set()
    assert handle.wait(5)
    tasks.deliver()
    assert results == []


def _alive(obj: QObject) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)
