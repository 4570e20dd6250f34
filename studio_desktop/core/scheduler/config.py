"""Timing settings shared by every server loop."""

from __future__ import annotations

from dataclasses import dataclass, field

from studio_desktop.core.runner import RunnerConfig


@dataclass(frozen=True)
class SchedulerConfig:
    runner: RunnerConfig = field(default_factory=RunnerConfig)
    idle_poll_s: float = 0.25  # how soon an idle loop notices new jobs without a wake()
    reconnect_backoff_s: tuple[float, float] = (0.5, 10.0)
    stream_reconnect_s: float = 10.0  # a websocket down this long means the server is down
