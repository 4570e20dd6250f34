"""The history table view: the prompt column takes the room the others leave, and when the
table is too narrow for every column the least useful ones step aside (Template first). A batch
group is one row: a click on its arrow (or Right/Left) opens or closes it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from studio_desktop.ui.elide import elided_keeping_end, item_text_margin
from studio_desktop.ui.history.model import THUMB_SIZE, Column, HistoryModel

ARROW_WIDTH = 24  # the group arrow's room at the start of the prompt cell

MIN_PROMPT_WIDTH = 180
# Hidden in this order while the table is too narrow; Status, Prompt and Created always stay.
AUTO_HIDE_ORDER = (
    Column.TEMPLATE,
    Column.SERVER,
    Column.SEED,
    Column.DURATION,
    Column.MODEL,
    Column.THUMBNAIL,
)
ALWAYS_SHOWN = (Column.STATUS, Column.PROMPT)


# Events after which Qt lays the items out again for reasons of its own (sizes, style).
_RELAYOUT_EVENTS = frozenset(
    {
        QEvent.Type.FontChange,
        QEvent.Type.StyleChange,
        QEvent.Type.LayoutDirectionChange,
    }
)


class ModelCell(QStyledItemDelegate):
    """The Model column: a name too long for the cell is cut, never the "(default)" after it
    (it says the job ran on the server's default model, which the name alone does not)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        words = QCoreApplication.translate("HistoryModel", "{model} (default)")
        self._kept_end = words.split("{model}", 1)[1] if "{model}" in words else ""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        text, end = option.text, self._kept_end
        if not end or not text.endswith(end) or option.rect.width() <= 0:
            return
        room = option.rect.width() - 2 * item_text_margin(option.widget)
        option.text = elided_keeping_end(option.fontMetrics, text, end, room)


class JobTable(QTableView):
    """The table of jobs.

    A page appended below the last row shown changes nothing on screen, yet Qt lays the items
    out again and repaints the whole viewport for it (a screen of cells, most of a page's
    GUI-thread time). When every change since the last layout was such an append, the layout
    only updates the scroll bars (`doItemsLayout`); any other change (a reset, rows removed or
    moved, columns, a font or style change) gets Qt's full layout and repaint.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        # "dreamshaper_8 (default)" read "dreamshaper…": which model, but not that it was the
        # server's default.
        self.setItemDelegateForColumn(Column.MODEL, ModelCell(self))
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        # Every row the same height: the header never measures a row.
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # Room for the thumbnail column's pictures.
        self.verticalHeader().setDefaultSectionSize(
            max(self.fontMetrics().height() + 12, THUMB_SIZE + 6)
        )
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(48)
        header.sectionResized.connect(self._section_resized)
        self._widths: dict[Column, int] = {}
        self._user_hidden: set[Column] = set()
        self._fitting = False
        # None: no layout asked for since the last; True: only appends below the rows shown.
        self._appended_below: bool | None = None

    # --- appends below the screen: no repaint ---

    def setModel(self, model: QAbstractItemModel | None) -> None:
        old = self.model()
        if old is not None:
            for signal in self._structural_signals(old):
                signal.disconnect(self._relayout_needed)
        super().setModel(model)
        self._relayout_needed()
        if model is not None:
            for signal in self._structural_signals(model):
                signal.connect(self._relayout_needed)
        if isinstance(model, HistoryModel):
            for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
                signal.connect(lambda *_: self.apply_groups())
            model.groups_changed.connect(self.apply_groups)

    @staticmethod
    def _structural_signals(model: QAbstractItemModel) -> list[Any]:
        return [
            model.modelReset,
            model.layoutChanged,
            model.rowsRemoved,
            model.rowsMoved,
            model.columnsInserted,
            model.columnsRemoved,
            model.columnsMoved,
        ]

    def _relayout_needed(self, *_args: object) -> None:
        self._appended_below = False

    def rowsInserted(
        self, parent: QModelIndex | QPersistentModelIndex, first: int, last: int
    ) -> None:
        super().rowsInserted(parent, first, last)
        model = self.model()
        bottom = self.rowAt(self.viewport().height() - 1)  # -1: the rows do not fill the view
        below = (
            not parent.isValid()
            and model is not None
            and 0 <= bottom < first
            and last == model.rowCount() - 1
        )
        if self._appended_below is None:
            self._appended_below = below
        else:
            self._appended_below = self._appended_below and below

    def reset(self) -> None:
        self._relayout_needed()
        super().reset()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in _RELAYOUT_EVENTS:
            self._relayout_needed()
        super().changeEvent(event)

    def doItemsLayout(self) -> None:
        appended_below, self._appended_below = self._appended_below, None
        if appended_below:
            self.updateGeometries()  # the scroll range; nothing shown has moved
        else:
            super().doItemsLayout()

    def apply_groups(self) -> None:
        """Hide the rows inside closed groups (the model says which)."""
        model = self.model()
        if not isinstance(model, HistoryModel):
            return
        for row, hidden in enumerate(model.hidden_rows()):
            if self.isRowHidden(row) != hidden:
                self.setRowHidden(row, hidden)

    def _group_at(self, row: int) -> str | None:
        model = self.model()
        if not isinstance(model, HistoryModel) or not 0 <= row < model.rowCount():
            return None
        return model.group_head(row)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if index.isValid() and index.column() == Column.PROMPT:
            group_id = self._group_at(index.row())
            x = event.position().toPoint().x() - self.columnViewportPosition(Column.PROMPT)
            model = self.model()
            if group_id is not None and x < ARROW_WIDTH and isinstance(model, HistoryModel):
                model.toggle_group(group_id)
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        current = self.currentIndex()
        group_id = self._group_at(current.row()) if current.isValid() else None
        model = self.model()
        if group_id is not None and isinstance(model, HistoryModel):
            opened = group_id in model.expanded_groups
            if event.key() == Qt.Key.Key_Right and not opened:
                model.toggle_group(group_id)
                return
            if event.key() == Qt.Key.Key_Left and opened:
                model.toggle_group(group_id)
                return
        super().keyPressEvent(event)

    def fit_columns(self) -> None:
        """Give every column the width of its typical contents (after a model is set)."""
        metrics = self.fontMetrics()

        def room(sample: str, extra: int = 0) -> int:
            return metrics.horizontalAdvance(sample) + 16 + extra

        # Typical contents; longer ones are elided with the whole text in the tooltip.
        self._widths = {
            Column.THUMBNAIL: THUMB_SIZE + 12,
            Column.STATUS: room("Completed", 22),
            Column.TEMPLATE: room("txt2img·"),
            Column.MODEL: room("sd_xl_base_1.0"),
            Column.SERVER: room("127.0.0.1:8188"),
            Column.SEED: room("4294967295"),
            Column.DURATION: room("10:05 total"),
            Column.CREATED: room("2026-12-31 23:59"),
        }
        self.fit()

    @property
    def user_hidden(self) -> set[Column]:
        return set(self._user_hidden)

    def set_user_hidden(self, columns: Iterable[Column]) -> None:
        self._user_hidden = {c for c in columns if c not in ALWAYS_SHOWN}
        self.fit()

    def fit(self) -> None:
        """Show what fits, and give the prompt the rest."""
        if self.model() is None or not self._widths:
            return
        self._fitting = True
        try:
            available = self.viewport().width()
            shown = [c for c in self._widths if c not in self._user_hidden]
            for column in AUTO_HIDE_ORDER:
                if sum(self._widths[c] for c in shown) + MIN_PROMPT_WIDTH <= available:
                    break
                if column in shown:
                    shown.remove(column)
            for column in Column:
                if column is Column.PROMPT:
                    continue
                visible = column in shown
                self.setColumnHidden(column, not visible)
                if visible:
                    self.setColumnWidth(column, self._widths[column])
            others = sum(self._widths[c] for c in shown)
            self.setColumnWidth(Column.PROMPT, max(MIN_PROMPT_WIDTH, available - others))
        finally:
            self._fitting = False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def _section_resized(self, section: int, _old: int, new: int) -> None:
        # The user dragged a column edge: keep that width when fitting again.
        if (
            not self._fitting
            and new > 0
            and 0 <= section < len(Column)
            and section != Column.PROMPT
        ):
            self._widths[Column(section)] = new
