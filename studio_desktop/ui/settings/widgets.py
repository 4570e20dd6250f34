"""Small widgets the settings pages and the first-run dialog share."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from studio_desktop.ui.indicators import FAIL_COLOUR, OK_COLOUR, dot


def hint_label(text: str) -> QLabel:
    """A quieter, smaller line of explanation under a field, readable in light and dark."""
    label = QLabel(text)
    label.setWordWrap(True)
    # Expanding: in a form it takes the field column's width instead of wrapping narrowly.
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.92)
    label.setFont(font)
    # A role, not a copied colour: it follows a theme change while the window is open.
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


class ResultLine(QWidget):
    """'Connecting…', then a green or red dot with what a probe found."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon = QLabel()
        self.icon.setFixedWidth(14)
        self.icon.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        self.ok: bool | None = None

    def text(self) -> str:
        return self.label.text()

    def clear(self) -> None:
        self.ok = None
        self.icon.clear()
        self.label.clear()

    def show_busy(self, text: str) -> None:
        self.ok = None
        self.icon.clear()
        self.label.setText(text)

    def show_result(self, text: str, *, ok: bool) -> None:
        self.ok = ok
        size = max(8, self.label.fontMetrics().height() - 4)
        pixmap = dot(OK_COLOUR if ok else FAIL_COLOUR, size)
        self.icon.setPixmap(pixmap)
        self.icon.setContentsMargins(0, (self.label.fontMetrics().height() - size) // 2, 0, 0)
        self.label.setText(text)
