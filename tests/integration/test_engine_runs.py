"""The engine against the fake ComfyUI: successful runs, server-side failures and faults.

Cancellation, reconciliation and auth are in test_engine_control.py.
"""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from studio_desktop.core.context import AppContext
from studio_desktop.core.engine import (
    JobFinished,
    JobPreview,
    JobProgress,
    JobRetrying,
    JobStarted,
    ServerState,
)
from studio_desktop.core.jobs import Job, JobStatus
from studio_desktop.core.library.files import read_png_text
from tests.fakes.comfy_server import FakeComfyServer
from tests.integration.helpers import (
    FAST,
    Background,
    Harness,
    data_files,
    harness,
    queue_ids,
    queue_job,
    status_of,
    submit_blocker,
    submitted_ids,
    wait_until,
)

DB_NAMES = ("studio.sqlite3", "studio.sqlite3-wal", "studio.sqlite3-shm")


def assert_only_library_files(ctx: AppContext) -> None:
    """Nothing but the database and our own folders under the data folder."""
    for rel in data_files(ctx):
        assert rel.parts[0] in ("outputs", "thumbnails", "logs", "tmp") or str(rel) in DB_NAMES, rel


def assert_failed(ctx: AppContext, job: Job, final: Job, error_type: str | None = None) -> None:
    assert final.status is JobStatus.FAILED
    assert final.error is not None and final.error.message
    if error_type is not None:
        assert final.error.type == error_type
    stored = ctx.store.get_job(job.id)
    assert stored is not None and stored.status is JobStatus.FAILED
    assert stored.error == final.error
    assert ctx.store.images_for_job(job.id) == []
    assert not any(ctx.paths.outputs.rglob("*.*")), "a failed job left output files"


# --- success -------------------------------------------------------------------------------------


def test_success_records_image_with_metadata_and_events(h: Harness, ctx: AppContext) -> None:
    job = queue_job(ctx, h.fake)
    final = h.run(job)

    assert final.status is JobStatus.COMPLETED
    stored = ctx.store.get_job(job.id)
    assert stored is not None
    assert stored.status is JobStatus.COMPLETED and stored.progress == 1.0 and stored.error is None
    assert stored.workflow is not None and stored.workflow["6"]["inputs"]["text"] == "a red cat"

    images = ctx.store.images_for_job(job.id)
    assert [i.index for i in images] == [0]
    image = images[0]
    path = ctx.paths.resolve(image.path)
    assert path.is_file() and path.is_relative_to(ctx.paths.outputs)
    assert image.thumb_path is not None
    thumb = ctx.paths.resolve(image.thumb_path)
    assert thumb.is_file() and thumb.is_relative_to(ctx.paths.thumbnails)
    assert (image.width, image.height) == h.fake.output_size
    assert image.bytes == path.stat().st_size

    texts = read_png_text(path.read_bytes())
    comfy_prompt = json.loads(texts["prompt"])
    assert comfy_prompt["3"]["class_type"] == "KSampler"  # ComfyUI's own chunk kept
    studio = json.loads(texts["studio"])
    assert studio["job_id"] == job.id and studio["template"] == "txt2img"
    assert studio["params"] == job.params.to_dict()
    assert image.metadata["studio"]["params"]["prompt"] == "a red cat"

    # What the server got: our job id as prompt_id, our client id, previews asked for.
    (body,) = h.fake.submitted
    assert body["prompt_id"] == job.id
    assert body["client_id"] == h.client_id
    assert body["extra_data"]["preview_method"] == "auto"
    assert body["prompt"]["3"]["inputs"]["seed"] == 7

    # The job's own events (server status and state changes come in between).
    events = [
        e
        for e in h.recorder.events
        if isinstance(e, JobStarted | JobProgress | JobPreview | JobRetrying | JobFinished)
    ]
    assert isinstance(events[0], JobStarted) and events[0].job_id == job.id
    assert events[0].server == h.fake.url
    assert isinstance(events[-1], JobFinished) and events[-1].job.id == job.id
    assert [i.id for i in events[-1].images] == [image.id]
    middle = events[1:-1]
    progress = [e for e in middle if isinstance(e, JobProgress)]
    previews = [e for e in middle if isinstance(e, JobPreview)]
    assert len(progress) + len(previews) == len(middle)  # nothing else between start and finish
    assert [p.value for p in progress] == list(range(1, h.fake.steps + 1))
    assert {(p.max, p.node, p.node_type) for p in progress} == {(h.fake.steps, "3", "KSampler")}
    assert progress[-1].fraction == 1.0
    assert len(previews) == h.fake.steps
    for preview in previews:
        assert preview.job_id == job.id
        with Image.open(io.BytesIO(preview.image)) as im:
            im.load()
            assert im.format == "JPEG" and preview.format == "jpeg"
    assert_only_library_files(ctx)


def test_batch_of_two_records_two_images(h: Harness, ctx: AppContext) -> None:
    job = queue_job(ctx, h.fake, batch_size=2)
    final = h.run(job)
    assert final.status is JobStatus.COMPLETED
    images = ctx.store.images_for_job(job.id)
    assert [i.index for i in images] == [0, 1]
    paths = [ctx.paths.resolve(i.path) for i in images]
    assert len(set(paths)) == 2 and all(p.is_file() for p in paths)
    assert all(i.thumb_path and ctx.paths.resolve(i.thumb_path).is_file() for i in images)
    assert h.fake.submitted[0]["prompt"]["5"]["inputs"]["batch_size"] == 2


# --- rejected and failed prompts ------------------------------------------------------------------


def test_rejected_prompt_fails_at_once(h: Harness, ctx: AppContext) -> None:
    h.fake.faults.reject_prompt = True
    job = queue_job(ctx, h.fake)
    final = h.run(job)
    assert_failed(ctx, job, final, "prompt_outputs_failed_validation")
    assert final.error is not None
    assert "Prompt outputs failed validation" in final.error.message
    details = final.error.details
    assert isinstance(details, list) and details
    assert details[0]["node_id"] == final.error.node_id
    assert details[0]["errors"][0]["input_name"]
    assert h.fake.submitted == []  # a 400 is not recorded as accepted...
    assert not h.recorder.of(JobRetrying)  # ...and it was not tried again


def test_a_rejected_prompt_keeps_the_graph_the_server_refused(h: Harness, ctx: AppContext) -> None:
    h.fake.faults.reject_prompt = True
    job = queue_job(ctx, h.fake)
    final = h.run(job)
    assert final.status is JobStatus.FAILED and final.sent_at is None
    stored = ctx.store.get_job(job.id)
    assert stored is not None and stored.workflow is not None
    assert stored.workflow["6"]["inputs"]["text"] == job.params.prompt
    assert stored.error == final.error


def test_unknown_sampler_is_rejected_with_node_and_input(h: Harness, ctx: AppContext) -> None:
    job = queue_job(ctx, h.fake, sampler="no_such_sampler")
    final = h.run(job)
    assert_failed(ctx, job, final, "prompt_outputs_failed_validation")
    assert final.error is not None
    assert final.error.node_id == "3"
    assert "KSampler (node 3)" in final.error.message
    assert "no_such_sampler" in final.error.message
    (node,) = final.error.details
    assert node["class_type"] == "KSampler"
    assert [e["input_name"] for e in node["errors"]] == ["sampler_name"]
    assert not h.recorder.of(JobRetrying)


def test_runtime_error_fails_with_exception_and_node(h: Harness, ctx: AppContext) -> None:
    h.fake.faults.runtime_error = True
    job = queue_job(ctx, h.fake)
    final = h.run(job)
    assert_failed(ctx, job, final, "RuntimeError")
    assert final.error is not None
    assert final.error.node_id == "3"
    assert final.error.message.startswith("KSampler (node 3) failed:")
    assert "illegal memory access" in final.error.message
    assert "samplers.py" in str(final.error.details)  # the server's traceback is kept
    assert submitted_ids(h.fake) == [job.id]


def test_interrupt_from_another_client_fails_the_job(h: Harness, ctx: AppContext) -> None:
    h.fake.steps, h.fake.step_seconds = 40, 0.02
    job = queue_job(ctx, h.fake)
    run = Background(h, job)
    h.recorder.wait_for(JobProgress)
    with h.client.__class__(h.fake.url) as other:
        other.interrupt()  # someone pressed "cancel" in ComfyUI's own page
    final = run.result()
    assert_failed(ctx, job, final, "interrupted")
    assert final.error is not None and "interrupted on the server" in final.error.message


# --- faults on the way -------------------------------------------------------------------------


def test_a_server_answering_500_at_connect_keeps_the_job_waiting_with_the_reason(
    h: Harness, ctx: AppContext
) -> None:
    """Not a failure of the job: the server is down, says why, and the job waits for it."""
    h.fake.faults.server_error = True
    job = queue_job(ctx, h.fake)
    h.start(job)
    wait_until(lambda: h.status().state is ServerState.DOWN, what="the server shown down")
    assert "500" in h.status().message
    assert status_of(ctx, job.id) is JobStatus.PENDING
    h.fake.faults.server_error = False
    assert h.final(job.id).status is JobStatus.COMPLETED


def test_dropped_websocket_mid_run_still_completes(h: Harness, ctx: AppContext) -> None:
    h.fake.faults.drop_websocket_mid_run = True
    job = queue_job(ctx, h.fake)
    final = h.run(job)
    assert final.status is JobStatus.COMPLETED
    assert len(ctx.store.images_for_job(job.id)) == 1
    assert submitted_ids(h.fake) == [job.id]


def test_server_errors_then_healthy_retries_and_completes(h: Harness, ctx: AppContext) -> None:
    job = queue_job(ctx, h.fake)
    seen_retrying = threading.Event()

    def heal() -> None:
        wait_until(lambda: status_of(ctx, job.id) is JobStatus.RETRYING, what="retrying")
        seen_retrying.set()
        h.fake.faults.server_error = False

    healer = threading.Thread(target=heal)
    config = replace(FAST, max_attempts=50, backoff_s=0.1)
    with harness(ctx, h.fake, config=config) as patient:
        patient.connect()
        h.fake.faults.server_error = True  # from the submit on
        healer.start()
        final = patient.run(job)
    healer.join(10)
    assert seen_retrying.is_set()
    assert final.status is JobStatus.COMPLETED and final.error is None
    assert len(ctx.store.images_for_job(job.id)) == 1
    assert submitted_ids(h.fake) == [job.id]
    retries = patient.recorder.of(JobRetrying)
    assert retries and "500" in retries[0].reason


def test_persistent_server_error_gives_up(h: Harness, ctx: AppContext) -> None:
    h.connect()
    h.fake.faults.server_error = True
    job = queue_job(ctx, h.fake)
    final = h.run(job)
    assert_failed(ctx, job, final)
    assert final.error is not None
    assert f"gave up after {FAST.max_attempts} attempts" in final.error.message
    assert [r.attempt for r in h.recorder.of(JobRetrying)] == [1, 2]
    assert h.fake.submitted == []


def test_junk_json_is_retried_then_fails(h: Harness, ctx: AppContext) -> None:
    h.connect()
    h.fake.faults.junk_json = True
    job = queue_job(ctx, h.fake)
    final = h.run(job)
    assert_failed(ctx, job, final, "BadResponse")
    assert final.error is not None
    assert "could not be understood" in final.error.message
    assert "gave up after 3 attempts" in final.error.message
    assert len(h.recorder.of(JobRetrying)) == 2


def test_server_restart_mid_run_resubmits_once(
    ctx: AppContext, fake_comfy_factory: Callable[..., FakeComfyServer]
) -> None:
    fake = fake_comfy_factory(steps=30, step_seconds=0.03)
    config = replace(FAST, max_attempts=20, backoff_s=0.1)
    with harness(ctx, fake, config=config) as h:
        job = queue_job(ctx, fake)
        run = Background(h, job)
        h.recorder.wait_for(JobProgress)
        fake.steps = 3  # the second run is quick
        fake.restart()  # queue and history are gone; the runner must notice and submit again
        final = run.result(timeout=30)
    assert final.status is JobStatus.COMPLETED
    assert submitted_ids(fake) == [job.id, job.id]
    assert len(ctx.store.images_for_job(job.id)) == 1
    assert len(list(ctx.paths.outputs.rglob("*.png"))) == 1


# --- what the server sends back -----------------------------------------------------------------


@pytest.mark.parametrize("hostile", ["dotdot", "absolute"])
def test_hostile_output_names_never_escape_the_data_folder(
    h: Harness, ctx: AppContext, tmp_path: Path, hostile: str
) -> None:
    h.fake.faults.hostile_filenames = hostile
    job = queue_job(ctx, h.fake, batch_size=2)
    final = h.run(job)
    assert final.status in (JobStatus.COMPLETED, JobStatus.FAILED)
    if final.status is JobStatus.COMPLETED:
        images = ctx.store.images_for_job(job.id)
        assert [i.index for i in images] == [0, 1]
        for image in images:
            assert "evil" not in image.path
            assert image.metadata["server_filename"].endswith(".png")
    assert not [p for p in tmp_path.rglob("*") if "evil" in p.name]
    assert not Path("/etc/evil.png").exists()
    assert_only_library_files(ctx)


@pytest.mark.parametrize(
    ("fault", "words"),
    [("non_image_output", "not an image"), ("huge_image_output", "megapixel limit")],
)
def test_bad_output_is_rejected(h: Harness, ctx: AppContext, fault: str, words: str) -> None:
    setattr(h.fake.faults, fault, True)
    job = queue_job(ctx, h.fake)
    final = h.run(job)
    assert_failed(ctx, job, final, "output_rejected")
    assert final.error is not None and words in final.error.message
    assert not any(ctx.paths.thumbnails.rglob("*.*"))
    assert submitted_ids(h.fake) == [job.id]  # not retried: the same bytes would come back


def test_other_clients_previews_do_not_leak_into_our_job(h: Harness, ctx: AppContext) -> None:
    """ComfyUI broadcasts type-1 previews of a prompt queued without a client id to every
    socket; they carry no prompt id, so while ours waits they must not be shown as ours."""
    h.fake.steps, h.fake.step_seconds = 8, 0.03
    blocker = submit_blocker(h.fake, ctx, previews=True)
    wait_until(lambda: queue_ids(h.fake)[0] == [blocker], what="the blocker to run")
    job = queue_job(ctx, h.fake)
    final = h.run(job)
    assert final.status is JobStatus.COMPLETED
    assert len(h.recorder.of(JobPreview)) == h.fake.steps  # ours only
    assert {p.job_id for p in h.recorder.of(JobProgress)} == {job.id}
