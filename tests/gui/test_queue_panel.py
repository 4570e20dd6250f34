"""The queue panel against a real store and a real pool (with the fake ComfyUI where jobs run):
what it shows, cancel one/selected/all, move to front, drag to reorder, progress, failures that
stay until dismissed, and jobs that leave when they are done."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.engine import JobProgress, JobStateChanged
from studio_desktop.core.jobs import GenerationParams, Job, JobError, JobStatus, NewJob
from studio_desktop.core.servers import ServerConfig
from studio_desktop.core.settings import Settings
from studio_desktop.core.store import Store
from studio_desktop.ui.main_window import MainWindow
from studio_desktop.ui.queue.model import PositionRole, QueueEntry, QueueModel
from studio_desktop.ui.queue.panel import QueuePanel
from studio_desktop.ui.services import Services
from studio_desktop.workers import WorkerPool
from tests.fakes.comfy_server import FakeComfyServer
from tests.gui.conftest import ENDLESS, PoolFactory, db

WAIT_MS = 20_000
SERVER = "http://127.0.0.1:1"


def jobs_for(fake: FakeComfyServer | None, *prompts: str) -> list[NewJob]:
    model = fake.checkpoints[0] if fake is not None else "sd15.safetensors"
    return [
        NewJob("txt2img", GenerationParams(prompt=p, model=model, steps=2, seed=i))
        for i, p in enumerate(prompts)
    ]


def enqueue(pool: WorkerPool, jobs: list[NewJob]) -> list[Job]:
    result: list[Job] = pool.enqueue(jobs).result(timeout=WAIT_MS / 1000)
    return result


def prompts(panel: QueuePanel) -> list[str]:
    return [panel.model.entry(r).job.params.prompt for r in range(panel.model.rowCount())]


def status(ctx: AppContext, job_id: str) -> JobStatus:
    job = db(ctx).get_job(job_id)
    assert job is not None
    return job.status


ACTIVE = (JobStatus.PENDING, JobStatus.RUNNING, JobStatus.RETRYING)


def loaded_model(ctx: AppContext) -> QueueModel:
    """A model given the active jobs as the panel's background read gives them."""
    model = QueueModel()
    model.load(db(ctx).jobs_with_status(*ACTIVE))
    return model


OpenPanel = Callable[[WorkerPool], QueuePanel]


@pytest.fixture
def open_panel(qtbot: QtBot, ctx: AppContext) -> Iterator[OpenPanel]:
    def make(pool: WorkerPool) -> QueuePanel:
        panel = QueuePanel(Services(ctx, pool, Settings()))
        qtbot.addWidget(panel)
        panel.resize(360, 520)
        panel.show()
        qtbot.waitExposed(panel, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: panel.model.is_loaded, timeout=WAIT_MS)  # read off the GUI thread
        return panel

    yield make


@pytest.fixture
def idle_pool(make_pool: PoolFactory) -> WorkerPool:
    """No servers: jobs wait, which is what most of these tests need."""
    return make_pool()


# --- the model --------------------------------------------------------------------------------


def test_model_passes_qtmodeltester(qtmodeltester: Any, qapp: Any, ctx: AppContext) -> None:
    db(ctx).add_jobs(jobs_for(None, "a", "b", "c"))
    running = db(ctx).claim_next(SERVER)
    assert running is not None
    model = loaded_model(ctx)
    qtmodeltester.check(model)
    assert [e.job.status for e in map(model.entry, range(3))] == [
        JobStatus.RUNNING,
        JobStatus.PENDING,
        JobStatus.PENDING,
    ]
    failed = db(ctx).fail(running.id, JobError(type="x", message="broke"))
    model.upsert(failed)
    model.set_progress(JobProgress(running.id, 3, 10, "3", "KSampler", None))
    qtmodeltester.check(model)
    assert model.counts() == (2, 0, 1)


def test_progress_touches_only_its_own_row(qapp: Any, ctx: AppContext) -> None:
    db(ctx).add_jobs(jobs_for(None, "a", "b", "c"))
    running = db(ctx).claim_next(SERVER)
    assert running is not None
    model = loaded_model(ctx)
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(
        lambda top, bottom, _roles=(): changed.append((top.row(), bottom.row()))
    )
    model.set_progress(JobProgress(running.id, 4, 8, "3", "KSampler", None))
    assert changed == [(0, 0)]
    entry: QueueEntry = model.entry(0)
    assert (entry.step, entry.steps, entry.fraction, entry.executing) == (4, 8, 0.5, True)


# --- what it shows ----------------------------------------------------------------------------


def test_shows_waiting_jobs_from_the_store_and_the_pool(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, open_panel: OpenPanel
) -> None:
    panel = open_panel(idle_pool)
    assert panel._stack.currentWidget() is panel._empty
    assert "Queue is empty" in panel._empty.text()
    assert panel.summary.text() == "0 waiting · 0 sampling"

    db(ctx).add_jobs(jobs_for(None, "from before"))
    panel = open_panel(idle_pool)
    assert prompts(panel) == ["from before"]

    enqueue(idle_pool, jobs_for(None, "new one", "new two"))
    qtbot.waitUntil(lambda: len(prompts(panel)) == 3, timeout=WAIT_MS)
    assert prompts(panel) == ["from before", "new one", "new two"]
    assert panel.summary.text() == "3 waiting · 0 sampling"
    assert panel._stack.currentWidget() is panel.view
    assert [panel.model.index(r).data(PositionRole) for r in range(3)] == [1, 2, 3]


def test_jobs_another_process_queues_show_while_they_wait_and_leave_when_cancelled_there(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, open_panel: OpenPanel
) -> None:
    panel = open_panel(idle_pool)
    with Store(ctx.paths.database) as cli:  # `generate` from a terminal, same data folder
        mine, theirs = cli.add_jobs(jobs_for(None, "from the cli", "also from the cli"))
        qtbot.waitUntil(
            lambda: prompts(panel) == ["from the cli", "also from the cli"], timeout=WAIT_MS
        )
        assert panel.summary.text() == "2 waiting · 0 sampling"

        cli.cancel(mine.id)
        qtbot.waitUntil(lambda: prompts(panel) == ["also from the cli"], timeout=WAIT_MS)
        assert panel.summary.text() == "1 waiting · 0 sampling"
        assert theirs.id in panel.model.job_ids()

        # It runs there: the stored progress is all that reaches this window, and it shows.
        assert cli.claim_next(SERVER) is not None
        cli.set_progress(theirs.id, 0.5, "KSampler 5/10")

        def running_halfway() -> bool:
            entry = panel.model.entry(0) if panel.model.rowCount() == 1 else None
            return entry is not None and entry.executing and entry.fraction == 0.5

        qtbot.waitUntil(running_halfway, timeout=WAIT_MS)
        assert panel.summary.text() == "0 waiting · 1 sampling"


def test_the_counts_drop_running_jobs_whose_older_events_came_late(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory, open_panel: OpenPanel
) -> None:
    """The status bar kept "0 waiting, 2 running" until a restart: the claims of two jobs
    reached the window after their completions."""
    pool = make_pool(start=False)  # drained by hand
    panel = open_panel(pool)
    queued = db(ctx).add_jobs(jobs_for(None, "one", "two"))
    claimed = [db(ctx).claim_next(SERVER) for _ in queued]
    finished = [db(ctx).cancel(job.id) for job in queued]
    for job in queued:
        pool.buffer.push(JobStateChanged(job))
    pool.drain()
    assert panel.model.counts() == (2, 0, 0)

    for state in [*finished, *claimed]:  # the claims (server loop) after the ends (ops thread)
        assert state is not None
        pool.buffer.push(JobStateChanged(state))
    pool.drain()

    assert panel.model.counts() == (0, 0, 0)
    assert prompts(panel) == []
    assert panel.summary.text() == "0 waiting · 0 sampling"


def test_the_model_ignores_a_state_older_than_the_one_it_read(qapp: Any, ctx: AppContext) -> None:
    queued = db(ctx).add_job(jobs_for(None, "x")[0])
    running = db(ctx).claim_next(SERVER)
    assert running is not None
    model = loaded_model(ctx)  # the running state, as the start-up read found it
    model.upsert(queued)  # an event written before that read
    assert model.entry(0).job.status is JobStatus.RUNNING


def test_a_read_older_than_the_events_does_not_bring_back_their_states(
    qapp: Any, ctx: AppContext
) -> None:
    a, b = db(ctx).add_jobs(jobs_for(None, "a", "b"))
    read = db(ctx).jobs_with_status(*ACTIVE)  # both waiting, read before the events below
    running = db(ctx).claim_next(SERVER)
    assert running is not None and running.id == a.id
    cancelled = db(ctx).cancel(b.id)
    model = QueueModel()
    model.upsert(running)  # the events arrive before the read does
    model.upsert(cancelled)
    model.load(read)
    assert [(e.job.id, e.job.status) for e in map(model.entry, range(model.rowCount()))] == [
        (a.id, JobStatus.RUNNING)
    ]
    assert model.counts() == (0, 1, 0)


def test_an_event_that_arrives_before_the_read_is_kept(qapp: Any, ctx: AppContext) -> None:
    (a,) = db(ctx).add_jobs(jobs_for(None, "a"))
    model = QueueModel()
    (b,) = db(ctx).add_jobs(jobs_for(None, "b"))
    model.upsert(b)  # queued after the read was taken, delivered before it
    model.load([a])
    assert [model.entry(r).job.id for r in range(model.rowCount())] == [a.id, b.id]


def test_opening_the_panel_with_100_queued_jobs_shows_them_without_reading_on_the_gui_thread(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, open_panel: OpenPanel
) -> None:
    # `ctx` refuses every store session on this thread: a read here fails with WrongThread.
    db(ctx).add_jobs(jobs_for(None, *(f"job {n}" for n in range(100))))
    panel = open_panel(idle_pool)
    assert panel.model.rowCount() == 100
    assert panel.summary.text() == "100 waiting · 0 sampling"
    assert panel._stack.currentWidget() is panel.view


def test_a_queue_that_could_not_be_read_says_so_and_still_follows_new_jobs(
    qtbot: QtBot,
    ctx: AppContext,
    idle_pool: WorkerPool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services = Services(ctx, idle_pool, Settings())

    def broken(*_statuses: JobStatus) -> list[Job]:
        raise OSError("disk gone")

    monkeypatch.setattr(services.reads, "jobs_with_status", broken)
    messages: list[str] = []
    panel = QueuePanel(services)
    qtbot.addWidget(panel)
    panel.status_message.connect(lambda text, _ms: messages.append(text))
    qtbot.waitUntil(lambda: panel.model.is_loaded, timeout=WAIT_MS)
    assert messages == ["Could not read the queued jobs: disk gone"]
    enqueue(idle_pool, jobs_for(None, "after"))
    qtbot.waitUntil(lambda: prompts(panel) == ["after"], timeout=WAIT_MS)


def test_cancel_one_and_selected(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, open_panel: OpenPanel
) -> None:
    a, b, c = enqueue(idle_pool, jobs_for(None, "a", "b", "c"))
    panel = open_panel(idle_pool)
    panel.select_jobs([b.id])
    assert panel.cancel_button.isEnabled()
    panel.cancel_selected()
    qtbot.waitUntil(lambda: prompts(panel) == ["a", "c"], timeout=WAIT_MS)
    assert status(ctx, b.id) is JobStatus.CANCELLED

    panel.select_jobs([a.id, c.id])
    panel.cancel_selected()
    qtbot.waitUntil(lambda: prompts(panel) == [], timeout=WAIT_MS)
    assert {status(ctx, j.id) for j in (a, c)} == {JobStatus.CANCELLED}
    assert panel._stack.currentWidget() is panel._empty


def test_the_close_mark_cancels_that_job(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, open_panel: OpenPanel
) -> None:
    (a,) = enqueue(idle_pool, jobs_for(None, "a"))
    panel = open_panel(idle_pool)
    panel.delegate.close_clicked.emit(a.id)
    qtbot.waitUntil(lambda: status(ctx, a.id) is JobStatus.CANCELLED, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: prompts(panel) == [], timeout=WAIT_MS)


def test_cancel_all_asks_first(
    qtbot: QtBot,
    ctx: AppContext,
    idle_pool: WorkerPool,
    open_panel: OpenPanel,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    jobs = enqueue(idle_pool, jobs_for(None, "a", "b", "c"))
    panel = open_panel(idle_pool)
    asked: list[str] = []

    def answer(reply: QMessageBox.StandardButton) -> Any:
        def question(_parent: Any, _title: str, text: str, *_a: Any) -> Any:
            asked.append(text)
            return reply

        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    assert not panel.cancel_all()
    assert asked == ["Cancel 3 waiting and 0 running jobs?"]
    assert len(prompts(panel)) == 3

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    assert panel.cancel_all()
    qtbot.waitUntil(lambda: prompts(panel) == [], timeout=WAIT_MS)
    assert {status(ctx, j.id) for j in jobs} == {JobStatus.CANCELLED}
    assert not panel.cancel_all_button.isEnabled()


def test_move_to_front_changes_the_order(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, open_panel: OpenPanel
) -> None:
    a, b, c = enqueue(idle_pool, jobs_for(None, "a", "b", "c"))
    panel = open_panel(idle_pool)
    panel.select_jobs([c.id])
    assert panel.front_button.isEnabled()
    panel.move_selected_to_front()
    qtbot.waitUntil(lambda: prompts(panel) == ["c", "a", "b"], timeout=WAIT_MS)
    assert [j.id for j in db(ctx).jobs_with_status(JobStatus.PENDING)] == [c.id, a.id, b.id]

    panel.select_jobs([a.id, b.id])
    panel.move_selected_to_front()
    qtbot.waitUntil(lambda: prompts(panel) == ["a", "b", "c"], timeout=WAIT_MS)


@pytest.mark.parametrize(
    ("dragged", "row", "expected"),
    [
        (["d"], 1, ["a", "d", "b", "c"]),
        (["a"], 3, ["b", "c", "a", "d"]),
        (["a"], -1, ["b", "c", "d", "a"]),  # dropped below the last row
        (["b", "d"], 0, ["b", "d", "a", "c"]),
    ],
)
def test_drag_and_drop_reorders_the_waiting_jobs(
    qtbot: QtBot,
    ctx: AppContext,
    idle_pool: WorkerPool,
    open_panel: OpenPanel,
    dragged: list[str],
    row: int,
    expected: list[str],
) -> None:
    jobs = {j.params.prompt: j for j in enqueue(idle_pool, jobs_for(None, "a", "b", "c", "d"))}
    panel = open_panel(idle_pool)
    model = panel.model
    indexes = [model.index(model.row_of(jobs[p].id) or 0) for p in dragged]
    data = model.mimeData(indexes)
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, row, 0, QModelIndex())
    model.dropMimeData(data, Qt.DropAction.MoveAction, row, 0, QModelIndex())
    qtbot.waitUntil(lambda: prompts(panel) == expected, timeout=WAIT_MS)
    claim_order = [j.params.prompt for j in db(ctx).jobs_with_status(JobStatus.PENDING)]
    assert claim_order == expected


def test_a_drop_that_changes_nothing_moves_nothing(
    ctx: AppContext, idle_pool: WorkerPool, open_panel: OpenPanel
) -> None:
    a, b, _c = enqueue(idle_pool, jobs_for(None, "a", "b", "c"))
    panel = open_panel(idle_pool)
    assert panel.model.reorder_plan([b.id], 1) == []
    assert panel.model.reorder_plan([b.id], 2) == []
    assert panel.model.reorder_plan([b.id], 0) == [b.id]
    assert panel.model.reorder_plan([a.id], 2) == [a.id, b.id]


# --- with a server ----------------------------------------------------------------------------


def test_progress_updates_the_row_and_finished_jobs_leave(
    qtbot: QtBot,
    fake_comfy_factory: Any,
    make_pool: PoolFactory,
    ctx: AppContext,
    open_panel: OpenPanel,
) -> None:
    fake = fake_comfy_factory(steps=ENDLESS, step_seconds=0.08)
    pool = make_pool(fake, depth=1)
    panel = open_panel(pool)
    a, b = enqueue(pool, jobs_for(fake, "first", "second"))
    qtbot.waitUntil(lambda: len(prompts(panel)) == 2, timeout=WAIT_MS)

    def first_in_progress() -> bool:
        row = panel.model.row_of(a.id)
        if row is None:
            return False
        entry = panel.model.entry(row)
        return entry.job.status is JobStatus.RUNNING and 0 < entry.step < entry.steps

    qtbot.waitUntil(first_in_progress, timeout=WAIT_MS)
    assert panel.model.row_of(a.id) == 0
    assert "1 sampling" in panel.summary.text()
    panel.grab()  # the running row paints (bar, step x/y) without errors

    fake.steps = 3  # the first job ends at its next step, the second after three
    qtbot.waitUntil(lambda: prompts(panel) == [], timeout=WAIT_MS)
    assert {status(ctx, j.id) for j in (a, b)} == {JobStatus.COMPLETED}
    assert panel.summary.text() == "0 waiting · 0 sampling"


def test_cancel_a_running_job(
    qtbot: QtBot,
    fake_comfy_factory: Any,
    make_pool: PoolFactory,
    ctx: AppContext,
    open_panel: OpenPanel,
) -> None:
    fake = fake_comfy_factory(steps=ENDLESS, step_seconds=0.05)
    pool = make_pool(fake, depth=1)
    panel = open_panel(pool)
    (a,) = enqueue(pool, jobs_for(fake, "long one"))
    qtbot.waitUntil(
        lambda: panel.model.row_of(a.id) is not None and panel.model.entry(0).step > 0,
        timeout=WAIT_MS,
    )
    panel.select_jobs([a.id])
    panel.cancel_selected()
    qtbot.waitUntil(lambda: prompts(panel) == [], timeout=WAIT_MS)
    assert status(ctx, a.id) is JobStatus.CANCELLED


def test_failed_jobs_stay_until_dismissed_and_can_be_retried(
    qtbot: QtBot,
    fake_comfy: FakeComfyServer,
    make_pool: PoolFactory,
    ctx: AppContext,
    open_panel: OpenPanel,
) -> None:
    fake_comfy.faults.reject_prompt = True
    pool = make_pool(fake_comfy)
    panel = open_panel(pool)
    a, b = enqueue(pool, jobs_for(fake_comfy, "bad one", "bad two"))
    qtbot.waitUntil(lambda: panel.model.counts() == (0, 0, 2), timeout=WAIT_MS)
    assert panel.summary.text() == "0 waiting · 0 sampling · 2 failed"
    assert panel.dismiss_button.isVisible()
    tip = panel.model.index(0).data(3)  # ToolTipRole
    assert "Error:" in tip

    fake_comfy.faults.reject_prompt = False
    panel.select_jobs([a.id])
    assert panel.retry_button.isEnabled() and not panel.cancel_button.isEnabled()
    panel.retry_selected()
    qtbot.waitUntil(lambda: status(ctx, a.id) is JobStatus.COMPLETED, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: prompts(panel) == ["bad two"], timeout=WAIT_MS)

    panel.dismiss_failed()
    assert prompts(panel) == []
    assert status(ctx, b.id) is JobStatus.FAILED  # dismissing only hides it here
    assert not panel.dismiss_button.isVisible()


def test_the_panel_does_not_widen_when_clear_failed_appears(
    qtbot: QtBot,
    fake_comfy: FakeComfyServer,
    make_pool: PoolFactory,
    open_panel: OpenPanel,
) -> None:
    """The dock widened (and the preview beside it narrowed) when "Clear failed" appeared."""
    fake_comfy.faults.reject_prompt = True
    pool = make_pool(fake_comfy)
    panel = open_panel(pool)
    empty_width = panel.minimumSizeHint().width()
    enqueue(pool, jobs_for(fake_comfy, "bad one"))
    qtbot.waitUntil(lambda: panel.dismiss_button.isVisible(), timeout=WAIT_MS)
    assert panel.minimumSizeHint().width() == empty_width


def test_a_job_no_server_can_run_shows_why_in_its_row(
    qtbot: QtBot,
    fake_comfy_factory: Any,
    make_pool: PoolFactory,
    ctx: AppContext,
    open_panel: OpenPanel,
) -> None:
    """The stock server lacks the audio nodes and the other one is away: the job waits, and its
    row says why instead of "waiting" for ever (issue 13)."""
    fake = fake_comfy_factory()
    pool = make_pool(fake, ServerConfig(SERVER, "away"))
    panel = open_panel(pool)
    (job,) = enqueue(
        pool,
        [
            NewJob(
                "audio_stable",
                GenerationParams(prompt="rain", model=fake.checkpoints[0]),
            )
        ],
    )

    def told() -> bool:
        row = panel.model.row_of(job.id)
        return row is not None and "EmptyLatentAudio" in panel.model.entry(row).blocked

    qtbot.waitUntil(told, timeout=WAIT_MS)
    row = panel.model.row_of(job.id)
    assert row is not None
    index = panel.model.index(row)
    line, _ = panel.delegate._second_line(panel.model.entry(row), panel.model, 1)
    assert line.startswith("Waiting · #1 · no server can run it: ")
    assert "away" in line and "EmptyLatentAudio" in line
    assert "No server can run it now" in index.data(Qt.ItemDataRole.ToolTipRole)
    panel.grab()  # paints without errors
    assert status(ctx, job.id) is JobStatus.PENDING


@pytest.mark.usefixtures("simplified_chinese")
def test_the_queue_header_is_one_unclipped_line_in_chinese_at_the_default_window_size(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool
) -> None:
    window = MainWindow(Services(ctx, idle_pool, Settings()))
    qtbot.addWidget(window)
    try:
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window, timeout=WAIT_MS)
        enqueue(idle_pool, jobs_for(None, "a", "b", "c"))
        failed = db(ctx).add_job(NewJob("txt2img", GenerationParams(prompt="d")))
        db(ctx).claim_next(SERVER, can_run=lambda j: j.id == failed.id)
        db(ctx).fail(failed.id, JobError("boom", "it broke"))
        panel = window.queue_panel
        qtbot.waitUntil(lambda: "1 个失败" in panel.summary.text(), timeout=WAIT_MS)
        summary = panel.summary
        text = summary.fontMetrics().horizontalAdvance(summary.text())
        assert text <= summary.contentsRect().width(), "the counts wrap"
        assert summary.heightForWidth(summary.width()) <= summary.height(), "the counts are cut"
        for button in (panel.pause_button, panel.cancel_all_button):
            assert button.width() >= button.sizeHint().width(), f"{button.text()} is cut"
    finally:
        window.shutdown()
        window.thumbnails.shutdown()
        window.allow_close()  # no "jobs are still in the queue" question at teardown
