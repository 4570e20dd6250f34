"""Rows jumped while a drag started (issue 11): a job that started or ended moved the waiting
rows under the pointer, so the drag took another job than the one pressed. The rows now hold
still from the press until the drag is over; what came meanwhile shows then."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import Job, JobStatus
from studio_desktop.ui.queue.model import JobIdRole
from studio_desktop.ui.queue.panel import QueuePanel
from studio_desktop.workers import WorkerPool
from tests.gui import test_queue_panel
from tests.gui.test_queue_panel import WAIT_MS, OpenPanel, enqueue, jobs_for, prompts

# The queue panel tests' fixtures: a pool with no server (jobs wait) and a shown panel.
idle_pool = test_queue_panel.idle_pool
open_panel = test_queue_panel.open_panel


def _press(panel: QueuePanel, row: int) -> QPoint:
    point = panel.view.visualRect(panel.model.index(row)).center()
    QTest.mousePress(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    return point


def _cancelled_elsewhere(qtbot: QtBot, pool: WorkerPool, job: Job) -> None:
    """Cancel `job` and wait until the pool has told the window (the model heard of it)."""
    told: list[Job] = []
    pool.job_changed.connect(lambda j: told.append(j) if j.id == job.id else None)
    pool.cancel(job.id)
    qtbot.waitUntil(lambda: any(j.status is JobStatus.CANCELLED for j in told), timeout=WAIT_MS)


def test_rows_do_not_move_under_a_pressed_row_until_it_is_let_go(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, open_panel: OpenPanel
) -> None:
    a, _b, c, _d = enqueue(idle_pool, jobs_for(None, "a", "b", "c", "d"))
    panel = open_panel(idle_pool)
    point = _press(panel, 2)  # "c", about to be dragged
    _cancelled_elsewhere(qtbot, idle_pool, a)  # the row above it goes meanwhile

    assert prompts(panel) == ["a", "b", "c", "d"]
    assert panel.view.indexAt(point).data(JobIdRole) == c.id  # still under the pointer

    QTest.mouseRelease(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert prompts(panel) == ["b", "c", "d"]
    assert panel.summary.text() == "3 waiting · 0 sampling"


def test_what_came_during_a_drag_shows_when_the_drag_ends(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, open_panel: OpenPanel
) -> None:
    a, _b, c = enqueue(idle_pool, jobs_for(None, "a", "b", "c"))
    panel = open_panel(idle_pool)
    _press(panel, 2)
    panel.select_jobs([c.id])
    _cancelled_elsewhere(qtbot, idle_pool, a)
    assert prompts(panel) == ["a", "b", "c"]
    # The drag's own loop takes the mouse release; its end lets the rows go.
    panel.view.startDrag(Qt.DropAction.MoveAction)
    assert prompts(panel) == ["b", "c"]
    assert [j.id for j in panel.selected_jobs()] == [c.id]


def test_a_right_click_does_not_hold_the_rows(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, open_panel: OpenPanel
) -> None:
    a, _b = enqueue(idle_pool, jobs_for(None, "a", "b"))
    panel = open_panel(idle_pool)
    point = panel.view.visualRect(panel.model.index(1)).center()
    QTest.mousePress(panel.view.viewport(), Qt.MouseButton.RightButton, pos=point)
    _cancelled_elsewhere(qtbot, idle_pool, a)
    assert prompts(panel) == ["b"]
    QTest.mouseRelease(panel.view.viewport(), Qt.MouseButton.RightButton, pos=point)
