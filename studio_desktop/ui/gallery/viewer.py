"""The full-size viewer: fit, 100 % and wheel zoom, pan, next/previous, the job's parameters.

Video and audio outputs play in a MediaPlayer instead (audio shows its waveform picture);
animated GIF/WebP play through QMovie. Playback stops when another item is shown or the viewer
closes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Final

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import (
    QCloseEvent,
    QImage,
    QImageReader,
    QKeyEvent,
    QKeySequence,
    QMovie,
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
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.core.jobs import ImageRecord, Job
from studio_desktop.core.paths import DataPaths
from studio_desktop.core.sweeps.assemble import grid_axes_of
from studio_desktop.core.sweeps.axes import LORA_PREFIX
from studio_desktop.core.workflows.defaults import default_model_words
from studio_desktop.ui.field_labels import field_label
from studio_desktop.ui.gallery.detail_text import ElidedPath, WrappedText
from studio_desktop.ui.gallery.filter_bar import star_icon
from studio_desktop.ui.gallery.model import GalleryModel, ImageIdRole, thumb_source
from studio_desktop.ui.graph_option_texts import graph_option_rows
from studio_desktop.ui.media_player import MediaPlayer, format_time
from studio_desktop.ui.menu_button import MenuButton
from studio_desktop.ui.send_to import DragHandle, SlotList, fill_slot_menu, no_slots
from studio_desktop.ui.texts import show_text
from studio_desktop.ui.thumbnails import ThumbnailLoader
from studio_desktop.workers.tasks import Task, Tasks

PLAYED_KINDS: Final = ("video", "audio")

ZOOM_STEP: Final = 1.25
MIN_ZOOM: Final = 0.02
MAX_ZOOM: Final = 32.0
NEXT_KEYS: Final = (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space)
PREVIOUS_KEYS: Final = (Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace)
TITLE_CHARS: Final = 80  # a window title longer than this is cut in most title bars anyway
# The viewer's own keys for the grid's commands (the main window's menus use the same ones).
FAVOURITE_KEYS: Final = QKeySequence("Ctrl+D")
DELETE_KEYS: Final = QKeySequence(Qt.Key.Key_Delete)
TAGS_KEYS: Final = QKeySequence("T")


def with_keys(text: str, keys: QKeySequence) -> str:
    """A tooltip that names its shortcut: "Favourite (Ctrl+D)"."""
    return f"{text} ({keys.toString(QKeySequence.SequenceFormat.NativeText)})"


def decode_full(path: Path) -> QImage:
    """The whole image at full size (a worker thread). A null QImage when it can't be read."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    return reader.read()


class FullImageLoader(QObject):
    """Decodes one image at a time on Tasks' "decode" pool; only the latest request is
    delivered (an older one not begun yet is skipped), and nothing once the loader is gone."""

    ready = Signal(object)  # QImage (null when unreadable), for the latest request only

    def __init__(self, tasks: Tasks, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._task: Task | None = None

    def request(self, path: Path) -> None:
        self.request_nothing()  # the one not started yet is stale already
        self._task = self._tasks.run(
            "decode", lambda: decode_full(path), self.ready.emit, owner=self, key="full"
        )

    def request_nothing(self) -> None:
        """Drop what is pending: the item shown now is not a still image."""
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def shutdown(self) -> None:
        self.request_nothing()


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

    def centre(self) -> None:
        self.centerOn(self._item)

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

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # A scroll area scrolls on the arrow and page keys; here they change image (the viewer
        # handles them), also once a click on the picture has focused it.
        if event.key() in NEXT_KEYS or event.key() in PREVIOUS_KEYS:
            event.ignore()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(ZOOM_STEP**steps)
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit:
            self.fit()


class AnimationView(QLabel):
    """An animated GIF/WebP, played through QMovie and scaled down to fit (never up)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setBackgroundRole(QPalette.ColorRole.Dark)
        self.setAutoFillBackground(True)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self._movie: QMovie | None = None
        self._native = QSize()

    @property
    def movie_playing(self) -> bool:
        return self._movie is not None and self._movie.state() == QMovie.MovieState.Running

    def play(self, path: Path) -> bool:
        """Start the animation; False if QMovie cannot read the file (show it as a still)."""
        self.stop()
        movie = QMovie(str(path), parent=self)
        if not movie.isValid():
            movie.deleteLater()
            return False
        movie.jumpToFrame(0)
        self._native = movie.currentImage().size()
        self._movie = movie
        self.setMovie(movie)
        self._fit()
        movie.start()
        return True

    def stop(self) -> None:
        if self._movie is not None:
            self._movie.stop()
            self.setMovie(None)  # type: ignore[arg-type]
            self._movie.deleteLater()
            self._movie = None

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self._movie is None or not self._native.isValid():
            return
        size = QSize(self._native)
        if size.width() > self.width() or size.height() > self.height():
            size = size.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        self._movie.setScaledSize(size)


class ImageViewer(QDialog):
    """Shows one image of a GalleryModel; Left/Right walk through the model's rows."""

    remix_requested = Signal(str)
    current_changed = Signal(int)  # image id
    # The shown image's record; the gallery tab acts on it as on a selection of one.
    favourite_requested = Signal(object)
    delete_requested = Signal(object)  # trash it (restore it when it is in the trash)
    tags_requested = Signal(object)
    send_requested = Signal(object, str)  # the record shown, an image slot's name ("" = any)
    # The record shown and which other: "previous", "next", "pick" (a click in the grid) or
    # "source" (the input image of its job).
    compare_requested = Signal(object, str)

    def __init__(
        self,
        model: GalleryModel,
        paths: DataPaths,
        thumbnails: ThumbnailLoader | None = None,
        parent: QWidget | None = None,
        *,
        template_name: Callable[[str], str] | None = None,
        default_model_used: Callable[[Job], str | None] | None = None,
    ) -> None:
        """`template_name` turns a template id into the name to show (the id when None);
        `default_model_used`, the file a job on the server's default model ran with."""
        super().__init__(parent)
        self._template_name = template_name or str
        self._default_model_used = default_model_used or (lambda _job: None)
        self.setWindowTitle(self.tr("Image viewer"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1100, 720)
        self._model = model
        self._paths = paths
        self._thumbs = thumbnails
        self._record: ImageRecord | None = None
        self._request = 0  # show_row requests: a record read late for an older one is dropped
        self._asked_id: int | None = None  # the image show_row asked for, until it is shown
        self._loader = FullImageLoader(model.tasks, self)
        self._loader.ready.connect(self._on_ready)

        self.view = ImageView(self)
        self.view.zoom_changed.connect(self._show_zoom)
        self.animation = AnimationView(self)
        self._player: MediaPlayer | None = None  # made on the first video or audio shown
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.animation)
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
        self.favourite_button = self._tool(star_icon(self.palette()), "")
        self.favourite_button.setCheckable(True)
        self.tags_button = self._tool(None, with_keys(self.tr("Edit tags"), TAGS_KEYS))
        self.tags_button.setText(self.tr("Tags…"))
        self.tags_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.delete_button = self._tool(style.standardIcon(QStyle.StandardPixmap.SP_TrashIcon), "")
        self._slots: SlotList = no_slots
        self.send_button = self._tool(
            None, self.tr("Put this image into an image slot of Generate"), menu=True
        )
        self.send_button.setText(self.tr("Use as source"))
        self.send_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.send_menu = QMenu(self.send_button)
        self.send_menu.aboutToShow.connect(self._fill_send_menu)
        self.send_button.setMenu(self.send_menu)
        self.compare_button = self._tool(
            None, self.tr("Compare this image with another"), menu=True
        )
        self.compare_button.setText(self.tr("Compare"))
        self.compare_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.compare_menu = QMenu(self.compare_button)
        for text, which in (
            (self.tr("With the previous image"), "previous"),
            (self.tr("With the next image"), "next"),
            (self.tr("With an image I click in the gallery…"), "pick"),
            (self.tr("With its source image"), "source"),
        ):
            self.compare_menu.addAction(text).triggered.connect(
                lambda _checked=False, w=which: self._ask_compare(w)
            )
        self.compare_button.setMenu(self.compare_menu)
        self.drag_handle = DragHandle(self._shown_paths, self._shown_pixmap, self)
        for widget in (self.previous_button, self.next_button):
            bar.addWidget(widget)
        bar.addSpacing(12)
        bar.addWidget(self.fit_button)
        bar.addWidget(self.actual_button)
        bar.addWidget(self.zoom_label)
        bar.addStretch(1)
        bar.addWidget(self.status, 2)
        bar.addStretch(1)
        for widget in (self.favourite_button, self.tags_button, self.delete_button):
            bar.addWidget(widget)
        bar.addSpacing(12)
        bar.addWidget(self.drag_handle)
        for tool in (self.compare_button, self.send_button):
            bar.addWidget(tool)
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
        # Long values wrap (prompts) or elide (paths): the panel only ever scrolls down.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.details_scroll = scroll

        splitter = QSplitter(self)
        splitter.addWidget(self.stack)
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
        self.favourite_button.clicked.connect(lambda: self._ask(self.favourite_requested))
        self.tags_button.clicked.connect(lambda: self._ask(self.tags_requested))
        self.delete_button.clicked.connect(lambda: self._ask(self.delete_requested))
        self._model.job_read.connect(self._job_read)
        self._model.dataChanged.connect(self._rows_changed)
        self._model.rowsRemoved.connect(self._rows_removed)
        for action_keys, signal in (
            (FAVOURITE_KEYS, self.favourite_requested),
            (TAGS_KEYS, self.tags_requested),
            (DELETE_KEYS, self.delete_requested),
        ):
            QShortcut(action_keys, self, lambda s=signal: self._ask(s))
        for keys, slot in (
            (QKeySequence.StandardKey.ZoomIn, lambda: self.view.zoom_by(ZOOM_STEP)),
            (QKeySequence.StandardKey.ZoomOut, lambda: self.view.zoom_by(1 / ZOOM_STEP)),
        ):
            QShortcut(QKeySequence(keys), self, slot)
        QShortcut(QKeySequence("F"), self, self.view.fit)
        QShortcut(QKeySequence("1"), self, self.view.actual_size)

    def set_slot_list(self, slots: SlotList) -> None:
        self._slots = slots

    def _fill_send_menu(self) -> None:
        fill_slot_menu(self.send_menu, self._slots, self._send)

    def _send(self, slot: str) -> None:
        if self._record is not None:
            self.send_requested.emit(self._record, slot)

    def _ask_compare(self, which: str) -> None:
        if self._record is not None:
            self.compare_requested.emit(self._record, which)

    def _shown_paths(self) -> list[Path]:
        return [] if self._record is None else [self._paths.resolve(self._record.path)]

    def _shown_pixmap(self) -> QPixmap | None:
        return self.view.pixmap() if self.showing() == "image" else None

    def _tool(self, icon: object, tip: str, *, menu: bool = False) -> QToolButton:
        # A button opening a menu leaves room for the menu's arrow beside its text.
        button = MenuButton(self) if menu else QToolButton(self)
        if icon is not None:
            button.setIcon(icon)  # type: ignore[arg-type]
        button.setToolTip(tip)
        button.setAutoRaise(True)
        return button

    @property
    def record(self) -> ImageRecord | None:
        return self._record

    @property
    def player(self) -> MediaPlayer | None:
        """The media player, once a video or audio output was shown."""
        return self._player

    def showing(self) -> str:
        """What the viewer shows now: "image", "animation" or "player"."""
        current = self.stack.currentWidget()
        if current is self.animation:
            return "animation"
        if self._player is not None and current is self._player:
            return "player"
        return "image"

    def _media_player(self) -> MediaPlayer:
        if self._player is None:
            self._player = MediaPlayer(self)
            self._player.duration_known.connect(self._show_duration)
            self.stack.addWidget(self._player)
        return self._player

    def stop_playback(self) -> None:
        """Stop a playing video, sound or animation (moving on, closing)."""
        if self._player is not None:
            self._player.shutdown()
        self.animation.stop()

    def current_row(self) -> int | None:
        """The row shown, or the one asked for while its record is read (a key pressed in
        the meantime steps from there, not from the image still shown)."""
        shown = self._asked_id
        if shown is None and self._record is not None:
            shown = self._record.id
        return None if shown is None else self._model.row_of(shown)

    def show_row(self, row: int) -> None:
        """Show the image in `row` (at once when the model holds its record, else once it is
        read off the GUI thread; the newest request wins)."""
        if not 0 <= row < self._model.rowCount():
            return
        self._request += 1
        request = self._request
        self._asked_id = self._model.index(row, 0).data(ImageIdRole)

        def show(records: list[ImageRecord]) -> None:
            if request == self._request:
                self._asked_id = None
                if records:
                    self._show(records[0])

        # Without waiting for the job: its details (the template) fill in when it is read.
        self._model.read_records([row], show)

    def _show(self, record: ImageRecord) -> None:
        self._record = record
        self.stop_playback()
        self._fill_details(record)
        path = self._paths.resolve(record.path)
        if record.kind in PLAYED_KINDS:
            self._loader.request_nothing()
            player = self._media_player()
            waveform = self._paths.resolve(record.thumb_path) if record.thumb_path else None
            player.load(path, kind=record.kind, waveform=waveform)
            self.stack.setCurrentWidget(player)
            self.status.setText("")
        elif record.kind == "animated" and self.animation.play(path):
            self._loader.request_nothing()
            self.stack.setCurrentWidget(self.animation)
            self.status.setText("")
        else:
            self.stack.setCurrentWidget(self.view)
            preview = self._preview(record)
            # The zoom the user chose (100 %, 300 %) stays for the next image, as it does in
            # image viewers; "fit" stays fit.
            self.view.set_pixmap(
                preview if preview is not None else QPixmap(), width=record.width, keep_view=True
            )
            self.view.centre()
            self.status.setText(self.tr("Loading…"))
            self._loader.request(path)
        zoomable = self.stack.currentWidget() is self.view
        for widget in (self.fit_button, self.actual_button, self.zoom_label):
            widget.setVisible(zoomable)
        still = record.kind in ("image", "animated")
        self.send_button.setEnabled(still)
        self.compare_button.setEnabled(still)
        self._update_buttons()
        self._update_actions()
        self.current_changed.emit(record.id)
        row = self._model.row_of(record.id)
        if row is not None:
            # The grid's pages hold no full records: read the neighbours' now (off the GUI
            # thread), so the next step shows at once.
            self._model.read_records([row - 1, row + 1], lambda _records: None)

    def show_next(self) -> None:
        row = self.current_row()
        if row is None:
            return
        if row + 1 >= self._model.rowCount() and self._model.canFetchMore():
            # Past the rows known so far: shown once the next page is in.
            self._model.when_loaded(row + 1, lambda: self.show_row(row + 1))
            return
        self.show_row(row + 1)

    def show_previous(self) -> None:
        row = self.current_row()
        if row is not None and row > 0:
            self.show_row(row - 1)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in NEXT_KEYS:
            self.show_next()
        elif key in PREVIOUS_KEYS:
            self.show_previous()
        else:
            super().keyPressEvent(event)

    def shutdown(self) -> None:
        self.stop_playback()
        self._loader.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self.shutdown()
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

    def _show_duration(self, ms: int) -> None:
        if self._record is not None and self._record.kind in PLAYED_KINDS:
            self.status.setText(self.tr("Length {time}").format(time=format_time(ms)))

    def _show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(f"{zoom * 100:.0f}%")

    def _update_buttons(self) -> None:
        row = self.current_row()
        self.previous_button.setEnabled(row is not None and row > 0)
        self.next_button.setEnabled(
            row is not None and (row + 1 < self._model.rowCount() or self._model.canFetchMore())
        )

    def _ask(self, signal: SignalInstance) -> None:
        if self._record is not None:
            signal.emit(self._record)

    def _update_actions(self) -> None:
        """The buttons say what they would do to the image shown now."""
        record = self._record
        in_trash = record is not None and record.deleted
        favourite = record is not None and record.favourite
        self.favourite_button.setChecked(favourite)
        self.favourite_button.setToolTip(
            with_keys(
                self.tr("Remove from favourites") if favourite else self.tr("Favourite"),
                FAVOURITE_KEYS,
            )
        )
        self.delete_button.setToolTip(
            with_keys(
                self.tr("Restore from the trash") if in_trash else self.tr("Move to trash"),
                DELETE_KEYS,
            )
        )
        for button in (self.favourite_button, self.tags_button):
            button.setEnabled(record is not None and not in_trash)
        self.delete_button.setEnabled(record is not None)

    def _rows_changed(
        self, top: QModelIndex | QPersistentModelIndex, bottom: QModelIndex | QPersistentModelIndex
    ) -> None:
        """A newer version of the image shown (favourite, tags): show it."""
        row = self.current_row()
        if row is None or not top.row() <= row <= bottom.row():
            return
        try:
            record = self._model.record(row)
        except IndexError:
            return
        if record != self._record:
            self._record = record
            self._fill_details(record)
            self._update_actions()

    def _rows_removed(
        self, _parent: QModelIndex | QPersistentModelIndex, first: int, _last: int
    ) -> None:
        """The image shown left the gallery (trashed, restored): show the one now in its place."""
        if self._record is None or self._model.row_of(self._record.id) is not None:
            return
        if not self.isVisible():
            return
        rows = self._model.rowCount()
        if rows == 0:
            self.close()
        else:
            self.show_row(min(first, rows - 1))

    def details_text(self) -> str:
        """The parameters panel as text, one "name: value" a line (what it shows now)."""
        lines: list[str] = []
        for row in range(self.form.rowCount()):
            name = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            value = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if name is None or value is None:
                continue
            heading, field = name.widget(), value.widget()
            text = (
                field.full_text
                if isinstance(field, ElidedPath)
                else field.toPlainText()
                if isinstance(field, WrappedText)
                else ""
            )
            lines.append(f"{heading.text() if isinstance(heading, QLabel) else ''}: {text}")
        return "\n".join(lines)

    def _job_read(self, job_id: str) -> None:
        if self._record is not None and self._record.job_id == job_id:
            self._fill_details(self._record)

    def _remix(self) -> None:
        if self._record is not None:
            self.remix_requested.emit(self._record.job_id)

    def _title(self, record: ImageRecord) -> str:
        """The prompt, on one line and elided; the file name for a job without one."""
        prompt = " ".join(self._model.prompt_of(record).split())
        if not prompt:
            return Path(record.path).name
        return prompt if len(prompt) <= TITLE_CHARS else prompt[: TITLE_CHARS - 1] + "…"

    def _kind_name(self, kind: str) -> str:
        return {
            "animated": self.tr("Animated image"),
            "video": self.tr("Video"),
            "audio": self.tr("Audio"),
        }.get(kind, "")

    def _fill_details(self, record: ImageRecord) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        params = self._model.params(record)
        job = self._model.job(record.job_id)
        rows: list[tuple[str, str]] = []
        # A sweep's grid is recorded beside one cell's output, with that cell's parameters: a
        # swept field's single value would mislead, so each axis shows all its values instead.
        axes = grid_axes_of(record)
        swept = {axis.field for _, axis in axes}
        if params is not None:
            used = self._default_model_used(job) if job is not None else None
            default_model = show_text(default_model_words(used))
            fields: list[tuple[frozenset[str], str, str]] = [
                (frozenset({"prompt"}), self.tr("Prompt"), params.prompt),
                (frozenset({"negative"}), self.tr("Negative"), params.negative),
                (frozenset({"model"}), self.tr("Model"), params.model or default_model),
                (
                    frozenset({"sampler", "scheduler"}),
                    self.tr("Sampler"),
                    f"{params.sampler} / {params.scheduler}",
                ),
                (frozenset({"steps"}), self.tr("Steps"), str(params.steps)),
                (frozenset({"cfg"}), self.tr("CFG"), f"{params.cfg:g}"),
                (frozenset({"seed"}), self.tr("Seed"), str(params.seed)),
                (
                    frozenset({"denoise"}),
                    self.tr("Denoise"),
                    f"{params.denoise:g}" if params.denoise != 1.0 else "",
                ),
            ]
            rows += [(name, value) for keys, name, value in fields if not keys & swept]
            # A swept LoRA strength shows as its axis below, not as this one cell's stack.
            lora_swept = any(field.startswith(LORA_PREFIX) for field in swept)
            rows += [
                (row.name, row.text)
                for row in graph_option_rows(params)
                if not (row.key == "loras" and lora_swept)
            ]
        rows += [
            (
                self.tr("{field} ({axis})").format(field=field_label(axis.field), axis=name),
                ", ".join(axis.label(i) for i in range(len(axis.values))),
            )
            for name, axis in axes
        ]
        if job is not None:
            rows.append((self.tr("Template"), self._template_name(job.template)))
            rows.append((self.tr("Server"), job.server or ""))
        media = record.metadata.get("media")
        seconds = media.get("duration_s") if isinstance(media, Mapping) else None
        rows += [
            (self.tr("Kind"), self._kind_name(record.kind)),
            (
                self.tr("Length"),
                format_time(round(seconds * 1000)) if isinstance(seconds, int | float) else "",
            ),
            (self.tr("Size"), f"{record.width} × {record.height}" if record.width else ""),
            (self.tr("Created"), record.created_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")),
            (self.tr("Tags"), ", ".join(record.tags)),
            (self.tr("File"), str(self._paths.resolve(record.path))),
        ]
        file_heading = self.tr("File")
        for name, value in rows:
            if not value:
                continue
            label: QWidget = (
                ElidedPath(value, self.details)
                if name == file_heading
                else WrappedText(value, self.details)
            )
            heading = QLabel(name, self.details)
            heading.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            self.form.addRow(heading, label)
        self.setWindowTitle(self.tr("Viewer — {name}").format(name=self._title(record)))
