"""The full-size viewer: fit, 100 % and wheel zoom, pan, next/previous, the job's parameters."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QImage,
    QImageReader,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QPixmap,
    QResizeEvent,
    QShortcut,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.core.jobs import ImageRecord
from studio_desktop.core.paths import DataPaths
from studio_desktop.ui.gallery.model import GalleryModel, thumb_source
from studio_desktop.ui.thumbnails import ThumbnailLoader

ZOOM_STEP: Final = 1.25
MIN_ZOOM: Final = 0.02
MAX_ZOOM: Final = 32.0


def decode_full(path: Path) -> QImage:
    """The whole image at full size (pool thread). A null QImage when it can't be read."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    return reader.read()


class _Relay(QObject):
    decoded = Signal(int, object)  # request token, QImage


class _Decode(QRunnable):
    def __init__(self, relay: _Relay, token: int, path: Path) -> None:
        super().__init__()
        self._relay, self._token, self._path = relay, token, path

    def run(self) -> None:
        self._relay.decoded.emit(self._token, decode_full(self._path))


class FullImageLoader(QObject):
    """Decodes one image at a time off the GUI thread; stale results are dropped."""

    ready = Signal(object)  # QImage (null when unreadable), for the latest request only

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.decoded.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._token = 0

    def request(self, path: Path) -> None:
        self._token += 1
        self._pool.clear()  # the ones not started yet are stale already
        self._pool.start(_Decode(self._relay, self._token, path))

    def shutdown(self) -> None:
        self._token += 1
        self._pool.clear()
        self._pool.waitForDone()

    def _deliver(self, token: int, image: QImage) -> None:
        if token == self._token:
            self.ready.emit(image)


class ImageView(QGraphicsView):
    """A pixmap that fits the window until the user zooms; drag to pan."""

    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scene = QGraphicsScene(self)
        self._item = QGraphicsPixmapItem()
        self._item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self._scene.addItem(self._item)
        self.setScene(self._scene)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setBackgroundRole(QPalette.ColorRole.Dark)
        self._fit = True

    @property
    def zoom(self) -> float:
        return self.transform().m11()

    @property
    def fitting(self) -> bool:
        return self._fit

    def set_pixmap(self, pixmap: QPixmap, *, width: int = 0, keep_view: bool = False) -> None:
        """Show a pixmap scaled to `width` scene units (a small preview standing in for the full
        image), or at its own size; `keep_view` keeps the zoom and position the user chose."""
        self._item.setPixmap(pixmap)
        scale = width / pixmap.width() if width and pixmap.width() else 1.0
        self._item.setScale(scale)
        self._scene.setSceneRect(self._item.sceneBoundingRect())
        if self._fit or not keep_view:
            self.fit()

    def pixmap(self) -> QPixmap:
        return self._item.pixmap()

    def fit(self) -> None:
        self._fit = True
        if not self._item.pixmap().isNull():
            self.fitInView(self._item, Qt.AspectRatioMode.KeepAspectRatio)
            if self.zoom > 1.0:  # never blow small images up to fit
                self.resetTransform()
        self.zoom_changed.emit(self.zoom)

    def actual_size(self) -> None:
        self._fit = False
        self.resetTransform()
        self.zoom_changed.emit(self.zoom)

    def zoom_by(self, factor: float) -> None:
        target = min(max(self.zoom * factor, MIN_ZOOM), MAX_ZOOM)
        self._fit = False
        self.scale(target / self.zoom, target / self.zoom)
        self.zoom_changed.emit(self.zoom)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(ZOOM_STEP**steps)
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit:
            self.fit()


class ImageViewer(QDialog):
    """Shows one image of a GalleryModel; Left/Right walk through the model's rows."""

    remix_requested = Signal(str)
    current_changed = Signal(int)  # image id

    def __init__(
        self,
        model: GalleryModel,
        paths: DataPaths,
        thumbnails: ThumbnailLoader | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Image viewer"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1100, 720)
        self._model = model
        self._paths = paths
        self._thumbs = thumbnails
        self._record: ImageRecord | None = None
        self._loader = FullImageLoader(self)
        self._loader.ready.connect(self._on_ready)

        self.view = ImageView(self)
        self.view.zoom_changed.connect(self._show_zoom)
        self.status = QLabel(self)
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)

        bar = QHBoxLayout()
        bar.setSpacing(6)
        style = self.style()
        self.previous_button = self._tool(
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack), self.tr("Previous (←)")
        )
        self.next_button = self._tool(
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward), self.tr("Next (→)")
        )
        self.fit_button = QPushButton(self.tr("Fit"), self)
        self.actual_button = QPushButton(self.tr("100%"), self)
        self.zoom_label = QLabel(self)
        self.zoom_label.setMinimumWidth(48)
        self.remix_button = QPushButton(self.tr("Remix"), self)
        self.remix_button.setToolTip(self.tr("Load these parameters into Generate"))
        for button in (self.fit_button, self.actual_button, self.remix_button):
            button.setAutoDefault(False)
        for widget in (self.previous_button, self.next_button):
            bar.addWidget(widget)
        bar.addSpacing(12)
        bar.addWidget(self.fit_button)
        bar.addWidget(self.actual_button)
        bar.addWidget(self.zoom_label)
        bar.addStretch(1)
        bar.addWidget(self.status, 2)
        bar.addStretch(1)
        bar.addWidget(self.remix_button)

        self.details = QWidget(self)
        self.form = QFormLayout(self.details)
        self.form.setContentsMargins(12, 12, 12, 12)
        self.form.setSpacing(6)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea(self)
        scroll.setWidget(self.details)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setMinimumWidth(260)

        splitter = QSplitter(self)
        splitter.addWidget(self.view)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([800, 300])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

        self.previous_button.clicked.connect(self.show_previous)
        self.next_button.clicked.connect(self.show_next)
        self.fit_button.clicked.connect(self.view.fit)
        self.actual_button.clicked.connect(self.view.actual_size)
        self.remix_button.clicked.connect(self._remix)
        for keys, slot in (
            (QKeySequence.StandardKey.ZoomIn, lambda: self.view.zoom_by(ZOOM_STEP)),
            (QKeySequence.StandardKey.ZoomOut, lambda: self.view.zoom_by(1 / ZOOM_STEP)),
        ):
            QShortcut(QKeySequence(keys), self, slot)
        QShortcut(QKeySequence("F"), self, self.view.fit)
        QShortcut(QKeySequence("1"), self, self.view.actual_size)

    def _tool(self, icon: object, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(icon)  # type: ignore[arg-type]
        button.setToolTip(tip)
        button.setAutoRaise(True)
        return button

    @property
    def record(self) -> ImageRecord | None:
        return self._record

    def current_row(self) -> int | None:
        return None if self._record is None else self._model.row_of(self._record.id)

    def show_row(self, row: int) -> None:
        if not 0 <= row < self._model.rowCount():
            return
        record = self._model.record(row)
        self._record = record
        self._fill_details(record)
        preview = self._preview(record)
        self.view.set_pixmap(preview if preview is not None else QPixmap(), width=record.width)
        self.status.setText(self.tr("Loading…"))
        self._loader.request(self._paths.resolve(record.path))
        self._update_buttons()
        self.current_changed.emit(record.id)

    def show_next(self) -> None:
        row = self.current_row()
        if row is None:
            return
        if row + 1 >= self._model.rowCount() and self._model.canFetchMore():
            self._model.load_more()
        self.show_row(row + 1)

    def show_previous(self) -> None:
        row = self.current_row()
        if row is not None and row > 0:
            self.show_row(row - 1)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space):
            self.show_next()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace):
            self.show_previous()
        else:
            super().keyPressEvent(event)

    def shutdown(self) -> None:
        self._loader.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._loader.shutdown()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self._loader.shutdown()
        super().done(result)

    # --- internals ---

    def _preview(self, record: ImageRecord) -> QPixmap | None:
        """The cached thumbnail, shown scaled up while the full image decodes."""
        rel = thumb_source(record)
        if self._thumbs is None or rel is None:
            return None
        return self._thumbs.pixmap(rel)

    def _on_ready(self, image: QImage) -> None:
        if image.isNull():
            self.status.setText(self.tr("This image file is missing or unreadable."))
            return
        self.status.setText("")
        self.view.set_pixmap(QPixmap.fromImage(image), keep_view=True)

    def _show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(f"{zoom * 100:.0f}%")

    def _update_buttons(self) -> None:
        row = self.current_row()
        self.previous_button.setEnabled(row is not None and row > 0)
        self.next_button.setEnabled(
            row is not None and (row + 1 < self._model.rowCount() or self._model.canFetchMore())
        )

    def _remix(self) -> None:
        if self._record is not None:
            self.remix_requested.emit(self._record.job_id)

    def _fill_details(self, record: ImageRecord) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        params = self._model.params(record)
        job = self._model.job(record.job_id)
        rows: list[tuple[str, str]] = []
        if params is not None:
            rows += [
                (self.tr("Prompt"), params.prompt),
                (self.tr("Negative"), params.negative),
                (self.tr("Model"), params.model),
                (self.tr("Sampler"), f"{params.sampler} / {params.scheduler}"),
                (self.tr("Steps"), str(params.steps)),
                (self.tr("CFG"), f"{params.cfg:g}"),
                (self.tr("Seed"), str(params.seed)),
                (self.tr("Denoise"), f"{params.denoise:g}" if params.denoise != 1.0 else ""),
            ]
        if job is not None:
            rows.append((self.tr("Template"), job.template))
            rows.append((self.tr("Server"), job.server or ""))
        rows += [
            (self.tr("Size"), f"{record.width} × {record.height}" if record.width else ""),
            (self.tr("Created"), record.created_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")),
            (self.tr("Tags"), ", ".join(record.tags)),
            (self.tr("File"), str(self._paths.resolve(record.path))),
        ]
        for name, value in rows:
            if not value:
                continue
            label = QLabel(value, self.details)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setTextFormat(Qt.TextFormat.PlainText)
            heading = QLabel(name, self.details)
            heading.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            self.form.addRow(heading, label)
        self.setWindowTitle(self.tr("Image viewer — {name}").format(name=Path(record.path).name))
