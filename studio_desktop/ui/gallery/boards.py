"""What boards need from drags and menus: the gallery's drag format, and "Add to board ▸"."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final

from PySide6.QtCore import QCoreApplication, QMimeData
from PySide6.QtWidgets import QMenu

from studio_desktop.core.store.filters import BoardRecord

IMAGE_IDS_MIME: Final = "application/x-studio-image-ids"  # a JSON list of image ids


def image_ids_mime(ids: Sequence[int]) -> QMimeData:
    """The drag data of gallery images (the grid's drag and tests build it the same way)."""
    mime = QMimeData()
    mime.setData(IMAGE_IDS_MIME, json.dumps([int(i) for i in ids]).encode())
    return mime


def dropped_ids(mime: QMimeData) -> list[int]:
    """The image ids a drag from the gallery carries ([] if none, or if the data is not a JSON
    list of whole numbers: a drop from elsewhere is never trusted)."""
    if not mime.hasFormat(IMAGE_IDS_MIME):
        return []
    try:
        value = json.loads(bytes(mime.data(IMAGE_IDS_MIME).data()).decode())
    except (UnicodeDecodeError, ValueError):
        return []
    if not isinstance(value, list):
        return []
    return list(dict.fromkeys(v for v in value if isinstance(v, int) and not isinstance(v, bool)))


def dropped_files(mime: QMimeData) -> list[Path]:
    """The local files a drag from a file manager carries."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def accepts(mime: QMimeData) -> bool:
    return mime.hasFormat(IMAGE_IDS_MIME) or bool(dropped_files(mime))


def add_board_menu(
    menu: QMenu,
    boards: Sequence[BoardRecord],
    add: Callable[[int], None],
    new: Callable[[], None],
) -> QMenu:
    """Append "Add to board ▸" to `menu`: one entry per board, then "New board…"."""
    submenu = menu.addMenu(QCoreApplication.translate("Boards", "Add to board"))
    for board in boards:
        action = submenu.addAction(board.name)
        action.triggered.connect(lambda _=False, board_id=board.id: add(board_id))
    if boards:
        submenu.addSeparator()
    new_board = submenu.addAction(QCoreApplication.translate("Boards", "New board…"))
    new_board.triggered.connect(lambda _=False: new())
    return submenu
