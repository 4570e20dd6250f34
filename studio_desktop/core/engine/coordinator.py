"""What one server's driver cannot decide alone: jobs no server can run, and prompts waiting on
a busy server while another idles.

A driver whose claim found nothing calls `nothing_to_claim(itself)` (on its own thread):

- if that server is idle, it takes over a prompt of ours another server lists as waiting behind
  others (`placement.pick_move`): the holder deletes it from its queue, never interrupting it,
  and gives it back to the queue only if the delete won the race (machine.py);
- at most every `blocked_check_s` (and at once when a server's state changed), the waiting jobs
  are checked against every server (`placement.blocked`): a blocked job is reported with the
  reason per server (`JobBlocked`); when every server it may run on is connected and lacks
  something, it fails with that reason.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from typing import Protocol

from studio_desktop.core.engine import journal
from studio_desktop.core.engine.config import EngineConfig
from studio_desktop.core.engine.events import (
    EngineEvent,
    JobBlocked,
    JobFinished,
    JobStateChanged,
    Reasons,
    ServerStatus,
)
from studio_desktop.core.engine.placement import Blocked, ServerView, blocked, pick_move
from studio_desktop.core.jobs import IllegalTransition, Job, JobError, JobStatus
from studio_desktop.core.messages import QT_TRANSLATE_NOOP, message
from studio_desktop.core.owners import ProcessOwner
from studio_desktop.core.store import Store
from studio_desktop.core.workflows import TemplateRegistry

log = logging.getLogger("studio.engine")


class Seat(Protocol):
    """What the coordinator needs of a server's driver (thread-safe)."""

    url: str

    @property
    def status(self) -> ServerStatus: ...

    @property
    def idle(self) -> bool: ...

    def can_run(self, job: Job) -> bool: ...

    def movable(self) -> list[tuple[Job, int]]: ...

    def request_withdraw(self, job_id: str) -> None: ...


class Coordinator:
    def __init__(
        self,
        store: Store,
        templates: TemplateRegistry,
        seats: Callable[[], Sequence[Seat]],
        *,
        emit: Callable[[EngineEvent], None],
        config: EngineConfig,
        accept: Callable[[Job], bool] | None = None,
        owner: ProcessOwner | None = None,
    ) -> None:
        self._store = store
        self._templates = templates
        self._seats = seats
        self._emit = emit
        self._config = config
        self._accept = accept
        self._owner = owner
        self._lock = threading.Lock()
        self._checked_at = float("-inf")
        self._checked_servers: tuple[tuple[str, str, bool], ...] = ()
        self._reported: dict[str, Reasons] = {}  # job id -> reasons told

    def nothing_to_claim(self, seat: Seat) -> None:
        # A paused server takes nothing new, a prompt moved off a busy one included.
        if seat.idle and not self._store.queue_pause().blocks(seat.url):
            self._offer_move(seat)
        self._check_blocked(seat)

    # --- moving a waiting prompt to an idle server ---

    def _offer_move(self, idle: Seat) -> None:
        holders = {s.url: s for s in self._seats() if s is not idle}
        candidates = [(url, job, ahead) for url, s in holders.items() for job, ahead in s.movable()]
        choice = pick_move(candidates, idle.can_run)
        if choice is not None:
            url, job_id = choice
            log.info("asking %s to give job %s to idle %s", url, job_id, idle.url)
            holders[url].request_withdraw(job_id)

    # --- jobs no server can run ---

    def _check_blocked(self, caller: Seat) -> None:
        with self._lock:
            seats = list(self._seats())
            servers = [
                ServerView(s.url, s.status.name, s.status.state, s.status.capabilities)
                for s in seats
            ]
            shape = tuple((v.url, v.state.value, v.capabilities is not None) for v in servers)
            now = time.monotonic()
            if shape == self._checked_servers and now - self._checked_at < (
                self._config.blocked_check_s
            ):
                return
            self._checked_at, self._checked_servers = now, shape
            waiting = [j for j in self._store.jobs_with_status(JobStatus.PENDING) if self._mine(j)]
            still: dict[str, Reasons] = {}
            for job in waiting:
                verdict = blocked(job, servers, self._templates)
                if verdict is None:
                    if job.id in self._reported:
                        self._emit(JobBlocked(job.id, ()))  # a server can run it again
                    continue
                if self._reported.get(job.id) != verdict.reasons:
                    self._emit(JobBlocked(job.id, verdict.reasons))
                if verdict.final and self._fail(job, verdict, caller):
                    continue
                still[job.id] = verdict.reasons
            self._reported = still

    def _mine(self, job: Job) -> bool:
        """A waiting job this process would run (the others are another process's to report)."""
        if self._accept is not None and not self._accept(job):
            return False
        owner = self._owner
        if owner is None or job.owner is None or job.owner == owner.token:
            return True
        return not owner.alive(job.owner)

    def _fail(self, job: Job, verdict: Blocked, caller: Seat) -> bool:
        """Every server is connected and none can run it: claim it (so no other process or
        server takes it meanwhile) and fail it with the reasons. False if it was taken."""
        url = job.server if job.pinned and job.server else caller.url
        owner = self._owner
        claimed = self._store.claim_next(
            url,
            owner=owner.token if owner is not None else None,
            alive=owner.alive if owner is not None else None,
            can_run=lambda j: j.id == job.id,
        )
        if claimed is None or claimed.id != job.id:
            return False
        text = message(
            QT_TRANSLATE_NOOP("CoreMessages", "No server can run this job. {why}"), why=verdict.text
        )
        error = JobError(type="unrunnable", message=str(text), text=text)
        try:
            failed = self._store.fail(job.id, error)
        except IllegalTransition:
            return True  # cancelled meanwhile: its end is reported by whoever cancelled it
        journal.failed(failed, error)
        self._emit(JobStateChanged(failed))
        self._emit(JobFinished(failed, ()))
        return True
