"""The Gallery tab: a virtualised thumbnail grid with filters, a context menu and a viewer.

Changes (favourite, tags, trash, restore) are shown at once and written through
`Services.operations` on the pool's operations thread; a refused one is undone on screen.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from concurrent import futures
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QModelIndex,
    QObject,
    QPoint,
    QProcess,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QGuiApplication, QImage, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSlider,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.core.jobs import GenerationParams, ImageRecord, Job
from studio_desktop.core.store.filters import ImageFilter
from studio_desktop.core.sweeps.assemble import grid_group_of
from studio_desktop.ui.gallery.compare import CompareDialog, CompareItem
from studio_desktop.ui.gallery.delegate import ThumbnailDelegate
from studio_desktop.ui.gallery.export import Exporter, ExportItem, ExportResult
from studio_desktop.ui.gallery.filter_bar import FilterBar
from studio_desktop.ui.gallery.grid_view import GalleryView
from studio_desktop.ui.gallery.model import PAGE_SIZE, GalleryModel, params_of
from studio_desktop.ui.gallery.parameters_text import parameters_text
from studio_desktop.ui.gallery.sidebar import GallerySidebar
from studio_desktop.ui.gallery.tag_editor import TagEditor
from studio_desktop.ui.gallery.trash_banner import TrashBanner
from studio_desktop.ui.gallery.viewer import FullImageLoader, ImageViewer
from studio_desktop.ui.send_to import SlotList, add_send_menu, no_slots
from studio_desktop.ui.services import Services
from studio_desktop.ui.thumbnails import ThumbnailLoader
from studio_desktop.ui.workflow_actions import (
    WorkflowAction,
    WorkflowActions,
    WorkflowSubject,
    add_workflow_actions,
)
from studio_desktop.workers.operations import when_done

STATUS_MS: Final = 5000
_SIZE_MIN, _SIZE_MAX, _SIZE_STEP = 64, 512, 16


class GalleryTab(QWidget):
    """Every output as a grid; filters above, thumbnail size below, actions in a context menu."""

    remix_requested = Signal(str)  # job id
    grid_requested = Signal(str)  # a sweep's group id (the grid image's "Open sweep grid")
    # Path, slot name ("" = the main window picks): put this file into Generate's image slot.
    source_image_requested = Signal(object, str)
    mask_edit_requested = Signal(object)  # Path: inpaint it (Generate's mask editor on it)
    status_message = Signal(str, int)  # text, timeout ms
    undo_available = Signal(str, object)  # text, callable that undoes

    def __init__(
        self,
        services: Services,
        thumbnails: ThumbnailLoader,
        parent: QWidget | None = None,
        *,
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._ctx = services.ctx
        self._thumbs = thumbnails
        self._viewer: ImageViewer | None = None

        self.filter_bar = FilterBar(self)
        self.model = GalleryModel(
            services.reads,
            page_size=page_size,
            tasks=services.tasks,
            resolve=services.ctx.paths.resolve,
            parent=self,
        )

        size = min(max(services.settings.thumbnail_size, _SIZE_MIN), _SIZE_MAX)
        self.view = GalleryView(self)
        self.delegate = ThumbnailDelegate(thumbnails, size, self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.setModel(self.model)
        # The grid lays itself out (grid_view.py): columns that fill the width at every size,
        # a date header above each day's images.
        self.view.setGridSize(self.delegate.cell_size())
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.setAccessibleName(self.tr("Gallery"))
        self._update_scroll_step()

        self.empty = QWidget(self)
        self.empty_label = QLabel(self.empty)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        font = self.empty_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.empty_label.setFont(font)
        self.clear_filters_button = QPushButton(self.tr("Clear filters"), self.empty)
        self.clear_filters_button.clicked.connect(self.filter_bar.clear)
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_label)
        empty_layout.addWidget(self.clear_filters_button, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)

        self.selection_label = QLabel(self)
        self.selection_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.size_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.size_slider.setRange(_SIZE_MIN, _SIZE_MAX)
        self.size_slider.setSingleStep(_SIZE_STEP)
        self.size_slider.setPageStep(_SIZE_STEP * 4)
        self.size_slider.setValue(size)
        self.size_slider.setFixedWidth(160)
        self.size_slider.setToolTip(self.tr("Thumbnail size"))
        size_label = QLabel(self.tr("Size"), self)
        size_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.setSpacing(6)
        bottom.addWidget(self.selection_label, 1)
        bottom.addWidget(size_label)
        bottom.addWidget(self.size_slider)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 6)
        layout.setSpacing(6)
        layout.addWidget(self.filter_bar)
        self.trash_banner = self._make_trash_banner()
        layout.addWidget(self.trash_banner)
        layout.addWidget(self._with_sidebar(self.stack), 1)
        layout.addLayout(bottom)

        self._repaint_timer = QTimer(self)
        self._repaint_timer.setSingleShot(True)
        self._repaint_timer.setInterval(15)
        self._repaint_timer.timeout.connect(self._repaint_thumbnails)
        self._thumbnails_arrived: set[str] = set()  # since the last repaint

        self._exporter = Exporter(services.tasks, self)
        self._exporter.finished.connect(self._export_done)
        self._exporter.failed.connect(self._export_failed)
        self.workflow_actions = WorkflowActions(services, self)
        self.workflow_actions.status_message.connect(self.status_message)
        self._clipboard_loader = FullImageLoader(services.tasks, self)
        self._clipboard_loader.ready.connect(self._copy_ready)
        self._compare_first: ImageRecord | None = None  # waiting for the second image's click
        self.compare_dialog: CompareDialog | None = None
        self.view.clicked.connect(self._compare_clicked)
        self._slots: SlotList = no_slots  # Generate's image slots (the main window sets it)

        thumbnails.loaded.connect(self._thumbnail_loaded)
        self.filter_bar.filter_changed.connect(self._filter_changed)
        for signal in (
            self.model.modelReset,
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.layoutChanged,
        ):
            signal.connect(self._show_counts)
        self.size_slider.valueChanged.connect(self._set_thumb_size)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.doubleClicked.connect(lambda _index: self.open_viewer())
        self.view.installEventFilter(self)
        self.view.viewport().installEventFilter(self)
        selection = self.view.selectionModel()
        selection.selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._update_empty_state)
        self.model.modelReset.connect(self._selection_changed)
        self.model.rowsInserted.connect(self._update_empty_state)
        self.model.rowsRemoved.connect(self._update_empty_state)
        services.pool.outputs_ready.connect(self._outputs_ready)

        self._fill_choices()
        self._update_empty_state()
        self._selection_changed()

    # --- public API (the main window's menus call these) ---

    def refresh(self) -> None:
        """Re-read the store (and the thumbnail size setting) keeping the filters."""
        size = min(max(self._services.settings.thumbnail_size, _SIZE_MIN), _SIZE_MAX)
        if size != self.size_slider.value():
            self.size_slider.setValue(size)
        self._fill_choices()
        self._thumbs.drop_pending()
        self.sidebar.refresh()
        self.model.refresh()

    def select_next(self) -> None:
        self._step_selection(+1)

    def select_previous(self) -> None:
        self._step_selection(-1)

    def selected_records(self) -> list[ImageRecord]:
        """The selection's records the model holds (no read: actions use `_with_selection`)."""
        return self.model.records(self._selected_rows())

    def _selected_rows(self) -> list[int]:
        return [i.row() for i in self.view.selectionModel().selectedIndexes()]

    def _with_selection(
        self, then: Callable[[list[ImageRecord]], None], *, jobs: bool = False
    ) -> None:
        """Run `then` with the selection's records (and, with `jobs`, their jobs held by the
        model): at once when the model holds them, else once read off the GUI thread. Nothing
        happens for an empty selection."""
        self.model.read_records(
            self._selected_rows(), lambda records: then(records) if records else None, jobs=jobs
        )

    def delete_selected(self) -> None:
        """Move the selection to the trash (or, in the Trash view, restore it), with Undo."""
        if self.model.filter.deleted:
            self.restore_selected()
        else:
            self._with_selection(self._delete)

    def _delete(self, records: list[ImageRecord]) -> None:
        ids = [r.id for r in records]
        next_row = self._row_after_removal()
        self._set_deleted(records, deleted=True)
        self._select_row(next_row)
        text = self.tr("Moved %n image(s) to the trash", "", len(ids))
        self.status_message.emit(text, STATUS_MS)
        self.undo_available.emit(text, lambda: self._undo_delete(records))

    def restore_selected(self) -> None:
        self._with_selection(self._restore)

    def _restore(self, records: list[ImageRecord]) -> None:
        ids = [r.id for r in records]
        next_row = self._row_after_removal()
        self._set_deleted(records, deleted=False)
        self._select_row(next_row)
        text = self.tr("Restored %n image(s)", "", len(ids))
        self.status_message.emit(text, STATUS_MS)
        self.undo_available.emit(text, lambda: self._undo_restore(records))

    def toggle_favourite(self) -> None:
        """Favourite the selection, or unfavourite it if every image already is one."""
        self._with_selection(self._toggle_favourite)

    def _toggle_favourite(self, records: list[ImageRecord]) -> None:
        value = not all(r.favourite for r in records)
        when_done(
            self._services.tasks,
            self._services.operations.set_favourite([r.id for r in records], value),
            owner=self,
            failed=lambda _exc: self.model.update_records(records),  # as they were
        )
        self.model.update_records([replace(r, favourite=value) for r in records])
        text = (
            self.tr("Added %n image(s) to favourites", "", len(records))
            if value
            else self.tr("Removed %n image(s) from favourites", "", len(records))
        )
        self.status_message.emit(text, STATUS_MS)

    def open_viewer(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            selected = self.view.selectionModel().selectedIndexes()
            if not selected:
                return
            index = selected[0]
        if self._viewer is None:
            self._viewer = ImageViewer(
                self.model,
                self._ctx.paths,
                self._thumbs,
                self,
                template_name=self._services.template_name,
                default_model_used=self._services.default_model_used,
            )
            self._viewer.remix_requested.connect(self.remix_requested)
            self._viewer.current_changed.connect(self._viewer_moved)
            self._connect_viewer_actions(self._viewer)
            self._viewer.set_slot_list(self._slots)
            self._viewer.send_requested.connect(self._send_record)
            self._viewer.compare_requested.connect(self._compare_from_viewer)
        self._viewer.show_row(index.row())
        self._viewer.show()
        self._viewer.raise_()
        self._viewer.activateWindow()

    @property
    def viewer(self) -> ImageViewer | None:
        return self._viewer

    def export_selected(self, destination: Path, *, as_zip: bool, keep_metadata: bool) -> None:
        """Export the selection off the GUI thread; a status message says where it went."""
        self._with_selection(
            lambda records: self._export(records, destination, as_zip, keep_metadata), jobs=True
        )

    def _export(
        self, records: list[ImageRecord], destination: Path, as_zip: bool, keep_metadata: bool
    ) -> None:
        items = [
            ExportItem(
                source=self._ctx.paths.resolve(r.path),
                prompt=self.model.prompt_of(r),
                index=r.index,
                created=r.created_at,
                seed=self._seed_of(r),
                metadata=self._export_metadata(r),
            )
            for r in records
        ]
        self.status_message.emit(self.tr("Exporting %n image(s)…", "", len(items)), 0)
        self._exporter.start(items, destination, as_zip=as_zip, keep_metadata=keep_metadata)

    def wait_for_export(self, timeout_ms: int = -1) -> bool:
        return self._exporter.wait(timeout_ms)

    def shutdown(self) -> None:
        """Wait for this tab's threads (export, viewer and clipboard decodes)."""
        self._exporter.shutdown()
        self._clipboard_loader.shutdown()
        self.model.shutdown()
        if self._viewer is not None:
            self._viewer.shutdown()

    # --- events ---

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_thumbnail_cache()
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_viewer()
                return True
            if event.key() == Qt.Key.Key_Escape and self._compare_first is not None:
                self._compare_first = None
                self.status_message.emit(self.tr("Compare cancelled"), STATUS_MS)
                return True
            if event.key() == Qt.Key.Key_Delete:
                self.delete_selected()
                return True
        return super().eventFilter(watched, event)

    # --- internals ---

    def _fill_choices(self) -> None:
        """Templates now; the checkpoints the registered servers reported once they are read
        (off this thread)."""
        templates = [(t.id, self._services.template_name(t.id)) for t in self._ctx.templates.all()]
        self.filter_bar.set_templates(templates)
        reads = self._services.reads

        def checkpoints() -> list[str]:
            models: set[str] = set()
            for server in reads.list_servers():
                models.update(server.models.get("checkpoints", ()))
            return sorted(models, key=str.casefold)

        self._services.tasks.run(
            "read",
            checkpoints,
            self.filter_bar.set_models,
            owner=self,
            key="choices",
        )

    def _filter_changed(self, flt: ImageFilter) -> None:
        self._thumbs.drop_pending()
        self.model.set_filter(self.sidebar.narrow(flt))
        self.view.scrollToTop()

    def _outputs_ready(self, event: object) -> None:
        images: Sequence[ImageRecord] = getattr(event, "images", ())
        if images and not self.model.filter.deleted:
            self.model.add_records(images)

    def _thumbnail_loaded(self, rel: str) -> None:
        self._thumbnails_arrived.add(rel)
        if not self._repaint_timer.isActive():  # one repaint for those arriving meanwhile
            self._repaint_timer.start()

    def _repaint_thumbnails(self) -> None:
        arrived, self._thumbnails_arrived = self._thumbnails_arrived, set()
        self.view.thumbnails_ready(arrived)

    def _set_thumb_size(self, size: int) -> None:
        size = round(size / _SIZE_STEP) * _SIZE_STEP
        self.delegate.thumb_size = size
        self._services.settings.thumbnail_size = size
        self.view.setGridSize(self.delegate.cell_size())
        self._update_scroll_step()
        self._thumbs.drop_pending()
        self._fit_thumbnail_cache()
        current = self.view.currentIndex()
        if current.isValid():
            self.view.scrollTo(current)

    def _fit_thumbnail_cache(self) -> None:
        """Tell the loader what one screen of the grid's thumbnails takes: it keeps a few
        screens cached (not a fixed amount, which was most of the memory at 100k images)."""
        cell = self.delegate.cell_size()
        area = self.view.viewport().size()
        columns = max(1, area.width() // max(1, cell.width()))
        rows = area.height() // max(1, cell.height()) + 2  # part-rows at the top and bottom
        side = round(self.delegate.thumb_size * self.view.devicePixelRatioF())
        self._thumbs.fit_screen("gallery", columns * rows * side * side * 4)  # 32-bit pixels

    def _update_scroll_step(self) -> None:
        self.view.verticalScrollBar().setSingleStep(
            max(16, self.delegate.cell_size().height() // 3)
        )

    def _update_empty_state(self) -> None:
        empty = self.model.rowCount() == 0 and not self.model.canFetchMore()
        if empty:
            flt = self.model.filter
            if flt.board is not None and not self.filter_bar.is_filtered() and not flt.tags:
                text = self.tr(
                    "This board is empty: drag images onto it, or use Add to board in their "
                    "context menu."
                )
            elif self.filter_bar.is_filtered() or self.sidebar.is_narrowing():
                text = self.tr("No images match these filters.")
            elif flt.deleted:
                text = self.tr("The trash is empty.")
            else:
                text = self.tr(
                    "No images yet — queue a job on the Generate tab and its results appear here."
                )
            self.empty_label.setText(text)
            self.clear_filters_button.setVisible(
                self.filter_bar.is_filtered() or self.sidebar.is_narrowing()
            )
        self.stack.setCurrentWidget(self.empty if empty else self.view)

    def _selection_changed(self, *_args: QItemSelection) -> None:
        self._show_counts()
        rows = self._selected_rows()
        if 0 < len(rows) <= PAGE_SIZE:
            # Pages hold only what the grid shows: read the selection's full records now (off
            # the GUI thread), so an action on it or the viewer finds them held.
            self.model.read_records(rows, lambda _records: None)

    def _show_counts(self, *_args: object) -> None:
        """How many images the filter finds (once counted), and how many of them are selected."""
        selected = len(self.view.selectionModel().selectedIndexes())
        total = self.model.rowCount() if self.model.is_counted() else None
        parts = [self.tr("%n image(s)", "", total)] if total else []
        if selected:
            parts.append(self.tr("%n selected", "", selected))
        self.selection_label.setText(" · ".join(parts))

    def _step_selection(self, step: int) -> None:
        rows = self.model.rowCount()
        if rows == 0:
            return
        current = self.view.currentIndex()
        row = current.row() + step if current.isValid() else 0
        if row >= rows and self.model.canFetchMore():
            # Past the rows known so far: select it once the next page is in.
            self.model.when_loaded(row, lambda: self._select_row(row))
            return
        self._select_row(min(max(row, 0), rows - 1))

    def _select_row(self, row: int) -> None:
        rows = self.model.rowCount()
        if rows == 0:
            return
        index = self.model.index(min(max(row, 0), rows - 1), 0)
        self.view.setCurrentIndex(index)  # selects it alone (ExtendedSelection)
        self.view.scrollTo(index)

    def _row_after_removal(self) -> int:
        """Where the selection should land once the selected rows are gone."""
        rows = sorted(i.row() for i in self.view.selectionModel().selectedIndexes())
        return rows[0] if rows else 0

    def _viewer_moved(self, image_id: int) -> None:
        row = self.model.row_of(image_id)
        if row is not None:
            self._select_row(row)

    def _set_deleted(self, records: Sequence[ImageRecord], *, deleted: bool) -> None:
        """Trash or restore, written on the operations thread. Rows leaving this view go at
        once (and come back if the write is refused); rows joining it come once it is written,
        because the model checks them against the filter in the database."""
        operations, ids = self._services.operations, [r.id for r in records]
        future = operations.trash_images(ids) if deleted else operations.restore_images(ids)
        self._recount_after(future)
        if self.model.filter.deleted != deleted:
            self._deleted_changed(records, deleted=deleted)
            when_done(
                self._services.tasks,
                future,
                owner=self,
                failed=lambda _exc: self._deleted_changed(records, deleted=not deleted),
            )
        else:
            when_done(
                self._services.tasks,
                future,
                lambda _count: self._deleted_changed(records, deleted=deleted),
                owner=self,
            )

    def _deleted_changed(self, records: Sequence[ImageRecord], *, deleted: bool) -> None:
        changed = [replace(r, deleted=deleted) for r in records]
        if self.model.filter.deleted == deleted:
            self.model.add_records(changed)
        else:
            self.model.remove_ids(r.id for r in changed)

    def _undo_delete(self, records: Sequence[ImageRecord]) -> None:
        self._set_deleted(records, deleted=False)
        self.status_message.emit(self.tr("Restored %n image(s)", "", len(records)), STATUS_MS)

    def _undo_restore(self, records: Sequence[ImageRecord]) -> None:
        self._set_deleted(records, deleted=True)
        self.status_message.emit(
            self.tr("Moved %n image(s) back to the trash", "", len(records)), STATUS_MS
        )

    def _seed_of(self, record: ImageRecord) -> int | None:
        params = self.model.params(record)
        return params.seed if params is not None else None

    def _export_metadata(self, record: ImageRecord) -> dict[str, object]:
        params = self.model.params(record)
        job = self.model.job(record.job_id)
        return {
            "prompt": params.prompt if params else "",
            "params": params.to_dict() if params else {},
            "template": job.template if job else None,
            "job_id": record.job_id,
            "created_at": record.created_at.isoformat(),
            "width": record.width,
            "height": record.height,
            "tags": list(record.tags),
        }

    def _export_done(self, result: ExportResult) -> None:
        text = self.tr("Exported %n image(s) to {where}", "", len(result.names)).format(
            where=str(result.destination)
        )
        if result.missing:
            text += " " + self.tr("({count} missing)").format(count=len(result.missing))
        self.status_message.emit(text, STATUS_MS * 2)

    def _export_failed(self, message: str) -> None:
        self.status_message.emit(self.tr("Export failed: {error}").format(error=message), 0)

    # --- context menu ---

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if index.isValid() and not self.view.selectionModel().isSelected(index):
            self.view.setCurrentIndex(index)
        self._with_selection(lambda records: self._show_menu(records, pos), jobs=True)

    def _show_menu(self, records: list[ImageRecord], pos: QPoint) -> None:
        menu = self.build_menu(records)
        menu.exec(self.view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def build_menu(self, records: Sequence[ImageRecord]) -> QMenu:
        """The context menu for the given selection (public so tests can trigger its actions)."""
        menu = QMenu(self)
        single = len(records) == 1
        first = records[0]
        trash = self.model.filter.deleted

        def add(text: str, slot: Callable[[], None], enabled: bool = True) -> None:
            action = menu.addAction(text)
            action.setEnabled(enabled)
            action.triggered.connect(slot)

        add(self.tr("Open viewer"), self.open_viewer)
        sweep = grid_group_of(first) if single else None
        if sweep is not None:  # a sweep's grid image: its cells, each opening its output
            add(self.tr("Open sweep grid"), lambda: self.grid_requested.emit(sweep))
        menu.addSeparator()
        add(self.tr("Copy image"), lambda: self._copy_image(first), single)
        add(self.tr("Copy prompt"), lambda: self._copy_prompts(records))
        self._add_copy_actions(menu, records)
        # One image's workflow: the graph that made it, in either format.
        add_workflow_actions(menu, lambda act: self.workflow_action(first, act), enabled=single)
        add(self.tr("Open file"), lambda: self._open_file(first), single)
        add(self.tr("Show in folder"), lambda: self._reveal(first), single)
        menu.addSeparator()
        add(self.tr("Remix"), lambda: self.remix_requested.emit(first.job_id), single)
        self._add_reuse_actions(menu, records)
        if not trash:
            all_favourite = all(r.favourite for r in records)
            add(
                self.tr("Remove from favourites") if all_favourite else self.tr("Favourite"),
                self.toggle_favourite,
            )
            add(self.tr("Tags…"), lambda: self._edit_tags(records))
            self.sidebar.add_board_menu(menu, [r.id for r in records])
        menu.addSeparator()
        export = menu.addMenu(self.tr("Export %n image(s)", "", len(records)))
        for text, as_zip, keep in (
            (self.tr("To a folder…"), False, True),
            (self.tr("To a folder, without metadata…"), False, False),
            (self.tr("To a zip file…"), True, True),
            (self.tr("To a zip file, without metadata…"), True, False),
        ):
            action = export.addAction(text)
            action.triggered.connect(
                lambda _=False, z=as_zip, k=keep: self._ask_export(as_zip=z, keep_metadata=k)
            )
        menu.addSeparator()
        if trash:
            add(self.tr("Restore"), self.restore_selected)
            add(self.tr("Empty trash…"), self.empty_trash)
        else:
            add(self.tr("Move to trash"), self.delete_selected)
        return menu

    def workflow_subject(self, record: ImageRecord) -> WorkflowSubject:
        """The workflow that made an image: its job's recorded graph (else the one its record
        kept from the file), and the file itself for the `workflow` chunk."""
        job = self.model.job(record.job_id)
        api = job.workflow if job is not None else None
        if api is None and isinstance(record.metadata.get("prompt"), Mapping):
            api = record.metadata["prompt"]
        path = self._ctx.paths.resolve(record.path)
        return WorkflowSubject(
            job_id=record.job_id,
            template=self._services.template_name(job.template) if job is not None else None,
            server=job.server if job is not None else None,
            api=api,
            file=lambda: path,
        )

    def workflow_action(self, record: ImageRecord, action: WorkflowAction) -> None:
        """Export or copy the workflow of an image (see ui/workflow_actions.py)."""
        self.workflow_actions.run(action, self.workflow_subject(record))

    def _copy_prompts(self, records: Sequence[ImageRecord]) -> None:
        prompts = [p for r in records if (p := self.model.prompt_of(r))]
        QGuiApplication.clipboard().setText("\n\n".join(dict.fromkeys(prompts)))
        self.status_message.emit(self.tr("Prompt copied"), STATUS_MS)

    def _copy_image(self, record: ImageRecord) -> None:
        self._clipboard_loader.request(self._ctx.paths.resolve(record.path))

    def _copy_ready(self, image: QImage) -> None:
        if image.isNull():
            self.status_message.emit(self.tr("The image file is missing or unreadable."), STATUS_MS)
            return
        QGuiApplication.clipboard().setImage(image)
        self.status_message.emit(self.tr("Image copied"), STATUS_MS)

    def _open_file(self, record: ImageRecord) -> None:
        path = self._ctx.paths.resolve(record.path)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.status_message.emit(
                self.tr("No application could open {path}").format(path=path), STATUS_MS
            )

    def _reveal(self, record: ImageRecord) -> None:
        path = self._ctx.paths.resolve(record.path)
        if sys.platform == "win32":
            QProcess.startDetached("explorer.exe", ["/select,", str(path)])
        elif sys.platform == "darwin":
            QProcess.startDetached("open", ["-R", str(path)])
        else:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    def _edit_tags(self, records: Sequence[ImageRecord], parent: QWidget | None = None) -> None:
        editor = self.tag_editor(records, parent)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.open()

    def apply_tags(
        self, records: Sequence[ImageRecord], tags: Sequence[str], *, replace_all: bool
    ) -> None:
        """Set (or add to) the tags of the given images; the cells change once it is written
        (the store trims them and drops repeats)."""
        changes = [(r.id, list(tags) if replace_all else [*r.tags, *tags]) for r in records]
        when_done(
            self._services.tasks,
            self._services.operations.set_tags(changes),
            self.model.update_records,
            owner=self,
        )

    def _ask_export(self, *, as_zip: bool, keep_metadata: bool) -> None:
        if as_zip:
            name, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Export to a zip file"),
                str(Path.home() / "images.zip"),
                self.tr("Zip files (*.zip)"),
            )
        else:
            name = QFileDialog.getExistingDirectory(self, self.tr("Export to a folder"))
        if name:
            self.export_selected(Path(name), as_zip=as_zip, keep_metadata=keep_metadata)

    def sizeHint(self) -> QSize:
        return QSize(960, 640)

    # --- tags and boards (the sidebar, the chip editor, the viewer's buttons) ---

    def _with_sidebar(self, grid: QWidget) -> QSplitter:
        """The boards and tags sidebar left of the grid; its choice narrows the filter bar's."""
        self.sidebar = GallerySidebar(self._services, self)
        self.sidebar.narrowing_changed.connect(
            lambda: self._filter_changed(self.filter_bar.current_filter())
        )
        self.sidebar.tags_listed.connect(self.filter_bar.set_tag_names)
        self.sidebar.status_message.connect(self.status_message)
        self.clear_filters_button.clicked.connect(self.sidebar.clear)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.sidebar)
        splitter.addWidget(grid)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(1, False)
        splitter.setSizes([180, 780])
        return splitter

    def tag_editor(
        self, records: Sequence[ImageRecord], parent: QWidget | None = None
    ) -> TagEditor:
        """The chip editor for these images (every tag any of them has); OK adds and removes
        tags on each image, keeping their other tags."""
        current = [tag for r in records for tag in r.tags]
        editor = TagEditor(
            current,
            self.sidebar.tag_names(),
            images=len(records),
            parent=parent or self.window(),
        )
        chosen = list(records)
        editor.accepted.connect(
            lambda: self.change_tags(chosen, add=editor.added(), remove=editor.removed())
        )
        return editor

    def change_tags(
        self, records: Sequence[ImageRecord], *, add: Sequence[str], remove: Sequence[str]
    ) -> None:
        """Written on the operations thread; the cells and the tag counts change once it is."""
        if not add and not remove:
            return

        def written(updated: list[ImageRecord]) -> None:
            self.model.update_records(updated)
            self.sidebar.refresh()  # the viewer follows the model's dataChanged

        when_done(
            self._services.tasks,
            self._services.operations.change_tags([r.id for r in records], add=add, remove=remove),
            written,
            owner=self,
        )

    def _recount_after(self, future: futures.Future[int]) -> None:
        """Trash and restore move the sidebar's counts: read them once the write is in."""
        when_done(
            self._services.tasks, future, lambda _n: self.sidebar.schedule_refresh(), owner=self
        )

    def _connect_viewer_actions(self, viewer: ImageViewer) -> None:
        """The viewer's favourite, delete and tags buttons act as the grid's commands do (the
        delete with the same Undo)."""
        viewer.favourite_requested.connect(lambda record: self._toggle_favourite([record]))
        viewer.delete_requested.connect(
            lambda record: self._restore([record]) if record.deleted else self._delete([record])
        )
        viewer.tags_requested.connect(lambda record: self._edit_tags([record], parent=viewer))

    # --- the trash: its banner and emptying it ---

    def _make_trash_banner(self) -> TrashBanner:
        banner = TrashBanner(self)
        banner.restore_button.clicked.connect(self.restore_selected)
        banner.empty_button.clicked.connect(self.empty_trash)
        self.empty_trash_box: QMessageBox | None = None
        self.filter_bar.filter_changed.connect(lambda _flt: self._update_trash_banner())
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved):
            signal.connect(self._update_trash_banner)
        self.view.selectionModel().selectionChanged.connect(self._update_trash_banner)
        banner.setVisible(False)
        return banner

    def settings_changed(self) -> None:
        """The settings dialog saved (the trash's retention days may be new)."""
        self._update_trash_banner()

    def _update_trash_banner(self, *_args: object) -> None:
        trash = self.model.filter.deleted
        self.trash_banner.setVisible(trash)
        if trash:
            self.trash_banner.set_retention_days(self._services.settings.trash_retention_days)
            selected = len(self.view.selectionModel().selectedIndexes())
            self.trash_banner.set_selection(selected, self.model.rowCount())

    def empty_trash(self) -> None:
        """Count what the trash holds (every trashed image, whatever the other filters), then
        ask before deleting it for good."""
        reads = self._services.reads
        self._services.tasks.run(
            "read",
            lambda: reads.count_images(ImageFilter(deleted=True)),
            self._confirm_empty_trash,
            owner=self,
            key="trash-count",
        )

    def _confirm_empty_trash(self, count: int) -> None:
        if count == 0:
            self.status_message.emit(self.tr("The trash is empty."), STATUS_MS)
            return
        asked_at = datetime.now(UTC)  # what is trashed after the question stays
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Empty trash"),
            self.tr("Delete %n image(s) in the trash for good?", "", count),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(self.tr("Their files are deleted too. This cannot be undone."))
        delete = box.addButton(self.tr("Delete for good"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(
            lambda _result: self._empty_trash_answered(box.clickedButton() is delete, asked_at)
        )
        self.empty_trash_box = box
        box.open()

    def _empty_trash_answered(self, confirmed: bool, asked_at: datetime) -> None:
        if self.empty_trash_box is not None:
            self.empty_trash_box.deleteLater()
            self.empty_trash_box = None
        if not confirmed:
            return
        future = self._services.operations.empty_trash(asked_at, self._ctx.library.remove_files)
        when_done(self._services.tasks, future, self._trash_emptied, owner=self)

    def _trash_emptied(self, count: int) -> None:
        self.status_message.emit(self.tr("Deleted %n image(s) for good", "", count), STATUS_MS)
        if self.model.filter.deleted:
            self.model.refresh()

    # --- reusing an image: as Generate's source, its seed and parameters, comparing two ---

    def _add_copy_actions(self, menu: QMenu, records: Sequence[ImageRecord]) -> None:
        for text, slot in (
            (self.tr("Copy seed"), self._copy_seeds),
            (self.tr("Copy parameters"), self._copy_parameters),
        ):
            menu.addAction(text).triggered.connect(lambda _=False, s=slot: s(records))

    def _add_reuse_actions(self, menu: QMenu, records: Sequence[ImageRecord]) -> None:
        single = len(records) == 1
        first = records[0]
        still = first.kind in ("image", "animated")

        def add(text: str, slot: Callable[[], None], enabled: bool = True) -> None:
            action = menu.addAction(text)
            action.setEnabled(enabled)
            action.triggered.connect(slot)

        add_send_menu(
            menu, self._slots, lambda slot: self._send_record(first, slot), enabled=single and still
        )
        add(
            self.tr("Edit mask…"),
            lambda: self.mask_edit_requested.emit(self._ctx.paths.resolve(first.path)),
            single and still,
        )
        add(
            self.tr("Compare with…"),
            lambda: self.compare_selected(records),
            len(records) <= 2 and all(r.kind in ("image", "animated") for r in records),
        )
        job = self.model.job(first.job_id)
        add(
            self.tr("Compare with its source image"),
            lambda: self.compare_with_source(first),
            single and still and job is not None and bool(job.inputs),
        )

    def set_slot_list(self, slots: SlotList) -> None:
        """Where "Use as source image ▸" finds the image slots of Generate's template."""
        self._slots = slots
        if self._viewer is not None:
            self._viewer.set_slot_list(slots)

    def _send_record(self, record: ImageRecord, slot: str) -> None:
        self.source_image_requested.emit(self._ctx.paths.resolve(record.path), slot)

    def _copy_seeds(self, records: Sequence[ImageRecord]) -> None:
        seeds = [str(p.seed) for r in records if (p := self.model.params(r)) is not None]
        if not seeds:
            self.status_message.emit(self.tr("No seed was recorded for this image."), STATUS_MS)
            return
        QGuiApplication.clipboard().setText("\n".join(dict.fromkeys(seeds)))
        self.status_message.emit(self.tr("Seed copied"), STATUS_MS)

    def _copy_parameters(self, records: Sequence[ImageRecord]) -> None:
        blocks: list[str] = []
        for record in records:
            params = self.model.params(record)
            if params is None:
                continue
            job = self.model.job(record.job_id)
            template = self._services.template_name(job.template) if job is not None else None
            used = self._services.default_model_used(job) if job is not None else None
            blocks.append(parameters_text(params, template=template, model_used=used))
        if not blocks:
            self.status_message.emit(
                self.tr("No parameters were recorded for this image."), STATUS_MS
            )
            return
        QGuiApplication.clipboard().setText("\n\n".join(dict.fromkeys(blocks)))
        self.status_message.emit(self.tr("Parameters copied"), STATUS_MS)

    def compare_selected(self, records: Sequence[ImageRecord]) -> None:
        """Two images: compare them. One: the next image clicked in the grid is the other."""
        if len(records) == 2:
            self.open_compare(records[0], records[1])
        elif len(records) == 1:
            self._compare_first = records[0]
            self.status_message.emit(self.tr("Click the image to compare it with (Esc cancels)"), 0)

    def _compare_clicked(self, index: QModelIndex) -> None:
        first = self._compare_first
        if first is None or not index.isValid():
            return
        self._compare_first = None

        def picked(records: list[ImageRecord]) -> None:
            if records and records[0].id != first.id:
                self.open_compare(first, records[0])
            else:
                self.status_message.emit(self.tr("Pick another image to compare with."), STATUS_MS)

        self.model.read_records([index.row()], picked, jobs=True)

    def open_compare(self, left: ImageRecord, right: ImageRecord) -> CompareDialog:
        return self.show_compare((self._compare_item(left), self._compare_item(right)))

    def show_compare(self, items: tuple[CompareItem, CompareItem]) -> CompareDialog:
        """One Compare window at a time: a new pair replaces the one shown."""
        if self.compare_dialog is not None:
            self.compare_dialog.close()
            self.compare_dialog.deleteLater()
        self.compare_dialog = CompareDialog(
            items,
            self._services.tasks,
            self,
            template_name=self._services.template_name,
            model_used=self._services.default_model_used,
        )
        self.compare_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.status_message.emit("", 0)
        self.compare_dialog.show()
        self.compare_dialog.raise_()
        return self.compare_dialog

    def compare_with_source(self, record: ImageRecord) -> None:
        """An output beside the input image its job started from (the job read off the GUI
        thread: the viewer may show an image whose job the model has not read)."""
        reads = self._services.reads

        def read() -> Job | None:
            return reads.get_job(record.job_id)

        def got(job: Job | None) -> None:
            if job is None or not job.inputs:
                self.status_message.emit(
                    self.tr("This image's job had no source image."), STATUS_MS
                )
                return
            source = job.inputs[0]
            item = CompareItem(
                self._ctx.paths.resolve(source.path),
                self.tr("Source image ({slot})").format(slot=source.slot),
            )
            self.show_compare((item, self._compare_item(record)))

        self._services.tasks.run("read", read, got, owner=self, key="compare-source")

    def _compare_from_viewer(self, record: ImageRecord, which: str) -> None:
        """The viewer's Compare menu: the previous or next image, one to pick, or the source."""
        if which == "source":
            self.compare_with_source(record)
            return
        if which == "pick":
            self._compare_first = record
            self.activateWindow()
            self.status_message.emit(self.tr("Click the image to compare it with (Esc cancels)"), 0)
            return
        row = self.model.row_of(record.id)
        if row is None:
            return
        other = row - 1 if which == "previous" else row + 1
        if not 0 <= other < self.model.rowCount():
            self.status_message.emit(self.tr("There is no image there."), STATUS_MS)
            return

        def picked(records: list[ImageRecord]) -> None:
            if records:
                self.open_compare(record, records[0])

        self.model.read_records([other], picked, jobs=True)

    def _compare_item(self, record: ImageRecord) -> CompareItem:
        # Whole, on one line: the caption cuts it to the room it has, keeping size and seed.
        prompt = " ".join((self.model.prompt_of(record) or self.tr("(no prompt)")).split())
        seed = self._seed_of(record)
        details = [f"{record.width} × {record.height}"] if record.width else []
        if seed is not None:
            details.append(self.tr("seed {seed}").format(seed=seed))
        reads = self._services.reads

        def read_params() -> tuple[GenerationParams | None, Job | None]:
            job = reads.get_job(record.job_id)
            params = params_of(record)
            return (params if params is not None else job.params if job else None), job

        return CompareItem(
            self._ctx.paths.resolve(record.path),
            prompt,
            read_params,
            (record.width, record.height) if record.width else None,
            "".join(f" · {detail}" for detail in details),
        )
