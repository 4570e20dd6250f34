"""Integration fixtures: a data folder nested for escape checks, and a runner harness on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from studio_desktop.core.context import AppContext
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
