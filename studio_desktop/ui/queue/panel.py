"""The queue panel (a dock on every tab): the job list with a summary, buttons, a context menu
and drag to reorder. Cancel, move to front, retry, dismiss failed jobs. Pause and resume the
queue (every server, or one from the Pause button's menu); batch groups as one expandable row
each (`groups.py`), their jobs hidden from the list below.
"""

from __future__ import annotations

import itertools
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.core.engine import ServerState, ServerStatus
from studio_desktop.core.groups import GroupProgress, QueuePause
from studio_desktop.core.jobs import Job, JobStatus
from studio_desktop.core.workflows import TemplateError
from studio_desktop.ui.history.empty_state import EmptyState
from studio_desktop.ui.popup_menu import popup
from studio_desktop.ui.queue.delegate import QueueDelegate
from studio_desktop.ui.queue.groups import GroupRows, shown_as_group
from studio_desktop.ui.queue.model import JobIdRole, QueueModel
from studio_desktop.ui.queue.view import QueueView
from studio_desktop.ui.services import Services
from studio_desktop.ui.texts import server_display_name
from studio_desktop.ui.thumbnails import ThumbnailLoader
from studio_desktop.workers.operations import when_done

log = logging.getLogger("studio.ui")

GROUPS_REFRESH_MS = 300
PAUSE_REFRESH_MS = 2000


class QueuePanel(QWidget):
    """The queue dock's content."""

    status_message = Signal(str, int)  # text, timeout ms
    grid_requested = Signal(str)  # a sweep's group id (its row's "Open grid")

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        *,
        thumbnails: ThumbnailLoader | None = None,
    ) -> None:
        """`thumbnails`: the window's loader (shared cache); without one the panel has its own."""
        super().__init__(parent)
        self._services = services
        self.model = QueueModel(
            self, template_name=services.template_name, template_kind=self._template_kind
        )
        self._own_thumbnails = thumbnails is None
        self.thumbnails = thumbnails or ThumbnailLoader(
            services.ctx.paths, tasks=services.tasks, parent=self
        )

        self.summary = QLabel(self)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.cancel_all_button = QToolButton(self)
        self.cancel_all_button.setText(self.tr("Cancel all"))
        self.cancel_all_button.setToolTip(self.tr("Cancel every waiting and running job"))
        self.cancel_all_button.setAutoRaise(True)
        self.cancel_all_button.clicked.connect(lambda: self.cancel_all())
        # The counts have a line of their own, the dock's whole width: beside the buttons they
        # had half of it, and "3 waiting · 0 sampling · 1 failed" (and its Chinese) broke in
        # two at the default window size. They grow ("· 1 failed") as jobs come and go, so
        # past the width they wrap rather than widening the dock.
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.summary.setWordWrap(True)
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.setSpacing(6)
        self.pause_button = QToolButton(self)
        self.pause_button.setCheckable(True)
        self.pause_button.setAutoRaise(True)
        self.pause_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.pause_button.clicked.connect(lambda checked: self.set_paused(checked))
        self._server_menu = QMenu(self.pause_button)
        self._server_menu.aboutToShow.connect(self._fill_server_menu)
        self.pause_button.setMenu(self._server_menu)
        header.addWidget(self.pause_button)
        header.addWidget(self.cancel_all_button)
        header.addStretch(1)
        self._pause = QueuePause()
        self._show_pause()

        self.groups = GroupRows(self._server_choices, self)
        self.groups.setVisible(False)
        self.groups.cancel_requested.connect(self.cancel_group)
        self.groups.retry_requested.connect(self.retry_group)
        self.groups.pause_requested.connect(self.pause_group)
        self.groups.pin_requested.connect(self.pin_group)
        self.groups.grid_requested.connect(self.grid_requested)
        # Group progress is read off the GUI thread a moment after the rows change (a batch of
        # a thousand changes is one read).
        self._groups_timer = QTimer(self)
        self._groups_timer.setSingleShot(True)
        self._groups_timer.setInterval(GROUPS_REFRESH_MS)
        self._groups_timer.timeout.connect(self._read_groups)
        self._hidden_groups: set[str] = set()
        # A pause written by another process (`studio-desktop queue pause`) changes no job:
        # the state is read again now and then (one small read off the GUI thread).
        self._pause_timer = QTimer(self)
        self._pause_timer.setInterval(PAUSE_REFRESH_MS)
        self._pause_timer.timeout.connect(self._read_pause)
        self._pause_timer.start()

        self.view = QueueView(self.model, self)
        self.delegate = QueueDelegate(self.thumbnails, self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.setUniformItemSizes(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDragEnabled(True)
        self.view.setDropIndicatorShown(True)
        self.view.setMouseTracking(True)
        self.view.viewport().setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self._empty = EmptyState(
            self.tr("Queue is empty"),
            self.tr("Jobs you queue on the Generate tab wait here."),
            self,
        )
        self._stack = QStackedWidget(self)
        self._stack.addWidget(self.view)
        self._stack.addWidget(self._empty)
        self._actions = QWidget(self)

        self.front_button = self._tool(
            self.tr("To front"),
            self.tr("Run the selected waiting jobs next"),
            self.move_selected_to_front,
        )
        self.retry_button = self._tool(
            self.tr("Retry"),
            self.tr("Queue the selected failed or cancelled jobs again"),
            self.retry_selected,
        )
        self.cancel_button = self._tool(
            self.tr("Cancel"),
            self.tr("Cancel the selected jobs"),
            self.cancel_selected,
        )
        self.dismiss_button = self._tool(
            self.tr("Clear failed"),
            self.tr("Remove failed jobs from this list (History keeps them)"),
            self.dismiss_failed,
        )
        actions = QHBoxLayout(self._actions)
        actions.setContentsMargins(0, 0, 0, 0)
        actions.setSpacing(6)
        for button in (self.front_button, self.retry_button, self.cancel_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.dismiss_button)
        # The row (and the button that comes and goes in it) keeps its room while hidden: the
        # dock widened, squeezing the preview beside it, each time "Clear failed" appeared.
        for widget in (self.dismiss_button, self._actions):
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            widget.setSizePolicy(policy)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.summary)
        layout.addLayout(header)
        layout.addWidget(self.groups)
        layout.addWidget(self._stack, 1)
        layout.addWidget(self._actions)

        # Connected before the read starts, so no event between the two is missed (the model
        # keeps the newer state of each job, whichever arrives first).
        self._connect()
        self._server_names_changed()
        self._update()
        self._load()
        self._read_pause()

    def _read_pause(self) -> None:
        reads = self._services.reads
        self._services.tasks.run(
            "read", reads.queue_pause, self._pause_read, owner=self, key="pause"
        )

    def _load(self) -> None:
        """Read the waiting and running jobs off the GUI thread; the model merges them."""
        reads = self._services.reads
        self._services.tasks.run(
            "read",
            lambda: reads.jobs_with_status(
                JobStatus.PENDING, JobStatus.RUNNING, JobStatus.RETRYING
            ),
            self.model.load,
            owner=self,
            key="active",
            failed=self._load_failed,
        )

    def _load_failed(self, exc: Exception) -> None:
        # The events still keep the list current; say why the jobs from before are missing.
        log.warning("could not read the queued jobs", exc_info=exc)
        self.model.load([])
        self.status_message.emit(
            self.tr("Could not read the queued jobs: {reason}").format(reason=exc), 8000
        )

    def _tool(self, text: str, tip: str, slot: Any) -> QToolButton:
        button = QToolButton(self._actions)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _connect(self) -> None:
        pool = self._services.pool
        pool.jobs_added.connect(self.model.add_many)
        pool.job_changed.connect(self.model.upsert)
        pool.progress.connect(self.model.set_progress)
        pool.job_started.connect(self._job_started)
        pool.retrying.connect(self.model.set_retrying)
        pool.blocked.connect(self.model.set_blocked)
        pool.server_changed.connect(self._server_changed)
        pool.batch_queued.connect(self.model.set_batch)
        self.thumbnails.loaded.connect(self._thumbnail_loaded)
        self.model.reorder_requested.connect(self._reorder)
        self.delegate.close_clicked.connect(self._close_clicked)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        for signal in (
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.rowsMoved,
            self.model.modelReset,
            self.model.dataChanged,
            self.model.loaded,
        ):
            signal.connect(self._update)
            signal.connect(lambda *_: self._read_groups_soon())
        self.model.rowsInserted.connect(self._hide_inserted)

    def follow_in_tab_order(self, before: QWidget) -> None:
        """Put the panel's controls (top to bottom) right after `before` in the Tab order, so
        the dock is reached from the screen beside it and Shift+Tab goes back there."""
        chain = [
            before,
            self.pause_button,
            self.cancel_all_button,
            self.groups,
            self.view,
            self.front_button,
            self.retry_button,
            self.cancel_button,
            self.dismiss_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def shutdown(self) -> None:
        """Stop decoding thumbnails (the window stops its shared loader itself)."""
        if self._own_thumbnails:
            self.thumbnails.shutdown()

    def _template_kind(self, template_id: str) -> str:
        try:
            return self._services.ctx.templates.get(template_id).output_kind
        except TemplateError:  # no longer installed: its jobs still show a picture
            return "image"

    def _thumbnail_loaded(self, stored_path: str) -> None:
        if self.model.shows_input(stored_path):
            self.view.viewport().update()

    def _job_started(self, job_id: str, _server: str) -> None:
        self.model.mark_started(job_id)

    def _server_changed(self, _status: ServerStatus) -> None:
        self._server_names_changed()

    def _server_names_changed(self) -> None:
        self.model.set_server_names(
            {s.url: server_display_name(s.name) for s in self._services.pool.statuses()}
        )

    # --- state shown ---

    def summary_text(self) -> str:
        waiting, _running, failed = self.model.counts()
        paused = [self.tr("Paused")] if self._pause.all_servers else []
        sampling, on_server = self.model.running_counts()
        parts = [self.tr("%n waiting", "", waiting), self.tr("%n sampling", "", sampling)]
        if on_server:
            # Sent (or being sent) and held in a server's queue: not running yet.
            parts.append(self.tr("%n waiting on server", "", on_server))
        if failed:
            parts.append(self.tr("%n failed", "", failed))
        return " · ".join(paused + parts)

    def _update(self, *_args: object) -> None:
        waiting, running, failed = self.model.counts()
        self.summary.setText(self.summary_text())
        self.summary.setToolTip(self.summary_text())
        # "Queue is empty" only once the store has said so, not while it is being read.
        empty = self.model.is_loaded and not self.model.rowCount()
        self._stack.setCurrentWidget(self._empty if empty else self.view)
        self._actions.setVisible(self.model.rowCount() > 0)
        self.cancel_all_button.setEnabled(bool(waiting or running))
        self.dismiss_button.setVisible(bool(failed))
        self._update_buttons()

    # --- pausing ---

    @property
    def pause_state(self) -> QueuePause:
        return self._pause

    def set_paused(self, paused: bool, server: str | None = None) -> None:
        """Pause or resume the whole queue (None) or one server, on the operations thread."""
        pool = self._services.pool
        future = pool.pause(server) if paused else pool.resume(server)
        when_done(self._services.tasks, future, self._pause_read, owner=self)

    def _pause_read(self, state: QueuePause) -> None:
        self._pause = state
        self._show_pause()
        self._update()

    def _show_pause(self) -> None:
        paused = self._pause.all_servers
        self.pause_button.setChecked(paused)
        self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))
        if paused:
            tip = self.tr("Let the servers take new jobs again")
        else:
            tip = self.tr("Take no new job (what runs finishes); the menu pauses one server")
        self.pause_button.setToolTip(tip)

    def _server_choices(self) -> list[tuple[str, str]]:
        return [(s.url, server_display_name(s.name)) for s in self._services.pool.statuses()]

    def _fill_server_menu(self) -> None:
        self._server_menu.clear()
        for url, name in self._server_choices():
            action = self._server_menu.addAction(
                self.tr("Pause {server}").format(server=name or url)
            )
            action.setCheckable(True)
            action.setChecked(url in self._pause.servers)
            action.toggled.connect(lambda checked, u=url: self.set_paused(checked, u))
        if not self._server_menu.actions():
            none = self._server_menu.addAction(self.tr("No server is connected"))
            none.setEnabled(False)

    # --- groups ---

    def _read_groups_soon(self) -> None:
        # After the first change of a burst, not the last: a batch that keeps arriving (a
        # 1,000-job sweep) would otherwise show its rows ungrouped until it has all arrived.
        if not self._groups_timer.isActive():
            self._groups_timer.start()

    def _read_groups(self) -> None:
        ids = [j.group_id for j in self.model.active_groups() if j.group_id is not None]
        if not ids:
            self._show_groups([])
            return
        reads = self._services.reads
        self._services.tasks.run(
            "read", lambda: reads.group_progress(ids), self._show_groups, owner=self, key="groups"
        )

    def _show_groups(self, groups: list[GroupProgress]) -> None:
        shown = [g for g in groups if shown_as_group(g)]
        jobs: dict[str, list[Job]] = {g.group.id: [] for g in shown}
        for row in range(self.model.rowCount()):
            job = self.model.entry(row).job
            if job.group_id in jobs:
                jobs[job.group_id].append(job)
        working = (ServerState.IDLE, ServerState.BUSY)
        servers = sum(1 for s in self._services.pool.statuses() if s.state in working)
        self.groups.show_groups(shown, jobs, servers)
        self._hidden_groups = set(jobs)
        self._hide_grouped_rows()

    def _hide_inserted(self, _parent: object, first: int, last: int) -> None:
        """New jobs of a group that has (or will have: several of its jobs arrived together)
        its own row go under it at once, not after the next group read: a sweep's jobs are
        not painted in the list one by one meanwhile."""
        rows = range(first, last + 1)
        per_group = Counter(self.model.entry(row).job.group_id for row in rows)
        self._hidden_groups |= {g for g, n in per_group.items() if g is not None and n > 1}
        for row in rows:
            if self.model.entry(row).job.group_id in self._hidden_groups:
                self.view.setRowHidden(row, True)

    def _hide_grouped_rows(self) -> None:
        """A group's jobs show under its row, not in the list."""
        for row in range(self.model.rowCount()):
            job = self.model.entry(row).job
            self.view.setRowHidden(row, job.group_id in self._hidden_groups)

    def cancel_group(self, group_id: str) -> None:
        self._services.pool.cancel_group(group_id)

    def retry_group(self, group_id: str) -> None:
        self._services.pool.retry_group(group_id)

    def pause_group(self, group_id: str, paused: bool) -> None:
        future = self._services.pool.set_group_paused(group_id, paused)
        when_done(self._services.tasks, future, lambda _g: self._groups_timer.start(), owner=self)

    def pin_group(self, group_id: str, server: object) -> None:
        future = self._services.pool.pin_group(
            group_id, server if isinstance(server, str) else None
        )
        when_done(self._services.tasks, future, lambda _j: self._read_groups(), owner=self)

    def pin_jobs(self, jobs: Iterable[Job], server: str | None) -> None:
        """Run these waiting jobs on `server` only (None: on any), on the operations thread."""
        for job in jobs:
            self._services.pool.pin(job.id, server)

    def _pinner(self, jobs: list[Job], url: str) -> Callable[[], None]:
        return lambda: self.pin_jobs(jobs, url)

    def _update_buttons(self) -> None:
        jobs = self.selected_jobs()
        self.front_button.setEnabled(any(j.status is JobStatus.PENDING for j in jobs))
        self.retry_button.setEnabled(any(j.status.can_retry for j in jobs))
        self.cancel_button.setEnabled(any(j.status.is_active for j in jobs))

    # --- selection ---

    def selected_jobs(self) -> list[Job]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedIndexes()})
        return [self.model.entry(r).job for r in rows if r < self.model.rowCount()]

    def select_jobs(self, job_ids: Iterable[str]) -> None:
        selection = self.view.selectionModel()
        selection.clearSelection()
        for job_id in job_ids:
            row = self.model.row_of(job_id)
            if row is not None:
                selection.select(self.model.index(row), selection.SelectionFlag.Select)

    # --- actions ---

    def cancel(self, job_id: str) -> None:
        self._services.pool.cancel(job_id)  # a refusal arrives as pool.operation_failed

    def cancel_selected(self) -> None:
        jobs = [j for j in self.selected_jobs() if j.status.is_active]
        for job in jobs:
            self.cancel(job.id)
        if jobs:
            self.status_message.emit(self.tr("Cancelling %n job(s)", "", len(jobs)), 3000)

    def cancel_all(self, *, ask: bool = True) -> bool:
        """Cancel every waiting and running job, after asking. True if it was done."""
        waiting, running, _ = self.model.counts()
        if not (waiting or running):
            return False
        if ask:
            answer = QMessageBox.question(
                self,
                self.tr("Cancel all jobs"),
                self.tr("Cancel {waiting} waiting and {running} running jobs?").format(
                    waiting=waiting, running=running
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self._services.pool.cancel_all()
        self.status_message.emit(self.tr("Cancelling every job"), 3000)
        return True

    def move_to_front(self, job_id: str) -> None:
        self._services.pool.move_to_front(job_id)

    def move_selected_to_front(self) -> None:
        # Last first, so the selection keeps its order at the top.
        waiting = [j for j in self.selected_jobs() if j.status is JobStatus.PENDING]
        for job in reversed(waiting):
            self.move_to_front(job.id)

    def retry(self, job_id: str) -> None:
        self._services.pool.retry(job_id)

    def retry_selected(self) -> None:
        failed = [j for j in self.selected_jobs() if j.status.can_retry]
        for job in failed:
            self.retry(job.id)
        if failed:
            self.status_message.emit(self.tr("Queued %n job(s) again", "", len(failed)), 3000)

    def dismiss_failed(self, job_ids: Iterable[str] | None = None) -> None:
        self.model.dismiss(self.model.failed_ids() if job_ids is None else job_ids)

    def _close_clicked(self, job_id: str) -> None:
        row = self.model.row_of(job_id)
        if row is None:
            return
        if self.model.entry(row).job.status is JobStatus.FAILED:
            self.model.dismiss([job_id])
        else:
            self.cancel(job_id)

    def _reorder(self, plan: list[str]) -> None:
        for job_id in plan:
            self.move_to_front(job_id)

    def _copy_prompt(self) -> None:
        jobs = self.selected_jobs()
        if jobs:
            QGuiApplication.clipboard().setText(jobs[0].params.prompt)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        if not self.view.selectionModel().isSelected(index):
            self.select_jobs([str(index.data(JobIdRole))])
        popup(self.build_menu(self.selected_jobs()), self.view.viewport().mapToGlobal(pos))

    def build_menu(self, jobs: Sequence[Job]) -> QMenu:
        """The context menu for the selected `jobs`."""
        menu = QMenu(self)
        front = menu.addAction(self.tr("Move to front"), self.move_selected_to_front)
        front.setEnabled(any(j.status is JobStatus.PENDING for j in jobs))
        retry = menu.addAction(self.tr("Retry"), self.retry_selected)
        retry.setEnabled(any(j.status is JobStatus.FAILED for j in jobs))
        menu.addAction(self.tr("Copy prompt"), self._copy_prompt)
        waiting = [j for j in jobs if j.status is JobStatus.PENDING]
        run_on = menu.addMenu(self.tr("Run on"))
        run_on.setEnabled(bool(waiting))
        anywhere = run_on.addAction(self.tr("Any server"), lambda: self.pin_jobs(waiting, None))
        anywhere.setCheckable(True)
        anywhere.setChecked(all(not j.pinned for j in waiting))
        for url, name in self._server_choices():
            action = run_on.addAction(name or url, self._pinner(waiting, url))
            action.setCheckable(True)
            action.setChecked(bool(waiting) and all(j.pinned and j.server == url for j in waiting))
        menu.addSeparator()
        cancel = menu.addAction(self.tr("Cancel"), self.cancel_selected)
        cancel.setEnabled(any(j.status.is_active for j in jobs))
        if any(j.status is JobStatus.FAILED for j in jobs):
            menu.addAction(
                self.tr("Dismiss"),
                lambda: self.dismiss_failed([j.id for j in jobs if j.status is JobStatus.FAILED]),
            )
        menu.addAction(self.tr("Cancel all…"), self.cancel_all)
        return menu
