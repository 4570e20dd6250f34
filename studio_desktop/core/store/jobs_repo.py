"""SQL for the jobs table. Every function runs inside a session the facade opened.

Every write to a job row stamps `revision` with the next number (`stamp`, `next_revision`): writes
hold the database's write lock from BEGIN IMMEDIATE on, so the numbers follow commit order, across
processes too. Readers use them to drop stale events and to ask "what changed since n".
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, or_, select, true
from sqlalchemy.orm import Session

from studio_desktop.core.jobs import IllegalTransition, JobError, JobStatus, NewJob, check_move
from studio_desktop.core.store import attempts_repo
from studio_desktop.core.store.errors import JobNotFound
from studio_desktop.core.store.filters import JobFilter
from studio_desktop.core.store.models import JobRow
from studio_desktop.core.store.search import JOBS_FTS, PromptSearch, prompt_matches, split

CLAIM_ORDER = (JobRow.priority.desc(), JobRow.seq.asc())
ALL_SERVERS = "*"  # the `queue_pauses` scope of the whole queue
ACTIVE = (JobStatus.PENDING.value, JobStatus.RUNNING.value, JobStatus.RETRYING.value)


def next_revision(session: Session) -> int:
    """The revision the next job write takes. Only inside a write transaction; rows stamped
    earlier in it must be flushed (`stamp` does)."""
    return int(session.scalar(select(func.coalesce(func.max(JobRow.revision), 0))) or 0) + 1


def stamp(session: Session, rows: Sequence[JobRow]) -> None:
    """Give changed rows consecutive revisions, in the given order."""
    base = next_revision(session)
    for offset, row in enumerate(rows):
        row.revision = base + offset
    session.flush()  # autoflush is off: the next `next_revision` in this transaction must see these


def insert(
    session: Session, jobs: Sequence[NewJob], now: datetime, owner: str | None = None
) -> list[JobRow]:
    base = next_revision(session)
    rows = [
        JobRow(
            id=job.id,
            template=job.template,
            params=job.params.to_dict(),
            prompt=job.params.prompt,
            negative=job.params.negative,
            model=job.params.model,
            workflow=None if job.workflow is None else dict(job.workflow),
            inputs=[{"slot": i.slot, "path": i.path} for i in job.inputs],
            status=JobStatus.PENDING.value,
            server=job.server,
            pinned=job.server is not None,
            attempt=0,
            priority=0,
            progress=0.0,
            progress_text="",
            error=None,
            created_at=now,
            updated_at=now,
            deleted=False,
            revision=base + offset,
            owner=owner,
            group_id=job.group_id,
        )
        for offset, job in enumerate(jobs)
    ]
    session.add_all(rows)
    session.flush()  # assigns seq
    return rows


def find(session: Session, job_id: str) -> JobRow | None:
    return session.scalars(select(JobRow).where(JobRow.id == job_id)).one_or_none()


def require(session: Session, job_id: str) -> JobRow:
    row = find(session, job_id)
    if row is None:
        raise JobNotFound(job_id)
    return row


def apply_move(
    session: Session,
    row: JobRow,
    new: JobStatus,
    now: datetime,
    *,
    error: JobError | None = None,
) -> None:
    """Set the fields that go with entering `new`, and mirror the move on the job's attempt
    list (same transaction). The caller has checked the move."""
    new_take = _set_move_fields(row, new, now, error)
    # Stamped before the attempt is recorded, so the row goes out in one UPDATE with it.
    row.revision = next_revision(session)
    attempts_repo.record_move(session, row, new, now, new_take=new_take, error=error)
    session.flush()


def _set_move_fields(row: JobRow, new: JobStatus, now: datetime, error: JobError | None) -> bool:
    """Returns whether the move took the job from the queue (a new attempt)."""
    old = JobStatus(row.status)
    new_take = False
    row.status = new.value
    row.updated_at = now
    if new is JobStatus.RUNNING:
        # `attempt` counts takes from the queue; retrying -> running continues the same take.
        if old is JobStatus.PENDING or row.started_at is None:
            row.attempt += 1
            row.started_at = now
            row.sent_at = row.sampling_at = None
            new_take = True
        row.finished_at = None
    elif new is JobStatus.PENDING:
        if not row.pinned:
            row.server = None
        row.progress = 0.0
        row.progress_text = ""
        row.started_at = None
        row.finished_at = None
        row.sent_at = row.sampling_at = None
        if old.is_final:  # the user's retry of a failed or cancelled job
            row.error = None
    elif new.is_final:
        row.finished_at = now
        if new is JobStatus.COMPLETED:
            row.progress = 1.0
            row.error = None
    if error is not None:
        row.error = error.to_dict()
    return new_take


def move(
    session: Session,
    job_id: str,
    new: JobStatus,
    now: datetime,
    *,
    error: JobError | None = None,
    expected: JobStatus | None = None,
) -> JobRow:
    row = require(session, job_id)
    old = JobStatus(row.status)
    if expected is not None and old is not expected:
        # Someone else moved it first; report the move the caller meant to make.
        raise IllegalTransition(job_id, old, new)
    check_move(job_id, old, new)
    apply_move(session, row, new, now, error=error)
    return row


def may_take(owner: str | None, dead: Collection[str]) -> ColumnElement[bool]:
    """Jobs `owner` may handle: NULL-owned, its own, or of an owner in `dead`. Everything when
    `owner` is None. Spelled positively, so an owner that appears meanwhile (adopting a job)
    is respected by the guarded UPDATE."""
    if owner is None:
        return true()
    allowed = [JobRow.owner.is_(None), JobRow.owner == owner]
    if dead:
        allowed.append(JobRow.owner.in_(list(dead)))
    return or_(*allowed)


def top_pending_priority(session: Session) -> int:
    value = session.scalar(
        select(func.max(JobRow.priority)).where(
            JobRow.status == JobStatus.PENDING.value, JobRow.deleted.is_(False)
        )
    )
    return int(value or 0)


def with_status(session: Session, statuses: Sequence[JobStatus]) -> list[JobRow]:
    stmt = (
        select(JobRow)
        .where(JobRow.status.in_([s.value for s in statuses]), JobRow.deleted.is_(False))
        .order_by(*CLAIM_ORDER)
    )
    return list(session.scalars(stmt))


def count_by_status(session: Session) -> dict[JobStatus, int]:
    counts = dict.fromkeys(JobStatus, 0)
    stmt = (
        select(JobRow.status, func.count()).where(JobRow.deleted.is_(False)).group_by(JobRow.status)
    )
    for status, count in session.execute(stmt):
        counts[JobStatus(status)] = int(count)
    return counts


def filter_condition(
    flt: JobFilter, *, fts: bool, search: PromptSearch | None = None
) -> ColumnElement[bool]:
    """The filter as a condition on `jobs`. With `search` (the split of `flt.text`), only its
    `others` part is included: the caller joins `jobs_fts` for the MATCH."""
    conditions: list[ColumnElement[bool]] = []
    if not flt.include_deleted:
        conditions.append(JobRow.deleted.is_(False))
    if flt.statuses:
        conditions.append(JobRow.status.in_([s.value for s in flt.statuses]))
    if search is not None:
        conditions.append(search.others)
    elif flt.text.strip():
        conditions.append(prompt_matches(flt.text, fts=fts))
    if flt.template is not None:
        conditions.append(JobRow.template == flt.template)
    if flt.model is not None:
        conditions.append(JobRow.model == flt.model)
    if flt.server is not None:
        conditions.append(JobRow.server == flt.server)
    if flt.created_from is not None:
        conditions.append(JobRow.created_at >= flt.created_from)
    if flt.created_to is not None:
        conditions.append(JobRow.created_at < flt.created_to)
    return and_(true(), *conditions)


def newest_first(
    session: Session, flt: JobFilter, *, fts: bool, after_seq: int | None, limit: int
) -> list[JobRow]:
    """Up to `limit + 1` rows matching `flt`, so the caller can tell whether another page exists.

    With terms the FTS index can find, the index drives: its matches are walked newest first
    (rowid = seq, descending) and joined to their rows, so a page of a common term costs a page
    of index lookups instead of collecting and sorting every match (seq IN (... MATCH ...)).
    """
    search = split(flt.text, fts=fts) if flt.text.strip() else None
    if search is None or search.fts_query is None:
        where = filter_condition(flt, fts=fts)
        stmt = select(JobRow).where(where).order_by(JobRow.seq.desc()).limit(limit + 1)
        if after_seq is not None:
            stmt = stmt.where(JobRow.seq < after_seq)
        return list(session.scalars(stmt))
    stmt = (
        select(JobRow)
        .select_from(JOBS_FTS)
        .join(JobRow, JobRow.seq == JOBS_FTS.c.rowid)
        .where(search.match(), filter_condition(flt, fts=fts, search=search))
        .order_by(JOBS_FTS.c.rowid.desc())
        .limit(limit + 1)
    )
    if after_seq is not None:
        stmt = stmt.where(JOBS_FTS.c.rowid < after_seq)  # a rowid range the index applies itself
    return list(session.scalars(stmt))


def set_deleted(session: Session, ids: Sequence[str], deleted: bool, now: datetime) -> int:
    """Only finished jobs can be trashed or restored: a queued or running job is cancelled first."""
    if not ids:
        return 0
    final = [s.value for s in JobStatus if s.is_final]
    rows = list(
        session.scalars(
            select(JobRow)
            .where(
                JobRow.id.in_(list(ids)),
                JobRow.status.in_(final),
                JobRow.deleted.is_(not deleted),
            )
            .order_by(JobRow.seq)
        )
    )
    for row in rows:
        row.deleted = deleted
        row.updated_at = now
    stamp(session, rows)  # one revision per row: a reader paging by revision misses none
    return len(rows)


def changes_since(session: Session, revision: int, limit: int) -> list[JobRow]:
    stmt = select(JobRow).where(JobRow.revision > revision).order_by(JobRow.revision).limit(limit)
    return list(session.scalars(stmt))


def max_revision(session: Session) -> int:
    return int(session.scalar(select(func.coalesce(func.max(JobRow.revision), 0))) or 0)


def takeable(
    session: Session, statuses: Sequence[str], owner: str, dead: Collection[str]
) -> list[JobRow]:
    """Jobs (not deleted) in these states that `owner` may handle (`may_take`), in claim order."""
    stmt = (
        select(JobRow)
        .where(
            JobRow.status.in_(list(statuses)),
            JobRow.deleted.is_(False),
            may_take(owner, dead),
        )
        .order_by(*CLAIM_ORDER)
    )
    return list(session.scalars(stmt))
