"""Compare two images: side by side, or one over the other with a swipe line to drag.

Both are decoded on Tasks' "decode" pool (never on the GUI thread); until then each side says
it is loading, and a file that cannot be read says so instead of showing nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Final

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.ui.gallery.viewer import decode_full
from studio_desktop.workers.tasks import Tasks

GAP: Final = 8  # between the two images side by side


class CompareMode(Enum):
    SIDE_BY_SIDE = "side"
    SWIPE = "swipe"


@dataclass(frozen=True)
class CompareItem:
    """One side: the file and what to call it."""

    path: Path
    caption: str


class _Side:
    """What one side shows: nothing yet, its picture, or why there is none."""

    def __init__(self) -> None:
        self.pixmap: QPixmap | None = None
        self.failed = False


def _fitted(size: QSize, box: QRectF) -> QRectF:
    """`size` scaled to fit `box`, centred (never enlarged past twice its size)."""
    if size.isEmpty() or box.isEmpty():
        return QRectF()
    scale = min(box.width() / size.width(), box.height() / size.height(), 2.0)
    w, h = size.width() * scale, size.height() * scale
    return QRectF(box.center().x() - w / 2, box.center().y() - h / 2, w, h)


class CompareCanvas(QWidget):
    """Paints the two sides; in swipe mode a drag moves the line between them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sides = (_Side(), _Side())
        self.mode = CompareMode.SIDE_BY_SIDE
        self.split = 0.5  # swipe: the share of the width showing the first image
        self.setMinimumSize(480, 320)
        self.setBackgroundRole(QPalette.ColorRole.Dark)
        self.setAutoFillBackground(True)
        self.setMouseTracking(False)

    def set_mode(self, mode: CompareMode) -> None:
        self.mode = mode
        self.setCursor(
            Qt.CursorShape.SplitHCursor if mode == CompareMode.SWIPE else Qt.CursorShape.ArrowCursor
        )
        self.update()

    def set_image(self, side: int, image: QImage) -> None:
        target = self.sides[side]
        target.failed = image.isNull()
        target.pixmap = None if image.isNull() else QPixmap.fromImage(image)
        self.update()

    def ready(self) -> bool:
        """Both sides have their picture (or know they have none)."""
        return all(s.pixmap is not None or s.failed for s in self.sides)

    def set_split(self, x: float) -> None:
        self.split = min(max(x / max(1, self.width()), 0.0), 1.0)
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.mode == CompareMode.SWIPE:
            self.set_split(event.position().x())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.mode == CompareMode.SWIPE and event.buttons() & Qt.MouseButton.LeftButton:
            self.set_split(event.position().x())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        area = QRectF(self.rect())
        if self.mode == CompareMode.SIDE_BY_SIDE:
            half = (area.width() - GAP) / 2
            boxes = (
                QRectF(area.left(), area.top(), half, area.height()),
                QRectF(area.left() + half + GAP, area.top(), half, area.height()),
            )
            for side, box in zip(self.sides, boxes, strict=True):
                self._paint_side(painter, side, box, box)
        else:
            line = area.left() + area.width() * self.split
            clips = (
                QRectF(area.left(), area.top(), line - area.left(), area.height()),
                QRectF(line, area.top(), area.right() - line, area.height()),
            )
            for side, clip in zip(self.sides, clips, strict=True):
                self._paint_side(painter, side, area, clip)
            pen = QPen(QColor(255, 255, 255, 220), 2)
            painter.setPen(pen)
            painter.drawLine(QPointF(line, area.top()), QPointF(line, area.bottom()))
        painter.end()

    def _paint_side(self, painter: QPainter, side: _Side, box: QRectF, clip: QRectF) -> None:
        painter.save()
        painter.setClipRect(clip)
        if side.pixmap is not None:
            target = _fitted(side.pixmap.size(), box)
            painter.drawPixmap(target, side.pixmap, QRectF(side.pixmap.rect()))
        else:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            text = (
                self.tr("The image file is missing or unreadable.")
                if side.failed
                else self.tr("Loading…")
            )
            painter.drawText(box.toRect(), Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


class CompareDialog(QDialog):
    """Two images, side by side or swiped; decoded in the background."""

    def __init__(
        self, items: tuple[CompareItem, CompareItem], tasks: Tasks, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare images"))
        self.items = items
        self.canvas = CompareCanvas(self)
        self.side_by_side = QRadioButton(self.tr("Side by side"), self)
        self.swipe = QRadioButton(self.tr("Swipe"), self)
        self.side_by_side.setChecked(True)
        modes = QButtonGroup(self)
        modes.addButton(self.side_by_side)
        modes.addButton(self.swipe)
        self.side_by_side.toggled.connect(
            lambda on: self.canvas.set_mode(CompareMode.SIDE_BY_SIDE if on else CompareMode.SWIPE)
        )
        self.captions = (QLabel(items[0].caption, self), QLabel(items[1].caption, self))
        for label in self.captions:
            label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.captions[1].setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.side_by_side)
        top.addWidget(self.swipe)
        top.addStretch(1)
        captions = QHBoxLayout()
        captions.addWidget(self.captions[0], 1)
        captions.addWidget(self.captions[1], 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.canvas, 1)
        layout.addLayout(captions)
        layout.addWidget(buttons)
        self.resize(1000, 640)

        for side, item in enumerate(items):
            path = item.path
            tasks.run(
                "decode",
                lambda p=path: decode_full(p),  # type: ignore[misc]
                lambda image, s=side: self.canvas.set_image(s, image),  # type: ignore[misc]
                owner=self,
                key=f"side{side}",
                failed=lambda _exc, s=side: self.canvas.set_image(s, QImage()),  # type: ignore[misc]
            )
