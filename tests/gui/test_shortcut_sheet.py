"""Help ▸ Keyboard shortcuts lists what the menus offer, and Quit has a key on every platform
(issue 11: no shortcut sheet; Qt defines no Quit key on Windows)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.settings import load_settings
from studio_desktop.ui.main_window import MainWindow
from studio_desktop.ui.services import Services
from studio_desktop.ui.shortcut_sheet import _plain
from tests.gui.conftest import PoolFactory


def test_the_sheet_lists_every_menu_key_and_the_viewer_keys(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory
) -> None:
    window = MainWindow(Services(ctx, make_pool(start=False), load_settings(ctx.paths.settings)))
    qtbot.addWidget(window)
    try:
        sheet = window.show_shortcuts()
        rows = sheet.rows()
        native = QKeySequence.SequenceFormat.NativeText
        expected = {
            (action.text().replace("&", "").removesuffix("…"), action.shortcut().toString(native))
            for action in window.actions()
            if not action.shortcut().isEmpty()
        }
        assert expected <= {(command, keys) for _section, command, keys in rows}
        commands = {command for _section, command, _keys in rows}
        assert {"Queue job", "Undo", "Quit", "Keyboard shortcuts", "Next image"} <= commands
        viewer = [(c, k) for s, c, k in rows if s == "Image viewer"]
        assert ("Next image", "Right, PgDown, Space") in viewer
        sheet.close()
    finally:
        window.shutdown()
        window.thumbnails.shutdown()


def test_quit_has_a_key_on_every_platform(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory
) -> None:
    window = MainWindow(Services(ctx, make_pool(start=False), load_settings(ctx.paths.settings)))
    qtbot.addWidget(window)
    try:
        (quit_action,) = [a for a in window.actions() if a.text() == "Quit"]
        assert not quit_action.shortcut().isEmpty()
    finally:
        window.shutdown()
        window.thumbnails.shutdown()


def test_menu_names_lose_their_mnemonics_in_every_language() -> None:
    assert [_plain(t) for t in ("&Undo", "撤销(&U)", "Keyboard shortcuts…", "A && B")] == [
        "Undo",
        "撤销",
        "Keyboard shortcuts",
        "A & B",
    ]
