"""The dispatcher: runs one driver per server, each in a thread it is given a way to start,
and carries out queue operations.

The thread starter is what lets the CLI and the window share it: the CLI runs each driver in a
plain thread, the Qt `WorkerPool` runs the very same driver in a QThread.
"""

from __future__ import annotations

import collections
import itertools
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Final

from studio_desktop.core.engine import journal
from studio_desktop.core.engine.config import EngineConfig
from studio_desktop.core.engine.coordinator import Coordinator
from studio_desktop.core.engine.driver import ServerDriver, ServerFactory, http_server
from studio_desktop.core.engine.events import (
    EngineEvent,
    JobFinished,
    JobStateChanged,
    Listener,
    ServerStatus,
)
from studio_desktop.core.groups import JobGroup, NewGroup, QueuePause
from studio_desktop.core.jobs import IllegalTransition, Job, JobStatus, NewJob
from studio_desktop.core.library.files import OutputLibrary
from studio_desktop.core.messages import QT_TRANSLATE_NOOP, UserMessage, message
from studio_desktop.core.owners import ProcessOwner
from studio_desktop.core.servers import ServerConfig
from studio_desktop.core.store import Store
from studio_desktop.core.store.errors import GroupNotFound, JobNotFound
from studio_desktop.core.workflows import TemplateRegistry

# Jobs written per transaction by `enqueue`: a large batch is committed (and starts running)
# chunk by chunk instead of after one long write, and only one chunk is held in memory.
ENQUEUE_CHUNK = 100


class QueueError(Exception):
    """A queue operation that cannot be done; `text` says why in words the window translates
    (`str()` is the English, for the command line and the log)."""

    def __init__(self, text: UserMessage) -> None:
        super().__init__(str(text))
        self.text = text


_ENDED: Final = QT_TRANSLATE_NOOP(
    "CoreMessages", "This job has already ended; it cannot be cancelled."
)
_NOT_CANCELLABLE: Final = {
    JobStatus.COMPLETED: QT_TRANSLATE_NOOP(
        "CoreMessages", "This job has already completed; it cannot be cancelled."
    ),
    JobStatus.FAILED: QT_TRANSLATE_NOOP(
        "CoreMessages", "This job has already failed; it cannot be cancelled."
    ),
    JobStatus.CANCELLED: QT_TRANSLATE_NOOP("CoreMessages", "This job is already cancelled."),
}

ThreadStarter = Callable[[str, Callable[[], None]], Callable[[float], bool]]
"""Starts `target` in a thread named `name`; returns join(timeout) -> finished."""


def start_python_thread(name: str, target: Callable[[], None]) -> Callable[[float], bool]:
    thread = threading.Thread(target=target, name=name, daemon=True)
    thread.start()

    def join(timeout: float) -> bool:
        thread.join(timeout)
        return not thread.is_alive()

    return join


class Dispatcher:
    """Runs one ServerDriver per server and carries out queue operations.

    Every queue operation is one store transaction first, then (if a server holds the job) a
    request to that server's loop; so a server call that fails leaves the store consistent.
    """

    def __init__(
        self,
        store: Store,
        library: OutputLibrary,
        templates: TemplateRegistry,
        servers: Sequence[ServerConfig] = (),
        *,
        listener: Listener | None = None,
        config: EngineConfig | None = None,
        accept: Callable[[Job], bool] | None = None,
        start_thread: ThreadStarter = start_python_thread,
        server_factory: ServerFactory = http_server,
        owner: ProcessOwner | None = None,
        adopt_orphans: bool = False,
    ) -> None:
        """With `owner`, jobs queued here belong to this process while it lives, and its
        drivers run only its own jobs and those of processes that are gone (`adopt_orphans`:
        take those over as `resume` and the window do; `generate` runs only its batch)."""
        self.store = store
        self._library = library
        self._templates = templates
        # A job ended elsewhere can be reported both by the cancel here and by the driver that
        # notices it in the store: listeners hear of each end once.
        self._listener = _EndsOnce(listener) if listener is not None else None
        self._config = config or EngineConfig()
        self._accept = accept
        self._start_thread = start_thread
        self._server_factory = server_factory
        self._owner = owner
        self._adopt_orphans = adopt_orphans
        self._loops: dict[str, ServerDriver] = {}
        self._joins: dict[str, Callable[[float], bool]] = {}
        self._started = False
        self._lock = threading.Lock()
        self._coordinator = Coordinator(
            store,
            templates,
            self._drivers,
            emit=self._emit,
            config=self._config,
            accept=accept,
            owner=owner,
        )
        for server in servers:
            loop = self._new_loop(server)
            self._loops[loop.url] = loop

    def _new_loop(self, server: ServerConfig) -> ServerDriver:
        return ServerDriver(
            self.store,
            self._library,
            self._templates,
            server,
            listener=self._listener,
            config=self._config,
            accept=self._accept,
            server_factory=self._server_factory,
            owner=self._owner,
            adopt_orphans=self._adopt_orphans,
            nothing_to_claim=self._coordinator.nothing_to_claim,
        )

    def _drivers(self) -> list[ServerDriver]:
        with self._lock:
            return list(self._loops.values())

    # --- lifecycle ---

    def start(self) -> None:
        with self._lock:
            self._started = True
            for url, loop in self._loops.items():
                if url not in self._joins:
                    self._joins[url] = self._start_thread(f"server {loop.server.label}", loop.run)

    def shutdown(self, timeout: float = 10.0) -> bool:
        """Stop every loop and wait for it; True if all stopped in time. Jobs stay as they are
        in the store (running ones are reconciled at the next start)."""
        with self._lock:
            loops = list(self._loops.values())
            joins = list(self._joins.values())
            self._joins.clear()
            self._started = False
        for loop in loops:
            loop.stop()
        deadline = time.monotonic() + timeout
        return all(join(max(0.0, deadline - time.monotonic())) for join in joins)

    def add_server(self, server: ServerConfig) -> None:
        loop = self._new_loop(server)
        with self._lock:
            if loop.url in self._loops:
                raise QueueError(
                    message(
                        QT_TRANSLATE_NOOP("CoreMessages", "{url} is already connected."),
                        url=loop.url,
                    )
                )
            self._loops[loop.url] = loop
            if self._started:
                self._joins[loop.url] = self._start_thread(f"server {server.label}", loop.run)

    def remove_server(self, url: str, timeout: float = 10.0) -> bool:
        with self._lock:
            loop = self._loops.pop(url, None)
            join = self._joins.pop(url, None)
        if loop is None:
            return True
        loop.stop(release_jobs=True)
        return join(timeout) if join is not None else True

    def statuses(self) -> list[ServerStatus]:
        with self._lock:
            loops = list(self._loops.values())
        return [loop.status for loop in loops]

    @property
    def servers(self) -> list[ServerConfig]:
        with self._lock:
            return [loop.server for loop in self._loops.values()]

    # --- queue operations ---

    def enqueue(self, jobs: Iterable[NewJob], *, group: NewGroup | None = None) -> list[Job]:
        """Queue `jobs` in order, ENQUEUE_CHUNK per transaction; each chunk is committed and
        the servers woken before the next one is taken from `jobs` (which may be a generator).
        A chunk is all or nothing; a failure leaves the chunks before it queued. With `group`,
        the group is written with the first chunk and every job is its."""
        owner = self._owner.token if self._owner is not None else None
        added: list[Job] = []
        source = iter(jobs)
        first = True
        while chunk := list(itertools.islice(source, ENQUEUE_CHUNK)):
            if group is not None and not first:
                chunk = [
                    replace(
                        j,
                        group_id=group.id,
                        server=j.server if j.server is not None else group.server,
                    )
                    for j in chunk
                ]
            stored = self.store.add_jobs(
                chunk, owner=owner, group=group if first and group is not None else None
            )
            first = False
            for job in stored:
                self._emit(JobStateChanged(job))
            self._wake_all()
            added.extend(stored)
        return added

    def cancel(self, job_id: str) -> Job:
        try:
            cancelled = self.store.cancel(job_id)
        except JobNotFound as exc:
            raise QueueError(exc.text) from exc
        except IllegalTransition as exc:
            raise QueueError(message(_NOT_CANCELLABLE.get(exc.old, _ENDED))) from exc
        self._emit(JobStateChanged(cancelled))
        self._emit(JobFinished(cancelled, ()))
        # Decided on the row our own write returned: a server that claimed the job just before
        # is named there. A driver that does not hold the job ignores the request.
        if cancelled.server is not None:
            with self._lock:
                loop = self._loops.get(cancelled.server)
            if loop is not None:
                loop.request_cancel(job_id)
        return cancelled

    def cancel_all(self) -> int:
        count = 0
        # Waiting jobs first: cancelling a running one frees its place, and a driver would
        # otherwise claim a waiting job of this very batch before its cancel came.
        waiting = self.store.jobs_with_status(JobStatus.PENDING)
        active = self.store.jobs_with_status(JobStatus.RUNNING, JobStatus.RETRYING)
        for job in [*waiting, *active]:
            try:
                self.cancel(job.id)
                count += 1
            except QueueError:
                continue  # finished meanwhile
        return count

    def move_to_front(self, job_id: str) -> Job:
        try:
            job = self.store.move_to_front(job_id)
        except IllegalTransition as exc:
            raise QueueError(
                message(
                    QT_TRANSLATE_NOOP(
                        "CoreMessages", "Only a waiting job can be moved to the front."
                    )
                )
            ) from exc
        self._emit(JobStateChanged(job))
        return job

    def retry(self, job_id: str) -> Job:
        try:
            job = self.store.retry(job_id)
        except IllegalTransition as exc:
            raise QueueError(
                message(
                    QT_TRANSLATE_NOOP(
                        "CoreMessages", "Only a failed or cancelled job can be retried."
                    )
                )
            ) from exc
        journal.retried_by_user(job)
        self._emit(JobStateChanged(job))
        self._wake_all()
        return job

    # --- groups and pausing ---

    def cancel_group(self, group_id: str) -> list[Job]:
        """Cancel a group's waiting and running jobs (one transaction) and stop it; servers
        running one of them are told."""
        try:
            cancelled = self.store.cancel_group(group_id)
        except GroupNotFound as exc:
            raise QueueError(exc.text) from exc
        for job in cancelled:
            self._emit(JobStateChanged(job))
            self._emit(JobFinished(job, ()))
            if job.server is not None:
                with self._lock:
                    loop = self._loops.get(job.server)
                if loop is not None:
                    loop.request_cancel(job.id)
        return cancelled

    def retry_group(self, group_id: str) -> list[Job]:
        """Retry a group's failed jobs (one transaction)."""
        try:
            retried = self.store.retry_group(group_id)
        except GroupNotFound as exc:
            raise QueueError(exc.text) from exc
        for job in retried:
            journal.retried_by_user(job)
            self._emit(JobStateChanged(job))
        self._wake_all()
        return retried

    def pin_group(self, group_id: str, server: str | None) -> list[Job]:
        """Run a group's waiting (and later) jobs on `server` only; None: on any."""
        try:
            changed = self.store.pin_group(group_id, server)
        except GroupNotFound as exc:
            raise QueueError(exc.text) from exc
        for job in changed:
            self._emit(JobStateChanged(job))
        self._wake_all()
        return changed

    def pin(self, job_id: str, server: str | None) -> Job:
        """Run a waiting job on `server` only; None: on any."""
        try:
            job = self.store.pin_job(job_id, server)
        except JobNotFound as exc:
            raise QueueError(exc.text) from exc
        except IllegalTransition as exc:
            raise QueueError(
                message(QT_TRANSLATE_NOOP("CoreMessages", "Only a waiting job can be pinned."))
            ) from exc
        self._emit(JobStateChanged(job))
        self._wake_all()
        return job

    def pause(self, server: str | None = None) -> QueuePause:
        """Take no new job on any server (None) or on this one; what runs finishes. Stored:
        it holds after a restart, and for every process on this data folder."""
        return self.store.pause_queue(server)

    def resume(self, server: str | None = None) -> QueuePause:
        """Lift the whole queue's pause (None) or this server's (`Store.resume_queue`); the
        servers look for work at once."""
        state = self.store.resume_queue(server)
        self._wake_all()
        return state

    def set_group_paused(self, group_id: str, paused: bool) -> JobGroup:
        """Hold a group's waiting jobs (what runs finishes), or let them run again."""
        try:
            group = self.store.set_group_paused(group_id, paused)
        except GroupNotFound as exc:
            raise QueueError(exc.text) from exc
        if not paused:
            self._wake_all()
        return group

    def _wake_all(self) -> None:
        with self._lock:
            loops = list(self._loops.values())
        for loop in loops:
            loop.wake()

    def _emit(self, event: EngineEvent) -> None:
        if self._listener is not None:
            self._listener(event)


class _EndsOnce:
    """Passes events on, dropping a repeated JobFinished of the same job in the same state of
    the same attempt (a retried job that fails again is a new end)."""

    _REMEMBERED = 10_000

    def __init__(self, listener: Listener) -> None:
        self._listener = listener
        self._ended: collections.OrderedDict[tuple[str, JobStatus, int], None] = (
            collections.OrderedDict()
        )
        self._lock = threading.Lock()

    def __call__(self, event: EngineEvent) -> None:
        if isinstance(event, JobFinished):
            key = (event.job.id, event.job.status, event.job.attempt)
            with self._lock:
                if key in self._ended:
                    return
                self._ended[key] = None
                if len(self._ended) > self._REMEMBERED:
                    self._ended.popitem(last=False)
        self._listener(event)
