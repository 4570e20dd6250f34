"""The plain transport's failures read as they did through requests (issue 12): the words the
client's messages use, a timeout as a timeout. Its answers' heads read as http.client's own
parser reads them, and bodies are capped however they are framed."""

from __future__ import annotations

import contextlib
import errno
import http.client
import io
import socket
import threading
from collections.abc import Iterator

import pytest

from studio_desktop.core.comfy.transport import (
    BodyTooLarge,
    PlainPool,
    TransportError,
    TransportTimeout,
    _Connection,
    _mapped,
    _read_head,
)


@pytest.mark.parametrize(
    ("failure", "reason"),
    [
        (ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"), "connection refused"),
        (socket.gaierror(-2, "Name or service not known"), "server name not found"),
        (OSError(errno.EHOSTUNREACH, "No route to host"), "no route to host"),
        (ConnectionResetError(errno.ECONNRESET, "reset"), "connection reset"),
        (http.client.RemoteDisconnected("closed"), "connection closed by the server"),
        (BrokenPipeError(errno.EPIPE, "pipe"), "connection closed by the server"),
        (http.client.IncompleteRead(b"{", 10), "connection dropped mid-answer"),
        (http.client.BadStatusLine("junk"), "connection closed by the server"),
        (OSError(errno.EIO, "odd"), "OSError"),
    ],
)
def test_failures_keep_the_reasons_users_saw(
    failure: OSError | http.client.HTTPException, reason: str
) -> None:
    mapped = _mapped(failure)
    assert isinstance(mapped, TransportError)
    assert mapped.reason == reason


def test_a_socket_timeout_is_a_timeout() -> None:
    assert isinstance(_mapped(TimeoutError("timed out")), TransportTimeout)


# --- the plain pool's answers: heads parsed without the email package, bodies read whole -------

HEADS = [
    b"Content-Type: application/json; charset=utf-8\r\nContent-Length: 2\r\n"
    b"Date: Sat, 05 Dec 2026 11:35:01 GMT\r\nServer: Python/3.11 aiohttp/3.14.5\r\n\r\n",
    b"Set-Cookie: a=1\r\nset-cookie: b=2\r\nSET-COOKIE:c=3\r\n\r\n",  # repeated, any case
    b"X-Folded: first\r\n  second\r\n\tthird\r\nX-After: yes\r\n\r\n",  # obsolete folding
    b"X-Space:   padded  \r\nX-Empty:\r\nX-Tab:\tvalue\n\n",  # blanks kept at the end; bare LF
    b": no name\r\nX-Kept: 1\r\n\r\n",  # a line starting with a colon is skipped
    b"X-First: 1\r\nnot a header\r\nX-Hidden: 2\r\n\r\n",  # no colon: the headers end there
    b"X-Latin: caf\xe9\r\n\r\n",
]


@pytest.mark.parametrize("head", HEADS)
def test_a_head_reads_as_http_client_reads_it(head: bytes) -> None:
    ours = _read_head(io.BytesIO(head))
    theirs = http.client.parse_headers(io.BytesIO(head))
    assert ours.items() == theirs.items()
    for name in {n.lower() for n in theirs} | {"x-hidden", "missing"}:
        assert ours.get(name) == theirs.get(name)
        assert ours.get_all(name) == theirs.get_all(name)


def test_a_head_of_too_many_lines_is_refused() -> None:
    head = b"".join(b"X-%d: 1\r\n" % i for i in range(101)) + b"\r\n"
    with pytest.raises(http.client.HTTPException, match="more than 100 headers"):
        _read_head(io.BytesIO(head))


def test_a_head_line_too_long_is_refused() -> None:
    with pytest.raises(http.client.LineTooLong):
        _read_head(io.BytesIO(b"X-Long: " + b"x" * 70_000 + b"\r\n\r\n"))


@contextlib.contextmanager
def _answering(*answers: bytes, linger: bool = True) -> Iterator[PlainPool]:
    """A pool to a one-connection server that sends `answers` in turn, one per request read,
    then (`linger`) waits for the client to let go, or closes."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            for answer in answers:
                request = b""
                while b"\r\n\r\n" not in request:
                    request += conn.recv(65536)
                conn.sendall(answer)
            if linger:
                conn.recv(1)

    server = threading.Thread(target=serve, daemon=True)
    server.start()
    pool = PlainPool("127.0.0.1", port, timeout=10)
    try:
        yield pool
    finally:
        pool.close()
        listener.close()
        server.join(10)


def test_an_answer_after_100_continue_is_read() -> None:
    answer = (
        b"HTTP/1.1 100 Continue\r\nX-Early: 1\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"
    )
    with _answering(answer) as pool:
        reply = pool.send("GET", "http://127.0.0.1/queue", {}, None)
        assert reply.status == 200 and reply.header("X-Early") is None
        assert reply.body(100) == b"{}"
        reply.close()


def test_a_body_of_known_length_is_read_whole_and_the_connection_kept() -> None:
    first = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"
    second = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"
    with _answering(first, second) as pool:
        reply = pool.send("GET", "http://127.0.0.1/view", {}, None)
        assert reply.body(5) == b"hello"
        reply.close()
        reply = pool.send("GET", "http://127.0.0.1/queue", {}, None)  # the same connection
        assert reply.body(5) == b"{}"
        reply.close()


def test_a_declared_length_over_the_limit_is_refused_before_reading() -> None:
    with _answering(b"HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n") as pool:
        reply = pool.send("GET", "http://127.0.0.1/view", {}, None)
        with pytest.raises(BodyTooLarge):
            reply.body(999_999)
        reply.close()


def test_a_chunked_body_is_capped_whatever_length_it_declares() -> None:
    chunk = b"%x\r\n%s\r\n" % (1000, b"x" * 1000)
    answer = (
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 10\r\n\r\n"
        + chunk * 5
        + b"0\r\n\r\n"
    )
    with _answering(answer, answer) as pool:
        reply = pool.send("GET", "http://127.0.0.1/view", {}, None)
        assert reply.body(5000) == b"x" * 5000
        reply.close()
        reply = pool.send("GET", "http://127.0.0.1/view", {}, None)
        with pytest.raises(BodyTooLarge):
            reply.body(4999)
        reply.close()


def test_a_body_cut_short_is_a_dropped_connection() -> None:
    answer = b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"
    with _answering(answer, linger=False) as pool:
        reply = pool.send("GET", "http://127.0.0.1/view", {}, None)
        with pytest.raises(TransportError, match="dropped mid-answer"):
            reply.body(100)
        reply.close()


def _sent_by_http_client(
    host: str, port: int, method: str, target: str, headers: dict[str, str], body: bytes | None
) -> bytes:
    ours, theirs = socket.socketpair()
    with ours, theirs:
        conn = http.client.HTTPConnection(host, port)
        conn.sock = ours
        conn.request(method, target, body=body, headers=headers)
        theirs.settimeout(5)
        return theirs.recv(1 << 20)


def _sent_by_us(
    host: str, port: int, method: str, target: str, headers: dict[str, str], body: bytes | None
) -> bytes:
    ours, theirs = socket.socketpair()
    with ours, theirs:
        theirs.sendall(b"HTTP/1.1 204 No Content\r\n\r\n")  # waiting for our request to read
        conn = _Connection(host, port, timeout=5)
        conn.sock = ours
        conn.request(method, target, headers, body).close()
        theirs.settimeout(5)
        return theirs.recv(1 << 20)


@pytest.mark.parametrize(
    ("host", "port", "method", "target", "headers", "body"),
    [
        ("127.0.0.1", 8188, "GET", "/history/abc", {"Accept": "application/json"}, None),
        ("localhost", 80, "GET", "/view?filename=a.png&type=output", {}, None),
        ("::1", 8188, "GET", "/queue", {"Authorization": "Bearer t0ken"}, None),
        (
            "127.0.0.1",
            8188,
            "POST",
            "/prompt",
            {"Accept": "application/json", "Content-Type": "application/json"},
            b'{"prompt": {}}',
        ),
        ("127.0.0.1", 8188, "POST", "/interrupt", {}, None),
    ],
)
def test_a_request_goes_out_byte_for_byte_as_http_client_sends_it(
    host: str, port: int, method: str, target: str, headers: dict[str, str], body: bytes | None
) -> None:
    expected = _sent_by_http_client(host, port, method, target, headers, body)
    assert _sent_by_us(host, port, method, target, headers, body) == expected


@pytest.mark.parametrize(
    ("target", "headers", "refused"),
    [
        ("/view?filename=a b.png", {}, http.client.InvalidURL),
        ("/view\r\nX-Injected: 1", {}, http.client.InvalidURL),
        ("/queue", {"Authorization": "Bearer x\r\nX-Injected: 1"}, ValueError),
        ("/queue", {"Bad Name:": "x"}, ValueError),
        ("/caf\u00e9", {}, UnicodeEncodeError),
    ],
)
def test_a_request_http_client_would_refuse_is_refused_before_sending(
    target: str, headers: dict[str, str], refused: type[Exception]
) -> None:
    with pytest.raises(refused):
        _sent_by_http_client("127.0.0.1", 8188, "GET", target, headers, None)
    ours, theirs = socket.socketpair()
    with ours, theirs:
        conn = _Connection("127.0.0.1", 8188, timeout=5)
        conn.sock = ours
        with pytest.raises(refused):
            conn.request("GET", target, headers, None)
        theirs.setblocking(False)
        with pytest.raises(BlockingIOError):
            theirs.recv(1)  # nothing went out
