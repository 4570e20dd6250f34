"""What the engine reports: job events, server status, notices. Plain frozen dataclasses.

The CLI prints them; the Qt worker pool turns them into signals. Job state changes carry the
job as the store committed it (with its revision), so listeners can order them.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from studio_desktop.core.jobs import ImageRecord, Job
from studio_desktop.core.messages import QT_TRANSLATE_NOOP, UserMessage, joined, message
from studio_desktop.core.servers import ServerCapabilities


class ServerState(enum.StrEnum):
    CONNECTING = "connecting"
    IDLE = "connected"
    BUSY = "busy"
    DOWN = "down"
    STOPPED = "stopped"


@dataclass(frozen=True)
class ServerStatus:
    url: str
    name: str
    state: ServerState
    gpu_name: str | None = None
    vram_total: int | None = None
    vram_free: int | None = None
    in_flight: int = 0
    message: str = ""  # why it is down, in English (logs, the command line)
    text: UserMessage | None = None  # the same, translatable, when the core has it as one
    capabilities: ServerCapabilities | None = None  # while connected


# --- job events ---


@dataclass(frozen=True)
class JobStarted:
    job_id: str
    server: str


@dataclass(frozen=True)
class JobProgress:
    job_id: str
    value: int
    max: int
    node: str | None
    node_type: str | None
    eta_s: float | None

    @property
    def fraction(self) -> float:
        return self.value / self.max if self.max else 0.0


@dataclass(frozen=True)
class JobPreview:
    job_id: str
    image: bytes
    format: str


@dataclass(frozen=True)
class JobRetrying:
    job_id: str
    attempt: int
    delay_s: float
    reason: str  # English: the log and the command line
    text: UserMessage | None = None  # the reason, translatable, when the error has one


Reasons = tuple[tuple[str, UserMessage], ...]
"""(server name, why it cannot run a job), the why in words the window translates."""


def reasons_text(reasons: Reasons) -> UserMessage:
    """ "A: why; B: why" as one translatable message."""
    parts = [
        message(QT_TRANSLATE_NOOP("CoreMessages", "{server}: {reason}"), server=s, reason=why)
        for s, why in reasons
    ]
    return joined(parts)


@dataclass(frozen=True)
class JobBlocked:
    """A waiting job that no connected server can run, and why, per server.

    `reasons` holds (server name, why): what the server lacks (node classes, the model, with
    where to get them) or that it is not connected (yet). Emitted as soon as the job is found
    blocked and again whenever the reasons change; with no reasons once a server can run it
    again. The job keeps waiting while a server that is not connected may still take it; once
    every server it may run on is connected and none can, it fails with the same reasons
    (a `JobFinished` follows), so nobody waits for it silently.
    """

    job_id: str
    reasons: Reasons

    @property
    def message(self) -> str:
        return str(self.text)

    @property
    def text(self) -> UserMessage:
        """The reasons as one message the window translates."""
        return reasons_text(self.reasons)


@dataclass(frozen=True)
class JobFinished:
    """A job reached a final state (completed, failed or cancelled) on a server."""

    job: Job
    images: tuple[ImageRecord, ...]


@dataclass(frozen=True)
class JobStateChanged:
    job: Job


@dataclass(frozen=True)
class ServerChanged:
    status: ServerStatus


@dataclass(frozen=True)
class Notice:
    """Something the user should read (a cancel the server refused, a server that went away).
    `message` in English, `text` the same as a translatable message when it has one."""

    message: str
    text: UserMessage | None = None


JobEvent = JobStarted | JobProgress | JobPreview | JobRetrying | JobBlocked | JobFinished
EngineEvent = JobEvent | JobStateChanged | ServerChanged | Notice
Listener = Callable[[EngineEvent], None]
