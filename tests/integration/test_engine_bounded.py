"""Every job ends (completed, or failed with a reason) within a bounded number of tries after
any fault of the server or the disk (issue 10): found against a server that forgot prompts,
where one job was posted 21 times in 45 s."""

from __future__ import annotations

from dataclasses import replace

import pytest

from studio_desktop.core.context import AppContext
from studio_desktop.core.engine import JobFinished, JobProgress, Notice
from studio_desktop.core.jobs import JobStatus
from studio_desktop.core.store.errors import DatabaseUnavailable, Unavailable
from tests.fakes.comfy_server import ENDLESS_STEPS, FakeComfyServer
from tests.integration.helpers import FAST, harness, queue_ids, queue_job, wait_until


@pytest.mark.parametrize(
    "fault",
    ["forget_prompts", "wrong_prompt_id", "history_of_others"],
)
def test_a_server_that_never_shows_our_prompt_gets_it_a_bounded_number_of_times(
    ctx: AppContext, fake_comfy: FakeComfyServer, fault: str
) -> None:
    setattr(fake_comfy.faults, fault, True)
    # Without execution_success the end marker is the only sign: the history must be read
    # (a whole run heard on the stream would be saved from its events instead).
    fake_comfy.faults.no_execution_success = True
    job = queue_job(ctx, fake_comfy)
    with harness(ctx, fake_comfy) as h:
        final = h.run(job, timeout=60)
    assert final.status is JobStatus.FAILED
    assert final.error is not None and final.error.message
    posts = len(fake_comfy.submitted)
    assert 1 <= posts <= FAST.max_resubmits + 1, f"posted {posts} times"


def test_a_server_silent_after_submit_fails_the_job_once_it_said_nothing_for_the_bound(
    ctx: AppContext, fake_comfy: FakeComfyServer
) -> None:
    fake_comfy.faults.silent_after_submit = True
    job = queue_job(ctx, fake_comfy)
    with harness(ctx, fake_comfy, config=replace(FAST, stall_s=1.0)) as h:
        final = h.run(job, timeout=60)
    assert final.status is JobStatus.FAILED
    assert final.error is not None and final.error.type == "stalled"
    assert len(fake_comfy.submitted) == 1
    assert job.id in fake_comfy.interrupts  # stopped there, not left to run for nothing
    assert queue_ids(fake_comfy)[0] == [job.id]  # (the wedged fake ignores the interrupt)


def test_a_disk_filling_mid_batch_keeps_every_job_tells_the_user_and_carries_on(
    ctx: AppContext, fake_comfy: FakeComfyServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ctx.store
    full = {"on": False}
    for name in ("complete", "set_progress", "mark_sent", "claim_next", "fail", "move"):
        real = getattr(store, name)

        def refusing(*args: object, _real: object = real, **kwargs: object) -> object:
            if full["on"]:
                raise DatabaseUnavailable(store.path, Unavailable.DISK_FULL, "disk is full")
            return _real(*args, **kwargs)  # type: ignore[operator]

        monkeypatch.setattr(store, name, refusing)

    jobs = [queue_job(ctx, fake_comfy, seed=i) for i in range(3)]
    with harness(ctx, fake_comfy) as h:
        h.start(jobs[0])
        wait_until(lambda: bool(h.recorder.of(JobFinished)), what="the first job to end")
        fake_comfy.steps = ENDLESS_STEPS  # the second runs until the test lets it finish
        h.start(jobs[1])
        wait_until(lambda: bool(h.recorder.of(JobProgress)), what="the second job to run")
        full["on"] = True  # the disk fills mid-run, mid-batch
        fake_comfy.steps = 2
        h.start(jobs[2])
        wait_until(lambda: bool(h.recorder.of(Notice)), what="a notice about the disk")
        notice = h.recorder.of(Notice)[0].message
        assert "full" in notice and "database cannot be written" in notice
        assert all(j.status is not JobStatus.FAILED for j in store.jobs_with_status(*JobStatus))
        full["on"] = False
        finals = [h.final(job.id, timeout=60) for job in jobs]
    assert [f.status for f in finals] == [JobStatus.COMPLETED] * 3
