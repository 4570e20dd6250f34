"""JobRunner against the fake ComfyUI: cancelling, reconciling with the server, auth."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

import pytest

from studio_desktop.core.comfy import ComfyClient
from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import JobStatus
from studio_desktop.core.runner import (
    JobFinished,
    JobProgress,
    JobRetrying,
)
from tests.fakes.comfy_server import FakeComfyServer
from tests.integration.helpers import (
    FAST,
    Background,
    Harness,
    harness,
    interrupt_all,
    queue_and_claim,
    queue_ids,
    status_of,
    submit_blocker,
    submit_direct,
    submitted_ids,
    wait_until,
)


def assert_cancelled(h: Harness, job_id: str) -> None:
    stored = h.ctx.store.get_job(job_id)
    assert stored is not None and stored.status is JobStatus.CANCELLED
    assert stored.finished_at is not None
    assert h.ctx.store.images_for_job(job_id) == []
    finished = h.recorder.of(JobFinished)
    assert len(finished) == 1 and finished[0].job.status is JobStatus.CANCELLED


# --- cancel --------------------------------------------------------------------------------------


def test_cancel_while_pending_on_server_deletes_it(h: Harness, ctx: AppContext) -> None:
    h.fake.steps, h.fake.step_seconds = 200, 0.02
    blocker = submit_blocker(h.fake, ctx)
    wait_until(lambda: queue_ids(h.fake)[0] == [blocker], what="the blocker to run")
    job = queue_and_claim(ctx, h.fake)
    run = Background(h, job)
    wait_until(lambda: job.id in queue_ids(h.fake)[1], what="our prompt to wait in the queue")
    h.cancel.set()
    final = run.result()
    assert final.status is JobStatus.CANCELLED
    assert_cancelled(h, job.id)
    assert h.fake.deleted == [job.id]
    assert job.id not in h.fake.interrupts
    running, pending = queue_ids(h.fake)
    assert running == [blocker] and pending == []  # the other app's prompt is left alone
    interrupt_all(h.fake)


def test_cancel_while_running_interrupts_it(h: Harness, ctx: AppContext) -> None:
    h.fake.steps, h.fake.step_seconds = 200, 0.02
    job = queue_and_claim(ctx, h.fake)
    run = Background(h, job)

    def sampling_recorded() -> bool:
        stored = ctx.store.get_job(job.id)
        assert stored is not None
        return stored.progress > 0 and stored.progress_text.startswith("KSampler ")

    wait_until(sampling_recorded, what="sampler progress in the store")
    h.cancel.set()
    final = run.result()
    assert final.status is JobStatus.CANCELLED
    assert_cancelled(h, job.id)
    assert h.fake.interrupts == [job.id]
    assert h.fake.deleted == []
    assert h.fake.wait_idle()
    with ComfyClient(h.fake.url) as client:
        entry = client.history(job.id)
    assert entry is not None and entry.error is not None and entry.error.interrupted


def test_cancel_during_retry_backoff_is_prompt(
    ctx: AppContext, fake_comfy: FakeComfyServer
) -> None:
    fake_comfy.faults.server_error = True
    slow = replace(FAST, backoff_s=30.0, backoff_max_s=30.0)
    with harness(ctx, fake_comfy, config=slow) as h:
        job = queue_and_claim(ctx, fake_comfy)
        run = Background(h, job)
        wait_until(lambda: status_of(ctx, job.id) is JobStatus.RETRYING, what="retrying")
        started = time.monotonic()
        h.cancel.set()
        final = run.result(timeout=5)
        assert time.monotonic() - started < 2.0  # not after the 30 s backoff
        assert final.status is JobStatus.CANCELLED
        assert_cancelled(h, job.id)
        assert len(h.recorder.of(JobRetrying)) == 1
    assert fake_comfy.submitted == []


def test_cancel_in_backoff_after_submit_stops_the_prompt_there(
    ctx: AppContext, fake_comfy: FakeComfyServer
) -> None:
    """A transient error while following sends the job into backoff with its prompt still on
    the server; a cancel then must reach the server, or the GPU keeps working for nothing."""
    fake_comfy.steps, fake_comfy.step_seconds = 200, 0.02
    slow = replace(FAST, backoff_s=30.0, backoff_max_s=30.0)
    with harness(ctx, fake_comfy, config=slow) as h:
        job = queue_and_claim(ctx, fake_comfy)
        run = Background(h, job)
        h.recorder.wait_for(JobProgress)
        fake_comfy.faults.server_error = True  # the next history poll gets a 500
        wait_until(lambda: status_of(ctx, job.id) is JobStatus.RETRYING, what="retrying")
        fake_comfy.faults.server_error = False
        h.cancel.set()
        final = run.result(timeout=5)
        assert final.status is JobStatus.CANCELLED
        assert_cancelled(h, job.id)
    assert fake_comfy.interrupts == [job.id]
    assert fake_comfy.wait_idle()


def test_job_cancelled_in_the_store_during_backoff_ends_quietly(
    ctx: AppContext, fake_comfy: FakeComfyServer
) -> None:
    """The UI may cancel a retrying job in the store directly; the runner must then stop
    without raising (it used to die on the illegal cancelled -> running move)."""
    fake_comfy.faults.server_error = True
    with harness(ctx, fake_comfy, config=replace(FAST, backoff_s=0.3)) as h:
        job = queue_and_claim(ctx, fake_comfy)
        run = Background(h, job)
        wait_until(lambda: status_of(ctx, job.id) is JobStatus.RETRYING, what="retrying")
        ctx.store.cancel(job.id)
        final = run.result()
        assert final.status is JobStatus.CANCELLED
        assert status_of(ctx, job.id) is JobStatus.CANCELLED
        assert len(h.recorder.of(JobRetrying)) == 1
    assert fake_comfy.submitted == []


def test_cancel_before_submit_sends_nothing(h: Harness, ctx: AppContext) -> None:
    job = queue_and_claim(ctx, h.fake)
    h.cancel.set()
    final = h.runner.run(job, h.cancel)
    assert final.status is JobStatus.CANCELLED
    assert h.fake.submitted == [] and h.fake.interrupts == [] and h.fake.deleted == []


# --- reconciliation ------------------------------------------------------------------------------


def test_locate_reports_unknown_queued_and_done(h: Harness, ctx: AppContext) -> None:
    job = queue_and_claim(ctx, h.fake)
    assert h.runner.locate(job.id) == ("unknown", None)

    h.fake.steps, h.fake.step_seconds = 200, 0.02
    blocker = submit_blocker(h.fake, ctx)
    wait_until(lambda: queue_ids(h.fake)[0] == [blocker], what="the blocker to run")
    assert h.runner.locate(blocker) == ("queued", None)  # running counts as queued
    submit_direct(h.fake, ctx, job)
    assert h.runner.locate(job.id) == ("queued", None)

    h.fake.steps, h.fake.step_seconds = 2, 0.0
    with ComfyClient(h.fake.url) as client:
        client.interrupt(blocker)
    assert h.fake.wait_idle()
    location, entry = h.runner.locate(job.id)
    assert location == "done"
    assert entry is not None and entry.prompt_id == job.id and entry.status_str == "success"
    assert [f.node_id for f in entry.outputs] == ["9"]


def test_run_collects_a_finished_prompt_without_resubmitting(h: Harness, ctx: AppContext) -> None:
    job = queue_and_claim(ctx, h.fake)
    submit_direct(h.fake, ctx, job)  # the app died after submitting; ComfyUI carried on
    assert h.fake.wait_idle()
    final = h.runner.run(job, h.cancel)
    assert final.status is JobStatus.COMPLETED
    assert submitted_ids(h.fake) == [job.id]
    images = ctx.store.images_for_job(job.id)
    assert len(images) == 1 and ctx.paths.resolve(images[0].path).is_file()


def test_run_follows_a_queued_prompt_without_resubmitting(h: Harness, ctx: AppContext) -> None:
    h.fake.steps, h.fake.step_seconds = 10, 0.02
    job = queue_and_claim(ctx, h.fake)
    submit_direct(h.fake, ctx, job, client_id="the-dead-app")
    final = h.runner.run(job, h.cancel)
    assert final.status is JobStatus.COMPLETED
    assert submitted_ids(h.fake) == [job.id]
    assert len(ctx.store.images_for_job(job.id)) == 1


def test_run_on_an_interrupted_prompt_in_history_fails_it(h: Harness, ctx: AppContext) -> None:
    h.fake.steps, h.fake.step_seconds = 200, 0.02
    job = queue_and_claim(ctx, h.fake)
    submit_direct(h.fake, ctx, job)
    wait_until(lambda: queue_ids(h.fake)[0] == [job.id], what="our prompt to run")
    with ComfyClient(h.fake.url) as client:
        client.interrupt(job.id)
    assert h.fake.wait_idle()
    final = h.runner.run(job, h.cancel)
    assert final.status is JobStatus.FAILED
    assert final.error is not None and final.error.type == "interrupted"
    assert "interrupted" in final.error.message
    assert submitted_ids(h.fake) == [job.id]


def test_collecting_twice_does_not_duplicate_images(h: Harness, ctx: AppContext) -> None:
    job = queue_and_claim(ctx, h.fake)
    assert h.runner.run(job, h.cancel).status is JobStatus.COMPLETED
    first = ctx.store.images_for_job(job.id)
    files = sorted(ctx.paths.outputs.rglob("*.png"))
    mtimes = [p.stat().st_mtime_ns for p in files]

    with harness(ctx, h.fake) as again:
        location, entry = again.runner.locate(job.id)
        assert location == "done" and entry is not None
        completed = ctx.store.get_job(job.id)
        assert completed is not None
        images = again.runner.collect(completed, entry)
    assert [i.id for i in images] == [i.id for i in first]
    assert ctx.store.images_for_job(job.id) == first
    assert sorted(ctx.paths.outputs.rglob("*.png")) == files
    assert [p.stat().st_mtime_ns for p in files] == mtimes  # same bytes: not rewritten
    assert submitted_ids(h.fake) == [job.id]


# --- auth ----------------------------------------------------------------------------------------


def test_auth_token_is_sent_everywhere(
    ctx: AppContext, fake_comfy_factory: Callable[..., FakeComfyServer]
) -> None:
    fake = fake_comfy_factory(require_auth="Bearer t")
    with harness(ctx, fake, auth_header="Bearer t") as h:
        job = queue_and_claim(ctx, fake)
        final = h.runner.run(job, h.cancel)
        assert final.status is JobStatus.COMPLETED
        assert h.recorder.of(JobProgress)  # the websocket was let in too
    assert len(ctx.store.images_for_job(job.id)) == 1


def test_token_revoked_mid_run_fails_without_retrying(
    ctx: AppContext, fake_comfy_factory: Callable[..., FakeComfyServer]
) -> None:
    fake = fake_comfy_factory(require_auth="Bearer t", steps=200, step_seconds=0.02)
    with harness(ctx, fake, auth_header="Bearer t") as h:
        job = queue_and_claim(ctx, fake)
        run = Background(h, job)
        h.recorder.wait_for(JobProgress)
        fake.require_auth = "Bearer rotated"
        final = run.result()
        assert final.status is JobStatus.FAILED
        assert final.error is not None and final.error.type == "ComfyAuthError"
        assert "access token" in final.error.message
        assert not h.recorder.of(JobRetrying)
    assert submitted_ids(fake) == [job.id]
    fake.require_auth = None
    interrupt_all(fake)


@pytest.mark.parametrize("token", ["Bearer wrong", None])
def test_wrong_token_fails_at_once(
    ctx: AppContext, fake_comfy_factory: Callable[..., FakeComfyServer], token: str | None
) -> None:
    fake = fake_comfy_factory(require_auth="Bearer t")
    with harness(ctx, fake, auth_header=token) as h:
        job = queue_and_claim(ctx, fake)
        final = h.runner.run(job, h.cancel)
        assert final.status is JobStatus.FAILED
        assert final.error is not None and final.error.type == "ComfyAuthError"
        assert "access token" in final.error.message and "401" in final.error.message
        assert not h.recorder.of(JobRetrying)
    assert fake.submitted == []
