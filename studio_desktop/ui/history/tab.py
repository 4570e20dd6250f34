"""The History tab: every job in a paged table, filtered by status and prompt search, with a
details pane; remix, retry and delete (with Undo), copy an error, export or copy a job's
workflow (UI or API format).

It reads through `Services.reads` in background tasks and writes through `Services.operations`;
the GUI thread never waits for the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QMenu,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.core.engine import JobFinished, ServerStatus
from studio_desktop.core.jobs import Attempt, ImageRecord, Job, JobStatus
from studio_desktop.core.messages import message
from studio_desktop.core.store.filters import JobFilter
from studio_desktop.core.sweeps.axes import cell_of
from studio_desktop.core.workflows.export import NO_GRAPH, WorkflowFormat
from studio_desktop.ui.gallery.compare import CompareDialog, CompareItem
from studio_desktop.ui.history.details import JobDetails, error_report
from studio_desktop.ui.history.empty_state import EmptyState
from studio_desktop.ui.history.filters import HistoryFilterBar
from studio_desktop.ui.history.model import PAGE_SIZE, Column, HistoryModel
from studio_desktop.ui.history.table import ALWAYS_SHOWN, JobTable
from studio_desktop.ui.popup_menu import popup
from studio_desktop.ui.send_to import SlotList, add_send_menu, no_slots
from studio_desktop.ui.services import Services
from studio_desktop.ui.texts import server_display_name, show_text
from studio_desktop.ui.thumbnails import ThumbnailLoader
from studio_desktop.ui.workflow_actions import (
    WorkflowAction,
    WorkflowActions,
    WorkflowSubject,
    add_workflow_actions,
)
from studio_desktop.workers.operations import when_done
from studio_desktop.workers.tasks import Task

HIDDEN_COLUMNS_KEY = "history_hidden_columns"


class HistoryTab(QWidget):
    """Jobs newest first; the selected one's details beside the table."""

    remix_requested = Signal(str)  # job id
    grid_requested = Signal(str)  # a sweep's group id: open its grid view
    status_message = Signal(str, int)  # text, timeout ms
    undo_available = Signal(str, object)  # text, callable that undoes
    # Path, slot name ("" = the main window picks): put an output into Generate's image slot.
    source_image_requested = Signal(object, str)

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
        self._details_read: Task | None = None
        self.workflow_actions = WorkflowActions(services, self)
        self._slots: SlotList = no_slots  # Generate's image slots (the main window sets it)
        self.compare_dialog: CompareDialog | None = None
        self.model = HistoryModel(
            services.reads,
            services.tasks,
            page_size=page_size,
            template_name=services.template_name,
            thumbnails=thumbnails,
            parent=self,
            default_model_used=services.default_model_used,
        )

        self.filters = HistoryFilterBar(self)
        self.table = JobTable(self)
        self.table.setModel(self.model)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self.table.fit_columns()
        self._restore_hidden_columns()

        self._empty = EmptyState(parent=self)
        self._stack = QStackedWidget(self)
        self._stack.addWidget(self.table)
        self._stack.addWidget(self._empty)

        self.details = JobDetails(
            thumbnails,
            self,
            template_name=services.template_name,
            template_fields=services.template_fields,
            default_model_used=services.default_model_used,
        )
        self._splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self._splitter.setChildrenCollapsible(False)
        left = QWidget(self._splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(12, 12, 6, 12)
        left_layout.setSpacing(6)
        left_layout.addWidget(self.filters)
        left_layout.addWidget(self._stack, 1)
        self._splitter.addWidget(left)
        self._splitter.addWidget(self.details)
        self._splitter.setStretchFactor(0, 3)
        self._splitter.setStretchFactor(1, 1)
        self._splitter.setSizes([900, 336])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._splitter)

        self._connect()
        self._server_names_changed()
        self._update_empty_state()

    def splitter(self) -> QSplitter:
        return self._splitter

    # --- wiring ---

    def _connect(self) -> None:
        pool = self._services.pool
        pool.jobs_added.connect(self.model.add_many)
        pool.job_changed.connect(self._job_changed)
        pool.outputs_ready.connect(self._outputs_ready)
        pool.server_changed.connect(self._server_changed)
        self.filters.changed.connect(self._filter_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.details.remix_clicked.connect(self.remix)
        self.details.retry_clicked.connect(self._retry_from_details)
        self.details.delete_clicked.connect(lambda job_id: self.delete([job_id]))
        self.details.copy_error_clicked.connect(self.copy_error)
        self.details.workflow_requested.connect(self.workflow_action)
        self.workflow_actions.status_message.connect(self.status_message)
        self.details.open_input_requested.connect(self._open_input)
        self.details.outputs.resolve = self._services.ctx.paths.resolve
        self.details.outputs.menu_requested.connect(self._output_menu)
        for signal in (
            self.model.modelReset,
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.page_loaded,
        ):
            signal.connect(self._update_empty_state)

    def _filter_changed(self, flt: object) -> None:
        if isinstance(flt, JobFilter):
            self.model.set_filter(flt)
        self._selection_changed()

    def _job_changed(self, job: Job) -> None:
        self.model.upsert(job)
        shown = self.details.job
        if shown is not None and shown.id == job.id:
            self._show(job)

    def _outputs_ready(self, finished: JobFinished) -> None:
        shown = self.details.job
        if shown is not None and shown.id == finished.job.id:
            self._show(finished.job)  # its outputs and its attempts as now recorded

    def _server_changed(self, _status: ServerStatus) -> None:
        self._server_names_changed()

    def _server_names_changed(self) -> None:
        self.model.set_server_names(
            {s.url: server_display_name(s.name) for s in self._services.pool.statuses()}
        )

    def _selection_changed(
        self, _selected: QItemSelection | None = None, _deselected: QItemSelection | None = None
    ) -> None:
        current = self.table.selectionModel().currentIndex()
        rows = self._selected_rows()
        if current.isValid() and current.row() in rows:
            self._show(self.model.job(current.row()))
        elif rows:
            self._show(self.model.job(rows[0]))
        else:
            self.details.show_job(None)

    def _show(self, job: Job) -> None:
        """Show a job in the details pane at once, then with its outputs (a completed one) and
        its attempts once they are read."""
        if self._details_read is not None:
            self._details_read.cancel()  # a slower read for the job shown before
            self._details_read = None
        # What is known now (the same job keeps what was read for it); the read fills in.
        shown = self.details.job
        same = shown is not None and shown.id == job.id
        self.details.show_job(
            job,
            self.details.shown_images if same else (),
            self.details.shown_attempts if same else (),
        )
        reads = self._services.reads
        completed = job.status is JobStatus.COMPLETED

        def read() -> tuple[list[ImageRecord], list[Attempt]]:
            images = reads.images_for_job(job.id) if completed else []
            return images, reads.attempts(job.id)

        self._details_read = self._services.tasks.run(
            "read",
            read,
            lambda found: self.details.show_job(job, found[0], found[1]),
            owner=self,
            key="details",
        )

    @property
    def busy(self) -> bool:
        """Whether a read for the table or the details pane is still under way (tests)."""
        return self.model.loading or (self._details_read is not None and self._details_read.pending)

    def _update_empty_state(self) -> None:
        empty = self.model.rowCount() == 0 and not self.model.canFetchMore()
        if self.filters.is_filtered():
            self._empty.set_text(
                self.tr("No jobs match these filters"),
                self.tr("Pick another status or change the search."),
            )
        else:
            self._empty.set_text(
                self.tr("No jobs yet"),
                self.tr("Queue one on the Generate tab and it shows up here."),
            )
        self._stack.setCurrentWidget(self._empty if empty else self.table)

    # --- selection ---

    def _selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.table.selectionModel().selectedRows()})

    def selected_jobs(self) -> list[Job]:
        return self.model.jobs(self._selected_rows())

    def select_job(self, job_id: str) -> bool:
        """Select (and show) a job's row if it is loaded."""
        row = self.model.row_of(job_id)
        if row is None:
            return False
        self._select_row(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _select_row(self, row: int) -> None:
        # Not QTableView.selectRow: that one reads the keyboard modifiers and may toggle instead.
        flags = QItemSelectionModel.SelectionFlag
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0), flags.ClearAndSelect | flags.Rows
        )

    # --- actions ---

    def remix(self, job_id: str) -> None:
        self.remix_requested.emit(job_id)

    def remix_selected(self) -> None:
        jobs = self.selected_jobs()
        if jobs:
            self.remix(jobs[0].id)

    def retry(self, job_id: str) -> None:
        self._services.pool.retry(job_id)  # a refusal arrives as pool.operation_failed
        self.status_message.emit(self.tr("Queued again"), 3000)

    def _retry_from_details(self, job_id: str) -> None:
        """The details pane's Retry: with several rows selected (the pane shows one of them),
        the user means them all, as the context menu's Retry does."""
        selected = self.selected_jobs()
        if len(selected) > 1 and any(job.id == job_id for job in selected):
            self.retry_selected()
        else:
            self.retry(job_id)

    def retry_selected(self) -> None:
        failed = [j for j in self.selected_jobs() if j.status.can_retry]
        for job in failed:
            self._services.pool.retry(job.id)
        if failed:
            self.status_message.emit(self.tr("Queued %n job(s) again", "", len(failed)), 3000)

    def delete_selected(self) -> None:
        self.delete([j.id for j in self.selected_jobs()])

    def delete(self, job_ids: Sequence[str]) -> None:
        """Hide finished jobs from History; offer Undo. Waiting or running ones are left."""
        jobs = [j for i in job_ids if (j := self._job(i)) is not None]
        finished = [j.id for j in jobs if j.status.is_final]
        if not finished:
            if jobs:
                self.status_message.emit(
                    self.tr("Cancel a waiting or running job before deleting it."), 5000
                )
            return
        gone = [j for j in jobs if j.id in finished]
        # The rows go at once; should the write be refused they come back (and the pool's
        # operation_failed says why).
        when_done(
            self._services.tasks,
            self._services.operations.delete_jobs(finished),
            owner=self,
            failed=lambda _exc: self._put_back(gone),
        )
        self.model.remove_ids(finished)
        self._selection_changed()
        text = self.tr("Deleted %n job(s) from History", "", len(finished))
        self.undo_available.emit(text, lambda: self._restore(finished))

    def _restore(self, job_ids: Sequence[str]) -> None:
        when_done(
            self._services.tasks,
            self._services.operations.restore_jobs(job_ids),
            self._put_back,
            owner=self,
        )

    def _put_back(self, jobs: Sequence[Job]) -> None:
        for job in jobs:
            self.model.upsert(job)

    def _job(self, job_id: str) -> Job | None:
        """A job the user can see: a loaded row, or the one in the details pane."""
        row = self.model.row_of(job_id)
        if row is not None:
            return self.model.job(row)
        shown = self.details.job
        return shown if shown is not None and shown.id == job_id else None

    def copy_error(self, job_id: str) -> None:
        """Put the job's error (message and the server's details) on the clipboard as text."""
        job = self._job(job_id)
        if job is None or job.error is None:
            self.status_message.emit(self.tr("This job has no error to copy."), 4000)
            return
        QGuiApplication.clipboard().setText(error_report(job.error))
        self.status_message.emit(self.tr("Error copied"), 2000)

    def workflow_subject(self, job: Job) -> WorkflowSubject:
        """What the workflow actions export for a job: its recorded graph, and its first output
        (read on the worker) for the `workflow` chunk ComfyUI's saver wrote."""
        reads, paths = self._services.reads, self._services.ctx.paths
        completed = job.status is JobStatus.COMPLETED

        def first_output() -> Path | None:
            images = reads.images_for_job(job.id) if completed else []
            return paths.resolve(images[0].path) if images else None

        return WorkflowSubject(
            job_id=job.id,
            template=self._services.template_name(job.template),
            server=job.server,
            api=job.workflow,
            file=first_output,
        )

    def workflow_action(self, job_id: str, action: WorkflowAction) -> None:
        """Export or copy a job's workflow (UI or API format); see ui/workflow_actions.py."""
        job = self._job(job_id)
        if job is None:
            return
        if job.workflow is None and job.status is not JobStatus.COMPLETED:
            # Nothing was sent yet: say so before asking for a file name.
            self.status_message.emit(show_text(message(NO_GRAPH)), 6000)
            return
        self.workflow_actions.run(action, self.workflow_subject(job))

    def export_workflow(self, job_id: str, fmt: WorkflowFormat = WorkflowFormat.UI) -> None:
        """Save the job's workflow as JSON (the UI format ComfyUI opens, or the API format)."""
        ui = fmt is WorkflowFormat.UI
        self.workflow_action(job_id, WorkflowAction.EXPORT_UI if ui else WorkflowAction.EXPORT_API)

    def _copy_error_selected(self) -> None:
        jobs = self.selected_jobs()
        if jobs:
            self.copy_error(jobs[0].id)

    def _workflow_action_selected(self, action: WorkflowAction) -> None:
        jobs = self.selected_jobs()
        if jobs:
            self.workflow_action(jobs[0].id, action)

    # --- an output: into a Generate image slot, or compared with the job's input ---

    def set_slot_list(self, slots: SlotList) -> None:
        """Where "Use as source image ▸" finds the image slots of Generate's template."""
        self._slots = slots

    def _first_output(self, job: Job) -> ImageRecord | None:
        """The job's first still output, as the details pane read it (None until then)."""
        shown = self.details.job
        if shown is None or shown.id != job.id:
            return None
        return next((r for r in self.details.shown_images if r.kind in ("image", "animated")), None)

    def add_output_actions(self, menu: QMenu, job: Job | None, output: ImageRecord | None) -> None:
        """ "Use as source image ▸ <slot>" and "Compare with its source image" for one output
        (public so tests can trigger them)."""
        usable = output is not None and output.kind in ("image", "animated")

        def send(slot: str) -> None:
            if output is not None:
                self._send_output(output, slot)

        def compare() -> None:
            if job is not None and output is not None:
                self.compare_with_source(job, output)

        add_send_menu(menu, self._slots, send, enabled=usable)
        action = menu.addAction(self.tr("Compare the output with its source image"))
        action.setEnabled(usable and job is not None and bool(job.inputs))
        action.triggered.connect(compare)

    def _output_menu(self, record: ImageRecord, pos: QPoint) -> None:
        popup(self.build_output_menu(record), pos)

    def build_output_menu(self, record: ImageRecord) -> QMenu:
        menu = QMenu(self)
        self.add_output_actions(menu, self.details.job, record)
        return menu

    def _send_output(self, record: ImageRecord, slot: str) -> None:
        self.source_image_requested.emit(self._services.ctx.paths.resolve(record.path), slot)

    def compare_with_source(self, job: Job, output: ImageRecord) -> CompareDialog | None:
        """The job's (first) input image beside its output, with the job's parameters."""
        if not job.inputs:
            return None
        paths = self._services.ctx.paths
        source = job.inputs[0]
        first = CompareItem(
            paths.resolve(source.path), self.tr("Source image ({slot})").format(slot=source.slot)
        )
        size = (output.width, output.height) if output.width else None
        second = CompareItem(
            paths.resolve(output.path),
            self.tr("Output {index}").format(index=output.index + 1),
            lambda: (job.params, job),
            size,
        )
        if self.compare_dialog is not None:
            self.compare_dialog.close()
            self.compare_dialog.deleteLater()
        self.compare_dialog = CompareDialog(
            (first, second),
            self._services.tasks,
            self,
            template_name=self._services.template_name,
            model_used=self._services.default_model_used,
        )
        self.compare_dialog.show()
        return self.compare_dialog

    def _open_input(self, stored: str) -> None:
        path = self._services.ctx.paths.resolve(stored)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.status_message.emit(self.tr("Could not open {path}").format(path=path), 5000)

    def _copy_prompt(self) -> None:
        jobs = self.selected_jobs()
        if jobs:
            QGuiApplication.clipboard().setText(jobs[0].params.prompt)
            self.status_message.emit(self.tr("Prompt copied"), 2000)

    # --- columns the user hid (kept in settings.ui_state, saved with the window) ---

    def _restore_hidden_columns(self) -> None:
        names = self._services.settings.ui_state.get(HIDDEN_COLUMNS_KEY, "")
        columns = [Column.__members__.get(n.upper()) for n in names.split(",") if n]
        self.table.set_user_hidden(c for c in columns if c is not None)

    def set_column_visible(self, column: Column, visible: bool) -> None:
        """Show or hide a column by the user's choice (kept in settings.ui_state)."""
        hidden = self.table.user_hidden
        if visible:
            hidden.discard(column)
        else:
            hidden.add(column)
        self.table.set_user_hidden(hidden)
        names = sorted(c.name.lower() for c in self.table.user_hidden)
        self._services.settings.ui_state[HIDDEN_COLUMNS_KEY] = ",".join(names)

    def _header_menu(self, pos: QPoint) -> None:
        popup(self.build_header_menu(), self.table.horizontalHeader().mapToGlobal(pos))

    def build_header_menu(self) -> QMenu:
        """The columns the user may hide, ticked while shown."""
        menu = QMenu(self)
        for column in Column:
            if column in ALWAYS_SHOWN:
                continue  # without these a row says nothing
            action = menu.addAction(self.model.column_title(column))
            action.setCheckable(True)
            action.setChecked(column not in self.table.user_hidden)
            action.toggled.connect(lambda checked, c=column: self.set_column_visible(c, checked))
        return menu

    def _context_menu(self, pos: QPoint) -> None:
        index: QModelIndex = self.table.indexAt(pos)
        if not index.isValid():
            return
        if index.row() not in self._selected_rows():
            self._select_row(index.row())
        popup(self.build_menu(self.selected_jobs()), self.table.viewport().mapToGlobal(pos))

    def build_menu(self, jobs: Sequence[Job]) -> QMenu:
        """The row menu for `jobs` (the selection; the first is the row clicked)."""
        menu = QMenu(self)
        menu.addAction(self.tr("Remix"), self.remix_selected)
        menu.addAction(self.tr("Copy prompt"), self._copy_prompt)
        retry = menu.addAction(self.tr("Retry"), self.retry_selected)
        retry.setEnabled(any(j.status.can_retry for j in jobs))
        # Of the row clicked (the first selected one): one job's error, one job's workflow.
        copy_error = menu.addAction(self.tr("Copy error"), self._copy_error_selected)
        copy_error.setEnabled(bool(jobs) and jobs[0].error is not None)
        add_workflow_actions(menu, self._workflow_action_selected, enabled=bool(jobs))
        sweep = jobs[0].group_id if jobs and cell_of(jobs[0].params.extra) is not None else None
        if sweep is not None:  # a cell of a sweep
            menu.addAction(self.tr("Open sweep grid"), lambda: self.grid_requested.emit(sweep))
        menu.addSeparator()
        output = self._first_output(jobs[0]) if jobs else None
        self.add_output_actions(menu, jobs[0] if jobs else None, output)
        menu.addSeparator()
        delete = menu.addAction(self.tr("Delete"), self.delete_selected)
        delete.setEnabled(any(j.status.is_final for j in jobs))
        return menu
