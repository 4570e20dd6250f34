"""What the scheduler reports: server status, and the events a listener receives beyond the
runner's own."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from studio_desktop.core.jobs import Job
from studio_desktop.core.runner import RunnerEvent


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
    message: str = ""


# --- events beyond the runner's ---


@dataclass(frozen=True)
class JobStateChanged:
    job: Job


@dataclass(frozen=True)
class ServerChanged:
    status: ServerStatus


@dataclass(frozen=True)
class Notice:
    """Something the user should read (a cancel the server refused, a server that went away)."""

    message: str


SchedulerEvent = RunnerEvent | JobStateChanged | ServerChanged | Notice
SchedulerListener = Callable[[SchedulerEvent], None]
