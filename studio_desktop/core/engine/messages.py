"""What goes into a server's state machine (inputs) and what comes out (commands).

The machine (machine.py) decides; the driver (driver.py) performs commands against the server
and the store and feeds their results back as inputs. Both are plain frozen dataclasses so a
test can write a whole race as a list of inputs and check the commands that come out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from studio_desktop.core.comfy import HistoryEntry
from studio_desktop.core.comfy import events as ev
from studio_desktop.core.engine.events import EngineEvent
from studio_desktop.core.jobs import Job, JobError
from studio_desktop.core.messages import UserMessage

# --- inputs ---


@dataclass(frozen=True)
class Connected:
    """The server answered and the event stream is open."""


@dataclass(frozen=True)
class Disconnected:
    """The server cannot be reached (any call, or the stream gave up reconnecting)."""

    reason: str
    text: UserMessage | None = None  # the reason as a translatable message, when it has one


@dataclass(frozen=True)
class Tick:
    """Time passed: retries may be due, a poll of the server, a refresh of its capabilities."""


@dataclass(frozen=True)
class RunningJobs:
    """Jobs the store says are running on this server (on connect): to find on the server."""

    jobs: tuple[Job, ...]


@dataclass(frozen=True)
class Claimed:
    job: Job | None  # None: nothing this server may run is waiting


@dataclass(frozen=True)
class Located:
    """Where an earlier take's prompt is on the server: finished (entry), queued, or unknown."""

    job_id: str
    entry: HistoryEntry | None
    queued: bool


@dataclass(frozen=True)
class Submitted:
    job: Job  # as recorded with its bound graph


@dataclass(frozen=True)
class Resumed:
    job: Job  # retrying -> running again


@dataclass(frozen=True)
class StepFailed:
    """A step of one job failed: submit, locate, fetch its history, collect its outputs."""

    job_id: str
    error: BaseException


@dataclass(frozen=True)
class HistoryFetched:
    job_id: str
    entry: HistoryEntry | None


@dataclass(frozen=True)
class Polled:
    """The safety-net poll: which prompts are still queued there, and the history of the rest.

    `running`/`pending` are the server's whole queue as read (everyone's prompts, pending in
    the order it runs them); None when the poll did not read it."""

    queued: frozenset[str]
    histories: Mapping[str, HistoryEntry | None]
    running: frozenset[str] | None = None
    pending: tuple[str, ...] = ()


@dataclass(frozen=True)
class Withdraw:
    """Another server is idle: take this job off here if the server has not started it."""

    job_id: str


@dataclass(frozen=True)
class Unqueued:
    """What became of a prompt we deleted from the server's queue: still there (it started
    first, or the delete was not taken), finished (its history entry), or gone."""

    job_id: str
    still_queued: bool
    entry: HistoryEntry | None


@dataclass(frozen=True)
class ServerEvent:
    event: ev.Event


@dataclass(frozen=True)
class Collected:
    job_id: str


@dataclass(frozen=True)
class Overruled:
    """A write for this job was refused: someone else (the user, another process) ended it."""

    job: Job


@dataclass(frozen=True)
class CancelRequested:
    """The job is already cancelled in the store; take it off this server."""

    job_id: str


@dataclass(frozen=True)
class CancelFailed:
    """The server did not take a cancel: try again later, it must not run for nothing."""

    prompt_ids: tuple[str, ...]


@dataclass(frozen=True)
class Release:
    """The server is being removed: give every job back to the queue."""


Input = (
    Connected
    | Disconnected
    | Tick
    | RunningJobs
    | Claimed
    | Located
    | Submitted
    | Resumed
    | StepFailed
    | HistoryFetched
    | Polled
    | Withdraw
    | Unqueued
    | ServerEvent
    | Collected
    | Overruled
    | CancelRequested
    | CancelFailed
    | Release
)

# --- commands ---


@dataclass(frozen=True)
class LoadRunning:
    """Read the jobs recorded as running on this server (answer: RunningJobs)."""


@dataclass(frozen=True)
class Claim:
    """Take the next waiting job this server may run (answer: Claimed); not one of `exclude`
    (jobs just moved off this server to an idle one)."""

    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class Locate:
    job_id: str


@dataclass(frozen=True)
class Submit:
    job: Job


@dataclass(frozen=True)
class FetchHistory:
    job_id: str


@dataclass(frozen=True)
class Poll:
    prompt_ids: tuple[str, ...]


@dataclass(frozen=True)
class Unqueue:
    """Delete the prompt from the server's queue (never interrupt it), then look where it is
    (answer: Unqueued)."""

    job_id: str


@dataclass(frozen=True)
class Forget:
    """Drop the job's earlier, failed run from the server's history before it runs again under
    the same prompt id (answer: none; a failure is only logged)."""

    job_id: str


@dataclass(frozen=True)
class Collect:
    job: Job
    entry: HistoryEntry


@dataclass(frozen=True)
class CancelOnServer:
    prompt_ids: tuple[str, ...]


@dataclass(frozen=True)
class RefreshCapabilities:
    pass


@dataclass(frozen=True)
class RefreshFreeVram:
    """Read the server's free VRAM again (only /system_stats): a job has just finished, so the
    figure the status bar shows has likely moved."""


@dataclass(frozen=True)
class CheckHeld:
    """Read the jobs again: another process (a window, the CLI) may have ended one of them.
    Answer: Overruled for each one that ended."""

    job_ids: tuple[str, ...]


@dataclass(frozen=True)
class Fail:
    job_id: str
    error: JobError


@dataclass(frozen=True)
class MarkRetrying:
    job_id: str
    error: JobError
    attempt: int
    delay_s: float


@dataclass(frozen=True)
class Resume:
    job_id: str


@dataclass(frozen=True)
class Requeue:
    job_id: str
    reason: JobError | None


@dataclass(frozen=True)
class MarkSampling:
    """The server began executing the job's prompt: record when (the end of its wait there)."""

    job_id: str


@dataclass(frozen=True)
class SaveProgress:
    job_id: str
    fraction: float
    text: str


@dataclass(frozen=True)
class Emit:
    event: EngineEvent


Command = (
    LoadRunning
    | Claim
    | Locate
    | Submit
    | FetchHistory
    | Poll
    | Unqueue
    | Forget
    | Collect
    | CancelOnServer
    | RefreshCapabilities
    | RefreshFreeVram
    | CheckHeld
    | Fail
    | MarkRetrying
    | Resume
    | Requeue
    | MarkSampling
    | SaveProgress
    | Emit
)
