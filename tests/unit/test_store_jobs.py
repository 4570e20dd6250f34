"""Store: job states, claiming, completion."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from studio_desktop.core.jobs import (
    LEGAL_MOVES,
    GenerationParams,
    IllegalTransition,
    InputImage,
    Job,
    JobError,
    JobStatus,
    NewImage,
    NewJob,
)
from studio_desktop.core.store import JobNotFound, Store

SERVER = "http://127.0.0.1:8188"
OTHER = "http://127.0.0.1:8189"
BOOM = JobError(type="execution_error", message="boom", node_id="3", details={"x": 1})


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "data" / "studio.sqlite3") as s:
        yield s
        assert s.integrity_check() == "ok"


def new_job(prompt: str = "a red cat", *, server: str | None = None, **params: object) -> NewJob:
    return NewJob(
        template="txt2img",
        params=GenerationParams(prompt=prompt, **params),  # type: ignore[arg-type]
        server=server,
    )


def image(index: int, job_id: str) -> NewImage:
    return NewImage(
        index=index,
        path=f"outputs/{job_id}_{index}.png",
        thumb_path=f"thumbnails/{job_id}_{index}.webp",
        width=512,
        height=768,
        bytes=1234,
        metadata={"prompt": {"1": {}}},
    )


def job_in(store: Store, status: JobStatus) -> Job:
    """A fresh job brought to `status` by legal moves."""
    job = store.add_job(new_job())
    if status is JobStatus.PENDING:
        return job
    if status is JobStatus.CANCELLED:
        return store.cancel(job.id)
    claimed = store.claim_next(SERVER, can_run=lambda j: j.id == job.id)
    assert claimed is not None and claimed.id == job.id
    if status is JobStatus.RUNNING:
        return claimed
    if status is JobStatus.RETRYING:
        return store.move(job.id, JobStatus.RETRYING)
    if status is JobStatus.FAILED:
        return store.fail(job.id, BOOM)
    store.complete(job.id, [])
    done = store.get_job(job.id)
    assert done is not None
    return done


@pytest.mark.parametrize(("old", "new"), list(itertools.product(JobStatus, JobStatus)))
def test_every_move_against_legal_moves(store: Store, old: JobStatus, new: JobStatus) -> None:
    job = job_in(store, old)
    assert job.status is old
    if new in LEGAL_MOVES[old]:
        moved = store.move(job.id, new)
        assert moved.status is new
        assert store.get_job(job.id) == moved
    else:
        with pytest.raises(IllegalTransition) as caught:
            store.move(job.id, new)
        assert (caught.value.old, caught.value.new) == (old, new)
        assert store.get_job(job.id) == job  # nothing changed


def test_expected_state_guards_the_move(store: Store) -> None:
    job = store.add_job(new_job())
    with pytest.raises(IllegalTransition):
        store.move(job.id, JobStatus.CANCELLED, expected=JobStatus.RUNNING)
    assert store.move(job.id, JobStatus.CANCELLED, expected=JobStatus.PENDING).status is (
        JobStatus.CANCELLED
    )


def test_unknown_job(store: Store) -> None:
    assert store.get_job("nope") is None
    with pytest.raises(JobNotFound):
        store.move("nope", JobStatus.CANCELLED)


def test_add_round_trips_every_field(store: Store) -> None:
    new = NewJob(
        template="img2img",
        params=GenerationParams(
            prompt="p", negative="n", seed=7, model="sd15.safetensors", extra={"k": [1, 2]}
        ),
        workflow={"1": {"class_type": "X", "inputs": {}}},
        inputs=(InputImage(slot="image", path="inputs/a.png"),),
        server=OTHER,
    )
    job = store.add_job(new)
    assert store.get_job(new.id) == job
    assert job.id == new.id and job.params == new.params and job.inputs == new.inputs
    assert job.workflow == new.workflow
    assert job.status is JobStatus.PENDING and job.pinned and job.server == OTHER
    assert job.attempt == 0 and job.progress == 0.0 and job.error is None
    assert job.created_at.tzinfo is UTC
    assert abs(datetime.now(UTC) - job.created_at) < timedelta(minutes=1)


def test_add_jobs_is_one_transaction(store: Store) -> None:
    first = new_job("one")
    with pytest.raises(IntegrityError):
        store.add_jobs([first, new_job("two"), NewJob("t", GenerationParams("x"), id=first.id)])
    assert store.get_job(first.id) is None
    jobs = store.add_jobs([new_job("a"), new_job("b")])
    assert [j.seq for j in jobs] == sorted(j.seq for j in jobs)


def test_claim_sets_running_fields(store: Store) -> None:
    job = store.add_job(new_job())
    claimed = store.claim_next(SERVER)
    assert claimed is not None and claimed.id == job.id
    assert claimed.status is JobStatus.RUNNING and claimed.server == SERVER
    assert claimed.attempt == 1 and claimed.started_at is not None
    assert claimed.started_at.tzinfo is UTC
    assert store.claim_next(SERVER) is None


def test_claim_order_is_priority_then_queue_order(store: Store) -> None:
    a, b, c, d = store.add_jobs([new_job(p) for p in "abcd"])
    store.move_to_front(c.id)
    store.move_to_front(d.id)
    order = [store.claim_next(SERVER) for _ in range(4)]
    assert [j.id for j in order if j] == [d.id, c.id, a.id, b.id]
    assert store.claim_next(SERVER) is None


def test_pinned_jobs_go_only_to_their_server(store: Store) -> None:
    pinned = store.add_job(new_job("pinned", server=OTHER))
    free = store.add_job(new_job("free"))
    first = store.claim_next(SERVER)
    assert first is not None and first.id == free.id
    assert store.claim_next(SERVER) is None
    second = store.claim_next(OTHER)
    assert second is not None and second.id == pinned.id and second.pinned


def test_can_run_and_exclude_skip_jobs(store: Store) -> None:
    jobs = store.add_jobs([new_job(f"job {i}", model=f"m{i % 3}") for i in range(80)])
    only_m2 = store.claim_next(SERVER, can_run=lambda j: j.params.model == "m2")
    assert only_m2 is not None and only_m2.id == jobs[2].id
    # Skips more than one candidate batch before it finds one.
    late = store.claim_next(SERVER, can_run=lambda j: j.params.prompt == "job 70")
    assert late is not None and late.id == jobs[70].id
    assert store.claim_next(SERVER, can_run=lambda j: False) is None
    excluded = store.claim_next(SERVER, exclude={jobs[0].id, jobs[1].id})
    assert excluded is not None and excluded.id == jobs[3].id
    refused = store.get_job(jobs[0].id)
    assert refused is not None and refused.status is JobStatus.PENDING


def test_deleted_and_non_pending_jobs_are_not_claimed(store: Store) -> None:
    job = store.add_job(new_job())
    store.cancel(job.id)
    assert store.claim_next(SERVER) is None


def test_timestamps_follow_the_moves(store: Store) -> None:
    job = job_in(store, JobStatus.RUNNING)
    assert job.started_at is not None and job.finished_at is None
    failed = store.fail(job.id, BOOM)
    assert failed.error == BOOM and failed.finished_at is not None
    assert failed.duration_s is not None and failed.duration_s >= 0
    retried = store.retry(job.id)
    assert retried.status is JobStatus.PENDING and retried.error is None
    assert retried.finished_at is None and retried.server is None
    assert retried.attempt == 1  # the count is kept
    again = store.claim_next(SERVER)
    assert again is not None and again.attempt == 2


def test_retrying_and_back_keeps_the_attempt(store: Store) -> None:
    job = job_in(store, JobStatus.RUNNING)
    waiting = store.move(job.id, JobStatus.RETRYING, error=JobError("transient", "reset"))
    assert waiting.error is not None and waiting.error.message == "reset"
    again = store.move(job.id, JobStatus.RUNNING, expected=JobStatus.RETRYING)
    assert again.attempt == 1 and again.started_at == job.started_at


def test_retry_only_from_failed(store: Store) -> None:
    job = job_in(store, JobStatus.RUNNING)
    with pytest.raises(IllegalTransition):
        store.retry(job.id)


def test_requeue_from_running_and_retrying(store: Store) -> None:
    for status in (JobStatus.RUNNING, JobStatus.RETRYING):
        job = job_in(store, status)
        if status is JobStatus.RUNNING:
            store.set_progress(job.id, 0.5, "step 5/10")
        reason = JobError(type="server_lost", message="gone")
        back = store.requeue(job.id, reason=reason)
        assert back.status is JobStatus.PENDING and back.server is None
        assert back.progress == 0.0 and back.progress_text == ""
        assert back.attempt == 1 and back.error == reason
        store.cancel(job.id)
    with pytest.raises(IllegalTransition):
        store.requeue(job_in(store, JobStatus.PENDING).id)


def test_requeue_keeps_a_pinned_server(store: Store) -> None:
    job = store.add_job(new_job(server=OTHER))
    assert store.claim_next(OTHER) is not None
    back = store.requeue(job.id)
    assert back.server == OTHER and back.pinned


def test_cancel(store: Store) -> None:
    for status in (JobStatus.PENDING, JobStatus.RUNNING, JobStatus.RETRYING):
        cancelled = store.cancel(job_in(store, status).id)
        assert cancelled.status is JobStatus.CANCELLED and cancelled.finished_at is not None
    with pytest.raises(IllegalTransition):
        store.cancel(job_in(store, JobStatus.COMPLETED).id)


def test_fail_from_retrying(store: Store) -> None:
    job = job_in(store, JobStatus.RETRYING)
    assert store.fail(job.id, BOOM).status is JobStatus.FAILED
    with pytest.raises(IllegalTransition):
        store.fail(job_in(store, JobStatus.PENDING).id, BOOM)


def test_progress_only_while_running(store: Store) -> None:
    job = store.add_job(new_job())
    store.set_progress(job.id, 0.5, "ignored")
    pending = store.get_job(job.id)
    assert pending is not None and pending.progress == 0.0
    store.claim_next(SERVER)
    store.set_progress(job.id, 0.25, "KSampler 5/20")
    running = store.get_job(job.id)
    assert running is not None
    assert (running.progress, running.progress_text) == (0.25, "KSampler 5/20")
    store.set_progress(job.id, 7.0)
    clamped = store.get_job(job.id)
    assert clamped is not None and clamped.progress == 1.0
    store.set_progress("unknown-id", 0.5)  # ignored, no error


def test_set_workflow(store: Store) -> None:
    job = job_in(store, JobStatus.RUNNING)
    graph = {"3": {"class_type": "KSampler", "inputs": {"seed": 5}}}
    recorded = store.set_workflow(job.id, graph)
    stored = store.get_job(job.id)
    assert stored is not None and stored.workflow == graph == recorded.workflow


def test_a_job_cancelled_before_its_submit_is_not_given_a_graph(store: Store) -> None:
    """The cancel race: a job cancelled between its claim and its submit must not be sent."""
    job = job_in(store, JobStatus.RUNNING)
    store.cancel(job.id)
    with pytest.raises(IllegalTransition):
        store.set_workflow(job.id, {"3": {"class_type": "KSampler", "inputs": {}}})


def test_complete_records_images_and_moves_in_one_go(store: Store) -> None:
    job = job_in(store, JobStatus.RUNNING)
    images = store.complete(job.id, [image(0, job.id), image(1, job.id)])
    assert [i.index for i in images] == [0, 1]
    assert images[0].metadata == {"prompt": {"1": {}}} and images[0].created_at.tzinfo is UTC
    done = store.get_job(job.id)
    assert done is not None and done.status is JobStatus.COMPLETED
    assert done.progress == 1.0 and done.finished_at is not None
    assert store.images_for_job(job.id) == images


def test_complete_is_idempotent(store: Store) -> None:
    job = job_in(store, JobStatus.RUNNING)
    first = store.complete(job.id, [image(0, job.id)])
    second = store.complete(job.id, [image(0, job.id), image(1, job.id)])
    assert second == first
    assert len(store.images_for_job(job.id)) == 1


def test_complete_is_atomic(store: Store) -> None:
    job = job_in(store, JobStatus.RUNNING)
    with pytest.raises(IntegrityError):
        store.complete(job.id, [image(0, job.id), image(0, job.id)])  # same index twice
    still = store.get_job(job.id)
    assert still is not None and still.status is JobStatus.RUNNING
    assert store.images_for_job(job.id) == []


def test_complete_from_other_states_is_illegal(store: Store) -> None:
    for status in (JobStatus.PENDING, JobStatus.RETRYING, JobStatus.FAILED, JobStatus.CANCELLED):
        job = job_in(store, status)
        with pytest.raises(IllegalTransition):
            store.complete(job.id, [image(0, job.id)])
        assert store.images_for_job(job.id) == []


def test_a_job_index_is_recorded_once(store: Store) -> None:
    one = job_in(store, JobStatus.RUNNING)
    two = job_in(store, JobStatus.RUNNING)
    store.complete(one.id, [image(0, one.id)])
    clash = NewImage(0, "outputs/other-name.png", None, 1, 1, 1)
    with pytest.raises(IntegrityError):
        # Same path as another job's image: paths are unique too.
        store.complete(two.id, [NewImage(0, f"outputs/{one.id}_0.png", None, 1, 1, 1)])
    assert store.complete(two.id, [clash])[0].index == 0


def test_move_to_front(store: Store) -> None:
    a, b = store.add_jobs([new_job("a"), new_job("b")])
    front = store.move_to_front(b.id)
    assert front.priority == 1
    assert [j.id for j in store.jobs_with_status(JobStatus.PENDING)] == [b.id, a.id]
    assert store.move_to_front(a.id).priority == 2
    store.claim_next(SERVER)
    with pytest.raises(IllegalTransition):
        store.move_to_front(a.id)


def test_jobs_with_status_and_counts(store: Store) -> None:
    for status in JobStatus:
        job_in(store, status)
    job_in(store, JobStatus.PENDING)
    counts = store.count_by_status()
    assert counts == {s: (2 if s is JobStatus.PENDING else 1) for s in JobStatus}
    active = store.jobs_with_status(JobStatus.RUNNING, JobStatus.RETRYING)
    assert {j.status for j in active} == {JobStatus.RUNNING, JobStatus.RETRYING}


def test_a_cancelled_job_can_be_queued_again(store: Store) -> None:
    job = job_in(store, JobStatus.RUNNING)
    store.cancel(job.id)
    retried = store.retry(job.id)
    assert retried.status is JobStatus.PENDING and retried.finished_at is None
    again = store.claim_next(SERVER)
    assert again is not None and again.id == job.id and again.attempt == 2
