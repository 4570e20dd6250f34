"""The CLI's view of which jobs of its batch are left, kept from events with the store as the
safety net (issue 12: the run loop used to re-read every unfinished job after every event)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from studio_desktop.cli.unfinished import REREAD_EVERY_S, Unfinished
from studio_desktop.core.context import AppContext
from studio_desktop.core.engine import JobStateChanged
from studio_desktop.core.jobs import GenerationParams, Job, NewJob


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    with AppContext.open(tmp_path) as context:
        yield context


def add(ctx: AppContext, n: int) -> list[Job]:
    return ctx.store.add_jobs(
        [NewJob("txt2img", GenerationParams(prompt=f"p{i}")) for i in range(n)]
    )


def test_the_batch_left_follows_the_events_without_reading_the_store(ctx: AppContext) -> None:
    jobs = add(ctx, 3)
    batch = {job.id for job in jobs}
    left = Unfinished(ctx, lambda job: job.id in batch)
    assert left.ids(0.0) == batch  # the first look reads the store

    cancelled = ctx.store.cancel(jobs[0].id)
    left.observe(JobStateChanged(cancelled))
    assert left.ids(0.1) == batch - {jobs[0].id}  # from the event, before any re-read


def test_a_job_changed_without_an_event_here_is_seen_on_the_next_reread(ctx: AppContext) -> None:
    jobs = add(ctx, 2)
    batch = {job.id for job in jobs}
    left = Unfinished(ctx, lambda job: job.id in batch)
    assert left.ids(0.0) == batch
    ctx.store.cancel(jobs[1].id)  # another process (the window) cancelled it: no event here
    assert left.ids(0.1) == batch
    assert left.ids(REREAD_EVERY_S) == {jobs[0].id}


def test_nothing_left_is_only_said_once_the_store_agrees(ctx: AppContext) -> None:
    """An event can only shrink the set; the batch ends on the store's word."""
    (job,) = add(ctx, 1)
    left = Unfinished(ctx, lambda j: j.id == job.id)
    assert left.ids(0.0) == {job.id}
    cancelled = ctx.store.cancel(job.id)
    retried = ctx.store.retry(job.id)  # queued again (the window's Retry) before we hear of it
    left.observe(JobStateChanged(cancelled))
    assert left.ids(0.1) == {job.id}  # the store still has it waiting
    left.observe(JobStateChanged(retried))
    assert left.ids(0.2) == {job.id}


def test_an_end_told_while_the_store_was_read_is_not_brought_back(ctx: AppContext) -> None:
    jobs = add(ctx, 2)
    batch = {job.id for job in jobs}
    left = Unfinished(ctx, lambda job: job.id in batch)
    stale = ctx.store.jobs_with_status(*{job.status for job in jobs})  # read before the end

    class SlowStore:
        def jobs_with_status(self, *_statuses: object) -> list[Job]:
            # The end arrives while the read is under way; the read then returns the old rows.
            left.observe(JobStateChanged(ctx.store.cancel(jobs[0].id)))
            return stale

    class Ctx:
        store = SlowStore()

    left._ctx = Ctx()  # type: ignore[assignment]
    assert left.ids(0.0) == {jobs[1].id}
