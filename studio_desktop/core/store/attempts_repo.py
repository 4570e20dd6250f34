"""SQL for job_attempts: one row per take of a job from the queue.

Every function runs inside the write transaction of the job's own state change (the caller's
session), so a job and its attempt list never disagree, even after a crash.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from studio_desktop.core.jobs import AttemptStatus, JobError, JobStatus
from studio_desktop.core.store.models import AttemptRow, JobRow

# The attempt status a job's state move gives its open take.
_ENDS = {
    JobStatus.COMPLETED: AttemptStatus.COMPLETED,
    JobStatus.FAILED: AttemptStatus.FAILED,
    JobStatus.CANCELLED: AttemptStatus.CANCELLED,
    JobStatus.PENDING: AttemptStatus.REQUEUED,
    JobStatus.RETRYING: AttemptStatus.RETRYING,
    JobStatus.RUNNING: AttemptStatus.RUNNING,
}
_OPEN = [s.value for s in AttemptStatus if s.is_open]


def for_job(session: Session, job_id: str) -> list[AttemptRow]:
    stmt = select(AttemptRow).where(AttemptRow.job_id == job_id).order_by(AttemptRow.number)
    return list(session.scalars(stmt))


def current(session: Session, job: JobRow) -> AttemptRow | None:
    """The job's take now under way (running or retrying), or None."""
    row = session.scalars(
        select(AttemptRow).where(AttemptRow.job_id == job.id, AttemptRow.number == job.attempt)
    ).one_or_none()
    return row if row is not None and AttemptStatus(row.status).is_open else None


def open_take(session: Session, job: JobRow, now: datetime) -> AttemptRow:
    """The job was just taken from the queue (its `attempt` already counts this take)."""
    row = session.scalars(
        select(AttemptRow).where(AttemptRow.job_id == job.id, AttemptRow.number == job.attempt)
    ).one_or_none()
    if row is None:
        row = AttemptRow(job_id=job.id, number=job.attempt)
        session.add(row)
    # A row of this number already there can only be a migrated guess: this take replaces it.
    row.server = job.server
    row.status = AttemptStatus.RUNNING.value
    row.error = None
    row.started_at = now
    row.sent_at = row.sampling_at = row.finished_at = None
    session.flush()
    return row


def record_move(
    session: Session,
    job: JobRow,
    new: JobStatus,
    now: datetime,
    *,
    new_take: bool,
    error: JobError | None,
) -> None:
    """Mirror a job's state move on its open take. `new_take`: the move to running took the
    job from the queue (a new attempt); otherwise a running take goes on or ends."""
    if new_take:
        open_take(session, job, now)
        return
    row = current(session, job)
    if row is None:
        return  # the move of a job with no take under way (a pending job cancelled, a retry)
    row.status = _ENDS[new].value
    if error is not None:
        row.error = error.to_dict()
    elif new is JobStatus.COMPLETED:
        row.error = None
    if new is not JobStatus.RUNNING and new is not JobStatus.RETRYING:
        row.finished_at = now
    session.flush()
