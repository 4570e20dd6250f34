"""What the window benchmarks share: a real event loop run until a condition holds, and a
heartbeat whose gaps are the GUI thread's stalls. Imports Qt only (not the engine or requests,
as bench/_common.py does), so the gallery's memory figures stay the window's own."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer


def pump_until(done: Callable[[], bool], limit_s: float, check_ms: int = 10) -> bool:
    """Run an event loop (a real one, as in the app) until done() or the time is up; done()."""
    loop = QEventLoop()
    check = QTimer()
    check.setInterval(check_ms)
    check.timeout.connect(lambda: loop.quit() if done() else None)
    QTimer.singleShot(int(limit_s * 1000), loop.quit)
    check.start()
    if not done():
        loop.exec()
    check.stop()
    return done()


class Heartbeat:
    """A timer ticking every `interval_ms` on the GUI thread; `gaps` holds the milliseconds
    between ticks, so a stall of the thread shows as one long gap."""

    def __init__(self, interval_ms: int) -> None:
        self.gaps: list[float] = []
        self._clock = QElapsedTimer()
        self._clock.start()
        self._last = self._clock.nsecsElapsed()
        self._timer = QTimer()
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._beat)

    def _beat(self) -> None:
        now = self._clock.nsecsElapsed()
        self.gaps.append((now - self._last) / 1e6)
        self._last = now

    def start(self) -> None:
        self._last = self._clock.nsecsElapsed()  # the first gap counts from here
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def longest_ms(self) -> float:
        return max(self.gaps, default=0.0)

    def count_over(self, limit_ms: float) -> int:
        return sum(1 for gap in self.gaps if gap > limit_ms)
