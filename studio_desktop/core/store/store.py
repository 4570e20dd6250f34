"""The store: the one place that reads and writes the database.

Thread-safe and safe across processes: every method opens its own short session; every change is
one committed transaction (writes take the lock up front with BEGIN IMMEDIATE). Callers get domain
dataclasses, never ORM objects.
"""

from __future__ import annotations

import enum
import sqlite3
import threading
from collections.abc import Callable, Collection, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from studio_desktop.core.groups import (
    GroupProgress,
    JobGroup,
    NewGroup,
    QueuePause,
    sweep_outcome,
)
from studio_desktop.core.jobs import (
    Attempt,
    Completed,
    IllegalTransition,
    ImageRecord,
    Job,
    JobError,
    JobStatus,
    NewImage,
    NewJob,
)
from studio_desktop.core.store import (
    attempts_repo,
    boards_repo,
    convert,
    groups_repo,
    hot,
    images_repo,
    jobs_repo,
    migrate,
    servers_repo,
)
from studio_desktop.core.store.engine import Sessions, make_engine
from studio_desktop.core.store.errors import (
    DuplicateServer,
    GroupNotFound,
    ImageNotFound,
    JobNotFound,
    translating,
)
from studio_desktop.core.store.filters import (
    ALL_IMAGES,
    ALL_JOBS,
    BoardRecord,
    ImageFilter,
    ImageSummary,
    JobFilter,
    Page,
    ServerRecord,
    TagCount,
)
from studio_desktop.core.store.models import GroupRow, JobRow, utcnow
from studio_desktop.core.store.prepared import dbapi
from studio_desktop.core.store.search import terms

# Candidates read per round when claiming: usually the first pending job is runnable, so the
# first round reads few rows (each is a full job with its JSON); jobs no server can run (missing
# nodes) can pile up at the front, so later rounds read more.
_CLAIM_BATCHES = (2, 32)


class _Keep(enum.Enum):
    KEEP = enum.auto()


KEEP = _Keep.KEEP
"""Default of `update_server` arguments: leave that field as it is."""


class Store:
    """Jobs, images and servers in one SQLite file."""

    def __init__(self, db_path: Path, *, wildcards_dir: Path | None = None) -> None:
        """Open (or create) the database and migrate it to the newest schema.

        `wildcards_dir` is where a forever group's next job reads `__name__` wildcards when
        it re-expands its prompt; by default `wildcards/` beside the database, as in a data
        folder (`DataPaths`).

        Raises DatabaseUnavailable when the file can't be used, SchemaTooNew when a newer
        Studio Desktop wrote it.
        """
        self.path = Path(db_path)
        self.wildcards_dir = (
            wildcards_dir if wildcards_dir is not None else self.path.parent / "wildcards"
        )
        with translating(self.path):
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._engine = make_engine(self.path)
        try:
            migrate.upgrade(self._engine, self.path)
            self._db = Sessions(self._engine, self.path)
            with self._db.read() as session:
                self._fts = bool(
                    session.scalar(
                        text("SELECT count(*) FROM sqlite_master WHERE name = 'jobs_fts'")
                    )
                )
        except BaseException:
            self._engine.dispose()
            raise

    def close(self) -> None:
        self._db.close()
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def forbid_thread(self, thread: threading.Thread | None, *, reads: bool = True) -> None:
        """Raise WrongThread for any session opened on `thread` from now on (None: no more).

        The window sets it to the GUI thread: there a query would freeze it, so one is a bug.
        With `reads=False` only writes are refused.
        """
        self._db.guard.forbid(thread, reads=reads)

    def allow_this_thread(self) -> AbstractContextManager[None]:
        """Inside this block the calling thread may use the store despite `forbid_thread`
        (tests that check on the GUI thread what the window wrote)."""
        return self._db.guard.allow_this_thread()

    @property
    def has_fts(self) -> bool:
        """Whether prompt search uses the FTS5 index (else LIKE)."""
        return self._fts

    def integrity_check(self) -> str:
        """`PRAGMA integrity_check`: "ok", or SQLite's list of problems."""
        with self._db.read() as session:
            rows = session.execute(text("PRAGMA integrity_check")).scalars().all()
        return "\n".join(str(r) for r in rows)

    # --- jobs -----------------------------------------------------------------------------------

    def add_jobs(
        self, jobs: Sequence[NewJob], owner: str | None = None, *, group: NewGroup | None = None
    ) -> list[Job]:
        """Queue jobs (all or none), pending, in the given order, with consecutive revisions.

        `owner` (a `ProcessOwner` token) reserves them for that process while it lives; None
        lets any process run them. With `group`, the group is made in the same transaction and
        the jobs are its (pinned to its server, if it has one); a job naming a `group_id`
        joins that group (later chunks of a large batch).
        """
        with self._db.write() as session:
            now = utcnow()
            if group is not None:
                groups_repo.insert(session, group, now)
                jobs = [
                    replace(
                        j,
                        group_id=group.id,
                        server=j.server if j.server is not None else group.server,
                    )
                    for j in jobs
                ]
            rows = jobs_repo.insert(session, jobs, now, owner)
            return [convert.job(r) for r in rows]

    def add_job(self, job: NewJob, owner: str | None = None) -> Job:
        return self.add_jobs([job], owner)[0]

    def get_job(self, job_id: str) -> Job | None:
        with self._db.read() as session:
            row = jobs_repo.find(session, job_id)
            return None if row is None else convert.job(row)

    def claim_next(
        self,
        server: str,
        *,
        owner: str | None = None,
        alive: Callable[[str], bool] | None = None,
        can_run: Callable[[Job], bool] | None = None,
        exclude: Collection[str] = (),
    ) -> Job | None:
        """Atomically take the next pending job this server may run, or None.

        Order: priority (high first), then queue order. Jobs pinned to another server, ids in
        `exclude` and jobs `can_run` refuses are skipped. `can_run` runs outside any transaction.

        With `owner`, only jobs that are this owner's, NULL-owned, or of an owner `alive` says
        is gone are taken (without `alive`, every other owner counts as alive), and the claimed
        job becomes `owner`'s. Without `owner`, any job may be taken and keeps its owner.
        """
        dead = self._dead_owners(owner, alive, [JobStatus.PENDING.value])
        cursor: tuple[int, int] | None = None
        rounds = 0
        while True:
            with self._db.hot_read() as conn:
                rows = hot.claim_candidates(
                    conn,
                    server,
                    after=cursor,
                    exclude=exclude,
                    limit=_CLAIM_BATCHES[min(rounds, len(_CLAIM_BATCHES) - 1)],
                    owner=owner,
                    dead=dead,
                )
            if not rows:
                return None
            for row in rows:
                # Each made a Job only when it comes up: the first is usually taken.
                if can_run is not None and not can_run(convert.job(row)):
                    continue
                with self._db.hot_write() as conn:
                    claimed = hot.claim(conn, row.id, server, utcnow(), owner=owner, dead=dead)
                    if claimed is not None:
                        return convert.job(claimed)
            last = rows[-1]
            cursor = (last.priority, last.seq)
            rounds += 1

    def move(
        self,
        job_id: str,
        new: JobStatus,
        *,
        error: JobError | None = None,
        expected: JobStatus | None = None,
    ) -> Job:
        """One legal state move (DESIGN §3) with its timestamps; IllegalTransition otherwise.

        With `expected`, the move only happens if the job is still in that state.
        """
        with self._db.write() as session:
            row = jobs_repo.move(session, job_id, new, utcnow(), error=error, expected=expected)
            return convert.job(row)

    def requeue(self, job_id: str, *, reason: JobError | None = None) -> Job:
        """Running or retrying -> pending, keeping the attempt count (reconciliation, dead server).

        retrying -> pending is allowed here although LEGAL_MOVES lacks it: a job waiting to retry
        on a server that went away must go back to the queue. `reason` is kept as the job's error.
        """
        with self._db.write() as session:
            row = jobs_repo.require(session, job_id)
            old = JobStatus(row.status)
            if old not in (JobStatus.RUNNING, JobStatus.RETRYING):
                raise IllegalTransition(job_id, old, JobStatus.PENDING)
            jobs_repo.apply_move(session, row, JobStatus.PENDING, utcnow(), error=reason)
            return convert.job(row)

    def retry(self, job_id: str) -> Job:
        """The user's retry: failed or cancelled -> pending, error cleared, attempt count kept
        (so its next take first looks for an earlier one on the server)."""
        with self._db.write() as session:
            row = jobs_repo.require(session, job_id)
            old = JobStatus(row.status)
            if not old.can_retry:
                raise IllegalTransition(job_id, old, JobStatus.PENDING)
            jobs_repo.apply_move(session, row, JobStatus.PENDING, utcnow())
            return convert.job(row)

    def cancel(self, job_id: str) -> Job:
        """Pending, running or retrying -> cancelled."""
        return self.move(job_id, JobStatus.CANCELLED)

    def fail(self, job_id: str, error: JobError) -> Job:
        """Running or retrying -> failed, with the reason."""
        with self._db.hot_write() as conn:
            row = hot.fail(conn, job_id, error, utcnow())
            if row is None:
                raise self._refused(conn, job_id, JobStatus.FAILED)
            return convert.job(row)

    def set_progress(self, job_id: str, progress: float, text: str = "") -> None:
        """Record progress (0..1) of a running job; ignored if the job isn't running."""
        with self._db.hot_write() as conn:
            hot.set_progress(conn, job_id, progress, text, utcnow())

    def set_workflow(self, job_id: str, workflow: Mapping[str, Any]) -> Job:
        """Record the bound graph of a running job that was not sent (the server refused it, or
        the POST failed: the job's history shows what was tried) and return the job.
        IllegalTransition if the job is no longer running. A graph that reached its server is
        recorded by `mark_sent`."""
        with self._db.hot_write() as conn:
            row = hot.set_workflow(conn, job_id, dict(workflow), utcnow())
            if row is None:
                raise self._refused(conn, job_id)
            return convert.job(row)

    def mark_sent(self, job_id: str, workflow: Mapping[str, Any] | None = None) -> Job:
        """The job's prompt reached its server (now), with `workflow`, the graph it sent,
        recorded in the same write (None: keep the one recorded): from here it waits in the
        server's queue until `mark_sampling`. IllegalTransition if the job is no longer
        running (cancelled meanwhile: the caller takes the prompt off the server)."""
        graph = None if workflow is None else dict(workflow)
        with self._db.hot_write() as conn:
            row = hot.mark_sent(conn, job_id, graph, utcnow())
            if row is None:
                raise self._refused(conn, job_id)
            return convert.job(row)

    def mark_sampling(self, job_id: str) -> Job | None:
        """The server began executing the job's prompt (now). Returns the job, or None when it
        was already marked (nothing written). IllegalTransition if it is no longer running."""
        with self._db.hot_write() as conn:
            row = hot.mark_sampling(conn, job_id, utcnow())
            if row is None:
                current = hot.find(conn, job_id)
                if current is not None and current.status in hot.TAKEN:
                    return None  # already marked
                raise self._refused(conn, job_id)
            return convert.job(row)

    @staticmethod
    def _refused(
        conn: sqlite3.Connection, job_id: str, new: JobStatus = JobStatus.RUNNING
    ) -> Exception:
        """Why a guarded write changed nothing (read in the same transaction, so nothing moved
        meanwhile): the job is gone, or it is not in a state that allows the write."""
        row = hot.find(conn, job_id)
        if row is None:
            return JobNotFound(job_id)
        return IllegalTransition(job_id, JobStatus(row.status), new)

    def attempts(self, job_id: str) -> list[Attempt]:
        """Every take of a job from the queue, oldest first."""
        with self._db.read() as session:
            return [convert.attempt(r) for r in attempts_repo.for_job(session, job_id)]

    def complete(self, job_id: str, outputs: Sequence[NewImage]) -> list[ImageRecord]:
        """Record the outputs and move running -> completed, in one transaction; the images.

        Idempotent: for a job already completed, returns its images and records nothing.
        """
        return self.complete_job(job_id, outputs).images

    def complete_job(self, job_id: str, outputs: Sequence[NewImage]) -> Completed:
        """`complete`, returning the completed job too (what the engine reports, unread)."""
        try:
            with self._db.hot_write() as conn:
                return self._complete(conn, job_id, outputs, None)
        except hot.Chains:
            pass  # rolled back: nothing was written
        # A forever group's job: its next job is queued in the completion's own transaction
        # (a crash can neither lose the chain nor queue the next one twice), through the ORM.
        with self._db.write() as session:
            return self._complete(dbapi(session.connection()), job_id, outputs, session)

    def _complete(
        self,
        conn: sqlite3.Connection,
        job_id: str,
        outputs: Sequence[NewImage],
        session: Session | None,
    ) -> Completed:
        """`complete_job` in the caller's transaction; with `session` (on `conn`'s connection)
        the follow-up of a chaining group is queued too."""
        now = utcnow()
        done = hot.complete(conn, job_id, outputs, now, chaining=session is not None)
        if done is None:
            row = hot.find(conn, job_id)
            if row is None or row.status != JobStatus.COMPLETED.value:
                raise self._refused(conn, job_id, JobStatus.COMPLETED)
            images = hot.images_of(conn, job_id)  # completed already: nothing recorded
            return Completed(convert.job(row), [convert.image(r) for r in images])
        row, images = done
        follow: list[JobRow] = []
        if session is not None and row.chains:
            nxt = groups_repo.follow_up(session, row, self.wildcards_dir)
            if nxt is not None:
                follow = jobs_repo.insert(session, [nxt], now, row.owner)
        return Completed(
            convert.job(row),
            [convert.image(r) for r in images],
            follow_up=convert.job(follow[0]) if follow else None,
        )

    def move_to_front(self, job_id: str) -> Job:
        """Give a pending job the highest priority. IllegalTransition if it isn't pending."""
        with self._db.write() as session:
            row = jobs_repo.require(session, job_id)
            if row.status != JobStatus.PENDING.value:
                raise IllegalTransition(job_id, JobStatus(row.status), JobStatus.PENDING)
            row.priority = jobs_repo.top_pending_priority(session) + 1
            row.updated_at = utcnow()
            jobs_repo.stamp(session, [row])
            return convert.job(row)

    def jobs_with_status(self, *statuses: JobStatus) -> list[Job]:
        """Jobs (not deleted) in any of these states, in claim order."""
        with self._db.read() as session:
            return [convert.job(r) for r in jobs_repo.with_status(session, statuses)]

    def job_changes_since(self, revision: int, limit: int = 500) -> list[Job]:
        """Jobs (deleted ones too) written after `revision`, oldest change first: each as it is
        now, so a job written twice since then comes once. Pass the last one's `revision` back
        for the next batch."""
        with self._db.read() as session:
            return [convert.job(r) for r in jobs_repo.changes_since(session, revision, limit)]

    def max_job_revision(self) -> int:
        """The newest job revision (0 for none): where a reader of `job_changes_since` starts."""
        with self._db.read() as session:
            return jobs_repo.max_revision(session)

    # --- batch groups (core/groups.py) and the queue's pause ---

    def get_group(self, group_id: str) -> JobGroup | None:
        with self._db.read() as session:
            row = groups_repo.find(session, group_id)
            return None if row is None else convert.group(row)

    def groups_starting_with(self, prefix: str, limit: int = 10) -> list[JobGroup]:
        """Groups whose id starts with `prefix` (what the CLI takes for a group), newest first."""
        with self._db.read() as session:
            return [convert.group(r) for r in groups_repo.starting_with(session, prefix, limit)]

    def group_jobs(self, group_id: str, *statuses: JobStatus) -> list[Job]:
        """A group's jobs (not deleted) in queue order; only those in `statuses` if given."""
        with self._db.read() as session:
            rows = groups_repo.jobs(session, group_id, [s.value for s in statuses])
            return [convert.job(r) for r in rows]

    def group_progress(self, group_ids: Sequence[str]) -> list[GroupProgress]:
        """Each of these groups (those that exist, in the given order) with its jobs per state
        and the time its completed jobs took."""
        ids = list(dict.fromkeys(group_ids))
        with self._db.read() as session:
            groups = {r.id: convert.group(r) for r in groups_repo.find_many(session, ids)}
            counted = groups_repo.counts(session, [g for g in ids if g in groups])
        return [GroupProgress(groups[g], *counted[g]) for g in ids if g in groups]

    def cancel_group(self, group_id: str) -> list[Job]:
        """Stop a group, in one transaction: its waiting and running jobs are cancelled and a
        forever group queues nothing more. Returns the jobs cancelled (waiting ones first)."""
        with self._db.write() as session:
            group = self._require_group(session, group_id)
            group.stopped = True
            now = utcnow()
            rows = groups_repo.jobs(session, group_id, list(jobs_repo.ACTIVE))
            rows.sort(key=lambda r: r.status != JobStatus.PENDING.value)
            for row in rows:
                jobs_repo.apply_move(session, row, JobStatus.CANCELLED, now)
            return [convert.job(r) for r in rows]

    def retry_group(self, group_id: str) -> list[Job]:
        """The user's retry of a group's failed jobs, in one transaction; the jobs retried."""
        with self._db.write() as session:
            self._require_group(session, group_id)
            now = utcnow()
            rows = groups_repo.jobs(session, group_id, [JobStatus.FAILED.value])
            for row in rows:
                jobs_repo.apply_move(session, row, JobStatus.PENDING, now)
            return [convert.job(r) for r in rows]

    def pin_group(self, group_id: str, server: str | None) -> list[Job]:
        """Run a group's waiting jobs, and the jobs it queues later, on this server only (None:
        on any). Returns the waiting jobs changed."""
        with self._db.write() as session:
            group = self._require_group(session, group_id)
            group.server = server
            now = utcnow()
            rows = groups_repo.jobs(session, group_id, [JobStatus.PENDING.value])
            for row in rows:
                row.server = server
                row.pinned = server is not None
                row.updated_at = now
            jobs_repo.stamp(session, rows)
            return [convert.job(r) for r in rows]

    def pin_job(self, job_id: str, server: str | None) -> Job:
        """Run a waiting job on this server only (None: on any). IllegalTransition if it is
        not waiting."""
        with self._db.write() as session:
            row = jobs_repo.require(session, job_id)
            if row.status != JobStatus.PENDING.value:
                raise IllegalTransition(job_id, JobStatus(row.status), JobStatus.PENDING)
            row.server = server
            row.pinned = server is not None
            row.updated_at = utcnow()
            jobs_repo.stamp(session, [row])
            return convert.job(row)

    def set_group_paused(self, group_id: str, paused: bool) -> JobGroup:
        """Hold a group's waiting jobs (running ones finish), or let them run again."""
        with self._db.write() as session:
            group = self._require_group(session, group_id)
            group.paused = paused
            session.flush()
            return convert.group(group)

    # --- sweeps (core/sweeps/assemble.py) ---

    def sweeps_to_assemble(self, group_ids: Sequence[str] | None = None) -> list[GroupProgress]:
        """Sweep groups (of `group_ids`, or all) whose jobs have all ended and whose grid is
        not made yet, or was made of another outcome (a failed cell retried since)."""
        with self._db.read() as session:
            rows = groups_repo.sweeps(session, group_ids)
            counted = groups_repo.counts(session, [r.id for r in rows])
        out: list[GroupProgress] = []
        for row in rows:
            progress = GroupProgress(convert.group(row), *counted[row.id])
            if progress.total == 0 or progress.active:
                continue
            grid = (row.sweep or {}).get("grid")
            if isinstance(grid, dict) and grid.get("outcome") == sweep_outcome(progress):
                continue
            out.append(progress)
        return out

    def record_sweep_grid(
        self,
        group_id: str,
        outcome: Sequence[int],
        job_id: str | None,
        image: NewImage | None,
    ) -> ImageRecord | None:
        """Record a sweep's grid as an output of `job_id` (one of its cells: an image needs a
        job) and note the outcome it shows, in one transaction; with no image, only the
        outcome (nothing to show). None, recording nothing, if a grid of this outcome was
        recorded meanwhile (another process or thread assembled it first). The job gets a new
        revision, so readers that follow job changes see its new output."""
        with self._db.write() as session:
            group = self._require_group(session, group_id)
            sweep = dict(group.sweep or {})
            grid = sweep.get("grid")
            if isinstance(grid, dict) and grid.get("outcome") == list(outcome):
                return None
            record: ImageRecord | None = None
            if job_id is not None and image is not None:
                (row,) = images_repo.insert(session, job_id, [image], utcnow())
                jobs_repo.stamp(session, [jobs_repo.require(session, job_id)])
                record = convert.image(row)
            sweep["grid"] = {
                "outcome": list(outcome),
                "image_id": record.id if record is not None else None,
                "job_id": job_id if record is not None else None,
            }
            group.sweep = sweep
            session.flush()
            return record

    def next_output_index(self, job_id: str) -> int:
        """The index after a job's last output (trashed ones too): where an added one goes."""
        with self._db.read() as session:
            rows = images_repo.for_job(session, job_id)
            return max((r.idx for r in rows), default=-1) + 1

    @staticmethod
    def _require_group(session: Session, group_id: str) -> GroupRow:
        row = groups_repo.find(session, group_id)
        if row is None:
            raise GroupNotFound(group_id)
        return row

    def queue_pause(self) -> QueuePause:
        """What is paused now (stored: it holds across restarts and processes)."""
        with self._db.hot_read() as conn:
            return groups_repo.pause_of(hot.paused_scopes(conn))

    def pause_queue(self, server: str | None = None) -> QueuePause:
        """Take no new job, on every server (None) or on this one (a URL). Running jobs go on."""
        with self._db.write() as session:
            groups_repo.pause(session, server or jobs_repo.ALL_SERVERS, utcnow())
            return groups_repo.pause_state(session)

    def resume_queue(self, server: str | None = None) -> QueuePause:
        """Lift the whole queue's pause (None) or this server's. The two are separate: a
        server paused on its own stays paused when the queue resumes, and a resumed server
        waits while the whole queue is paused. Returns what is still paused."""
        with self._db.write() as session:
            groups_repo.resume(session, server or jobs_repo.ALL_SERVERS)
            return groups_repo.pause_state(session)

    # --- owners: which process may run a job (core/owners.py) ---

    def reconcilable_jobs(self, owner: str, alive: Callable[[str], bool]) -> list[Job]:
        """Running and retrying jobs `owner` may reconcile after a restart or a lost server:
        its own, NULL-owned ones and those of owners `alive` says are gone. In claim order."""
        statuses = [JobStatus.RUNNING.value, JobStatus.RETRYING.value]
        dead = self._dead_owners(owner, alive, statuses)
        with self._db.read() as session:
            return [convert.job(r) for r in jobs_repo.takeable(session, statuses, owner, dead)]

    def adopt_orphans(self, owner: str, alive: Callable[[str], bool]) -> int:
        """Make every unfinished job that no live process holds (NULL-owned, or of an owner
        `alive` says is gone) `owner`'s, as `resume` does. Returns how many changed hands."""
        statuses = list(jobs_repo.ACTIVE)
        dead = self._dead_owners(owner, alive, statuses)
        with self._db.write() as session:
            takeable = jobs_repo.takeable(session, statuses, owner, dead)
            rows = [r for r in takeable if r.owner != owner]
            now = utcnow()
            for row in rows:
                row.owner = owner
                row.updated_at = now
            jobs_repo.stamp(session, rows)
            return len(rows)

    def _dead_owners(
        self, owner: str | None, alive: Callable[[str], bool] | None, statuses: Sequence[str]
    ) -> list[str]:
        """The other owners of jobs in these states that are gone (none without `alive`).
        `alive` runs outside any transaction (it takes file locks); a dead owner never comes
        back (tokens are unique per process), so the answer cannot go stale."""
        if owner is None or alive is None:
            return []
        with self._db.hot_read() as conn:
            others = hot.foreign_owners(conn, owner, statuses)
        return [other for other in others if not alive(other)]

    def count_by_status(self) -> dict[JobStatus, int]:
        """Jobs (not deleted) per state; every state is present."""
        with self._db.read() as session:
            return jobs_repo.count_by_status(session)

    def list_jobs(
        self, flt: JobFilter = ALL_JOBS, *, after_seq: int | None = None, limit: int = 100
    ) -> Page[Job]:
        """History, newest first; pass `next_cursor` back as `after_seq` for the next page."""
        with self._db.read() as session:
            rows = jobs_repo.newest_first(
                session, flt, fts=self._fts, after_seq=after_seq, limit=limit
            )
            items = [convert.job(r) for r in rows[:limit]]
        return Page(items, items[-1].seq if len(rows) > limit else None)

    def search_prompts(self, text: str, *, limit: int = 100) -> list[Job]:
        """Jobs (not deleted) whose prompt or negative prompt holds every term, newest first."""
        if not terms(text):
            return []
        return self.list_jobs(JobFilter(text=text), limit=limit).items

    def soft_delete_jobs(self, ids: Sequence[str]) -> int:
        """Hide finished jobs from history; active ones are left alone. Returns how many moved."""
        with self._db.write() as session:
            return jobs_repo.set_deleted(session, ids, True, utcnow())

    def restore_jobs(self, ids: Sequence[str]) -> int:
        with self._db.write() as session:
            return jobs_repo.set_deleted(session, ids, False, utcnow())

    # --- images ---------------------------------------------------------------------------------

    def images_for_job(self, job_id: str) -> list[ImageRecord]:
        """All of a job's outputs (trashed ones too), by index."""
        with self._db.read() as session:
            return [convert.image(r) for r in images_repo.for_job(session, job_id)]

    def first_outputs(self, job_ids: Sequence[str]) -> dict[str, ImageRecord]:
        """Job id -> its first output not in the trash, for those of `job_ids` that have one."""
        with self._db.read() as session:
            rows = images_repo.first_of_jobs(session, job_ids)
            return {r.job_id: convert.image(r) for r in rows}

    def list_images(
        self, flt: ImageFilter = ALL_IMAGES, *, after_id: int | None = None, limit: int = 200
    ) -> Page[ImageRecord]:
        """Gallery, newest first; pass `next_cursor` back as `after_id` for the next page."""
        where = images_repo.filter_condition(flt, fts=self._fts)
        with self._db.read() as session:
            rows = images_repo.newest_first(session, where, after_id=after_id, limit=limit)
            items = [convert.image(r) for r in rows[:limit]]
        return Page(items, items[-1].id if len(rows) > limit else None)

    def list_image_summaries(
        self, flt: ImageFilter = ALL_IMAGES, *, after_id: int | None = None, limit: int = 200
    ) -> Page[ImageSummary]:
        """`list_images` with only what a grid shows (`ImageSummary`): the gallery's pages."""
        where = images_repo.filter_condition(flt, fts=self._fts)
        with self._db.read() as session:
            rows = images_repo.newest_first_summaries(
                session, where, after_id=after_id, limit=limit
            )
        items = rows[:limit]
        return Page(items, items[-1].id if len(rows) > limit else None)

    def count_images(self, flt: ImageFilter = ALL_IMAGES) -> int:
        where = images_repo.filter_condition(flt, fts=self._fts)
        with self._db.read() as session:
            return images_repo.count(session, where)

    def get_image(self, image_id: int) -> ImageRecord | None:
        with self._db.read() as session:
            row = images_repo.find(session, image_id)
            return None if row is None else convert.image(row)

    def set_favourite(self, ids: Sequence[int], favourite: bool) -> None:
        with self._db.write() as session:
            images_repo.set_favourite(session, ids, favourite)

    def set_tags(self, image_id: int, tags: Sequence[str]) -> None:
        """Replace an image's tags (trimmed; repeats that differ only in case dropped)."""
        with self._db.write() as session:
            row = images_repo.find(session, image_id)
            if row is None:
                raise ImageNotFound(image_id)
            images_repo.set_tags(session, row, tags)

    def change_tags(
        self, ids: Sequence[int], *, add: Sequence[str] = (), remove: Sequence[str] = ()
    ) -> list[ImageRecord]:
        """Add tags to each image and take others away (without regard to case), keeping the
        rest of each image's tags; all in one transaction. Returns the images as stored now
        (ImageNotFound if one is gone)."""
        with self._db.write() as session:
            changed: list[ImageRecord] = []
            for image_id in dict.fromkeys(ids):
                row = images_repo.find(session, image_id)
                if row is None:
                    raise ImageNotFound(image_id)
                images_repo.change_tags(session, row, add, remove)
                changed.append(convert.image(row))
            return changed

    def tag_counts(self) -> list[TagCount]:
        """Every tag in use on images not in the trash, with its image count, by name."""
        with self._db.read() as session:
            return images_repo.tag_counts(session)

    def image_ids_for_paths(self, stored_paths: Sequence[str]) -> list[int]:
        """The images recorded under these stored paths (`DataPaths.stored`), in that order;
        paths of no image are left out."""
        with self._db.read() as session:
            return images_repo.ids_for_paths(session, stored_paths)

    def soft_delete_images(self, ids: Sequence[int]) -> int:
        """Move images to the trash. Returns how many moved."""
        with self._db.write() as session:
            return images_repo.set_deleted(session, ids, True, utcnow())

    def restore_images(self, ids: Sequence[int]) -> int:
        with self._db.write() as session:
            return images_repo.set_deleted(session, ids, False, utcnow())

    def purge_deleted_images(self, older_than: datetime) -> list[ImageRecord]:
        """Forget images trashed before `older_than`; the caller deletes the returned files."""
        with self._db.write() as session:
            return [convert.image(r) for r in images_repo.purge(session, older_than)]

    # --- boards ---------------------------------------------------------------------------------

    def create_board(self, name: str) -> BoardRecord:
        """A new empty board. BadBoardName for a blank name, DuplicateBoard for a name in use
        (ignoring case)."""
        with self._db.write() as session:
            return convert.board(boards_repo.create(session, name, utcnow()))

    def rename_board(self, board_id: int, name: str) -> BoardRecord:
        with self._db.write() as session:
            boards_repo.rename(session, board_id, name)
            return next(b for b in boards_repo.with_counts(session) if b.id == board_id)

    def delete_board(self, board_id: int) -> None:
        """Forget a board; its images stay in the library (and in other boards)."""
        with self._db.write() as session:
            boards_repo.remove(session, board_id)

    def add_to_board(self, board_id: int, image_ids: Sequence[int]) -> int:
        """Put images in a board (ones there already stay once). Returns how many joined."""
        with self._db.write() as session:
            return boards_repo.add_images(session, board_id, image_ids)

    def remove_from_board(self, board_id: int, image_ids: Sequence[int]) -> int:
        with self._db.write() as session:
            return boards_repo.remove_images(session, board_id, image_ids)

    def list_boards(self) -> list[BoardRecord]:
        """Every board by name, with how many images not in the trash each holds."""
        with self._db.read() as session:
            return boards_repo.with_counts(session)

    # --- servers --------------------------------------------------------------------------------

    def add_server(
        self, name: str, url: str, *, auth_header: str | None = None, enabled: bool = True
    ) -> ServerRecord:
        """Raises DuplicateServer if a server with this URL exists."""
        try:
            with self._db.write() as session:
                return convert.server(servers_repo.insert(session, name, url, auth_header, enabled))
        except IntegrityError as error:
            raise DuplicateServer(url) from error

    def update_server(
        self,
        server_id: int,
        *,
        name: str | _Keep = KEEP,
        url: str | _Keep = KEEP,
        auth_header: str | _Keep | None = KEEP,
        enabled: bool | _Keep = KEEP,
        last_state: str | _Keep = KEEP,
        gpu_name: str | _Keep | None = KEEP,
        vram_total: int | _Keep | None = KEEP,
        vram_free: int | _Keep | None = KEEP,
        node_classes: Sequence[str] | _Keep = KEEP,
        models: Mapping[str, Sequence[str]] | _Keep = KEEP,
        last_seen_at: datetime | _Keep | None = KEEP,
    ) -> ServerRecord:
        """Change the given fields; the others keep their values."""
        changes: dict[str, Any] = {
            "name": name,
            "url": url,
            "auth_header": auth_header,
            "enabled": enabled,
            "last_state": last_state,
            "gpu_name": gpu_name,
            "vram_total": vram_total,
            "vram_free": vram_free,
            "last_seen_at": last_seen_at,
        }
        if not isinstance(node_classes, _Keep):
            changes["node_classes"] = list(node_classes)
        if not isinstance(models, _Keep):
            changes["models"] = {kind: list(names) for kind, names in models.items()}
        try:
            with self._db.write() as session:
                row = servers_repo.require(session, server_id)
                for field, value in changes.items():
                    if not isinstance(value, _Keep):
                        setattr(row, field, value)
                session.flush()
                return convert.server(row)
        except IntegrityError as error:
            raise DuplicateServer(str(url)) from error

    def list_servers(self) -> list[ServerRecord]:
        with self._db.read() as session:
            return [convert.server(r) for r in servers_repo.all_servers(session)]

    def get_server(self, server_id: int) -> ServerRecord | None:
        with self._db.read() as session:
            row = servers_repo.find(session, server_id)
            return None if row is None else convert.server(row)

    def get_server_by_url(self, url: str) -> ServerRecord | None:
        with self._db.read() as session:
            row = servers_repo.by_url(session, url)
            return None if row is None else convert.server(row)

    def remove_server(self, server_id: int) -> bool:
        """Forget a server. Returns False if there was none with that id."""
        with self._db.write() as session:
            row = servers_repo.find(session, server_id)
            if row is None:
                return False
            session.delete(row)
            return True
