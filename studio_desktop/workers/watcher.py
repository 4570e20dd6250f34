"""Job writes made by other processes on the same data folder, as events for the bridge.

The CLI (or a second window) writes to the same database: its jobs must show in the queue panel
while they wait, and its state changes must reach the counts. A small thread asks the store about
once a second for the jobs written since the newest revision it has seen and pushes a
`JobStateChanged` for each. This process's own writes come back too; the bridge drops those as
repeats (same revision) or delivers them first if the watcher was quicker, which is harmless.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent import futures

from studio_desktop.core.engine import JobStateChanged
from studio_desktop.core.store import Store, StoreError

log = logging.getLogger("studio.workers")

WATCH_INTERVAL_S = 1.0
THREAD_NAME = "studio-job-watcher"
_BATCH = 500


class JobWatcher:
    """Polls `Store.job_changes_since` on its own thread until `stop()`."""

    def __init__(
        self,
        store: Store,
        push: Callable[[JobStateChanged], None],
        since: futures.Future[int],
        *,
        interval_s: float = WATCH_INTERVAL_S,
    ) -> None:
        """`since`: the revision to start after, read before the views loaded the store (so
        nothing written in between is missed; what is seen twice is dropped downstream)."""
        self._store = store
        self._push = push
        self._since = since
        self._interval = interval_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=THREAD_NAME, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout_s: float) -> bool:
        """Ask the thread to end; True if it did within the timeout (or never started)."""
        self._stop.set()
        if not self._thread.is_alive():
            return True
        self._thread.join(timeout_s)
        return not self._thread.is_alive()

    def _run(self) -> None:
        last = self._start_revision()
        if last is None:
            return
        while not self._stop.wait(self._interval):
            last = self._poll(last)

    def _start_revision(self) -> int | None:
        """The `since` revision, or None when stopped first or it could not be read."""
        while not self._stop.is_set():
            try:
                return self._since.result(timeout=self._interval)
            except futures.TimeoutError:
                continue  # the operations thread is busy; `stop()` may come meanwhile
            except Exception:
                log.exception("the job watcher could not read where to start; it is off")
                return None
        return None

    def _poll(self, last: int) -> int:
        """Push every job written after `last`; the newest revision pushed."""
        try:
            while not self._stop.is_set():
                changes = self._store.job_changes_since(last, _BATCH)
                for job in changes:
                    self._push(JobStateChanged(job))
                if changes:
                    last = changes[-1].revision
                if len(changes) < _BATCH:
                    break
        except StoreError as exc:
            # A locked or vanished database: the next poll tries again from the same place.
            log.warning("the job watcher could not read the store: %s", exc)
        except Exception:
            log.exception("the job watcher failed; it tries again")
        return last
