"""How a job's state looks: a small painted icon and a translated word, shared by History and
the queue panel."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from studio_desktop.core.jobs import JobStatus

# Accents readable on light and dark backgrounds alike.
STATUS_COLOURS: dict[JobStatus, QColor] = {
    JobStatus.PENDING: QColor(128, 132, 140),
    JobStatus.RUNNING: QColor(56, 132, 224),
    JobStatus.RETRYING: QColor(214, 150, 30),
    JobStatus.COMPLETED: QColor(46, 160, 67),
    JobStatus.FAILED: QColor(215, 58, 73),
    JobStatus.CANCELLED: QColor(128, 132, 140),
}

_ICON_SIZES = (16, 20, 24, 32, 48, 64)
_OUTLINED = (JobStatus.PENDING, JobStatus.CANCELLED)


def status_text(status: JobStatus) -> str:
    """The word users see for a state."""
    words = {
        JobStatus.PENDING: QCoreApplication.translate("JobStatus", "Waiting"),
        JobStatus.RUNNING: QCoreApplication.translate("JobStatus", "Running"),
        JobStatus.RETRYING: QCoreApplication.translate("JobStatus", "Retrying"),
        JobStatus.COMPLETED: QCoreApplication.translate("JobStatus", "Completed"),
        JobStatus.FAILED: QCoreApplication.translate("JobStatus", "Failed"),
        JobStatus.CANCELLED: QCoreApplication.translate("JobStatus", "Cancelled"),
    }
    return words[status]


def status_icon(status: JobStatus) -> QIcon:
    """A round badge per state, drawn at several sizes so it stays sharp on HiDPI screens."""
    icon = QIcon()
    for size in _ICON_SIZES:
        icon.addPixmap(_paint(status, size))
        if status in _OUTLINED:
            # On a selected row the grey outline would vanish into the highlight.
            icon.addPixmap(_paint(status, size, QColor(255, 255, 255)), QIcon.Mode.Selected)
    return icon


class StatusIcons:
    """The badges, painted once per owner (no module-level pixmaps that outlive the app)."""

    def __init__(self) -> None:
        self._icons: dict[JobStatus, QIcon] = {}

    def __call__(self, status: JobStatus) -> QIcon:
        icon = self._icons.get(status)
        if icon is None:
            icon = self._icons[status] = status_icon(status)
        return icon


def _paint(status: JobStatus, size: int, colour: QColor | None = None) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = colour or STATUS_COLOURS[status]
    s = float(size)
    margin = s * 0.08
    circle = QRectF(margin, margin, s - 2 * margin, s - 2 * margin)
    stroke = max(1.2, s / 9)
    white = QPen(QColor(255, 255, 255), stroke)
    white.setCapStyle(Qt.PenCapStyle.RoundCap)
    white.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if status in _OUTLINED:
        # Outlined: nothing happened (yet) to these.
        outline = QPen(colour, stroke)
        outline.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(outline)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        inner = circle.adjusted(stroke / 2, stroke / 2, -stroke / 2, -stroke / 2)
        painter.drawEllipse(inner)
        c = inner.center()
        r = inner.width() / 2
        if status is JobStatus.PENDING:
            painter.drawLine(c, QPointF(c.x(), c.y() - r * 0.55))
            painter.drawLine(c, QPointF(c.x() + r * 0.45, c.y()))
        else:
            d = r * math.sqrt(0.5)
            painter.drawLine(QPointF(c.x() - d, c.y() + d), QPointF(c.x() + d, c.y() - d))
        painter.end()
        return pixmap
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(circle)
    painter.setPen(white)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    c = circle.center()
    r = circle.width() / 2
    if status is JobStatus.COMPLETED:
        path = QPainterPath(QPointF(c.x() - r * 0.45, c.y() + r * 0.02))
        path.lineTo(QPointF(c.x() - r * 0.12, c.y() + r * 0.35))
        path.lineTo(QPointF(c.x() + r * 0.48, c.y() - r * 0.32))
        painter.drawPath(path)
    elif status is JobStatus.FAILED:
        d = r * 0.36
        painter.drawLine(QPointF(c.x() - d, c.y() - d), QPointF(c.x() + d, c.y() + d))
        painter.drawLine(QPointF(c.x() - d, c.y() + d), QPointF(c.x() + d, c.y() - d))
    elif status is JobStatus.RUNNING:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255))
        triangle = QPainterPath(QPointF(c.x() - r * 0.28, c.y() - r * 0.42))
        triangle.lineTo(QPointF(c.x() + r * 0.46, c.y()))
        triangle.lineTo(QPointF(c.x() - r * 0.28, c.y() + r * 0.42))
        triangle.closeSubpath()
        painter.drawPath(triangle)
    else:  # retrying: an open circular arrow
        arc = QRectF(c.x() - r * 0.5, c.y() - r * 0.5, r, r)
        painter.drawArc(arc, 90 * 16, 270 * 16)
        tip = QPointF(c.x(), c.y() - r * 0.5)
        painter.drawLine(tip, QPointF(tip.x() - r * 0.22, tip.y() - r * 0.2))
        painter.drawLine(tip, QPointF(tip.x() - r * 0.22, tip.y() + r * 0.2))
    painter.end()
    return pixmap
