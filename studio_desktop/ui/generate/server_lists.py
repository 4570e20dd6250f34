"""The model, sampler and scheduler names a server offers (and its whole /object_info), fetched
off the GUI thread.

The lists come from the first connected server. They are fetched again when that server
(re)connects, when another one becomes the first connected, and on demand (the refresh button).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from studio_desktop.core.comfy import ComfyClient, ComfyError
from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.engine import ServerState, ServerStatus
from studio_desktop.core.servers import ServerConfig
from studio_desktop.ui.generate.background import BackgroundTasks
from studio_desktop.workers.pool import WorkerPool

FETCH_TIMEOUT_S = 15.0
_CONNECTED = (ServerState.IDLE, ServerState.BUSY)


@dataclass(frozen=True)
class ServerLists:
    """What one server offers; `server` is its URL, `label` what to call it in messages.

    `info` is the whole /object_info the lists came from (for validation and the editors of
    template-specific inputs); None for lists that were not fetched (tests, a restored state).
    """

    server: str
    label: str
    checkpoints: tuple[str, ...]
    samplers: tuple[str, ...]
    schedulers: tuple[str, ...]
    info: ObjectInfo | None = field(default=None, compare=False, repr=False)


def fetch_lists(server: ServerConfig, timeout: float = FETCH_TIMEOUT_S) -> ServerLists:
    """GET /object_info and pick out the lists (blocking: call it off the GUI thread)."""
    with ComfyClient(server.url, auth_header=server.auth_header, timeout=timeout) as client:
        info = client.object_info()
    return ServerLists(
        server=client.base_url,
        label=server.label,
        checkpoints=tuple(info.checkpoints),
        samplers=tuple(info.samplers),
        schedulers=tuple(info.schedulers),
        info=info,
    )


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
        self, pool: WorkerPool, tasks: BackgroundTasks, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._pool = pool
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
        # WorkerPool only tells us URLs and names; a server behind an auth header needs the
        # pool to expose its ServerConfig (reported to the lead).
        config = ServerConfig(status.url, status.name)
        url = status.url

        def done(lists: ServerLists) -> None:
            self._finished(url)
            self._source = url
            self.fetched.emit(lists)

        def failed(exc: Exception) -> None:
            self._finished(url)
            self._failed = url
            reason = str(exc) if isinstance(exc, ComfyError | ValueError) else repr(exc)
            self.failed.emit(reason)

        self._tasks.run(lambda: fetch_lists(config), done, failed)

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
