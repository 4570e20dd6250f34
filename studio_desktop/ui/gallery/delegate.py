"""Paints one gallery cell: the thumbnail, a favourite star, selection, a placeholder."""

from __future__ import annotations

import math
from typing import Final

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from studio_desktop.ui.gallery.model import Cell, CellRole
from studio_desktop.ui.thumbnails import ThumbnailLoader

MARGIN: Final = 6
RADIUS: Final = 6.0
_STAR_GOLD: Final = QColor(245, 190, 40)

_Index = QModelIndex | QPersistentModelIndex


def star_polygon(centre: QPointF, outer: float) -> QPolygonF:
    inner = outer * 0.45
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append(
            QPointF(centre.x() + radius * math.cos(angle), centre.y() + radius * math.sin(angle))
        )
    return QPolygonF(points)


class ThumbnailDelegate(QStyledItemDelegate):
    """Square cells of `thumb_size` logical pixels plus a margin; no text (tooltips have it)."""

    def __init__(self, loader: ThumbnailLoader, thumb_size: int, parent: QWidget | None = None):
        super().__init__(parent)
        self._loader = loader
        self.thumb_size = thumb_size
        self._placeholder: tuple[int, QColor] | None = None
        self.pixmaps_painted = 0  # thumbnails drawn so far (the start-up benchmark waits on it)

    def cell_size(self) -> QSize:
        side = self.thumb_size + 2 * MARGIN
        return QSize(side, side)

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        return self.cell_size()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        # Runs for every visible cell on every scroll step: keep it to one data() call, integer
        # rects and a 1:1 blit (the loader decodes at this exact device-pixel size); antialiased
        # shapes only where they are few (selection, hover, stars).
        cell_data = index.data(CellRole)
        state: QStyle.StateFlag = option.state
        cell: QRect = option.rect
        selected = bool(state & QStyle.StateFlag.State_Selected)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver)
        if selected or hovered:
            self._paint_frame(painter, option.palette, cell, selected)

        side = self.thumb_size
        box = QRect(cell.x() + (cell.width() - side) // 2, cell.y() + MARGIN, side, side)
        if not isinstance(cell_data, Cell):  # not read yet: it arrives in a moment
            painter.fillRect(box, self._placeholder_colour(option.palette))
            return
        widget = option.widget
        dpr = widget.devicePixelRatioF() if widget is not None else 1.0
        rel = cell_data.thumb
        pixmap = self._loader.pixmap(rel, round(side * dpr)) if rel else None
        if pixmap is not None and not pixmap.isNull():
            target = _placed(box, pixmap.width() / dpr, pixmap.height() / dpr)
            if dpr == 1.0 and target.width() == pixmap.width():
                # 1:1 at a point: half the cost of the same blit given as two rects.
                painter.drawPixmap(target.topLeft(), pixmap)
            elif round(target.width() * dpr) == pixmap.width():
                painter.drawPixmap(target, pixmap, QRectF(pixmap.rect()))
            else:  # a stand-in of another size (slider moving) or a small image
                painter.save()
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
                painter.drawPixmap(target, pixmap, QRectF(pixmap.rect()))
                painter.restore()
            self.pixmaps_painted += 1
            image_rect = target
        else:
            self._paint_placeholder(painter, option.palette, box, cell_data.kind, rel)
            image_rect = QRectF(box)
        if cell_data.favourite:
            self._paint_star(painter, image_rect)

    def _placeholder_colour(self, palette: QPalette) -> QColor:
        """A hint of the text colour over the background, opaque (an opaque fill is ~4x
        cheaper than a translucent one), cached per palette."""
        key = palette.cacheKey()
        if self._placeholder is None or self._placeholder[0] != key:
            base = palette.color(QPalette.ColorRole.Base)
            text = palette.color(QPalette.ColorRole.Text)
            mix = 0.08
            colour = QColor(
                round(base.red() + (text.red() - base.red()) * mix),
                round(base.green() + (text.green() - base.green()) * mix),
                round(base.blue() + (text.blue() - base.blue()) * mix),
            )
            self._placeholder = (key, colour)
        return self._placeholder[1]

    def _paint_frame(
        self, painter: QPainter, palette: QPalette, cell: QRect, selected: bool
    ) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        frame = QRectF(cell).adjusted(2, 2, -2, -2)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        fill = QColor(highlight)
        fill.setAlphaF(0.28 if selected else 0.12)
        painter.setPen(QPen(highlight, 2) if selected else Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(frame, RADIUS, RADIUS)
        painter.restore()

    def _paint_placeholder(
        self, painter: QPainter, palette: QPalette, box: QRect, kind: str, rel: str | None
    ) -> None:
        painter.fillRect(box, self._placeholder_colour(palette))
        icon = None
        parent = self.parent()
        if not isinstance(parent, QWidget):
            return
        style = parent.style()
        if rel is None:
            icon = style.standardIcon(
                QStyle.StandardPixmap.SP_MediaVolume
                if kind == "audio"
                else QStyle.StandardPixmap.SP_MediaPlay
            )
        elif self._loader.failed(rel):
            icon = style.standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        if icon is not None:
            side = int(min(32.0, box.width() / 3))
            centre = box.center()
            rect = QRect(0, 0, side, side)
            rect.moveCenter(centre)
            painter.setOpacity(0.6)
            icon.paint(painter, rect)
            painter.setOpacity(1.0)

    def _paint_star(self, painter: QPainter, image_rect: QRectF) -> None:
        outer = max(6.0, min(11.0, image_rect.width() / 12))
        centre = QPointF(image_rect.right() - outer - 5, image_rect.top() + outer + 5)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 110))
        painter.drawEllipse(centre, outer + 3, outer + 3)
        painter.setBrush(_STAR_GOLD)
        painter.drawPolygon(star_polygon(centre, outer))
        painter.restore()


def _placed(box: QRect, width: float, height: float) -> QRectF:
    """Where a pixmap of this logical size goes in box: scaled to fit the long edge, centred,
    on whole pixels (so a pixmap already at the right size is drawn without resampling)."""
    if width <= 0 or height <= 0:
        return QRectF(box)
    scale = min(box.width() / width, box.height() / height)
    w, h = round(width * scale), round(height * scale)
    return QRectF(box.x() + (box.width() - w) // 2, box.y() + (box.height() - h) // 2, w, h)
