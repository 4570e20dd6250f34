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

`recv_message` is the reader's way in: a whole unfragmented text or binary frame (nearly every
frame ComfyUI sends) comes straight out of the read-ahead as bytes, without websocket-client's
frame object, its per-frame lock and its checks of the fragment state; anything else (control
frames, fragments, reserved bits, unknown opcodes) takes websocket-client's own path, so its
checks and answers (pong, close) stay as they were. The socket's timeout is set only when a
read is needed: most calls find their frame already read ahead.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import Any

import websocket
from websocket._abnf import ABNF, continuous_frame, frame_buffer

from studio_desktop.core.comfy import limits

READ_AHEAD = 64 * 1024

_DATA_OPCODES = (ABNF.OPCODE_TEXT, ABNF.OPCODE_BINARY)
_WHOLE = 0x80  # first header byte: FIN set; the three reserved bits (0x70) must be clear
_U16 = struct.Struct("!H")
_U64 = struct.Struct("!Q")


class MessageTooLarge(websocket.WebSocketPayloadException):
    """A websocket message past MAX_WS_MESSAGE_BYTES or MAX_WS_FRAGMENTS; the socket is dropped."""


class _BoundedFrames(frame_buffer):
    def __init__(
        self, recv: Any, max_bytes: int, set_timeout: Callable[[float], None] | None = None
    ) -> None:
        super().__init__(recv, skip_utf8_validation=True)
        self.max_bytes = max_bytes
        self._ahead = bytearray()  # read from the socket, not yet parsed
        self._used = 0  # bytes of _ahead already handed out
        self._set_timeout = set_timeout
        self.read_timeout: float | None = None  # set on the socket before the next read

    def recv_strict(self, bufsize: int) -> bytes:
        """Exactly `bufsize` bytes, from what was read ahead, reading more when short. A timeout
        or a drop while short keeps what was read: the next call resumes the same frame."""
        while len(self._ahead) - self._used < bufsize:
            self._read_more()
        start = self._used
        self._used += bufsize
        return bytes(self._ahead[start : self._used])

    def recv_whole_frame(self) -> tuple[int, bytes]:
        """(first header byte, unmasked payload) of the next frame. Its bytes are taken only
        once all of it is here: a timeout or a drop while short keeps them for the next call."""
        while True:
            frame = self._take_frame()
            if frame is not None:
                return frame
            self._read_more()

    def _take_frame(self) -> tuple[int, bytes] | None:
        ahead, start = self._ahead, self._used
        have = len(ahead) - start
        if have < 2:
            return None
        first, second = ahead[start], ahead[start + 1]
        length, at = second & 0x7F, start + 2
        if length == 126:
            if have < 4:
                return None
            (length,) = _U16.unpack_from(ahead, at)
            at += 2
        elif length == 127:
            if have < 10:
                return None
            (length,) = _U64.unpack_from(ahead, at)
            at += 8
        if length > self.max_bytes:  # refused before any of the payload is buffered
            del ahead[:]
            self._used = 0
            raise MessageTooLarge(
                f"message too large ({length:,} bytes declared, limit {self.max_bytes:,})"
            )
        mask = b""
        if second & 0x80:  # a server must not mask, but websocket-client accepted it
            mask, at = bytes(ahead[at : at + 4]), at + 4
        end = at + length
        if len(ahead) < end:
            return None
        with memoryview(ahead) as view:  # released before the buffer is resized again
            payload = bytes(view[at:end])
        self._used = end
        return first, ABNF.mask(mask, payload) if mask else payload

    def _read_more(self) -> None:
        if self._used:
            del self._ahead[: self._used]
            self._used = 0
        if self.read_timeout is not None and self._set_timeout is not None:
            self._set_timeout(self.read_timeout)
            self.read_timeout = None
        data = self.recv(READ_AHEAD)
        if not data:
            raise websocket.WebSocketConnectionClosedException("the connection was closed")
        self._ahead += data

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
    """A blocking client websocket whose messages are at most `max_message_bytes`.

    One thread reads (`recv_message`, or websocket-client's `recv*`), as with websocket-client.
    """

    def __init__(self, max_message_bytes: int = limits.MAX_WS_MESSAGE_BYTES) -> None:
        super().__init__(skip_utf8_validation=True)
        self._frames = _BoundedFrames(self._recv, max_message_bytes, self.settimeout)
        self.frame_buffer = self._frames
        self.cont_frame = _BoundedMessage(max_message_bytes, limits.MAX_WS_FRAGMENTS)

    def recv_message(
        self, *, timeout: float | None = None, control_frame: bool = False
    ) -> tuple[int, bytes]:
        """(opcode, payload) of the next message, as websocket-client's `recv_data_frame` gives
        them (a ping is answered, a close returned, control frames only if `control_frame`).
        `timeout`: set on the socket if it has to be read; WebSocketTimeoutException then."""
        frames = self._frames
        frames.read_timeout = timeout
        try:
            while True:
                # Most frames were read ahead with an earlier one: taken without the read loop.
                first, payload = frames._take_frame() or frames.recv_whole_frame()
                opcode = first & 0x0F
                if (
                    (first & 0xF0) == _WHOLE
                    and opcode in _DATA_OPCODES
                    and self.cont_frame.recving_frames is None
                ):
                    return opcode, payload
                answer = self._other_frame(first, payload, control_frame)
                if answer is not None:
                    return answer
        finally:
            frames.read_timeout = None

    def recv_data_frame(self, control_frame: bool = False) -> tuple[int, ABNF]:
        opcode, payload = self.recv_message(control_frame=control_frame)
        return opcode, ABNF(1, 0, 0, 0, opcode, 0, payload)

    def _other_frame(
        self, first: int, payload: bytes, control_frame: bool
    ) -> tuple[int, bytes] | None:
        """websocket-client's handling of a frame off the fast path (its recv_data_frame)."""
        frame = ABNF(
            first >> 7 & 1, first >> 6 & 1, first >> 5 & 1, first >> 4 & 1, first & 0x0F, 0, payload
        )
        frame.validate(skip_utf8_validation=True)
        opcode = frame.opcode
        if opcode in (*_DATA_OPCODES, ABNF.OPCODE_CONT):
            self.cont_frame.validate(frame)
            self.cont_frame.add(frame)
            if self.cont_frame.is_fire(frame):
                opcode, whole = self.cont_frame.extract(frame)
                return opcode, _payload(whole)
        elif opcode == ABNF.OPCODE_CLOSE:
            self.send_close()
            return opcode, payload
        elif opcode == ABNF.OPCODE_PING:
            if len(payload) >= 126:
                raise websocket.WebSocketProtocolException("Ping message is too long")
            self.pong(payload)
            if control_frame:
                return opcode, payload
        elif opcode == ABNF.OPCODE_PONG and control_frame:
            return opcode, payload
        return None
