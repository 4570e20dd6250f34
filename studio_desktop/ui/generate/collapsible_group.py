"""A form section that is off until ticked: its title alone while off, its fields in a frame
while on (Hires fix, X/Y/Z sweep)."""

from __future__ import annotations

from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QStyle,
    QStyleOptionGroupBox,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)


class CollapsibleGroup(QGroupBox):
    """A checkable group box around `body`, which shows only while it is ticked."""

    def __init__(self, title: str, body: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.body = body
        self.setCheckable(True)
        self.setChecked(False)
        self.body.setVisible(False)
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.addWidget(self.body)
        self.toggled.connect(self._show_body)

    def _show_body(self, on: bool) -> None:
        self.body.setVisible(on)
        margins = (8, 4, 8, 8) if on else (0, 0, 0, 0)
        self._column.setContentsMargins(*margins)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.isChecked():
            super().paintEvent(event)
            return
        # Off: the check box and title without the frame. Fusion draws a group's frame whether
        # or not the box is flat, which left an empty grey bar under the title.
        option = QStyleOptionGroupBox()
        self.initStyleOption(option)
        option.subControls = option.subControls & ~QStyle.SubControl.SC_GroupBoxFrame
        QStylePainter(self).drawComplexControl(QStyle.ComplexControl.CC_GroupBox, option)
