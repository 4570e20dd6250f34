"""A hostile ComfyUI look-alike: raw HTTP/1.1 and websocket framing written by hand.

The friendly fake (comfy_server.py) is built on aiohttp, which refuses to send most of what a
broken or malicious server can: lying Content-Length, a 1 GiB websocket frame header, endless
continuation frames, one byte every few seconds. This server writes bytes to the socket itself,
so each test scripts exactly what the client sees.

Scripting: `HostileServer.route(path, behaviour)`; `path` matches the request path (without the
query). A behaviour is an async callable `(request, writer) -> None` that writes whatever it
likes; the helpers below (`respond`, `trickle`, `endless_body`, `redirect`, `websocket`) build
the common ones. Every request is recorded in `requests` (method, path, headers), so a test can
assert what a second listener never received.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import struct
import threading
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field

_WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
_MAX_HEADER_BYTES = 64 * 1024


@dataclass(frozen=True)
class Request:
    method: str
    target: str  # path and query as sent
    headers: dict[str, str]  # lower-case names

    @property
    def path(self) -> str:
        return self.target.split("?", 1)[0]


Behaviour = Callable[[Request, asyncio.StreamWriter], Awaitable[None]]


@dataclass
class Counter:
    """Bytes a behaviour managed to write before the client hung up."""

    sent: int = 0
    done: threading.Event = field(default_factory=threading.Event)


class HostileServer:
    """Listens on 127.0.0.1 in a background thread; use as a context manager."""

    def __init__(self) -> None:
        self.routes: dict[str, Behaviour] = {}
        self.requests: list[Request] = []
        self.port = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._thread: threading.Thread | None = None
        self._started = threading.Event()
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def route(self, path: str, behaviour: Behaviour) -> HostileServer:
        self.routes[path] = behaviour
        return self

    def __enter__(self) -> HostileServer:
        self._thread = threading.Thread(target=self._run, name="HostileServer", daemon=True)
        self._thread.start()
        if not self._started.wait(30):
            raise RuntimeError("hostile server did not start")
        return self

    def __exit__(self, *exc: object) -> None:
        loop, stop = self._loop, self._stop
        if loop is not None and stop is not None:
            loop.call_soon_threadsafe(stop.set)
        if self._thread is not None:
            self._thread.join(30)

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._serve())
        finally:
            loop.close()

    async def _serve(self) -> None:
        stop = asyncio.Event()
        self._stop = stop
        server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = server.sockets[0].getsockname()[1]
        self._started.set()
        await stop.wait()
        server.close()
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        await server.wait_closed()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)  # type: ignore[arg-type]
        try:
            while True:
                request = await _read_request(reader)
                if request is None:
                    return
                self.requests.append(request)
                behaviour = self.routes.get(request.path, respond(404, b"not here"))
                await behaviour(request, writer)
                if request.headers.get("upgrade", "").lower() == "websocket":
                    return
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            return
        finally:
            self._tasks.discard(task)  # type: ignore[arg-type]
            writer.close()


async def _read_request(reader: asyncio.StreamReader) -> Request | None:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError):
        return None
    if len(head) > _MAX_HEADER_BYTES:
        return None
    lines = head.decode("latin-1").split("\r\n")
    method, target, _ = lines[0].split(" ", 2)
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0") or 0)
    if length:
        await reader.readexactly(length)
    return Request(method, target, headers)


def _head(status: int, headers: Iterable[tuple[str, str]]) -> bytes:
    lines = [f"HTTP/1.1 {status} Whatever"] + [f"{k}: {v}" for k, v in headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


# --- HTTP behaviours ------------------------------------------------------------------------


def respond(
    status: int,
    body: bytes,
    *,
    content_type: str = "application/json",
    content_length: int | None = None,
    extra_headers: Iterable[tuple[str, str]] = (),
) -> Behaviour:
    """One answer. `content_length` may lie (say more than `body`); the connection then closes."""

    async def behaviour(request: Request, writer: asyncio.StreamWriter) -> None:
        declared = len(body) if content_length is None else content_length
        headers = [("Content-Type", content_type), ("Content-Length", str(declared))]
        writer.write(_head(status, [*headers, *extra_headers]) + body)
        await writer.drain()
        if declared != len(body):
            writer.close()
            raise ConnectionError("lied about the length")

    return behaviour


def trickle(
    *, interval: float, in_headers: bool = False, counter: Counter | None = None
) -> Behaviour:
    """Slowloris: one byte every `interval` seconds, forever (in the headers or the body)."""

    async def behaviour(request: Request, writer: asyncio.StreamWriter) -> None:
        if in_headers:
            writer.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
            byte = b"a"  # a header line that never ends
        else:
            writer.write(_head(200, [("Content-Type", "application/json")]) + b"[")
            byte = b" "  # JSON whitespace that never ends
        while True:
            writer.write(byte)
            await writer.drain()
            if counter is not None:
                counter.sent += 1
            await asyncio.sleep(interval)

    return behaviour


def endless_body(*, content_type: str = "image/png", counter: Counter | None = None) -> Behaviour:
    """200 without Content-Length, then bytes until the client hangs up."""

    async def behaviour(request: Request, writer: asyncio.StreamWriter) -> None:
        writer.write(_head(200, [("Content-Type", content_type), ("Connection", "close")]))
        chunk = b"\0" * 65536
        try:
            while True:
                writer.write(chunk)
                await writer.drain()
                if counter is not None:
                    counter.sent += len(chunk)
        finally:
            if counter is not None:
                counter.done.set()

    return behaviour


def redirect(location: str, *, status: int = 302) -> Behaviour:
    return respond(status, b"", content_type="text/plain", extra_headers=[("Location", location)])


# --- websocket ------------------------------------------------------------------------------


def frame(opcode: int, payload: bytes, *, fin: bool = True, declared: int | None = None) -> bytes:
    """A server frame (unmasked). `declared` overrides the length field (to lie about it)."""
    length = len(payload) if declared is None else declared
    first = (0x80 if fin else 0) | opcode
    if length < 126:
        header = struct.pack("!BB", first, length)
    elif length < 1 << 16:
        header = struct.pack("!BBH", first, 126, length)
    else:
        header = struct.pack("!BBQ", first, 127, length)
    return header + payload


TEXT, BINARY, CONTINUATION, CLOSE = 0x1, 0x2, 0x0, 0x8

WebsocketScript = Callable[[asyncio.StreamWriter], Awaitable[None]]


def websocket(script: WebsocketScript) -> Behaviour:
    """Accept the upgrade, then run `script` (which writes frames), then keep the socket open."""

    async def behaviour(request: Request, writer: asyncio.StreamWriter) -> None:
        key = request.headers.get("sec-websocket-key", "")
        accept = base64.b64encode(hashlib.sha1((key + _WS_GUID).encode()).digest()).decode()
        writer.write(
            _head(
                101,
                [
                    ("Upgrade", "websocket"),
                    ("Connection", "Upgrade"),
                    ("Sec-WebSocket-Accept", accept),
                ],
            )
        )
        await writer.drain()
        await script(writer)
        await asyncio.sleep(3600)  # hold the socket; the client decides when it is over

    return behaviour


def send_frames(*frames: bytes) -> WebsocketScript:
    async def script(writer: asyncio.StreamWriter) -> None:
        for data in frames:
            writer.write(data)
            await writer.drain()

    return script


def huge_frame(declared: int, counter: Counter) -> WebsocketScript:
    """A binary frame claiming `declared` bytes, then zeros until the client hangs up."""

    async def script(writer: asyncio.StreamWriter) -> None:
        writer.write(frame(BINARY, b"", declared=declared))
        chunk = b"\0" * 65536
        try:
            while counter.sent < declared:
                writer.write(chunk)
                await writer.drain()
                counter.sent += len(chunk)
        finally:
            counter.done.set()

    return script


def endless_continuations(counter: Counter) -> WebsocketScript:
    """A text message that never ends: fin=0 text frame, then 64 KiB continuation frames."""

    async def script(writer: asyncio.StreamWriter) -> None:
        writer.write(frame(TEXT, b"[", fin=False))
        piece = frame(CONTINUATION, b" " * 65536, fin=False)
        try:
            while True:
                writer.write(piece)
                await writer.drain()
                counter.sent += len(piece)
        finally:
            counter.done.set()

    return script
