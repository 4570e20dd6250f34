"""How long a batch waits for its servers: the give-up clock and its countdown line.

A ComfyUI restart takes a minute or so; a batch must outlast it rather than quit with every job
still queued. The clock runs from when the last server was last seen usable. Only a connected
loop (idle or busy) is usable: a loop that keeps retrying flips between CONNECTING and DOWN, and
neither may restart the clock, or a server that refuses us (401, a refused websocket upgrade)
would be waited for forever.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from studio_desktop.core.engine import ServerState, ServerStatus

USABLE = frozenset({ServerState.IDLE, ServerState.BUSY})
COUNTDOWN_EVERY_S = 30.0  # how often the waiting line is printed again


@dataclass(frozen=True)
class Waiting:
    """No server is usable; the batch gives up in `remaining_s` (<= 0: now)."""

    servers: tuple[ServerStatus, ...]
    remaining_s: float
    reasons: Mapping[str, str]  # url -> why it was last down (a retrying loop has none now)

    @property
    def expired(self) -> bool:
        return self.remaining_s <= 0

    def line(self) -> str:
        down = "; ".join(
            f"{s.url}: down{f' ({self.reasons[s.url]})' if self.reasons.get(s.url) else ''}"
            for s in self.servers
        )
        return (
            f"waiting for {down}, giving up in {clock(self.remaining_s)}; "
            "Ctrl-C keeps the jobs for `studio-desktop resume`"
        )


def clock(seconds: float) -> str:
    whole = max(0, int(seconds + 0.999))
    return f"{whole // 60}:{whole % 60:02d}"


class ServerWatch:
    """Decides, from the servers' statuses, whether the batch waits for them or gives up.

    Thread-safe: the engine's listener reports every status change (so a short connection
    between two looks still counts), the run loop looks at the current ones. `now` is passed
    in, so the rules are tested without waiting.
    """

    def __init__(self, wait_s: float, now: float) -> None:
        self._wait_s = wait_s
        self._last_usable = now  # the command saw the servers answer, or is only starting
        self._tried: set[str] = set()  # loops past their first connection attempt
        self._reasons: dict[str, str] = {}
        self._lock = threading.Lock()

    def observe(self, statuses: Iterable[ServerStatus], now: float) -> None:
        with self._lock:
            for status in statuses:
                if status.state in USABLE:
                    self._last_usable = now
                if status.state is ServerState.DOWN and status.message:
                    self._reasons[status.url] = _first_sentence(status.message)
                if status.state is not ServerState.CONNECTING:
                    self._tried.add(status.url)
                elif status.url not in self._tried:
                    # Its first attempt: a server that has not failed yet is not given up on.
                    self._last_usable = now

    def usable(self, statuses: Sequence[ServerStatus]) -> bool:
        """Some server is connected, or still on its first attempt (not failed yet)."""
        with self._lock:
            tried = set(self._tried)
        return any(
            s.state in USABLE or (s.state is ServerState.CONNECTING and s.url not in tried)
            for s in statuses
        )

    def waiting(self, statuses: Sequence[ServerStatus], now: float) -> Waiting | None:
        """None while some server is usable; else how long is left before giving up."""
        self.observe(statuses, now)
        if self.usable(statuses):
            return None
        with self._lock:
            remaining = self._wait_s - (now - self._last_usable)
            reasons = dict(self._reasons)
        return Waiting(tuple(statuses), remaining, reasons)


def _first_sentence(message: str) -> str:
    """The reason without the advice that follows it (the note line already gave that)."""
    return message.partition(". ")[0].rstrip(".")


class Countdown:
    """When to print the waiting line: as waiting starts, then every COUNTDOWN_EVERY_S."""

    def __init__(self) -> None:
        self._next_at: float | None = None

    def due(self, waiting: Waiting | None, now: float) -> bool:
        if waiting is None:
            self._next_at = None
            return False
        if self._next_at is None or now >= self._next_at:
            self._next_at = now + COUNTDOWN_EVERY_S
            return True
        return False

    @property
    def active(self) -> bool:
        return self._next_at is not None
