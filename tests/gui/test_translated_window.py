"""The assembled window speaks Chinese when a Chinese translation is installed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.settings import load_settings
from studio_desktop.ui.main_window import MainWindow
from studio_desktop.ui.services import Services
from studio_desktop.ui.translations import compile_ts, install_translator, ts_file

from .conftest import PoolFactory

EXPECTED = {
    "zh_CN": (
        ["生成", "图库", "历史记录"],
        ["文件(&F)", "编辑(&E)", "队列(&Q)", "视图(&V)", "图片(&I)", "帮助(&H)"],
    ),
    "zh_TW": (
        ["產生", "圖庫", "歷史紀錄"],
        ["檔案(&F)", "編輯(&E)", "佇列(&Q)", "檢視(&V)", "圖片(&I)", "說明(&H)"],
    ),
}


@pytest.fixture(params=sorted(EXPECTED))
def language(request: pytest.FixtureRequest, qapp: QApplication, tmp_path: Path) -> Iterator[str]:
    """Install the translation compiled from the committed .ts; remove it afterwards."""
    code = str(request.param)
    folder = tmp_path / "qm"
    compile_ts(ts_file(code), folder / f"studio_{code}.qm")
    installed = install_translator(qapp, code, folder)
    try:
        yield code
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


def test_main_window_tabs_and_menus_are_translated(
    language: str, qtbot: QtBot, make_pool: PoolFactory, ctx: AppContext
) -> None:
    window = MainWindow(Services(ctx, make_pool(), load_settings(ctx.paths.settings)))
    qtbot.addWidget(window)
    try:
        tabs, menus = EXPECTED[language]
        assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == tabs
        assert [a.text() for a in window.menuBar().actions()] == menus
        assert window.queue_dock.windowTitle() == {"zh_CN": "队列", "zh_TW": "佇列"}[language]
        # Qt's own strings (standard dialog buttons) come from its qtbase translation.
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    finally:
        window.shutdown()
        window.thumbnails.shutdown()
