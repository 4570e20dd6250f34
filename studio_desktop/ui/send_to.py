""" "Use as source image ▸ <slot>": the one menu the gallery, the viewer and History share for
putting a file into an image slot of Generate's current template, and dragging a file out.

The slot list comes from Generate's form (the main window hands it round); the choice goes
back as (path, slot name) to `MainWindow.use_as_source`, which copies the file into the slot.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final

from PySide6.QtCore import QCoreApplication, QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDrag, QMouseEvent, QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QWidget

SlotList = Callable[[], Sequence[tuple[str, str]]]  # (slot name, label) of the current template
ANY_SLOT: Final = ""  # the main window picks: the first empty slot, else the first


def no_slots() -> Sequence[tuple[str, str]]:
    return ()


def add_send_menu(
    menu: QMenu, slots: SlotList, send: Callable[[str], None], *, enabled: bool = True
) -> QMenu | None:
    """ "Use as source image ▸ <slot>" for each image slot of the current template; with none,
    one "Use as source image" that lets the main window say which templates have one."""
    # Spelled out in full so lupdate finds it.
    title = QCoreApplication.translate("SendTo", "Use as source image")
    if not list(slots()):
        action = menu.addAction(title)
        action.setEnabled(enabled)
        action.triggered.connect(lambda _checked=False: send(ANY_SLOT))
        return None
    sub = menu.addMenu(title)
    sub.setEnabled(enabled)
    fill_slot_menu(sub, slots, send)
    return sub


def fill_slot_menu(menu: QMenu, slots: SlotList, send: Callable[[str], None]) -> None:
    """One action per image slot of the current template (a menu button's menu); with none,
    one that lets the main window explain."""
    menu.clear()
    names = list(slots())
    if not names:
        action = menu.addAction(QCoreApplication.translate("SendTo", "Use as source image"))
        action.triggered.connect(lambda _checked=False: send(ANY_SLOT))
        return
    for name, label in names:
        action = menu.addAction(label)
        action.triggered.connect(lambda _checked=False, slot=name: send(slot))


def file_mime(paths: Sequence[Path]) -> QMimeData:
    """What a file manager (and our image slots) take from a drag: the files' URLs."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def start_file_drag(source: QWidget, paths: Sequence[Path], pixmap: QPixmap | None) -> None:
    """A copy drag of `paths`: into a Generate image slot, or out to a file manager."""
    if not paths:
        return
    drag = QDrag(source)
    drag.setMimeData(file_mime(paths))
    if pixmap is not None and not pixmap.isNull():
        small = pixmap.scaled(
            96, 96, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        drag.setPixmap(small)
        drag.setHotSpot(QPoint(small.width() // 2, small.height() // 2))
    drag.exec(Qt.DropAction.CopyAction, Qt.DropAction.CopyAction)


class DragHandle(QLabel):
    """A small grip to drag the file shown (the picture itself pans when dragged)."""

    def __init__(
        self,
        paths: Callable[[], Sequence[Path]],
        pixmap: Callable[[], QPixmap | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("⠿ " + QCoreApplication.translate("SendTo", "Drag"), parent)
        self.setToolTip(
            QCoreApplication.translate(
                "SendTo", "Drag this file into an image slot of Generate, or out to a folder"
            )
        )
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.source = DragSource(self, paths, pixmap)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.source.press(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self.source.move(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.source.release()


class DragSource:
    """Press-and-move on a widget starts a file drag (the widget forwards its mouse events)."""

    def __init__(
        self,
        widget: QWidget,
        paths: Callable[[], Sequence[Path]],
        pixmap: Callable[[], QPixmap | None],
    ) -> None:
        self._widget = widget
        self._paths = paths
        self._pixmap = pixmap
        self._pressed: QPoint | None = None

    def press(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed = event.position().toPoint()

    def move(self, event: QMouseEvent) -> bool:
        """True when the move started a drag."""
        if self._pressed is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return False
        distance = (event.position().toPoint() - self._pressed).manhattanLength()
        if distance < QApplication.startDragDistance():
            return False
        self._pressed = None
        start_file_drag(self._widget, self._paths(), self._pixmap())
        return True

    def release(self) -> None:
        self._pressed = None
