"""GUI-layer fixtures: no test may leave a thread or a pool running (STYLE 19)."""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.engine import EngineConfig
from studio_desktop.core.servers import ServerConfig
from studio_desktop.core.settings import Settings, load_settings
from studio_desktop.core.store import Store
from studio_desktop.ui.generate import GenerateTab
from studio_desktop.ui.gui_collector import GuiThreadCollector
from studio_desktop.ui.main_window import MainWindow
from studio_desktop.ui.services import Services
from studio_desktop.ui.thumbnails import ThumbnailLoader
from studio_desktop.ui.translations import compile_ts, install_translator, ts_file
from studio_desktop.workers import WorkerPool, running_threads
from studio_desktop.workers.tasks import Tasks, open_tasks
from tests.fakes.comfy_server import ENDLESS_STEPS, FakeComfyServer

# The managed ComfyUI's stand-in home and controller, for its tests in more than one module.
from tests.gui.managed_helpers import home, managed_services  # noqa: F401
from tests.integration.helpers import FAST

GRACE_S = 5.0  # threads get this long to end after a test before it counts as a leak
POOL_THREAD_PREFIXES = ("studio-", "output-", "server ")

# FAST: short polls and backoffs, so a server that goes away is noticed, and one that comes back
# used, within a second or so.
__all__ = ["FAST"]
ENDLESS = ENDLESS_STEPS  # a fake job that runs until cancelled or the test lowers fake.steps


def _leaked(before: set[threading.Thread]) -> list[threading.Thread]:
    return [
        t
        for t in threading.enumerate()
        if t not in before
        and t.is_alive()
        and (not t.daemon or t.name.startswith(POOL_THREAD_PREFIXES))
    ]


@pytest.fixture(autouse=True, scope="session")
def _collect_on_the_gui_thread(qapp: QApplication) -> Iterator[None]:
    """As the app does (run_gui): cyclic garbage is collected on the GUI thread only. Without
    it, a worker thread collecting a widget of an earlier test deadlocked against the GUI
    thread (ui/gui_collector.py)."""
    collector = GuiThreadCollector(parent=qapp)
    collector.start()
    yield
    collector.stop()


@pytest.fixture(autouse=True)
def _no_leaked_threads() -> Iterator[None]:
    """Fail a test after which a non-daemon thread, a pool thread or a loop QThread survives.

    A `Tasks` still open here belongs to a `Services` the test made without a pool fixture (the
    app shuts its one down itself): it is stopped first, like the test's widgets.
    """
    before = set(threading.enumerate())
    yield
    stopped = [tasks.shutdown(GRACE_S) for tasks in open_tasks()]
    assert all(stopped), "background tasks did not stop in time"
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
    """The data folder, with its store refusing every session on the GUI thread (this one), as
    in the running app: a widget that reads or writes there fails the test with WrongThread.

    The test body checks and prepares the database through `db(ctx)`.
    """
    context = AppContext.open(tmp_path / "data")
    context.store.forbid_thread(threading.current_thread(), reads=True)
    try:
        yield context
    finally:
        context.store.forbid_thread(None)
        context.close()


class _TestSide:
    """The store as the test body uses it: every call allowed on the calling thread."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._store, name)
        if not callable(attribute):
            return attribute

        @functools.wraps(attribute)
        def allowed(*args: Any, **kwargs: Any) -> Any:
            with self._store.allow_this_thread():
                return attribute(*args, **kwargs)

        return allowed


def db(ctx: AppContext) -> Store:
    """`ctx.store` for the test body (setting up, checking results) despite the GUI-thread
    guard: the same store, nothing faked, only marked as the test's own access."""
    return cast(Store, _TestSide(ctx.store))


PoolFactory = Callable[..., WorkerPool]


@pytest.fixture
def make_pool(ctx: AppContext) -> Iterator[PoolFactory]:
    """`make_pool(*servers, context=..., depth=2, start=True, config=FAST)`: started pools, shut
    down after the test.

    `servers` are fake servers or ServerConfigs. Request this fixture after the fake servers so
    the pools stop first. After the pools, every `Tasks` still open (the one a `Services` made
    in the test owns) is shut down, as the app does, before the store closes.
    """
    pools: list[WorkerPool] = []

    def make(
        *servers: FakeComfyServer | ServerConfig,
        context: AppContext | None = None,
        depth: int = 2,
        start: bool = True,
        config: EngineConfig = FAST,
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
    stopped = [tasks.shutdown(10) for tasks in open_tasks()]
    assert all(stopped), "background tasks did not stop in time"


def open_window(qtbot: QtBot, ctx: AppContext, pool: WorkerPool) -> MainWindow:
    """The whole window over `pool`, with the settings `ctx`'s data folder holds, shown."""
    window = MainWindow(Services(ctx, pool, load_settings(ctx.paths.settings)))
    qtbot.addWidget(window)
    window.show()
    return window


TabFactory = Callable[..., GenerateTab]


@pytest.fixture
def make_tab(qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory) -> Iterator[TabFactory]:
    """`make_tab(pool, settings=Settings())`: a 1100x800 GenerateTab over `pool`.

    Each tab has its own Services and so its own Tasks, shut down (its background work
    waited for) before the pools stop.
    """
    made: list[Services] = []

    def make(pool: WorkerPool, settings: Settings | None = None) -> GenerateTab:
        services = Services(ctx, pool, settings or Settings())
        tab = GenerateTab(services)
        qtbot.addWidget(tab)
        tab.resize(1100, 800)
        made.append(services)
        return tab

    yield make
    for services in made:
        assert services.tasks.shutdown(10), "the tab's background work did not stop"


@pytest.fixture
def tasks(qtbot: QtBot) -> Iterator[Tasks]:
    """A Tasks of the test's own (for a widget made without Services), shut down after it."""
    runner = Tasks()
    yield runner
    assert runner.shutdown(10), "background tasks did not stop in time"


@pytest.fixture
def simplified_chinese(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    """The window's Simplified Chinese, compiled from the committed .ts; removed afterwards."""
    folder = tmp_path / "qm"
    compile_ts(ts_file("zh_CN"), folder / "studio_zh_CN.qm")
    installed = install_translator(qapp, "zh_CN", folder)
    try:
        yield
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


@pytest.fixture
def thumbnails(ctx: AppContext) -> Iterator[ThumbnailLoader]:
    """A thumbnail loader on the test's data folder, shut down after it."""
    loader = ThumbnailLoader(ctx.paths)
    yield loader
    loader.shutdown()
