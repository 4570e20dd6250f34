"""A large batch reaches the window as blocks, not row by row (issue 15, bench.sweep_queue):
the bridge hands each run of new jobs over at once (`jobs_added`), the queue panel and History
insert a run as one block, and a group's jobs that arrive together are folded at once instead
of painted in the list until their group's progress is read."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.engine import JobStateChanged
from studio_desktop.core.groups import GroupKind, NewGroup
from studio_desktop.core.jobs import GenerationParams, Job, JobStatus, NewJob
from studio_desktop.core.servers import ServerConfig
from studio_desktop.core.settings import Settings
from studio_desktop.ui.history.tab import HistoryTab
from studio_desktop.ui.queue.panel import QueuePanel
from studio_desktop.ui.services import Services
from studio_desktop.ui.thumbnails import ThumbnailLoader
from tests.gui.conftest import PoolFactory, db

WAIT_MS = 20_000
SERVER = "http://127.0.0.1:1"  # nothing listens: jobs wait


def _sweep(ctx: AppContext, n: int) -> tuple[NewGroup, list[Job]]:
    group = NewGroup("a fox", kind=GroupKind.SWEEP)
    jobs = db(ctx).add_jobs(
        [NewJob("txt2img", GenerationParams(f"a fox {i}", seed=i)) for i in range(n)],
        group=group,
    )
    return group, jobs


def _inserts(model: object) -> list[tuple[int, int]]:
    seen: list[tuple[int, int]] = []
    model.rowsInserted.connect(  # type: ignore[attr-defined]
        lambda _parent, first, last: seen.append((first, last))
    )
    return seen


@pytest.fixture
def loader(ctx: AppContext) -> Iterator[ThumbnailLoader]:
    thumbs = ThumbnailLoader(ctx.paths)
    yield thumbs
    thumbs.shutdown()


def test_the_bridge_hands_over_each_run_of_new_jobs_at_once(
    ctx: AppContext, make_pool: PoolFactory
) -> None:
    pool = make_pool(start=False)
    _group, (a, b, c, d) = _sweep(ctx, 4)
    order: list[tuple[str, list[str]]] = []
    pool.jobs_added.connect(lambda jobs: order.append(("added", [j.id for j in jobs])))
    pool.job_changed.connect(lambda job: order.append(("changed", [job.id])))
    running = db(ctx).claim_next(SERVER, can_run=lambda j: j.id == a.id)
    assert running is not None
    for event in (a, b, c, running, d):
        pool.buffer.push(JobStateChanged(event))
    pool.drain()
    # The run of three ends where a's change comes, so a is listed before it changes.
    assert order == [
        ("added", [a.id, b.id, c.id]),
        ("changed", [a.id]),
        ("added", [d.id]),
    ]


def test_the_queue_panel_inserts_a_batch_as_one_block_already_folded(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory
) -> None:
    panel = QueuePanel(Services(ctx, make_pool(ServerConfig(SERVER)), Settings()))
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.model.is_loaded, timeout=WAIT_MS)
    (single,) = db(ctx).add_jobs([NewJob("txt2img", GenerationParams("alone"))])
    panel.model.add_many([single])
    group, jobs = _sweep(ctx, 5)
    inserts = _inserts(panel.model)
    hidden: list[bool] = []
    # Connected after the panel's own slot: what the view holds right after the insert.
    panel.model.rowsInserted.connect(
        lambda _p, first, last: hidden.extend(
            panel.view.isRowHidden(r) for r in range(first, last + 1)
        )
    )
    panel.model.add_many(jobs)
    assert inserts == [(1, 5)]
    assert hidden == [True] * 5  # under the group's row, never painted in the list
    assert not panel.view.isRowHidden(0)  # the lone job stays in the list
    assert panel.model.job_ids() == [single.id, *(j.id for j in jobs)]
    assert panel.summary.text() == "6 waiting · 0 sampling"
    qtbot.waitUntil(lambda: panel.groups.topLevelItemCount() == 1, timeout=WAIT_MS)
    top = panel.groups.topLevelItem(0)
    assert top is not None and top.childCount() == 5
    assert {panel.model.entry(r).job.group_id for r in range(6) if panel.view.isRowHidden(r)} == {
        group.id
    }


def test_history_inserts_a_batch_as_one_block_and_folds_its_group_at_once(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory, loader: ThumbnailLoader
) -> None:
    (before,) = db(ctx).add_jobs([NewJob("txt2img", GenerationParams("before"))])
    tab = HistoryTab(Services(ctx, make_pool(), Settings()), loader)
    qtbot.addWidget(tab)
    tab.resize(1100, 600)
    tab.show()
    model, table = tab.model, tab.table
    qtbot.waitUntil(lambda: model.rowCount() == 1 and not model.loading, timeout=WAIT_MS)
    group, jobs = _sweep(ctx, 5)
    inserts = _inserts(model)
    model.add_many(list(reversed(jobs)))  # in any order: newest first in the table
    assert inserts == [(0, 4)]
    assert [model.job(r).id for r in range(6)] == [*(j.id for j in reversed(jobs)), before.id]
    # Folded before the group's progress is read: its newest job stands for it.
    assert [table.isRowHidden(r) for r in range(6)] == [False, True, True, True, True, False]
    qtbot.waitUntil(lambda: model.group_head(0) == group.id, timeout=WAIT_MS)
    assert [table.isRowHidden(r) for r in range(6)] == [False, True, True, True, True, False]
    # A job already listed goes through upsert: its row is updated, nothing is inserted.
    running = db(ctx).claim_next("http://a:1", can_run=lambda j: j.id == before.id)
    assert running is not None and running.status is JobStatus.RUNNING
    model.add_many([running])
    assert inserts == [(0, 4)]
    assert model.job(5).status is JobStatus.RUNNING
