"""The Settings dialog's "Output folder" field: a path, Choose…, Use default, and the check.

The field holds what `Settings.output_folder` will hold: empty means the data folder's outputs/
(shown as the placeholder). The folder is checked (created, one probe file written) only when the
user applies a change; the check is a single mkdir and write, quick enough for the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget

from studio_desktop.core.library.output_folder import (
    FolderProblem,
    OutputFolderError,
    check_output_folder,
    folder_of_setting,
)
from studio_desktop.core.paths import DataPaths


class OutputFolderRow(QWidget):
    """Where new outputs go. `changed` fires on every edit, choice or reset."""

    changed = Signal()

    def __init__(self, paths: DataPaths, setting: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._paths = paths
        self._saved = setting
        # Chosen or edited since the last apply: applying then checks the folder again, even if
        # it is the saved one (which may have been unusable at start-up and be back now).
        self.touched = False

        self.field = QLineEdit(setting)
        self.field.setPlaceholderText(str(paths.outputs))
        self.field.setToolTip(str(folder_of_setting(paths, setting)))
        self.field.setCursorPosition(0)
        self.field.textEdited.connect(self._edited)
        self.choose_button = QPushButton(self.tr("Choose…"))
        self.choose_button.clicked.connect(self.choose)
        self.default_button = QPushButton(self.tr("Use default"))
        self.default_button.setToolTip(str(paths.outputs))
        self.default_button.clicked.connect(self.use_default)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.choose_button)
        layout.addWidget(self.default_button)

    def setting(self) -> str:
        """The value for `Settings.output_folder`: "" for the default folder."""
        text = self.field.text().strip()
        if not text:
            return ""
        if Path(text).expanduser() == self._paths.outputs:
            return ""
        return text

    def folder(self) -> Path:
        return folder_of_setting(self._paths, self.setting())

    def wants_check(self) -> bool:
        """Whether applying must check the folder (and hand it to the library)."""
        return self.touched or self.setting() != self._saved

    def check(self) -> str | None:
        """Create and probe the folder; None if it can take outputs, else what to tell the user."""
        try:
            check_output_folder(self._paths, self.folder())
        except OutputFolderError as exc:
            return self._problem_text(exc)
        return None

    def mark_applied(self) -> None:
        self._saved = self.setting()
        self.touched = False
        self.field.setToolTip(str(self.folder()))

    def choose(self) -> None:
        start = self.folder()
        folder = QFileDialog.getExistingDirectory(
            self,
            self.tr("Choose the output folder"),
            str(start if start.is_dir() else Path.home()),
        )
        if folder:
            self.set_folder(folder)

    def use_default(self) -> None:
        self.set_folder("")

    def set_folder(self, text: str) -> None:
        """Put a folder in the field as if the user chose it ("" for the default)."""
        self.field.setText(text)
        self.field.setCursorPosition(0)
        self._edited()

    def _edited(self) -> None:
        self.touched = True
        self.changed.emit()

    def _problem_text(self, exc: OutputFolderError) -> str:
        folder = str(exc.folder)
        if exc.problem is FolderProblem.NOT_ABSOLUTE:
            return self.tr("“{folder}” is not a full path. Use Choose… to pick a folder.").format(
                folder=folder
            )
        if exc.problem is FolderProblem.INSIDE_DATA:
            return self.tr(
                "{folder} is inside the data folder. Choose a folder outside it, or use the "
                "default."
            ).format(folder=folder)
        return self.tr(
            "Studio Desktop cannot save images in {folder}: {error}\nChoose another folder."
        ).format(folder=folder, error=exc.detail or "?")
