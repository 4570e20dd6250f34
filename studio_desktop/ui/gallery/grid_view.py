"""The gallery's grid: cells that fill the width, in runs of one day under a date header.

A QListView leaves the remainder of the width empty (or, justified through its grid size, still
loses a column to rounding), and it cannot put a header row across the width. This view lays
itself out with arithmetic instead of per item: every cell is the same size, so a row's place is
its day's run (a bisect over the days) and its line and column in that run. A layout costs one
step per day, not per image, so 10,000+ images scroll and resize as cheaply as 100; painting
asks only for the cells on screen (which is what reads their pages in the background).

The days come from the rows the model has read (`GalleryModel.day_starts`): rows not read yet
belong to the last day until their page arrives. When a layout moves what is on screen (a page
of an earlier day arrived above it), the cell at the top stays where it was.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterator, Sequence, Set
from dataclasses import dataclass
from datetime import date
from typing import Final

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QDate,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QDrag,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QRegion,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyleOptionViewItem, QWidget

from studio_desktop.ui.gallery.model import GalleryModel

HEADER_PADDING: Final = 8  # above and below a date header's text
HEADER_INDENT: Final = 8  # the header's text from the left edge

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Section:
    """One day's run of rows: `first` to `end` (exclusive), its header (none when not
    grouping) at `header_y`, its first line of cells at `top` (content coordinates)."""

    first: int
    end: int
    label: str | None
    header_y: int
    top: int


def day_label(day: date, today: date, locale: QLocale) -> str:
    """ "Today", "Yesterday", else the date in the locale's long format."""
    if day == today:
        return QCoreApplication.translate("GalleryView", "Today")
    if day.toordinal() == today.toordinal() - 1:
        return QCoreApplication.translate("GalleryView", "Yesterday")
    return locale.toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)


class GalleryView(QAbstractItemView):
    """Square-ish cells of at least `gridSize()`, stretched so the columns fill the width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._min_cell = QSize(100, 100)
        self._columns = 1
        self._cell_width = 100.0
        self._sections: list[Section] = []
        self._firsts: list[int] = []  # each section's first row (bisect by row)
        self._header_ys: list[int] = []  # each section's top edge (bisect by y)
        self._content_height = 0
        self._grouping = True
        self._laid_out_for: tuple[int, int] = (-1, -1)  # (loaded rows, day count) last used
        self._hover = QPersistentModelIndex()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setMouseTracking(True)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)

    # --- settings ---

    def setGridSize(self, size: QSize) -> None:
        """The smallest a cell may be; cells are stretched to fill the width."""
        if size != self._min_cell:
            self._min_cell = QSize(size)
            self.doItemsLayout()

    def gridSize(self) -> QSize:
        """The cell size as laid out now (the width stretched to fill the row)."""
        return QSize(int(self._cell_width), self._min_cell.height())

    def columns(self) -> int:
        return self._columns

    def set_grouping(self, on: bool) -> None:
        """Date headers between the days (on), or one run of cells (off)."""
        if on != self._grouping:
            self._grouping = on
            self.doItemsLayout()

    def sections(self) -> Sequence[Section]:
        return self._sections

    def setModel(self, model: QAbstractItemModel | None) -> None:
        old = self.model()
        if old is not None:
            old.rowsRemoved.disconnect(self._rows_removed)
            old.layoutChanged.disconnect(self.doItemsLayout)
        super().setModel(model)
        if model is not None:
            model.rowsRemoved.connect(self._rows_removed)
            model.layoutChanged.connect(self.doItemsLayout)
        self.doItemsLayout()

    # --- layout ---

    def doItemsLayout(self) -> None:
        anchor = self._anchor()
        self._layout()
        super().doItemsLayout()  # updateGeometries: the scroll range; a repaint
        if anchor is not None:
            row, offset = anchor
            rect = self._content_rect(row)
            if rect is not None:
                self.verticalScrollBar().setValue(rect.top() - offset)

    def _anchor(self) -> tuple[int, int] | None:
        """The first cell on screen (perhaps cut by the top edge) and how far below the top
        edge it is (None at the top)."""
        value = self.verticalScrollBar().value()
        if value <= 0 or not self._sections:
            return None
        row = self._first_row_at_or_below(value)
        rect = self._content_rect(row) if row is not None else None
        return (row, rect.top() - value) if row is not None and rect is not None else None

    def _header_height(self) -> int:
        return QFontMetrics(self._header_font()).height() + 2 * HEADER_PADDING

    def _header_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def _layout(self) -> None:
        model = self.model()
        rows = model.rowCount() if model is not None else 0
        width = self.viewport().width()
        self._columns = max(1, width // max(1, self._min_cell.width()))
        self._cell_width = max(width, self._min_cell.width()) / self._columns
        starts: list[tuple[int, int | None]] = []
        loaded = 0
        if isinstance(model, GalleryModel):
            loaded = model.loaded_rows()
            if self._grouping:
                starts = list(model.day_starts())
        self._laid_out_for = (loaded, len(starts))
        if not starts or starts[0][0] != 0:
            starts.insert(0, (0, None))
        today = date.today()
        locale = self.locale()
        header = self._header_height()
        cell_height = self._min_cell.height()
        sections: list[Section] = []
        y = 0
        for i, (first, day) in enumerate(starts):
            if first >= rows:
                break
            end = min(starts[i + 1][0], rows) if i + 1 < len(starts) else rows
            label = day_label(date.fromordinal(day), today, locale) if day is not None else None
            header_y = y
            if label is not None:
                y += header
            sections.append(Section(first, end, label, header_y, y))
            y += math.ceil((end - first) / self._columns) * cell_height
        self._sections = sections
        self._firsts = [s.first for s in sections]
        self._header_ys = [s.header_y for s in sections]
        self._content_height = y

    def _needs_layout(self) -> bool:
        """Whether rows read since the last layout began a new day."""
        model = self.model()
        if not isinstance(model, GalleryModel) or not self._grouping:
            return False
        loaded = model.loaded_rows()
        if loaded == self._laid_out_for[0]:
            return False
        return len(model.day_starts()) != self._laid_out_for[1]

    def updateGeometries(self) -> None:
        bar = self.verticalScrollBar()
        height = self.viewport().height()
        bar.setPageStep(height)
        bar.setRange(0, max(0, self._content_height - height))
        super().updateGeometries()

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Also the viewport's resize (a scroll bar appearing or going): the columns change.
        super().resizeEvent(event)
        self.doItemsLayout()

    def _rows_removed(self, *_args: object) -> None:
        self.doItemsLayout()

    def rowsInserted(self, parent: _Index, start: int, end: int) -> None:
        super().rowsInserted(parent, start, end)
        self.doItemsLayout()

    def reset(self) -> None:
        super().reset()
        self._hover = QPersistentModelIndex()
        self.doItemsLayout()

    def dataChanged(
        self,
        topLeft: _Index,
        bottomRight: _Index,
        roles: Sequence[int] = (),
    ) -> None:
        # Filling rows in never moves a cell, unless their page began a new day.
        if self._needs_layout():
            self.doItemsLayout()
        else:
            self.viewport().update()

    # --- geometry ---

    def _section_of_row(self, row: int) -> int:
        return max(0, bisect.bisect_right(self._firsts, row) - 1)

    def _content_rect(self, row: int) -> QRect | None:
        if not self._sections or row < 0 or row >= self._sections[-1].end:
            return None
        section = self._sections[self._section_of_row(row)]
        line, column = divmod(row - section.first, self._columns)
        left = round(column * self._cell_width)
        right = round((column + 1) * self._cell_width)
        height = self._min_cell.height()
        return QRect(left, section.top + line * height, right - left, height)

    def _row_at(self, x: int, y: int) -> int | None:
        """The row whose cell holds this content point (None: a header, a gap, nothing)."""
        i = bisect.bisect_right(self._header_ys, y) - 1
        if i < 0 or x < 0:
            return None
        section = self._sections[i]
        if y < section.top:
            return None
        column = int(x // self._cell_width)
        if column >= self._columns:
            return None
        row = section.first + (y - section.top) // self._min_cell.height() * self._columns + column
        return row if row < section.end else None

    def _first_row_at_or_below(self, y: int) -> int | None:
        """The first row whose cell reaches below `y` (a cell cut by the top edge counts)."""
        i = bisect.bisect_right(self._header_ys, y) - 1
        i = max(i, 0)
        section = self._sections[i]
        line = max(0, (y - section.top) // self._min_cell.height())
        row = section.first + line * self._columns
        if row < section.end:
            return row
        return self._sections[i + 1].first if i + 1 < len(self._sections) else None

    def visualRect(self, index: _Index) -> QRect:
        if not index.isValid():
            return QRect()
        rect = self._content_rect(index.row())
        return QRect() if rect is None else rect.translated(0, -self.verticalOffset())

    def indexAt(self, point: QPoint) -> QModelIndex:
        model = self.model()
        row = self._row_at(point.x(), point.y() + self.verticalOffset())
        return model.index(row, 0) if model is not None and row is not None else QModelIndex()

    def horizontalOffset(self) -> int:
        return 0

    def verticalOffset(self) -> int:
        return self.verticalScrollBar().value()

    def isIndexHidden(self, index: _Index) -> bool:
        return False

    def scrollTo(
        self,
        index: _Index,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        rect = self._content_rect(index.row()) if index.isValid() else None
        if rect is None:
            return
        section = self._sections[self._section_of_row(index.row())]
        top = section.header_y if rect.top() == section.top else rect.top()  # with its header
        height = self.viewport().height()
        value = self.verticalOffset()
        Hint = QAbstractItemView.ScrollHint
        if hint == Hint.PositionAtTop:
            value = top
        elif hint == Hint.PositionAtBottom:
            value = rect.bottom() + 1 - height
        elif hint == Hint.PositionAtCenter:
            value = rect.center().y() - height // 2
        elif top < value:
            value = top
        elif rect.bottom() + 1 > value + height:
            value = rect.bottom() + 1 - height
        self.verticalScrollBar().setValue(value)

    # --- keyboard ---

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        model = self.model()
        rows = model.rowCount() if model is not None else 0
        if model is None or rows == 0 or not self._sections:
            return QModelIndex()
        current = self.currentIndex()
        if not current.isValid():
            return model.index(0, 0)
        row = current.row()
        Move = QAbstractItemView.CursorAction
        page_lines = max(1, self.viewport().height() // self._min_cell.height())
        if cursorAction in (Move.MoveLeft, Move.MovePrevious):
            row -= 1
        elif cursorAction in (Move.MoveRight, Move.MoveNext):
            row += 1
        elif cursorAction == Move.MoveUp:
            row = self._line_step(row, -1)
        elif cursorAction == Move.MoveDown:
            row = self._line_step(row, +1)
        elif cursorAction == Move.MovePageUp:
            for _ in range(page_lines):
                row = self._line_step(row, -1)
        elif cursorAction == Move.MovePageDown:
            for _ in range(page_lines):
                row = self._line_step(row, +1)
        elif cursorAction == Move.MoveHome:
            row = 0
        elif cursorAction == Move.MoveEnd:
            row = rows - 1
        return model.index(min(max(row, 0), rows - 1), 0)

    def _line_step(self, row: int, direction: int) -> int:
        """The cell above or below in the same column, across a date header if need be."""
        i = self._section_of_row(row)
        section = self._sections[i]
        line, column = divmod(row - section.first, self._columns)
        if direction > 0:
            below = section.first + (line + 1) * self._columns
            if below < section.end:
                return min(below + column, section.end - 1)
            if i + 1 < len(self._sections):
                after = self._sections[i + 1]
                return min(after.first + column, after.end - 1)
            return row
        if line > 0:
            return section.first + (line - 1) * self._columns + column
        if i > 0:
            before = self._sections[i - 1]
            last_line = (before.end - 1 - before.first) // self._columns
            return min(before.first + last_line * self._columns + column, before.end - 1)
        return row

    # --- selection ---

    def setSelection(self, rect: QRect, command: QItemSelectionModel.SelectionFlag) -> None:
        model, selection_model = self.model(), self.selectionModel()
        if model is None or selection_model is None:
            return
        area = rect.normalized().translated(0, self.verticalOffset())
        ranges: list[list[int]] = []
        first_column = max(0, int(area.left() // self._cell_width))
        last_column = min(self._columns - 1, int(area.right() // self._cell_width))
        height = self._min_cell.height()
        start = max(0, bisect.bisect_right(self._header_ys, area.top()) - 1)
        for section in self._sections[start:]:
            if section.header_y > area.bottom():
                break
            lines = math.ceil((section.end - section.first) / self._columns)
            top_line = max(0, (area.top() - section.top) // height)
            bottom_line = min(lines - 1, (area.bottom() - section.top) // height)
            for line in range(top_line, bottom_line + 1):
                low = section.first + line * self._columns + first_column
                high = min(section.first + line * self._columns + last_column, section.end - 1)
                if low > high:
                    continue
                if ranges and ranges[-1][1] + 1 == low:
                    ranges[-1][1] = high
                else:
                    ranges.append([low, high])
        selection = QItemSelection()
        for low, high in ranges:
            selection.select(model.index(low, 0), model.index(high, 0))
        selection_model.select(selection, command)

    def visualRegionForSelection(self, selection: QItemSelection) -> QRegion:
        # Only the cells on screen are ever painted: repaint the screen if any of them changed.
        visible = self._visible_rows()
        for i in range(selection.size()):
            selection_range = selection.at(i)
            if selection_range.top() <= visible[1] and selection_range.bottom() >= visible[0]:
                return QRegion(self.viewport().rect())
        return QRegion()

    def _visible_rows(self) -> tuple[int, int]:
        if not self._sections:
            return (0, -1)
        top = self.verticalOffset()
        first = self._first_row_at_or_below(top)
        last_y = top + self.viewport().height()
        i = max(0, bisect.bisect_right(self._header_ys, last_y) - 1)
        section = self._sections[i]
        line = max(0, (last_y - section.top) // self._min_cell.height())
        last = min(section.end - 1, section.first + (line + 1) * self._columns - 1)
        return (first if first is not None else 0, last)

    # --- painting ---

    def _sections_in(self, top: int, bottom: int) -> Iterator[Section]:
        """The sections reaching into content rows `top` to `bottom`, top down."""
        start = max(0, bisect.bisect_right(self._header_ys, top) - 1)
        for section in self._sections[start:]:
            if section.header_y > bottom:
                return
            yield section

    def _cells_in(self, area: QRect) -> Iterator[tuple[int, QRect]]:
        """The rows whose cells reach into `area` (viewport coordinates), with their cells."""
        offset = self.verticalOffset()
        top, bottom = area.top() + offset, area.bottom() + offset
        height = self._min_cell.height()
        for section in self._sections_in(top, bottom):
            lines = math.ceil((section.end - section.first) / self._columns)
            first_line = max(0, (top - section.top) // height)
            last_line = min(lines - 1, (bottom - section.top) // height)
            for line in range(first_line, last_line + 1):
                y = section.top + line * height - offset
                for column in range(self._columns):
                    row = section.first + line * self._columns + column
                    if row >= section.end:
                        break
                    left = round(column * self._cell_width)
                    right = round((column + 1) * self._cell_width)
                    yield row, QRect(left, y, right - left, height)

    def thumbnails_ready(self, rel_paths: Set[str]) -> None:
        """These thumbnails were decoded (or failed): repaint the cells on screen showing them,
        not the whole screen (while scrolling, most cells on it already show theirs)."""
        model = self.model()
        if not isinstance(model, GalleryModel):
            self.viewport().update()
            return
        region = QRegion()
        for row, rect in self._cells_in(self.viewport().rect()):
            if model.thumb_at(row) in rel_paths:
                region += rect
        if not region.isEmpty():
            self.viewport().update(region)

    def paintEvent(self, event: QPaintEvent) -> None:
        model = self.model()
        delegate = self.itemDelegate()
        if model is None or delegate is None or not self._sections:
            return
        painter = QPainter(self.viewport())
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        base_state = option.state & ~(
            QStyle.StateFlag.State_Selected
            | QStyle.StateFlag.State_MouseOver
            | QStyle.StateFlag.State_HasFocus
        )
        offset = self.verticalOffset()
        area = event.rect()
        # Scattered cells (thumbnails arriving): paint those, not all of their bounding rect.
        region = event.region()
        scattered = region.rectCount() > 1
        for section in self._sections_in(area.top() + offset, area.bottom() + offset):
            if section.label is not None and section.top > area.top() + offset:
                self._paint_header(painter, section, offset)
        selection = self.selectionModel()
        current = self.currentIndex()
        focus = self.hasFocus()
        for row, rect in self._cells_in(area):
            if scattered and not region.intersects(rect):
                continue
            index = model.index(row, 0)
            option.rect = rect
            state = base_state
            if selection is not None and selection.isSelected(index):
                state |= QStyle.StateFlag.State_Selected
            if index == self._hover:
                state |= QStyle.StateFlag.State_MouseOver
            if focus and index == current:
                state |= QStyle.StateFlag.State_HasFocus
            option.state = state
            delegate.paint(painter, option, index)
        painter.end()

    def _paint_header(self, painter: QPainter, section: Section, offset: int) -> None:
        assert section.label is not None
        y = section.header_y - offset
        rect = QRect(
            HEADER_INDENT,
            y,
            self.viewport().width() - 2 * HEADER_INDENT,
            section.top - section.header_y,
        )
        palette = self.palette()
        painter.save()
        painter.setFont(self._header_font())
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        painter.drawText(
            rect.adjusted(0, HEADER_PADDING, 0, -HEADER_PADDING),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            section.label,
        )
        line = QColor(palette.color(QPalette.ColorRole.PlaceholderText))
        line.setAlphaF(0.35)
        painter.setPen(line)
        painter.drawLine(rect.left(), rect.bottom(), rect.right(), rect.bottom())
        painter.restore()

    # --- hover and dragging ---

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._set_hover(self.indexAt(event.position().toPoint()))
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._set_hover(QModelIndex())
        super().leaveEvent(event)

    def _set_hover(self, index: QModelIndex) -> None:
        if self._hover == index:
            return
        old = self._hover
        self._hover = QPersistentModelIndex(index)
        for changed in (old, index):
            if changed.isValid():
                self.viewport().update(self.visualRect(changed))

    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        """The selected images' files, as a copy (the gallery keeps its own); the picture
        under the pointer is the current cell as painted."""
        model = self.model()
        selection = self.selectionModel()
        if model is None or selection is None:
            return
        indexes = [
            i for i in selection.selectedIndexes() if model.flags(i) & Qt.ItemFlag.ItemIsDragEnabled
        ]
        if not indexes:
            return
        mime = model.mimeData(indexes)
        if mime is None or not mime.urls():
            return
        drag = QDrag(self)
        drag.setMimeData(mime)
        rect = self.visualRect(self.currentIndex()) & self.viewport().rect()
        if not rect.isEmpty():
            pixmap = self.viewport().grab(rect)
            drag.setPixmap(pixmap)
            drag.setHotSpot(QPoint(pixmap.width() // 2, pixmap.height() // 2))
        drag.exec(Qt.DropAction.CopyAction, Qt.DropAction.CopyAction)
