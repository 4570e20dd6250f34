"""Issue 11 (History): every take of a job is kept, its wait in ComfyUI's queue is told apart
from its sampling, and every failure reaches studio.log. The real engine against the fake."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from studio_desktop.core.context import AppContext
from studio_desktop.core.engine import JobStateChanged
from studio_desktop.core.jobs import AttemptStatus, JobStatus
from studio_desktop.core.logs import setup_logging
from tests.integration.helpers import (
    Harness,
    interrupt_all,
    queue_ids,
    queue_job,
    submit_blocker,
    wait_until,
)


def test_retrying_a_failed_job_keeps_the_failed_attempt(h: Harness, ctx: AppContext) -> None:
    """Retrying a failed job turned its row into 'Completed' and the failure was lost."""
    h.fake.faults.runtime_error = True
    job = queue_job(ctx, h.fake)
    failed = h.run(job)
    assert failed.status is JobStatus.FAILED and failed.error is not None

    h.fake.faults.runtime_error = False
    h.dispatcher.retry(job.id)
    final = h.final(job.id, timeout=60)
    assert final.status is JobStatus.COMPLETED

    first, second = ctx.store.attempts(job.id)
    assert (first.number, first.status, first.server) == (1, AttemptStatus.FAILED, h.fake.url)
    assert first.error is not None and first.error.message == failed.error.message
    assert first.finished_at is not None
    assert (second.number, second.status, second.error) == (2, AttemptStatus.COMPLETED, None)
    assert second.sent_at is not None and second.sampling_at is not None
    assert second.finished_at == final.finished_at


def test_duration_tells_the_wait_in_the_server_queue_from_sampling(
    h: Harness, ctx: AppContext
) -> None:
    """Duration included the time waiting in ComfyUI's queue; 'running' counted a job that was
    only sent and waiting there."""
    h.fake.faults.busy_with_others = True  # another app's prompt runs first, for as long as needed
    blocker = submit_blocker(h.fake, ctx)
    try:
        wait_until(lambda: queue_ids(h.fake)[0] == [blocker], what="the other prompt to run")
        job = queue_job(ctx, h.fake)
        h.start(job)

        def waiting() -> bool:
            current = ctx.store.get_job(job.id)
            return current is not None and current.waiting_on_server

        wait_until(waiting, timeout=60, what="the job to wait on the server")
        # The change event that says so reached the listeners (the queue panel, the status bar).
        changes = [e.job for e in h.recorder.of(JobStateChanged) if e.job.id == job.id]
        assert any(j.waiting_on_server and not j.sampling for j in changes)
        h.fake.faults.busy_with_others = False  # the other prompt ends; ours starts
        final = h.final(job.id, timeout=60)
    finally:
        h.fake.faults.busy_with_others = False
        interrupt_all(h.fake)

    assert final.status is JobStatus.COMPLETED
    assert final.started_at is not None and final.sent_at is not None
    assert final.sampling_at is not None and final.finished_at is not None
    assert final.started_at <= final.sent_at < final.sampling_at <= final.finished_at
    assert final.queued_s is not None and final.sampling_s is not None
    changes = [e.job for e in h.recorder.of(JobStateChanged) if e.job.id == job.id]
    assert any(j.sampling for j in changes)
    (attempt,) = ctx.store.attempts(job.id)
    assert (attempt.sent_at, attempt.sampling_at) == (final.sent_at, final.sampling_at)


@pytest.fixture
def studio_log(ctx: AppContext) -> Iterator[None]:
    """The app's logging setup on this data folder, undone after (other tests use caplog)."""
    root = logging.getLogger("studio")
    saved = (list(root.handlers), root.level, root.propagate)
    setup_logging(ctx.paths.logs)
    try:
        yield
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
            handler.close()
        handlers, level, propagate = saved
        for handler in handlers:
            root.addHandler(handler)
        root.setLevel(level)
        root.propagate = propagate


def test_job_failures_are_written_to_studio_log(
    h: Harness, ctx: AppContext, studio_log: None
) -> None:
    """Job failures were never written to studio.log."""
    h.fake.faults.runtime_error = True
    job = queue_job(ctx, h.fake)
    failed = h.run(job)
    assert failed.error is not None

    def failure_lines() -> list[str]:
        text = (ctx.paths.logs / "studio.log").read_text(encoding="utf-8")
        return [line for line in text.splitlines() if job.id in line and " WARNING " in line]

    wait_until(lambda: bool(failure_lines()), what="the failure in studio.log")
    (line,) = failure_lines()
    assert "txt2img" in line and h.fake.url in line
    assert failed.error.message.splitlines()[0] in line
