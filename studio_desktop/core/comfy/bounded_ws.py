"""A websocket-client `WebSocket` that refuses oversized messages before buffering them.

websocket-client reads a frame's declared length and then that many bytes, and joins
continuation frames without limit: one frame header claiming 1 GiB, or continuation frames that
never end, fill memory. Here the declared length is checked before any payload is read, and a
fragmented message is refused once its total (or its fragment count) passes the limit. UTF-8 is
not validated by websocket-client (its pure-Python validator takes seconds on large frames);
our JSON parsing rejects invalid text anyway.

Frames are parsed out of socket reads of up to `READ_AHEAD` bytes: websocket-client asks the
socket for exactly the bytes it needs next (2 header bytes, the length, then the payload), a
system call and a round of Python wrappers each, three or more per frame, and a job brings a
few dozen frames.
"""

from __future__ import annotations

from typing import Any

import websocket
from websocket._abnf import ABNF, continuous_frame, frame_buffer

from studio_desktop.core.comfy import limits

READ_AHEAD = 64 * 1024


class MessageTooLarge(websocket.WebSocketPayloadException):
    """A websocket message past MAX_WS_MESSAGE_BYTES or MAX_WS_FRAGMENTS; the socket is dropped."""


class _BoundedFrames(frame_buffer):
    def __init__(self, recv: Any, max_bytes: int) -> None:
        super().__init__(recv, skip_utf8_validation=True)
        self.max_bytes = max_bytes
        self._ahead = bytearray()  # read from the socket, not yet parsed
        self._used = 0  # bytes of _ahead already handed out

    def recv_strict(self, bufsize: int) -> bytes:
        """Exactly `bufsize` bytes, from what was read ahead, reading more when short. A timeout
        or a drop while short keeps what was read: the next call resumes the same frame."""
        while len(self._ahead) - self._used < bufsize:
            if self._used:
                del self._ahead[: self._used]
                self._used = 0
            data = self.recv(READ_AHEAD)
            if not data:
                raise websocket.WebSocketConnectionClosedException("the connection was closed")
            self._ahead += data
        start = self._used
        self._used += bufsize
        return bytes(self._ahead[start : self._used])

    def recv_length(self) -> None:
        super().recv_length()
        if self.length is not None and self.length > self.max_bytes:
            declared = self.length
            self.clear()
            raise MessageTooLarge(
                f"message too large ({declared:,} bytes declared, limit {self.max_bytes:,})"
            )


class _BoundedMessage(continuous_frame):
    # Collects fragments in a bytearray (websocket-client's bytes `+=` is quadratic).
    def __init__(self, max_bytes: int, max_fragments: int) -> None:
        super().__init__(fire_cont_frame=False, skip_utf8_validation=True)
        self.max_bytes = max_bytes
        self.max_fragments = max_fragments
        self.fragments = 0

    def add(self, frame: ABNF) -> None:
        if self.cont_data:
            self.fragments += 1
            held: bytearray = self.cont_data[1]
            if len(held) + len(_payload(frame)) > self.max_bytes:
                self._drop()
                raise MessageTooLarge(f"message too large (over {self.max_bytes:,} bytes)")
            if self.fragments > self.max_fragments:
                self._drop()
                raise MessageTooLarge(f"message too large (over {self.max_fragments} fragments)")
            held += _payload(frame)
        else:
            if frame.opcode in (ABNF.OPCODE_TEXT, ABNF.OPCODE_BINARY):
                self.recving_frames = frame.opcode
            self.cont_data = [frame.opcode, bytearray(_payload(frame))]
            self.fragments = 1
        if frame.fin:
            self.recving_frames = None

    def extract(self, frame: ABNF) -> tuple[int, ABNF]:
        opcode, whole = super().extract(frame)
        whole.data = bytes(whole.data)
        return opcode, whole

    def _drop(self) -> None:
        self.cont_data = None
        self.recving_frames = None
        self.fragments = 0


def _payload(frame: ABNF) -> bytes:
    data = frame.data  # bytes off the wire; typed str | bytes because outgoing frames may be str
    return data.encode() if isinstance(data, str) else data


class BoundedWebSocket(websocket.WebSocket):
    """A blocking client websocket whose messages are at most `max_message_bytes`."""

    def __init__(self, max_message_bytes: int = limits.MAX_WS_MESSAGE_BYTES) -> None:
        super().__init__(skip_utf8_validation=True)
        self.frame_buffer = _BoundedFrames(self._recv, max_message_bytes)
        self.cont_frame = _BoundedMessage(max_message_bytes, limits.MAX_WS_FRAGMENTS)
