"""A tool button that opens its menu on a click, with room for the menu's arrow beside its text.

A QToolButton in InstantPopup mode draws the small "has a menu" arrow in its bottom-right
corner, but its size hint leaves room for that arrow only in MenuButtonPopup mode: with a text
label ("Names", "Compare"), the arrow covered the last letter. `MenuButton` widens itself by the
style's indicator width whenever it shows text, so the centred text clears the corner.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QStyle, QStyleOptionToolButton, QToolButton, QWidget


class MenuButton(QToolButton):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

    def sizeHint(self) -> QSize:
        return self._with_room(super().sizeHint())

    def minimumSizeHint(self) -> QSize:
        return self._with_room(super().minimumSizeHint())

    def shows_text(self) -> bool:
        icon_only = self.toolButtonStyle() is Qt.ToolButtonStyle.ToolButtonIconOnly
        return bool(self.text()) and (not icon_only or self.icon().isNull())

    def _with_room(self, hint: QSize) -> QSize:
        if self.menu() is None or not self.shows_text():
            return hint
        option = QStyleOptionToolButton()
        self.initStyleOption(option)
        arrow = self.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, option, self)
        return QSize(hint.width() + arrow, hint.height())
