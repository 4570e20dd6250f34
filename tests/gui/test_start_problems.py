"""The window starts on defaults when settings.json is broken, and says so in the status bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studio_desktop.app import GuiOptions, StudioApp
from studio_desktop.core.context import AppContext
from studio_desktop.core.settings import Settings


def test_a_broken_settings_file_is_shown_and_the_window_starts_on_defaults(
    qtbot: QtBot, tmp_path: Path
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_bytes(b"[" * 100_000)
    ctx = AppContext.open(data)
    try:
        studio = StudioApp(app, ctx, GuiOptions(crash_dialog=False, first_run=False))
        qtbot.addWidget(studio.window)
        studio.start()
        assert studio.settings == Settings()
        message = studio.window.statusBar().currentMessage()
        [aside] = data.glob("settings.json.bad-*")
        assert "settings.json" in message and aside.name in message, message
        studio.shutdown()
    finally:
        ctx.close()
