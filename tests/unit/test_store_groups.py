"""Store: batch groups (one transaction each), forever groups and the queue's pause."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from studio_desktop.core.groups import GroupKind, NewGroup, QueuePause
from studio_desktop.core.jobs import GenerationParams, JobError, JobStatus, NewImage, NewJob
from studio_desktop.core.prompts.jobs import dynamic_source, job_params
from studio_desktop.core.store import GroupNotFound, Store

A = "http://a:8188"
B = "http://b:8188"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "studio.sqlite3")


def jobs(n: int) -> list[NewJob]:
    return [NewJob("txt2img", GenerationParams(f"cat {i}", seed=i)) for i in range(n)]


def test_a_group_is_written_with_its_jobs(store: Store) -> None:
    group = NewGroup("cats", server=B)
    added = store.add_jobs(jobs(3), group=group)
    assert {j.group_id for j in added} == {group.id}
    assert all(j.pinned and j.server == B for j in added)
    stored = store.get_group(group.id)
    assert stored is not None and stored.label == "cats" and stored.kind is GroupKind.BATCH
    assert [j.id for j in store.group_jobs(group.id)] == [j.id for j in added]
    # A later chunk joins by naming the group.
    more = store.add_jobs([NewJob("txt2img", GenerationParams("x"), group_id=group.id)])
    assert more[0].group_id == group.id
    (progress,) = store.group_progress([group.id])
    assert (progress.total, progress.done, progress.active) == (4, 0, 4)
    assert progress.eta_s() is None


def test_a_group_that_fails_to_write_leaves_nothing(store: Store) -> None:
    first = jobs(1)
    store.add_jobs(first)
    group = NewGroup("dup")
    with pytest.raises(IntegrityError):  # the same job id twice: the whole write is refused
        store.add_jobs([*jobs(1), first[0]], group=group)
    assert store.get_group(group.id) is None
    assert len(store.jobs_with_status(JobStatus.PENDING)) == 1


def test_progress_counts_and_eta(store: Store) -> None:
    group = NewGroup("g")
    added = store.add_jobs(jobs(4), group=group)
    claimed = store.claim_next(A)
    assert claimed is not None
    store.complete(claimed.id, [])
    second = store.claim_next(A)
    assert second is not None
    store.fail(second.id, JobError("boom", "it broke"))
    (progress,) = store.group_progress([group.id, "no-such-group"])
    assert progress.counts[JobStatus.COMPLETED] == 1
    assert progress.counts[JobStatus.FAILED] == 1
    assert (progress.done, progress.total, progress.timed) == (2, 4, 1)
    eta = progress.eta_s(servers=2)
    assert eta is not None and eta >= 0.0
    assert len(added) == 4


def test_cancel_and_retry_a_group_in_one_transaction_each(store: Store) -> None:
    group = NewGroup("g")
    store.add_jobs(jobs(3), group=group)
    other = store.add_jobs(jobs(1))[0]
    running = store.claim_next(A)
    assert running is not None
    cancelled = store.cancel_group(group.id)
    assert [j.status for j in cancelled] == [JobStatus.CANCELLED] * 3
    assert cancelled[-1].id == running.id  # waiting ones first
    stopped = store.get_group(group.id)
    assert stopped is not None and stopped.stopped
    assert store.get_job(other.id).status is JobStatus.PENDING  # type: ignore[union-attr]
    # Retry takes the failed ones only.
    store.cancel(other.id)
    g2 = NewGroup("g2")
    store.add_jobs(jobs(2), group=g2)
    taken = store.claim_next(A)
    assert taken is not None and taken.group_id == g2.id
    store.fail(taken.id, JobError("boom", "x"))
    assert [j.id for j in store.retry_group(g2.id)] == [taken.id]
    assert store.get_job(taken.id).status is JobStatus.PENDING  # type: ignore[union-attr]
    with pytest.raises(GroupNotFound):
        store.cancel_group("nope")


def test_pin_a_group_and_a_job(store: Store) -> None:
    group = NewGroup("g")
    added = store.add_jobs(jobs(2), group=group)
    store.pin_group(group.id, B)
    assert store.claim_next(A) is None
    taken = store.claim_next(B)
    assert taken is not None and taken.server == B
    store.pin_group(group.id, None)
    assert store.claim_next(A) is not None
    single = store.add_jobs(jobs(1))[0]
    assert store.pin_job(single.id, B).pinned
    assert store.claim_next(A) is None
    assert len(added) == 2


def test_pause_all_or_one_server_survives_reopening(tmp_path: Path) -> None:
    db = tmp_path / "studio.sqlite3"
    with Store(db) as store:
        store.add_jobs(jobs(2))
        assert store.pause_queue(A) == QueuePause(servers=frozenset({A}))
        assert store.claim_next(A) is None
        assert store.claim_next(B) is not None
        store.pause_queue()
    with Store(db) as store:
        state = store.queue_pause()
        assert state.all_servers and state.blocks(B)
        assert store.claim_next(B) is None
        assert store.resume_queue(A) == QueuePause(all_servers=True)  # still paused as a whole
        assert store.claim_next(A) is None
        store.pause_queue(B)
        assert store.resume_queue() == QueuePause(servers=frozenset({B}))  # B's own pause stays
        assert store.claim_next(B) is None
        assert store.claim_next(A) is not None


def test_a_paused_group_is_not_taken(store: Store) -> None:
    group = NewGroup("g")
    store.add_jobs(jobs(1), group=group)
    store.set_group_paused(group.id, True)
    assert store.claim_next(A) is None
    store.set_group_paused(group.id, False)
    assert store.claim_next(A) is not None


def test_a_forever_group_queues_the_next_seed_until_stopped(store: Store) -> None:
    group = NewGroup("forever", kind=GroupKind.FOREVER)
    (first,) = store.add_jobs(jobs(1), owner="me", group=group)
    taken = store.claim_next(A)
    assert taken is not None
    done = store.complete_job(taken.id, [NewImage(0, "outputs/a.png", None, 8, 8, 10)])
    nxt = done.follow_up
    assert nxt is not None and nxt.status is JobStatus.PENDING
    assert (nxt.group_id, nxt.owner, nxt.params.prompt) == (group.id, "me", first.params.prompt)
    assert nxt.params.seed != first.params.seed or nxt.id != first.id
    # Completing it again records nothing and queues nothing.
    assert store.complete_job(taken.id, []).follow_up is None
    store.cancel_group(group.id)
    assert store.get_job(nxt.id).status is JobStatus.CANCELLED  # type: ignore[union-attr]
    assert store.jobs_with_status(JobStatus.PENDING) == []


def test_generate_forever_from_a_dynamic_prompt_does_not_repeat_the_first_pick_forever(
    store: Store,
) -> None:
    """Seen by a user: a forever group started from `a {red|blue|...} cat` queued the first
    resolved prompt again and again. Each next job re-expands the template with its own seed."""
    colours = [f"c{i}" for i in range(40)]  # 40 choices: ten picks all equal would be a 1-in-40^9
    template = "a {" + "|".join(colours) + "} cat"
    (first,) = store.add_jobs(
        [NewJob("txt2img", job_params(GenerationParams(template), [7])[0])],
        group=NewGroup("forever", kind=GroupKind.FOREVER),
    )
    seen = [first]
    for _ in range(10):
        taken = store.claim_next(A)
        assert taken is not None
        nxt = store.complete_job(taken.id, []).follow_up
        assert nxt is not None
        seen.append(nxt)
    for job in seen:
        # Stored resolved, from the template, reproducible from the job's own seed.
        assert job.params.prompt in {f"a {c} cat" for c in colours}
        assert dynamic_source(job.params) == {"prompt": template, "negative": "", "mode": "random"}
        assert job_params(GenerationParams(template), [job.params.seed])[0].prompt == (
            job.params.prompt
        )
    assert len({j.params.prompt for j in seen}) > 1


def test_a_forever_job_whose_wildcard_file_is_gone_keeps_running_with_its_last_prompt(
    tmp_path: Path,
) -> None:
    wildcards = tmp_path / "wildcards"
    wildcards.mkdir()
    (wildcards / "animal.txt").write_text("cat\ndog\n")
    store = Store(tmp_path / "studio.sqlite3", wildcards_dir=wildcards)
    base = job_params(GenerationParams("a __animal__"), [3], wildcards_dir=wildcards)[0]
    store.add_jobs([NewJob("txt2img", base)], group=NewGroup("f", kind=GroupKind.FOREVER))
    (wildcards / "animal.txt").unlink()
    taken = store.claim_next(A)
    assert taken is not None
    nxt = store.complete_job(taken.id, []).follow_up  # the completion is not refused
    assert nxt is not None and nxt.params.prompt == base.prompt
