"""The engine against the fake ComfyUI: cancelling, reconciling with the server, auth."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from studio_desktop.core.comfy import ComfyClient
from studio_desktop.core.context import AppContext
from studio_desktop.core.engine import (
    JobFinished,
    JobProgress,
    JobRetrying,
    ServerState,
    steps,
)
from studio_desktop.core.engine.server import HttpComfyServer
from studio_desktop.core.jobs import JobStatus
from studio_desktop.core.servers import ServerConfig
from studio_desktop.core.store.errors import DatabaseUnavailable, Unavailable
from tests.fakes.comfy_server import FakeComfyServer
from tests.integration.helpers import (
    FAST,
    Background,
    Harness,
    harness,
    interrupt_all,
    queue_and_claim,
    queue_ids,
    queue_job,
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
    h.recorder.wait_for(JobFinished)  # reported after the commit that cancelled it
    finished = h.recorder.of(JobFinished)
    assert len(finished) == 1 and finished[0].job.status is JobStatus.CANCELLED


# --- cancel --------------------------------------------------------------------------------------


def test_cancel_while_pending_on_server_deletes_it(h: Harness, ctx: AppContext) -> None:
    h.fake.steps, h.fake.step_seconds = 200, 0.02
    blocker = submit_blocker(h.fake, ctx)
    wait_until(lambda: queue_ids(h.fake)[0] == [blocker], what="the blocker to run")
    job = queue_job(ctx, h.fake)
    run = Background(h, job)
    wait_until(lambda: job.id in queue_ids(h.fake)[1], what="our prompt to wait in the queue")
    h.cancel(job.id)
    final = run.result()
    assert final.status is JobStatus.CANCELLED
    assert_cancelled(h, job.id)
    wait_until(lambda: bool(h.fake.deleted), what="the delete to reach the server")
    assert h.fake.deleted == [job.id]
    assert job.id not in h.fake.interrupts
    running, pending = queue_ids(h.fake)
    assert running == [blocker] and pending == []  # the other app's prompt is left alone
    interrupt_all(h.fake)


def test_cancel_while_running_interrupts_it(h: Harness, ctx: AppContext) -> None:
    h.fake.steps, h.fake.step_seconds = 200, 0.02
    job = queue_job(ctx, h.fake)
    run = Background(h, job)

    def sampling_recorded() -> bool:
        stored = ctx.store.get_job(job.id)
        assert stored is not None
        return stored.progress > 0 and stored.progress_text.startswith("KSampler ")

    wait_until(sampling_recorded, what="sampler progress in the store")
    h.cancel(job.id)
    final = run.result()
    assert final.status is JobStatus.CANCELLED
    assert_cancelled(h, job.id)
    wait_until(lambda: bool(h.fake.interrupts), what="the interrupt to reach the server")
    assert h.fake.interrupts == [job.id]
    assert h.fake.deleted == []
    assert h.fake.wait_idle()
    with ComfyClient(h.fake.url) as client:
        entry = client.history(job.id)
    assert entry is not None and entry.error is not None and entry.error.interrupted


def test_cancel_during_retry_backoff_is_prompt(
    ctx: AppContext, fake_comfy: FakeComfyServer
) -> None:
    slow = replace(FAST, backoff_s=30.0, backoff_max_s=30.0)
    with harness(ctx, fake_comfy, config=slow) as h:
        h.connect()
        fake_comfy.faults.server_error = True
        job = queue_job(ctx, fake_comfy)
        run = Background(h, job)
        wait_until(lambda: status_of(ctx, job.id) is JobStatus.RETRYING, what="retrying")
        started = time.monotonic()
        h.cancel(job.id)
        final = run.result(timeout=5)
        assert time.monotonic() - started < 2.0  # not after the 30 s backoff
        assert final.status is JobStatus.CANCELLED
        assert_cancelled(h, job.id)
        assert len(h.recorder.of(JobRetrying)) == 1
    assert fake_comfy.submitted == []


def test_errors_while_following_slow_a_job_down_and_a_cancel_still_stops_it_there(
    ctx: AppContext, fake_comfy: FakeComfyServer
) -> None:
    """500s from /queue and /history while a prompt runs must neither kill the server's loop
    (it used to: the server showed "stopped" until restart) nor strand the job; a cancel
    afterwards must reach the server, or the GPU keeps working for nothing."""
    # Slow steps: the event stream is quiet between them, so the safety-net poll runs.
    fake_comfy.steps, fake_comfy.step_seconds = 4, 3.0
    patient = replace(FAST, max_attempts=50)
    with harness(ctx, fake_comfy, config=patient) as h:
        job = queue_job(ctx, fake_comfy)
        run = Background(h, job)
        h.recorder.wait_for(JobProgress)
        fake_comfy.faults.server_error = True  # the next polls get a 500
        wait_until(lambda: fake_comfy.server_errors_served >= 2, what="two failed polls")
        fake_comfy.faults.server_error = False
        assert status_of(ctx, job.id) is JobStatus.RUNNING
        assert h.status().state is ServerState.BUSY
        h.cancel(job.id)
        final = run.result(timeout=5)
        assert final.status is JobStatus.CANCELLED
        assert_cancelled(h, job.id)
        wait_until(lambda: bool(fake_comfy.interrupts), what="the interrupt to reach the server")
    assert fake_comfy.interrupts == [job.id]
    assert fake_comfy.wait_idle()


def test_a_server_that_keeps_failing_polls_fails_the_job_and_stops_its_prompt(
    ctx: AppContext, fake_comfy: FakeComfyServer
) -> None:
    fake_comfy.steps, fake_comfy.step_seconds = 4, 3.0  # quiet between steps: polls run
    with harness(ctx, fake_comfy) as h:
        job = queue_job(ctx, fake_comfy)
        run = Background(h, job)
        h.recorder.wait_for(JobProgress)
        fake_comfy.faults.server_error = True
        final = run.result()
        assert final.status is JobStatus.FAILED
        assert final.error is not None and "gave up after 3 attempts" in final.error.message
        assert "500" in final.error.message
        fake_comfy.faults.server_error = False
        wait_until(lambda: bool(fake_comfy.interrupts), what="the interrupt to reach the server")
    assert fake_comfy.interrupts == [job.id]
    assert fake_comfy.wait_idle()


def test_job_cancelled_in_the_store_during_backoff_ends_quietly(
    ctx: AppContext, fake_comfy: FakeComfyServer
) -> None:
    """The UI may cancel a retrying job in the store directly; the engine must then stop
    without raising (it used to die on the illegal cancelled -> running move)."""
    with harness(ctx, fake_comfy, config=replace(FAST, backoff_s=0.3)) as h:
        h.connect()
        fake_comfy.faults.server_error = True
        job = queue_job(ctx, fake_comfy)
        run = Background(h, job)
        wait_until(lambda: status_of(ctx, job.id) is JobStatus.RETRYING, what="retrying")
        ctx.store.cancel(job.id)
        final = run.result()
        assert final.status is JobStatus.CANCELLED
        assert status_of(ctx, job.id) is JobStatus.CANCELLED
        assert len(h.recorder.of(JobRetrying)) == 1
    assert fake_comfy.submitted == []


def test_cancel_before_submit_sends_nothing(h: Harness, ctx: AppContext) -> None:
    job = queue_job(ctx, h.fake)
    h.cancel(job.id)
    final = h.run(job)
    assert final.status is JobStatus.CANCELLED
    assert h.fake.submitted == [] and h.fake.interrupts == [] and h.fake.deleted == []


# --- reconciliation ------------------------------------------------------------------------------


def test_run_collects_a_finished_prompt_without_resubmitting(h: Harness, ctx: AppContext) -> None:
    job = queue_and_claim(ctx, h.fake)  # recorded as running here when the app died
    submit_direct(h.fake, ctx, job)  # the app died after submitting; ComfyUI carried on
    assert h.fake.wait_idle()
    final = h.run(job)
    assert final.status is JobStatus.COMPLETED
    assert submitted_ids(h.fake) == [job.id]
    images = ctx.store.images_for_job(job.id)
    assert len(images) == 1 and ctx.paths.resolve(images[0].path).is_file()


def test_run_follows_a_queued_prompt_without_resubmitting(h: Harness, ctx: AppContext) -> None:
    h.fake.steps, h.fake.step_seconds = 10, 0.02
    job = queue_and_claim(ctx, h.fake)  # recorded as running here when the app died
    submit_direct(h.fake, ctx, job, client_id="the-dead-app")
    final = h.run(job)
    assert final.status is JobStatus.COMPLETED
    assert submitted_ids(h.fake) == [job.id]
    assert len(ctx.store.images_for_job(job.id)) == 1


def test_run_on_an_interrupted_prompt_in_history_fails_it(h: Harness, ctx: AppContext) -> None:
    h.fake.steps, h.fake.step_seconds = 200, 0.02
    job = queue_and_claim(ctx, h.fake)  # recorded as running here when the app died
    submit_direct(h.fake, ctx, job)
    wait_until(lambda: queue_ids(h.fake)[0] == [job.id], what="our prompt to run")
    with ComfyClient(h.fake.url) as client:
        client.interrupt(job.id)
    assert h.fake.wait_idle()
    final = h.run(job)
    assert final.status is JobStatus.FAILED
    assert final.error is not None and final.error.type == "interrupted"
    assert "interrupted" in final.error.message
    assert submitted_ids(h.fake) == [job.id]


def test_collecting_twice_does_not_duplicate_images(h: Harness, ctx: AppContext) -> None:
    job = queue_job(ctx, h.fake)
    assert h.run(job).status is JobStatus.COMPLETED
    first = ctx.store.images_for_job(job.id)
    files = sorted(ctx.paths.outputs.rglob("*.png"))
    mtimes = [p.stat().st_mtime_ns for p in files]

    entry = h.client.history(job.id)
    assert entry is not None
    completed = ctx.store.get_job(job.id)
    assert completed is not None
    server = HttpComfyServer(ServerConfig(h.fake.url), stream_reconnect_s=1.0)
    try:
        again = steps.collect(server, ctx.store, ctx.library, completed, entry)
    finally:
        server.close()
    assert [i.id for i in again.images] == [i.id for i in first]
    assert again.job == completed
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
        job = queue_job(ctx, fake)
        final = h.run(job)
        assert final.status is JobStatus.COMPLETED
        assert h.recorder.of(JobProgress)  # the websocket was let in too
    assert len(ctx.store.images_for_job(job.id)) == 1


def test_token_revoked_mid_run_shows_the_server_refusing_us_and_gives_the_job_back(
    ctx: AppContext, fake_comfy_factory: Callable[..., FakeComfyServer]
) -> None:
    """The job is not at fault: it goes back to the queue (another server may take it) with
    the reason, and the server shows why it is down; nothing is retried against it."""
    fake = fake_comfy_factory(require_auth="Bearer t", steps=200, step_seconds=0.02)
    with harness(ctx, fake, auth_header="Bearer t") as h:
        job = queue_job(ctx, fake)
        h.start(job)
        h.recorder.wait_for(JobProgress)
        fake.require_auth = "Bearer rotated"
        wait_until(lambda: h.status().state is ServerState.DOWN, what="the server shown down")
        assert "access token" in h.status().message
        wait_until(lambda: status_of(ctx, job.id) is JobStatus.PENDING, what="the job requeued")
        waiting = ctx.store.get_job(job.id)
        assert waiting is not None and waiting.error is not None
        assert "access token" in waiting.error.message
        assert not h.recorder.of(JobRetrying)
    assert submitted_ids(fake) == [job.id]
    fake.require_auth = None
    interrupt_all(fake)


@pytest.mark.parametrize("token", ["Bearer wrong", None])
def test_wrong_token_shows_the_server_down_with_the_reason(
    ctx: AppContext, fake_comfy_factory: Callable[..., FakeComfyServer], token: str | None
) -> None:
    fake = fake_comfy_factory(require_auth="Bearer t")
    with harness(ctx, fake, auth_header=token) as h:
        job = queue_job(ctx, fake)
        h.start(job)
        wait_until(lambda: h.status().state is ServerState.DOWN, what="the server shown down")
        message = h.status().message
        assert "access token" in message and "401" in message
        assert status_of(ctx, job.id) is JobStatus.PENDING
        assert not h.recorder.of(JobRetrying)
    assert fake.submitted == []


def test_a_job_cancelled_while_its_prompt_is_sent_does_not_run_on_the_server(
    h: Harness, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The graph is recorded with `sent_at` after the POST: a cancel that lands while the
    prompt is bound and sent is found there, and the prompt is taken off the server."""
    h.fake.steps, h.fake.step_seconds = 200, 0.02
    job = queue_job(ctx, h.fake)
    real_bind = steps.bind

    def bind_then_cancel(*args: Any, **kwargs: Any) -> dict[str, Any]:
        graph = real_bind(*args, **kwargs)
        ctx.store.cancel(job.id)  # the user's cancel, while the prompt is on its way
        return graph

    monkeypatch.setattr(steps, "bind", bind_then_cancel)
    final = h.run(job)
    assert final.status is JobStatus.CANCELLED
    assert submitted_ids(h.fake) in ([], [job.id])  # sent at most once...
    if submitted_ids(h.fake):
        wait_until(  # ...and then taken off again, not left to run
            lambda: job.id in [*h.fake.deleted, *h.fake.interrupts],
            what="the prompt to be taken off the server",
        )
    assert h.fake.wait_idle()
    assert ctx.store.images_for_job(job.id) == []


def test_a_prompt_sent_just_before_the_loop_died_runs_once_and_completes(
    ctx: AppContext, fake_comfy: FakeComfyServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between the POST and the write that records it sent, the job is running with no
    `sent_at`: the restarted loop finds the prompt on the server and never sends it again."""
    store = ctx.store
    real_mark_sent = store.mark_sent
    refused: list[str] = []

    def dies_once(job_id: str, workflow: Any = None) -> Any:
        if not refused:
            refused.append(job_id)
            raise DatabaseUnavailable(store.path, Unavailable.DISK_FULL, "disk is full")
        return real_mark_sent(job_id, workflow)

    monkeypatch.setattr(store, "mark_sent", dies_once)
    job = queue_job(ctx, fake_comfy)
    with harness(ctx, fake_comfy) as h:
        final = h.run(job)
    assert refused == [job.id]
    assert final.status is JobStatus.COMPLETED
    assert submitted_ids(fake_comfy) == [job.id]
    assert len(store.images_for_job(job.id)) == 1
