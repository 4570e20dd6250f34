"""Integration fixtures: a data folder nested for escape checks, a runner harness on it, and the
managed ComfyUIs a test starts (stopped after it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from studio_desktop.core.context import AppContext
from studio_desktop.core.managed.process import ManagedServer
from tests.fakes.comfy_server import FakeComfyServer
from tests.integration.helpers import Harness, harness, open_context


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    context = open_context(tmp_path)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def h(ctx: AppContext, fake_comfy: FakeComfyServer) -> Iterator[Harness]:
    with harness(ctx, fake_comfy) as made:
        yield made


@pytest.fixture
def servers() -> Iterator[list[ManagedServer]]:
    made: list[ManagedServer] = []
    yield made
    for server in made:
        server.stop()
