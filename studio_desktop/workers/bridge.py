"""From scheduler events on worker threads to Qt signals on the GUI thread.

Worker threads only append to an `EventBuffer` (a lock and a list: no Qt, no reference to the
pool). A GUI-thread QTimer drains it every ~30 ms, thins out progress and previews (only the
newest per job within one drain survives), and emits the rest in order.

Job state changes come from several threads (the server loops, the operations thread, the
watcher of other processes' writes), so two of them about one job can arrive in either order.
Each carries the store's revision of that write: one not newer than what was last delivered for
its job is stale and dropped, so a view never steps back to an older state (a job shown running
after it completed, a count that never goes down).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from studio_desktop.core.engine import (
    EngineEvent,
    JobBlocked,
    JobFinished,
    JobPreview,
    JobProgress,
    JobRetrying,
    JobStarted,
    JobStateChanged,
    Notice,
    ServerChanged,
    ServerStatus,
)
from studio_desktop.core.jobs import Job, JobStatus
from studio_desktop.core.messages import UserMessage

log = logging.getLogger("studio.workers")

DRAIN_INTERVAL_MS = 30


# --- what the pool itself reports through the buffer, next to the scheduler's events ---


@dataclass(frozen=True)
class OperationFailed:
    message: UserMessage | str  # translatable when the refusal carried a UserMessage


@dataclass(frozen=True)
class BatchQueued:
    """One enqueue of the window's wrote these jobs (in order): a batch the user queued."""

    job_ids: tuple[str, ...]


@dataclass(frozen=True)
class ServerAdded:
    status: ServerStatus


@dataclass(frozen=True)
class ServerRemoved:
    url: str


BridgeEvent = EngineEvent | OperationFailed | BatchQueued | ServerAdded | ServerRemoved


class EventBuffer:
    """Thread-safe, ordered; `push` is the dispatcher's listener."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: list[BridgeEvent] = []
        self._closed = False

    def push(self, event: BridgeEvent) -> None:
        with self._lock:
            if not self._closed:
                self._items.append(event)

    def take(self) -> list[BridgeEvent]:
        with self._lock:
            items, self._items = self._items, []
        return items

    def close(self) -> None:
        """Drop everything from now on (the pool is shut down; nobody would drain it)."""
        with self._lock:
            self._closed = True
            self._items = []


def coalesce(events: Sequence[BridgeEvent]) -> list[BridgeEvent]:
    """Keep only the newest progress and the newest preview per job, where it stood; every
    other event keeps its place."""
    newest: dict[tuple[type, str], int] = {}
    for index, event in enumerate(events):
        if isinstance(event, JobProgress | JobPreview):
            newest[(type(event), event.job_id)] = index
    return [
        event
        for index, event in enumerate(events)
        if not isinstance(event, JobProgress | JobPreview)
        or newest[(type(event), event.job_id)] == index
    ]


class EventBridge(QObject):
    """Owns the buffer and the drain timer, and declares the signals the UI connects to.

    Every signal is emitted on the thread this object lives in (the GUI thread).
    """

    job_added = Signal(object)  # Job: the first state delivered for this job id
    # list[Job]: the same new jobs, once per run of them in a drain (after their job_added,
    # before any other event of the drain): a batch of a thousand is a few block inserts
    # for the queue panel and History instead of a thousand row inserts.
    jobs_added = Signal(object)
    job_changed = Signal(object)  # Job: a newer state of a job delivered before
    job_started = Signal(str, str)  # job id, server url: the server began executing it
    progress = Signal(object)  # JobProgress
    preview = Signal(object)  # JobPreview
    retrying = Signal(object)  # JobRetrying
    blocked = Signal(object)  # JobBlocked: no server can run a waiting job (or can again)
    outputs_ready = Signal(object)  # JobFinished of a completed job
    server_changed = Signal(object)  # ServerStatus
    server_removed = Signal(str)  # url
    queue_changed = Signal()  # once per drain in which any job changed state
    batch_queued = Signal(object)  # tuple[str, ...]: the job ids one `enqueue` wrote
    notice = Signal(object)  # a UserMessage, or plain text (ui.texts.show_text shows either)
    operation_failed = Signal(object)  # a UserMessage, or plain text (ui.texts.show_text)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.buffer = EventBuffer()
        # Job id -> revision last delivered. Kept for the pool's lifetime: forgetting a finished
        # job would let a late, older event for it show it again.
        self._delivered: dict[str, int] = {}
        self._statuses: dict[str, ServerStatus] = {}
        self._removed: set[str] = set()
        self._timer = QTimer(self)
        self._timer.setInterval(DRAIN_INTERVAL_MS)
        self._timer.timeout.connect(self.drain)

    def statuses(self) -> list[ServerStatus]:
        """The servers as the GUI last heard of them, in the order they were added."""
        return list(self._statuses.values())

    def _start_draining(self, statuses: Sequence[ServerStatus]) -> None:
        for status in statuses:
            self._statuses[status.url] = status
        self._timer.start()

    def _stop_draining(self) -> None:
        """Deliver what is buffered, then stop for good."""
        if self._timer.isActive():
            self.drain()
        self._timer.stop()
        self._timer.timeout.disconnect(self.drain)
        self.buffer.close()

    def drain(self) -> None:
        events = coalesce(self.buffer.take())
        queue_changed = False
        added: list[Job] = []
        for event in events:
            if isinstance(event, JobStateChanged) and event.job.id not in self._delivered:
                queue_changed |= self._deliver_state(event)  # a new job: always delivered
                added.append(event.job)
                continue
            if added:  # the run of new jobs ends here: listed before what follows
                self.jobs_added.emit(added)
                added = []
            if isinstance(event, JobStateChanged):
                queue_changed |= self._deliver_state(event)
            else:
                self._deliver(event)
        if added:
            self.jobs_added.emit(added)
        if queue_changed:
            self.queue_changed.emit()

    def _deliver_state(self, event: JobStateChanged) -> bool:
        """Emit a job's new state; False (and nothing emitted) when it is stale or a repeat."""
        job = event.job
        last = self._delivered.get(job.id)
        if last is not None and job.revision <= last:
            return False
        self._delivered[job.id] = job.revision
        (self.job_added if last is None else self.job_changed).emit(job)
        return True

    def _deliver(self, event: BridgeEvent) -> None:
        if isinstance(event, JobProgress):
            self.progress.emit(event)
        elif isinstance(event, JobPreview):
            self.preview.emit(event)
        elif isinstance(event, JobFinished):
            if event.job.status is JobStatus.COMPLETED:
                self.outputs_ready.emit(event)
        elif isinstance(event, JobStarted):
            self.job_started.emit(event.job_id, event.server)
        elif isinstance(event, JobRetrying):
            self.retrying.emit(event)
        elif isinstance(event, JobBlocked):
            self.blocked.emit(event)
        elif isinstance(event, ServerAdded):
            self._removed.discard(event.status.url)
            self._statuses[event.status.url] = event.status
            self.server_changed.emit(event.status)
        elif isinstance(event, ServerChanged):
            if event.status.url in self._removed:
                return  # the last words of a removed server's loop
            self._statuses[event.status.url] = event.status
            self.server_changed.emit(event.status)
        elif isinstance(event, ServerRemoved):
            self._removed.add(event.url)
            self._statuses.pop(event.url, None)
            self.server_removed.emit(event.url)
        elif isinstance(event, BatchQueued):
            self.batch_queued.emit(event.job_ids)
        elif isinstance(event, Notice):
            self.notice.emit(event.text or event.message)
        elif isinstance(event, OperationFailed):
            self.operation_failed.emit(event.message)
