"""The app's one Tasks: every screen gets it through Services, housekeeping runs in it, and the
app shuts it down once, before the store closes."""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studio_desktop.app import GuiOptions, StudioApp
from studio_desktop.core.context import AppContext
from studio_desktop.workers.tasks import open_tasks

WAIT_MS = 20_000
DAY_S = 24 * 3600


def test_the_app_runs_housekeeping_in_its_tasks_and_stops_them_before_the_store_closes(
    qtbot: QtBot, tmp_path: Path
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    ctx = AppContext.open(tmp_path / "data")
    stale = ctx.paths.temp / "left-by-a-killed-run.part"
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_bytes(b"x")
    old = time.time() - 10 * DAY_S
    os.utime(stale, (old, old))
    try:
        studio = StudioApp(app, ctx, GuiOptions(crash_dialog=False, first_run=False))
        qtbot.addWidget(studio.window)
        assert studio.services.tasks is studio.tasks
        studio.start()
        qtbot.waitUntil(lambda: not stale.exists(), timeout=WAIT_MS)  # retention ran

        studio.shutdown()
        assert studio.tasks.closed
        assert studio.tasks not in open_tasks()
        assert ctx.store.count_by_status() is not None  # the store is still open after it
    finally:
        ctx.close()
