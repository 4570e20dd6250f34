"""The line under the prompt editors: how many prompts the text expands to (dynamic prompts,
`core/prompts`), a preview of the first few, the combinatorial toggle and the wildcards folder.

The count is computed off the GUI thread (a combinatorial text may have thousands of
combinations), once typing pauses; a result for text that has changed since is dropped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QStyle,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.core.messages import UserMessage
from studio_desktop.core.prompts.dynamic import (
    MAX_COMBINATIONS,
    Expansion,
    PromptSyntaxError,
    is_dynamic,
    preview,
)
from studio_desktop.ui.texts import show_text
from studio_desktop.workers.tasks import Tasks

EXPAND_DELAY_MS: Final = 300  # typing in a burst is expanded once, when it pauses
PREVIEW_SHOWN: Final = 5


class PromptExpansion(QWidget):
    """`updated` fires when the count (or the error) for the current text is known."""

    updated = Signal()

    def __init__(self, tasks: Tasks, wildcards_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._wildcards = wildcards_dir
        self._text = ""
        self._result: Expansion | None = None
        self._error: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(EXPAND_DELAY_MS)
        self._timer.timeout.connect(self._expand)

        self.count_label = QLabel()
        self.count_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.count_label.setWordWrap(True)
        self.preview_button = QToolButton()
        self.preview_button.setText(self.tr("Preview"))
        self.preview_button.setToolTip(self.tr("Show the first prompts the text expands to"))
        self.preview_button.clicked.connect(self.show_preview)
        self.combinatorial_box = QCheckBox(self.tr("Every combination"))
        self.combinatorial_box.setToolTip(
            self.tr(
                "Queue one job per combination of the prompt's {a|b} choices (each batch-count "
                "times) instead of one random pick per job"
            )
        )
        self.combinatorial_box.toggled.connect(lambda _on: self.updated.emit())
        self.folder_button = QToolButton()  # an icon: the form's column is narrow
        self.folder_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_DirOpenIcon))
        self.folder_button.setAccessibleName(self.tr("Wildcards…"))
        self.folder_button.setToolTip(
            self.tr("Open the wildcards folder: __name__ in a prompt picks a line of name.txt")
        )
        self.folder_button.clicked.connect(self.open_folder)
        # The error gets a full-width line of its own below: beside the buttons a long message
        # (a wildcard folder's path) would be cut off.
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.count_label, 1)
        row.addWidget(self.combinatorial_box)
        row.addWidget(self.preview_button)
        row.addWidget(self.folder_button)
        column.addLayout(row)
        column.addWidget(self.error_label)
        self._show()

    # --- what the form asks ---

    def set_text(self, text: str) -> None:
        """The prompt changed: expand it once typing pauses."""
        if text == self._text:
            return
        self._text = text
        self._result, self._error = None, None
        if is_dynamic(text):
            self._timer.start()
        else:
            self._timer.stop()
            self._result = Expansion(1, (text,))
        self._show()

    def combinatorial(self) -> bool:
        return self.combinatorial_box.isChecked() and is_dynamic(self._text)

    def count(self) -> int | None:
        """How many prompts the current text expands to (None: not known yet, or too many)."""
        return self._result.count if self._result is not None else None

    def error(self) -> str | None:
        """Why the current text cannot be expanded (None: it can, or not checked yet)."""
        return self._error

    def wait_expanded(self) -> None:
        """Expand now rather than after the pause (tests, and Queue right after typing)."""
        if self._timer.isActive():
            self._timer.stop()
            self._expand()

    # --- actions ---

    def show_preview(self) -> None:
        if self._error:
            text = self._error
        elif self._result is None:
            text = self.tr("Counting…")
        else:
            lines = [f"• {p}" if p else "• " + self.tr("(empty)") for p in self._result.preview]
            if self._result.count is None or self._result.count > len(lines):
                lines.append("…")
            text = "\n".join(lines)
        self.preview_button.setToolTip(text)
        QToolTip.showText(
            self.preview_button.mapToGlobal(self.preview_button.rect().bottomLeft()),
            text,
            self.preview_button,
        )

    def open_folder(self) -> bool:
        self._wildcards.mkdir(parents=True, exist_ok=True)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._wildcards)))

    # --- expanding ---

    def _expand(self) -> None:
        text, folder = self._text, self._wildcards

        def run() -> Expansion | UserMessage:
            try:
                return preview(text, wildcards_dir=folder, shown=PREVIEW_SHOWN)
            except PromptSyntaxError as exc:
                return exc.text  # translated on the GUI thread

        def done(result: Expansion | UserMessage) -> None:
            if text != self._text:
                return  # typed on since
            if isinstance(result, UserMessage):
                self._result, self._error = None, show_text(result)
            else:
                self._result, self._error = result, None
            self._show()
            self.updated.emit()

        self._tasks.run("read", run, done, owner=self, key="expand")

    def _show(self) -> None:
        dynamic = is_dynamic(self._text)
        self.setVisible(True)
        for widget in (self.preview_button, self.combinatorial_box):
            widget.setVisible(dynamic)
        if not dynamic:
            self.count_label.setText(self.tr("{a|b} and __wildcards__ vary the prompt"))
        elif self._error:
            self.count_label.setText(self.tr("The prompt cannot be expanded:"))
        elif self._result is None:
            self.count_label.setText(self.tr("Counting prompts…"))
        elif self._result.count is None:
            self.count_label.setText(
                self.tr("More than {n} prompts").format(n=f"{MAX_COMBINATIONS:,}")
            )
        else:
            self.count_label.setText(self.tr("%n prompt(s)", "", self._result.count))
        self.error_label.setText(self._error or "")
        self.error_label.setVisible(bool(self._error))
        self.preview_button.setToolTip(self.tr("Show the first prompts the text expands to"))
