"""How a gallery cell paints its thumbnail: decoded at the cell's size, drawn pixel for pixel
and centred in the cell (not stretched, not moved by a pixel)."""

from __future__ import annotations

from typing import Any

from PIL import Image
from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QStyleOptionViewItem, QWidget
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.ui.gallery.delegate import MARGIN, ThumbnailDelegate
from studio_desktop.ui.gallery.model import CellRole
from studio_desktop.ui.gallery.rows import Cell
from studio_desktop.ui.thumbnails import ThumbnailLoader

RED = (220, 30, 40)


class OneCell(QAbstractListModel):
    def __init__(self, cell: Cell) -> None:
        super().__init__()
        self._cell = cell

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        return self._cell if role == CellRole else None


def test_a_thumbnail_at_the_cells_size_is_drawn_pixel_for_pixel_in_its_middle(
    qtbot: QtBot, ctx: AppContext
) -> None:
    rel = "thumbnails/wide.jpg"
    target = ctx.paths.resolve(rel)
    target.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (200, 100), RED).save(target, "JPEG", quality=95)
    loader = ThumbnailLoader(ctx.paths)
    widget = QWidget()
    qtbot.addWidget(widget)
    delegate = ThumbnailDelegate(loader, 100, widget)
    model = OneCell(Cell(rel, False, "image", 1, "outputs/wide.png"))
    index = model.index(0, 0)
    qtbot.waitUntil(lambda: loader.pixmap(rel, 100) is not None, timeout=10_000)
    pixmap = loader.pixmap(rel, 100)
    assert pixmap is not None and pixmap.size().toTuple() == (100, 50)

    canvas = QPixmap(140, 140)
    canvas.setDevicePixelRatio(1.0)
    canvas.fill(QColor("white"))
    option = QStyleOptionViewItem()
    option.rect = QRect(10, 10, 120, 120)  # the box: 100 wide from x 20, 100 high from y 16
    painter = QPainter(canvas)
    delegate.paint(painter, option, index)
    painter.end()
    image = canvas.toImage()

    def red(x: int, y: int) -> bool:
        r, g, b, _ = image.pixelColor(x, y).getRgb()
        return abs(r - RED[0]) < 12 and abs(g - RED[1]) < 12 and abs(b - RED[2]) < 12

    top = 10 + MARGIN + 25  # 50 high, centred in the 100 high box
    assert red(20, top) and red(119, top + 49)  # its corners
    assert not red(19, top) and not red(120, top)  # nothing beside it
    assert not red(20, top - 1) and not red(20, top + 50)  # nor above or below
    loader.shutdown()
