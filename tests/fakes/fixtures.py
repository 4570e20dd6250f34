"""Pytest fixtures for the fake ComfyUI server.

Use from a conftest.py or a test module: ``from tests.fakes.fixtures import fake_comfy,
fake_comfy_factory  # noqa: F401``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.fakes.comfy_server import FakeComfyServer


def _assert_no_server_threads(before: set[threading.Thread]) -> None:
    leftover = [t for t in threading.enumerate() if t.name == "FakeComfyServer" and t not in before]
    assert not leftover, f"fake ComfyUI threads survived: {leftover}"


@pytest.fixture
def fake_comfy() -> Iterator[FakeComfyServer]:
    """A started FakeComfyServer (fast defaults), stopped after the test."""
    before = set(threading.enumerate())
    server = FakeComfyServer().start()
    try:
        yield server
    finally:
        server.stop()
        _assert_no_server_threads(before)


@pytest.fixture
def fake_comfy_factory() -> Iterator[Callable[..., FakeComfyServer]]:
    """Call with FakeComfyServer kwargs to get more started servers; all stopped at teardown."""
    before = set(threading.enumerate())
    servers: list[FakeComfyServer] = []

    def make(**kwargs: Any) -> FakeComfyServer:
        server = FakeComfyServer(**kwargs).start()
        servers.append(server)
        return server

    try:
        yield make
    finally:
        for server in servers:
            server.stop()
        _assert_no_server_threads(before)
