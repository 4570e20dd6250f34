"""The websocket's frames are parsed out of large socket reads (issue 12: websocket-client read
each frame in three or more small reads), and a read cut short resumes the same frame."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest
import websocket
from websocket._abnf import ABNF

from studio_desktop.core.comfy.bounded_ws import BoundedWebSocket, MessageTooLarge


def _frame(text: str) -> bytes:
    frame = ABNF(fin=1, opcode=ABNF.OPCODE_TEXT, mask_value=False, data=text)
    return frame.format()


@pytest.fixture
def wired() -> Iterator[tuple[BoundedWebSocket, socket.socket, list[int]]]:
    """A BoundedWebSocket on one end of a socket pair, and the asked sizes of its reads."""
    ours, theirs = socket.socketpair()
    ws = BoundedWebSocket()
    ws.sock = ours
    ws.connected = True
    reads: list[int] = []
    recv = ws.frame_buffer.recv

    def counted(size: int) -> bytes:
        reads.append(size)
        return recv(size)

    ws.frame_buffer.recv = counted
    try:
        yield ws, theirs, reads
    finally:
        ours.close()
        theirs.close()


def test_a_burst_of_frames_is_parsed_from_one_socket_read(
    wired: tuple[BoundedWebSocket, socket.socket, list[int]],
) -> None:
    ws, theirs, reads = wired
    texts = ['{"type": "status"}', '{"type": "progress"}', '{"type": "executing"}']
    theirs.sendall(b"".join(_frame(t) for t in texts))
    ws.settimeout(10)
    assert [ws.recv() for _ in texts] == texts
    assert len(reads) == 1


def test_a_frame_cut_short_by_a_timeout_is_resumed_by_the_next_read(
    wired: tuple[BoundedWebSocket, socket.socket, list[int]],
) -> None:
    ws, theirs, _reads = wired
    whole = _frame('{"type": "executed", "data": {}}') + _frame('{"type": "status"}')
    theirs.sendall(whole[:7])  # the header and a few payload bytes, then nothing
    ws.settimeout(0.05)
    with pytest.raises(websocket.WebSocketTimeoutException):
        ws.recv()
    theirs.sendall(whole[7:])
    ws.settimeout(10)
    assert ws.recv() == '{"type": "executed", "data": {}}'
    assert ws.recv() == '{"type": "status"}'


def test_a_large_frame_arrives_whole(
    wired: tuple[BoundedWebSocket, socket.socket, list[int]],
) -> None:
    ws, theirs, _reads = wired
    text = "x" * 300_000  # several read-aheads long, more than a socket buffer holds
    sender = threading.Thread(target=theirs.sendall, args=(_frame(text),))
    sender.start()
    ws.settimeout(10)
    assert ws.recv() == text
    sender.join()


def _raw(first: int, payload: bytes) -> bytes:
    """A frame with the given first header byte (FIN, reserved bits, opcode), unmasked."""
    return ABNF(
        fin=first >> 7 & 1,
        rsv1=first >> 6 & 1,
        rsv2=first >> 5 & 1,
        rsv3=first >> 4 & 1,
        opcode=first & 0x0F,
        mask_value=False,
        data=payload,
    ).format()


def test_messages_come_out_as_opcode_and_bytes(
    wired: tuple[BoundedWebSocket, socket.socket, list[int]],
) -> None:
    ws, theirs, _reads = wired
    theirs.sendall(_frame('{"type": "status"}') + _raw(0x82, b"\x00\x00\x00\x01preview"))
    assert ws.recv_message(timeout=10) == (ABNF.OPCODE_TEXT, b'{"type": "status"}')
    assert ws.recv_message(timeout=10) == (ABNF.OPCODE_BINARY, b"\x00\x00\x00\x01preview")


def test_a_fragmented_message_is_joined_between_whole_ones(
    wired: tuple[BoundedWebSocket, socket.socket, list[int]],
) -> None:
    ws, theirs, _reads = wired
    theirs.sendall(
        _raw(0x01, b'{"type": ')  # text, not FIN
        + _raw(0x89, b"are you there")  # a ping may come between fragments
        + _raw(0x80, b'"status"}')  # continuation, FIN
        + _frame("after")
    )
    assert ws.recv_message(timeout=10) == (ABNF.OPCODE_TEXT, b'{"type": "status"}')
    assert ws.recv_message(timeout=10) == (ABNF.OPCODE_TEXT, b"after")


def test_a_ping_is_answered_and_given_only_when_control_frames_are_asked_for(
    wired: tuple[BoundedWebSocket, socket.socket, list[int]],
) -> None:
    ws, theirs, _reads = wired
    theirs.sendall(_raw(0x89, b"one") + _raw(0x8A, b"pong") + _frame("two"))
    assert ws.recv_message(timeout=10, control_frame=True) == (ABNF.OPCODE_PING, b"one")
    assert ws.recv_message(timeout=10, control_frame=True) == (ABNF.OPCODE_PONG, b"pong")
    assert ws.recv_message(timeout=10, control_frame=True) == (ABNF.OPCODE_TEXT, b"two")
    theirs.sendall(_raw(0x89, b"three") + _frame("four"))
    assert ws.recv_message(timeout=10) == (ABNF.OPCODE_TEXT, b"four")
    theirs.settimeout(10)
    answers = theirs.recv(100)
    # Two pongs (masked, as a client sends), each carrying its ping's payload.
    assert answers[0] == 0x8A and answers[1] == 0x80 | 3
    assert answers[6:9] == ABNF.mask(answers[2:6], b"one")
    assert answers[9] == 0x8A and ABNF.mask(answers[11:15], answers[15:20]) == b"three"


def test_a_frame_with_reserved_bits_is_a_protocol_error(
    wired: tuple[BoundedWebSocket, socket.socket, list[int]],
) -> None:
    ws, theirs, _reads = wired
    theirs.sendall(_raw(0xC1, b"compressed?"))  # RSV1: no extension was agreed
    with pytest.raises(websocket.WebSocketProtocolException):
        ws.recv_message(timeout=10)


def test_a_masked_frame_from_the_server_is_unmasked(
    wired: tuple[BoundedWebSocket, socket.socket, list[int]],
) -> None:
    ws, theirs, _reads = wired
    frame = ABNF(fin=1, opcode=ABNF.OPCODE_TEXT, mask_value=True, data="hidden")
    frame.get_mask_key = lambda n: b"\x01\x02\x03\x04"
    theirs.sendall(frame.format())
    assert ws.recv_message(timeout=10) == (ABNF.OPCODE_TEXT, b"hidden")


def test_a_declared_length_over_the_limit_is_refused_before_its_payload() -> None:
    ours, theirs = socket.socketpair()
    ws = BoundedWebSocket(max_message_bytes=100)
    ws.sock = ours
    ws.connected = True
    try:
        theirs.sendall(_frame("x" * 101)[:10])  # the header and a little of the payload
        with pytest.raises(MessageTooLarge):
            ws.recv_message(timeout=10)
    finally:
        ours.close()
        theirs.close()


def test_a_close_frame_is_answered_and_returned(
    wired: tuple[BoundedWebSocket, socket.socket, list[int]],
) -> None:
    ws, theirs, _reads = wired
    theirs.sendall(_raw(0x88, b"\x03\xe9bye"))  # 1001: going away
    assert ws.recv_message(timeout=10) == (ABNF.OPCODE_CLOSE, b"\x03\xe9bye")
    theirs.settimeout(10)
    assert theirs.recv(100)[0] == 0x88  # our close answer


def test_the_timeout_is_set_only_when_the_socket_must_be_read(
    wired: tuple[BoundedWebSocket, socket.socket, list[int]],
) -> None:
    ws, theirs, reads = wired
    theirs.sendall(_frame("one") + _frame("two"))
    assert ws.recv_message(timeout=10) == (ABNF.OPCODE_TEXT, b"one")
    assert ws.gettimeout() == 10
    assert ws.recv_message(timeout=0.05) == (ABNF.OPCODE_TEXT, b"two")  # read ahead
    assert ws.gettimeout() == 10 and len(reads) == 1
    with pytest.raises(websocket.WebSocketTimeoutException):
        ws.recv_message(timeout=0.05)
    assert ws.gettimeout() == 0.05
