"""GUI-layer fixtures: no test may leave a thread or a pool running (STYLE 19)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.scheduler import SchedulerConfig
from studio_desktop.core.servers import ServerConfig
from studio_desktop.core.settings import Settings
from studio_desktop.ui.generate import GenerateTab
from studio_desktop.ui.services import Services
from studio_desktop.workers import WorkerPool, running_threads
from tests.fakes.comfy_server import ENDLESS_STEPS, FakeComfyServer
from tests.integration.helpers import FAST as FAST_RUNNER

GRACE_S = 5.0  # threads get this long to end after a test before it counts as a leak
POOL_THREAD_PREFIXES = ("studio-", "output-", "server ")

# Short polls and backoffs: a server that goes away is noticed, and one that comes back used,
# within a second or so.
FAST = SchedulerConfig(
    runner=FAST_RUNNER,
    idle_poll_s=0.05,
    reconnect_backoff_s=(0.05, 0.3),
    stream_reconnect_s=0.5,
)
# FAST without the history poll, the safety net that may collect a finished job before the
# loop has read that job's progress and previews from the socket (which are then dropped; on a
# loaded machine this happens). For tests about the stream's events reaching the GUI.
STREAM_ONLY = replace(FAST, runner=replace(FAST_RUNNER, history_poll_s=3600.0))
ENDLESS = ENDLESS_STEPS  # a fake job that runs until cancelled or the test lowers fake.steps


def _leaked(before: set[threading.Thread]) -> list[threading.Thread]:
    return [
        t
        for t in threading.enumerate()
        if t not in before
        and t.is_alive()
        and (not t.daemon or t.name.startswith(POOL_THREAD_PREFIXES))
    ]


@pytest.fixture(autouse=True)
def _no_leaked_threads() -> Iterator[None]:
    """Fail a test after which a non-daemon thread, a pool thread or a loop QThread survives."""
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + GRACE_S
    while (_leaked(before) or running_threads()) and time.monotonic() < deadline:
        time.sleep(0.02)
    leaked, qthreads = _leaked(before), running_threads()
    assert not leaked, f"threads survived the test: {leaked}"
    assert not qthreads, f"loop QThreads survived the test: {[t.objectName() for t in qthreads]}"


@pytest.fixture(autouse=True)
def _empty_clipboard() -> Iterator[None]:
    """Empty the clipboard after each test.

    A QMimeData made in Python and handed to the clipboard belongs to QtGui's clipboard from
    then on; left there, it is deleted by a C++ global destructor after the interpreter has
    gone, and its Python wrapper's teardown segfaults the test process at exit (exit 139 after
    every test passed).
    """
    yield
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is not None:
        QGuiApplication.clipboard().clear()


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    context = AppContext.open(tmp_path / "data")
    try:
        yield context
    finally:
        context.close()


PoolFactory = Callable[..., WorkerPool]


@pytest.fixture
def make_pool(ctx: AppContext) -> Iterator[PoolFactory]:
    """`make_pool(*servers, context=..., depth=2, start=True, config=FAST)`: started pools, shut
    down after the test.

    `servers` are fake servers or ServerConfigs. Request this fixture after the fake servers so
    the pools stop first.
    """
    pools: list[WorkerPool] = []

    def make(
        *servers: FakeComfyServer | ServerConfig,
        context: AppContext | None = None,
        depth: int = 2,
        start: bool = True,
        config: SchedulerConfig = FAST,
    ) -> WorkerPool:
        configs = [
            s if isinstance(s, ServerConfig) else ServerConfig(s.url, pipeline_depth=depth)
            for s in servers
        ]
        pool = WorkerPool(context or ctx, configs, config=config)
        pools.append(pool)
        if start:
            pool.start()
        return pool

    yield make
    results = [pool.shutdown(10) for pool in pools]
    assert all(results), "a pool did not shut down in time"


TabFactory = Callable[..., GenerateTab]


@pytest.fixture
def make_tab(qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory) -> Iterator[TabFactory]:
    """`make_tab(pool, settings=Settings())`: a 1100x800 GenerateTab over `pool`.

    The tabs are shut down (their background work waited for) before the pools stop.
    """
    tabs: list[GenerateTab] = []

    def make(pool: WorkerPool, settings: Settings | None = None) -> GenerateTab:
        tab = GenerateTab(Services(ctx, pool, settings or Settings()))
        qtbot.addWidget(tab)
        tab.resize(1100, 800)
        tabs.append(tab)
        return tab

    yield make
    for tab in tabs:
        tab.shutdown()
