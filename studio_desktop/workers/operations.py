"""Every change the window makes to the database, run on the worker pool's operations thread.

The GUI thread never writes: widgets call these, get a Future at once, and have its outcome
handed back to the GUI thread with `when_done` (through `Tasks`). The operations thread runs them
one at a time, in the order they were asked for, behind the queue operations; a refused one
(a `StoreError`: a missing row, a duplicate address, an unusable database) is also reported
through the pool's `operation_failed` signal, like a refused queue operation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent import futures
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar

from PySide6.QtCore import QObject

from studio_desktop.core.jobs import ImageRecord, Job
from studio_desktop.core.managed.registry import register_managed
from studio_desktop.core.servers import ServerConfig, pool_servers
from studio_desktop.core.store import BoardRecord, ServerRecord, Store
from studio_desktop.workers.tasks import Task, Tasks

T = TypeVar("T")


class Submit(Protocol):
    """The pool's submit: run on the operations thread, report a refusal, return a Future."""

    def __call__(self, what: str, operation: Callable[[], T]) -> futures.Future[T]: ...


class ServerPool(Protocol):
    """What a registry change needs of the worker pool: start and stop server loops."""

    def add_server(self, server: ServerConfig) -> futures.Future[None]: ...

    def remove_server(self, url: str, timeout_s: float = ...) -> futures.Future[bool]: ...


@dataclass(frozen=True)
class ServerChange:
    """A registry change as it ended: the record it touched (None if gone) and the registry."""

    record: ServerRecord | None
    servers: list[ServerRecord]


class Operations:
    """The writes widgets may ask for; each returns a Future (never block on it on the GUI
    thread: hand it to `when_done`)."""

    def __init__(self, store: Store, submit: Submit, pool: ServerPool) -> None:
        self._store = store
        self._run = submit
        self._pool = pool

    # --- images ---

    def set_favourite(self, ids: Sequence[int], favourite: bool) -> futures.Future[None]:
        store, batch = self._store, list(ids)
        return self._run("Changing favourites", lambda: store.set_favourite(batch, favourite))

    def set_tags(self, tags: Sequence[tuple[int, list[str]]]) -> futures.Future[list[ImageRecord]]:
        """Replace each image's tags; the Future holds the images as stored afterwards."""
        store, changes = self._store, [(image_id, list(t)) for image_id, t in tags]

        def write() -> list[ImageRecord]:
            updated: list[ImageRecord] = []
            for image_id, new in changes:
                store.set_tags(image_id, new)
                if (fresh := store.get_image(image_id)) is not None:
                    updated.append(fresh)
            return updated

        return self._run("Changing tags", write)

    def change_tags(
        self, ids: Sequence[int], *, add: Sequence[str] = (), remove: Sequence[str] = ()
    ) -> futures.Future[list[ImageRecord]]:
        """Add tags to each image and take others away, keeping each image's other tags (the
        images are read in the same transaction, so no change made meanwhile is lost)."""
        store, batch, added, removed = self._store, list(ids), list(add), list(remove)
        return self._run(
            "Changing tags", lambda: store.change_tags(batch, add=added, remove=removed)
        )

    def trash_images(self, ids: Sequence[int]) -> futures.Future[int]:
        store, batch = self._store, list(ids)
        return self._run("Moving to the trash", lambda: store.soft_delete_images(batch))

    def restore_images(self, ids: Sequence[int]) -> futures.Future[int]:
        store, batch = self._store, list(ids)
        return self._run("Restoring", lambda: store.restore_images(batch))

    # --- boards ---

    def create_board(self, name: str) -> futures.Future[BoardRecord]:
        """BadBoardName or DuplicateBoard (in the Future) for a blank name or one in use."""
        store = self._store
        return self._run("Creating the board", lambda: store.create_board(name))

    def rename_board(self, board_id: int, name: str) -> futures.Future[BoardRecord]:
        store = self._store
        return self._run("Renaming the board", lambda: store.rename_board(board_id, name))

    def delete_board(self, board_id: int) -> futures.Future[None]:
        """The board goes; its images stay in the library."""
        store = self._store
        return self._run("Deleting the board", lambda: store.delete_board(board_id))

    def add_to_board(self, board_id: int, ids: Sequence[int]) -> futures.Future[int]:
        store, batch = self._store, list(ids)
        return self._run("Adding to the board", lambda: store.add_to_board(board_id, batch))

    def remove_from_board(self, board_id: int, ids: Sequence[int]) -> futures.Future[int]:
        store, batch = self._store, list(ids)
        return self._run(
            "Removing from the board", lambda: store.remove_from_board(board_id, batch)
        )

    def empty_trash(
        self, trashed_before: datetime, remove_files: Callable[[list[str]], None]
    ) -> futures.Future[int]:
        """Forget every image trashed before `trashed_before` (the moment the user confirmed),
        then delete its files: only once the rows are gone (committed), so a refused write
        leaves every file in place. The Future holds how many images went."""
        store = self._store

        def write() -> int:
            purged = store.purge_deleted_images(older_than=trashed_before)
            remove_files([p for record in purged for p in (record.path, record.thumb_path) if p])
            return len(purged)

        return self._run("Emptying the trash", write)

    # --- jobs ---

    def delete_jobs(self, ids: Sequence[str]) -> futures.Future[int]:
        store, batch = self._store, list(ids)
        return self._run("Deleting", lambda: store.soft_delete_jobs(batch))

    def restore_jobs(self, ids: Sequence[str]) -> futures.Future[list[Job]]:
        """Bring jobs back to the history; the Future holds them as stored afterwards."""
        store, batch = self._store, list(ids)

        def write() -> list[Job]:
            store.restore_jobs(batch)
            return [job for job_id in batch if (job := store.get_job(job_id)) is not None]

        return self._run("Restoring", write)

    # --- servers (the registry first, then the running pool) ---

    def add_server(
        self, name: str, url: str, auth_header: str | None, *, depth: int
    ) -> futures.Future[ServerChange]:
        """DuplicateServer (in the Future) if the address is registered already."""
        store = self._store
        return self._server_change(
            "Adding the server",
            depth,
            lambda: store.add_server(name, url, auth_header=auth_header).id,
        )

    def add_server_if_new(self, url: str, *, depth: int) -> futures.Future[ServerChange]:
        """Register an address named after itself, unless it is registered already."""
        store = self._store

        def write() -> int:
            existing = store.get_server_by_url(url)
            if existing is not None:
                return existing.id
            return store.add_server(url.split("://", 1)[-1], url).id

        return self._server_change("Adding the server", depth, write)

    def register_managed(self, url: str, *, depth: int) -> futures.Future[ServerChange]:
        """The managed ComfyUI's one entry, moved to `url` (core.managed.registry)."""
        store = self._store
        return self._server_change(
            "Registering the managed ComfyUI", depth, lambda: register_managed(store, url).id
        )

    def update_server(
        self, server_id: int, name: str, url: str, auth_header: str | None, *, depth: int
    ) -> futures.Future[ServerChange]:
        store = self._store
        return self._server_change(
            "Changing the server",
            depth,
            lambda: store.update_server(server_id, name=name, url=url, auth_header=auth_header).id,
        )

    def set_server_enabled(
        self, server_id: int, enabled: bool, *, depth: int
    ) -> futures.Future[ServerChange]:
        store = self._store
        return self._server_change(
            "Changing the server",
            depth,
            lambda: store.update_server(server_id, enabled=enabled).id,
        )

    def remove_server(self, server_id: int, *, depth: int) -> futures.Future[ServerChange]:
        store = self._store

        def write() -> int:
            store.remove_server(server_id)
            return server_id

        return self._server_change("Removing the server", depth, write)

    def _server_change(
        self, what: str, depth: int, write: Callable[[], int]
    ) -> futures.Future[ServerChange]:
        store, pool = self._store, self._pool

        def change() -> ServerChange:
            before = pool_servers(store.list_servers(), depth)
            record_id = write()
            servers = store.list_servers()
            # The pool's own add/remove queue behind this operation on the same thread, so
            # they run in the order the registry changed.
            apply_to_pool(pool, before, pool_servers(servers, depth))
            record = next((r for r in servers if r.id == record_id), None)
            return ServerChange(record, servers)

        return self._run(what, change)


def apply_to_pool(
    pool: ServerPool, before: dict[str, ServerConfig], after: dict[str, ServerConfig]
) -> None:
    """Remove what went away or changed, then add what is new. Queue ops run in order."""

    def same(a: ServerConfig, b: ServerConfig) -> bool:
        return (a.name, a.auth_header) == (b.name, b.auth_header)

    for url, config in before.items():
        if url not in after or not same(config, after[url]):
            pool.remove_server(url)
    for url, config in after.items():
        if url not in before or not same(config, before[url]):
            pool.add_server(config)


def when_done(
    tasks: Tasks,
    future: futures.Future[T],
    done: Callable[[T], None] | None = None,
    *,
    owner: QObject | None = None,
    failed: Callable[[Exception], None] | None = None,
) -> Task:
    """Hand an operation's outcome to `done(result)` or `failed(exc)` on the GUI thread.

    One waiter thread: operations finish in the order they were submitted, so their outcomes
    arrive in that order too. A refusal with no `failed` is dropped here: the pool's
    `operation_failed` has told the user already (and logged it, if unexpected).
    """
    return tasks.run(
        "operations",
        future.result,
        done,
        owner=owner,
        failed=failed if failed is not None else _ignore,
    )


def _ignore(_exc: Exception) -> None:
    pass
