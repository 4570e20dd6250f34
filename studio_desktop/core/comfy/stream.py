"""Blocking reader of ComfyUI's websocket (`/ws?clientId=...`) that survives drops.

One thread calls `next_event`; any thread may call `close`. The socket is read with a short
timeout so a close from another thread is noticed within `POLL_SECONDS`. A dropped socket yields
`Disconnected`, then the stream reconnects with the same client id (ComfyUI keeps routing our
prompts' events to it) and yields `Reconnected`.

Bounded (limits.py): a message over `max_message_bytes` drops the socket before it is buffered,
the opening handshake has an overall deadline, and a redirect answer to the upgrade is never
followed (websocket-client would resend our Authorization header to wherever it points).
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from urllib.parse import quote

import websocket

from studio_desktop.core.comfy import limits
from studio_desktop.core.comfy.bounded_ws import BoundedWebSocket
from studio_desktop.core.comfy.client import normalize_base_url
from studio_desktop.core.comfy.deadline import call_later, cut
from studio_desktop.core.comfy.errors import ComfyAuthError, ComfyConnectionError
from studio_desktop.core.comfy.events import (
    Disconnected,
    Event,
    Reconnected,
    parse_binary,
    parse_text,
)
from studio_desktop.core.comfy.text import server_text

_FEATURE_FLAGS = json.dumps({"type": "feature_flags", "data": {"supports_preview_metadata": True}})


def ws_url(base_url: str, client_id: str) -> str:
    """The websocket address for `base_url` (http -> ws, https -> wss, path prefix kept)."""
    base = normalize_base_url(base_url)
    scheme, rest = base.split("://", 1)
    return f"{'wss' if scheme == 'https' else 'ws'}://{rest}/ws?clientId={quote(client_id)}"


class EventStream:
    """Typed events of one client id on one server. Use as a context manager or call close()."""

    POLL_SECONDS = 0.1  # longest a blocked read ignores close()
    CONNECT_TIMEOUT_SECONDS = 5.0
    # A silent socket may be a dead peer (no FIN, e.g. a sleeping laptop): probe it with a ping.
    PING_AFTER_SECONDS = 20.0
    PONG_TIMEOUT_SECONDS = 20.0

    def __init__(
        self,
        base_url: str,
        client_id: str,
        *,
        auth_header: str | None = None,
        preview_metadata: bool = True,
        reconnect_backoff: tuple[float, float] = (0.25, 5.0),
        max_reconnect_seconds: float | None = None,
        max_message_bytes: int = limits.MAX_WS_MESSAGE_BYTES,
    ) -> None:
        self.base_url = normalize_base_url(base_url)
        self.client_id = client_id
        self.url = ws_url(self.base_url, client_id)
        self._headers = [f"Authorization: {auth_header}"] if auth_header else []
        self._preview_metadata = preview_metadata
        self._backoff_min, self._backoff_max = reconnect_backoff
        self._max_reconnect_seconds = max_reconnect_seconds
        self._max_message_bytes = max_message_bytes

        self._ws: BoundedWebSocket | None = None
        self._io_lock = threading.Lock()  # held by whoever touches the socket
        self._closing = threading.Event()  # for waits; read as `_closed`, set together
        # The same as _closing.is_set() without its Python call, checked a few times per frame.
        self._closed = False
        self._connected_once = False
        self._down_since = 0.0
        self._next_attempt = 0.0
        self._delay = self._backoff_min
        self._last_rx = 0.0
        self._ping_sent_at: float | None = None

    def __enter__(self) -> EventStream:
        self.connect()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def connected(self) -> bool:
        return self._ws is not None

    def connect(self) -> None:
        """Open the socket. Raises ComfyConnectionError (ComfyAuthError on 401/403) on failure."""
        with self._io_lock:
            if self._closed:
                raise ComfyConnectionError(self.base_url, "the event stream was closed")
            if self._ws is None:
                self._open()
                self._connected_once = True
        self._close_if_requested()

    def close(self) -> None:
        """Close the socket; safe from any thread. A blocked next_event returns None promptly."""
        self._closed = True
        self._closing.set()
        self._close_if_requested()

    def next_event(self, timeout: float) -> Event | None:
        """The next event, or None after `timeout` seconds (or once closed).

        Raises ComfyConnectionError only when reconnecting has failed for longer than
        `max_reconnect_seconds`, and ComfyAuthError if the server starts refusing our token.
        """
        timeout = max(0.0, timeout)
        deadline = time.monotonic() + timeout
        if not self._io_lock.acquire(timeout=timeout):
            return None
        try:
            if self._closed:
                return None
            if not self._connected_once:
                raise RuntimeError("EventStream.connect() must be called before next_event()")
            return self._next(deadline)
        finally:
            self._io_lock.release()
            if self._closed:
                self._close_if_requested()

    # --- internals (caller holds _io_lock) ------------------------------------------------

    def _next(self, deadline: float) -> Event | None:
        while not self._closed:
            if self._ws is None:
                return self._reconnect(deadline)
            now = time.monotonic()
            if now >= deadline:
                return None
            if self._ping_sent_at is not None or now - self._last_rx > self.PING_AFTER_SECONDS:
                dropped = self._check_alive(now)  # a probe is due or awaits its answer
                if dropped is not None:
                    return dropped
            try:
                # The timeout is set on the socket only if it must be read: most frames of a
                # burst were read ahead with an earlier one.
                opcode, data = self._ws.recv_message(
                    timeout=max(0.01, min(self.POLL_SECONDS, deadline - now)), control_frame=True
                )
            except websocket.WebSocketTimeoutException:
                continue
            except (websocket.WebSocketException, OSError) as exc:
                return self._dropped(_describe(exc))
            self._last_rx = time.monotonic()
            self._ping_sent_at = None
            if opcode == websocket.ABNF.OPCODE_TEXT:
                event = parse_text(data)
            elif opcode == websocket.ABNF.OPCODE_BINARY:
                event = parse_binary(data)
            elif opcode == websocket.ABNF.OPCODE_CLOSE:
                return self._dropped("the server closed the connection")
            else:  # ping/pong: liveness only
                event = None
            if event is not None:
                return event
        return None

    def _check_alive(self, now: float) -> Disconnected | None:
        assert self._ws is not None
        if self._ping_sent_at is not None:
            if now - self._ping_sent_at > self.PONG_TIMEOUT_SECONDS:
                return self._dropped("the server stopped answering")
        elif now - self._last_rx > self.PING_AFTER_SECONDS:
            try:
                self._ws.ping()
            except (websocket.WebSocketException, OSError) as exc:
                return self._dropped(_describe(exc))
            self._ping_sent_at = now
        return None

    def _dropped(self, reason: str) -> Disconnected:
        self._close_socket(polite=False)
        now = time.monotonic()
        self._down_since = now
        self._delay = self._backoff_min
        self._next_attempt = now + self._delay
        return Disconnected(reason=reason)

    def _reconnect(self, deadline: float) -> Reconnected | None:
        while not self._closed:
            now = time.monotonic()
            if now < self._next_attempt:
                wait = min(self._next_attempt, deadline) - now
                if wait <= 0:
                    return None
                self._closing.wait(wait)
                continue
            try:
                self._open()
            except ComfyAuthError:
                raise
            except ComfyConnectionError as exc:
                now = time.monotonic()
                limit = self._max_reconnect_seconds
                if limit is not None and now - self._down_since >= limit:
                    raise ComfyConnectionError(self.base_url, exc.reason, tried_for=limit) from exc
                self._next_attempt = now + self._delay
                self._delay = min(self._delay * 2, self._backoff_max)
                continue
            return Reconnected()
        return None

    def _open(self) -> None:
        ws = BoundedWebSocket(self._max_message_bytes)
        # A handshake answered one byte at a time never trips the per-read timeout.
        watchdog = call_later(limits.WS_HANDSHAKE_DEADLINE_SECONDS, lambda: cut(ws.sock))
        try:
            ws.connect(  # type: ignore[no-untyped-call]
                self.url,
                header=self._headers,
                timeout=self.CONNECT_TIMEOUT_SECONDS,
                redirect_limit=0,
            )
            if self._preview_metadata:
                # Asks ComfyUI for type-4 previews, which name their prompt and node.
                ws.send(_FEATURE_FLAGS)
        except websocket.WebSocketBadStatusException as exc:
            _shutdown(ws)
            status = getattr(exc, "status_code", None)
            if status in (401, 403):
                raise ComfyAuthError(self.base_url, status) from exc
            raise ComfyConnectionError(
                self.base_url, f"websocket refused: {_describe(exc)}"
            ) from exc
        except (websocket.WebSocketException, OSError, ValueError) as exc:
            _shutdown(ws)
            redirected = _redirect_target(ws)
            if redirected is not None:
                raise ComfyConnectionError(
                    self.base_url,
                    f"the server redirected the event stream to {redirected}; "
                    "redirects are not followed",
                ) from exc
            raise ComfyConnectionError(self.base_url, _describe(exc)) from exc
        finally:
            watchdog.cancel()
        self._ws = ws
        self._last_rx = time.monotonic()
        self._ping_sent_at = None

    def _close_socket(self, *, polite: bool = True) -> None:
        ws, self._ws = self._ws, None
        if ws is not None:
            if polite:  # a close handshake, so the server logs a clean goodbye
                with contextlib.suppress(websocket.WebSocketException, OSError):
                    ws.close(timeout=0.5)
            _shutdown(ws)

    def _close_if_requested(self) -> None:
        # Whoever sees the close request while nobody reads closes the socket. A reader that
        # holds the lock re-checks after releasing it, so one of the two always does.
        if self._closed and self._io_lock.acquire(blocking=False):
            try:
                self._close_socket()
            finally:
                self._io_lock.release()


def _shutdown(ws: websocket.WebSocket) -> None:
    with contextlib.suppress(websocket.WebSocketException, OSError):
        ws.shutdown()  # type: ignore[no-untyped-call]


def _redirect_target(ws: websocket.WebSocket) -> str | None:
    """Where a refused redirect answer to our upgrade pointed; None if it was no redirect."""
    answer = getattr(ws, "handshake_response", None)
    if answer is None or not 300 <= answer.status < 400:
        return None
    return server_text(answer.headers.get("location", "(no address)"), 200)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, websocket.WebSocketConnectionClosedException):
        return "the connection was closed"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, ConnectionResetError):
        return "connection reset"
    if isinstance(exc, TimeoutError | websocket.WebSocketTimeoutException):
        return "timed out"
    return server_text(str(exc), 300) or type(exc).__name__
