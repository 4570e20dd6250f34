"""The strip above the grid while it shows the trash: what happens to items here, and the two
things to do about it."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class TrashBanner(QFrame):
    """ "You are looking at the trash — items here are deleted for good after N days." with
    [Restore selected] and [Empty trash]; the tab connects the buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trash_banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setAutoFillBackground(True)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("Restore selected"), self)
        self.empty_button = QPushButton(self.tr("Empty trash"), self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.restore_button)
        layout.addWidget(self.empty_button)

    def set_retention_days(self, days: int) -> None:
        """The trash retention setting (0: emptied at the next clean-up)."""
        if days <= 0:
            text = self.tr(
                "You are looking at the trash — items here are deleted for good at the next "
                "clean-up."
            )
        else:
            text = self.tr(
                "You are looking at the trash — items here are deleted for good after %n day(s).",
                "",
                days,
            )
        self.label.setText(text)

    def set_selection(self, selected: int, total: int) -> None:
        self.restore_button.setEnabled(selected > 0)
        self.empty_button.setEnabled(total > 0)
