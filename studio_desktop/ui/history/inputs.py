"""The details pane's input images: small thumbnails with the file name; a click opens the file.

The pictures come from the shared ThumbnailLoader (decoded off the GUI thread, cached)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from studio_desktop.core.jobs import InputImage
from studio_desktop.ui.thumbnails import ThumbnailLoader

INPUT_THUMB_SIZE = 56  # logical pixels of an input thumbnail's long edge


class InputImages(QWidget):
    """One button per input image of a job (its slot and file name under the picture)."""

    open_requested = Signal(str)  # the input's stored path

    def __init__(self, loader: ThumbnailLoader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loader = loader
        self._buttons: dict[str, QToolButton] = {}
        self._shown: tuple[InputImage, ...] = ()
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(6)
        loader.loaded.connect(self._loaded)

    def show_inputs(self, inputs: Sequence[InputImage]) -> None:
        if tuple(inputs) == self._shown:
            return  # the same job shown again (its attempts arrived): keep the buttons
        self._shown = tuple(inputs)
        while (item := self._row.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        self._buttons = {}
        for image in inputs:
            name = PurePath(image.path).name
            button = QToolButton(self)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            button.setAutoRaise(True)
            button.setIconSize(QSize(INPUT_THUMB_SIZE, INPUT_THUMB_SIZE))
            button.setText(_elide(name, button, INPUT_THUMB_SIZE * 3))
            button.setToolTip(
                self.tr("{slot}: {path}\nClick to open").format(slot=image.slot, path=image.path)
            )
            button.setAccessibleName(self.tr("Input image {slot}").format(slot=image.slot))
            button.clicked.connect(lambda _checked=False, path=image.path: self._open(path))
            self._buttons[image.path] = button
            self._paint(image.path, button)
            self._row.addWidget(button)
        self._row.addStretch(1)
        self.setVisible(bool(inputs))

    def buttons(self) -> dict[str, QToolButton]:
        return dict(self._buttons)

    def _open(self, path: str) -> None:
        self.open_requested.emit(path)

    def _loaded(self, rel: str) -> None:
        button = self._buttons.get(rel)
        if button is not None:
            self._paint(rel, button)

    def _paint(self, rel: str, button: QToolButton) -> None:
        ratio = self.devicePixelRatioF()
        pixmap = self._loader.pixmap(rel, round(INPUT_THUMB_SIZE * ratio))
        if pixmap is None:
            missing = self._loader.failed(rel)
            button.setIcon(QIcon())
            if missing:
                button.setToolTip(self.tr("{path}\nThe file is missing").format(path=rel))
            return
        shown = QPixmap(pixmap)  # a copy: the ratio must not touch the loader's cache
        shown.setDevicePixelRatio(
            max(ratio, max(pixmap.width(), pixmap.height()) / INPUT_THUMB_SIZE)
        )
        button.setIcon(QIcon(shown))


def _elide(text: str, widget: QWidget, width: int) -> str:
    return widget.fontMetrics().elidedText(text, Qt.TextElideMode.ElideMiddle, width)
