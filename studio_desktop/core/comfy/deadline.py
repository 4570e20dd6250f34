"""An overall deadline for one HTTP call, enforced by cutting its socket.

requests (urllib3) only has a per-read timeout: a server that sends one byte every few seconds
never trips it. A `Deadline` is entered around a whole call on the calling thread; the
connections of a session made by `watched_session` register their socket with the deadline of
the thread using them, and when it expires the shared watchdog thread shuts those sockets down.
The blocked read then fails at once, and the caller sees `expired` and reports a timeout.

One watchdog thread serves every deadline of the process (`call_later`): a timer thread per
call cost a thread start and a context switch on every request, more than a local call itself.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import os
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from requests.utils import get_environ_proxies
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.poolmanager import PoolManager

_current = threading.local()


def cut(sock: socket.socket | None) -> None:
    """Shut `sock` down for both directions, from any thread; a blocked read returns at once."""
    if sock is not None:
        with contextlib.suppress(OSError):
            # The plain socket's shutdown: an SSLSocket's own would also drop its TLS state
            # under the feet of the thread reading from it.
            socket.socket.shutdown(sock, socket.SHUT_RDWR)


class Scheduled:
    """A callback the watchdog runs once its time comes, unless cancelled first."""

    __slots__ = ("_action", "cancelled", "when")

    def __init__(self, when: float, action: Callable[[], object]) -> None:
        self.when = when
        self._action = action
        self.cancelled = False

    def cancel(self) -> None:
        """Never run it. The entry stays in the watchdog's heap until its time or a purge."""
        self.cancelled = True
        _watchdog.cancelled()

    def run(self) -> None:
        if not self.cancelled:
            self._action()


class _Watchdog:
    """One daemon thread that runs due callbacks, earliest first (a heap ordered by time).

    Cancelling is O(1): the entry is only flagged. Deadlines are mostly cancelled long before
    they are due (a call ends in milliseconds, its deadline is tens of seconds), so flagged
    entries are purged whenever they outnumber the live ones, keeping the heap small."""

    _PURGE_AT = 256

    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._heap: list[tuple[float, int, Scheduled]] = []
        self._order = itertools.count()  # ties in time keep their order, and never compare
        self._cancelled = 0
        self._thread: threading.Thread | None = None

    def call_later(self, seconds: float, action: Callable[[], object]) -> Scheduled:
        entry = Scheduled(time.monotonic() + seconds, action)
        with self._cond:
            heapq.heappush(self._heap, (entry.when, next(self._order), entry))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="ComfyDeadline", daemon=True)
                self._thread.start()
            elif self._heap[0][2] is entry:
                self._cond.notify()  # the thread sleeps until a later time: wake it earlier
        return entry

    def cancelled(self) -> None:
        with self._cond:
            self._cancelled += 1
            if self._cancelled > self._PURGE_AT and self._cancelled * 2 > len(self._heap):
                self._heap = [item for item in self._heap if not item[2].cancelled]
                heapq.heapify(self._heap)
                self._cancelled = 0

    def _run(self) -> None:
        while True:
            with self._cond:
                while True:
                    while self._heap and self._heap[0][2].cancelled:
                        heapq.heappop(self._heap)
                        self._cancelled = max(0, self._cancelled - 1)
                    if not self._heap:
                        self._cond.wait()
                        continue
                    wait = self._heap[0][0] - time.monotonic()
                    if wait <= 0:
                        entry = heapq.heappop(self._heap)[2]
                        break
                    self._cond.wait(wait)
            entry.run()  # outside the lock: an action may take its own locks


_watchdog = _Watchdog()


def call_later(seconds: float, action: Callable[[], object]) -> Scheduled:
    """Run `action` on the shared watchdog thread after `seconds`, unless cancelled first.
    Actions must be quick and must not raise: they share one thread (cutting a socket is)."""
    return _watchdog.call_later(seconds, action)


class Deadline:
    """`with Deadline(seconds) as d:` around one call; `d.expired` tells whether it was cut."""

    __slots__ = ("_expired", "_lock", "_over", "_previous", "_scheduled", "_sockets", "seconds")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._expired = False
        self._over = False
        self._previous: Deadline | None = None
        self._scheduled: Scheduled | None = None

    @property
    def expired(self) -> bool:
        return self._expired

    def __enter__(self) -> Deadline:
        self._previous = getattr(_current, "deadline", None)
        _current.deadline = self
        self._scheduled = call_later(self.seconds, self._expire)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._scheduled is not None:
            self._scheduled.cancel()
        with self._lock:
            self._over = True
            self._sockets.clear()
        _current.deadline = self._previous

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            if self._over:
                return
            if self._expired:
                cut(sock)
            else:
                self._sockets.append(sock)

    def _expire(self) -> None:
        with self._lock:
            if self._over:
                return
            self._expired = True
            for sock in self._sockets:
                cut(sock)


def watch_socket(sock: socket.socket | None) -> None:
    """Let the calling thread's Deadline, if any, cut `sock` when it expires."""
    deadline: Deadline | None = getattr(_current, "deadline", None)
    if deadline is not None and sock is not None:
        deadline.watch(sock)


class _Watching:
    """Mixed into urllib3's connections: a new connection registers with the calling thread's
    deadline once connected; a pooled one each time it sends a request."""

    sock: socket.socket | None

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        watch_socket(self.sock)

    def request(self, *args: Any, **kwargs: Any) -> None:
        watch_socket(self.sock)
        super().request(*args, **kwargs)  # type: ignore[misc]


class _WatchedHTTPConnection(_Watching, HTTPConnection):
    pass


class _WatchedHTTPSConnection(_Watching, HTTPSConnection):
    pass


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


_WATCHED_POOLS = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


class _WatchedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _WATCHED_POOLS

    def proxy_manager_for(self, proxy: str, **kwargs: Any) -> PoolManager:
        manager: PoolManager = super().proxy_manager_for(proxy, **kwargs)
        if "socks" not in proxy.lower():  # SOCKS managers bring their own connection classes
            manager.pool_classes_by_scheme = _WATCHED_POOLS
        return manager


def watched_session(base_url: str | None = None) -> requests.Session:
    """A Session whose connections obey the calling thread's Deadline; no automatic retries.

    Given the one server it talks to, the environment (HTTP(S)_PROXY, NO_PROXY, a CA bundle
    in REQUESTS_CA_BUNDLE or CURL_CA_BUNDLE) is read once here instead of on every request:
    requests scans the environment, the system proxy settings and ~/.netrc per call, which
    cost more than the call to a local ComfyUI itself."""
    session = requests.Session()
    adapter = _WatchedAdapter(pool_connections=4, pool_maxsize=8, max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    if base_url is not None:
        session.proxies = dict(get_environ_proxies(base_url))
        bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
        if bundle:
            session.verify = bundle
        session.trust_env = False
    return session
