"""The window's writes (workers/operations.py) against a real store and pool: they run on the
operations thread, in order, their outcomes come back on the GUI thread, and a refusal is both
handed to the caller and reported through the pool's operation_failed."""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any

import pytest
from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import GenerationParams, NewImage, NewJob
from studio_desktop.core.store import DuplicateServer, ImageNotFound, WrongThread
from studio_desktop.workers.operations import ServerChange, when_done
from studio_desktop.workers.read_view import ReadView
from tests.gui.conftest import PoolFactory, db

WAIT_MS = 10_000
SERVER = "http://127.0.0.1:1"


def add_image(ctx: AppContext) -> int:
    job = db(ctx).add_job(NewJob("txt2img", GenerationParams(prompt="x")))
    assert db(ctx).claim_next(SERVER) is not None
    (record,) = db(ctx).complete(
        job.id,
        [NewImage(0, f"outputs/{job.id}.png", thumb_path=None, width=8, height=8, bytes=1)],
    )
    return record.id


def test_writes_run_on_the_operations_thread_and_answer_on_the_gui_thread(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory
) -> None:
    pool = make_pool()
    image_id = add_image(ctx)
    gui = QThread.currentThread()
    with pytest.raises(WrongThread):  # this (GUI) thread may not write: the writes below
        ctx.store.set_favourite([image_id], True)  # succeed, so they ran elsewhere
    results: list[tuple[Any, bool]] = []

    def record(value: Any) -> None:
        results.append((value, QThread.currentThread() is gui))

    futures: list[Future[Any]] = [
        pool.operations.set_favourite([image_id], True),
        pool.operations.set_tags([(image_id, [" Sky ", "sky", "sea"])]),
        pool.operations.trash_images([image_id]),
    ]
    for future in futures:
        when_done(pool.tasks, future, record)
    qtbot.waitUntil(lambda: len(results) == 3, timeout=WAIT_MS)
    assert all(on_gui for _value, on_gui in results)
    favoured, (tagged,), trashed = (value for value, _on_gui in results)  # in submission order
    assert favoured is None and trashed == 1
    assert tagged.tags == ("Sky", "sea") and tagged.favourite
    stored = db(ctx).get_image(image_id)
    assert stored is not None and stored.deleted and stored.favourite


def test_a_refusal_reaches_the_caller_and_the_status_bar(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory
) -> None:
    pool = make_pool()
    errors: list[Exception] = []
    with qtbot.waitSignal(pool.operation_failed, timeout=WAIT_MS) as signal:
        when_done(pool.tasks, pool.operations.set_tags([(999, ["x"])]), failed=errors.append)
    assert [str(arg) for arg in signal.args] == ["This image no longer exists."]
    qtbot.waitUntil(lambda: bool(errors), timeout=WAIT_MS)
    assert isinstance(errors[0], ImageNotFound)


def test_a_server_change_updates_the_registry_then_the_pool(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory
) -> None:
    pool = make_pool()
    added: list[str] = []
    pool.server_changed.connect(lambda status: added.append(status.url))
    changes: list[ServerChange] = []
    errors: list[Exception] = []
    url = "http://127.0.0.1:9"
    when_done(pool.tasks, pool.operations.add_server("Nine", url, None, depth=1), changes.append)
    when_done(
        pool.tasks,
        pool.operations.add_server("Again", url, None, depth=1),
        changes.append,
        failed=errors.append,
    )
    qtbot.waitUntil(lambda: bool(changes) and bool(errors), timeout=WAIT_MS)
    (change,) = changes
    assert change.record is not None and change.record.name == "Nine"
    assert [r.url for r in change.servers] == [url]
    assert isinstance(errors[0], DuplicateServer)
    qtbot.waitUntil(lambda: url in added, timeout=WAIT_MS)
    assert [s.url for s in pool.statuses()] == [url]

    removed: list[ServerChange] = []
    when_done(pool.tasks, pool.operations.remove_server(change.record.id, depth=1), removed.append)
    qtbot.waitUntil(lambda: bool(removed), timeout=WAIT_MS)
    assert removed[0].record is None and removed[0].servers == []
    # An empty registry means the local default, as at start.
    qtbot.waitUntil(lambda: url not in [s.url for s in pool.statuses()], timeout=WAIT_MS)


def test_the_read_view_refuses_the_gui_thread_and_works_in_a_task(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory
) -> None:
    pool = make_pool(start=False)
    reads = ReadView(ctx.store)
    with pytest.raises(WrongThread):
        reads.list_servers()
    got: list[int] = []
    pool.tasks.run("read", lambda: reads.count_by_status(), lambda c: got.append(len(c)))
    qtbot.waitUntil(lambda: bool(got), timeout=WAIT_MS)
    assert got[0] > 0  # every state is present
