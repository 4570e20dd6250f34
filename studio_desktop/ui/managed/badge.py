"""The managed ComfyUI in the status bar: its state, and Start / Stop / Restart / Show log.
Crash notices (with the log's last lines and the restart to come) open a box that does not
block the window: our sentence, the core's (translated), and the log's last lines open under
them, the cause as ComfyUI printed it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QLabel,
    QMenu,
    QMessageBox,
    QTextEdit,
    QWidget,
)

from studio_desktop.core.managed.process import Notice, ServerState
from studio_desktop.core.messages import UserMessage
from studio_desktop.ui.menu_button import MenuButton
from studio_desktop.ui.texts import show_text
from studio_desktop.workers.managed import ManagedController

NOTICE_WIDTH: Final = (
    480  # pixels of the text column: room for a log line or a traceback's without wrapping
)


class ManagedBadge(MenuButton):
    def __init__(
        self,
        managed: ManagedController,
        show_log: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.managed = managed
        self.setAutoRaise(True)
        menu = QMenu(self)
        # Lambdas: a menu action passes `checked`, which start() would take for a choice.
        self.start_action = menu.addAction(self.tr("Start ComfyUI"), lambda: managed.start())
        self.stop_action = menu.addAction(self.tr("Stop ComfyUI"), lambda: managed.stop())
        self.restart_action = menu.addAction(self.tr("Restart ComfyUI"), lambda: managed.restart())
        menu.addSeparator()
        self.log_action = menu.addAction(self.tr("Show log"), lambda: show_log())
        self.setMenu(menu)
        self.notice_box: QMessageBox | None = None
        managed.state_changed.connect(self.show_state)
        managed.notice_given.connect(self.show_notice)
        managed.start_failed.connect(self._start_failed)
        self.show_state(managed.state.value)

    def state_text(self, state: ServerState) -> str:
        texts = {
            ServerState.STOPPED: self.tr("ComfyUI (this computer): stopped"),
            ServerState.STARTING: self.tr("ComfyUI (this computer): starting…"),
            ServerState.RUNNING: self.tr("ComfyUI (this computer): running"),
            ServerState.RESTARTING: self.tr("ComfyUI (this computer): restarting…"),
            ServerState.FAILED: self.tr("ComfyUI (this computer): failed"),
        }
        return texts[state]

    def show_state(self, value: str) -> None:
        state = ServerState(value)
        self.setText(self.state_text(state))
        if state is ServerState.RUNNING and self.managed.url:
            self.setToolTip(self.managed.url)
        running = state in (ServerState.RUNNING, ServerState.STARTING, ServerState.RESTARTING)
        self.start_action.setEnabled(not running and self.managed.choice is not None)
        self.stop_action.setEnabled(running)
        self.restart_action.setEnabled(self.managed.choice is not None)
        # Shown once the user chose an install (or one runs): otherwise it means nothing.
        self.setVisible(self.managed.choice is not None or running)

    def show_notice(self, notice: Notice) -> None:
        """A crash, a restart, giving up: the text, and the log's last lines under it."""
        if notice.state is ServerState.STARTING:
            return  # another port was picked: the log panel says so, no need to interrupt
        if notice.state is ServerState.RUNNING:
            text = self.tr("ComfyUI is running again.")
        elif notice.state is ServerState.RESTARTING:
            text = self.tr(
                "ComfyUI stopped unexpectedly; Studio Desktop restarts it in {seconds} s."
            ).format(seconds=f"{notice.restart_in_s or 0:g}")
        else:
            text = self.tr("ComfyUI stopped unexpectedly too often; it was not restarted.")
        back = notice.state is ServerState.RUNNING
        icon = QMessageBox.Icon.Information if back else QMessageBox.Icon.Warning
        self._box(text, show_text(notice.text), notice.last_lines, icon)

    def _start_failed(self, reason: UserMessage, lines: list[str]) -> None:
        from studio_desktop.ui.managed.installs import InstallPicker  # it imports settings

        # An install list on screen shows the failure itself (the user just pressed Use this
        # one there); a start at launch or from this menu gets the box.
        if any(p.isVisible() for p in self.window().findChildren(InstallPicker)):
            return
        self._box(self.tr("ComfyUI did not start."), show_text(reason), tuple(lines))

    def _box(
        self,
        text: str,
        detail: str,
        lines: tuple[str, ...],
        icon: QMessageBox.Icon = QMessageBox.Icon.Warning,
    ) -> None:
        box = self.notice_box
        if box is None:
            box = QMessageBox(self.window())
            box.setWindowTitle(self.tr("ComfyUI"))
            self.notice_box = box
        box.setIcon(icon)  # good news (it is back) is no warning
        box.setText(text)
        widen(box, NOTICE_WIDTH)
        box.setInformativeText(detail)
        box.setDetailedText("\n".join(lines))
        box.open()  # not modal to the app: the window goes on
        if lines:
            show_details(box)


def widen(box: QMessageBox, width: int) -> None:
    """QMessageBox sizes itself to its short first line and ignores setMinimumWidth; its text
    label keeps a minimum width (the label outlives the layouts the box rebuilds), so the log
    lines under it fit."""
    label = box.findChild(QLabel, "qt_msgbox_label")
    if label is not None:
        label.setMinimumWidth(width)


def show_details(box: QMessageBox) -> None:
    """Open the box's details (the log's last lines: the cause, what the user needs to act),
    which QMessageBox keeps folded behind its Show Details button; as a log reads: fixed
    width, one line a line."""
    details = box.findChild(QTextEdit)
    if details is None:
        return
    details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    details.setLineWrapMode(QTextEdit.LineWrapMode.NoWrap)
    if details.isVisible():
        return
    for button in box.buttons():
        if box.buttonRole(button) is QMessageBox.ButtonRole.ActionRole:
            button.click()
            return
