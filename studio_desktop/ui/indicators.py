"""The coloured state dots used wherever a server's state is shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPixmap

from studio_desktop.core.engine import ServerState

OK_COLOUR = QColor(46, 160, 67)
BUSY_COLOUR = QColor(210, 153, 34)
FAIL_COLOUR = QColor(207, 34, 46)
IDLE_COLOUR = QColor(128, 128, 128)

STATE_COLOURS = {
    ServerState.IDLE: OK_COLOUR,
    ServerState.BUSY: BUSY_COLOUR,
    ServerState.CONNECTING: IDLE_COLOUR,
    ServerState.DOWN: FAIL_COLOUR,
    ServerState.STOPPED: IDLE_COLOUR,
}


def dot(colour: QColor, size: int = 10) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(colour)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return pixmap
