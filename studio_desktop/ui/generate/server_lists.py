"""The model, sampler and scheduler names a server offers (and its whole /object_info), fetched
off the GUI thread (core/server_info.py does the asking).

The lists come from the first connected server. They are fetched again when that server
(re)connects, when another one becomes the first connected, and on demand (the refresh button).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from studio_desktop.core.engine import ServerState, ServerStatus
from studio_desktop.core.server_info import (
    ServerLists,
    failure_reason,
    fetch_lists,
    fetch_trigger_words,
)
from studio_desktop.workers.pool import WorkerPool
from studio_desktop.workers.read_view import ReadView
from studio_desktop.workers.tasks import Tasks

# ServerLists lives in core (the fetch builds it); the form and combos import it from here.
__all__ = ["ServerLists", "ServerListsFetcher", "first_connected"]

_CONNECTED = (ServerState.IDLE, ServerState.BUSY)
log = logging.getLogger(__name__)


def first_connected(statuses: list[ServerStatus]) -> ServerStatus | None:
    return next((s for s in statuses if s.state in _CONNECTED), None)


class ServerListsFetcher(QObject):
    """Keeps the lists of the first connected server current.

    `fetched` carries a ServerLists; `failed` a message for the user; `connection_changed` fires
    whenever which server (if any) is connected may have changed.
    """

    fetched = Signal(object)
    failed = Signal(str)
    connection_changed = Signal()

    def __init__(
        self, pool: WorkerPool, reads: ReadView, tasks: Tasks, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._pool = pool
        self._reads = reads
        self._tasks = tasks
        self._source: str | None = None  # URL the current lists came from
        self._fetching: str | None = None
        self._failed: str | None = None  # not fetched again on its own until it reconnects
        pool.server_changed.connect(self._on_server_changed)
        pool.server_removed.connect(self._on_server_removed)

    def connected(self) -> ServerStatus | None:
        """The server the lists should come from: the first connected one."""
        return first_connected(self._pool.statuses())

    def servers(self) -> list[ServerStatus]:
        return self._pool.statuses()

    @property
    def source(self) -> str | None:
        return self._source

    @property
    def fetching(self) -> bool:
        return self._fetching is not None

    def refresh(self) -> bool:
        """Fetch from the first connected server; False if none is connected."""
        status = self.connected()
        if status is None:
            return False
        self._failed = None
        self._start(status)
        return True

    def _start(self, status: ServerStatus) -> None:
        if self._fetching == status.url:
            return
        self._fetching = status.url
        reads, url, name = self._reads, status.url, status.name

        def done(lists: ServerLists) -> None:
            self._finished(url)
            self._source = url
            self.fetched.emit(lists)

        def failed(exc: Exception) -> None:
            self._finished(url)
            self._failed = url
            self.failed.emit(failure_reason(exc))

        # The pool only tells us URLs and names: the registered auth header is read from the
        # store on the network thread, with the fetch (a server behind a proxy needs it).
        self._tasks.run(
            "network",
            lambda: fetch_lists(reads.registered_config(url, name)),
            done,
            owner=self,
            key="lists",
            failed=failed,
        )

    def trigger_words(self, lora: str, done: Callable[[str, tuple[str, ...]], None]) -> None:
        """Fetch LoRA `lora`'s trigger words from the server the lists came from, off the GUI
        thread; `done(lora, words)` on the GUI thread. A failure gives no words (the chips are
        a convenience; the log has it)."""
        url = self._source
        if url is None:
            return
        reads = self._reads

        def fetch() -> tuple[str, ...]:
            return fetch_trigger_words(reads.registered_config(url, ""), lora)

        self._tasks.run(
            "network",
            fetch,
            lambda words: done(lora, words),
            owner=self,
            key=f"words:{lora}",
            failed=lambda exc: log.info("no trigger words for %s: %s", lora, exc),
        )

    def _finished(self, url: str) -> None:
        if self._fetching == url:
            self._fetching = None

    def _on_server_changed(self, status: ServerStatus) -> None:
        if status.state not in _CONNECTED:
            # Fetch again when it is back: its models may have changed meanwhile.
            if status.url == self._source:
                self._source = None
            if status.url == self._failed:
                self._failed = None
        self._follow_first()

    def _on_server_removed(self, url: str) -> None:
        if url == self._source:
            self._source = None
        self._follow_first()

    def _follow_first(self) -> None:
        first = self.connected()
        if first is not None and first.url not in (self._source, self._failed):
            self._start(first)
        self.connection_changed.emit()
