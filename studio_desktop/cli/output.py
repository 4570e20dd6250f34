"""Printing: the lines (or JSON lines) a command writes as jobs run."""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from typing import Any, TextIO

from studio_desktop.cli.common import EXIT_JOBS_FAILED, EXIT_OK
from studio_desktop.core.context import AppContext
from studio_desktop.core.engine import (
    EngineEvent,
    JobBlocked,
    JobFinished,
    JobProgress,
    JobRetrying,
    JobStarted,
    Notice,
)
from studio_desktop.core.jobs import Job, JobStatus


def job_json(ctx: AppContext, job: Job | None) -> dict[str, Any]:
    if job is None:
        return {}
    return {
        "id": job.id,
        "status": job.status.value,
        "prompt": job.params.prompt,
        "template": job.template,
        "server": job.server,
        "seed": job.params.seed,
        "attempt": job.attempt,
        "created_at": job.created_at.isoformat(),
        "duration_s": job.duration_s,
        "error": job.error.to_dict() if job.error else None,
        "images": [str(ctx.paths.resolve(i.path)) for i in ctx.store.images_for_job(job.id)],
    }


_print_lock = threading.Lock()  # events arrive from several server threads


def say(out: TextIO, json_mode: bool, payload: dict[str, Any], text: str) -> None:
    with _print_lock:
        out.write((json.dumps(payload, ensure_ascii=False) if json_mode else text) + "\n")
        out.flush()


class Reporter:
    """Prints runner events as lines (or JSON lines) as they happen."""

    def __init__(self, ctx: AppContext, out: TextIO, *, json_mode: bool, total: int) -> None:
        self._ctx = ctx
        self._out = out
        self._json = json_mode
        self._total = total
        self._done = 0
        self._last_step: dict[str, int] = {}

    def queued(self, jobs: Sequence[Job]) -> None:
        say(
            self._out,
            self._json,
            {"event": "queued", "jobs": [job.id for job in jobs]},
            f"queued {len(jobs)} job{'s' if len(jobs) != 1 else ''}",
        )

    def event(self, event: EngineEvent) -> None:
        if isinstance(event, Notice):
            say(
                self._out,
                self._json,
                {"event": "notice", "message": event.message},
                f"  note: {event.message}",
            )
        elif isinstance(event, JobStarted):
            say(
                self._out,
                self._json,
                {"event": "started", "job": event.job_id, "server": event.server},
                f"[{self._done + 1}/{self._total}] {event.job_id[:8]} running on {event.server}",
            )
        elif isinstance(event, JobProgress):
            if self._last_step.get(event.job_id) == event.value:
                return
            self._last_step[event.job_id] = event.value
            eta = f", about {event.eta_s:.0f}s left" if event.eta_s is not None else ""
            say(
                self._out,
                self._json,
                {
                    "event": "progress",
                    "job": event.job_id,
                    "value": event.value,
                    "max": event.max,
                    "node": event.node_type,
                    "eta_s": event.eta_s,
                },
                f"  {event.job_id[:8]} {event.node_type or 'step'} {event.value}/{event.max}{eta}",
            )
        elif isinstance(event, JobRetrying):
            say(
                self._out,
                self._json,
                {
                    "event": "retrying",
                    "job": event.job_id,
                    "in_s": event.delay_s,
                    "reason": event.reason,
                },
                f"  {event.job_id[:8]} retrying in {event.delay_s:.0f}s: {event.reason}",
            )
        elif isinstance(event, JobBlocked) and event.reasons:
            say(
                self._out,
                self._json,
                {"event": "blocked", "job": event.job_id, "reasons": dict(event.reasons)},
                f"  {event.job_id[:8]} no server can run it now: {event.message}",
            )
        elif isinstance(event, JobFinished):
            self._done += 1
            job = event.job
            if job.status is JobStatus.COMPLETED:
                paths = [str(self._ctx.paths.resolve(i.path)) for i in event.images]
                text = "\n".join(f"  saved {p}" for p in paths) or "  completed (no files)"
            else:
                message = job.error.message if job.error else ""
                text = f"  {job.id[:8]} {job.status.value}: {message}".rstrip(": ")
            say(self._out, self._json, {"event": "finished", **job_json(self._ctx, job)}, text)

    def summary(self, jobs: Sequence[Job | None]) -> int:
        final = [job for job in jobs if job is not None]
        completed = sum(job.status is JobStatus.COMPLETED for job in final)
        say(
            self._out,
            self._json,
            {"event": "summary", "completed": completed, "total": len(final)},
            f"{completed} of {len(final)} job{'s' if len(final) != 1 else ''} completed",
        )
        return EXIT_OK if completed == len(final) else EXIT_JOBS_FAILED
