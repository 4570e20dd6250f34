"""Running the engine until a batch is done, the servers are given up on, or Ctrl-C."""

from __future__ import annotations

import argparse
import enum
import signal
import sys
import threading
import time
from collections.abc import Callable, Collection, Sequence
from types import FrameType, TracebackType

from studio_desktop.cli.arguments import DEFAULT_WAIT_S
from studio_desktop.cli.common import EXIT_JOBS_FAILED
from studio_desktop.cli.output import Reporter
from studio_desktop.cli.unfinished import Unfinished, unfinished_jobs
from studio_desktop.cli.waiting import Countdown, ServerWatch
from studio_desktop.core.comfy import ComfyError
from studio_desktop.core.comfy.client import normalize_base_url
from studio_desktop.core.context import AppContext
from studio_desktop.core.engine import (
    Dispatcher,
    EngineConfig,
    EngineEvent,
    JobBlocked,
    JobPreview,
    JobProgress,
    JobStarted,
    JobStateChanged,
    QueueError,
    ServerChanged,
    ServerState,
    http_server,
)
from studio_desktop.core.groups import NewGroup
from studio_desktop.core.jobs import Job, JobStatus, NewJob
from studio_desktop.core.owners import ProcessOwner
from studio_desktop.core.servers import ServerConfig

EXIT_GAVE_UP = 3  # every server stayed unusable for --wait seconds; the jobs stay queued
EXIT_INTERRUPTED = 130  # Ctrl-C: the batch was cancelled, or left queued for `resume`
_LOOK_EVERY_S = 0.5  # how often the loop looks at the store without an engine event
_LEAVE_TIMEOUT_S = 1.0  # a second Ctrl-C does not wait for a loop stuck in a server call
# A "no server can run it" told before the servers' last change may be out of date: believed
# once the engine says it again after the change, or the servers stayed as they are this long.
_BLOCKED_SETTLE_S = 15.0


# Events after which the loop has nothing new to decide (no job changed state, no server did):
# waking on them re-read every unfinished job several times per job, so the CLI's CPU per job
# grew with the size of the batch. Progress still reaches the reporter.
_NOTHING_TO_DECIDE = (JobStarted, JobProgress, JobPreview)


class Outcome(enum.Enum):
    DONE = "done"  # no job of the batch is left to run
    GAVE_UP = "gave up"  # no server came back within --wait
    CANCELLED = "cancelled"  # Ctrl-C cancelled what was left of the batch
    BLOCKED = "blocked"  # every job left needs what no server has (said on stderr)


class CtrlC:
    """SIGINT while a batch runs: the first cancels the batch (when a server is there to take
    its prompts off), any other leaves at once as a plain KeyboardInterrupt does, keeping the
    unfinished jobs for `resume`. Installed only in the main thread (where signals arrive)."""

    def __init__(self, wake: Callable[[], None]) -> None:
        self._wake = wake
        self.pressed = False
        self.may_cancel = True  # False while no server is usable: nothing could take the cancel
        self._previous: object = None
        self._installed = False

    def _on_sigint(self, signum: int, frame: FrameType | None) -> None:
        if self.pressed or not self.may_cancel:
            raise KeyboardInterrupt
        self.pressed = True
        self._wake()

    def __enter__(self) -> CtrlC:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._on_sigint)
            self._installed = True
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._installed:
            signal.signal(signal.SIGINT, self._previous)  # type: ignore[arg-type]


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
    retry: Sequence[str] = (),
    group: NewGroup | None = None,
    retry_groups: Sequence[str] = (),
) -> Outcome:
    """Run the dispatcher until no job it may run is left, no server came back within
    `args.wait` seconds, or the user pressed Ctrl-C. `new` jobs are queued, failed or cancelled
    ones in `retry` queued again (the window's retry), once the loops run.

    Jobs belong to `owner` (this process) while it runs: a window open on the same data folder
    leaves them alone, and this process leaves the window's alone."""
    changed = threading.Event()
    watch = ServerWatch(float(getattr(args, "wait", DEFAULT_WAIT_S)), time.monotonic())

    blocked = _Blocked()
    unfinished = Unfinished(ctx, accept)

    def listener(event: EngineEvent) -> None:
        reporter.event(event)
        blocked.observe(event)
        unfinished.observe(event)
        if isinstance(event, ServerChanged):
            watch.observe([event.status], time.monotonic())
        if not isinstance(event, _NOTHING_TO_DECIDE):
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
    with CtrlC(changed.set) as ctrl_c:
        dispatcher.start()
        try:
            if new:
                reporter.queued(dispatcher.enqueue(new, group=group))
            if retry:
                reporter.queued(_queue_again(dispatcher, retry, reporter))
            for group_id in retry_groups:
                reporter.queued(dispatcher.retry_group(group_id))
            countdown = Countdown()
            while True:
                now = time.monotonic()
                left = unfinished.ids(now)
                if not left:
                    _let_go(dispatcher)
                    return Outcome.DONE
                states = [status.state for status in dispatcher.statuses()]
                why = blocked.all_blocked(left, states, now)
                if why is not None:
                    # Never wait silently for a server that lacks what the jobs need.
                    print(f"error: no server can run the job: {why}", file=sys.stderr)
                    _let_go(dispatcher)
                    return Outcome.BLOCKED
                waiting = watch.waiting(dispatcher.statuses(), now)
                ctrl_c.may_cancel = waiting is None
                if ctrl_c.pressed:
                    _cancel_batch(ctx, dispatcher, servers, accept, reporter)
                    return Outcome.CANCELLED
                was_waiting = countdown.active
                if countdown.due(waiting, now) and waiting is not None:
                    reporter.waiting(waiting)
                elif waiting is None and was_waiting:
                    reporter.servers_back()
                if waiting is not None and waiting.expired:
                    return Outcome.GAVE_UP
                changed.wait(_LOOK_EVERY_S)
                changed.clear()
        except KeyboardInterrupt:
            dispatcher.shutdown(_LEAVE_TIMEOUT_S)
            raise
        finally:
            dispatcher.shutdown()


class _Blocked:
    """What the engine said about jobs no server can run (JobBlocked), until they run or can."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # events arrive on the server threads
        self._why: dict[str, tuple[str, float]] = {}  # job id -> (reason, when told)
        self._servers_changed_at = time.monotonic()

    def observe(self, event: EngineEvent) -> None:
        now = time.monotonic()
        with self._lock:
            if isinstance(event, JobBlocked):
                if event.reasons:
                    self._why[event.job_id] = (event.message, now)
                else:
                    self._why.pop(event.job_id, None)
            elif isinstance(event, JobStateChanged) and event.job.status is not JobStatus.PENDING:
                self._why.pop(event.job.id, None)
            elif isinstance(event, ServerChanged):
                self._servers_changed_at = now

    def all_blocked(
        self, unfinished: Collection[str], states: Sequence[ServerState], now: float
    ) -> str | None:
        """The reason to stop waiting, when every unfinished job is blocked, no server is still
        connecting (it might have what they need), and the reasons are not out of date."""
        if ServerState.CONNECTING in states:
            return None
        with self._lock:
            told = [self._why.get(job_id) for job_id in unfinished]
            changed_at = self._servers_changed_at
        known = [entry for entry in told if entry is not None]
        if len(known) < len(told):
            return None
        settled = now - changed_at > _BLOCKED_SETTLE_S
        if not settled and not all(at > changed_at for _, at in known):
            return None
        return known[0][0]


def take_off_server(server: ServerConfig, prompt_ids: Sequence[str]) -> None:
    """Delete these prompts from the server's queue and interrupt the one running, as the engine
    does for its own cancels. Raises ComfyError if the server does not answer."""
    comfy = http_server(server, EngineConfig())
    try:
        comfy.cancel(prompt_ids)
    finally:
        comfy.close()


def _let_go(dispatcher: Dispatcher) -> None:
    """Stop each loop giving back what it holds. The batch is over, but a job of it that was
    cancelled elsewhere (`studio-desktop cancel`, the window) may still be held by a loop that
    has not noticed yet: stopping this way takes its prompt off the server first."""
    for status in dispatcher.statuses():
        dispatcher.remove_server(status.url)


def _queue_again(dispatcher: Dispatcher, job_ids: Sequence[str], reporter: Reporter) -> list[Job]:
    queued: list[Job] = []
    for job_id in job_ids:
        try:
            queued.append(dispatcher.retry(job_id))
        except QueueError as exc:  # someone queued it again (or removed it) meanwhile
            reporter.note(f"{job_id[:8]}: {exc}")
    return queued


def _cancel_batch(
    ctx: AppContext,
    dispatcher: Dispatcher,
    servers: Sequence[ServerConfig],
    accept: Callable[[Job], bool],
    reporter: Reporter,
) -> None:
    """Cancel what is left of the batch: its prompts off the servers, then its jobs.

    The loops stop first, so nothing is claimed or submitted meanwhile. Each server's prompts go
    before its jobs are marked cancelled, so a second Ctrl-C while a server is slow to answer
    leaves the jobs not yet cancelled as they were, for `resume` (which finds their prompts)."""
    reporter.cancelling(len(unfinished_jobs(ctx, accept)))
    dispatcher.shutdown()
    left = unfinished_jobs(ctx, accept)
    configs = {normalize_base_url(s.url): s for s in servers}
    by_server: dict[str, list[str]] = {}
    for job in left:
        if job.server is not None and job.status is not JobStatus.PENDING:
            by_server.setdefault(job.server, []).append(job.id)
    for url, job_ids in by_server.items():
        try:
            take_off_server(configs.get(url, ServerConfig(url)), job_ids)
        except ComfyError as exc:
            reporter.note(f"{url} did not take the cancel ({exc}); its prompts may still run")
        _cancel_jobs(dispatcher, job_ids)
    _cancel_jobs(dispatcher, [job.id for job in left if job.status is JobStatus.PENDING])


def _cancel_jobs(dispatcher: Dispatcher, job_ids: Sequence[str]) -> None:
    for job_id in job_ids:
        try:
            dispatcher.cancel(job_id)  # the store, and the event the reporter prints
        except QueueError:
            continue  # it ended meanwhile (its outputs were being saved)


def finish(ctx: AppContext, reporter: Reporter, outcome: Outcome, job_ids: Sequence[str]) -> int:
    """The summary line and the exit code of a batch (see README: exit codes)."""
    jobs = [ctx.store.get_job(job_id) for job_id in job_ids]
    code = reporter.summary(jobs)
    if outcome is Outcome.GAVE_UP:
        left = sum(job is not None and job.status.is_active for job in jobs)
        print(
            f"error: gave up waiting for the servers; {left} unfinished "
            f"job{'s' if left != 1 else ''} stay queued: run `studio-desktop resume` "
            "to finish them",
            file=sys.stderr,
        )
        return EXIT_GAVE_UP
    if outcome is Outcome.CANCELLED:
        return EXIT_INTERRUPTED
    if outcome is Outcome.BLOCKED:
        return EXIT_JOBS_FAILED
    return code
