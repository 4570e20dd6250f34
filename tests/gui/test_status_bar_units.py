"""The status bar said 'GB' for a figure in GiB while Settings said GiB (issue 11): one unit."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from studio_desktop.core.engine import ServerState, ServerStatus
from studio_desktop.ui.status_bar import StudioStatusBar


def test_free_vram_is_shown_in_gib_like_settings(qtbot: QtBot) -> None:
    bar = StudioStatusBar()
    qtbot.addWidget(bar)
    bar.show_server(
        ServerStatus(
            url="http://127.0.0.1:8188",
            name="Local ComfyUI",
            state=ServerState.IDLE,
            gpu_name="NVIDIA GeForce RTX 4090",
            vram_total=24 * 1024**3,
            vram_free=22 * 1024**3 + 1024**3 // 10,
        )
    )
    texts = [label.text() for label in bar.findChildren(QLabel)]
    assert any("22.1 GiB free" in text for text in texts), texts
