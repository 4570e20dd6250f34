"""The managed ComfyUI's live log: find (next/previous, every match highlighted), copy the
selection or everything, open the log file, follow the end unless the user scrolled up.

Lines come from `ManagedController.lines_added` (queued from the reader thread, so this runs
on the GUI thread). Memory is bounded: the document keeps at most `MAX_LINES` blocks.

Above the log, one line says what Studio Desktop last had to say about this ComfyUI, in the
UI's language: why a start failed, a crash and the restart to come, another port picked. It is
cleared when the user starts it again.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QUrl
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFontDatabase,
    QGuiApplication,
    QKeySequence,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.core.managed.process import Notice, ServerState
from studio_desktop.core.messages import UserMessage
from studio_desktop.ui.settings.widgets import ResultLine
from studio_desktop.ui.texts import show_text
from studio_desktop.workers.managed import ManagedController

MAX_LINES: Final = 5000
MAX_HIGHLIGHTS: Final = 500  # matches painted at once; more are found by next/previous
HIGHLIGHT: Final = QColor(255, 214, 0, 110)


class LogPanel(QWidget):
    def __init__(self, managed: ManagedController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.managed = managed
        self.view = QPlainTextEdit()
        self.view.setReadOnly(True)
        self.view.setMaximumBlockCount(MAX_LINES)
        self.view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.view.setPlaceholderText(
            self.tr("ComfyUI's output appears here once Studio Desktop starts it.")
        )

        self.find_field = QLineEdit()
        self.find_field.setPlaceholderText(self.tr("Find in the log"))
        self.find_field.setClearButtonEnabled(True)
        self.find_field.textChanged.connect(self._highlight_all)
        self.find_field.returnPressed.connect(self.find_next)
        self.previous_button = QPushButton(self.tr("Previous"))
        self.previous_button.clicked.connect(self.find_previous)
        self.next_button = QPushButton(self.tr("Next"))
        self.next_button.clicked.connect(self.find_next)
        self.matches = QLabel()
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the selected lines"))
        self.copy_button.clicked.connect(self.copy_selection)
        self.copy_all_button = QPushButton(self.tr("Copy all"))
        self.copy_all_button.clicked.connect(self.copy_all)
        self.open_button = QPushButton(self.tr("Open log file"))
        self.open_button.clicked.connect(self.open_file)
        self.status = ResultLine()  # the last start failure or notice; hidden until one
        self.status.setVisible(False)
        self._state = managed.state
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.find_field.setFocus)
        QShortcut(QKeySequence(QKeySequence.StandardKey.FindNext), self, self.find_next)
        QShortcut(QKeySequence(QKeySequence.StandardKey.FindPrevious), self, self.find_previous)

        bar = QHBoxLayout()
        bar.setSpacing(6)
        bar.addWidget(self.find_field, 1)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.next_button)
        bar.addWidget(self.matches)
        bar.addSpacing(12)
        bar.addWidget(self.copy_button)
        bar.addWidget(self.copy_all_button)
        bar.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        managed.lines_added.connect(self.append_lines)
        managed.start_failed.connect(self.show_start_failed)
        managed.notice_given.connect(self.show_notice)
        managed.state_changed.connect(self._state_changed)

    # --- what Studio Desktop says about it ---

    def show_start_failed(self, reason: UserMessage, cause: list[str]) -> None:
        text = self.tr("ComfyUI did not start: {reason}").format(reason=show_text(reason))
        if cause and self.line_count() == 0:
            # Nothing in the log to read it from (the python could not be run): say it here.
            text += "\n" + "\n".join(cause)
        self._show_status(text, ok=False)

    def show_notice(self, notice: Notice) -> None:
        text = show_text(notice.text)
        if notice.state is ServerState.STARTING:
            self._show_status(text, ok=None)
        else:
            self._show_status(text, ok=notice.state is ServerState.RUNNING)

    def _show_status(self, text: str, *, ok: bool | None) -> None:
        if ok is None:
            self.status.show_busy(text)
        else:
            self.status.show_result(text, ok=ok)
        self.status.setVisible(True)

    def _state_changed(self, value: str) -> None:
        state = ServerState(value)
        # A new start (not the supervisor's restart after a crash): the old story is over.
        if state is ServerState.STARTING and self._state in (
            ServerState.STOPPED,
            ServerState.FAILED,
        ):
            self.status.clear()
            self.status.setVisible(False)
        self._state = state

    # --- lines ---

    def at_end(self) -> bool:
        bar = self.view.verticalScrollBar()
        return bar.value() >= bar.maximum() - 2

    def append_lines(self, lines: list[str]) -> None:
        """Add lines at the end; scroll along only if the view was at the end already."""
        bar = self.view.verticalScrollBar()
        follow = self.at_end()
        kept = bar.value()
        cursor = QTextCursor(self.view.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        for line in lines:
            if not self.view.document().isEmpty():
                cursor.insertBlock()
            cursor.insertText(line)
        if follow:
            bar.setValue(bar.maximum())
        else:
            bar.setValue(kept)
        if self.find_field.text():
            self._highlight_all()

    def line_count(self) -> int:
        return 0 if self.view.document().isEmpty() else self.view.blockCount()

    # --- find ---

    def find_next(self) -> bool:
        return self._find(backward=False)

    def find_previous(self) -> bool:
        return self._find(backward=True)

    def _find(self, *, backward: bool) -> bool:
        text = self.find_field.text()
        if not text:
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        if self.view.find(text, flags):
            return True
        # Wrap around once.
        cursor = self.view.textCursor()
        cursor.movePosition(
            QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
        )
        self.view.setTextCursor(cursor)
        return self.view.find(text, flags)

    def _highlight_all(self) -> None:
        text = self.find_field.text()
        selections: list[QTextEdit.ExtraSelection] = []
        count = 0
        if text:
            document = self.view.document()
            cursor = document.find(text)
            fmt = QTextCharFormat()
            fmt.setBackground(HIGHLIGHT)
            while not cursor.isNull():
                count += 1
                if len(selections) < MAX_HIGHLIGHTS:
                    selection = QTextEdit.ExtraSelection()
                    selection.cursor = cursor
                    selection.format = fmt
                    selections.append(selection)
                cursor = document.find(text, cursor)
        self.view.setExtraSelections(selections)
        self.matches.setText(self.tr("%n match(es)", "", count) if text else "")

    # --- copy, open ---

    def copy_selection(self) -> None:
        text = self.view.textCursor().selectedText().replace("\u2029", "\n")
        if text:
            QGuiApplication.clipboard().setText(text)

    def copy_all(self) -> None:
        QGuiApplication.clipboard().setText(self.view.toPlainText())

    def open_file(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.managed.log_path)))
