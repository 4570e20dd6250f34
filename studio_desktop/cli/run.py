"""Running the engine until a batch is done."""

from __future__ import annotations

import argparse
import sys
import threading
import time
from collections.abc import Callable, Sequence

from studio_desktop.cli.common import down_message
from studio_desktop.cli.output import Reporter
from studio_desktop.core.context import AppContext
from studio_desktop.core.engine import (
    Dispatcher,
    EngineEvent,
    JobBlocked,
    JobStateChanged,
    ServerChanged,
    ServerState,
)
from studio_desktop.core.jobs import Job, JobStatus, NewJob
from studio_desktop.core.owners import ProcessOwner
from studio_desktop.core.servers import ServerConfig

ALL_DOWN_GRACE_S = 15.0  # resume gives up when every server stays unreachable this long


def run_until_done(
    ctx: AppContext,
    servers: Sequence[ServerConfig],
    reporter: Reporter,
    args: argparse.Namespace,
    *,
    owner: ProcessOwner,
    accept: Callable[[Job], bool],
    adopt_orphans: bool = False,
    new: Sequence[NewJob] = (),
) -> bool:
    """Run the dispatcher until no job it may run is left; False if every server stayed down.

    Jobs belong to `owner` (this process) while it runs: a window open on the same data folder
    leaves them alone, and this process leaves the window's alone."""
    changed = threading.Event()
    # Job id -> (why no server can run it, when told): JobBlocked, until it runs or can.
    blocked: dict[str, tuple[str, float]] = {}
    servers_changed_at = [time.monotonic()]

    def listener(event: EngineEvent) -> None:
        reporter.event(event)
        if isinstance(event, JobBlocked):
            if event.reasons:
                blocked[event.job_id] = (event.message, time.monotonic())
            else:
                blocked.pop(event.job_id, None)
        elif isinstance(event, JobStateChanged) and event.job.status is not JobStatus.PENDING:
            blocked.pop(event.job.id, None)
        elif isinstance(event, ServerChanged):
            servers_changed_at[0] = time.monotonic()
        changed.set()

    dispatcher = Dispatcher(
        ctx.store,
        ctx.library,
        ctx.templates,
        servers,
        listener=listener,
        accept=accept,
        owner=owner,
        adopt_orphans=adopt_orphans,
    )
    dispatcher.start()
    try:
        if new:
            reporter.queued(dispatcher.enqueue(new))
        down_since: float | None = None
        while True:
            active = [
                job
                for job in ctx.store.jobs_with_status(
                    JobStatus.PENDING, JobStatus.RUNNING, JobStatus.RETRYING
                )
                if accept(job)
            ]
            if not active:
                return True
            states = [status.state for status in dispatcher.statuses()]
            if all(state is ServerState.DOWN for state in states):
                down_since = down_since or time.monotonic()
                if time.monotonic() - down_since > ALL_DOWN_GRACE_S:
                    print(f"error: {down_message(servers)}", file=sys.stderr)
                    return False
            else:
                down_since = None
            # Every job left waits for a server that lacks what it needs (and none is still
            # connecting, which might): say why and stop waiting, never wait silently.
            # A reason told before a server's last change may be out of date: wait for the
            # engine's next word, or for the servers to stay as they are for the grace time.
            told = [blocked.get(job.id) for job in active]
            settled = time.monotonic() - servers_changed_at[0] > ALL_DOWN_GRACE_S
            if (
                all(told)
                and ServerState.CONNECTING not in states
                and (settled or all(at > servers_changed_at[0] for _, at in filter(None, told)))
            ):
                message = next(why for why, _ in filter(None, told))
                print(f"error: no server can run the job: {message}", file=sys.stderr)
                return False
            changed.wait(0.5)
            changed.clear()
    finally:
        dispatcher.shutdown()
