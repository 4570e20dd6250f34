"""The gallery's sidebar: boards (All images, each board with its count) and every tag with its
count. Choosing narrows the grid: a board, and tags the images must all have.

Reads run off the GUI thread (`ReadView` in `Tasks`), writes through `Operations`. The counts
are read again after every change that can move them: new outputs (the pool's
`outputs_ready`), trash and restore, tags and boards written from here (`schedule_refresh`).
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent import futures
from dataclasses import dataclass, replace
from typing import Any, Final

from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.core.store.filters import ALL_IMAGES, BoardRecord, ImageFilter, TagCount
from studio_desktop.ui.gallery.boards import accepts, add_board_menu, dropped_files, dropped_ids
from studio_desktop.ui.gallery.tag_editor import fold
from studio_desktop.ui.services import Services
from studio_desktop.workers.operations import when_done

REFRESH_DELAY_MS: Final = 200  # several changes in a row are counted once
STATUS_MS: Final = 5000
_ID_ROLE: Final = Qt.ItemDataRole.UserRole + 1  # board id (None: All images) or folded tag


@dataclass(frozen=True)
class Listing:
    """One read of everything the sidebar shows."""

    tags: list[TagCount]
    boards: list[BoardRecord]
    total: int


class _List(QTreeWidget):
    """Two columns, name and count, no header, no lines: a list with counts on the right."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)


class BoardList(_List):
    """The boards; gallery images (or library files) dropped on a board are added to it."""

    def __init__(self, sidebar: GallerySidebar) -> None:
        super().__init__(sidebar)
        self._sidebar = sidebar
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if accepts(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        on_board = self._sidebar.board_at(event.position().toPoint()) is not None
        if on_board and accepts(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        board = self._sidebar.board_at(event.position().toPoint())
        if board is None or not accepts(event.mimeData()):
            event.ignore()
            return
        self._sidebar.add_dropped(board, event.mimeData())
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()


class GallerySidebar(QWidget):
    """Boards and tags; `narrow(flt)` adds the user's choice here to the filter bar's."""

    narrowing_changed = Signal()  # the chosen board or tags changed
    tags_listed = Signal(list)  # list[str]: every tag in use, for completers
    status_message = Signal(str, int)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._boards: list[BoardRecord] = []
        self._tags: list[TagCount] = []
        self._board: int | None = None
        self._filling = False

        boards_heading = self._heading(self.tr("Boards"))
        self.boards = BoardList(self)
        self.boards.setAccessibleName(self.tr("Boards"))
        self.boards.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.boards.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.new_board_button = QToolButton(self)
        self.new_board_button.setText(self.tr("New board…"))
        self.new_board_button.setAutoRaise(True)
        self.new_board_button.setToolTip(
            self.tr("A board collects images by hand: drag images onto it from the grid")
        )

        tags_heading = self._heading(self.tr("Tags"))
        self.tags = _List(self)
        self.tags.setAccessibleName(self.tr("Tags"))
        # A click adds a tag to the choice or takes it away: images must have every one.
        self.tags.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self.tags.setToolTip(self.tr("Show images that have every chosen tag"))
        self.no_tags_label = QLabel(self.tr("No tags yet: tag images from their context menu."))
        self.no_tags_label.setWordWrap(True)
        self.no_tags_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(boards_heading)
        layout.addWidget(self.boards, 2)
        layout.addWidget(self.new_board_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(8)
        layout.addWidget(tags_heading)
        layout.addWidget(self.tags, 3)
        layout.addWidget(self.no_tags_label)
        self.setMinimumWidth(150)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)

        self.boards.itemSelectionChanged.connect(self._board_clicked)
        self.boards.customContextMenuRequested.connect(self._board_context_menu)
        self.tags.itemSelectionChanged.connect(self._tags_clicked)
        self.new_board_button.clicked.connect(lambda: self.ask_new_board())
        # A bound method, not a lambda: Qt drops the connection when the sidebar goes.
        services.pool.outputs_ready.connect(self._outputs_ready)
        self._fill(Listing([], [], 0))
        self.refresh()

    def _heading(self, text: str) -> QLabel:
        label = QLabel(text, self)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    # --- what the grid shows ---

    def narrow(self, flt: ImageFilter) -> ImageFilter:
        return replace(flt, tags=tuple(self.chosen_tags()), board=self._board)

    def is_narrowing(self) -> bool:
        return self._board is not None or bool(self.chosen_tags())

    def chosen_board(self) -> int | None:
        return self._board

    def chosen_tags(self) -> list[str]:
        return [self._tag_name(item) for item in self._items(self.tags) if item.isSelected()]

    def choose_tags(self, names: Sequence[str]) -> None:
        wanted = {fold(n) for n in names}
        self._filling = True
        for item in self._items(self.tags):
            item.setSelected(item.data(0, _ID_ROLE) in wanted)
        self._filling = False
        self.narrowing_changed.emit()

    def choose_board(self, board_id: int | None) -> None:
        self._board = board_id
        self._filling = True
        for item in self._items(self.boards):
            item.setSelected(item.data(0, _ID_ROLE) == board_id)
        self._filling = False
        self.narrowing_changed.emit()

    def clear(self) -> None:
        """Back to All images and no tags (the filter bar's Clear filters)."""
        self._filling = True
        self.tags.clearSelection()
        self._filling = False
        self.choose_board(None)

    # --- what the sidebar lists ---

    def tag_rows(self) -> list[tuple[str, int]]:
        return [(t.tag, t.count) for t in self._tags]

    def tag_names(self) -> list[str]:
        return [t.tag for t in self._tags]

    def board_rows(self) -> list[tuple[str, int]]:
        return [(b.name, b.count) for b in self._boards]

    def board_item(self, board_id: int) -> QTreeWidgetItem | None:
        return next((i for i in self._items(self.boards) if i.data(0, _ID_ROLE) == board_id), None)

    def board_at(self, pos: QPoint) -> int | None:
        """The board under a point of the board list's viewport (None: All images, or none)."""
        item = self.boards.itemAt(pos)
        board = item.data(0, _ID_ROLE) if item is not None else None
        return board if isinstance(board, int) else None

    def _outputs_ready(self, _event: object) -> None:
        self.schedule_refresh()

    def schedule_refresh(self) -> None:
        """Read the counts again shortly (several changes in a row cost one read)."""
        self._timer.start()

    def refresh(self) -> None:
        reads = self._services.reads

        def read() -> Listing:
            return Listing(reads.tag_counts(), reads.list_boards(), reads.count_images(ALL_IMAGES))

        self._services.tasks.run("read", read, self._fill, owner=self, key="sidebar")

    def _fill(self, listing: Listing) -> None:
        before = (self._board, tuple(self.chosen_tags()))
        chosen_tags = {fold(t) for t in before[1]}
        self._tags, self._boards = listing.tags, listing.boards
        if self._board is not None and self._board not in {b.id for b in listing.boards}:
            self._board = None  # deleted (here or by another window)
        self._filling = True
        self.boards.clear()
        all_item = self._row(self.boards, self.tr("All images"), listing.total, None)
        all_item.setSelected(self._board is None)
        for board in listing.boards:
            item = self._row(self.boards, board.name, board.count, board.id)
            item.setToolTip(0, board.name)
            item.setSelected(board.id == self._board)
        self.tags.clear()
        for tag in listing.tags:
            item = self._row(self.tags, tag.tag, tag.count, fold(tag.tag))
            item.setToolTip(0, tag.tag)
            item.setSelected(fold(tag.tag) in chosen_tags)
        self._filling = False
        self.no_tags_label.setVisible(not listing.tags)
        self.tags.setVisible(bool(listing.tags))
        self.tags_listed.emit(self.tag_names())
        if (self._board, tuple(self.chosen_tags())) != before:
            self.narrowing_changed.emit()  # a chosen board or tag is gone

    def _row(
        self, tree: QTreeWidget, name: str, count: int, key: int | str | None
    ) -> QTreeWidgetItem:
        item = QTreeWidgetItem(tree, [name, str(count)])
        item.setData(0, _ID_ROLE, key)
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setForeground(1, self.palette().brush(QPalette.ColorRole.PlaceholderText))
        return item

    def _tag_name(self, item: QTreeWidgetItem) -> str:
        return item.text(0)

    @staticmethod
    def _items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
        return [item for i in range(tree.topLevelItemCount()) if (item := tree.topLevelItem(i))]

    def _board_clicked(self) -> None:
        if self._filling:
            return
        selected = self.boards.selectedItems()
        board = selected[0].data(0, _ID_ROLE) if selected else None
        if not selected:  # clicking the chosen board again keeps it chosen
            self.choose_board(self._board)
            return
        if board != self._board:
            self._board = board if isinstance(board, int) else None
            self.narrowing_changed.emit()

    def _tags_clicked(self) -> None:
        if not self._filling:
            self.narrowing_changed.emit()

    # --- board commands (written on the operations thread) ---

    def ask_new_board(self, then_add: Sequence[int] = ()) -> None:
        name, ok = QInputDialog.getText(self, self.tr("New board"), self.tr("Name of the board:"))
        if ok and name.strip():
            self.create_board(name, then_add)

    def create_board(self, name: str, then_add: Sequence[int] = ()) -> None:
        """Make a board (and put `then_add` images in it); a refusal (a name in use) reaches
        the status bar through the pool."""
        future = self._services.operations.create_board(name)
        ids = list(then_add)

        def made(board: BoardRecord) -> None:
            self.status_message.emit(
                self.tr("Board {name} created").format(name=board.name), STATUS_MS
            )
            if ids:
                self.add_to_board(board.id, ids)
            else:
                self.refresh()

        when_done(self._services.tasks, future, made, owner=self)

    def rename_board(self, board_id: int, name: str) -> None:
        self._after(self._services.operations.rename_board(board_id, name))

    def delete_board(self, board_id: int) -> None:
        """Forget the board; its images stay in the library."""
        self._after(self._services.operations.delete_board(board_id))

    def add_to_board(self, board_id: int, ids: Sequence[int]) -> None:
        name = next((b.name for b in self._boards if b.id == board_id), "")

        def added(count: int) -> None:
            self.status_message.emit(
                self.tr("Added %n image(s) to {board}", "", count).format(board=name), STATUS_MS
            )
            self.refresh()
            if self._board == board_id:
                self.narrowing_changed.emit()  # the grid shows this board: read it again

        when_done(
            self._services.tasks,
            self._services.operations.add_to_board(board_id, list(ids)),
            added,
            owner=self,
        )

    def add_dropped(self, board_id: int, mime: QMimeData) -> None:
        """Images dragged from the grid (their ids) or library files dragged from a file
        manager (looked up by path off the GUI thread); other files are left out."""
        ids = dropped_ids(mime)
        if ids:
            self.add_to_board(board_id, ids)
            return
        paths = self._services.ctx.paths
        stored = [paths.stored(p) for p in dropped_files(mime)]
        reads = self._services.reads

        def found(image_ids: list[int]) -> None:
            if image_ids:
                self.add_to_board(board_id, image_ids)
            else:
                self.status_message.emit(
                    self.tr("Only images of the library can go on a board."), STATUS_MS
                )

        self._services.tasks.run(
            "read", lambda: reads.image_ids_for_paths(stored), found, owner=self
        )

    def add_board_menu(self, menu: QMenu, ids: Sequence[int]) -> QMenu:
        """ "Add to board ▸" for these images, in `menu` (the grid's context menu)."""
        chosen = list(ids)
        return add_board_menu(
            menu,
            self._boards,
            lambda board_id: self.add_to_board(board_id, chosen),
            lambda: self.ask_new_board(chosen),
        )

    def board_menu(self, board_id: int) -> QMenu:
        menu = QMenu(self)
        menu.addAction(self.tr("Rename…")).triggered.connect(
            lambda _=False: self._ask_rename(board_id)
        )
        menu.addSeparator()
        menu.addAction(self.tr("Delete board")).triggered.connect(
            lambda _=False: self._ask_delete(board_id)
        )
        return menu

    def _board_context_menu(self, pos: QPoint) -> None:
        board = self.board_at(pos)
        if board is None:
            return
        menu = self.board_menu(board)
        menu.exec(self.boards.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _ask_rename(self, board_id: int) -> None:
        old = next((b.name for b in self._boards if b.id == board_id), "")
        name, ok = QInputDialog.getText(
            self, self.tr("Rename board"), self.tr("Name of the board:"), text=old
        )
        if ok and name.strip() and name.strip() != old:
            self.rename_board(board_id, name)

    def _ask_delete(self, board_id: int) -> None:
        name = next((b.name for b in self._boards if b.id == board_id), "")
        answer = QMessageBox.question(
            self,
            self.tr("Delete board"),
            self.tr("Delete the board {name}? Its images stay in the library.").format(name=name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_board(board_id)

    def _after(self, future: futures.Future[Any]) -> None:
        when_done(
            self._services.tasks,
            future,
            lambda _result: self.refresh(),
            owner=self,
            failed=lambda _exc: self.refresh(),
        )
