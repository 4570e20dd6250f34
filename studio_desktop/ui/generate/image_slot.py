"""One reference-image slot of a template: drop a file, paste, or browse; thumbnail and clear.

An accepted image is copied into the library's inputs/ folder (off the GUI thread) and the slot's
value is that copy's path relative to the data folder, which is what `InputImage` stores.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, QMimeDatabase, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QGuiApplication,
    QImage,
    QImageIOHandler,
    QImageReader,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.core.library.files import OutputLibrary
from studio_desktop.core.workflows import ImageSlot
from studio_desktop.ui.generate.fields import FieldMessage, WrapLabel, error_colour
from studio_desktop.ui.generate.mask_editor import MaskEditorDialog, masked_preview
from studio_desktop.workers.tasks import Tasks

_IMAGE_KEY = "image"  # one request per slot at a time: the newest pick, copy or decode wins
THUMB_BOX = 160  # logical pixels; the decoded thumbnail fits this box at the screen's ratio
IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.webp *.gif)"


def decode_thumbnail(path: Path, box: int) -> QImage:
    """Decode an image scaled to fit a `box`-pixel square (worker threads only)."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and (size.width() > box or size.height() > box):
        reader.setScaledSize(size.scaled(box, box, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        raise ValueError(f"{path.name} could not be read as an image ({reader.errorString()}).")
    if image.hasAlphaChannel():  # a mask (or a cut-out's background): tinted, as edited
        return masked_preview(path, box)
    return image


def decode_with_size(path: Path, box: int) -> tuple[QImage, QSize]:
    """The thumbnail and the image's own size in pixels, as shown (EXIF rotation applied),
    read from its header (worker threads only)."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90:
        size = size.transposed()
    return decode_thumbnail(path, box), size


def looks_like_image(path: Path) -> bool:
    """By name only (no disk access): the library checks the bytes when it copies the file."""
    mime = QMimeDatabase().mimeTypeForFile(str(path), QMimeDatabase.MatchMode.MatchExtension)
    return mime.name().startswith("image/")


class _DropArea(QWidget):
    """The framed box that shows the thumbnail, or how to add an image."""

    clicked = Signal()

    def __init__(self, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hint = hint
        self.pixmap: QPixmap | None = None
        self.hovering = False
        self.setMinimumSize(THUMB_BOX, THUMB_BOX * 3 // 4)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(THUMB_BOX * 3 // 4 + 12)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit()
        super().mousePressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        owner = self.parentWidget()
        active = self.hovering or (owner is not None and owner.hasFocus())
        pen = QPen(
            palette.color(QPalette.ColorRole.Highlight if active else QPalette.ColorRole.Mid)
        )
        pen.setWidthF(2.0 if active else 1.0)
        pen.setStyle(Qt.PenStyle.SolidLine if self.pixmap or active else Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(rect, 6, 6)
        if self.pixmap is not None and not self.pixmap.isNull():
            inner = rect.adjusted(6, 6, -6, -6).toRect()
            ratio = self.pixmap.devicePixelRatio()
            logical = QSize(round(self.pixmap.width() / ratio), round(self.pixmap.height() / ratio))
            target = logical.scaled(inner.size(), Qt.AspectRatioMode.KeepAspectRatio)
            if target.width() > logical.width() or target.height() > logical.height():
                target = logical  # never blow a thumbnail up
            x = inner.x() + (inner.width() - target.width()) // 2
            y = inner.y() + (inner.height() - target.height()) // 2
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawPixmap(x, y, target.width(), target.height(), self.pixmap)
        else:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                rect.adjusted(12, 6, -12, -6),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.hint,
            )
        painter.end()


class ImageSlotWidget(QWidget):
    """Holds the image for one `ImageSlot`. `changed` fires when the value or `busy` changes."""

    changed = Signal()
    use_size_requested = Signal(int, int)  # width, height of the image in the slot

    def __init__(
        self,
        slot: ImageSlot,
        library: OutputLibrary,
        tasks: Tasks,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.slot = slot
        self._library = library
        self._tasks = tasks
        self._value: str | None = None
        self._busy = False
        self._message = ""
        self._size: QSize | None = None  # the image's own size in pixels, once read
        self._size_wanted = False  # whether the template has a size this image could set
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setToolTip(self.tr("Drop an image file here, paste one with Ctrl+V, or browse"))

        title = (
            slot.label if slot.required else self.tr("{label} (optional)").format(label=slot.label)
        )
        self.title = QLabel(title)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.area = _DropArea(self.tr("Drop an image here, paste it (Ctrl+V) or browse"))
        self.area.clicked.connect(lambda: self.setFocus(Qt.FocusReason.MouseFocusReason))
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.clicked.connect(self.browse)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.clicked.connect(self.clear)
        self.mask_button = QPushButton(self.tr("Edit mask…"))
        self.mask_button.setToolTip(
            self.tr(
                "Paint what to repaint: the mask travels as the image's transparency, "
                "which inpainting templates read"
            )
        )
        self.mask_button.clicked.connect(self.edit_mask)
        self.mask_editor: MaskEditorDialog | None = None
        self.size_label = QLabel()
        self.size_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.size_label.setToolTip(self.tr("The size of this image in pixels"))
        self.size_button = QPushButton(self.tr("Use source size"))
        self.size_button.setToolTip(
            self.tr("Set the job's width and height to this image's (to a multiple of 8)")
        )
        self.size_button.clicked.connect(self._use_size)
        self.message_label = WrapLabel()
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.hide()
        self.validation_label = FieldMessage()

        buttons = QVBoxLayout()
        buttons.setSpacing(6)
        buttons.addWidget(self.browse_button)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.mask_button)
        buttons.addStretch(1)
        buttons.addWidget(self.size_label)
        buttons.addWidget(self.size_button)
        body = QHBoxLayout()
        body.setSpacing(6)
        body.addWidget(self.area, 1)
        body.addLayout(buttons)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        column.addWidget(self.title)
        column.addLayout(body)
        column.addWidget(self.message_label)
        column.addWidget(self.validation_label)
        self._update_buttons()

    # --- state ---

    def value(self) -> str | None:
        """The image's path relative to the data folder, or None."""
        return self._value

    @property
    def busy(self) -> bool:
        """True while an image is being copied into the library."""
        return self._busy

    def message(self) -> str:
        return self._message

    def source_size(self) -> QSize | None:
        """The image's own size in pixels (None while empty or not read yet)."""
        return self._size

    def set_size_wanted(self, wanted: bool) -> None:
        """Offer "Use source size" only when the template has a width and height to set."""
        self._size_wanted = wanted
        self._update_size()

    def validation_message(self) -> str:
        """What the server would refuse about this slot's input ("" when nothing)."""
        return self.validation_label.text()

    def set_validation_message(self, text: str) -> None:
        self.validation_label.show_message(text)
        self.validation_label.setVisible(bool(text))

    def set_value(self, rel_path: str | None) -> None:
        """Show an image already in the library (restored form, remix)."""
        self._tasks.drop(self, _IMAGE_KEY)  # a copy or decode under way is for the old value
        self._busy = False
        self._value = rel_path or None
        self._size = None
        self.area.pixmap = None
        self._set_message("")
        self._update_buttons()
        self.area.update()
        self.changed.emit()
        if self._value is None:
            return
        box = self._box()
        source = self._library.paths.resolve(self._value)

        def failed(exc: Exception) -> None:
            self._value = None
            self._update_buttons()
            self.changed.emit()
            self._set_message(
                self.tr("The image {path} is no longer in the library; add it again.").format(
                    path=rel_path
                )
            )

        # Bound to this widget: a template switch deletes it, and a decode that ends after that
        # must not reach it (the "ImageSlotWidget already deleted" crash).
        self._tasks.run(
            "decode",
            lambda: decode_with_size(source, box),
            self._show_with_size,
            owner=self,
            key=_IMAGE_KEY,
            failed=failed,
        )

    def clear(self) -> None:
        self.set_value(None)

    def edit_mask(self) -> MaskEditorDialog | None:
        """Open the mask editor on the slot's image (non-modal); the saved picture, with the
        mask in its alpha, becomes the slot's value. Returns the dialog (None when empty)."""
        if self._value is None or self._busy:
            return None
        if self.mask_editor is not None:
            self.mask_editor.raise_()
            self.mask_editor.activateWindow()
            return self.mask_editor
        dialog = MaskEditorDialog(
            self._library.paths.resolve(self._value),
            self._library,
            self._tasks,
            title=self.slot.label,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.set_value)
        dialog.finished.connect(self._mask_editor_closed)
        self.mask_editor = dialog
        dialog.show()
        return dialog

    def _mask_editor_closed(self) -> None:
        self.mask_editor = None

    # --- adding images ---

    def add_file(self, path: Path, *, edit_mask: bool = False) -> None:
        """Copy a file into the library and use it; a non-image leaves the slot as it was.
        `edit_mask`: open the mask editor on it once it is copied ("Edit mask" elsewhere)."""
        if path.is_dir():  # a stat, like the file dialog's own
            self._set_message(
                self.tr("That is a folder, not an image: {name}").format(name=path.name)
            )
            return
        if not looks_like_image(path):
            self._set_message(self.tr("That file is not an image: {name}").format(name=path.name))
            return
        self._copy(lambda: path, path.name, edit_mask=edit_mask)

    def add_image(self, image: QImage) -> None:
        """Use an image from the clipboard (saved as a PNG, then copied like a file)."""
        if image.isNull():
            return
        temp = self._library.paths.temp / f"paste-{uuid.uuid4().hex}.png"

        def save() -> Path:
            if not image.save(str(temp)):
                raise OSError(f"could not write {temp}")
            return temp

        self._copy(save, self.tr("the pasted image"), remove_source=True)

    def add_mime(self, mime: QMimeData) -> bool:
        """Files or an image from a drop or the clipboard; False if it held neither."""
        urls = [url for url in mime.urls() if url.isValid()]
        if urls:
            url = urls[0]
            if not url.isLocalFile():
                self._set_message(
                    self.tr("Only files on this computer can be used: {url}").format(
                        url=url.toDisplayString()
                    )
                )
                return True
            self.add_file(Path(url.toLocalFile()))
            return True
        if mime.hasImage():
            data = mime.imageData()
            if isinstance(data, QImage):
                self.add_image(data)
                return True
            if isinstance(data, QPixmap):
                self.add_image(data.toImage())
                return True
        return False

    def paste(self) -> bool:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or not self.add_mime(mime):
            self._set_message(self.tr("The clipboard holds no image or image file."))
            return False
        return True

    def browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose an image for {label}").format(label=self.slot.label),
            "",
            self.tr("Images (*.png *.jpg *.jpeg *.webp *.gif)"),
        )
        if name:
            self.add_file(Path(name))

    def _copy(
        self,
        source: Callable[[], Path],
        name: str,
        *,
        remove_source: bool = False,
        edit_mask: bool = False,
    ) -> None:
        box = self._box()
        library = self._library

        def work() -> tuple[str, tuple[QImage, QSize]]:
            path = source()
            try:
                copied = library.copy_input(path)
            finally:
                if remove_source:
                    path.unlink(missing_ok=True)
            return library.paths.relative(copied), decode_with_size(copied, box)

        def done(result: tuple[str, tuple[QImage, QSize]]) -> None:
            self._busy = False
            self._value = result[0]
            self._set_message("")
            self._show_with_size(result[1])
            self._update_buttons()
            self.changed.emit()
            if edit_mask:
                self.edit_mask()

        def failed(exc: Exception) -> None:
            self._busy = False
            self._update_buttons()
            self.changed.emit()
            if isinstance(exc, OSError):
                text = self.tr("Could not read {name}: {reason}").format(
                    name=name, reason=exc.strerror or str(exc)
                )
            else:
                text = str(exc)
            self._set_message(text)

        self._busy = True
        self._set_message(self.tr("Copying {name}…").format(name=name), error=False)
        self._update_buttons()
        self.changed.emit()
        # A copy is file work, not decoding: its own pool, the same key (the newest pick wins).
        self._tasks.run("read", work, done, owner=self, key=_IMAGE_KEY, failed=failed)

    # --- display ---

    def _box(self) -> int:
        return round(THUMB_BOX * self.devicePixelRatioF())

    def _show_with_size(self, decoded: tuple[QImage, QSize]) -> None:
        image, size = decoded
        self._size = size if size.isValid() else None
        self._show(image)
        self._update_size()

    def _update_size(self) -> None:
        size = self._size if self._value is not None else None
        self.size_label.setText(f"{size.width()} × {size.height()}" if size else "")
        self.size_label.setVisible(size is not None)
        self.size_button.setVisible(size is not None and self._size_wanted)

    def _use_size(self) -> None:
        if self._size is not None:
            self.use_size_requested.emit(self._size.width(), self._size.height())

    def _show(self, image: QImage) -> None:
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self.area.pixmap = pixmap
        self.area.setToolTip(self._value or "")
        self.area.update()

    def _set_message(self, text: str, *, error: bool = True) -> None:
        self._message = text
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))
        role = QPalette.ColorRole.WindowText
        palette = self.message_label.palette()
        palette.setColor(
            role, error_colour(self.palette()) if error else self.palette().color(role)
        )
        self.message_label.setPalette(palette)

    def _update_buttons(self) -> None:
        self.clear_button.setEnabled(self._value is not None and not self._busy)
        self.mask_button.setEnabled(self._value is not None and not self._busy)
        self._update_size()

    # --- events ---

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            event.accept()
            return
        deleting = event.matches(QKeySequence.StandardKey.Delete) or (
            event.key() == Qt.Key.Key_Backspace
        )
        if deleting and self._value is not None:
            self.clear()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.area.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.area.update()
        super().focusOutEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasUrls() or mime.hasImage():
            event.acceptProposedAction()
            self._hover(True)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        event.acceptProposedAction()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._hover(False)

    def dropEvent(self, event: QDropEvent) -> None:
        self._hover(False)
        if self.add_mime(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def _hover(self, on: bool) -> None:
        self.area.hovering = on
        self.area.update()
