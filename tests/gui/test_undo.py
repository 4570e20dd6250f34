"""Undo in the window: Ctrl+Z undoes the last delete in the gallery, also after the status bar's
Undo link has gone (issue 11: Undo was only the status-bar link, for 10 s)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.settings import load_settings
from studio_desktop.core.store import ImageFilter
from studio_desktop.ui.main_window import MainWindow
from studio_desktop.ui.services import Services
from tests.gui.conftest import PoolFactory, db
from tests.gui.test_gallery import add_images, select_rows, settled

WAIT_MS = 20_000


def _trashed(ctx: AppContext) -> int:
    return db(ctx).count_images(ImageFilter(deleted=True))


def test_ctrl_z_undoes_a_gallery_delete_after_the_status_link_has_gone(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory
) -> None:
    add_images(ctx, 3)
    window = MainWindow(Services(ctx, make_pool(), load_settings(ctx.paths.settings)))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window, timeout=WAIT_MS)
    window.tabs.setCurrentWidget(window.gallery)
    settled(qtbot, window.gallery.model)
    qtbot.waitUntil(lambda: window.gallery.model.rowCount() == 3, timeout=WAIT_MS)
    assert not window.undo_action.isEnabled()

    select_rows(window.gallery, [0, 1])
    window.gallery.delete_selected()
    qtbot.waitUntil(lambda: _trashed(ctx) == 2, timeout=WAIT_MS)
    assert window.undo_action.isEnabled()
    assert window.status.offering_undo
    window.status.expire_undo()  # what its timer does after 10 s
    assert not window.status.offering_undo and window.undo_action.isEnabled()

    window.activateWindow()
    window.gallery.view.setFocus()
    QTest.keyClick(window.gallery.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    # Qt keeps the last key event's modifiers as the keyboard state: let go of Ctrl, or later
    # tests (a gallery selection that reads Ctrl) inherit it.
    QTest.keyRelease(window.gallery.view, Qt.Key.Key_Control)
    qtbot.waitUntil(lambda: _trashed(ctx) == 0, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.gallery.model.rowCount() == 3, timeout=WAIT_MS)
    assert not window.undo_action.isEnabled()  # one undo per change
    window.shutdown()
    window.thumbnails.shutdown()


def test_the_undo_link_does_not_cover_the_status_message(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory
) -> None:
    """The link was a normal status-bar widget, drawn over the message ("MovedUndo image(s)")."""
    window = MainWindow(Services(ctx, make_pool(), load_settings(ctx.paths.settings)))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window, timeout=WAIT_MS)
    window.status.offer_undo("Moved 2 images to the trash", lambda: None)
    link = window.status.undo_link
    qtbot.waitUntil(link.isVisible, timeout=WAIT_MS)
    message_right = window.status.fontMetrics().horizontalAdvance(window.status.currentMessage())
    assert link.geometry().left() > message_right
    window.shutdown()
    window.thumbnails.shutdown()
