"""Text cut to the room it has, as Qt's item views and labels cut it, with one part kept whole
when it says what matters ("… (default)", "… · 64 × 64 · seed 7")."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QStyle, QWidget


def item_text_margin(widget: QWidget | None) -> int:
    """The room Qt's own item-view text leaves on each side of a cell (QCommonStyle: the focus
    frame's margin and one pixel)."""
    style = widget.style() if widget is not None else QApplication.style()
    return style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1


def elided_keeping_end(metrics: QFontMetrics, text: str, end: str, room: int) -> str:
    """`text` as it fits in `room` pixels: whole when it fits; else cut at its right, and
    when it ends with `end`, that end is shown whole and what comes before it is cut."""
    if metrics.horizontalAdvance(text) <= room:
        return text
    if not end or not text.endswith(end):
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
    room_for_head = max(0, room - metrics.horizontalAdvance(end))
    return metrics.elidedText(text[: -len(end)], Qt.TextElideMode.ElideRight, room_for_head) + end
