"""Store: every job write carries a commit-ordered revision, and readers ask what changed since."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from studio_desktop.core.jobs import GenerationParams, Job, JobError, JobStatus, NewImage, NewJob
from studio_desktop.core.store import Store
from studio_desktop.core.store.engine import make_engine
from studio_desktop.core.store.migrate import upgrade

SERVER = "http://127.0.0.1:8188"


def new_job(prompt: str = "a red cat") -> NewJob:
    return NewJob("txt2img", GenerationParams(prompt=prompt))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "studio.sqlite3"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store(db_path) as s:
        yield s


def revision(store: Store, job_id: str) -> int:
    job = store.get_job(job_id)
    assert job is not None
    return job.revision


def test_a_batch_gets_consecutive_revisions_after_everything_before(store: Store) -> None:
    (first,) = store.add_jobs([new_job("first")])
    batch = store.add_jobs([new_job(str(i)) for i in range(3)])
    assert first.revision == 1
    assert [j.revision for j in batch] == [2, 3, 4]
    assert store.max_job_revision() == 4


def test_every_job_write_takes_the_next_revision(store: Store) -> None:
    job = store.add_job(new_job())
    other = store.add_job(new_job("other"))
    failed = store.add_job(new_job("failed"))

    def running(job_id: str) -> Job:
        claimed = store.claim_next(SERVER, can_run=lambda j: j.id == job_id)
        assert claimed is not None and claimed.id == job_id
        return claimed

    writes: list[tuple[str, Callable[[], object]]] = [
        ("move to front", lambda: store.move_to_front(other.id)),
        ("claim", lambda: running(job.id)),
        ("workflow", lambda: store.set_workflow(job.id, {"1": {"class_type": "X"}})),
        ("sent", lambda: store.mark_sent(job.id, {"1": {"class_type": "Y"}})),
        ("progress", lambda: store.set_progress(job.id, 0.5, "KSampler 5/10")),
        ("requeue", lambda: store.requeue(job.id)),
        ("claim again", lambda: running(job.id)),
        ("retrying", lambda: store.move(job.id, JobStatus.RETRYING)),
        ("running", lambda: store.move(job.id, JobStatus.RUNNING)),
        ("complete", lambda: store.complete(job.id, [NewImage(0, "outputs/a.png", None, 1, 1, 1)])),
        ("claim failed", lambda: running(failed.id)),
        ("fail", lambda: store.fail(failed.id, JobError("x", "boom"))),
        ("retry", lambda: store.retry(failed.id)),
        ("cancel", lambda: store.cancel(failed.id)),
        ("soft delete", lambda: store.soft_delete_jobs([job.id])),
        ("restore", lambda: store.restore_jobs([job.id])),
    ]
    for what, write in writes:
        before = store.max_job_revision()
        write()
        assert store.max_job_revision() == before + 1, what
        (changed,) = store.job_changes_since(before)
        assert changed.revision == before + 1, what


def test_writes_that_change_nothing_take_no_revision(store: Store) -> None:
    job = store.add_job(new_job())
    before = store.max_job_revision()
    store.set_progress(job.id, 0.5)  # not running: ignored
    assert store.soft_delete_jobs([job.id]) == 0  # not finished: left alone
    assert store.max_job_revision() == before
    assert store.job_changes_since(before) == []


def test_changes_since_come_in_revision_order_once_each_with_paging(store: Store) -> None:
    a, b, c = store.add_jobs([new_job("a"), new_job("b"), new_job("c")])
    store.cancel(a.id)
    store.move_to_front(c.id)
    changes = store.job_changes_since(0)
    assert [(j.id, j.revision) for j in changes] == [(b.id, 2), (a.id, 4), (c.id, 5)]
    assert changes[1].status is JobStatus.CANCELLED  # each job as it is now

    first = store.job_changes_since(0, limit=2)
    rest = store.job_changes_since(first[-1].revision, limit=2)
    assert [j.id for j in first + rest] == [b.id, a.id, c.id]


def test_soft_deleting_several_jobs_gives_each_its_own_revision(store: Store) -> None:
    jobs = store.add_jobs([new_job(str(i)) for i in range(3)])
    for job in jobs:
        store.cancel(job.id)
    before = store.max_job_revision()
    assert store.soft_delete_jobs([j.id for j in jobs]) == 3
    changes = store.job_changes_since(before)
    assert [j.revision for j in changes] == [before + 1, before + 2, before + 3]
    assert all(j.deleted for j in changes)  # deleted jobs are reported, so views drop them


def test_two_stores_on_one_file_share_one_revision_sequence(db_path: Path) -> None:
    with Store(db_path) as window, Store(db_path) as cli:
        revisions = []
        for i in range(4):
            writer = window if i % 2 else cli
            revisions.append(writer.add_job(new_job(str(i))).revision)
        assert revisions == [1, 2, 3, 4]
        assert [j.revision for j in window.job_changes_since(0)] == revisions


def test_upgrade_from_0002_keeps_jobs_and_prompt_search(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    engine = make_engine(db_path)
    try:
        upgrade(engine, db_path, "0002")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO jobs (id, template, params, prompt, inputs, status,"
                    " created_at, updated_at) VALUES ('old', 't', '{\"prompt\": \"一只猫\"}',"
                    " '一只猫', '[]', 'pending', '2024-01-02 03:04:05', '2024-01-02 03:04:05')"
                )
            )
    finally:
        engine.dispose()

    with Store(db_path) as store:
        old = store.get_job("old")
        assert old is not None and old.revision == 0 and old.owner is None
        assert store.max_job_revision() == 0
        new = store.add_job(new_job("一只狗"))
        assert new.revision == 1
        # The FTS triggers on `jobs` survived the migration (no batch copy of the table).
        assert [j.id for j in store.search_prompts("一只猫")] == ["old"]
        assert [j.id for j in store.search_prompts("一只狗")] == [new.id]
        assert store.integrity_check() == "ok"
    with sqlite3.connect(db_path) as raw:
        triggers = {
            r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='trigger'")
        }
        indexes = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    raw.close()
    assert {"jobs_fts_ai", "jobs_fts_ad", "jobs_fts_au"} <= triggers
    assert "ix_jobs_revision" in indexes
