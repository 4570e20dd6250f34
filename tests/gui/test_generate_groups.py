"""One press of Queue with a batch count makes one batch group; the Forever button makes a
forever group of one job (the store queues the next as each completes)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.groups import GroupKind
from studio_desktop.core.jobs import Job, JobStatus
from tests.gui.conftest import PoolFactory, TabFactory, db

WAIT_MS = 20_000


def pending(ctx: AppContext) -> list[Job]:
    return db(ctx).jobs_with_status(JobStatus.PENDING)


def test_a_batch_is_one_group_and_a_single_job_none(
    qtbot: QtBot, make_pool: PoolFactory, make_tab: TabFactory, ctx: AppContext
) -> None:
    tab = make_tab(make_pool())  # no server: the jobs wait in the store
    tab.form.batch_spin.setValue(3)
    assert tab.queue() == 3
    qtbot.waitUntil(lambda: len(pending(ctx)) == 3, timeout=WAIT_MS)
    (group_id,) = {job.group_id for job in pending(ctx)}
    assert group_id is not None
    group = db(ctx).get_group(group_id)
    assert group is not None and group.kind is GroupKind.BATCH
    tab.form.batch_spin.setValue(1)
    assert tab.queue() == 1
    qtbot.waitUntil(lambda: len(pending(ctx)) == 4, timeout=WAIT_MS)
    assert pending(ctx)[-1].group_id is None


def test_forever_queues_one_job_of_a_forever_group(
    qtbot: QtBot, make_pool: PoolFactory, make_tab: TabFactory, ctx: AppContext
) -> None:
    tab = make_tab(make_pool())
    tab.form.batch_spin.setValue(3)
    tab.forever_button.setChecked(True)
    assert tab.queue_button.text() == "Generate forever"
    assert tab.queue() == 1
    qtbot.waitUntil(lambda: len(pending(ctx)) == 1, timeout=WAIT_MS)
    group_id = pending(ctx)[0].group_id
    assert group_id is not None
    group = db(ctx).get_group(group_id)
    assert group is not None and group.kind is GroupKind.FOREVER
    tab.forever_button.setChecked(False)
    assert tab.queue_button.text() == "Queue 3 jobs"
