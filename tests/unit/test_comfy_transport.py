"""The plain transport's failures read as they did through requests (issue 12): the words the
client's messages use, a timeout as a timeout."""

from __future__ import annotations

import errno
import http.client
import socket

import pytest

from studio_desktop.core.comfy.transport import TransportError, TransportTimeout, _mapped


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
