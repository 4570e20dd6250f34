"""The engine's timing and retry settings, in one place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EngineConfig:
    max_attempts: int = 3  # tries of one step (submit, download) before the job fails
    backoff_s: float = 1.0  # first retry delay; doubles up to backoff_max_s
    backoff_max_s: float = 30.0
    max_resubmits: int = 3  # a server that keeps forgetting a prompt gets it this often at most
    event_poll_s: float = 0.2  # longest a busy loop waits for a websocket event
    idle_poll_s: float = 0.25  # how soon an idle loop notices new jobs without a wake()
    history_poll_s: float = 2.0  # safety net for missed events (reconnects, adopted prompts)
    capabilities_refresh_s: float = 30.0  # free VRAM and model lists, while connected
    vram_refresh_s: float = 2.0  # free VRAM after jobs end, at most this often while busy
    held_check_s: float = 1.0  # how soon a cancel made by another process stops our prompt
    progress_write_s: float = 0.5  # at most this often a progress UPDATE hits the database
    preview_method: str = "auto"
    reconnect_backoff_s: tuple[float, float] = (0.5, 10.0)
    stream_reconnect_s: float = 10.0  # a websocket down this long means the server is down
    restart_backoff_s: tuple[float, float] = (1.0, 30.0)  # a loop that crashed restarts after
    # A prompt the server lists as running while it says nothing about it (no progress, no
    # node starting, no end) for this long is stuck: stopped there and failed. Long enough for
    # the slowest single node we know without progress events (a video VAE decode, a model
    # load from a network disk); ComfyUI reports every node start and every sampler step.
    stall_s: float = 1200.0
    # How often (at most) waiting jobs are checked against what every server offers, so a job
    # no server can run says so instead of waiting silently.
    blocked_check_s: float = 1.0
    # A prompt moved off a busy server to an idle one is not taken back by the busy server
    # for this long (the idle one claims it first; if it cannot, anyone may again).
    moved_hold_s: float = 30.0

    def backoff(self, attempt: int) -> float:
        """Delay before retry number `attempt` (1-based)."""
        return min(self.backoff_s * 2.0 ** (attempt - 1), self.backoff_max_s)
