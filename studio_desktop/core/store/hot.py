"""The statements the engine runs for every job, built once and run on a bare connection.

Building a statement and running it through SQLAlchemy costs more CPU than SQLite takes to run
it (issue 12: about 15 ms of store time per job through the ORM, still ~60 µs a statement
through `Connection.execute`). So each statement of a job's path (claim, sent with its graph,
sampling, progress, completion with its images, failure, the attempt that mirrors each) is
written here once with SQLAlchemy and compiled once (`prepared.Prepared`), then run straight on
the thread's sqlite3 connection: a call costs only binding, SQLite and converting the rows.

Every function runs inside the caller's one transaction (`Sessions.hot_write`), and writes
return what they wrote (RETURNING): nothing is read back. A refused write (the guard is the
state the write needs) returns None; the caller reads the row, off the hot path, to say why.
Fewer statements and transactions per job is what counts (issue 12: between two steps of a job
SQLite's and Python's caches have gone cold, so each costs several times what it does in a
loop): the graph goes with `sent_at`, and the completion says in its RETURNING whether the
job's group chains.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Integer,
    Update,
    and_,
    bindparam,
    func,
    insert,
    literal_column,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from studio_desktop.core.jobs import AttemptStatus, JobError, JobStatus, NewImage
from studio_desktop.core.store import jobs_repo
from studio_desktop.core.store.models import Base
from studio_desktop.core.store.prepared import Prepared, Record

JOBS = Base.metadata.tables["jobs"]
ATTEMPTS = Base.metadata.tables["job_attempts"]
IMAGES = Base.metadata.tables["images"]
PAUSES = Base.metadata.tables["queue_pauses"]
GROUPS = Base.metadata.tables["job_groups"]

TAKEN = (JobStatus.RUNNING.value, JobStatus.RETRYING.value)  # a take that goes on
_PENDING = JobStatus.PENDING.value
_OPEN = [s.value for s in AttemptStatus if s.is_open]

# `ImageRow.meta` is the column `metadata`: returned under the attribute's name, so a row here
# reads like an ORM row in `convert`.
_IMAGE_COLUMNS = [c.label("meta") if c.name == "metadata" else c for c in IMAGES.c]

# The next revision (`jobs_repo.next_revision`) inside the single-row UPDATE, which then needs
# no SELECT of its own (SQLite computes it once, before the row changes).
_NEXT_REVISION = select(func.coalesce(func.max(JOBS.c.revision), 0) + 1).scalar_subquery()


def _job_update(*guard: Any, **values: Any) -> Update:
    """An UPDATE of the job `:job_id` that still passes `guard`, stamped with the next revision,
    returning the row as written."""
    return (
        update(JOBS)
        .where(JOBS.c.id == bindparam("job"), *guard)
        .values(**values, revision=_NEXT_REVISION)
        .returning(*JOBS.c)
    )


def not_paused() -> Any:
    """Neither the queue nor the server `:server_url` is paused, and the job's group is not:
    read in the claim's own statement, so a pause written by any process holds from its
    commit on."""
    paused_scope = select(PAUSES.c.scope).where(
        PAUSES.c.scope.in_([jobs_repo.ALL_SERVERS, bindparam("server_url")])
    )
    paused_groups = select(GROUPS.c.id).where(GROUPS.c.paused.is_(True))
    return and_(
        ~paused_scope.exists(),
        or_(JOBS.c.group_id.is_(None), JOBS.c.group_id.not_in(paused_groups)),
    )


def _claimable(owned: bool) -> list[Any]:
    """What a claimer may take: pending, not deleted, not pinned elsewhere, not paused; with an
    owner, only NULL-owned, its own or of a `:dead` owner (`jobs_repo.may_take`: spelled
    positively, so an owner that appears meanwhile is respected by the guarded claim)."""
    where = [
        JOBS.c.status == _PENDING,
        JOBS.c.deleted.is_(False),
        or_(JOBS.c.pinned.is_(False), JOBS.c.server == bindparam("server_url")),
        not_paused(),
    ]
    if owned:
        where.append(
            or_(
                JOBS.c.owner.is_(None),
                JOBS.c.owner == bindparam("owner_token"),
                JOBS.c.owner.in_(bindparam("dead", expanding=True)),
            )
        )
    return where


@functools.cache
def _candidates_stmt(owned: bool, after: bool) -> Prepared:
    stmt = (
        select(*JOBS.c)
        .where(*_claimable(owned), JOBS.c.id.not_in(bindparam("exclude", expanding=True)))
        .order_by(JOBS.c.priority.desc(), JOBS.c.seq.asc())
        .limit(bindparam("limit"))
    )
    if after:
        priority = bindparam("after_priority", type_=Integer)
        seq = bindparam("after_seq", type_=Integer)
        stmt = stmt.where(
            or_(JOBS.c.priority < priority, and_(JOBS.c.priority == priority, JOBS.c.seq > seq))
        )
    return Prepared(stmt)


@functools.cache
def _claim_stmt(owned: bool) -> Prepared:
    owner_values: dict[str, Any] = {"owner": bindparam("owner_token")} if owned else {}
    now = bindparam("now", type_=JOBS.c.started_at.type)
    return Prepared(
        _job_update(
            *_claimable(owned),
            **owner_values,
            status=JobStatus.RUNNING.value,
            server=bindparam("server_url"),
            started_at=now,
            finished_at=None,
            attempt=JOBS.c.attempt + 1,
            progress=0.0,
            progress_text="",
            sent_at=None,
            sampling_at=None,
            updated_at=now,
        )
    )


# The take a claim opens. A row of this number already there can only be a migrated guess:
# this take replaces it (`attempts_repo.open_take`).
_OPEN_TAKE = Prepared(
    sqlite_insert(ATTEMPTS)
    .values(
        job_id=bindparam("job"),
        number=bindparam("take"),
        server=bindparam("server_url"),
        status=AttemptStatus.RUNNING.value,
        error=None,
        started_at=bindparam("now"),
        sent_at=None,
        sampling_at=None,
        finished_at=None,
    )
    .on_conflict_do_update(
        index_elements=[ATTEMPTS.c.job_id, ATTEMPTS.c.number],
        set_={
            "server": bindparam("server_url"),
            "status": AttemptStatus.RUNNING.value,
            "error": None,
            "started_at": bindparam("now"),
            "sent_at": None,
            "sampling_at": None,
            "finished_at": None,
        },
    )
)

_OPEN_TAKE_OF_JOB = and_(
    ATTEMPTS.c.job_id == bindparam("job"),
    ATTEMPTS.c.number == bindparam("take"),
    ATTEMPTS.c.status.in_(_OPEN),
)

_SET_WORKFLOW = Prepared(
    _job_update(
        JOBS.c.status == JobStatus.RUNNING.value,
        workflow=bindparam("graph", type_=JOBS.c.workflow.type),
        updated_at=bindparam("now"),
    )
)
# The graph goes with `sent_at` (a NULL `:graph` keeps the recorded one): one write, after the
# POST, where recording it first took a transaction of its own (`steps.submit`).
_MARK_SENT = Prepared(
    _job_update(
        JOBS.c.status.in_(TAKEN),
        workflow=func.coalesce(bindparam("graph", type_=JOBS.c.workflow.type), JOBS.c.workflow),
        sent_at=bindparam("now"),
        sampling_at=None,
        updated_at=bindparam("now"),
    )
)
_ATTEMPT_SENT = Prepared(
    update(ATTEMPTS).where(_OPEN_TAKE_OF_JOB).values(sent_at=bindparam("now"), sampling_at=None)
)
_MARK_SAMPLING = Prepared(
    _job_update(
        JOBS.c.status.in_(TAKEN),
        JOBS.c.sampling_at.is_(None),
        sampling_at=bindparam("now"),
        updated_at=bindparam("now"),
    )
)
_ATTEMPT_SAMPLING = Prepared(
    update(ATTEMPTS)
    .where(_OPEN_TAKE_OF_JOB, ATTEMPTS.c.sampling_at.is_(None))
    .values(sampling_at=bindparam("now"))
)
_SET_PROGRESS = Prepared(
    update(JOBS)
    .where(JOBS.c.id == bindparam("job"), JOBS.c.status == JobStatus.RUNNING.value)
    .values(
        progress=bindparam("fraction"),
        progress_text=bindparam("text"),
        updated_at=bindparam("now"),
        revision=_NEXT_REVISION,
    )
)
# The job's group is a forever group not stopped: its completion queues a next job
# (`groups_repo.follow_up`). Asked of the row being completed, in its RETURNING. (SQLAlchemy
# writes RETURNING's columns without their table, in this subquery too: the job's column is
# spelled out, so it can never be read as a column of job_groups.)
_CHAINS = (
    select(GROUPS.c.id)
    .where(
        GROUPS.c.id == literal_column("jobs.group_id"),
        GROUPS.c.kind == "forever",
        GROUPS.c.stopped.is_(False),
    )
    .exists()
    .label("chains")
)
# running -> completed (the only way in, `LEGAL_MOVES`), as `jobs_repo.apply_move` sets it.
_COMPLETE = Prepared(
    _job_update(
        JOBS.c.status == JobStatus.RUNNING.value,
        status=JobStatus.COMPLETED.value,
        progress=1.0,
        error=None,
        finished_at=bindparam("now"),
        updated_at=bindparam("now"),
    ).returning(_CHAINS)
)
# running or retrying -> failed (`LEGAL_MOVES`), with the reason.
_FAIL = Prepared(
    _job_update(
        JOBS.c.status.in_(TAKEN),
        status=JobStatus.FAILED.value,
        error=bindparam("reason", type_=JOBS.c.error.type),
        finished_at=bindparam("now"),
        updated_at=bindparam("now"),
    )
)
_END_TAKE = Prepared(
    update(ATTEMPTS)
    .where(_OPEN_TAKE_OF_JOB)
    .values(
        status=bindparam("take_status"),
        error=bindparam("reason", type_=ATTEMPTS.c.error.type),
        finished_at=bindparam("now"),
    )
)
# One output's row: the keys `_image_values` gives beside `job` and `now`.
_IMAGE_KEYS = ("idx", "path", "thumb_path", "width", "height", "bytes", "kind", "metadata")
_INSERT_IMAGE = Prepared(
    insert(IMAGES)
    .values(
        job_id=bindparam("job"),
        favourite=False,
        tags=[],
        deleted=False,
        deleted_at=None,
        created_at=bindparam("now"),
    )
    .returning(*_IMAGE_COLUMNS),
    column_keys=_IMAGE_KEYS,
)
_IMAGES_OF_JOB = Prepared(
    select(*_IMAGE_COLUMNS).where(IMAGES.c.job_id == bindparam("job")).order_by(IMAGES.c.idx)
)
_JOB = Prepared(select(*JOBS.c).where(JOBS.c.id == bindparam("job")))
_PAUSED_SCOPES = Prepared(select(PAUSES.c.scope))


_FOREIGN_OWNERS = Prepared(
    select(JOBS.c.owner)
    .where(
        JOBS.c.status.in_(bindparam("statuses", expanding=True)),
        JOBS.c.deleted.is_(False),
        JOBS.c.owner.is_not(None),
        JOBS.c.owner != bindparam("owner_token"),
    )
    .distinct()
)


def foreign_owners(conn: sqlite3.Connection, owner: str, statuses: Sequence[str]) -> list[str]:
    """The other owners of jobs (not deleted) in these states."""
    params = {"owner_token": owner, "statuses": list(statuses)}
    return [row.owner for row in _FOREIGN_OWNERS.rows(conn, params)]


def claim_candidates(
    conn: sqlite3.Connection,
    server: str,
    *,
    after: tuple[int, int] | None,
    exclude: Collection[str],
    limit: int,
    owner: str | None,
    dead: Collection[str],
) -> Sequence[Record]:
    """Pending jobs this server (and `owner`) may take, in claim order (priority, then queue
    order), after the (priority, seq) cursor `after`, leaving out the ids in `exclude`."""
    params: dict[str, Any] = {"server_url": server, "exclude": list(exclude), "limit": limit}
    if owner is not None:
        params.update(owner_token=owner, dead=list(dead))
    if after is not None:
        params.update(after_priority=after[0], after_seq=after[1])
    return _candidates_stmt(owner is not None, after is not None).rows(conn, params)


def claim(
    conn: sqlite3.Connection,
    job_id: str,
    server: str,
    now: datetime,
    *,
    owner: str | None,
    dead: Collection[str],
) -> Record | None:
    """pending -> running if the job is still claimable (the guarded UPDATE: of two claimers,
    one wins) and its new take, opened in the same transaction. The claimed row, or None."""
    params: dict[str, Any] = {"job": job_id, "server_url": server, "now": now}
    if owner is not None:
        params.update(owner_token=owner, dead=list(dead))
    row = _claim_stmt(owner is not None).one_or_none(conn, params)
    if row is not None:
        _OPEN_TAKE.run(conn, {"job": job_id, "take": row.attempt, "server_url": server, "now": now})
    return row


def set_workflow(
    conn: sqlite3.Connection, job_id: str, workflow: dict[str, Any], now: datetime
) -> Record | None:
    """Record the bound graph of a running job; None if it is not running."""
    return _SET_WORKFLOW.one_or_none(conn, {"job": job_id, "graph": workflow, "now": now})


def mark_sent(
    conn: sqlite3.Connection, job_id: str, workflow: dict[str, Any] | None, now: datetime
) -> Record | None:
    """The job's prompt (`workflow`: its graph, recorded with it; None keeps the recorded
    one) reached its server, on the job and its open take; None if the job's take is over."""
    row = _MARK_SENT.one_or_none(conn, {"job": job_id, "graph": workflow, "now": now})
    if row is not None:
        _ATTEMPT_SENT.run(conn, {"job": job_id, "take": row.attempt, "now": now})
    return row


def mark_sampling(conn: sqlite3.Connection, job_id: str, now: datetime) -> Record | None:
    """The server began executing the prompt; None if already marked or the take is over."""
    row = _MARK_SAMPLING.one_or_none(conn, {"job": job_id, "now": now})
    if row is not None:
        _ATTEMPT_SAMPLING.run(conn, {"job": job_id, "take": row.attempt, "now": now})
    return row


def set_progress(
    conn: sqlite3.Connection, job_id: str, progress: float, text: str, now: datetime
) -> None:
    """Progress (clamped to 0..1) of a running job; nothing if it is not running."""
    _SET_PROGRESS.run(
        conn,
        {
            "job": job_id,
            "fraction": min(max(progress, 0.0), 1.0),
            "text": text,
            "now": now,
        },
    )


class Chains(Exception):
    """The job being completed belongs to a forever group that goes on: its next job must be
    queued in the same transaction, which `complete` without `chaining` cannot do. Raised
    before anything else is written; the caller rolls back and completes it with the ORM."""


def complete(
    conn: sqlite3.Connection,
    job_id: str,
    outputs: Sequence[NewImage],
    now: datetime,
    *,
    chaining: bool,
) -> tuple[Record, list[Record]] | None:
    """running -> completed with its outputs recorded and its take ended: the job (with
    `chains`: whether its group queues a next job) and its new images (by index) as written.
    None if the job is not running (nothing written). Without `chaining` (the caller cannot
    queue a next job in this transaction), a job that chains raises Chains instead."""
    row = _COMPLETE.one_or_none(conn, {"job": job_id, "now": now})
    if row is None:
        return None
    if row.chains and not chaining:
        raise Chains(job_id)
    # A duplicate (job_id, idx) or path fails here, and the caller's transaction with it.
    images = [_INSERT_IMAGE.one(conn, _image_values(job_id, out, now)) for out in outputs]
    _end_take(conn, row, AttemptStatus.COMPLETED, None, now)
    return row, sorted(images, key=lambda r: r.idx)


def fail(conn: sqlite3.Connection, job_id: str, error: JobError, now: datetime) -> Record | None:
    """running or retrying -> failed with the reason, its take ended too; None if the job is in
    neither state (nothing written)."""
    reason = error.to_dict()
    row = _FAIL.one_or_none(conn, {"job": job_id, "reason": reason, "now": now})
    if row is not None:
        _end_take(conn, row, AttemptStatus.FAILED, reason, now)
    return row


def _end_take(
    conn: sqlite3.Connection,
    job: Record,
    status: AttemptStatus,
    error: dict[str, Any] | None,
    now: datetime,
) -> None:
    _END_TAKE.run(
        conn,
        {
            "job": job.id,
            "take": job.attempt,
            "take_status": status.value,
            "reason": error,
            "now": now,
        },
    )


def _image_values(job_id: str, out: NewImage, now: datetime) -> dict[str, Any]:
    return {
        "job": job_id,
        "now": now,
        "idx": out.index,
        "path": out.path,
        "thumb_path": out.thumb_path,
        "width": out.width,
        "height": out.height,
        "bytes": out.bytes,
        "kind": out.kind,
        "metadata": dict(out.metadata),
    }


def images_of(conn: sqlite3.Connection, job_id: str) -> list[Record]:
    """A job's outputs, by index."""
    return _IMAGES_OF_JOB.rows(conn, {"job": job_id})


def find(conn: sqlite3.Connection, job_id: str) -> Record | None:
    """The job as it is (None: no such job): why a guarded write refused."""
    return _JOB.one_or_none(conn, {"job": job_id})


def paused_scopes(conn: sqlite3.Connection) -> set[str]:
    """Every paused scope: `jobs_repo.ALL_SERVERS` and server URLs."""
    return {scope for (scope,) in _PAUSED_SCOPES.run(conn, {})}
