"""Cells whose text wraps onto as many lines as it needs instead of being cut off.

QTreeView's own word wrap is not enough for this. The row height it asks the style for is one
line (the style measures wrapped text only in a rect whose height is already known), so a cell
paints its first line and elides the rest; and it breaks only at spaces, so a checkpoint's file
name is elided whatever the height. This delegate measures and paints each cell's text with a
QTextLayout at the column's width, breaking at word boundaries or, for a word wider than the
cell, anywhere; rows are laid out again when a column changes width.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QSize
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPalette, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
)

from studio_desktop.ui.elide import item_text_margin

Index = QModelIndex | QPersistentModelIndex
VERTICAL_MARGIN = 2  # pixels above and below a cell's text


def _text_option() -> QTextOption:
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    return option


def _one_paragraph(text: str) -> str:
    # QTextLayout lays out one paragraph: a typed line break becomes a line separator.
    return text.replace("\r\n", "\n").replace("\n", "\u2028")


def _laid_out(text: str, font: QFont, width: float) -> tuple[QTextLayout, float]:
    """`text` broken into lines at `width` pixels; the layout and its height."""
    layout = QTextLayout(_one_paragraph(text), font)
    layout.setTextOption(_text_option())
    layout.beginLayout()
    height = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(1.0, width))
        line.setPosition(QPointF(0.0, height))
        height += line.height()
    layout.endLayout()
    return layout, height


_baselines: dict[str, float] = {}  # by QFont.key(): fonts in use are few; GUI thread only


def _baseline(font: QFont) -> float:
    """Where the first line's baseline sits below the text's top, the same for every cell in
    `font`: deep enough for Chinese, whose fallback font rises higher than a Latin one, so a
    label and a value side by side stand on one line whatever their script."""
    key = font.key()
    if key not in _baselines:
        ascents = [QFontMetricsF(font).ascent()]
        for sample in ("中", "Ag"):
            layout, _height = _laid_out(sample, font, 1e6)
            ascents.append(layout.lineAt(0).ascent())
        _baselines[key] = max(ascents)
    return _baselines[key]


def _first_line_drop(layout: QTextLayout, font: QFont) -> float:
    if layout.lineCount() == 0:
        return 0.0
    return max(0.0, _baseline(font) - layout.lineAt(0).ascent())


def wrapped_height(text: str, font: QFont, width: float) -> int:
    """The height of `text` wrapped at `width` pixels in `font`, as `WrappingDelegate`
    paints it (the first line lowered onto the shared baseline)."""
    layout, height = _laid_out(text, font, width)
    return math.ceil(height + _first_line_drop(layout, font))


class WrappingDelegate(QStyledItemDelegate):
    """For a QTreeView (or QTreeWidget) whose cells hold text worth reading whole."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view
        view.setUniformRowHeights(False)
        view.header().sectionResized.connect(self._column_resized)

    def _column_resized(self, _column: int, _old: int, _new: int) -> None:
        self._view.doItemsLayout()  # row heights follow the new width

    def _text_width(self, index: Index) -> int:
        return self._view.header().sectionSize(index.column()) - 2 * item_text_margin(self._view)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        base = super().sizeHint(option, index)
        styled = QStyleOptionViewItem(option)
        self.initStyleOption(styled, index)
        if not styled.text:
            return base
        text_height = wrapped_height(styled.text, styled.font, self._text_width(index))
        height = text_height + 2 * VERTICAL_MARGIN
        return QSize(base.width(), max(base.height(), height))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        styled = QStyleOptionViewItem(option)
        self.initStyleOption(styled, index)
        text, styled.text = styled.text, ""
        widget = styled.widget
        style = widget.style() if widget is not None else QApplication.style()
        # Background, selection and focus as any cell; the text ourselves.
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, styled, painter, widget)
        if not text:
            return
        margin = item_text_margin(self._view)
        # The same top margin in every cell (not centred): the lines of A and B, and a label
        # beside them, start on one baseline whatever their length or script.
        rect = styled.rect.adjusted(margin, VERTICAL_MARGIN, -margin, 0)
        layout, _height = _laid_out(text, styled.font, rect.width())
        state = styled.state
        group = (
            QPalette.ColorGroup.Disabled
            if not state & QStyle.StateFlag.State_Enabled
            else QPalette.ColorGroup.Normal
            if state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        role = (
            QPalette.ColorRole.HighlightedText
            if state & QStyle.StateFlag.State_Selected
            else QPalette.ColorRole.Text
        )
        painter.save()
        painter.setClipRect(styled.rect)
        painter.setPen(styled.palette.color(group, role))
        drop = _first_line_drop(layout, styled.font)
        layout.draw(painter, QPointF(rect.left(), rect.top() + drop))
        painter.restore()
