"""An overall deadline for one HTTP call, enforced by cutting its socket.

requests (urllib3) only has a per-read timeout: a server that sends one byte every few seconds
never trips it. A `Deadline` is entered around a whole call on the calling thread; the
connections of a session made by `watched_session` register their socket with the deadline of
the thread using them, and when it expires a timer thread shuts those sockets down. The blocked
read then fails at once, and the caller sees `expired` and reports a timeout.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
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


class Deadline:
    """`with Deadline(seconds) as d:` around one call; `d.expired` tells whether it was cut."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._expired = False
        self._over = False
        self._previous: Deadline | None = None
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.name = "ComfyDeadline"

    @property
    def expired(self) -> bool:
        return self._expired

    def __enter__(self) -> Deadline:
        self._previous = getattr(_current, "deadline", None)
        _current.deadline = self
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
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


def _watch(sock: socket.socket | None) -> None:
    deadline: Deadline | None = getattr(_current, "deadline", None)
    if deadline is not None and sock is not None:
        deadline.watch(sock)


class _Watching:
    """Mixed into urllib3's connections: a new connection registers with the calling thread's
    deadline once connected; a pooled one each time it sends a request."""

    sock: socket.socket | None

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        _watch(self.sock)

    def request(self, *args: Any, **kwargs: Any) -> None:
        _watch(self.sock)
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
