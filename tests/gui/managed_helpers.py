"""The stand-in ComfyUI home and the window's managed server, for the GUI tests of the managed
ComfyUI (test_managed_window.py, test_managed_chinese.py). `home` and `managed_services` are
fixtures: tests/gui/conftest.py makes them available to every GUI test."""

from __future__ import annotations

import socket
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.managed.process import Backoff
from studio_desktop.core.managed.running import wait_gone
from studio_desktop.core.settings import load_settings
from studio_desktop.ui.managed.installs import InstallPicker
from studio_desktop.ui.services import Services
from studio_desktop.workers.managed import ManagedController
from studio_desktop.workers.pool import WorkerPool
from tests.fakes.comfy_layouts import stand_in

WAIT_MS = 90_000  # the stand-in imports aiohttp; the shared machine is slow at times
FAST = Backoff(first_s=0.05, max_s=0.1, max_restarts=3, stable_after_s=3600)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def comfy_home(root: Path) -> Path:
    """A home folder with ~/ComfyUI: the stand-in, with a venv python (a script running ours)."""
    home = root / "home"
    folder = stand_in(home)
    python = folder / "venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(f'#!/bin/sh\nexec {sys.executable} "$@"\n')
    python.chmod(python.stat().st_mode | stat.S_IEXEC)
    return home


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    found = comfy_home(tmp_path)
    monkeypatch.setenv("HOME", str(found))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # no desktop app here
    return found


@pytest.fixture
def managed_services(
    qtbot: QtBot, ctx: AppContext, make_pool: Callable[..., WorkerPool]
) -> Iterator[Services]:
    pool: WorkerPool = make_pool()
    controller = ManagedController(
        ctx.paths.logs,
        pool.tasks,
        register=lambda url: pool.operations.register_managed(url, depth=2),
        backoff=FAST,
    )
    services = Services(ctx, pool, load_settings(ctx.paths.settings), managed=controller)
    yield services
    pid = controller.pid
    controller.begin_quit_stop()
    assert controller.wait_stopped(30)
    if pid is not None:
        assert wait_gone(pid, 30)


def use_first(qtbot: QtBot, picker: InstallPicker, port: int) -> None:
    qtbot.waitUntil(lambda: bool(picker.use_buttons), timeout=WAIT_MS)
    picker.port.setValue(port)
    picker.use_buttons[0].click()
