"""Prepared statements (`core/store/prepared.py`) and the hot path's own connections: rows read
exactly as SQLAlchemy reads them, and no connection outlives the store."""

from __future__ import annotations

import gc
import os
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError

from studio_desktop.core.jobs import GenerationParams, NewImage, NewJob
from studio_desktop.core.store import Store
from studio_desktop.core.store.models import Base
from studio_desktop.core.store.prepared import Prepared

JOBS = Base.metadata.tables["jobs"]
IMAGES = Base.metadata.tables["images"]


def queued(store: Store, count: int) -> list[str]:
    jobs = store.add_jobs(
        [NewJob("txt2img", GenerationParams(prompt=f"p{i}")) for i in range(count)]
    )
    return [job.id for job in jobs]


def test_a_prepared_row_reads_as_sqlalchemy_reads_it(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite3") as store:
        (job_id,) = queued(store, 1)
        store.pause_queue()  # a row in another table, so the test reads more than jobs
        stmt = select(*JOBS.c).where(JOBS.c.id == bindparam("job"))
        with store._db.read() as session:
            expected = session.connection().execute(stmt, {"job": job_id}).one()
        with store._db.hot_read() as conn:
            row = Prepared(stmt).one(conn, {"job": job_id})
    assert tuple(row) == tuple(expected)
    assert row._fields == tuple(expected._fields)
    # The processors ran: aware UTC datetimes, JSON decoded, booleans.
    assert isinstance(row.created_at, datetime) and row.created_at.tzinfo is UTC
    assert row.params["prompt"] == "p0" and row.deleted is False


def test_an_empty_in_list_matches_nothing_and_an_empty_not_in_everything(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite3") as store:
        ids = queued(store, 3)
        inside = Prepared(select(JOBS.c.id).where(JOBS.c.id.in_(bindparam("ids", expanding=True))))
        outside = Prepared(
            select(JOBS.c.id).where(JOBS.c.id.not_in(bindparam("ids", expanding=True)))
        )
        with store._db.hot_read() as conn:
            assert inside.rows(conn, {"ids": []}) == []
            assert {r.id for r in outside.rows(conn, {"ids": []})} == set(ids)
            assert {r.id for r in inside.rows(conn, {"ids": ids[:2]})} == set(ids[:2])
            assert {r.id for r in outside.rows(conn, {"ids": ids[:2]})} == set(ids[2:])


def test_a_missing_parameter_is_named(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite3") as store, store._db.hot_read() as conn:
        stmt = Prepared(select(JOBS.c.id).where(JOBS.c.id == bindparam("job")))
        with pytest.raises(KeyError, match="'job'"):
            stmt.rows(conn, {})


def test_a_broken_constraint_is_sqlalchemys_integrity_error_and_writes_nothing(
    tmp_path: Path,
) -> None:
    with Store(tmp_path / "db.sqlite3") as store:
        (job_id,) = queued(store, 1)
        job = store.claim_next("http://127.0.0.1:8188")
        assert job is not None
        clash = NewImage(1, "outputs/same.png", None, 1, 1, 1)
        with pytest.raises(IntegrityError):  # as callers have always caught it
            store.complete_job(job_id, [NewImage(0, "outputs/same.png", None, 1, 1, 1), clash])
        assert store.get_job(job_id) == job


def _open_handles(path: Path) -> int:
    """How many of this process's file descriptors point at `path` (Linux's /proc)."""
    fds = Path("/proc/self/fd")
    count = 0
    for fd in fds.iterdir():
        try:
            if os.readlink(fd) == str(path):
                count += 1
        except OSError:
            continue
    return count


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="reads /proc/self/fd")
def test_closing_the_store_closes_the_connections_of_threads_still_running(
    tmp_path: Path,
) -> None:
    """On Windows an open connection keeps the database file locked (no move, no delete):
    closing the store must close the hot connection of every thread that used it."""
    path = tmp_path / "db.sqlite3"
    store = Store(path)
    queued(store, 1)
    used = threading.Event()
    release = threading.Event()

    def worker() -> None:
        store.queue_pause()  # opens this thread's hot connection
        used.set()
        release.wait(timeout=30)

    thread = threading.Thread(target=worker)
    thread.start()
    try:
        assert used.wait(timeout=30)
        store.queue_pause()  # and this thread's
        assert _open_handles(path) >= 2
        store.close()
        assert _open_handles(path) == 0
    finally:
        release.set()
        thread.join(timeout=30)


def test_a_thread_that_ends_takes_its_connection_with_it(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    with Store(path) as store:
        queued(store, 1)
        thread = threading.Thread(target=store.queue_pause)
        thread.start()
        thread.join(timeout=30)
        # sqlite3's statement cache refers back to its connection: the cycle goes at the
        # next collection.
        gc.collect()
        assert len(store._db._hot._open) == 0


def test_a_closed_store_refuses_a_new_hot_connection(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    store.close()
    with pytest.raises(sqlite3.ProgrammingError):
        store.queue_pause()
