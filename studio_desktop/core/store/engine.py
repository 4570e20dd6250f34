"""The SQLite engine and session factory: pragmas on every connection, explicit BEGIN.

pysqlite's own transaction handling defers BEGIN until the first DML statement and never emits
BEGIN IMMEDIATE. We switch it off (`isolation_level = None`) and emit BEGIN ourselves, so a write
transaction takes the write lock up front: two processes that both read "pending" and then try to
upgrade to a write lock would otherwise fail with SQLITE_BUSY without waiting for busy_timeout.
"""

from __future__ import annotations

import sqlite3
import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from studio_desktop.core.store.errors import WrongThread, translating

BUSY_TIMEOUT_MS = 5000
_BEGIN_OPTION = "studio_sqlite_begin"
IMMEDIATE = {_BEGIN_OPTION: "IMMEDIATE"}


def make_engine(db_path: Path) -> Engine:
    engine = create_engine(
        f"sqlite:///{db_path}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
        pool_pre_ping=False,
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def _on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry | None) -> None:
    assert isinstance(dbapi_connection, sqlite3.Connection)
    dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see module doc)
    cursor = dbapi_connection.cursor()
    try:
        # busy_timeout first: switching to WAL needs a lock another process may hold.
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = NORMAL")
    finally:
        cursor.close()


def _on_begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


class ThreadGuard:
    """Refuses sessions on one thread (the GUI thread: a query there freezes the window).

    `allow_this_thread()` lifts it for the calling thread inside a block (tests checking what
    the window did). `reads=False` refuses only writes (for code not yet moved off that thread).
    """

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None
        self._reads = True
        self._allowed = threading.local()

    def forbid(self, thread: threading.Thread | None, *, reads: bool = True) -> None:
        self._thread, self._reads = thread, reads

    @contextmanager
    def allow_this_thread(self) -> Iterator[None]:
        depth: int = getattr(self._allowed, "depth", 0)
        self._allowed.depth = depth + 1
        try:
            yield
        finally:
            self._allowed.depth = depth

    def check(self, *, write: bool) -> None:
        thread = self._thread
        if thread is None or threading.current_thread() is not thread:
            return
        if getattr(self._allowed, "depth", 0) or not (write or self._reads):
            return
        kind = "write" if write else "read"
        raise WrongThread(f"database {kind} on the {thread.name} thread, which must not block")


class Sessions:
    """Short sessions: `read()` for queries, `write()` for one atomic change."""

    def __init__(self, engine: Engine, db_path: Path) -> None:
        self._factory = sessionmaker(engine, expire_on_commit=False, autoflush=False)
        self._engine = engine
        self._path = db_path
        self.guard = ThreadGuard()
        self._hot = HotConnections(db_path)

    @contextmanager
    def read(self) -> Iterator[Session]:
        self.guard.check(write=False)
        with translating(self._path), self._factory() as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One BEGIN IMMEDIATE ... COMMIT; rolled back if the block raises."""
        self.guard.check(write=True)
        with translating(self._path), self._factory() as session, session.begin():
            session.connection(execution_options=IMMEDIATE)
            yield session

    @contextmanager
    def hot_write(self) -> Iterator[sqlite3.Connection]:
        """`write()` for `hot`'s prepared statements: one BEGIN IMMEDIATE ... COMMIT on this
        thread's own sqlite3 connection, with no ORM session or SQLAlchemy transaction to set
        up and tear down around a statement or two. Rolled back if the block raises."""
        self.guard.check(write=True)
        with translating(self._path):
            conn = self._hot.connection()
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.commit()
            except BaseException:
                if conn.in_transaction:  # the block raised, or COMMIT itself failed
                    conn.rollback()
                raise

    @contextmanager
    def hot_read(self) -> Iterator[sqlite3.Connection]:
        """`read()` for `hot`'s prepared statements (one snapshot: BEGIN ... COMMIT)."""
        self.guard.check(write=False)
        with translating(self._path):
            conn = self._hot.connection()
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                conn.commit()  # a read: ends the snapshot, nothing to keep or undo

    def close(self) -> None:
        """Close the hot connections (the engine's pool is the caller's to dispose)."""
        self._hot.close()

    def trace_hot(self, callback: Callable[[str], None] | None) -> None:
        """Have every statement the hot connections run passed to `callback` (None: stop);
        for tests and debugging (sqlite3's trace: BEGIN and COMMIT included)."""
        self._hot.trace(callback)


class _HotConnection(sqlite3.Connection):
    """A subclass only so `HotConnections` can hold it weakly (sqlite3's own can't be)."""


class HotConnections:
    """One sqlite3 connection per thread for the hot path, opened as the pool's are
    (`_on_connect`). A thread's connection goes with the thread (its thread-local is dropped;
    sqlite3's statement cache refers back to it, so the garbage collector closes it);
    `close()` closes the rest at once, from any thread."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._local = threading.local()
        self._open: weakref.WeakSet[_HotConnection] = weakref.WeakSet()
        self._lock = threading.Lock()
        self._closed = False
        self._trace: Callable[[str], None] | None = None

    def connection(self) -> sqlite3.Connection:
        conn: _HotConnection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(
                self._path,
                timeout=BUSY_TIMEOUT_MS / 1000,
                factory=_HotConnection,
                check_same_thread=False,  # only so that `close()` may run on another thread
            )
            _on_connect(conn, None)
            with self._lock:
                conn.set_trace_callback(self._trace)
                if self._closed:
                    conn.close()
                    raise sqlite3.ProgrammingError("Cannot operate on a closed database.")
                self._open.add(conn)
            self._local.conn = conn
        return conn

    def trace(self, callback: Callable[[str], None] | None) -> None:
        with self._lock:
            self._trace = callback
            for conn in self._open:
                conn.set_trace_callback(callback)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            conns = list(self._open)
        for conn in conns:
            conn.close()
