"""The window's handle on the job queue: the core Dispatcher, run in QThreads, spoken to in
signals.

The GUI thread never touches the database or the network: queue operations run one at a time on
a single operations thread ("one thread for DB writes") and return a Future; their results reach
the UI through the same signals as everything the servers do, and a refused operation (a
`QueueError`) through `operation_failed`.
"""

from __future__ import annotations

import enum
import logging
import time
from collections.abc import Callable, Sequence
from concurrent import futures
from typing import TypeVar

from PySide6.QtCore import QObject

from studio_desktop.core.comfy.client import normalize_base_url
from studio_desktop.core.context import AppContext
from studio_desktop.core.engine import (
    Dispatcher,
    EngineConfig,
    QueueError,
    ServerState,
    ServerStatus,
)
from studio_desktop.core.groups import JobGroup, NewGroup, QueuePause
from studio_desktop.core.jobs import Job, NewJob
from studio_desktop.core.messages import QT_TRANSLATE_NOOP, message, text_of
from studio_desktop.core.owners import ProcessOwner
from studio_desktop.core.servers import ServerConfig
from studio_desktop.core.store.errors import StoreError
from studio_desktop.workers.bridge import (
    BatchQueued,
    EventBridge,
    EventBuffer,
    OperationFailed,
    ServerAdded,
    ServerRemoved,
)
from studio_desktop.workers.operations import Operations
from studio_desktop.workers.tasks import Tasks
from studio_desktop.workers.threads import QThreadStarter
from studio_desktop.workers.watcher import JobWatcher

log = logging.getLogger("studio.workers")

T = TypeVar("T")

OPS_THREAD_NAME = "studio-queue-ops"


class _Phase(enum.Enum):
    NEW = "new"
    RUNNING = "running"
    STOPPED = "stopped"


class WorkerPool(EventBridge):
    """One QThread per ComfyUI server, driven by the core Dispatcher.

    Create it on the GUI thread, `start()` it, connect to the signals (see `EventBridge`), and
    call `shutdown()` before the store is closed. Every queue operation returns at once with a
    Future; `.result(timeout)` blocks for it (for tests and scripts, never on the GUI thread).
    """

    def __init__(
        self,
        ctx: AppContext,
        servers: Sequence[ServerConfig] = (),
        *,
        config: EngineConfig | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._starter = QThreadStarter()
        # The window's jobs are its own while it runs; those of a CLI that is gone it adopts.
        self._owner = ProcessOwner(ctx.paths.root)
        self._dispatcher = Dispatcher(
            ctx.store,
            ctx.library,
            ctx.templates,
            servers,
            listener=self.buffer.push,  # the buffer holds no reference back to the pool
            config=config,
            start_thread=self._starter,
            owner=self._owner,
            adopt_orphans=True,
        )
        self._ops = futures.ThreadPoolExecutor(1, thread_name_prefix=OPS_THREAD_NAME)
        # Where the watcher of other processes' writes starts: read now, off the GUI thread,
        # before the views read the store (see JobWatcher).
        since = self._ops.submit(ctx.store.max_job_revision)
        self._watcher = JobWatcher(ctx.store, self.buffer.push, since)
        # The window's database writes share the operations thread (one writer, in order); its
        # reads and the outcomes of those writes come back to the GUI thread through `tasks`.
        self.operations = Operations(ctx.store, self._submit, self)
        self.tasks = Tasks(parent=self)
        self._phase = _Phase.NEW
        self._shutdown_result = True

    # --- lifecycle ---

    def start(self) -> None:
        """Start a loop per server and the delivery of signals. Only once."""
        if self._phase is not _Phase.NEW:
            return
        self._phase = _Phase.RUNNING
        # No loop runs yet, so reading the dispatcher here is safe.
        self._start_draining(self._dispatcher.statuses())
        self._dispatcher.start()
        self._watcher.start()

    def shutdown(self, timeout_s: float = 10.0) -> bool:
        """Stop everything this pool started, in order; True if all of it ended within the
        timeout. Idempotent. Jobs keep their state in the store (running ones are picked up by
        the next start)."""
        if self._phase is _Phase.STOPPED:
            return self._shutdown_result
        self._phase = _Phase.STOPPED
        deadline = time.monotonic() + timeout_s

        def left() -> float:
            return max(0.0, deadline - time.monotonic())

        watcher_ok = self._watcher.stop(left())
        self._stop_draining()
        loops_ok = self._dispatcher.shutdown(left())
        ops_ok = self._stop_ops(left())
        tasks_ok = self.tasks.shutdown(left())  # after the operations its waiters wait for
        self._starter.close()
        threads_ok = self._starter.wait_all(left())
        if loops_ok and threads_ok:
            self._owner.close()  # else a loop still runs as this owner: the OS lets go at exit
        self._shutdown_result = watcher_ok and loops_ok and ops_ok and tasks_ok and threads_ok
        if not self._shutdown_result:
            log.warning("worker pool shutdown did not finish within %.1f s", timeout_s)
        return self._shutdown_result

    @property
    def is_running(self) -> bool:
        return self._phase is _Phase.RUNNING

    def _stop_ops(self, timeout: float) -> bool:
        # The executor has no timed join: wait for a marker queued behind every accepted
        # operation, then join its (by then idle) thread.
        marker = self._ops.submit(_nothing)
        self._ops.shutdown(wait=False)
        done, _ = futures.wait([marker], timeout)
        if not done:
            log.warning("queue operations still running at shutdown")
            return False
        self._ops.shutdown(wait=True)
        return True

    # --- servers ---

    def add_server(self, server: ServerConfig) -> futures.Future[None]:
        dispatcher, buffer = self._dispatcher, self.buffer

        def add() -> None:
            url = _checked_url(server.url)
            if any(s.url == url for s in dispatcher.statuses()):
                raise QueueError(
                    message(
                        QT_TRANSLATE_NOOP("CoreMessages", "{url} is already in the list."), url=url
                    )
                )
            # Announced before its loop can report anything, so the GUI sees them in order.
            buffer.push(ServerAdded(ServerStatus(url, server.label, ServerState.CONNECTING)))
            dispatcher.add_server(server)

        return self._submit(QT_TRANSLATE_NOOP("CoreMessages", "Adding the server"), add)

    def remove_server(self, url: str, timeout_s: float = 10.0) -> futures.Future[bool]:
        """Stop using a server; the Future says whether its loop ended within the timeout."""
        dispatcher, buffer = self._dispatcher, self.buffer

        def remove() -> bool:
            normal = _checked_url(url)
            if not any(s.url == normal for s in dispatcher.statuses()):
                raise QueueError(
                    message(
                        QT_TRANSLATE_NOOP("CoreMessages", "{url} is not in the list."), url=normal
                    )
                )
            stopped = dispatcher.remove_server(normal, timeout_s)
            buffer.push(ServerRemoved(normal))
            return stopped

        return self._submit(QT_TRANSLATE_NOOP("CoreMessages", "Removing the server"), remove)

    # --- queue operations ---

    def enqueue(
        self, jobs: Sequence[NewJob], group: NewGroup | None = None
    ) -> futures.Future[list[Job]]:
        """Queue `jobs` as one batch (written as `group` when given): once written,
        `batch_queued` names them (after their `job_added`), so the window can tell when the
        whole batch has ended."""
        dispatcher, batch, buffer = self._dispatcher, list(jobs), self.buffer

        def enqueue() -> list[Job]:
            queued = dispatcher.enqueue(batch, group=group)
            buffer.push(BatchQueued(tuple(job.id for job in queued)))
            return queued

        return self._submit(QT_TRANSLATE_NOOP("CoreMessages", "Queueing"), enqueue)

    def cancel(self, job_id: str) -> futures.Future[Job]:
        dispatcher = self._dispatcher
        return self._submit(
            QT_TRANSLATE_NOOP("CoreMessages", "Cancelling"), lambda: dispatcher.cancel(job_id)
        )

    def cancel_all(self) -> futures.Future[int]:
        """Cancel every waiting and running job; the Future holds how many."""
        return self._submit(
            QT_TRANSLATE_NOOP("CoreMessages", "Cancelling"), self._dispatcher.cancel_all
        )

    def move_to_front(self, job_id: str) -> futures.Future[Job]:
        dispatcher = self._dispatcher
        return self._submit(
            QT_TRANSLATE_NOOP("CoreMessages", "Moving the job"),
            lambda: dispatcher.move_to_front(job_id),
        )

    def retry(self, job_id: str) -> futures.Future[Job]:
        dispatcher = self._dispatcher
        return self._submit(
            QT_TRANSLATE_NOOP("CoreMessages", "Retrying"), lambda: dispatcher.retry(job_id)
        )

    # --- groups and pausing (the dispatcher's, on the operations thread) ---

    def cancel_group(self, group_id: str) -> futures.Future[list[Job]]:
        dispatcher = self._dispatcher
        return self._submit(
            QT_TRANSLATE_NOOP("CoreMessages", "Cancelling"),
            lambda: dispatcher.cancel_group(group_id),
        )

    def retry_group(self, group_id: str) -> futures.Future[list[Job]]:
        dispatcher = self._dispatcher
        return self._submit(
            QT_TRANSLATE_NOOP("CoreMessages", "Retrying"),
            lambda: dispatcher.retry_group(group_id),
        )

    def pin_group(self, group_id: str, server: str | None) -> futures.Future[list[Job]]:
        dispatcher = self._dispatcher
        return self._submit(
            QT_TRANSLATE_NOOP("CoreMessages", "Pinning the group"),
            lambda: dispatcher.pin_group(group_id, server),
        )

    def pin(self, job_id: str, server: str | None) -> futures.Future[Job]:
        """Run a waiting job on `server` only (None: on any)."""
        dispatcher = self._dispatcher
        return self._submit(
            QT_TRANSLATE_NOOP("CoreMessages", "Pinning the job"),
            lambda: dispatcher.pin(job_id, server),
        )

    def set_group_paused(self, group_id: str, paused: bool) -> futures.Future[JobGroup]:
        dispatcher = self._dispatcher
        return self._submit(
            QT_TRANSLATE_NOOP("CoreMessages", "Pausing the group"),
            lambda: dispatcher.set_group_paused(group_id, paused),
        )

    def pause(self, server: str | None = None) -> futures.Future[QueuePause]:
        """Take no new job on every server (None) or on this one; stored (survives restarts)."""
        dispatcher = self._dispatcher
        return self._submit(
            QT_TRANSLATE_NOOP("CoreMessages", "Pausing the queue"),
            lambda: dispatcher.pause(server),
        )

    def resume(self, server: str | None = None) -> futures.Future[QueuePause]:
        dispatcher = self._dispatcher
        return self._submit(
            QT_TRANSLATE_NOOP("CoreMessages", "Resuming the queue"),
            lambda: dispatcher.resume(server),
        )

    def _submit(self, what: str, operation: Callable[[], T]) -> futures.Future[T]:
        if self._phase is _Phase.STOPPED:
            refused: futures.Future[T] = futures.Future()
            refused.set_exception(
                QueueError(message(QT_TRANSLATE_NOOP("CoreMessages", "The queue is shut down.")))
            )
            return refused
        return self._ops.submit(_reporting, self.buffer, what, operation)


def _reporting(buffer: EventBuffer, what: str, operation: Callable[[], T]) -> T:
    """Run an operation on the operations thread; tell the GUI why it was refused. `what` is a
    translatable template ("Retrying") naming the operation."""
    try:
        return operation()
    except (QueueError, StoreError) as exc:
        # StoreError: a missing job or an unusable database; either way its message is for users.
        buffer.push(OperationFailed(text_of(exc) or str(exc)))
        raise
    except Exception:
        log.exception("%s failed", what)
        failed = QT_TRANSLATE_NOOP(
            "CoreMessages", "{what} failed unexpectedly; the log has the details."
        )
        buffer.push(OperationFailed(message(failed, what=message(what))))
        raise


def _checked_url(url: str) -> str:
    try:
        return normalize_base_url(url)
    except ValueError as exc:
        text = text_of(exc)
        raise QueueError(text if text is not None else message("{why}", why=str(exc))) from exc


def _nothing() -> None:
    pass
