"""The queue's list view: rows hold still from the press that may start a drag until the drop.

Jobs start, end and move while the user reaches for a row; each move shifted the rows under the
pointer, so the drag took (or dropped next to) another job than the one aimed at. While a
waiting row is pressed or dragged the model holds the order, and applies what came meanwhile
once the drag is over.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent, QMouseEvent
from PySide6.QtWidgets import QListView, QWidget

from studio_desktop.ui.queue.model import QueueModel


class QueueView(QListView):
    def __init__(self, model: QueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._queue = model
        self.setModel(model)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        draggable = index.isValid() and bool(
            self._queue.flags(index) & Qt.ItemFlag.ItemIsDragEnabled
        )
        if event.button() == Qt.MouseButton.LeftButton and draggable:
            self._queue.hold_order()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        self._queue.release_order()

    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        # The drag's own event loop takes the release: the order is released when it returns.
        self._queue.hold_order()
        try:
            super().startDrag(supportedActions)
        finally:
            self._queue.release_order()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        # A press whose release never reached us (the window lost the pointer) must not leave
        # the queue frozen.
        self._queue.release_order()
        super().focusOutEvent(event)
