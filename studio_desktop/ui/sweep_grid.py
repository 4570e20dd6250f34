"""The interactive grid of a sweep: its cells as thumbnails under their axes' values, each
opening its output in the image viewer; and the watch that opens it when a sweep ends.

What it shows is read off the GUI thread (`read_sweep`: the group, its jobs in queue order,
each completed cell's first output, the grid image once made) and the thumbnails come from the
window's `ThumbnailLoader`. A cell is placed by `extra["sweep_cell"]`, as the grid image is
(core/sweeps/assemble.py), so the view and the picture agree whatever order the cells ran in.
A cell that has no picture says why (waiting, running, failed, cancelled, no image).

The view follows the group while it runs (its jobs' changes re-read it), so it can be opened
at any time from the queue panel's group row, History or the grid image in the gallery.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QIcon, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.core.engine import JobFinished
from studio_desktop.core.groups import GroupKind, JobGroup
from studio_desktop.core.jobs import ImageRecord, Job, JobStatus
from studio_desktop.core.store.filters import ImageFilter
from studio_desktop.core.sweeps.assemble import is_grid
from studio_desktop.core.sweeps.axes import AXIS_NAMES, Axis, axes_from_json, cell_of
from studio_desktop.ui.field_labels import field_label
from studio_desktop.ui.gallery.model import GalleryModel
from studio_desktop.ui.gallery.viewer import ImageViewer
from studio_desktop.ui.history.details import source_of
from studio_desktop.ui.services import Services
from studio_desktop.ui.sweep_notes import missing_notes
from studio_desktop.ui.thumbnails import ThumbnailLoader
from studio_desktop.workers.read_view import ReadView

Place = tuple[int, int, int]
MIN_CELL: Final = 64  # pixels; a grid larger than the window scrolls
MAX_CELL: Final = 320
REREAD_MS: Final = 300  # a burst of cell changes is read once
WATCH_MS: Final = 300


@dataclass(frozen=True)
class GridCell:
    place: Place
    job: Job
    image: ImageRecord | None  # the cell's first output; None while it has none


@dataclass(frozen=True)
class SweepCells:
    """What the view shows of one sweep, read in one go."""

    group: JobGroup
    axes: list[Axis]
    cells: dict[Place, GridCell]
    grid: ImageRecord | None  # the grid image, once made

    def shape(self) -> tuple[int, int, int]:
        sizes = [len(a.values) for a in self.axes] + [1] * (3 - len(self.axes))
        return (sizes[0], sizes[1], sizes[2])


def grid_image_id(group: JobGroup) -> int | None:
    grid = (group.sweep or {}).get("grid")
    image_id = grid.get("image_id") if isinstance(grid, dict) else None
    return image_id if isinstance(image_id, int) else None


def read_sweep(reads: ReadView, group_id: str) -> SweepCells | None:
    """The sweep `group_id` as the view shows it (None: no such sweep). Off the GUI thread."""
    group = reads.get_group(group_id)
    if group is None or group.kind is not GroupKind.SWEEP:
        return None
    jobs = reads.group_jobs(group_id)
    done = [j.id for j in jobs if j.status is JobStatus.COMPLETED]
    outputs = reads.first_outputs(done) if done else {}
    cells: dict[Place, GridCell] = {}
    for job in jobs:
        place = cell_of(job.params.extra)
        if place is None:
            continue
        image = outputs.get(job.id)
        if image is not None and (image.kind not in ("image", "animated") or is_grid(image)):
            image = None  # a video cell, or one whose own output is in the trash
        cells[place] = GridCell(place, job, image)
    image_id = grid_image_id(group)
    grid = reads.get_image(image_id) if image_id is not None else None
    return SweepCells(group, axes_from_json(group.sweep or {}), cells, grid)


class CellButton(QToolButton):
    """One cell: its thumbnail, or why it has none."""

    def __init__(self, place: Place, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.place = place
        self.source: str | None = None  # the thumbnail's stored path
        self.setAutoRaise(False)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)


class SweepGridView(QWidget):
    """A window of its own, not modal: the sweep `group_id` as a grid of its cells."""

    remix_requested = Signal(str)  # a job id, from the viewer
    status_message = Signal(str, int)
    loaded = Signal()  # the cells were (re)read and shown

    def __init__(
        self,
        services: Services,
        thumbnails: ThumbnailLoader,
        group_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.group_id = group_id
        self._services = services
        self._thumbs = thumbnails
        self.data: SweepCells | None = None
        self.buttons: dict[Place, CellButton] = {}
        self.viewer: ImageViewer | None = None
        self._viewer_model: GalleryModel | None = None
        self._cell = 160
        self.setWindowTitle(self.tr("Sweep grid"))
        # Within the screen on a small laptop too (its title bar and bottom row reachable).
        available = (parent or self).screen().availableGeometry()
        self.resize(min(960, available.width() * 9 // 10), min(720, available.height() * 9 // 10))

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.grid_button = QPushButton(self.tr("Open grid image"))
        self.grid_button.setToolTip(self.tr("The labelled grid picture kept in the gallery"))
        self.grid_button.setEnabled(False)
        self.grid_button.clicked.connect(self.open_grid_image)
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.grid_button)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(6, 6, 6, 6)
        self.body_layout.setSpacing(12)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(bar)
        layout.addWidget(self.scroll_area, 1)

        self._reread = QTimer(self)
        self._reread.setSingleShot(True)
        self._reread.setInterval(REREAD_MS)
        self._reread.timeout.connect(self.refresh)
        pool = services.pool
        pool.job_changed.connect(self._job_changed)
        pool.outputs_ready.connect(self._finished)
        thumbnails.loaded.connect(self._thumbnail_loaded)
        self.refresh()

    # --- reading ---

    def refresh(self) -> None:
        reads, group_id = self._services.reads, self.group_id
        self._services.tasks.run(
            "read", lambda: read_sweep(reads, group_id), self._show, owner=self, key="cells"
        )

    def _job_changed(self, job: object) -> None:
        if isinstance(job, Job) and job.group_id == self.group_id:
            self._reread.start()

    def _finished(self, event: object) -> None:
        if isinstance(event, JobFinished) and event.job.group_id == self.group_id:
            self._reread.start()

    # --- showing ---

    def _show(self, data: SweepCells | None) -> None:
        if data is None:
            self.summary.setText(self.tr("This sweep no longer exists."))
            self.data = None
            self.loaded.emit()
            return
        rebuild = self.data is None or self.data.shape() != data.shape()
        self.data = data
        label = " ".join(data.group.label.split())
        self.setWindowTitle(self.tr("Sweep grid: {label}").format(label=label or "-"))
        axes = " · ".join(
            f"{name}: {field_label(axis.field)}"
            for name, axis in zip(AXIS_NAMES, data.axes, strict=False)
        )
        pictured = sum(1 for c in data.cells.values() if c.image is not None)
        total = len(data.cells)
        self.summary.setText(
            self.tr("{axes} · {done} of {total} cells pictured").format(
                axes=axes, done=pictured, total=total
            )
        )
        self.grid_button.setEnabled(data.grid is not None)
        if rebuild:
            self._build(data)
        self._fill(data)
        self.loaded.emit()

    def _build(self, data: SweepCells) -> None:
        while self.body_layout.count():
            item = self.body_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.buttons = {}
        nx, ny, nz = data.shape()
        axes = list(data.axes) + [None] * (3 - len(data.axes))
        x_axis, y_axis, z_axis = axes
        bold = QFont(self.font())
        bold.setBold(True)
        for z in range(nz):
            section = QWidget()
            grid = QGridLayout(section)
            grid.setContentsMargins(0, 0, 0, 0)
            grid.setSpacing(4)
            row = 0
            if z_axis is not None:
                title = QLabel(f"Z: {field_label(z_axis.field)} = {z_axis.label(z)}")
                title.setFont(bold)
                grid.addWidget(title, row, 0, 1, nx + 1)
                row += 1
            corner = QLabel(
                "\n".join(
                    f"{name}: {field_label(axis.field)}"
                    for name, axis in (("X", x_axis), ("Y", y_axis))
                    if axis is not None
                )
            )
            corner.setFont(bold)
            grid.addWidget(corner, row, 0)
            for x in range(nx):
                text = x_axis.label(x) if x_axis is not None else ""
                header = QLabel(text)
                header.setAlignment(Qt.AlignmentFlag.AlignCenter)
                header.setWordWrap(True)
                grid.addWidget(header, row, x + 1)
            for y in range(ny):
                text = y_axis.label(y) if y_axis is not None else ""
                side = QLabel(text)
                side.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                side.setWordWrap(True)
                side.setMaximumWidth(160)
                grid.addWidget(side, row + 1 + y, 0)
                for x in range(nx):
                    button = CellButton((x, y, z))
                    button.clicked.connect(lambda _c=False, p=(x, y, z): self.open_cell(p))
                    self.buttons[(x, y, z)] = button
                    grid.addWidget(button, row + 1 + y, x + 1)
            grid.setColumnStretch(nx + 1, 1)
            self.body_layout.addWidget(section)
        self.body_layout.addStretch(1)
        self._fit()

    def _fill(self, data: SweepCells) -> None:
        for place, button in self.buttons.items():
            cell = data.cells.get(place)
            button.setToolTip(self._tip(data, place, cell))
            image = cell.image if cell is not None else None
            button.source = source_of(image) if image is not None else None
            button.setEnabled(image is not None)
            if image is None:
                button.setIcon(QIcon())
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
                button.setText(self._missing(cell))
            else:
                button.setText("")
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
                self._set_icon(button)

    def _missing(self, cell: GridCell | None) -> str:
        if cell is None:
            return self.tr("missing")
        return missing_notes().get(cell.job.status.value, cell.job.status.value)

    def _tip(self, data: SweepCells, place: Place, cell: GridCell | None) -> str:
        lines = [
            f"{name}: {field_label(axis.field)} = {axis.label(place[i])}"
            for i, (name, axis) in enumerate(zip(AXIS_NAMES, data.axes, strict=False))
        ]
        if cell is not None:
            lines.append(self.tr("seed {seed}").format(seed=cell.job.params.seed))
            if cell.image is None:
                lines.append(self._missing(cell))
        return "\n".join(lines)

    def _set_icon(self, button: CellButton) -> None:
        if button.source is None:
            return
        ratio = self.devicePixelRatioF()
        side = round((self._cell - 8) * ratio)
        pixmap = self._thumbs.pixmap(button.source, side)
        if pixmap is None or pixmap.isNull():
            return
        if max(pixmap.width(), pixmap.height()) < side:
            # A picture smaller than the cell (or a cached thumbnail of another size while the
            # new one decodes) is drawn at the cell's size: an icon is never scaled up.
            pixmap = pixmap.scaled(
                QSize(side, side),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        shown = QPixmap(pixmap)  # the loader's cached pixmap stays as it is
        shown.setDevicePixelRatio(ratio)
        button.setIcon(QIcon(shown))

    def _thumbnail_loaded(self, rel: str) -> None:
        for button in self.buttons.values():
            if button.source == rel:
                self._set_icon(button)

    def _fit(self) -> None:
        """Cells as large as fit the window (zoom to fit), within MIN_CELL and MAX_CELL."""
        data = self.data
        if data is None:
            return
        nx, ny, nz = data.shape()
        viewport = self.scroll_area.viewport().size()
        headers = 2 + (1 if len(data.axes) == 3 else 0)
        width = (viewport.width() - 160 - 8 * (nx + 1)) // max(1, nx)
        height = (viewport.height() - nz * headers * 24 - 8 * ny * nz) // max(1, ny * nz)
        cell = max(MIN_CELL, min(MAX_CELL, width, height))
        if cell == self._cell and all(b.width() == cell for b in self.buttons.values()):
            return
        self._cell = cell
        for button in self.buttons.values():
            button.setFixedSize(cell, cell)
            button.setIconSize(QSize(cell - 8, cell - 8))
            self._set_icon(button)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    # --- opening a cell ---

    def open_cell(self, place: Place) -> ImageViewer | None:
        """Show the cell's output in the image viewer (None when it has none yet)."""
        cell = self.data.cells.get(place) if self.data is not None else None
        if cell is None or cell.image is None:
            return None
        return self._open(cell.image)

    def open_grid_image(self) -> ImageViewer | None:
        grid = self.data.grid if self.data is not None else None
        return self._open(grid) if grid is not None else None

    def _open(self, image: ImageRecord) -> ImageViewer:
        """The viewer over the images of the cell's job (the grid is an output of its last
        cell's job), on `image`."""
        services = self._services
        if self._viewer_model is None:
            self._viewer_model = GalleryModel(
                services.reads,
                tasks=services.tasks,
                resolve=services.ctx.paths.resolve,
                parent=self,
            )
        model = self._viewer_model
        if self.viewer is None:
            self.viewer = ImageViewer(
                model,
                services.ctx.paths,
                self._thumbs,
                self,
                template_name=services.template_name,
                default_model_used=services.default_model_used,
            )
            self.viewer.remix_requested.connect(self.remix_requested)
        viewer = self.viewer
        model.set_filter(ImageFilter(job_id=image.job_id))

        def show() -> None:
            row = model.row_of(image.id)
            viewer.show_row(row if row is not None else 0)

        model.when_loaded(0, show)
        viewer.show()
        viewer.raise_()
        viewer.activateWindow()
        return viewer

    def shown_image_id(self) -> int | None:
        """The image the viewer shows (for tests)."""
        record = self.viewer.record if self.viewer is not None else None
        return record.id if record is not None else None

    def shutdown(self) -> None:
        if self.viewer is not None:
            self.viewer.shutdown()
        if self._viewer_model is not None:
            self._viewer_model.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)


class SweepWatch(QObject):
    """Follows the sweeps this window queued; `finished(group_id, has_grid)` once each has
    ended and its grid is recorded (or recorded as having nothing to show)."""

    finished = Signal(str, bool)

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._watched: set[str] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(WATCH_MS)
        self._timer.timeout.connect(self._read)
        services.pool.job_changed.connect(self._changed)
        services.pool.job_added.connect(self._changed)

    def watch(self, group_id: str) -> None:
        self._watched.add(group_id)

    def watched(self) -> frozenset[str]:
        return frozenset(self._watched)

    def _changed(self, job: object) -> None:
        # The grid is recorded after the last cell ends, stamping that cell's job: its change
        # arrives through the job watcher, which is when the grid is there to be read.
        if isinstance(job, Job) and job.group_id in self._watched:
            self._timer.start()

    def _read(self) -> None:
        ids = sorted(self._watched)
        reads = self._services.reads

        def read() -> list[tuple[str, bool]]:
            ended: list[tuple[str, bool]] = []
            for group_id in ids:
                group = reads.get_group(group_id)
                grid = (group.sweep or {}).get("grid") if group is not None else None
                if group is None:
                    ended.append((group_id, False))
                elif isinstance(grid, dict) and not _active(reads, group_id):
                    ended.append((group_id, grid_image_id(group) is not None))
            return ended

        self._services.tasks.run("read", read, self._ended, owner=self, key="watch")

    def _ended(self, ended: Sequence[tuple[str, bool]]) -> None:
        for group_id, has_grid in ended:
            if group_id in self._watched:
                self._watched.discard(group_id)
                self.finished.emit(group_id, has_grid)


def _active(reads: ReadView, group_id: str) -> bool:
    """Whether a job of the group still waits or runs (a retried cell: a new grid will come)."""
    return any(p.active > 0 for p in reads.group_progress([group_id]))
