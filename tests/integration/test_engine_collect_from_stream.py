"""A job's outputs are taken from the websocket events that announced them when the stream
heard the whole run (ComfyUI puts the same files in its history): no /history request per job.
When it may have missed some, or the server sends no execution_success, /history is read."""

from __future__ import annotations

import pytest

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import JobStatus
from tests.fakes.comfy_server import FakeComfyServer
from tests.integration.helpers import harness, queue_job


def test_a_job_heard_from_start_to_end_is_saved_without_asking_the_history(
    ctx: AppContext, fake_comfy: FakeComfyServer
) -> None:
    job = queue_job(ctx, fake_comfy)
    with harness(ctx, fake_comfy) as h:
        final = h.run(job)
    assert final.status is JobStatus.COMPLETED
    (image,) = ctx.store.images_for_job(job.id)
    assert ctx.library.paths.resolve(image.path).is_file()
    assert job.id not in fake_comfy.history_reads


def test_a_cached_rerun_is_saved_from_its_cached_outputs_events(
    ctx: AppContext, fake_comfy: FakeComfyServer
) -> None:
    """The same graph again: ComfyUI runs nothing and sends `executed` for the cached output."""
    first = queue_job(ctx, fake_comfy, seed=7)
    again = queue_job(ctx, fake_comfy, seed=7)
    with harness(ctx, fake_comfy) as h:
        assert h.run(first).status is JobStatus.COMPLETED
        assert h.run(again).status is JobStatus.COMPLETED
    assert len(ctx.store.images_for_job(again.id)) == 1
    assert fake_comfy.history_reads == []


@pytest.mark.parametrize(
    "fault",
    [
        "no_execution_success",  # a server that sends none: the end marker is all there is
        "drop_websocket_mid_run",  # events may have been missed while away
        "unreadable_executed",  # the files it named are unknown: never skipped
    ],
)
def test_a_run_not_heard_whole_completes_from_the_history_with_its_image(
    ctx: AppContext, fake_comfy: FakeComfyServer, fault: str
) -> None:
    setattr(fake_comfy.faults, fault, True)
    job = queue_job(ctx, fake_comfy)
    with harness(ctx, fake_comfy) as h:
        final = h.run(job)
    assert final.status is JobStatus.COMPLETED
    assert len(ctx.store.images_for_job(job.id)) == 1
    assert job.id in fake_comfy.history_reads
