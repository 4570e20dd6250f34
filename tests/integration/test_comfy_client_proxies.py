"""The environment's proxy settings are read once per server, and still obeyed (issue 12:
requests re-read them on every call)."""

from __future__ import annotations

import socket

import pytest

from studio_desktop.core.comfy import ComfyClient, ComfyConnectionError
from tests.fakes.comfy_server import FakeComfyServer


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def dead_proxy(monkeypatch: pytest.MonkeyPatch) -> str:
    """HTTP_PROXY pointing at a port nothing listens on: a request sent through it fails."""
    proxy = f"http://127.0.0.1:{closed_port()}"
    for name in ("HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", proxy)
    return proxy


def test_a_proxy_set_in_the_environment_is_used(
    fake_comfy: FakeComfyServer, dead_proxy: str
) -> None:
    client = ComfyClient(fake_comfy.url, timeout=5)
    try:
        with pytest.raises(ComfyConnectionError):
            client.queue()
    finally:
        client.close()


def test_no_proxy_sends_the_server_direct(
    fake_comfy: FakeComfyServer, dead_proxy: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    client = ComfyClient(fake_comfy.url, timeout=5)
    try:
        assert client.queue().running == ()
    finally:
        client.close()


def test_the_environment_is_read_when_the_client_is_made_not_per_call(
    fake_comfy: FakeComfyServer, dead_proxy: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    client = ComfyClient(fake_comfy.url, timeout=5)
    try:
        monkeypatch.delenv("NO_PROXY")  # changed afterwards: this client keeps what it read
        assert client.queue().running == ()
    finally:
        client.close()
