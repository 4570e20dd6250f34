"""What to do about a missing model file or custom node pack, under the problems above Queue.

For a model file the template declares: on the ComfyUI this app runs (its `models/` folder is
on this computer) a Download button with a progress bar (bytes, percent, speed), Cancel, and a
retry that resumes (`core.managed.downloads`); the server's lists are read again when it is
there. For any other server the URL and the folder it goes in (`models/<folder>`), each with
a Copy button. For a custom node pack: its repository and the commands that install it
(ComfyUI-Manager's cm-cli, comfy-cli), each with a Copy button.

Downloads run in the window's `Tasks` ("downloads" pool) and report through its reporter,
so the GUI thread only moves the bar.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.core.managed.downloads import (
    DownloadCancelled,
    Progress,
    download,
)
from studio_desktop.core.workflows.needs import MissingPack, install_commands
from studio_desktop.core.workflows.template import ModelFile
from studio_desktop.ui.generate.problem_list import RichWrapLabel, linked
from studio_desktop.ui.texts import exception_text
from studio_desktop.workers.tasks import Reporter, Task, Tasks

POOL: Final = "downloads"
BAR_STEPS: Final = 1000
MAX_HEIGHT: Final = 200  # logical pixels; the rows scroll past that


def file_size(count: float) -> str:
    """Bytes as people read them (1000-based, as download pages show sizes)."""
    for unit in ("B", "kB", "MB", "GB"):
        if abs(count) < 1000 or unit == "GB":
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1000
    return f"{count:.1f} GB"  # pragma: no cover - the loop returns


def model_key(model: ModelFile) -> str:
    return f"{model.folder}/{model.name}"


@dataclass
class _Download:
    """One download the panel started (it outlives the row showing it: a template switch
    does not stop it)."""

    model: ModelFile
    task: Task | None = None
    stop: threading.Event = field(default_factory=threading.Event)
    progress: Progress | None = None
    error: str = ""
    done: bool = False

    @property
    def running(self) -> bool:
        return self.task is not None


class CopyField(QWidget):
    """A read-only line of text (an address, a folder, a command) with a Copy button."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(text)
        self.edit.setReadOnly(True)
        self.edit.setCursorPosition(0)
        self.edit.setToolTip(text)
        self.button = QPushButton(self.tr("Copy"))
        self.button.setToolTip(self.tr("Copy to the clipboard"))
        self.button.clicked.connect(self.copy)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)

    def text(self) -> str:
        return self.edit.text()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.edit.text())


class ModelRow(QFrame):
    """One missing model file: download it here, or where to get it and where to put it."""

    download_requested = Signal(str)
    cancel_requested = Signal(str)

    def __init__(
        self, model: ModelFile, models_root: Path | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.key = model_key(model)
        self.setObjectName("model_row")
        folder = f"models/{model.folder}"
        self.title = RichWrapLabel()
        self.title.setText(
            self.tr("Missing model <b>{name}</b>, for ComfyUI's {folder} folder").format(
                name=html.escape(model.name), folder=html.escape(folder)
            )
        )
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 2, 0, 2)
        column.setSpacing(3)
        column.addWidget(self.title)
        self.url_field: CopyField | None = None
        self.folder_field: CopyField | None = None
        self.download_button: QPushButton | None = None
        self.cancel_button: QPushButton | None = None
        self.bar: QProgressBar | None = None
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setVisible(False)
        self.local = models_root is not None and bool(model.url)
        if self.local:
            assert models_root is not None
            target = models_root / model.folder
            where = QLabel(self.tr("Into {folder}").format(folder=str(target)))
            where.setWordWrap(True)
            where.setToolTip(str(target / model.name))
            self.download_button = QPushButton(self.tr("Download"))
            self.download_button.setToolTip(model.url)
            self.download_button.clicked.connect(lambda: self.download_requested.emit(self.key))
            self.cancel_button = QPushButton(self.tr("Cancel"))
            self.cancel_button.clicked.connect(lambda: self.cancel_requested.emit(self.key))
            self.bar = QProgressBar()
            self.bar.setRange(0, BAR_STEPS)
            self.bar.setTextVisible(True)
            buttons = QHBoxLayout()
            buttons.setSpacing(4)
            buttons.addWidget(self.bar, 1)
            buttons.addWidget(self.download_button)
            buttons.addWidget(self.cancel_button)
            buttons.addStretch(0)  # takes the room only while the bar is hidden
            column.addWidget(where)
            column.addLayout(buttons)
        else:
            if model.url:
                column.addWidget(QLabel(self.tr("Download it from:")))
                self.url_field = CopyField(model.url)
                column.addWidget(self.url_field)
                put = self.tr("and put it in this folder of the ComfyUI install:")
            else:  # the template names the file but not where to get it
                put = self.tr("Put it in this folder of the ComfyUI install:")
            column.addWidget(QLabel(put))
            self.folder_field = CopyField(folder)
            column.addWidget(self.folder_field)
        column.addWidget(self.status)
        self.show_state(None)

    def show_state(self, state: _Download | None) -> None:
        """Buttons, bar and status for the download of this file (None: not started)."""
        if not self.local:
            return
        assert self.bar is not None and self.download_button is not None
        assert self.cancel_button is not None
        running = state is not None and state.running
        self.download_button.setVisible(not running and not (state is not None and state.done))
        # A retry resumes from the `.part` when the server allows it (the downloader decides).
        retry = state is not None and bool(state.error)
        self.download_button.setText(self.tr("Retry") if retry else self.tr("Download"))
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running and state is not None and not state.stop.is_set())
        self.bar.setVisible(state is not None and state.progress is not None)
        if state is not None and state.progress is not None:
            self._show_progress(state.progress)
        text = ""
        if state is not None and state.error:
            text = state.error
        elif state is not None and state.done:
            text = self.tr("Downloaded; reading the server's lists again.")
        elif state is not None and state.stop.is_set() and running:
            text = self.tr("Cancelling…")
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _show_progress(self, progress: Progress) -> None:
        assert self.bar is not None
        fraction = progress.fraction
        speed = self.tr("{size}/s").format(size=file_size(progress.bytes_per_s))
        if fraction is None:
            self.bar.setRange(0, 0)  # busy: the server gave no length
            self.bar.setFormat(
                self.tr("{done} · {speed}").format(done=file_size(progress.done), speed=speed)
            )
            return
        self.bar.setRange(0, BAR_STEPS)
        self.bar.setValue(round(fraction * BAR_STEPS))
        self.bar.setFormat(
            self.tr("{done} of {total} ({percent}%) · {speed}").format(
                done=file_size(progress.done),
                total=file_size(progress.total or 0),
                percent=int(fraction * 100),
                speed=speed,
            )
        )


class PackRow(QFrame):
    """One missing custom node pack: its repository and the commands that install it."""

    def __init__(self, missing: MissingPack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pack_row")
        pack = missing.pack
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 2, 0, 2)
        column.setSpacing(3)
        self.title = RichWrapLabel()
        text = self.tr("Missing custom node pack <b>{pack}</b> (nodes: {nodes})").format(
            pack=html.escape(pack.name), nodes=html.escape(", ".join(missing.classes))
        )
        if pack.url:
            text += " — " + linked(pack.url)
        self.title.setText(text)
        self.title.linkActivated.connect(_open)
        column.addWidget(self.title)
        self.commands = [CopyField(command) for command in install_commands(pack)]
        if self.commands:
            how = QLabel(
                self.tr(
                    "Install it with one of these, in ComfyUI's folder with its Python, then "
                    "restart ComfyUI:"
                )
            )
            how.setWordWrap(True)
            column.addWidget(how)
            for command in self.commands:
                column.addWidget(command)
        elif pack.hint:
            hint = QLabel(pack.hint)  # the template's own words
            hint.setWordWrap(True)
            column.addWidget(hint)


def _open(link: str) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    QDesktopServices.openUrl(QUrl(link))


class NeedsPanel(QWidget):
    """The rows for the current template's missing models and packs. `downloaded` fires when
    a file arrived (the tab reads the server's lists again)."""

    downloaded = Signal(str)  # the model key

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("needs_panel")
        self._tasks = tasks
        self._models_root: Path | None = None
        self._models: list[ModelFile] = []
        self._packs: list[MissingPack] = []
        self._downloads: dict[str, _Download] = {}
        self.model_rows: list[ModelRow] = []
        self.pack_rows: list[PackRow] = []
        inner = QWidget()
        self._column = QVBoxLayout(inner)
        self._column.setContentsMargins(0, 0, 4, 0)
        self._column.setSpacing(6)
        self._column.addStretch(1)  # rows stay together at the top
        self._inner = inner
        # Bounded, like the problem list: three missing files must not push Queue away.
        self.scroller = QScrollArea()
        self.scroller.setWidget(inner)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QVBoxLayout(self)
        # In line with the problems' text, right of their warning icon.
        indent = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + 6
        outer.setContentsMargins(indent, 0, 0, 0)
        outer.addWidget(self.scroller)
        self.setVisible(False)

    # --- what to show ---

    @property
    def models_root(self) -> Path | None:
        return self._models_root

    def set_models_root(self, root: Path | None) -> None:
        """The `models/` folder of the ComfyUI this app runs, when the connected server is it
        (downloads are offered); None for any other server (where to put it is shown)."""
        if root != self._models_root:
            self._models_root = root
            self._rebuild()

    def set_needs(self, models: Sequence[ModelFile], packs: Sequence[MissingPack]) -> None:
        if list(models) == self._models and list(packs) == self._packs:
            return
        self._models, self._packs = list(models), list(packs)
        wanted = {model_key(m) for m in self._models}
        for key in [k for k, d in self._downloads.items() if k not in wanted and not d.running]:
            del self._downloads[key]  # arrived (or given up): a new need starts afresh
        self._rebuild()

    def row(self, model: ModelFile) -> ModelRow | None:
        return next((r for r in self.model_rows if r.key == model_key(model)), None)

    def _rebuild(self) -> None:
        for widget in [*self.model_rows, *self.pack_rows]:
            self._column.removeWidget(widget)
            widget.deleteLater()
        self.model_rows, self.pack_rows = [], []
        # A missing pack first: its models are of no use without it.
        for missing in self._packs:
            pack_row = PackRow(missing)
            pack_row.title.height_changed.connect(self._fit_height)
            self._column.insertWidget(self._column.count() - 1, pack_row)
            self.pack_rows.append(pack_row)
        for model in self._models:
            row = ModelRow(model, self._models_root)
            row.download_requested.connect(self.start_download)
            row.cancel_requested.connect(self.cancel_download)
            row.title.height_changed.connect(self._fit_height)
            row.show_state(self._downloads.get(row.key))
            self._column.insertWidget(self._column.count() - 1, row)
            self.model_rows.append(row)
        self.setVisible(bool(self.model_rows or self.pack_rows))
        self._fit_height()

    def _fit_height(self) -> None:
        self._column.activate()
        needed = self._inner.sizeHint().height()
        self.scroller.setFixedHeight(min(needed, MAX_HEIGHT))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    # --- downloads ---

    def start_download(self, key: str) -> None:
        model = next((m for m in self._models if model_key(m) == key), None)
        root = self._models_root
        if model is None or root is None or not model.url:
            return
        state = self._downloads.get(key)
        if state is not None and state.running:
            return
        state = _Download(model, progress=state.progress if state is not None else None)
        self._downloads[key] = state
        stop = state.stop

        def work(report: Reporter) -> Path:
            return download(
                model.url,
                root,
                model.folder,
                model.name,
                sha256=model.sha256,
                progress=report,
                cancelled=lambda: stop.is_set() or report.cancelled,
            )

        state.task = self._tasks.run_reporting(
            POOL,
            work,
            lambda _path: self._finished(key, None),
            progress=lambda value: self._progress(key, value),
            owner=self,
            key=f"download:{key}",
            failed=lambda exc: self._finished(key, exc),
        )
        self._show(key)

    def cancel_download(self, key: str) -> None:
        """Ask the download to stop; the row says so until the worker has let go of the file
        (a retry before that would write the same `.part` twice)."""
        state = self._downloads.get(key)
        if state is not None and state.running:
            state.stop.set()
            self._show(key)

    def _progress(self, key: str, value: object) -> None:
        state = self._downloads.get(key)
        if state is not None and isinstance(value, Progress):
            state.progress = value
            self._show(key)

    def _finished(self, key: str, exc: Exception | None) -> None:
        state = self._downloads.get(key)
        if state is None:
            return
        state.task = None
        if exc is None:
            state.done, state.error = True, ""
            self._show(key)
            self.downloaded.emit(key)
            return
        if isinstance(exc, DownloadCancelled):
            state.error = self.tr(
                "Cancelled. Retry resumes where it stopped if the server allows it."
            )
        else:
            state.error = exception_text(exc)
        self._show(key)

    def _show(self, key: str) -> None:
        for row in self.model_rows:
            if row.key == key:
                row.show_state(self._downloads.get(key))
        self._fit_height()  # a status line came or went

    def download_state(self, key: str) -> _Download | None:
        return self._downloads.get(key)
