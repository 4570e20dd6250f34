"""Which jobs of the CLI's batch are not finished yet, kept from the engine's events.

The run loop asks after every event that may end the batch. Reading every unfinished job from
the store each time cost the CLI CPU per job that grew with the size of the batch (a 300-job
batch read ~190k rows); the events say the same at the cost of a set operation. The store is
still read at the start, on a slow period (a job another process changed without an event
here), and once more before the batch is declared done.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from studio_desktop.core.context import AppContext
from studio_desktop.core.engine import EngineEvent, JobStateChanged
from studio_desktop.core.jobs import Job, JobStatus

REREAD_EVERY_S = 2.0  # the safety net for changes no event here reports

_ACTIVE = (JobStatus.PENDING, JobStatus.RUNNING, JobStatus.RETRYING)


class Unfinished:
    """The ids of the accepted jobs that are waiting or running."""

    def __init__(self, ctx: AppContext, accept: Callable[[Job], bool]) -> None:
        self._ctx = ctx
        self._accept = accept
        self._lock = threading.Lock()  # events arrive on the server threads
        self._ids: set[str] = set()
        # Job id -> when an event said it ended: a read that started before that still lists
        # it as active, and must not bring it back.
        self._ended: dict[str, float] = {}
        self._read_at = float("-inf")

    def observe(self, event: EngineEvent) -> None:
        if not isinstance(event, JobStateChanged):
            return
        job = event.job
        with self._lock:
            if job.status.is_final:
                self._ended[job.id] = time.monotonic()
                self._ids.discard(job.id)
            elif self._accept(job):
                self._ended.pop(job.id, None)
                self._ids.add(job.id)

    def read(self, now: float) -> None:
        """Take the store's word (merged with the ends told meanwhile)."""
        started = time.monotonic()
        read = {job.id for job in unfinished_jobs(self._ctx, self._accept)}
        with self._lock:
            self._ended = {i: at for i, at in self._ended.items() if at >= started}
            self._ids = read - self._ended.keys()
        self._read_at = now

    def ids(self, now: float) -> frozenset[str]:
        """What is left: from the events, re-read from the store every REREAD_EVERY_S and
        before saying nothing is left."""
        fresh = now - self._read_at >= REREAD_EVERY_S
        if fresh:
            self.read(now)
        with self._lock:
            left = frozenset(self._ids)
        if not left and not fresh:
            self.read(now)
            with self._lock:
                left = frozenset(self._ids)
        return left


def unfinished_jobs(ctx: AppContext, accept: Callable[[Job], bool]) -> list[Job]:
    """The accepted jobs that are waiting or running, as the store has them now."""
    return [job for job in ctx.store.jobs_with_status(*_ACTIVE) if accept(job)]
