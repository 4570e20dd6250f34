"""Scrolling a form must not change its values.

A spin box or combo box under the mouse takes the wheel by default, so scrolling down the Generate
form changed the scheduler, the size and the steps on its way. Inside a guarded scroll area these
widgets take the wheel only once the user has focused them (click or Tab); otherwise the wheel
goes on to the scroll area, as in a browser form.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)

_VALUE_WIDGETS = (QAbstractSpinBox, QComboBox)


class WheelGuard(QObject):
    """Watches the application's events for the value widgets inside `area`.

    An application-wide filter (not one per widget) also covers widgets the form creates later,
    such as a template's slot editors."""

    def __init__(self, area: QAbstractScrollArea) -> None:
        super().__init__(area)
        self._area = area
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        for kind in _VALUE_WIDGETS:
            for widget in area.findChildren(kind):
                _focus_by_click_or_tab(widget)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.Wheel, QEvent.Type.Polish):
            return False
        if not isinstance(watched, _VALUE_WIDGETS) or not self._inside(watched):
            return False
        if kind is QEvent.Type.Polish:  # a widget added after the guard, about to be shown
            _focus_by_click_or_tab(watched)
            return False
        if watched.hasFocus():
            return False
        # Handled here but not accepted: Qt offers an ignored wheel to the parents, so the
        # scroll area scrolls.
        event.ignore()
        return True

    def _inside(self, widget: QWidget) -> bool:
        return self._area.isAncestorOf(widget)


def _focus_by_click_or_tab(widget: QWidget) -> None:
    """Qt focuses a WheelFocus widget on the wheel before it delivers the event, so the next notch
    would change it; with StrongFocus only a click or Tab focuses it."""
    if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
