"""The statements the engine runs for every job, built once and run on a bare connection.

Building a statement and running it through the ORM costs more CPU than SQLite takes to run it
(issue 12: about 15 ms of store time per job, most of it in SQLAlchemy). So each statement of a
job's path (claim, the recorded graph, sent, sampling, progress, completion with its images,
failure, the attempt that mirrors each) is made here once, with bind parameters, and run with
`Connection.execute`: its cache key is memoized on the statement and its compiled form comes
from the engine's compiled cache, so a call costs only binding, SQLite and the result rows.

Every function runs inside the caller's one transaction (`Sessions.hot_write`), and writes
return what they wrote (RETURNING): nothing is read back. A refused write (the guard is the
state the write needs) returns None; the caller reads the row, off the hot path, to say why.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Integer,
    Row,
    Select,
    Update,
    and_,
    bindparam,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from studio_desktop.core.jobs import AttemptStatus, JobError, JobStatus, NewImage
from studio_desktop.core.store import jobs_repo
from studio_desktop.core.store.models import Base

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
def _candidates_stmt(owned: bool, after: bool) -> Select[Any]:
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
    return stmt


@functools.cache
def _claim_stmt(owned: bool) -> Update:
    owner_values: dict[str, Any] = {"owner": bindparam("owner_token")} if owned else {}
    now = bindparam("now", type_=JOBS.c.started_at.type)
    return _job_update(
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


# The take a claim opens. A row of this number already there can only be a migrated guess:
# this take replaces it (`attempts_repo.open_take`).
_OPEN_TAKE = (
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

_SET_WORKFLOW = _job_update(
    JOBS.c.status == JobStatus.RUNNING.value,
    workflow=bindparam("graph", type_=JOBS.c.workflow.type),
    updated_at=bindparam("now"),
)
_MARK_SENT = _job_update(
    JOBS.c.status.in_(TAKEN),
    sent_at=bindparam("now"),
    sampling_at=None,
    updated_at=bindparam("now"),
)
_ATTEMPT_SENT = (
    update(ATTEMPTS).where(_OPEN_TAKE_OF_JOB).values(sent_at=bindparam("now"), sampling_at=None)
)
_MARK_SAMPLING = _job_update(
    JOBS.c.status.in_(TAKEN),
    JOBS.c.sampling_at.is_(None),
    sampling_at=bindparam("now"),
    updated_at=bindparam("now"),
)
_ATTEMPT_SAMPLING = (
    update(ATTEMPTS)
    .where(_OPEN_TAKE_OF_JOB, ATTEMPTS.c.sampling_at.is_(None))
    .values(sampling_at=bindparam("now"))
)
_SET_PROGRESS = (
    update(JOBS)
    .where(JOBS.c.id == bindparam("job"), JOBS.c.status == JobStatus.RUNNING.value)
    .values(
        progress=bindparam("fraction"),
        progress_text=bindparam("text"),
        updated_at=bindparam("now"),
        revision=_NEXT_REVISION,
    )
)
# running -> completed (the only way in, `LEGAL_MOVES`), as `jobs_repo.apply_move` sets it.
_COMPLETE = _job_update(
    JOBS.c.status == JobStatus.RUNNING.value,
    status=JobStatus.COMPLETED.value,
    progress=1.0,
    error=None,
    finished_at=bindparam("now"),
    updated_at=bindparam("now"),
)
# running or retrying -> failed (`LEGAL_MOVES`), with the reason.
_FAIL = _job_update(
    JOBS.c.status.in_(TAKEN),
    status=JobStatus.FAILED.value,
    error=bindparam("reason", type_=JOBS.c.error.type),
    finished_at=bindparam("now"),
    updated_at=bindparam("now"),
)
_END_TAKE = (
    update(ATTEMPTS)
    .where(_OPEN_TAKE_OF_JOB)
    .values(
        status=bindparam("take_status"),
        error=bindparam("reason", type_=ATTEMPTS.c.error.type),
        finished_at=bindparam("now"),
    )
)
_INSERT_IMAGES = (
    insert(IMAGES)
    .values(
        job_id=bindparam("job"),
        favourite=False,
        tags=[],
        deleted=False,
        deleted_at=None,
        created_at=bindparam("now"),
    )
    .returning(*_IMAGE_COLUMNS, sort_by_parameter_order=True)
)
_IMAGES_OF_JOB = (
    select(*_IMAGE_COLUMNS).where(IMAGES.c.job_id == bindparam("job")).order_by(IMAGES.c.idx)
)
_JOB = select(*JOBS.c).where(JOBS.c.id == bindparam("job"))
_GROUP_CHAINS = select(GROUPS.c.id).where(
    GROUPS.c.id == bindparam("group_id"),
    GROUPS.c.kind == "forever",
    GROUPS.c.stopped.is_(False),
)
_PAUSED_SCOPES = select(PAUSES.c.scope)


def claim_candidates(
    conn: Connection,
    server: str,
    *,
    after: tuple[int, int] | None,
    exclude: Collection[str],
    limit: int,
    owner: str | None,
    dead: Collection[str],
) -> Sequence[Row[Any]]:
    """Pending jobs this server (and `owner`) may take, in claim order (priority, then queue
    order), after the (priority, seq) cursor `after`, leaving out the ids in `exclude`."""
    params: dict[str, Any] = {"server_url": server, "exclude": list(exclude), "limit": limit}
    if owner is not None:
        params.update(owner_token=owner, dead=list(dead))
    if after is not None:
        params.update(after_priority=after[0], after_seq=after[1])
    stmt = _candidates_stmt(owner is not None, after is not None)
    return conn.execute(stmt, params).all()


def claim(
    conn: Connection,
    job_id: str,
    server: str,
    now: datetime,
    *,
    owner: str | None,
    dead: Collection[str],
) -> Row[Any] | None:
    """pending -> running if the job is still claimable (the guarded UPDATE: of two claimers,
    one wins) and its new take, opened in the same transaction. The claimed row, or None."""
    params: dict[str, Any] = {"job": job_id, "server_url": server, "now": now}
    if owner is not None:
        params.update(owner_token=owner, dead=list(dead))
    row = conn.execute(_claim_stmt(owner is not None), params).one_or_none()
    if row is not None:
        conn.execute(
            _OPEN_TAKE, {"job": job_id, "take": row.attempt, "server_url": server, "now": now}
        )
    return row


def set_workflow(
    conn: Connection, job_id: str, workflow: dict[str, Any], now: datetime
) -> Row[Any] | None:
    """Record the bound graph of a running job; None if it is not running."""
    return conn.execute(_SET_WORKFLOW, {"job": job_id, "graph": workflow, "now": now}).one_or_none()


def mark_sent(conn: Connection, job_id: str, now: datetime) -> Row[Any] | None:
    """The job's prompt reached its server, on the job and its open take; None if the job's
    take is over."""
    row = conn.execute(_MARK_SENT, {"job": job_id, "now": now}).one_or_none()
    if row is not None:
        conn.execute(_ATTEMPT_SENT, {"job": job_id, "take": row.attempt, "now": now})
    return row


def mark_sampling(conn: Connection, job_id: str, now: datetime) -> Row[Any] | None:
    """The server began executing the prompt; None if already marked or the take is over."""
    row = conn.execute(_MARK_SAMPLING, {"job": job_id, "now": now}).one_or_none()
    if row is not None:
        conn.execute(_ATTEMPT_SAMPLING, {"job": job_id, "take": row.attempt, "now": now})
    return row


def set_progress(conn: Connection, job_id: str, progress: float, text: str, now: datetime) -> None:
    """Progress (clamped to 0..1) of a running job; nothing if it is not running."""
    conn.execute(
        _SET_PROGRESS,
        {
            "job": job_id,
            "fraction": min(max(progress, 0.0), 1.0),
            "text": text,
            "now": now,
        },
    )


def complete(
    conn: Connection, job_id: str, outputs: Sequence[NewImage], now: datetime
) -> tuple[Row[Any], list[Row[Any]]] | None:
    """running -> completed with its outputs recorded and its take ended: the job and its new
    images (by index) as written. None if the job is not running (nothing written)."""
    row = conn.execute(_COMPLETE, {"job": job_id, "now": now}).one_or_none()
    if row is None:
        return None
    images: list[Row[Any]] = []
    if outputs:
        # A duplicate (job_id, idx) or path fails here, and the caller's transaction with it.
        values = [_image_values(job_id, out, now) for out in outputs]
        images = list(conn.execute(_INSERT_IMAGES, values))
    _end_take(conn, row, AttemptStatus.COMPLETED, None, now)
    return row, sorted(images, key=lambda r: r.idx)


def fail(conn: Connection, job_id: str, error: JobError, now: datetime) -> Row[Any] | None:
    """running or retrying -> failed with the reason, its take ended too; None if the job is in
    neither state (nothing written)."""
    reason = error.to_dict()
    row = conn.execute(_FAIL, {"job": job_id, "reason": reason, "now": now}).one_or_none()
    if row is not None:
        _end_take(conn, row, AttemptStatus.FAILED, reason, now)
    return row


def _end_take(
    conn: Connection,
    job: Row[Any],
    status: AttemptStatus,
    error: dict[str, Any] | None,
    now: datetime,
) -> None:
    conn.execute(
        _END_TAKE,
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


def images_of(conn: Connection, job_id: str) -> list[Row[Any]]:
    """A job's outputs, by index."""
    return list(conn.execute(_IMAGES_OF_JOB, {"job": job_id}))


def find(conn: Connection, job_id: str) -> Row[Any] | None:
    """The job as it is (None: no such job): why a guarded write refused."""
    return conn.execute(_JOB, {"job": job_id}).one_or_none()


def chains(conn: Connection, group_id: str | None) -> bool:
    """Whether a job of this group queues a next one when it completes: a forever group not
    stopped (`groups_repo.follow_up` makes it)."""
    if group_id is None:
        return False
    return conn.execute(_GROUP_CHAINS, {"group_id": group_id}).first() is not None


def paused_scopes(conn: Connection) -> set[str]:
    """Every paused scope: `jobs_repo.ALL_SERVERS` and server URLs."""
    return set(conn.execute(_PAUSED_SCOPES).scalars())
