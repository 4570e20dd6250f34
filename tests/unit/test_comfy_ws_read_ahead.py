"""The websocket's frames are parsed out of large socket reads (issue 12: websocket-client read
each frame in three or more small reads), and a read cut short resumes the same frame."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest
import websocket
from websocket._abnf import ABNF

from studio_desktop.core.comfy.bounded_ws import BoundedWebSocket


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
