"""Right-clicking many times, as a user does over an afternoon: each context menu is shown,
closed with Escape, and must not stay behind as a hidden child of a long-lived widget."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

WAIT_MS = 20_000


def menus_of(owner: QWidget) -> int:
    return len(owner.findChildren(QMenu))


def right_click_times(qtbot: QtBot, owner: QWidget, right_click: Callable[[], None], n: int) -> int:
    """Open and close `n` context menus with `right_click`; the QMenus under `owner` after
    the closed ones were deleted (the count before the first is the most there should be)."""
    before = menus_of(owner)
    for _ in range(n):
        right_click()
        popup = QApplication.activePopupWidget()
        assert isinstance(popup, QMenu), "the right-click showed no menu"
        qtbot.keyClick(popup, Qt.Key.Key_Escape)
        assert QApplication.activePopupWidget() is None
    # A closed menu is deleted later (after the action it ran): wait for that, no longer.
    qtbot.waitUntil(lambda: menus_of(owner) <= before, timeout=WAIT_MS)
    return menus_of(owner)
