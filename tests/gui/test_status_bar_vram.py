"""Free VRAM was read once per connection (issue 11): the status bar kept the figure of the
moment the server connected. It is read again while connected and after each job."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from studio_desktop.core.jobs import GenerationParams, JobStatus, NewJob
from studio_desktop.ui.status_bar import StudioStatusBar
from studio_desktop.workers import WorkerPool
from tests.fakes.comfy_server import FakeComfyServer
from tests.gui.conftest import FAST, PoolFactory

WAIT_MS = 30_000
GIB = 1024**3


def _bar_for(qtbot: QtBot, pool: WorkerPool) -> StudioStatusBar:
    """The status bar wired to the pool as the main window wires it."""
    bar = StudioStatusBar()
    qtbot.addWidget(bar)
    pool.server_changed.connect(bar.show_server)
    for status in pool.statuses():
        bar.show_server(status)
    return bar


def _shows(bar: StudioStatusBar, text: str) -> bool:
    return any(text in label.text() for label in bar.findChildren(QLabel))


def test_free_vram_in_the_status_bar_follows_the_server_while_connected(
    qtbot: QtBot, fake_comfy_factory: Any, make_pool: PoolFactory
) -> None:
    fake: FakeComfyServer = fake_comfy_factory()
    fake.vram_free = 7 * GIB
    pool = make_pool(fake, config=replace(FAST, capabilities_refresh_s=0.1))
    bar = _bar_for(qtbot, pool)
    qtbot.waitUntil(lambda: _shows(bar, "7.0 GiB free"), timeout=WAIT_MS)

    fake.vram_free = 3 * GIB  # something else loaded a model on that GPU
    qtbot.waitUntil(lambda: _shows(bar, "3.0 GiB free"), timeout=WAIT_MS)


def test_free_vram_is_read_again_when_a_job_finishes(
    qtbot: QtBot, fake_comfy_factory: Any, make_pool: PoolFactory
) -> None:
    fake: FakeComfyServer = fake_comfy_factory()
    fake.vram_free = 7 * GIB
    pool = make_pool(fake, config=replace(FAST, capabilities_refresh_s=3600.0))  # no timer
    bar = _bar_for(qtbot, pool)
    qtbot.waitUntil(lambda: _shows(bar, "7.0 GiB free"), timeout=WAIT_MS)

    fake.vram_free = 5 * GIB  # the job's model stays loaded after it
    (job,) = pool.enqueue(
        [NewJob("txt2img", GenerationParams(prompt="a", model=fake.checkpoints[0], steps=2))]
    ).result(timeout=WAIT_MS / 1000)
    finished: list[JobStatus] = []
    pool.job_changed.connect(lambda j: finished.append(j.status) if j.id == job.id else None)
    qtbot.waitUntil(lambda: JobStatus.COMPLETED in finished, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: _shows(bar, "5.0 GiB free"), timeout=WAIT_MS)
