"""The queue panel's pause button (all servers or one) and batch groups as one expandable row:
n of m done, cancel, retry failed, pin, pause a group; every write through the operations
thread, against a real store and pool."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QTreeWidget
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.groups import GroupKind, NewGroup
from studio_desktop.core.jobs import GenerationParams, JobError, JobStatus, NewJob
from studio_desktop.core.servers import ServerConfig
from studio_desktop.core.settings import Settings
from studio_desktop.ui.queue.groups import sync_children
from studio_desktop.ui.queue.panel import QueuePanel
from studio_desktop.ui.services import Services
from studio_desktop.workers import WorkerPool
from tests.gui.conftest import PoolFactory, db
from tests.gui.menus import menus_of, right_click_times

WAIT_MS = 20_000
SERVER = "http://127.0.0.1:1"  # nothing listens: jobs wait


def jobs(n: int, prompt: str = "a cat") -> list[NewJob]:
    return [
        NewJob("txt2img", GenerationParams(prompt=f"{prompt} {i}", seed=i, steps=2))
        for i in range(n)
    ]


OpenPanel = Callable[[WorkerPool], QueuePanel]


@pytest.fixture
def open_panel(qtbot: QtBot, ctx: AppContext) -> Iterator[OpenPanel]:
    def make(pool: WorkerPool) -> QueuePanel:
        panel = QueuePanel(Services(ctx, pool, Settings()))
        qtbot.addWidget(panel)
        panel.resize(380, 560)
        panel.show()
        qtbot.waitExposed(panel, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: panel.model.is_loaded, timeout=WAIT_MS)
        return panel

    yield make


def test_pause_and_resume_all_or_one_server(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory, open_panel: OpenPanel
) -> None:
    pool = make_pool(ServerConfig(SERVER, "Box"))
    panel = open_panel(pool)
    assert not panel.pause_button.isChecked() and panel.pause_button.text() == "Pause"
    panel.pause_button.click()
    qtbot.waitUntil(lambda: panel.pause_state.all_servers, timeout=WAIT_MS)
    assert db(ctx).queue_pause().all_servers
    assert panel.pause_button.text() == "Resume" and panel.summary_text().startswith("Paused")
    panel.pause_button.click()
    qtbot.waitUntil(lambda: not panel.pause_state.all_servers, timeout=WAIT_MS)
    # One server, from the button's menu.
    panel._fill_server_menu()
    (action,) = panel._server_menu.actions()
    assert action.text() == "Pause Box"
    action.trigger()
    qtbot.waitUntil(lambda: SERVER in panel.pause_state.servers, timeout=WAIT_MS)
    assert db(ctx).queue_pause().servers == {SERVER}
    assert not panel.summary_text().startswith("Paused")


def test_a_paused_queue_shows_as_paused_when_the_panel_opens(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory, open_panel: OpenPanel
) -> None:
    db(ctx).pause_queue()  # say, by `studio-desktop queue pause` before the window opened
    panel = open_panel(make_pool(ServerConfig(SERVER)))
    qtbot.waitUntil(lambda: panel.pause_button.isChecked(), timeout=WAIT_MS)


def test_a_group_is_one_expandable_row_with_its_progress(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory, open_panel: OpenPanel
) -> None:
    pool = make_pool(ServerConfig(SERVER, "Box"))
    panel = open_panel(pool)
    group = NewGroup("a cat")
    pool.enqueue(jobs(3), group).result(timeout=WAIT_MS / 1000)
    single = pool.enqueue(jobs(1, "a dog")).result(timeout=WAIT_MS / 1000)[0]
    qtbot.waitUntil(lambda: panel.groups.topLevelItemCount() == 1, timeout=WAIT_MS)
    top = panel.groups.topLevelItem(0)
    assert top is not None
    assert top.text(0) == "0 of 3 done · a cat"
    assert top.childCount() == 3
    # The group's jobs are under its row, not in the list; the single job is in the list.
    visible = [
        panel.model.entry(r).job.id
        for r in range(panel.model.rowCount())
        if not panel.view.isRowHidden(r)
    ]
    assert visible == [single.id]

    # A failed job counts as done; "Retry failed" queues it again in one transaction.
    first = db(ctx).group_jobs(group.id)[0]
    db(ctx).claim_next(SERVER, can_run=lambda j: j.id == first.id)
    db(ctx).fail(first.id, JobError("boom", "it broke"))  # the watcher brings the change
    qtbot.waitUntil(lambda: "1 of 3 done" in _top_text(panel), timeout=WAIT_MS)
    assert "1 failed" in _top_text(panel)
    menu = panel.groups.group_menu(group.id)
    assert menu is not None
    texts = [a.text() for a in menu.actions()]
    assert texts[:3] == ["Pause group", "Retry failed", "Run on"]
    panel.retry_group(group.id)
    qtbot.waitUntil(
        lambda: db(ctx).get_job(first.id).status is JobStatus.PENDING,  # type: ignore[union-attr]
        timeout=WAIT_MS,
    )

    # Pause the group, pin it, cancel it: each through the operations thread.
    panel.pause_group(group.id, True)
    qtbot.waitUntil(lambda: "paused" in _top_text(panel), timeout=WAIT_MS)
    panel.pin_group(group.id, SERVER)
    qtbot.waitUntil(lambda: "on " in _top_text(panel), timeout=WAIT_MS)
    assert all(j.pinned and j.server == SERVER for j in db(ctx).group_jobs(group.id))
    panel.cancel_group(group.id)
    qtbot.waitUntil(lambda: panel.groups.topLevelItemCount() == 0, timeout=WAIT_MS)
    assert not panel.groups.isVisible()
    assert {j.status for j in db(ctx).group_jobs(group.id)} == {JobStatus.CANCELLED}


def test_a_forever_group_of_one_job_has_a_row(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory, open_panel: OpenPanel
) -> None:
    pool = make_pool(ServerConfig(SERVER))
    panel = open_panel(pool)
    group = NewGroup("a fox", kind=GroupKind.FOREVER)
    pool.enqueue(jobs(1, "a fox"), group).result(timeout=WAIT_MS / 1000)
    qtbot.waitUntil(lambda: panel.groups.topLevelItemCount() == 1, timeout=WAIT_MS)
    assert _top_text(panel) == "forever: 0 done · a fox"


def _top_text(panel: QueuePanel) -> str:
    top = panel.groups.topLevelItem(0)
    return top.text(0) if top is not None else ""


def test_a_pause_by_another_process_shows_and_a_job_can_be_pinned(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory, open_panel: OpenPanel
) -> None:
    pool = make_pool(ServerConfig(SERVER, "Box"))
    panel = open_panel(pool)
    (job,) = pool.enqueue(jobs(1, "a dog")).result(timeout=WAIT_MS / 1000)
    db(ctx).pause_queue()  # the CLI, say: no job changes, the panel reads it again itself
    qtbot.waitUntil(lambda: panel.pause_button.isChecked(), timeout=WAIT_MS)
    panel.pin_jobs([job], SERVER)
    qtbot.waitUntil(
        lambda: db(ctx).get_job(job.id).pinned,  # type: ignore[union-attr]
        timeout=WAIT_MS,
    )
    assert db(ctx).get_job(job.id).server == SERVER  # type: ignore[union-attr]


def on_a_box(make_pool: PoolFactory, open_panel: OpenPanel) -> tuple[WorkerPool, QueuePanel]:
    """The panel over a pool whose one server never answers: queued jobs wait."""
    pool = make_pool(ServerConfig(SERVER, "Box"))
    return pool, open_panel(pool)


def test_fifty_right_clicks_on_queued_jobs_and_groups_leave_no_menus_behind(
    qtbot: QtBot, make_pool: PoolFactory, open_panel: OpenPanel
) -> None:
    pool, panel = on_a_box(make_pool, open_panel)
    pool.enqueue(jobs(3), NewGroup("a cat")).result(timeout=WAIT_MS / 1000)
    pool.enqueue(jobs(1, "a dog")).result(timeout=WAIT_MS / 1000)
    qtbot.waitUntil(lambda: panel.groups.topLevelItemCount() == 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 4, timeout=WAIT_MS)
    single = next(r for r in range(panel.model.rowCount()) if not panel.view.isRowHidden(r))
    job_at = panel.view.visualRect(panel.model.index(single, 0)).center()
    top = panel.groups.topLevelItem(0)
    assert top is not None
    group_at = panel.groups.visualItemRect(top).center()
    before = menus_of(panel)
    for right_click in (
        lambda: panel.view.customContextMenuRequested.emit(job_at),
        lambda: panel.groups.customContextMenuRequested.emit(group_at),
    ):
        assert right_click_times(qtbot, panel, right_click, 50) == before


def test_the_queue_job_menu_is_built_in_one_place_and_inspectable(
    qtbot: QtBot, make_pool: PoolFactory, open_panel: OpenPanel
) -> None:
    pool, panel = on_a_box(make_pool, open_panel)
    (job,) = pool.enqueue(jobs(1, "a dog")).result(timeout=WAIT_MS / 1000)
    menu = panel.build_menu([job])
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["Move to front", "Retry", "Copy prompt", "Run on", "Cancel", "Cancel all…"]
    assert menu.actions()[0].isEnabled() and not menu.actions()[1].isEnabled()


def test_the_group_rows_keep_the_selection_and_scroll_position_as_their_jobs_change(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory, open_panel: OpenPanel
) -> None:
    pool, panel = on_a_box(make_pool, open_panel)
    pool.enqueue(jobs(12), NewGroup("a cat")).result(timeout=WAIT_MS / 1000)
    dogs = pool.enqueue(jobs(3, "a dog"), NewGroup("a dog")).result(timeout=WAIT_MS / 1000)
    tree = panel.groups
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 2, timeout=WAIT_MS)
    first = tree.topLevelItem(0)
    assert first is not None and first.childCount() == 12
    first.setExpanded(True)
    chosen = first.child(6)
    tree.setCurrentItem(chosen)
    bar = tree.verticalScrollBar()
    assert bar.maximum() > 0  # the open group is taller than the rows' room
    bar.setValue(bar.maximum())
    scrolled = bar.value()
    # A job of the other group fails: its row's text changes.
    db(ctx).claim_next(SERVER, can_run=lambda j: j.id == dogs[0].id)
    db(ctx).fail(dogs[0].id, JobError("boom", "it broke"))

    def dog_row_says_failed() -> bool:
        second = tree.topLevelItem(1)
        return second is not None and "1 failed" in second.text(0)

    qtbot.waitUntil(dog_row_says_failed, timeout=WAIT_MS)
    assert tree.topLevelItem(0) is first and first.child(6) is chosen  # updated, not rebuilt
    assert first.isExpanded() and tree.currentItem() is chosen and chosen.isSelected()
    assert bar.value() == scrolled


def test_a_group_moved_to_the_front_keeps_its_row_open(qtbot: QtBot) -> None:
    tree = QTreeWidget()
    qtbot.addWidget(tree)
    root = tree.invisibleRootItem()
    sync_children(root, [("a", "A", "A"), ("b", "B", "B"), ("c", "C", "C")])
    first = tree.topLevelItem(0)
    assert first is not None
    sync_children(first, [("j1", "1", "1"), ("j2", "2", "2")])
    first.setExpanded(True)
    sync_children(root, [("c", "C · 1 failed", "C"), ("a", "A", "A"), ("d", "D", "D")])
    texts = [item.text(0) for item in map(tree.topLevelItem, range(3)) if item is not None]
    assert texts == ["C · 1 failed", "A", "D"]
    assert tree.topLevelItem(1) is first and first.isExpanded() and first.childCount() == 2
