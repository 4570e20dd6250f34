"""Batch groups: the jobs one press of Queue (or one `generate`) made, as one thing.

A group is cancelled, retried, paused and pinned as a whole, and shows as one row with its
progress. A "forever" group queues its next job (a new seed) each time one completes, until it
is stopped.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from studio_desktop.core.jobs import JobStatus


class GroupKind(enum.Enum):
    BATCH = "batch"
    FOREVER = "forever"  # the next job (a new seed) is queued when one completes, until stopped
    SWEEP = "sweep"


def new_group_id() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True)
class NewGroup:
    """What it takes to make a group; its jobs are written in the same transaction."""

    label: str
    kind: GroupKind = GroupKind.BATCH
    server: str | None = None  # pin every job of the group to this server URL
    id: str = field(default_factory=new_group_id)
    # A sweep's axes (core/sweeps/axes.py `sweep_json`), kept so its grid can be made later.
    sweep: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class JobGroup:
    id: str
    label: str
    kind: GroupKind
    created_at: datetime
    server: str | None  # the server its jobs are pinned to, if any
    paused: bool  # its waiting jobs are not taken while set
    stopped: bool  # cancelled by the user: a forever group queues nothing more
    # A sweep's axes and, once made, its grid ({"axes": [...], "grid": {...}}); else None.
    sweep: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class GroupProgress:
    """A group's jobs (not deleted) per state, and the times an ETA is estimated from."""

    group: JobGroup
    counts: dict[JobStatus, int]
    # Seconds the completed jobs took from claim to end, summed, and how many had both times.
    done_seconds: float = 0.0
    timed: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        """Jobs that ended (completed, failed or cancelled)."""
        return sum(n for status, n in self.counts.items() if status.is_final)

    @property
    def active(self) -> int:
        return self.total - self.done

    def eta_s(self, servers: int = 1) -> float | None:
        """Seconds until the group's waiting and running jobs end, from the mean time of the
        ones that completed, shared among `servers`; None before one has completed."""
        if self.timed == 0 or self.active == 0:
            return None if self.active else 0.0
        mean = self.done_seconds / self.timed
        return mean * self.active / max(1, servers)


def sweep_outcome(progress: GroupProgress) -> list[int]:
    """What a sweep's grid shows, as stored with it: its completed, failed and cancelled
    jobs. A grid is made again when this changes (a failed cell retried and completed)."""
    counts = progress.counts
    return [
        counts.get(JobStatus.COMPLETED, 0),
        counts.get(JobStatus.FAILED, 0),
        counts.get(JobStatus.CANCELLED, 0),
    ]


@dataclass(frozen=True)
class QueuePause:
    """What is paused: the whole queue, and/or these servers (URLs). Stored, so it survives a
    restart and every process (the window, the CLI) sees the same."""

    all_servers: bool = False
    servers: frozenset[str] = frozenset()

    def blocks(self, server: str) -> bool:
        return self.all_servers or server in self.servers

    @property
    def any(self) -> bool:
        return self.all_servers or bool(self.servers)
