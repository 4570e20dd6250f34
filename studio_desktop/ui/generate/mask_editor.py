"""The inpainting mask editor: paint what to repaint on an image slot's picture.

The mask is an 8-bit grayscale QImage the size of the picture (white = repaint), shown over
the picture as a tinted overlay. Painting happens on the GUI thread (it is the UI); decoding the
picture and writing the masked input go through `Tasks` (`core.library.masks`: the mask travels
as the input's alpha, see there why). The saved input lives in the data folder's inputs/ like
every other input, so a retry or a remix sends the same pixels.

Mouse: left button paints with the current tool, the wheel zooms around the pointer, the middle
button or Space + drag pans. Keys: B brush, E eraser, [ and ] size, Ctrl+Z / Ctrl+Shift+Z.
"""

from __future__ import annotations

import itertools
from enum import Enum
from pathlib import Path
from typing import Final

from PIL import Image
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QRadialGradient,
    QResizeEvent,
    QShortcut,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.core.library.files import OutputLibrary
from studio_desktop.core.library.masks import load_for_editing, save_masked_input
from studio_desktop.workers.tasks import Tasks

UNDO_LIMIT: Final = 40  # full mask copies: 40 x 1 MB for a 1024 x 1024 picture
OVERLAY_TINT: Final = QColor(255, 40, 110)
OVERLAY_OPACITY: Final = 0.55
MIN_ZOOM: Final = 0.05
MAX_ZOOM: Final = 32.0


class Tool(Enum):
    BRUSH = "brush"
    ERASER = "eraser"


def pil_to_qimage(image: Image.Image) -> QImage:
    """An RGB or L Pillow image as a QImage that owns its pixels (any thread)."""
    if image.mode == "L":
        data = image.tobytes()
        q = QImage(data, image.width, image.height, image.width, QImage.Format.Format_Grayscale8)
        return q.copy()
    rgb = image.convert("RGB")
    data = rgb.tobytes()
    q = QImage(data, rgb.width, rgb.height, rgb.width * 3, QImage.Format.Format_RGB888)
    return q.copy()


def mask_to_pil(mask: QImage) -> Image.Image:
    """The editor's mask as a Pillow "L" image, row padding dropped."""
    gray = mask.convertToFormat(QImage.Format.Format_Grayscale8)
    stride, width, height = gray.bytesPerLine(), gray.width(), gray.height()
    raw = bytes(gray.constBits())[: stride * height]
    rows = b"".join(raw[y * stride : y * stride + width] for y in range(height))
    return Image.frombytes("L", (width, height), rows)


def masked_preview(path: Path, box: int) -> QImage:
    """A thumbnail of a picture whose alpha is a mask, fitting a `box`-pixel square: the colours
    with the mask tinted over them as the editor shows it, instead of the holes transparency
    would show (worker threads only)."""
    image, mask = load_for_editing(path)
    image.thumbnail((box, box))
    mask = mask.resize(image.size)
    tint = Image.new(
        "RGB", image.size, (OVERLAY_TINT.red(), OVERLAY_TINT.green(), OVERLAY_TINT.blue())
    )
    strength = mask.point(lambda v: round(v * OVERLAY_OPACITY))
    return pil_to_qimage(Image.composite(tint, image, strength))


def load_editable(path: Path) -> tuple[QImage, QImage]:
    """The picture and the mask it carries, decoded (worker threads only)."""
    image, mask = load_for_editing(path)
    return pil_to_qimage(image), pil_to_qimage(mask)


class MaskCanvas(QWidget):
    """Shows the picture with the mask over it and paints the mask."""

    changed = Signal()  # the mask or the undo/redo state changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = QImage()
        self.mask_image = QImage()
        self.tool = Tool.BRUSH
        self.brush_size = 40  # diameter in picture pixels
        self.hardness = 0.8  # 0 = all soft edge, 1 = a hard disc
        self._overlay = QImage()
        self._undo: list[QImage] = []
        self._redo: list[QImage] = []
        self._zoom = 1.0
        self._offset = QPointF(0, 0)  # where picture (0, 0) is in widget coordinates
        self._fitted = True  # keep fitting the picture to the view until the user zooms
        self._last: QPointF | None = None  # last painted point of the stroke, picture coords
        self._pan_from: QPointF | None = None
        self._space = False
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(320, 240)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Dark)

    # --- state ---

    def set_images(self, image: QImage, mask: QImage) -> None:
        self.image = image
        self.mask_image = mask.convertToFormat(QImage.Format.Format_Grayscale8)
        self._undo.clear()
        self._redo.clear()
        self._fitted = True
        self._refresh()
        self.fit()

    def has_image(self) -> bool:
        return not self.image.isNull()

    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def zoom(self) -> float:
        return self._zoom

    # --- edits (each one undoable) ---

    def _checkpoint(self) -> None:
        self._undo.append(self.mask_image.copy())
        del self._undo[:-UNDO_LIMIT]
        self._redo.clear()

    def undo(self) -> None:
        if self._undo:
            self._redo.append(self.mask_image)
            self.mask_image = self._undo.pop()
            self._refresh()

    def redo(self) -> None:
        if self._redo:
            self._undo.append(self.mask_image)
            self.mask_image = self._redo.pop()
            self._refresh()

    def invert(self) -> None:
        if self.has_image():
            self._checkpoint()
            self.mask_image.invertPixels()
            self._refresh()

    def clear(self) -> None:
        self._fill_with(0)

    def fill(self) -> None:
        self._fill_with(255)

    def _fill_with(self, value: int) -> None:
        if self.has_image():
            self._checkpoint()
            self.mask_image.fill(QColor(value, value, value))
            self._refresh()

    def paint_stroke(self, points: list[QPointF]) -> None:
        """Paint one stroke through `points` (picture coordinates) with the current tool: what a
        mouse drag does, for scripts and tests."""
        if not points or not self.has_image():
            return
        self._checkpoint()
        self._dab(points[0])
        for a, b in itertools.pairwise(points):
            self._segment(a, b)
        self._refresh()

    # --- painting ---

    def _dab(self, at: QPointF) -> None:
        radius = max(0.5, self.brush_size / 2)
        value = 255 if self.tool is Tool.BRUSH else 0
        solid = QColor(value, value, value, 255)
        clear = QColor(value, value, value, 0)
        gradient = QRadialGradient(at, radius)
        gradient.setColorAt(0.0, solid)
        gradient.setColorAt(min(max(self.hardness, 0.0), 0.999), solid)
        gradient.setColorAt(1.0, clear)
        painter = QPainter(self.mask_image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(gradient))
        painter.drawEllipse(at, radius, radius)
        painter.end()

    def _segment(self, a: QPointF, b: QPointF) -> None:
        # Dabs a quarter of the brush apart: a continuous line without piling up soft edges.
        step = max(1.0, self.brush_size / 4)
        dx, dy = b.x() - a.x(), b.y() - a.y()
        length = (dx * dx + dy * dy) ** 0.5
        count = max(1, int(length / step))
        for i in range(1, count + 1):
            self._dab(QPointF(a.x() + dx * i / count, a.y() + dy * i / count))

    def _refresh(self) -> None:
        if self.has_image():
            overlay = QImage(self.mask_image.size(), QImage.Format.Format_ARGB32_Premultiplied)
            overlay.fill(OVERLAY_TINT)
            overlay.setAlphaChannel(self.mask_image)
            self._overlay = overlay
        self.update()
        self.changed.emit()

    # --- view ---

    def fit(self) -> None:
        if not self.has_image():
            return
        area = QRectF(self.rect()).adjusted(8, 8, -8, -8)
        scale = min(area.width() / self.image.width(), area.height() / self.image.height())
        self._zoom = max(MIN_ZOOM, min(MAX_ZOOM, scale))
        self._offset = QPointF(
            (self.width() - self.image.width() * self._zoom) / 2,
            (self.height() - self.image.height() * self._zoom) / 2,
        )
        self._fitted = True
        self.update()

    def zoom_by(self, factor: float, around: QPointF) -> None:
        if not self.has_image():
            return
        before = self.to_picture(around)
        self._zoom = max(MIN_ZOOM, min(MAX_ZOOM, self._zoom * factor))
        self._offset = around - QPointF(before.x() * self._zoom, before.y() * self._zoom)
        self._fitted = False
        self.update()

    def to_picture(self, point: QPointF) -> QPointF:
        return QPointF(
            (point.x() - self._offset.x()) / self._zoom, (point.y() - self._offset.y()) / self._zoom
        )

    def to_widget(self, point: QPointF) -> QPoint:
        return QPoint(
            round(point.x() * self._zoom + self._offset.x()),
            round(point.y() * self._zoom + self._offset.y()),
        )

    def _transform(self) -> QTransform:
        return QTransform(self._zoom, 0, 0, self._zoom, self._offset.x(), self._offset.y())

    # --- events ---

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if self.has_image():
            painter.setTransform(self._transform())
            smooth = self._zoom < 1.0  # zoomed in, show the pixels one paints
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, smooth)
            painter.drawImage(0, 0, self.image)
            painter.setOpacity(OVERLAY_OPACITY)
            painter.drawImage(0, 0, self._overlay)
            painter.setOpacity(1.0)
            cursor = self.mapFromGlobal(self.cursor().pos())
            if self.rect().contains(cursor) and self._pan_from is None and not self._space:
                painter.resetTransform()
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                radius = self.brush_size / 2 * self._zoom
                for colour, width in ((QColor(0, 0, 0, 160), 3.0), (QColor(255, 255, 255), 1.0)):
                    pen = painter.pen()
                    pen.setColor(colour)
                    pen.setWidthF(width)
                    painter.setPen(pen)
                    painter.drawEllipse(QPointF(cursor), radius, radius)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        if self._fitted:
            self.fit()
        super().resizeEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(1.25**steps, event.position())
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        pan = event.button() == Qt.MouseButton.MiddleButton or (
            event.button() == Qt.MouseButton.LeftButton and self._space
        )
        if pan:
            self._pan_from = event.position()
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        elif event.button() == Qt.MouseButton.LeftButton and self.has_image():
            self._checkpoint()
            self._last = self.to_picture(event.position())
            self._dab(self._last)
            self._refresh()
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            self._offset += event.position() - self._pan_from
            self._pan_from = event.position()
            self._fitted = False
        elif self._last is not None:
            point = self.to_picture(event.position())
            self._segment(self._last, point)
            self._last = point
            self._refresh()
            return
        self.update()  # the brush outline follows the pointer

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._last = None
        if self._pan_from is not None:
            self._pan_from = None
            self.setCursor(
                Qt.CursorShape.OpenHandCursor if self._space else Qt.CursorShape.CrossCursor
            )
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.setCursor(Qt.CursorShape.CrossCursor)
            event.accept()
            return
        super().keyReleaseEvent(event)


class MaskEditorDialog(QDialog):
    """Edit the mask of the picture at `source` (an input in the library); `saved(rel_path)`
    gives the new input (the picture with the mask in its alpha) once it is written."""

    saved = Signal(str)

    def __init__(
        self,
        source: Path,
        library: OutputLibrary,
        tasks: Tasks,
        title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            self.tr("Edit mask: {name}").format(name=title) if title else self.tr("Edit mask")
        )
        self._source = source
        self._library = library
        self._tasks = tasks
        self.canvas = MaskCanvas()
        self.canvas.setCursor(Qt.CursorShape.CrossCursor)
        self.canvas.changed.connect(self._update_buttons)

        self.brush_button = self._tool_button(
            self.tr("Brush"), self.tr("Paint what to repaint (B)")
        )
        self.eraser_button = self._tool_button(self.tr("Eraser"), self.tr("Erase the mask (E)"))
        self.brush_button.setChecked(True)
        tools = QButtonGroup(self)
        tools.addButton(self.brush_button)
        tools.addButton(self.eraser_button)
        self.brush_button.toggled.connect(self._tool_changed)

        self.size_spin = QSpinBox()
        self.size_spin.setRange(1, 1000)
        self.size_spin.setSuffix(" px")
        self.size_spin.setValue(self.canvas.brush_size)
        self.size_spin.setToolTip(self.tr("Brush size in pixels of the picture ([ and ])"))
        self.size_spin.valueChanged.connect(self._size_changed)
        self.hardness_slider = QSlider(Qt.Orientation.Horizontal)
        self.hardness_slider.setRange(0, 100)
        self.hardness_slider.setValue(round(self.canvas.hardness * 100))
        self.hardness_slider.setMaximumWidth(120)
        self.hardness_slider.setToolTip(self.tr("Hardness: 100% paints a sharp edge"))
        self.hardness_slider.valueChanged.connect(self._hardness_changed)

        self.undo_button = self._action_button(self.tr("Undo"), self.canvas.undo)
        self.redo_button = self._action_button(self.tr("Redo"), self.canvas.redo)
        self.invert_button = self._action_button(self.tr("Invert"), self.canvas.invert)
        self.clear_button = self._action_button(self.tr("Clear"), self.canvas.clear)
        self.fill_button = self._action_button(self.tr("Fill"), self.canvas.fill)
        self.fit_button = self._action_button(self.tr("Fit"), self.canvas.fit)
        self.undo_button.setToolTip(self.tr("Undo the last stroke (Ctrl+Z)"))
        self.redo_button.setToolTip(self.tr("Redo (Ctrl+Shift+Z)"))
        self.invert_button.setToolTip(self.tr("Repaint what is kept and keep what is repainted"))
        self.clear_button.setToolTip(self.tr("Remove the whole mask"))
        self.fill_button.setToolTip(self.tr("Mask the whole picture"))
        self.fit_button.setToolTip(self.tr("Fit the picture to the window"))

        bar = QHBoxLayout()
        bar.setSpacing(6)
        bar.addWidget(self.brush_button)
        bar.addWidget(self.eraser_button)
        bar.addSpacing(8)
        bar.addWidget(QLabel(self.tr("Size")))
        bar.addWidget(self.size_spin)
        bar.addWidget(QLabel(self.tr("Hardness")))
        bar.addWidget(self.hardness_slider)
        bar.addSpacing(8)
        for button in (
            self.undo_button,
            self.redo_button,
            self.invert_button,
            self.clear_button,
            self.fill_button,
            self.fit_button,
        ):
            bar.addWidget(button)
        bar.addStretch(1)

        self.hint = QLabel(
            self.tr(
                "White marks what to repaint; it is shown tinted. Wheel: zoom, "
                "middle button or Space + drag: pan."
            )
        )
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.status = QLabel(self.tr("Loading the picture…"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.hint)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

        for keys, slot in (
            (QKeySequence.StandardKey.Undo, self.canvas.undo),
            (QKeySequence.StandardKey.Redo, self.canvas.redo),
        ):
            QShortcut(QKeySequence(keys), self, slot)
        QShortcut(QKeySequence("Ctrl+Shift+Z"), self, self.canvas.redo)
        QShortcut(QKeySequence("B"), self, lambda: self.brush_button.setChecked(True))
        QShortcut(QKeySequence("E"), self, lambda: self.eraser_button.setChecked(True))
        QShortcut(QKeySequence("["), self, lambda: self.size_spin.stepBy(-5))
        QShortcut(QKeySequence("]"), self, lambda: self.size_spin.stepBy(5))
        self.resize(960, 720)
        self._update_buttons()
        self._load()

    def _tool_button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setCheckable(True)
        button.setAutoRaise(False)
        return button

    def _action_button(self, text: str, slot: object) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.clicked.connect(slot)
        return button

    # --- loading and saving (off the GUI thread) ---

    def _load(self) -> None:
        source = self._source

        def done(result: tuple[QImage, QImage]) -> None:
            self.canvas.set_images(*result)
            image = result[0]
            self.status.setText(
                self.tr("{width} × {height} pixels").format(
                    width=image.width(), height=image.height()
                )
            )
            self._update_buttons()

        def failed(exc: Exception) -> None:
            self.status.setText(self.tr("Could not open the picture: {reason}").format(reason=exc))

        self._tasks.run("decode", lambda: load_editable(source), done, owner=self, failed=failed)

    def save(self) -> None:
        """Write the picture with the mask in its alpha into the library, then close."""
        if not self.canvas.has_image():
            return
        mask = mask_to_pil(self.canvas.mask_image)
        source, library = self._source, self._library

        def work() -> str:
            return library.paths.relative(save_masked_input(library, source, mask))

        def done(rel_path: str) -> None:
            self.saved.emit(rel_path)
            self.accept()

        def failed(exc: Exception) -> None:
            self.buttons.setEnabled(True)
            self.status.setText(self.tr("Could not save the mask: {reason}").format(reason=exc))

        self.buttons.setEnabled(False)
        self.status.setText(self.tr("Saving the mask…"))
        self._tasks.run("read", work, done, owner=self, failed=failed)

    # --- controls ---

    def _tool_changed(self) -> None:
        self.canvas.tool = Tool.BRUSH if self.brush_button.isChecked() else Tool.ERASER

    def _size_changed(self, value: int) -> None:
        self.canvas.brush_size = value
        self.canvas.update()

    def _hardness_changed(self, value: int) -> None:
        self.canvas.hardness = value / 100

    def _update_buttons(self) -> None:
        loaded = self.canvas.has_image()
        self.undo_button.setEnabled(self.canvas.can_undo())
        self.redo_button.setEnabled(self.canvas.can_redo())
        for button in (self.invert_button, self.clear_button, self.fill_button, self.fit_button):
            button.setEnabled(loaded)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if save is not None:
            save.setEnabled(loaded)
