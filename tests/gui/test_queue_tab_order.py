"""The queue panel was not in the Tab order (issue 11): Tab from the Generate form went to the
tab bar and on round the window, never into the queue dock beside it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.settings import load_settings
from studio_desktop.ui.main_window import MainWindow
from studio_desktop.ui.services import Services
from tests.gui.conftest import PoolFactory, db
from tests.gui.test_queue_panel import WAIT_MS, jobs_for


def _focus(qtbot: QtBot, widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=WAIT_MS)


def test_tab_goes_from_the_generate_form_into_the_queue_and_shift_tab_comes_back(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory
) -> None:
    db(ctx).add_jobs(jobs_for(None, "waiting one"))
    window = MainWindow(Services(ctx, make_pool(), load_settings(ctx.paths.settings)))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window, timeout=WAIT_MS)
    window.activateWindow()
    try:
        panel = window.queue_panel
        qtbot.waitUntil(lambda: panel.view.isVisible(), timeout=WAIT_MS)  # the job was read
        generate = window.generate

        _focus(qtbot, generate.form.batch_spin)  # the form's last field
        for _ in range(10):  # past Queue, if it is enabled
            if not generate.isAncestorOf(QApplication.focusWidget()):
                break
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is panel.pause_button
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is panel.cancel_all_button
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is panel.view  # the group rows are hidden: none

        for _ in range(3):
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
        assert generate.isAncestorOf(QApplication.focusWidget())
    finally:
        window.shutdown()
        window.thumbnails.shutdown()
        window.allow_close()  # no "jobs are still in the queue" question at teardown
