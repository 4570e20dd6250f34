"""Python's cyclic garbage collector, run on the GUI thread only.

Left automatic, a collection runs on whichever thread allocates when the counts pass their
thresholds. When the garbage holds a Qt object (a closed dialog or a widget in a reference
cycle), its C++ destructor then runs on that worker thread: it takes the object's connection
lock and waits for the GIL to call back into Python, while the GUI thread holds the GIL and
waits for that same lock in its next `connect`. Both stop for good. Seen in the GUI tests: a
worker thread in `QObject::~QObject` under `dict_dealloc`, the GUI thread in
`QObjectPrivate::connectImpl` building a `QPlainTextEdit`, one full run in four.

So automatic collection is turned off and a timer on the GUI thread collects instead, each
generation when its count passes the threshold the collector itself would use (pyqtgraph's
`GarbageCollector` does the same). Plain reference counting is untouched: only cycles wait for
the next tick.
"""

from __future__ import annotations

import gc
from typing import Final

from PySide6.QtCore import QObject, QTimer

CHECK_MS: Final = 100  # cycles wait at most this long (longer while the GUI thread is busy)


class GuiThreadCollector(QObject):
    """Create on the GUI thread; `start()` hands collection to it, `stop()` gives it back."""

    def __init__(self, interval_ms: int = CHECK_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._was_enabled = gc.isenabled()

    def start(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._was_enabled:
            gc.enable()

    def check(self) -> int:
        """Collect the oldest generation whose count passed its threshold (as the automatic
        collector would); the generation collected, or -1 when none was due."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        due = [g for g in range(3) if thresholds[g] and counts[g] > thresholds[g]]
        if not due:
            return -1
        generation = max(due)
        gc.collect(generation)
        return generation
