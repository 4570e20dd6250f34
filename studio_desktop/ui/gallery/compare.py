"""Compare two images: side by side, or one over the other as an A/B slider with a divider to
drag; zoom and pan move both sides together; a panel lists both images' parameters and marks
the ones that differ.

Both pictures are decoded on Tasks' "decode" pool and the parameters read on its "read" pool
(never on the GUI thread); until then each side says it is loading, and a file that cannot be
read says so instead of showing nothing.

The shared view: `zoom` is display pixels per pixel of the reference image (the first one that
has a picture) and `offset` is where that image's top-left corner sits in a side's box. Each
side is scaled to the reference's width, so an upscaled result lines up with its source.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Final

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
    QShortcut,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.core.jobs import GenerationParams, Job
from studio_desktop.core.workflows.defaults import default_model_words
from studio_desktop.ui.dynamic_prompt_texts import DYNAMIC_KEYS, dynamic_name
from studio_desktop.ui.field_labels import slot_label
from studio_desktop.ui.gallery.compare_params import ParamRow, compare_rows, describe
from studio_desktop.ui.gallery.detail_text import ElidedPath
from studio_desktop.ui.gallery.viewer import decode_full
from studio_desktop.ui.graph_option_texts import OPTION_KEYS, option_name
from studio_desktop.ui.texts import show_text
from studio_desktop.ui.wrapping_delegate import WrappingDelegate
from studio_desktop.workers.tasks import Tasks

GAP: Final = 8  # between the two images side by side
ZOOM_STEP: Final = 1.25
MIN_ZOOM: Final = 0.02
MAX_ZOOM: Final = 32.0
MAX_FIT: Final = 2.0  # "fit" never blows a small image up more than this
DIVIDER_GRAB: Final = 8  # pixels either side of the divider that grab it instead of panning
SPLIT_STEP: Final = 0.02  # Left/Right move the divider this share of the width (Shift: x5)
DiffersRole: Final = Qt.ItemDataRole.UserRole + 1  # a parameters row: True when the sides differ
KeyRole: Final = Qt.ItemDataRole.UserRole + 2  # a parameters row: its parameter's key

# What the panel reads for one side (on the "read" pool): its parameters and its job.
ParamsRead = Callable[[], tuple[GenerationParams | None, Job | None]]


# Narrower, a prompt of a few dozen words would be a column of single words.
PARAMETERS_MIN_WIDTH = 300


class CompareMode(Enum):
    SIDE_BY_SIDE = "side"
    SWIPE = "swipe"  # the A/B slider


@dataclass(frozen=True)
class CompareItem:
    """One side: the file, what to call it, and how to read its parameters (None: a file with
    none, such as a job's input image)."""

    path: Path
    caption: str
    read_params: ParamsRead | None = None
    size: tuple[int, int] | None = None  # the record's size, shown as the "size" parameter
    caption_end: str = ""  # shown whole after the caption, however narrow ("· 64 × 64 · seed 7")


class _Side:
    """What one side shows: nothing yet, its picture, or why there is none."""

    def __init__(self) -> None:
        self.pixmap: QPixmap | None = None
        self.failed = False


class CompareCanvas(QWidget):
    """Paints the two sides with one shared zoom and pan. Wheel zooms about the cursor, a drag
    pans both; in slider mode a drag on the divider (or Left/Right) moves it instead, and a
    click away from it puts it there."""

    view_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sides = (_Side(), _Side())
        self.mode = CompareMode.SIDE_BY_SIDE
        self.split = 0.5  # slider: the share of the width showing the first image
        self._zoom: float | None = None  # None: fit (follows the window's size)
        self._offset = QPointF()
        self._press: QPointF | None = None
        self._moved = False
        self._dragging_divider = False
        self.setMinimumSize(480, 320)
        self.setBackgroundRole(QPalette.ColorRole.Dark)
        self.setAutoFillBackground(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.OpenHandCursor)

    # --- what it shows ---

    def set_mode(self, mode: CompareMode) -> None:
        if mode == self.mode:
            return
        previous, self.mode = self.mode, mode
        if self._zoom is not None:  # keep the same part of the picture in the middle
            old = self._box_size(previous)
            new = self._box_size(mode)
            self._offset += QPointF(
                (new.width() - old.width()) / 2, (new.height() - old.height()) / 2
            )
        self.update()
        self.view_changed.emit()

    def set_image(self, side: int, image: QImage) -> None:
        target = self.sides[side]
        target.failed = image.isNull()
        target.pixmap = None if image.isNull() else QPixmap.fromImage(image)
        self.update()
        self.view_changed.emit()

    def ready(self) -> bool:
        """Both sides have their picture (or know they have none)."""
        return all(s.pixmap is not None or s.failed for s in self.sides)

    # --- the shared view ---

    def _box_size(self, mode: CompareMode) -> QSizeF:
        if mode == CompareMode.SIDE_BY_SIDE:
            return QSizeF(max(1.0, (self.width() - GAP) / 2), float(self.height()))
        return QSizeF(float(self.width()), float(self.height()))

    def boxes(self) -> tuple[QRectF, QRectF]:
        """Where each side is drawn: two halves, or (slider) both in the whole area."""
        size = self._box_size(self.mode)
        if self.mode == CompareMode.SIDE_BY_SIDE:
            return (
                QRectF(QPointF(0, 0), size),
                QRectF(QPointF(size.width() + GAP, 0), size),
            )
        whole = QRectF(QPointF(0, 0), size)
        return whole, whole

    def reference(self) -> QSizeF:
        """The size the view is measured in: the first picture there is."""
        for side in self.sides:
            if side.pixmap is not None:
                return QSizeF(side.pixmap.size())
        return QSizeF()

    @property
    def fitting(self) -> bool:
        return self._zoom is None

    def fit_zoom(self) -> float:
        ref, box = self.reference(), self._box_size(self.mode)
        if ref.isEmpty():
            return 1.0
        return min(box.width() / ref.width(), box.height() / ref.height(), MAX_FIT)

    @property
    def zoom(self) -> float:
        return self.fit_zoom() if self._zoom is None else self._zoom

    def offset(self) -> QPointF:
        if self._zoom is not None:
            return QPointF(self._offset)
        ref, box, zoom = self.reference(), self._box_size(self.mode), self.fit_zoom()
        return QPointF(
            (box.width() - ref.width() * zoom) / 2, (box.height() - ref.height() * zoom) / 2
        )

    def side_transform(self, side: int) -> QTransform:
        """Image pixels of `side` → coordinates inside its box. With pictures of one size both
        sides' transforms are equal whatever the zoom and pan: that is what "synced" means."""
        pixmap = self.sides[side].pixmap
        ref = self.reference()
        scale = self.zoom
        if pixmap is not None and pixmap.width() and not ref.isEmpty():
            scale *= ref.width() / pixmap.width()
        origin = self.offset()
        return QTransform(scale, 0, 0, scale, origin.x(), origin.y())

    def fit(self) -> None:
        self._zoom = None
        self.update()
        self.view_changed.emit()

    def actual_size(self) -> None:
        """100 % of the reference image, about the middle of the box."""
        box = self._box_size(self.mode)
        self.zoom_at(1.0 / self.zoom, QPointF(box.width() / 2, box.height() / 2))

    def zoom_at(self, factor: float, point: QPointF) -> None:
        """Zoom both sides by `factor` keeping the picture under `point` (box coordinates)
        where it is."""
        old_zoom, old_offset = self.zoom, self.offset()
        new_zoom = min(max(old_zoom * factor, MIN_ZOOM), MAX_ZOOM)
        ratio = new_zoom / old_zoom
        self._zoom = new_zoom
        self._offset = point - (point - old_offset) * ratio
        self.update()
        self.view_changed.emit()

    def pan_by(self, delta: QPointF) -> None:
        self._offset = self.offset() + delta
        self._zoom = self.zoom
        self.update()
        self.view_changed.emit()

    def box_point(self, pos: QPointF) -> QPointF:
        """A widget position in the coordinates of the box it falls in (the nearer one in the
        gap between them)."""
        first, second = self.boxes()
        box = second if pos.x() >= second.left() - GAP / 2 else first
        return pos - box.topLeft()

    def set_split(self, x: float) -> None:
        self.split = min(max(x / max(1, self.width()), 0.0), 1.0)
        self.update()

    def _divider_x(self) -> float:
        return self.width() * self.split

    # --- input ---

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_at(ZOOM_STEP**steps, self.box_point(event.position()))
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self._press = event.position()
        self._moved = False
        self._dragging_divider = (
            self.mode == CompareMode.SWIPE
            and abs(event.position().x() - self._divider_x()) <= DIVIDER_GRAB
        )
        if not self._dragging_divider:
            self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            if self.mode == CompareMode.SWIPE:
                near = abs(event.position().x() - self._divider_x()) <= DIVIDER_GRAB
                self.setCursor(
                    Qt.CursorShape.SplitHCursor if near else Qt.CursorShape.OpenHandCursor
                )
            return
        self._moved = True
        if self._dragging_divider:
            self.set_split(event.position().x())
        else:
            self.pan_by(event.position() - self._press)
            self._press = event.position()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if (
            self._press is not None
            and not self._moved
            and self.mode == CompareMode.SWIPE
            and event.button() == Qt.MouseButton.LeftButton
        ):
            self.set_split(event.position().x())  # a click puts the divider there
        self._press = None
        self._dragging_divider = False
        self.setCursor(Qt.CursorShape.OpenHandCursor)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self.mode == CompareMode.SWIPE and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = SPLIT_STEP * (5 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
            sign = -1 if key == Qt.Key.Key_Left else 1
            self.set_split((self.split + sign * step) * max(1, self.width()))
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._zoom is None:
            self.view_changed.emit()

    # --- painting ---

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        boxes = self.boxes()
        if self.mode == CompareMode.SIDE_BY_SIDE:
            clips = boxes
        else:
            line = self._divider_x()
            area = QRectF(self.rect())
            clips = (
                QRectF(area.left(), area.top(), line - area.left(), area.height()),
                QRectF(line, area.top(), area.right() - line + 1, area.height()),
            )
        for n, (side, box, clip) in enumerate(zip(self.sides, boxes, clips, strict=True)):
            self._paint_side(painter, n, side, box, clip)
        if self.mode == CompareMode.SWIPE:
            line = self._divider_x()
            painter.setPen(QPen(QColor(255, 255, 255, 220), 2))
            painter.drawLine(QPointF(line, 0), QPointF(line, self.height()))
            painter.setBrush(QBrush(QColor(255, 255, 255, 220)))
            painter.drawEllipse(QPointF(line, self.height() / 2), 6, 6)
        painter.end()

    def _paint_side(
        self, painter: QPainter, n: int, side: _Side, box: QRectF, clip: QRectF
    ) -> None:
        painter.save()
        painter.setClipRect(clip)
        if side.pixmap is not None:
            painter.setTransform(
                self.side_transform(n) * QTransform.fromTranslate(box.left(), box.top())
            )
            painter.drawPixmap(QPointF(0, 0), side.pixmap)
        else:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            text = (
                self.tr("The image file is missing or unreadable.")
                if side.failed
                else self.tr("Loading…")
            )
            painter.drawText(box.toRect(), Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


class ParametersPanel(QTreeWidget):
    """The two images' parameters, one row each; the rows that differ are tinted and bold."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(3)
        self.setHeaderLabels([self.tr("Parameter"), self.tr("A (left)"), self.tr("B (right)")])
        self.setRootIsDecorated(False)
        # Prompts, file names and the hires text whole, on as many lines as they need.
        self.setItemDelegate(WrappingDelegate(self))
        self.setAlternatingRowColors(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.rows: list[ParamRow] = []

    def label(self, key: str) -> str:
        names = {
            "prompt": self.tr("Prompt"),
            "negative": self.tr("Negative"),
            "template": self.tr("Template"),
            "model": self.tr("Model"),
            "sampler": self.tr("Sampler"),
            "scheduler": self.tr("Scheduler"),
            "steps": self.tr("Steps"),
            "cfg": self.tr("CFG"),
            "seed": self.tr("Seed"),
            "denoise": self.tr("Denoise"),
            "size": self.tr("Size"),
            "batch_size": self.tr("Batch size"),
            "server": self.tr("Server"),
        }
        if key in names:
            return names[key]
        if key in OPTION_KEYS:
            return option_name(key)
        if key in DYNAMIC_KEYS:
            return dynamic_name(key)
        # A template's own setting, named as the Generate form and History name it.
        return slot_label(key.removeprefix("extra."))

    def show_rows(self, rows: list[ParamRow]) -> None:
        self.rows = rows
        self.clear()
        tint = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        tint.setAlpha(70)
        unknown = self.tr("(not recorded)")
        for row in rows:
            item = QTreeWidgetItem(
                [
                    self.label(row.key),
                    unknown if row.first is None else row.first,
                    unknown if row.second is None else row.second,
                ]
            )
            item.setData(0, DiffersRole, row.differs)
            item.setData(0, KeyRole, row.key)
            if row.differs:
                font = QFont(self.font())
                font.setBold(True)
                for column in range(3):
                    item.setBackground(column, QBrush(tint))
                    item.setFont(column, font)
                item.setToolTip(0, self.tr("The two images differ here"))
            self.addTopLevelItem(item)

    def differing(self) -> list[str]:
        """The keys of the rows marked as differing (what the user sees tinted)."""
        out: list[str] = []
        for n in range(self.topLevelItemCount()):
            item = self.topLevelItem(n)
            if item is not None and item.data(0, DiffersRole):
                out.append(str(item.data(0, KeyRole)))
        return out


class CompareDialog(QDialog):
    """Two images, side by side or as an A/B slider, with their parameters compared."""

    def __init__(
        self,
        items: tuple[CompareItem, CompareItem],
        tasks: Tasks,
        parent: QWidget | None = None,
        *,
        template_name: Callable[[str], str] | None = None,
        model_used: Callable[[Job], str | None] | None = None,
    ) -> None:
        """`model_used`: the file a job on the server's default model ran with, or None (as
        History and the viewer name it)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare images"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.items = items
        self._template_name = template_name or str
        self._model_used = model_used or (lambda _job: None)
        self._params: list[Mapping[str, str] | None] = [None, None]
        self._params_read = [item.read_params is None for item in items]
        self.canvas = CompareCanvas(self)
        self.side_by_side = QRadioButton(self.tr("Side by side"), self)
        self.swipe = QRadioButton(self.tr("A/B slider"), self)
        self.swipe.setToolTip(self.tr("Drag the divider, or move it with Left and Right"))
        self.side_by_side.setChecked(True)
        modes = QButtonGroup(self)
        modes.addButton(self.side_by_side)
        modes.addButton(self.swipe)
        self.side_by_side.toggled.connect(
            lambda on: self.canvas.set_mode(CompareMode.SIDE_BY_SIDE if on else CompareMode.SWIPE)
        )
        self.swipe.toggled.connect(lambda on: on and self.canvas.setFocus())
        self.fit_button = QPushButton(self.tr("Fit"), self)
        self.actual_button = QPushButton(self.tr("100%"), self)
        for button in (self.fit_button, self.actual_button):
            button.setAutoDefault(False)
        self.fit_button.clicked.connect(self.canvas.fit)
        self.actual_button.clicked.connect(self.canvas.actual_size)
        self.zoom_label = QLabel(self)
        self.zoom_label.setMinimumWidth(48)
        self.canvas.view_changed.connect(self._show_zoom)
        # Elided to the room they have: at full length the two captions set the images' side
        # so wide that the parameters were squeezed to a sliver.
        self.captions = tuple(
            ElidedPath(
                f"{letter}: {item.caption}{item.caption_end}",
                self,
                alignment=alignment,
                kept_end=item.caption_end,
            )
            for letter, item, alignment in zip(
                ("A", "B"),
                items,
                (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight),
                strict=True,
            )
        )
        for label in self.captions:
            label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.parameters = ParametersPanel(self)
        self.summary = QLabel(self.tr("Reading the parameters…"), self)
        self.summary.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.side_by_side)
        top.addWidget(self.swipe)
        top.addSpacing(16)
        top.addWidget(self.fit_button)
        top.addWidget(self.actual_button)
        top.addWidget(self.zoom_label)
        top.addStretch(1)
        captions = QHBoxLayout()
        captions.addWidget(self.captions[0], 1)
        captions.addWidget(self.captions[1], 1)
        left = QWidget(self)
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(self.canvas, 1)
        left_column.addLayout(captions)
        right = QWidget(self)
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        right_column.addWidget(self.summary)
        right_column.addWidget(self.parameters, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([740, 460])  # the parameters wrap: room for prompts
        self.splitter.setCollapsible(1, False)
        right.setMinimumWidth(PARAMETERS_MIN_WIDTH)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(buttons)
        self.resize(1200, 680)

        for keys, slot in (
            (QKeySequence.StandardKey.ZoomIn, lambda: self._zoom_middle(ZOOM_STEP)),
            (QKeySequence.StandardKey.ZoomOut, lambda: self._zoom_middle(1 / ZOOM_STEP)),
        ):
            QShortcut(QKeySequence(keys), self, slot)
        QShortcut(QKeySequence("F"), self, self.canvas.fit)
        QShortcut(QKeySequence("1"), self, self.canvas.actual_size)

        for side, item in enumerate(items):
            path = item.path
            tasks.run(
                "decode",
                lambda p=path: decode_full(p),  # type: ignore[misc]
                lambda image, s=side: self.canvas.set_image(s, image),  # type: ignore[misc]
                owner=self,
                key=f"side{side}",
                failed=lambda _exc, s=side: self.canvas.set_image(s, QImage()),  # type: ignore[misc]
            )
            if item.read_params is not None:
                tasks.run(
                    "read",
                    item.read_params,
                    lambda got, s=side: self._params_arrived(s, got),  # type: ignore[misc]
                    owner=self,
                    key=f"params{side}",
                    failed=lambda _exc, s=side: self._params_arrived(s, (None, None)),  # type: ignore[misc]
                )
        self._show_parameters()
        self.canvas.setFocus()

    def parameters_known(self) -> bool:
        """Both sides' parameters were read (or there are none to read)."""
        return all(self._params_read)

    def _params_arrived(self, side: int, got: tuple[GenerationParams | None, Job | None]) -> None:
        params, job = got
        size = self.items[side].size
        described = describe(params, job, template_name=self._template_name)
        if described is not None and size is not None and size[0]:
            described["size"] = f"{size[0]} × {size[1]}"
        if described is not None and params is not None and not params.model:
            # Not an empty cell: the job asked for the server's default (and got this file).
            used = self._model_used(job) if job is not None else None
            described["model"] = show_text(default_model_words(used))
        self._params[side] = described
        self._params_read[side] = True
        self._show_parameters()

    def _show_parameters(self) -> None:
        if not self.parameters_known():
            return
        first, second = self._params
        rows = compare_rows(first, second)
        self.parameters.show_rows(rows)
        differ = sum(row.differs for row in rows)
        if first is None and second is None:
            text = self.tr("No parameters were recorded for these images.")
        elif first is None or second is None:
            text = self.tr("Only one image has recorded parameters.")
        elif differ:
            text = self.tr("%n parameter(s) differ (highlighted)", "", differ)
        else:
            text = self.tr("The parameters are the same.")
        self.summary.setText(text)

    def _zoom_middle(self, factor: float) -> None:
        box = self.canvas.boxes()[0]
        self.canvas.zoom_at(factor, QPointF(box.width() / 2, box.height() / 2))

    def _show_zoom(self) -> None:
        self.zoom_label.setText(f"{self.canvas.zoom * 100:.0f}%")
