"""The tray notification setting was saved but nothing read it (issue 11): when a batch the
window queued has ended, and the setting is on, the user is told how it went (a tray message
where there is a tray, else the taskbar alert); with the setting off, nothing."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import GenerationParams, NewJob
from studio_desktop.core.settings import Settings
from studio_desktop.ui.batch_notifier import BatchNotifier, BatchOutcome
from studio_desktop.ui.services import Services
from studio_desktop.workers import WorkerPool
from tests.fakes.comfy_server import FakeComfyServer
from tests.gui.conftest import PoolFactory

WAIT_MS = 30_000


def _jobs(models: list[str]) -> list[NewJob]:
    return [
        NewJob("txt2img", GenerationParams(prompt=f"cat {n}", model=model, steps=2, seed=n))
        for n, model in enumerate(models)
    ]


class _Watched:
    """A notifier on a window, with what it decided and what it asked of the desktop."""

    def __init__(self, qtbot: QtBot, ctx: AppContext, pool: WorkerPool, *, on: bool) -> None:
        self.window = QWidget()
        qtbot.addWidget(self.window)
        self.notifier = BatchNotifier(
            Services(ctx, pool, Settings(notify_when_batch_done=on)), self.window
        )
        self.ended: list[BatchOutcome] = []
        self.told: list[tuple[str, str]] = []
        self.notifier.batch_ended.connect(self.ended.append)
        self.notifier.notified.connect(lambda text, how: self.told.append((text, how)))


@pytest.fixture
def alerts(monkeypatch: pytest.MonkeyPatch) -> list[QWidget]:
    """QApplication.alert calls (the taskbar flash), recorded instead of made."""
    called: list[QWidget] = []
    monkeypatch.setattr(QApplication, "alert", lambda widget, _ms=0: called.append(widget))
    return called


def test_a_finished_batch_says_how_many_images_are_ready(
    qtbot: QtBot,
    fake_comfy: FakeComfyServer,
    make_pool: PoolFactory,
    ctx: AppContext,
    alerts: list[QWidget],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: False))
    pool = make_pool(fake_comfy)
    watched = _Watched(qtbot, ctx, pool, on=True)
    pool.enqueue(_jobs([fake_comfy.checkpoints[0]] * 4)).result(timeout=WAIT_MS / 1000)
    qtbot.waitUntil(lambda: bool(watched.told), timeout=WAIT_MS)
    assert watched.told == [("4 image(s) ready", "alert")]
    assert alerts == [watched.window]


def test_a_batch_with_a_failed_job_says_so_in_the_tray(
    qtbot: QtBot,
    fake_comfy: FakeComfyServer,
    make_pool: PoolFactory,
    ctx: AppContext,
    alerts: list[QWidget],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QSystemTrayIcon,
        "showMessage",
        lambda _tray, title, text, *_args: shown.append((title, text)),
    )
    pool = make_pool(fake_comfy)
    watched = _Watched(qtbot, ctx, pool, on=True)
    models = [fake_comfy.checkpoints[0]] * 3 + ["not_on_this_server.safetensors"]
    pool.enqueue(_jobs(models)).result(timeout=WAIT_MS / 1000)
    qtbot.waitUntil(lambda: bool(watched.told), timeout=WAIT_MS)
    assert watched.told == [("3 done, 1 failed", "tray")]
    assert shown == [("Studio Desktop", "3 done, 1 failed")]
    assert alerts == []


def test_with_the_setting_off_a_finished_batch_tells_nothing(
    qtbot: QtBot,
    fake_comfy: FakeComfyServer,
    make_pool: PoolFactory,
    ctx: AppContext,
    alerts: list[QWidget],
) -> None:
    pool = make_pool(fake_comfy)
    watched = _Watched(qtbot, ctx, pool, on=False)
    pool.enqueue(_jobs([fake_comfy.checkpoints[0]] * 2)).result(timeout=WAIT_MS / 1000)
    qtbot.waitUntil(lambda: bool(watched.ended), timeout=WAIT_MS)
    assert watched.ended == [BatchOutcome(completed=2, images=2)]
    assert watched.told == [] and alerts == []


def test_each_batch_is_told_on_its_own(
    qtbot: QtBot,
    fake_comfy: FakeComfyServer,
    make_pool: PoolFactory,
    ctx: AppContext,
    alerts: list[QWidget],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: False))
    pool = make_pool(fake_comfy)
    watched = _Watched(qtbot, ctx, pool, on=True)
    pool.enqueue(_jobs([fake_comfy.checkpoints[0]])).result(timeout=WAIT_MS / 1000)
    pool.enqueue(_jobs([fake_comfy.checkpoints[0]] * 2)).result(timeout=WAIT_MS / 1000)
    qtbot.waitUntil(lambda: len(watched.told) == 2, timeout=WAIT_MS)
    assert sorted(text for text, _ in watched.told) == ["1 image(s) ready", "2 image(s) ready"]


def test_the_messages(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory, fake_comfy: FakeComfyServer
) -> None:
    notifier = _Watched(qtbot, ctx, make_pool(fake_comfy), on=True).notifier
    # Without the English plural file (tests load none), Qt keeps the source's "(s)".
    assert notifier.message(BatchOutcome(completed=1, images=1)) == "1 image(s) ready"
    assert notifier.message(BatchOutcome(completed=2, failed=1, cancelled=1)) == (
        "2 done, 1 failed, 1 cancelled"
    )
    assert not BatchOutcome(cancelled=3).worth_telling
