"""The results of the batch the progress panel follows, as a strip of thumbnails under it.

A batch is what one press of Queue made: `batch count` jobs, each giving one image per latent
(`batch_size`). The strip collects the outputs of those jobs as they finish, in the order they
finish, so the user sees every image of the batch, not only the last one. A job that came from
elsewhere (the CLI, a retry from the queue panel or History) starts a batch of its own.

Each thumbnail has: favourite (written through `Operations`, like the gallery's), open (the
system's viewer, like the gallery's "Open file": the gallery's own viewer walks the gallery's
filtered list, where a fresh image may not be), and send to an image slot of the current
template (a menu of its slots; the tab copies the file into the slot). Clicking a thumbnail shows
it large in the panel. Thumbnails decode on the Tasks "thumbnails" pool.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QMouseEvent, QPalette, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.core.jobs import ImageRecord
from studio_desktop.core.paths import DataPaths
from studio_desktop.ui.thumbnails import decode_thumbnail
from studio_desktop.workers.operations import Operations, when_done
from studio_desktop.workers.tasks import Tasks

THUMB = 84  # logical pixels of a thumbnail's long edge
STAR_ON, STAR_OFF = "★", "☆"
MASK_GLYPH = "✎"  # the mask editor's button: a pencil

SlotList = Callable[[], Sequence[tuple[str, str]]]  # (slot name, label) of the current template


def _tool(icon: QStyle.StandardPixmap | None, text: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setAutoRaise(True)
    button.setToolTip(tip)
    if icon is not None:
        button.setIcon(button.style().standardIcon(icon))
    else:
        button.setText(text)
    return button


class ResultThumb(QFrame):
    """One output: its thumbnail, favourite, open, send to an image slot."""

    chosen = Signal(object)  # ImageRecord: show it large
    favourite_toggled = Signal(object)  # ImageRecord as it was before the click
    open_requested = Signal(object)  # ImageRecord
    send_requested = Signal(object, str)  # ImageRecord, slot name
    mask_requested = Signal(object)  # ImageRecord: inpaint it (its mask in the editor)

    def __init__(self, record: ImageRecord, slots: SlotList, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record = record
        self._slots = slots
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.image = QLabel()
        self.image.setFixedSize(THUMB, THUMB)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setToolTip(self.tr("Show it large"))
        self.image.setCursor(Qt.CursorShape.PointingHandCursor)
        self.favourite_button = _tool(None, STAR_OFF, "")
        self.favourite_button.setCheckable(True)
        self.favourite_button.clicked.connect(lambda: self.favourite_toggled.emit(self.record))
        self.open_button = _tool(
            QStyle.StandardPixmap.SP_DirOpenIcon,
            "",
            self.tr("Open in the system's image viewer"),
        )
        self.open_button.clicked.connect(lambda: self.open_requested.emit(self.record))
        self.send_button = _tool(
            QStyle.StandardPixmap.SP_ArrowBack, "", self.tr("Use as an input image of the form")
        )
        self.send_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.send_menu = QMenu(self.send_button)
        self.send_menu.aboutToShow.connect(self._fill_menu)
        self.send_button.setMenu(self.send_menu)
        self.mask_button = _tool(
            None, MASK_GLYPH, self.tr("Edit mask…: repaint part of this image (Inpaint)")
        )
        self.mask_button.clicked.connect(lambda: self.mask_requested.emit(self.record))

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(0)
        for button in (
            self.favourite_button,
            self.open_button,
            self.send_button,
            self.mask_button,
        ):
            buttons.addWidget(button)
        column = QVBoxLayout(self)
        column.setContentsMargins(3, 3, 3, 3)
        column.setSpacing(2)
        column.addWidget(self.image)
        column.addLayout(buttons)
        self.set_record(record)

    def set_record(self, record: ImageRecord) -> None:
        self.record = record
        self.favourite_button.setChecked(record.favourite)
        self.favourite_button.setText(STAR_ON if record.favourite else STAR_OFF)
        self.favourite_button.setToolTip(
            self.tr("Remove from favourites") if record.favourite else self.tr("Add to favourites")
        )

    def set_image(self, image: QImage) -> None:
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self.image.setPixmap(pixmap)

    def update_slots(self) -> None:
        """The send button works only for a picture and while the current template has image
        slots (a video's or a sound's thumbnail is not an input image)."""
        picture = self.record.kind in ("image", "animated")
        has = bool(self._slots())
        self.send_button.setEnabled(picture and has)
        self.mask_button.setEnabled(picture)
        if not picture:
            tip = self.tr("Only an image can go into an image slot")
        elif has:
            tip = self.tr("Use as an input image of the form")
        else:
            tip = self.tr("The current template has no image slot")
        self.send_button.setToolTip(tip)

    def _fill_menu(self) -> None:
        self.send_menu.clear()
        for name, label in self._slots():
            action = self.send_menu.addAction(self.tr("Send to {slot}").format(slot=label))
            action.triggered.connect(
                lambda _checked=False, slot=name: self.send_requested.emit(self.record, slot)
            )

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() is Qt.MouseButton.LeftButton and self.image.geometry().contains(
            event.position().toPoint()
        ):
            self.chosen.emit(self.record)
        super().mouseReleaseEvent(event)


class ResultStrip(QWidget):
    """The thumbnails of the batch being followed (hidden until it has an image)."""

    chosen = Signal(object)  # ImageRecord: the panel shows it large
    send_requested = Signal(object, str)  # Path of the file, slot name
    mask_requested = Signal(object)  # Path of the file: edit a mask on it
    status_message = Signal(str, int)

    def __init__(
        self,
        paths: DataPaths,
        tasks: Tasks,
        operations: Callable[[], Operations],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._paths = paths
        self._tasks = tasks
        self._operations = operations
        self._batch: frozenset[str] = frozenset()  # the job ids queued together
        self._slots: SlotList = tuple
        self.thumbs: list[ResultThumb] = []

        self.title = QLabel()
        self.title.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._row = QHBoxLayout()
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(6)
        self._row.addStretch(1)
        inner = QWidget()
        inner.setLayout(self._row)
        self.scroller = QScrollArea()
        self.scroller.setWidget(inner)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.title)
        column.addWidget(self.scroller)
        self.hide()

    # --- what the panel and the tab tell it ---

    def set_slot_list(self, slots: SlotList) -> None:
        """Where the image slots of the current template come from (the form's)."""
        self._slots = slots
        self.slots_changed()

    def slots_changed(self) -> None:
        for thumb in self.thumbs:
            thumb.update_slots()

    def start_batch(self, job_ids: Sequence[str]) -> None:
        """The jobs one press of Queue made: their outputs gather here as they finish."""
        self._batch = frozenset(job_ids)
        self._clear()

    def offer(self, job_id: str, records: Sequence[ImageRecord], *, followed: bool) -> None:
        """The outputs of a finished job: kept when it belongs to the batch; the job the panel
        follows (`followed`) from outside the batch starts a batch of its own."""
        if job_id not in self._batch:
            if not followed:
                return
            self._batch = frozenset({job_id})
            self._clear()
        for record in records:
            self._add_thumb(record)
        self._update_title()

    # --- thumbnails ---

    def _clear(self) -> None:
        for thumb in self.thumbs:
            thumb.deleteLater()
        self.thumbs = []
        self._update_title()

    def _add_thumb(self, record: ImageRecord) -> None:
        thumb = ResultThumb(record, self._slots)
        thumb.update_slots()
        thumb.chosen.connect(self.chosen)
        thumb.favourite_toggled.connect(self._toggle_favourite)
        thumb.open_requested.connect(self._open)
        thumb.send_requested.connect(
            lambda r, slot: self.send_requested.emit(self._paths.resolve(r.path), slot)
        )
        thumb.mask_requested.connect(
            lambda r: self.mask_requested.emit(self._paths.resolve(r.path))
        )
        self._row.insertWidget(self._row.count() - 1, thumb)
        self.thumbs.append(thumb)
        source = self._paths.resolve(record.thumb_path or record.path)
        side = round(THUMB * self.devicePixelRatioF())

        def done(image: QImage) -> None:
            if not image.isNull():
                thumb.set_image(image)

        self._tasks.run("thumbnails", lambda: decode_thumbnail(source, side), done, owner=thumb)
        self.scroller.setFixedHeight(thumb.sizeHint().height() + 4)

    def _update_title(self) -> None:
        count = len(self.thumbs)
        self.title.setText(self.tr("This batch: %n image(s)", "", count))
        self.setVisible(count > 0)

    # --- actions ---

    def _toggle_favourite(self, before: ImageRecord) -> None:
        after = replace(before, favourite=not before.favourite)
        thumb = next((t for t in self.thumbs if t.record.id == before.id), None)
        if thumb is not None:
            thumb.set_record(after)

        def undo(_exc: Exception) -> None:
            if thumb is not None and thumb.record.id == before.id:
                thumb.set_record(before)  # as it was: the operation was refused

        when_done(
            self._tasks,
            self._operations().set_favourite([before.id], after.favourite),
            owner=self,
            failed=undo,
        )
        added, removed = self.tr("Added to favourites"), self.tr("Removed from favourites")
        self.status_message.emit(added if after.favourite else removed, 4000)

    def _open(self, record: ImageRecord) -> None:
        path = self._paths.resolve(record.path)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.status_message.emit(
                self.tr("No application could open {path}").format(path=path), 8000
            )
