"""Store: the per-job writes of `store/hot.py` (claim, graph, sent, sampling, progress,
completion, failure): guarded, one transaction each, and what they return is what they wrote."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import Pool

from studio_desktop.core.groups import GroupKind, NewGroup
from studio_desktop.core.jobs import (
    AttemptStatus,
    GenerationParams,
    IllegalTransition,
    Job,
    JobError,
    JobStatus,
    NewImage,
    NewJob,
)
from studio_desktop.core.store import JobNotFound, Store

SERVER = "http://127.0.0.1:8188"
OTHER = "http://127.0.0.1:8189"
BOOM = JobError(type="execution_error", message="boom", node_id="3")
GRAPH = {"1": {"class_type": "KSampler", "inputs": {"seed": 1}}}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "studio.sqlite3")
    yield opened
    assert opened.integrity_check() == "ok"
    opened.close()


def add(store: Store, count: int = 1) -> list[Job]:
    jobs = [NewJob("txt2img", GenerationParams(prompt=f"job {i}", seed=i)) for i in range(count)]
    return store.add_jobs(jobs)


def output(job_id: str, index: int) -> NewImage:
    return NewImage(index, f"outputs/{job_id}_{index}.png", None, 64, 64, 10, metadata={"i": index})


def running(store: Store) -> Job:
    add(store)
    job = store.claim_next(SERVER)
    assert job is not None
    return job


def test_of_two_claimers_that_read_the_same_job_one_takes_it(store: Store) -> None:
    first = store
    with Store(store.path) as second:  # another process's store on the same file
        one, two = add(first, 2)
        taken_by_second: list[Job | None] = []

        def second_claims_first(candidate: Job) -> bool:
            # Both read `one` as the next job; the second claims it before the first does.
            if not taken_by_second:
                taken_by_second.append(second.claim_next(OTHER))
            return True

        got = first.claim_next(SERVER, can_run=second_claims_first)
        assert taken_by_second[0] is not None and taken_by_second[0].id == one.id
        assert got is not None and got.id == two.id  # refused `one`, went on to the next
        won = first.get_job(one.id)
        assert won is not None and won.server == OTHER and won.attempt == 1
        assert [a.server for a in first.attempts(one.id)] == [OTHER]  # one take, the winner's


def test_a_claim_returns_the_row_it_wrote_and_opens_its_take(store: Store) -> None:
    job = running(store)
    stored = store.get_job(job.id)
    assert stored == job
    assert job.status is JobStatus.RUNNING and job.server == SERVER and job.attempt == 1
    (take,) = store.attempts(job.id)
    assert take.status is AttemptStatus.RUNNING and take.started_at == job.started_at


def test_a_claim_replaces_a_stored_take_of_the_same_number(store: Store) -> None:
    (job,) = add(store)
    with sqlite3.connect(store.path) as raw:  # a take migrated from an older schema: a guess
        raw.execute(
            "INSERT INTO job_attempts (job_id, number, server, status, finished_at) "
            "VALUES (?, 1, 'http://old', 'failed', '2020-01-01 00:00:00')",
            (job.id,),
        )
    claimed = store.claim_next(SERVER)
    assert claimed is not None
    (take,) = store.attempts(job.id)
    assert take.server == SERVER and take.status is AttemptStatus.RUNNING
    assert take.finished_at is None and take.error is None


def test_each_write_of_a_jobs_path_takes_the_next_revision(store: Store) -> None:
    job = running(store)
    revisions = [job.revision]
    revisions.append(store.mark_sent(job.id, GRAPH).revision)
    sampling = store.mark_sampling(job.id)
    assert sampling is not None
    revisions.append(sampling.revision)
    store.set_progress(job.id, 0.5, "1/2")
    progressed = store.get_job(job.id)
    assert progressed is not None
    revisions.append(progressed.revision)
    revisions.append(store.complete_job(job.id, [output(job.id, 0)]).job.revision)
    assert revisions == list(range(revisions[0], revisions[0] + len(revisions)))
    assert store.max_job_revision() == revisions[-1]


def test_the_graph_sent_is_recorded_with_the_time_it_was_sent_in_one_write(store: Store) -> None:
    job = running(store)
    sent = store.mark_sent(job.id, GRAPH)
    assert sent.workflow == GRAPH and sent.sent_at is not None
    assert sent.revision == job.revision + 1
    assert store.get_job(job.id) == sent
    (take,) = store.attempts(job.id)
    assert take.sent_at == sent.sent_at
    # A prompt sent again without a graph of its own keeps the one recorded.
    assert store.mark_sent(job.id).workflow == GRAPH


def test_a_graph_that_was_refused_stays_recorded_with_the_failure(store: Store) -> None:
    job = running(store)
    store.set_workflow(job.id, GRAPH)  # what the server refused: never marked sent
    failed = store.fail(job.id, BOOM)
    assert failed.workflow == GRAPH and failed.sent_at is None and failed.error == BOOM


def test_completion_returns_its_images_by_index_and_ends_the_take(store: Store) -> None:
    job = running(store)
    done = store.complete_job(job.id, [output(job.id, 2), output(job.id, 0), output(job.id, 1)])
    assert [i.index for i in done.images] == [0, 1, 2]
    assert [i.metadata for i in done.images] == [{"i": 0}, {"i": 1}, {"i": 2}]
    assert done.images == store.images_for_job(job.id)
    assert done.job == store.get_job(job.id)
    assert done.job.status is JobStatus.COMPLETED and done.job.progress == 1.0
    (take,) = store.attempts(job.id)
    assert take.status is AttemptStatus.COMPLETED and take.finished_at == done.job.finished_at


def test_a_completion_that_fails_writes_nothing(store: Store) -> None:
    other = running(store)
    store.complete_job(other.id, [output(other.id, 0)])
    job = running(store)
    clash = NewImage(1, f"outputs/{other.id}_0.png", None, 1, 1, 1)  # another job's path
    with pytest.raises(IntegrityError):
        store.complete_job(job.id, [output(job.id, 0), clash])
    still = store.get_job(job.id)
    assert still == job  # same state, same revision: the job's move was rolled back too
    assert store.images_for_job(job.id) == []
    (take,) = store.attempts(job.id)
    assert take.status is AttemptStatus.RUNNING and take.finished_at is None


def test_completing_a_job_again_returns_the_first_completion(store: Store) -> None:
    job = running(store)
    first = store.complete_job(job.id, [output(job.id, 0)])
    again = store.complete_job(job.id, [output(job.id, 0), output(job.id, 1)])
    assert again.job == first.job and again.images == first.images
    assert again.follow_up is None


def test_fail_ends_the_job_and_its_take_with_the_reason(store: Store) -> None:
    job = running(store)
    failed = store.fail(job.id, BOOM)
    assert failed.status is JobStatus.FAILED and failed.error == BOOM
    assert failed == store.get_job(job.id)
    (take,) = store.attempts(job.id)
    assert take.status is AttemptStatus.FAILED and take.error == BOOM
    assert take.finished_at == failed.finished_at


def test_refused_writes_say_why_and_write_nothing(store: Store) -> None:
    (pending,) = add(store)
    before = store.max_job_revision()
    with pytest.raises(IllegalTransition):
        store.fail(pending.id, BOOM)
    with pytest.raises(IllegalTransition):
        store.complete_job(pending.id, [output(pending.id, 0)])
    with pytest.raises(IllegalTransition):
        store.mark_sent(pending.id)
    for write in (
        lambda: store.fail("no-such-job", BOOM),
        lambda: store.complete_job("no-such-job", []),
        lambda: store.set_workflow("no-such-job", GRAPH),
        lambda: store.mark_sampling("no-such-job"),
    ):
        with pytest.raises(JobNotFound):
            write()
    assert store.max_job_revision() == before
    assert store.get_job(pending.id) == pending


def test_sampling_marked_twice_writes_once(store: Store) -> None:
    job = running(store)
    store.mark_sent(job.id)
    first = store.mark_sampling(job.id)
    assert first is not None and first.sampling_at is not None
    assert store.mark_sampling(job.id) is None
    assert store.get_job(job.id) == first
    (take,) = store.attempts(job.id)
    assert take.sampling_at == first.sampling_at


def test_a_paused_server_claims_nothing_and_the_pause_is_read_back(store: Store) -> None:
    add(store)
    store.pause_queue(SERVER)
    assert store.claim_next(SERVER) is None
    state = store.queue_pause()
    assert state.servers == frozenset({SERVER}) and not state.all_servers
    assert store.claim_next(OTHER) is not None


class Statements:
    """Every statement the store sends to SQLite, commits included, in sqlite3's own trace:
    the pool's connections (the ORM's) and the store's hot ones (prepared statements)."""

    def __init__(self, store: Store) -> None:
        self.sent: list[str] = []
        self._store = store
        self._traced: list[sqlite3.Connection] = []

    def __enter__(self) -> Statements:
        event.listen(Pool, "checkout", self._checkout)
        self._store._db.trace_hot(self._trace)
        return self

    def __exit__(self, *_exc: object) -> None:
        event.remove(Pool, "checkout", self._checkout)
        self._store._db.trace_hot(None)
        for conn in self._traced:
            conn.set_trace_callback(None)

    def _checkout(self, dbapi_connection: Any, *_args: Any) -> None:
        assert isinstance(dbapi_connection, sqlite3.Connection)
        dbapi_connection.set_trace_callback(self._trace)
        self._traced.append(dbapi_connection)

    def _trace(self, statement: str) -> None:
        self.sent.append(statement.split(None, 1)[0].upper())


def test_a_jobs_path_is_one_transaction_per_change_and_reads_nothing_back(store: Store) -> None:
    add(store)
    with Statements(store) as statements:
        job = store.claim_next(SERVER)
        assert job is not None
        store.mark_sent(job.id, GRAPH)  # the graph is recorded with sent_at: one write
        store.mark_sampling(job.id)
        store.set_progress(job.id, 0.5, "1/2")
        store.complete_job(job.id, [output(job.id, 0)])
    sent = statements.sent
    # The candidate read, then five writes: each one BEGIN ... COMMIT of its own.
    assert sent.count("BEGIN") == sent.count("COMMIT") == 6
    # Only the candidates: every write returns its row, the completion whether the job's
    # group queues a next one too.
    assert sent.count("SELECT") == 1
    # claim + take, sent + take, sampling + take, progress, completion + image + take
    assert len(sent) == 6 * 2 + 1 + 10


def test_a_forever_groups_completion_queues_its_next_job_in_the_same_transaction(
    store: Store,
) -> None:
    group = NewGroup(id="forever-1", kind=GroupKind.FOREVER, label="again")
    store.add_jobs([NewJob("txt2img", GenerationParams(prompt="p", seed=1))], group=group)
    job = store.claim_next(SERVER)
    assert job is not None
    with Statements(store) as statements:
        done = store.complete_job(job.id, [output(job.id, 0)])
    assert done.job.status is JobStatus.COMPLETED and done.follow_up is not None
    assert done.follow_up.group_id == group.id
    assert store.get_job(done.follow_up.id) == done.follow_up
    assert [i.index for i in store.images_for_job(job.id)] == [0]
    # One transaction committed: the completion tried on the hot path learns that the job
    # chains and is rolled back, then done again with the next job queued in one.
    assert statements.sent.count("COMMIT") == 1 and statements.sent.count("ROLLBACK") == 1
