"""How the client's requests travel: a small pool of kept-alive connections (answers read by
http.client) for a plain `http://` server reached directly, requests (urllib3) for HTTPS and for
a server behind a proxy.

A call through requests cost ~1.1-1.5 ms of CPU, against ~0.25 ms straight through http.client,
and a job makes several calls; a local ComfyUI is almost always plain HTTP and direct. Proxies
are resolved once per server (`for_server`), from the environment as requests reads it.

Both transports give the client the same `Reply` and raise only `TransportTimeout`
(a connect or a read timed out) and `TransportError` (the connection failed or dropped; `reason`
says how, in the words the client's messages use), and `BodyTooLarge` from `Reply.body`. Every
connection registers its socket with the calling thread's `Deadline` (deadline.py), so a whole
call can be cut at its deadline.

The plain pool writes each request in one piece (`_Connection`, not HTTPConnection), and its
answers parse their headers without the email package (`_Response`): that parser was two thirds
of http.client's CPU per call.
"""

from __future__ import annotations

import contextlib
import errno
import http.client
import itertools
import re
import select
import socket
import threading
from collections.abc import Iterator, Mapping
from typing import IO, Any, Protocol
from urllib.parse import urlsplit

import requests
from requests.utils import get_environ_proxies, select_proxy

from studio_desktop.core.comfy.deadline import watch_socket, watched_session

_POOL_SIZE = 8  # idle connections kept per server: the engine runs a few calls at once
_CHUNK = 64 * 1024  # a body of unknown length is read in pieces of this size
# As http.client bounds an answer's head: a line, and the number of header lines.
_MAX_LINE = 65536
_MAX_HEADERS = 100


class TransportTimeout(Exception):
    """Connecting or a read took longer than the per-read timeout."""


class TransportError(Exception):
    """The connection failed, or dropped before the answer was whole."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class BodyTooLarge(Exception):
    """The body is longer than the reader's limit (its declared length, or what came)."""


class Reply(Protocol):
    """An answer whose body is still to be read; close it, read or not."""

    @property
    def status(self) -> int: ...

    def header(self, name: str) -> str | None: ...

    def chunks(self, size: int) -> Iterator[bytes]:
        """The body in pieces of at most `size` bytes (the last may be shorter)."""
        ...

    def body(self, limit: int) -> bytes:
        """The whole body; BodyTooLarge as soon as it (or its declared length) passes `limit`."""
        ...

    def close(self) -> None: ...


class Transport(Protocol):
    def send(
        self, method: str, url: str, headers: Mapping[str, str], body: bytes | None
    ) -> Reply: ...

    def close(self) -> None: ...


def for_server(base_url: str, timeout: float) -> Transport:
    """The transport for one server: direct http.client when the server is plain HTTP and no
    proxy applies to it, else requests (HTTPS, proxies, CA bundles from the environment)."""
    parts = urlsplit(base_url)
    direct = select_proxy(base_url, get_environ_proxies(base_url)) is None
    if parts.scheme == "http" and parts.hostname and direct:
        return PlainPool(parts.hostname, parts.port or 80, timeout)
    return RequestsTransport(base_url, timeout)


# --- plain HTTP: kept alive, answers read by http.client ------------------------------------------


class PlainPool:
    """Kept-alive connections to one host; thread-safe. A connection goes back to the pool only
    once its answer was read to the end (the next answer would start inside it)."""

    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.host = host
        self.port = port
        self.timeout = timeout
        self._lock = threading.Lock()
        self._idle: list[_Connection] = []
        self._closed = False

    def send(self, method: str, url: str, headers: Mapping[str, str], body: bytes | None) -> Reply:
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        conn = self._take()
        try:
            if conn.sock is None:
                conn.connect()
            watch_socket(conn.sock)
            response = conn.request(method, target, headers, body)
        except _FAILURES as exc:
            conn.close()
            raise _mapped(exc) from exc
        except BaseException:
            conn.close()
            raise
        return _PlainReply(self, conn, response)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()

    def _take(self) -> _Connection:
        with self._lock:
            while self._idle:
                conn = self._idle.pop()
                if not _dropped(conn.sock):
                    return conn
                conn.close()  # the server closed it while it idled (keep-alive timeout)
        return _Connection(self.host, self.port, self.timeout)

    def give_back(self, conn: _Connection) -> None:
        with self._lock:
            if not self._closed and len(self._idle) < _POOL_SIZE:
                self._idle.append(conn)
                return
        conn.close()


class _Connection:
    """One kept-alive HTTP/1.1 connection: the request written in one piece, its answer read by
    http.client's HTTPResponse (`_Response`). HTTPConnection's own way there (a state machine,
    the request assembled a header at a time, each checked and encoded on its own) cost more
    CPU than a local answer takes to arrive. Its checks stay: a target with a control character
    or a space is InvalidURL, a header name or value that would end its line is ValueError, the
    request line is ASCII and header values Latin-1 (UnicodeEncodeError otherwise)."""

    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.host = host
        self.port = port
        self.timeout = timeout
        self.sock: socket.socket | None = None
        self._fixed = f"Host: {_host_header(host, port)}\r\nAccept-Encoding: identity\r\n"

    def connect(self) -> None:
        self.sock = socket.create_connection((self.host, self.port), self.timeout)
        with contextlib.suppress(OSError):  # as http.client: small requests go out at once
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def request(
        self, method: str, target: str, headers: Mapping[str, str], body: bytes | None
    ) -> _Response:
        assert self.sock is not None
        if _BAD_TARGET.search(target):
            raise http.client.InvalidURL(f"URL can't contain control characters. {target!r}")
        lines = [self._fixed]  # in http.client's order: Host, Accept-Encoding, length, ours
        if body is not None:
            lines.append(f"Content-Length: {len(body)}\r\n")
        elif method in ("PATCH", "POST", "PUT"):  # as http.client: an empty body, said so
            lines.append("Content-Length: 0\r\n")
        for name, value in headers.items():
            if not _HEADER_NAME.fullmatch(name):
                raise ValueError(f"Invalid header name {name!r}")
            if _BAD_HEADER_VALUE.search(value):
                raise ValueError(f"Invalid header value {value!r}")
            lines.append(f"{name}: {value}\r\n")
        lines.append("\r\n")
        head = f"{method} {target or '/'} HTTP/1.1\r\n".encode("ascii")
        self.sock.sendall(head + "".join(lines).encode("latin-1") + (body or b""))
        response = _Response(self.sock, method=method)
        try:
            response.begin()
        except BaseException:
            response.close()
            raise
        return response

    def close(self) -> None:
        sock, self.sock = self.sock, None
        if sock is not None:
            sock.close()


def _host_header(host: str, port: int) -> str:
    """The Host header http.client sends: IPv6 in brackets, IDNA for a non-ASCII name, the port
    unless it is 80."""
    try:
        name = host.encode("ascii").decode("ascii")
    except UnicodeEncodeError:
        name = host.encode("idna").decode("ascii")
    if ":" in name:
        name = f"[{name}]"
    return name if port == 80 else f"{name}:{port}"


# http.client's checks of what it sends (its _contains_disallowed_url_pchar_re,
# _is_legal_header_name and _is_illegal_header_value), on text.
_BAD_TARGET = re.compile("[\x00-\x20\x7f]")
_HEADER_NAME = re.compile(r"[^:\s][^:\r\n]*")
_BAD_HEADER_VALUE = re.compile(r"\n(?![ \t])|\r(?![ \t\n])")


class _PlainReply:
    def __init__(
        self, pool: PlainPool, conn: _Connection, response: http.client.HTTPResponse
    ) -> None:
        self._pool = pool
        self._conn: _Connection | None = conn
        self._response = response
        self._whole = False
        self.status = response.status

    def header(self, name: str) -> str | None:
        return self._response.getheader(name)

    def chunks(self, size: int) -> Iterator[bytes]:
        response = self._response
        while True:
            try:
                data = response.read(size)
            except _FAILURES as exc:
                raise _mapped(exc) from exc
            if not data:
                break
            yield data
        if response.length:  # http.client ends a body cut short quietly: not a whole answer
            raise TransportError(_DROPPED_MID_ANSWER)
        self._whole = True

    def body(self, limit: int) -> bytes:
        response = self._response
        length = response.length  # what http.client will read; None: chunked, or until closed
        if length is None:
            return gathered(self.chunks(_CHUNK), limit)
        if length > limit:
            raise BodyTooLarge
        try:
            data = response.read()  # checks the length: IncompleteRead if cut short
        except _FAILURES as exc:
            raise _mapped(exc) from exc
        self._whole = True
        return data

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is None:
            return
        if self._whole and not self._response.will_close:
            self._pool.give_back(conn)
        else:  # unread body or a server that closes: the connection cannot carry another call
            self._response.close()
            conn.close()


def gathered(chunks: Iterator[bytes], limit: int) -> bytes:
    """The pieces joined; BodyTooLarge as soon as they pass `limit`."""
    parts: list[bytes] = []
    total = 0
    for chunk in chunks:
        parts.append(chunk)
        total += len(chunk)
        if total > limit:
            raise BodyTooLarge
    return b"".join(parts)


class _Headers(http.client.HTTPMessage):
    """An answer's headers as http.client's HTTPMessage holds them, with `get` and `get_all`
    answered from an index by lower-case name instead of a scan through the email policy."""

    def __init__(self) -> None:
        super().__init__()
        self._index: dict[str, list[str]] = {}

    def add(self, name: str, value: str) -> None:
        self._headers.append((name, value))  # type: ignore[attr-defined]
        self._index.setdefault(name.lower(), []).append(value)

    def get(self, name: str, failobj: Any = None) -> Any:
        values = self._index.get(name.lower())
        return values[0] if values else failobj

    def get_all(self, name: str, failobj: Any = None) -> Any:
        values = self._index.get(name.lower())
        return list(values) if values else failobj


def _read_head(fp: IO[bytes]) -> _Headers:
    """The header lines up to the blank one, bounded as http.client bounds them, parsed as the
    email package parses them: `Name: value`, leading blanks of the value dropped, a line that
    starts with a blank continuing the previous value; a line without a colon ends the headers
    (what follows was never a header), one that starts with a colon is skipped."""
    headers = _Headers()
    name: str | None = None
    value = ""
    ended = False
    for count in itertools.count(1):
        raw = fp.readline(_MAX_LINE + 1)
        if len(raw) > _MAX_LINE:
            raise http.client.LineTooLong("header line")
        if count > _MAX_HEADERS:
            raise http.client.HTTPException(f"got more than {_MAX_HEADERS} headers")
        if raw in (b"\r\n", b"\n", b""):
            break
        if ended:
            continue
        line = raw.decode("iso-8859-1")
        if line[0] in " \t":
            if name is not None:
                value += line
            continue
        if name is not None:
            headers.add(name, value.rstrip("\r\n"))
            name = None
        colon = line.find(":")
        if colon < 0:
            ended = True
        elif colon > 0:
            name, value = line[:colon], line[colon + 1 :].lstrip(" \t")
    if name is not None:
        headers.add(name, value.rstrip("\r\n"))
    return headers


class _Response(http.client.HTTPResponse):
    """http.client's answer, its head parsed by `_read_head` (see the module's docstring)."""

    def begin(self) -> None:
        # http.client's own begin(), but for the header parser.
        if self.headers is not None:
            return
        while True:
            version, status, reason = self._read_status()
            if status != http.client.CONTINUE:
                break
            _read_head(self.fp)  # the headers of a 100 Continue
        self.code = self.status = status
        self.reason = reason.strip()
        if version in ("HTTP/1.0", "HTTP/0.9"):
            self.version = 10
        elif version.startswith("HTTP/1."):
            self.version = 11
        else:
            raise http.client.UnknownProtocol(version)
        self.headers = self.msg = _read_head(self.fp)
        transfer = self.headers.get("transfer-encoding")
        self.chunked = bool(transfer and transfer.lower() == "chunked")
        self.chunk_left = None
        self.will_close = self._check_close()
        self.length = _length(self.headers.get("content-length"), self.chunked)
        method = self._method
        if status in (204, 304) or 100 <= status < 200 or method == "HEAD":
            self.length = 0
        if not self.will_close and not self.chunked and self.length is None:
            self.will_close = True  # no length: the body ends when the connection closes


def _length(declared: str | None, chunked: bool) -> int | None:
    """The body length http.client takes from Content-Length: none when chunked, not a
    number or negative."""
    if not declared or chunked:
        return None
    try:
        length = int(declared)
    except ValueError:
        return None
    return length if length >= 0 else None


def _dropped(sock: socket.socket | None) -> bool:
    """True when an idle kept-alive socket is readable: the server closed it (or sent junk)."""
    if sock is None:
        return True
    try:
        if hasattr(select, "poll"):
            poller = select.poll()
            poller.register(sock, select.POLLIN)
            return bool(poller.poll(0))
        return bool(select.select([sock], [], [], 0)[0])
    except (OSError, ValueError):
        return True


_DROPPED_MID_ANSWER = "connection dropped mid-answer"
_CLOSED_BY_SERVER = "connection closed by the server"
_FAILURES = (OSError, http.client.HTTPException)  # what a connection, a send or a read raises


def _mapped(exc: OSError | http.client.HTTPException) -> TransportTimeout | TransportError:
    """http.client's and the socket's failures as the transport's two errors."""
    if isinstance(exc, TimeoutError):
        return TransportTimeout(str(exc))
    if isinstance(exc, http.client.IncompleteRead):
        return TransportError(_DROPPED_MID_ANSWER)
    if isinstance(exc, http.client.RemoteDisconnected | BrokenPipeError | ConnectionAbortedError):
        return TransportError(_CLOSED_BY_SERVER)
    if isinstance(exc, ConnectionRefusedError):
        return TransportError("connection refused")
    if isinstance(exc, ConnectionResetError):
        return TransportError("connection reset")
    if isinstance(exc, socket.gaierror):
        return TransportError("server name not found")
    if isinstance(exc, http.client.HTTPException):
        # A status line or header that is not HTTP: what requests called "Connection aborted".
        return TransportError(_CLOSED_BY_SERVER)
    if isinstance(exc, OSError) and exc.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH):
        return TransportError("no route to host")
    return TransportError(type(exc).__name__)


# --- HTTPS and proxies: requests ------------------------------------------------------------------


class RequestsTransport:
    """requests' session for one server, with the environment read once (watched_session)."""

    def __init__(self, base_url: str, timeout: float) -> None:
        self.timeout = timeout
        self._session = watched_session(base_url)

    def send(self, method: str, url: str, headers: Mapping[str, str], body: bytes | None) -> Reply:
        try:
            response = self._session.request(
                method,
                url,
                headers=dict(headers),
                data=body,
                timeout=self.timeout,
                stream=True,
                allow_redirects=False,
            )
        except requests.Timeout as exc:
            raise TransportTimeout(str(exc)) from exc
        except requests.RequestException as exc:
            raise TransportError(requests_reason(exc)) from exc
        return _RequestsReply(response)

    def close(self) -> None:
        self._session.close()


class _RequestsReply:
    def __init__(self, response: requests.Response) -> None:
        self._response = response
        self.status = response.status_code

    def header(self, name: str) -> str | None:
        return self._response.headers.get(name)

    def chunks(self, size: int) -> Iterator[bytes]:
        try:
            yield from self._response.iter_content(size)
        except requests.Timeout as exc:
            raise TransportTimeout(str(exc)) from exc
        except requests.RequestException as exc:
            raise TransportError(requests_reason(exc)) from exc

    def body(self, limit: int) -> bytes:
        declared = self.header("Content-Length") or ""
        if declared.isdigit():
            size = int(declared)
            if size > limit:
                raise BodyTooLarge
            # Within the cap: read it in one piece, joined without another copy.
            return b"".join(self.chunks(max(size, 1)))
        return gathered(self.chunks(_CHUNK), limit)

    def close(self) -> None:
        self._response.close()


_REASONS = (
    ("refused", "connection refused"),
    ("Name or service not known", "server name not found"),
    ("nodename nor servname", "server name not found"),
    ("getaddrinfo failed", "server name not found"),
    ("No route to host", "no route to host"),
    ("Connection reset", "connection reset"),
    ("RemoteDisconnected", _CLOSED_BY_SERVER),
    ("Connection aborted", _CLOSED_BY_SERVER),
    ("IncompleteRead", _DROPPED_MID_ANSWER),
    ("CERTIFICATE_VERIFY_FAILED", "TLS certificate not trusted"),
)


def requests_reason(exc: BaseException) -> str:
    # requests buries the useful part ("Connection refused") inside nested urllib3 messages.
    text = str(exc)
    for needle, reason in _REASONS:
        if needle in text:
            return reason
    return type(exc).__name__
