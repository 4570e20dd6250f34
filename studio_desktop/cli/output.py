"""Printing: the lines (or JSON lines) a command writes as jobs run."""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from typing import Any, TextIO

from studio_desktop.cli.common import EXIT_JOBS_FAILED, EXIT_OK
from studio_desktop.cli.job_json import job_json
from studio_desktop.cli.waiting import Waiting
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

_LISTED = 5  # jobs the summary names that did not complete (the rest are counted)
_print_lock = threading.Lock()  # events arrive from several server threads


def say(out: TextIO, json_mode: bool, payload: dict[str, Any], text: str) -> None:
    with _print_lock:
        out.write((json.dumps(payload, ensure_ascii=False) if json_mode else text) + "\n")
        out.flush()


class Reporter:
    """Prints runner events as lines (or JSON lines) as they happen."""

    def __init__(
        self,
        ctx: AppContext,
        out: TextIO,
        *,
        json_mode: bool,
        total: int | None = None,
        order: Sequence[str] = (),
    ) -> None:
        """`order`: the batch's job ids; each job is numbered by its place there ("[2/4]"), so
        jobs that run side by side keep their own numbers. Without it, `queued` sets it."""
        self._ctx = ctx
        self._out = out
        self._json = json_mode
        self._total = total if total is not None else len(order)
        self._index = {job_id: i for i, job_id in enumerate(order, 1)}
        self._last_step: dict[str, int] = {}

    def _number(self, job_id: str) -> str:
        index = self._index.get(job_id)
        return f"[{index}/{self._total}] " if index is not None else ""

    def queued(self, jobs: Sequence[Job]) -> None:
        if not self._index:
            self._index = {job.id: i for i, job in enumerate(jobs, 1)}
            self._total = self._total or len(jobs)
        payload: dict[str, Any] = {"event": "queued", "jobs": [job.id for job in jobs]}
        groups = {job.group_id for job in jobs}
        if len(groups) == 1 and None not in groups:
            payload["group"] = groups.pop()  # `cancel`, `retry`, `export --group` take it
        say(
            self._out,
            self._json,
            payload,
            f"queued {len(jobs)} job{'s' if len(jobs) != 1 else ''}",
        )

    def note(self, message: str) -> None:
        say(self._out, self._json, {"event": "notice", "message": message}, f"  note: {message}")

    def waiting(self, waiting: Waiting) -> None:
        say(
            self._out,
            self._json,
            {
                "event": "waiting",
                "servers": [{"url": s.url, "state": s.state.value} for s in waiting.servers],
                "give_up_in_s": round(max(0.0, waiting.remaining_s)),
            },
            waiting.line(),
        )

    def servers_back(self) -> None:
        say(self._out, self._json, {"event": "servers_back"}, "a server is back; going on")

    def cancelling(self, count: int) -> None:
        say(
            self._out,
            self._json,
            {"event": "cancelling", "jobs": count},
            f"cancelling {count} job{'s' if count != 1 else ''}… press Ctrl-C again to leave "
            "them queued for `studio-desktop resume`",
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
                {
                    "event": "started",
                    "job": event.job_id,
                    "index": self._index.get(event.job_id),
                    "server": event.server,
                },
                f"{self._number(event.job_id)}{event.job_id[:8]} running on {event.server}",
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
                {
                    "event": "blocked",
                    "job": event.job_id,
                    "reasons": {s: str(why) for s, why in event.reasons},
                },
                f"  {event.job_id[:8]} no server can run it now: {event.message}",
            )
        elif isinstance(event, JobFinished):
            job = event.job
            if job.status is JobStatus.COMPLETED:
                paths = [str(self._ctx.paths.resolve(i.path)) for i in event.images]
                text = "\n".join(f"  saved {p}" for p in paths) or "  completed (no files)"
            else:
                message = job.error.message if job.error else ""
                text = f"  {self._number(job.id)}{job.id[:8]} {job.status.value}: {message}"
                text = text.rstrip(": ")
            say(self._out, self._json, {"event": "finished", **job_json(self._ctx, job)}, text)

    def summary(self, jobs: Sequence[Job | None]) -> int:
        """The last line: how many completed, and each one that did not, by its number."""
        final = [job for job in jobs if job is not None]
        completed = sum(job.status is JobStatus.COMPLETED for job in final)
        others = [job for job in final if job.status is not JobStatus.COMPLETED]
        rest = "; ".join(
            f"{self._number(j.id)}{j.id[:8]} {j.status.value}" for j in others[:_LISTED]
        ) + (f"; {len(others) - _LISTED} more" if len(others) > _LISTED else "")
        say(
            self._out,
            self._json,
            {"event": "summary", "completed": completed, "total": len(final)},
            f"{completed} of {len(final)} job{'s' if len(final) != 1 else ''} completed"
            + (f" ({rest})" if rest else ""),
        )
        return EXIT_OK if completed == len(final) else EXIT_JOBS_FAILED
