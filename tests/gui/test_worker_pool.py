"""WorkerPool against real fake ComfyUI servers and a real store: signals, queue operations,
several servers, servers that die and come back, and a shutdown that leaves nothing behind."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QThread
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.engine import (
    JobFinished,
    JobPreview,
    JobProgress,
    JobStateChanged,
    QueueError,
    ServerState,
)
from studio_desktop.core.jobs import GenerationParams, Job, JobError, JobStatus, NewJob
from studio_desktop.core.servers import ServerConfig
from studio_desktop.core.store import Store
from studio_desktop.workers import WorkerPool
from tests.fakes.comfy_server import FakeComfyServer
from tests.gui.conftest import ENDLESS, PoolFactory, db

WAIT_MS = 20_000
FakeFactory = Callable[..., FakeComfyServer]

SIGNALS = (
    "job_added",
    "job_changed",
    "job_started",
    "progress",
    "preview",
    "retrying",
    "outputs_ready",
    "server_changed",
    "server_removed",
    "queue_changed",
    "notice",
    "operation_failed",
)


class SignalLog:
    """Every signal of a pool, in the order received, and whether each came on the GUI thread."""

    def __init__(self, pool: WorkerPool) -> None:
        self.events: list[tuple[str, Any]] = []
        self.off_gui_thread: list[str] = []
        app = QCoreApplication.instance()
        assert app is not None
        self._gui = app.thread()
        for name in SIGNALS:
            getattr(pool, name).connect(self._recorder(name))

    def _recorder(self, name: str) -> Callable[..., None]:
        def record(*args: Any) -> None:
            if QThread.currentThread() is not self._gui:
                self.off_gui_thread.append(name)
            self.events.append((name, args[0] if len(args) == 1 else args))

        return record

    def of(self, name: str) -> list[Any]:
        return [payload for kind, payload in self.events if kind == name]

    def changes(self, job_id: str) -> list[JobStatus]:
        return [job.status for job in self.of("job_changed") if job.id == job_id]

    def states(self, job_id: str) -> list[Job]:
        """Every state of the job delivered, added or changed, in order."""
        return [
            job
            for kind, job in self.events
            if kind in ("job_added", "job_changed") and job.id == job_id
        ]

    def finished(self) -> dict[str, JobFinished]:
        return {f.job.id: f for f in self.of("outputs_ready")}

    def first(self, name: str, job_id: str) -> int:
        """Where the first `name` signal about the job is in the log."""
        return next(i for i, (k, p) in enumerate(self.events) if k == name and _job_id(p) == job_id)

    def server_states(self, url: str) -> list[ServerState]:
        return [s.state for s in self.of("server_changed") if s.url == url]


def _job_id(payload: Any) -> str | None:
    if isinstance(payload, Job):
        return payload.id
    if isinstance(payload, JobFinished):
        return payload.job.id
    return getattr(payload, "job_id", None)


def txt2img(fake: FakeComfyServer | None, count: int, *, server: str | None = None) -> list[NewJob]:
    model = fake.checkpoints[0] if fake is not None else "any.safetensors"
    return [
        NewJob(
            template="txt2img",
            params=GenerationParams(prompt=f"a cat, take {i}", model=model, steps=2, seed=1000 + i),
            server=server,
        )
        for i in range(count)
    ]


def result(future: Future[Any]) -> Any:
    return future.result(timeout=WAIT_MS / 1000)


def status(ctx: AppContext, job_id: str) -> JobStatus:
    job = db(ctx).get_job(job_id)
    assert job is not None
    return job.status


def submitted_ids(*fakes: FakeComfyServer) -> list[str]:
    return [str(body.get("prompt_id")) for fake in fakes for body in fake.submitted]


def wait_connected(qtbot: QtBot, pool: WorkerPool, count: int) -> None:
    def connected() -> bool:
        states = [s.state for s in pool.statuses()]
        return len(states) == count and all(
            s in (ServerState.IDLE, ServerState.BUSY) for s in states
        )

    qtbot.waitUntil(connected, timeout=WAIT_MS)


def url_of(pool: WorkerPool, fake: FakeComfyServer) -> str:
    port = f":{fake.port}"
    return next(s.url for s in pool.statuses() if s.url.endswith(port))


# --- signals ---


def test_jobs_run_and_every_signal_arrives_on_the_gui_thread_in_order(
    qtbot: QtBot, fake_comfy_factory: FakeFactory, make_pool: PoolFactory, ctx: AppContext
) -> None:
    fake = fake_comfy_factory(preview_method="auto")
    # The engine's history poll is on: it must not cut off a pipelined job's events.
    pool = make_pool(fake)
    log = SignalLog(pool)
    jobs = result(pool.enqueue(txt2img(fake, 3)))
    ids = [job.id for job in jobs]

    qtbot.waitUntil(lambda: len(log.finished()) == 3, timeout=WAIT_MS)

    assert not log.off_gui_thread
    assert [job.id for job in log.of("job_added")] == ids
    assert log.of("queue_changed")
    assert not log.of("operation_failed")
    for job_id in ids:
        states = log.states(job_id)
        # Usually first seen waiting; a loop that claims it before the operations thread has
        # reported the enqueue makes "running" the first state delivered (the pending one, now
        # stale, is dropped).
        assert states[0].status in (JobStatus.PENDING, JobStatus.RUNNING)
        assert JobStatus.RUNNING in [j.status for j in states]
        assert states[-1].status is JobStatus.COMPLETED
        revisions = [j.revision for j in states]
        assert revisions == sorted(set(revisions)), revisions  # never an older state
        values = [p.value for p in log.of("progress") if p.job_id == job_id]
        assert values and values == sorted(values), values
        previews = [p for p in log.of("preview") if p.job_id == job_id]
        assert previews and all(isinstance(p, JobPreview) and p.image for p in previews)
        started = next(
            i
            for i, (kind, p) in enumerate(log.events)
            if kind in ("job_added", "job_changed")
            and p.id == job_id
            and p.status is JobStatus.RUNNING
        )
        assert started < log.first("progress", job_id) < log.first("outputs_ready", job_id)
        finished = log.finished()[job_id]
        assert finished.job.status is JobStatus.COMPLETED
        assert len(finished.images) == 1
        assert (ctx.paths.root / finished.images[0].path).is_file()
    assert {job_id for job_id, _ in log.of("job_started")} == set(ids)
    assert fake.url.rstrip("/") in {s.url for s in pool.statuses()}


def test_a_drain_keeps_the_newest_progress_and_preview_per_job_and_every_state_change(
    qtbot: QtBot, make_pool: PoolFactory, ctx: AppContext
) -> None:
    pool = make_pool(start=False)  # no timer, no threads: this test drains by hand
    log = SignalLog(pool)
    a, b = (db(ctx).add_job(job) for job in txt2img(None, 2))
    running = db(ctx).claim_next("http://127.0.0.1:1", can_run=lambda j: j.id == a.id)
    assert running is not None

    def progress(job_id: str, value: int) -> JobProgress:
        return JobProgress(job_id, value, 10, "3", "KSampler", None)

    pool.buffer.push(JobStateChanged(a))
    pool.buffer.push(JobStateChanged(b))
    for value in range(1, 6):
        pool.buffer.push(progress(a.id, value))
        pool.buffer.push(progress(b.id, value))
        pool.buffer.push(JobPreview(a.id, bytes([value]), "JPEG"))
    pool.buffer.push(JobStateChanged(running))
    pool.buffer.push(progress(a.id, 6))
    pool.drain()

    kinds = [kind for kind, _ in log.events]
    assert kinds == [
        "job_added",
        "job_added",
        "progress",  # b's newest (5), where it stood
        "preview",  # a's newest
        "job_changed",
        "progress",  # a's newest (6), after its state change
        "queue_changed",
    ]
    assert [(p.job_id, p.value) for p in log.of("progress")] == [(b.id, 5), (a.id, 6)]
    assert log.of("preview")[0].image == bytes([5])
    assert log.of("job_changed") == [running]

    pool.buffer.push(progress(a.id, 7))
    pool.drain()
    assert [kind for kind, _ in log.events[len(kinds) :]] == ["progress"]  # no queue_changed


def test_a_late_older_state_of_a_job_is_dropped_so_a_cancelled_job_never_shows_running_again(
    qtbot: QtBot, make_pool: PoolFactory, ctx: AppContext
) -> None:
    pool = make_pool(start=False)  # drained by hand
    log = SignalLog(pool)
    queued = db(ctx).add_job(txt2img(None, 1)[0])
    running = db(ctx).claim_next("http://127.0.0.1:1")
    assert running is not None
    cancelled = db(ctx).cancel(queued.id)
    assert queued.revision < running.revision < cancelled.revision

    # The cancel (operations thread) overtakes the claim (a server loop) in the buffer.
    pool.buffer.push(JobStateChanged(queued))
    pool.buffer.push(JobStateChanged(cancelled))
    pool.buffer.push(JobStateChanged(running))
    pool.drain()
    assert log.of("job_added") == [queued]
    assert log.of("job_changed") == [cancelled]

    # Across drains too, and a repeat of what was delivered (the watcher's copy) is no change.
    seen = len(log.events)
    pool.buffer.push(JobStateChanged(running))
    pool.buffer.push(JobStateChanged(cancelled))
    pool.drain()
    assert log.events[seen:] == []


def test_a_job_first_heard_of_in_any_state_is_added_then_changed(
    qtbot: QtBot, make_pool: PoolFactory, ctx: AppContext
) -> None:
    pool = make_pool(start=False)
    log = SignalLog(pool)
    db(ctx).add_job(txt2img(None, 1)[0])  # queued by another process: never delivered here
    running = db(ctx).claim_next("http://127.0.0.1:1")
    assert running is not None
    failed = db(ctx).fail(running.id, JobError("x", "boom"))
    retried = db(ctx).retry(running.id)

    for job in (running, failed, retried):
        pool.buffer.push(JobStateChanged(job))
    pool.drain()

    assert log.of("job_added") == [running]
    assert log.of("job_changed") == [failed, retried]  # pending again, attempt 1: a change


def test_the_pool_hears_of_jobs_another_process_writes(
    qtbot: QtBot, make_pool: PoolFactory, ctx: AppContext
) -> None:
    pool = make_pool()  # no servers: nothing here runs a job
    log = SignalLog(pool)
    with Store(ctx.paths.database) as other:
        (job,) = other.add_jobs(txt2img(None, 1))
        qtbot.waitUntil(lambda: [j.id for j in log.of("job_added")] == [job.id], timeout=WAIT_MS)
        other.cancel(job.id)
        qtbot.waitUntil(lambda: log.changes(job.id) == [JobStatus.CANCELLED], timeout=WAIT_MS)
    assert log.of("queue_changed")
    assert not log.off_gui_thread


# --- queue operations ---


def test_cancel_pending_queued_and_running_jobs(
    qtbot: QtBot, fake_comfy_factory: FakeFactory, make_pool: PoolFactory, ctx: AppContext
) -> None:
    fake = fake_comfy_factory(steps=ENDLESS, step_seconds=0.05)
    pool = make_pool(fake, depth=2)
    log = SignalLog(pool)
    running, queued, pending = (j.id for j in result(pool.enqueue(txt2img(fake, 3))))
    qtbot.waitUntil(
        lambda: (
            any(p.job_id == running for p in log.of("progress")) and queued in submitted_ids(fake)
        ),
        timeout=WAIT_MS,
    )

    assert result(pool.cancel(pending)).status is JobStatus.CANCELLED
    assert result(pool.cancel(queued)).status is JobStatus.CANCELLED
    qtbot.waitUntil(lambda: queued in fake.deleted, timeout=WAIT_MS)
    assert result(pool.cancel(running)).status is JobStatus.CANCELLED
    qtbot.waitUntil(lambda: running in fake.interrupts, timeout=WAIT_MS)
    assert fake.wait_idle(WAIT_MS / 1000)

    assert pending not in submitted_ids(fake)
    ids = (running, queued, pending)
    assert all(status(ctx, i) is JobStatus.CANCELLED for i in ids)
    qtbot.waitUntil(
        lambda: all(JobStatus.CANCELLED in log.changes(i) for i in ids), timeout=WAIT_MS
    )
    assert not log.of("outputs_ready")
    assert not log.of("operation_failed")


def test_cancel_all(
    qtbot: QtBot, fake_comfy_factory: FakeFactory, make_pool: PoolFactory, ctx: AppContext
) -> None:
    fake = fake_comfy_factory(steps=ENDLESS, step_seconds=0.05)
    pool = make_pool(fake, depth=2)
    log = SignalLog(pool)
    ids = [j.id for j in result(pool.enqueue(txt2img(fake, 4)))]
    qtbot.waitUntil(lambda: bool(log.of("progress")) and len(fake.submitted) == 2, timeout=WAIT_MS)

    assert result(pool.cancel_all()) == 4

    assert all(status(ctx, i) is JobStatus.CANCELLED for i in ids)
    assert fake.wait_idle(WAIT_MS / 1000)
    assert set(submitted_ids(fake)) == set(ids[:2])
    qtbot.waitUntil(
        lambda: set(ids[:2]) <= set(fake.interrupts) | set(fake.deleted), timeout=WAIT_MS
    )
    assert not log.of("outputs_ready")


def test_move_to_front_changes_the_run_order(
    qtbot: QtBot, fake_comfy_factory: FakeFactory, make_pool: PoolFactory, ctx: AppContext
) -> None:
    fake = fake_comfy_factory(steps=ENDLESS, step_seconds=0.05)
    pool = make_pool(fake, depth=1)
    log = SignalLog(pool)
    first, second, third, last = (j.id for j in result(pool.enqueue(txt2img(fake, 4))))
    qtbot.waitUntil(lambda: JobStatus.RUNNING in log.changes(first), timeout=WAIT_MS)

    moved = result(pool.move_to_front(last))
    assert moved.status is JobStatus.PENDING
    result(pool.cancel(first))  # frees the server for the next job
    qtbot.waitUntil(lambda: JobStatus.RUNNING in log.changes(last), timeout=WAIT_MS)

    assert status(ctx, second) is JobStatus.PENDING
    assert status(ctx, third) is JobStatus.PENDING
    qtbot.waitUntil(lambda: len(fake.submitted) == 2, timeout=WAIT_MS)
    assert submitted_ids(fake) == [first, last]
    result(pool.cancel_all())


def failed_job(qtbot: QtBot, fake: FakeComfyServer, pool: WorkerPool, log: SignalLog) -> str:
    fake.faults.runtime_error = True
    (job,) = result(pool.enqueue(txt2img(fake, 1)))
    qtbot.waitUntil(lambda: JobStatus.FAILED in log.changes(job.id), timeout=WAIT_MS)
    fake.faults.runtime_error = False
    return str(job.id)


def test_retry_puts_a_failed_job_back_in_the_queue(
    qtbot: QtBot, fake_comfy_factory: FakeFactory, make_pool: PoolFactory, ctx: AppContext
) -> None:
    fake = fake_comfy_factory()
    pool = make_pool(fake)
    log = SignalLog(pool)
    job_id = failed_job(qtbot, fake, pool, log)
    failed = db(ctx).get_job(job_id)
    assert failed is not None and failed.error is not None
    assert not log.of("outputs_ready")

    retried = result(pool.retry(job_id))

    assert retried.status is JobStatus.PENDING and retried.attempt == failed.attempt
    qtbot.waitUntil(lambda: JobStatus.PENDING in log.changes(job_id), timeout=WAIT_MS)
    assert [j.id for j in log.of("job_added")] == [job_id]  # the retry is a change, not a new job
    assert not log.of("operation_failed")


def test_a_retried_job_completes(
    qtbot: QtBot, fake_comfy_factory: FakeFactory, make_pool: PoolFactory, ctx: AppContext
) -> None:
    fake = fake_comfy_factory()
    pool = make_pool(fake)
    log = SignalLog(pool)
    job_id = failed_job(qtbot, fake, pool, log)

    result(pool.retry(job_id))
    qtbot.waitUntil(lambda: job_id in log.finished(), timeout=WAIT_MS)

    assert status(ctx, job_id) is JobStatus.COMPLETED
    assert len(db(ctx).images_for_job(job_id)) == 1


def test_illegal_operations_are_refused_with_a_message_and_change_nothing(
    qtbot: QtBot, fake_comfy_factory: FakeFactory, make_pool: PoolFactory, ctx: AppContext
) -> None:
    fake = fake_comfy_factory()
    pool = make_pool(fake)
    log = SignalLog(pool)
    (job,) = result(pool.enqueue(txt2img(fake, 1)))
    qtbot.waitUntil(lambda: job.id in log.finished(), timeout=WAIT_MS)
    before = db(ctx).get_job(job.id)

    refused: list[tuple[Future[Any], str]] = [
        (pool.cancel(job.id), "already completed"),
        (pool.retry(job.id), "Only a failed or cancelled job"),
        (pool.move_to_front(job.id), "Only a waiting job"),
        (pool.cancel("no-such-job"), "no longer exists"),
        (pool.add_server(ServerConfig(fake.url)), "already in the list"),
        (pool.add_server(ServerConfig("not a url")), "not a server address"),
        (pool.remove_server("http://127.0.0.1:1"), "not in the list"),
    ]
    for future, _ in refused:
        with pytest.raises(QueueError):
            result(future)
    qtbot.waitUntil(lambda: len(log.of("operation_failed")) == len(refused), timeout=WAIT_MS)

    for message, (_, expected) in zip(log.of("operation_failed"), refused, strict=True):
        assert expected in str(message)
    assert db(ctx).get_job(job.id) == before
    assert len(pool.statuses()) == 1
    assert not log.off_gui_thread


# --- several servers ---


def test_two_servers_share_a_batch_and_each_job_runs_once(
    qtbot: QtBot, fake_comfy_factory: FakeFactory, make_pool: PoolFactory, ctx: AppContext
) -> None:
    fast = fake_comfy_factory(step_seconds=0.01)
    slow = fake_comfy_factory(step_seconds=0.05)
    pool = make_pool(fast, slow)
    log = SignalLog(pool)
    wait_connected(qtbot, pool, 2)

    ids = [j.id for j in result(pool.enqueue(txt2img(fast, 12)))]
    qtbot.waitUntil(lambda: len(log.finished()) == 12, timeout=WAIT_MS)

    jobs = [db(ctx).get_job(i) for i in ids]
    assert all(j is not None and j.status is JobStatus.COMPLETED for j in jobs)
    by_server = Counter(j.server for j in jobs if j is not None)
    assert set(by_server) == {url_of(pool, fast), url_of(pool, slow)}, by_server
    assert all(len(db(ctx).images_for_job(i)) == 1 for i in ids)
    submitted = submitted_ids(fast, slow)
    assert sorted(submitted) == sorted(ids)  # every prompt id submitted exactly once overall
    assert not log.off_gui_thread


def test_a_server_that_dies_loses_no_job_and_is_used_again_when_it_returns(
    qtbot: QtBot, fake_comfy_factory: FakeFactory, make_pool: PoolFactory, ctx: AppContext
) -> None:
    healthy = fake_comfy_factory(step_seconds=0.01)
    dying = fake_comfy_factory(steps=20, step_seconds=0.05)
    pool = make_pool(healthy, dying)
    log = SignalLog(pool)
    wait_connected(qtbot, pool, 2)
    dying_url = url_of(pool, dying)

    ids = [j.id for j in result(pool.enqueue(txt2img(healthy, 8)))]
    qtbot.waitUntil(
        lambda: (
            any(
                j.server == dying_url and j.status is JobStatus.RUNNING
                for j in log.of("job_changed")
            )
            and bool(dying.submitted)
        ),
        timeout=WAIT_MS,
    )
    dying.stop()

    qtbot.waitUntil(lambda: len(log.finished()) == 8, timeout=WAIT_MS)
    assert all(status(ctx, i) is JobStatus.COMPLETED for i in ids)
    assert all(len(db(ctx).images_for_job(i)) == 1 for i in ids)
    qtbot.waitUntil(lambda: ServerState.DOWN in log.server_states(dying_url), timeout=WAIT_MS)
    assert log.of("notice")

    dying.restart()

    def back_up() -> bool:
        states = log.server_states(dying_url)
        return ServerState.IDLE in states[states.index(ServerState.DOWN) :]

    qtbot.waitUntil(back_up, timeout=WAIT_MS)  # down -> connected, the pool never restarted
    pinned = [j.id for j in result(pool.enqueue(txt2img(dying, 2, server=dying.url)))]
    qtbot.waitUntil(lambda: all(i in log.finished() for i in pinned), timeout=WAIT_MS)
    for job_id in pinned:
        job = db(ctx).get_job(job_id)
        assert job is not None and job.status is JobStatus.COMPLETED and job.server == dying_url


def test_add_and_remove_a_server_while_running(
    qtbot: QtBot, fake_comfy_factory: FakeFactory, make_pool: PoolFactory, ctx: AppContext
) -> None:
    fake = fake_comfy_factory()
    pool = make_pool()
    log = SignalLog(pool)
    assert pool.statuses() == []

    result(pool.add_server(ServerConfig(fake.url, name="spare")))
    wait_connected(qtbot, pool, 1)
    (job,) = result(pool.enqueue(txt2img(fake, 1)))
    qtbot.waitUntil(lambda: job.id in log.finished(), timeout=WAIT_MS)
    url = pool.statuses()[0].url

    assert result(pool.remove_server(url)) is True
    qtbot.waitUntil(lambda: log.of("server_removed") == [url], timeout=WAIT_MS)
    assert pool.statuses() == []


# --- shutdown ---


def test_shutdown_is_ordered_idempotent_and_leaves_no_thread(
    qtbot: QtBot, fake_comfy_factory: FakeFactory, make_pool: PoolFactory
) -> None:
    fake = fake_comfy_factory()
    pool = make_pool(fake, fake_comfy_factory())
    wait_connected(qtbot, pool, 2)
    threads = pool._starter.threads()
    assert len(threads) == 2 and all(t.isRunning() for t in threads)

    assert pool.shutdown(10) is True
    assert all(t.isFinished() for t in threads)
    assert not pool._timer.isActive()
    assert pool.shutdown(10) is True  # again: nothing left to do
    assert not pool.is_running
    with pytest.raises(QueueError, match="shut down"):
        result(pool.enqueue(txt2img(fake, 1)))


def test_shutdown_while_jobs_run_keeps_them_for_the_next_pool(
    qtbot: QtBot,
    fake_comfy_factory: FakeFactory,
    make_pool: PoolFactory,
    ctx: AppContext,
    tmp_path: Path,
) -> None:
    fake = fake_comfy_factory(steps=ENDLESS, step_seconds=0.05)
    pool = make_pool(fake, depth=2)
    log = SignalLog(pool)
    ids = [j.id for j in result(pool.enqueue(txt2img(fake, 2)))]
    qtbot.waitUntil(lambda: bool(log.of("progress")) and len(fake.submitted) == 2, timeout=WAIT_MS)

    # True means every thread ended within the 10 s budget: the pool did not wait for the jobs.
    assert pool.shutdown(10) is True
    assert [status(ctx, i) for i in ids] == [JobStatus.RUNNING, JobStatus.RUNNING]

    fake.steps = 2  # the running prompt ends at its next step, the queued one soon after
    # A new pool on the same data folder finds both prompts on the server and finishes them.
    with AppContext.open(ctx.paths.root) as again:
        successor = make_pool(fake, context=again)
        later = SignalLog(successor)
        qtbot.waitUntil(lambda: set(later.finished()) == set(ids), timeout=WAIT_MS)
        assert successor.shutdown(10) is True
    assert all(status(ctx, i) is JobStatus.COMPLETED for i in ids)
    assert sorted(submitted_ids(fake)) == sorted(ids)  # collected, not run a second time
