"""The main window: Generate, Gallery and History tabs, the queue dock, menus and status bar."""

from __future__ import annotations

import base64
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QByteArray, QMimeData, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from studio_desktop import __version__
from studio_desktop.core.jobs import Job, JobStatus
from studio_desktop.core.messages import UserMessage
from studio_desktop.ui.batch_notifier import BatchNotifier
from studio_desktop.ui.gallery.tab import GalleryTab
from studio_desktop.ui.generate.tab import GenerateTab, metadata_files
from studio_desktop.ui.history.tab import HistoryTab
from studio_desktop.ui.import_dialog import ImportDialog
from studio_desktop.ui.managed.badge import ManagedBadge
from studio_desktop.ui.managed.log_panel import LogPanel
from studio_desktop.ui.queue.panel import QueuePanel
from studio_desktop.ui.services import Services
from studio_desktop.ui.settings.dialog import SettingsDialog
from studio_desktop.ui.shortcut_sheet import ShortcutSheet
from studio_desktop.ui.status_bar import StudioStatusBar
from studio_desktop.ui.sweep_grid import SweepGridView, SweepWatch
from studio_desktop.ui.texts import show_text
from studio_desktop.ui.thumbnails import ThumbnailLoader
from studio_desktop.workers.tasks import Task

# The form is saved once typing pauses this long (not at every key): what was typed survives a
# crash, a kill or a logout, not only a clean close.
FORM_SAVE_PAUSE_MS = 1500


class CloseChoice:
    FINISH = "finish"
    KEEP = "keep"
    CANCEL_JOBS = "cancel"


class MainWindow(QMainWindow):
    """Owns the screens; holds no job state itself (the store does)."""

    close_requested = Signal(str)  # a CloseChoice: the app decides how to shut down
    restart_requested = Signal()  # Settings' "Restart now": close as usual, then start again
    queue_counts_changed = Signal(object)  # dict[JobStatus, int], read after the queue changed

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("Studio Desktop"))
        self.setMinimumSize(960, 640)
        self.thumbnails = ThumbnailLoader(services.ctx.paths, tasks=services.tasks, parent=self)

        self.generate = GenerateTab(services, self)
        self.generate.workflow_found.connect(self.import_workflow)
        self.gallery = GalleryTab(services, self.thumbnails, self)
        self.history = HistoryTab(services, self.thumbnails, self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.generate, self.tr("Generate"))
        self.tabs.addTab(self.gallery, self.tr("Gallery"))
        self.tabs.addTab(self.history, self.tr("History"))
        self.setCentralWidget(self.tabs)

        self.queue_panel = QueuePanel(services, self, thumbnails=self.thumbnails)
        self.queue_dock = QDockWidget(self.tr("Queue"), self)
        self.queue_dock.setObjectName("queue_dock")
        self.queue_dock.setWidget(self.queue_panel)
        self.queue_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.queue_dock)
        self.queue_panel.follow_in_tab_order(self.generate.queue_button)  # Tab reaches the dock

        self.status = StudioStatusBar(self)
        self.setStatusBar(self.status)
        self.managed_log: LogPanel | None = None
        self.managed_badge: ManagedBadge | None = None
        self.log_dock: QDockWidget | None = None
        if services.managed is not None:
            self.managed_log = LogPanel(services.managed, self)
            self.log_dock = QDockWidget(self.tr("ComfyUI log"), self)
            self.log_dock.setObjectName("comfyui_log_dock")
            self.log_dock.setWidget(self.managed_log)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.log_dock)
            self.log_dock.hide()
            self.managed_badge = ManagedBadge(services.managed, self.show_managed_log, self)
            self.status.addPermanentWidget(self.managed_badge)
        self.batch_notifier = BatchNotifier(services, self)  # "4 images ready" when a batch ends
        # The sweeps queued here: each one's grid view opens when its grid is made.
        self.sweep_watch = SweepWatch(services, self)
        self.sweep_grids: dict[str, SweepGridView] = {}
        self._allow_close = False
        self._counts: dict[JobStatus, int] = {}  # jobs per state, as last read
        self.import_dialog: ImportDialog | None = None
        self.setAcceptDrops(True)

        self._pending_undo: Callable[[], object] | None = None
        self._build_menus()
        self._connect()
        for status in services.pool.statuses():
            self.status.show_server(status)
        self._update_queue_counts()
        self.restore_state()
        self._form_save = QTimer(self)
        self._form_save.setSingleShot(True)
        self._form_save.setInterval(FORM_SAVE_PAUSE_MS)
        self._form_save.timeout.connect(self.save_state_soon)
        self.generate.form.changed.connect(self._form_save.start)
        # The prompt of a job just queued is kept at once, whatever else happens next.
        self.generate.queued.connect(lambda _count: self.save_state_soon())

    # --- wiring ---

    def _connect(self) -> None:
        pool = self.services.pool
        pool.server_changed.connect(self.status.show_server)
        pool.server_removed.connect(self.status.remove_server)
        pool.queue_changed.connect(self._update_queue_counts)
        # The queue's start-up read arrives after the window is built: count it then too.
        self.queue_panel.model.loaded.connect(self._update_queue_counts)
        pool.notice.connect(lambda text: self.status.showMessage(show_text(text), 8000))
        pool.operation_failed.connect(self._operation_failed)
        for screen in (self.generate, self.gallery, self.history, self.queue_panel):
            status_message = getattr(screen, "status_message", None)
            if status_message is not None:
                status_message.connect(self.status.showMessage)
            undo = getattr(screen, "undo_available", None)
            if undo is not None:
                undo.connect(self._offer_undo)
        for screen in (self.gallery, self.history):
            screen.remix_requested.connect(self.remix)
        for screen in (self.gallery, self.history):
            screen.source_image_requested.connect(self.use_as_source)
            screen.set_slot_list(self.image_slots)
        self.gallery.mask_edit_requested.connect(self.edit_mask_of)
        self.generate.sweep_queued.connect(self.sweep_watch.watch)
        self.sweep_watch.finished.connect(self._sweep_finished)
        for source in (self.queue_panel, self.history, self.gallery):
            source.grid_requested.connect(self.open_sweep_grid)

    def image_slots(self) -> list[tuple[str, str]]:
        """(name, label) of each image slot of Generate's current template, for the gallery's,
        the viewer's and History's "Use as source image ▸" menus."""
        form = self.generate.form
        return [(w.slot.name, form.template_image_label(w.slot.name)) for w in form.slot_widgets()]

    def _offer_undo(self, text: str, action: object) -> None:
        """The latest undoable change: a link in the status bar for a few seconds, and
        Edit ▸ Undo (Ctrl+Z) until another change replaces it."""
        if not callable(action):
            return
        self._pending_undo = action
        self.undo_action.setText(self.tr("&Undo: {what}").format(what=text))
        self.undo_action.setEnabled(True)
        self.status.offer_undo(text, self.undo)

    def undo(self) -> None:
        action, self._pending_undo = self._pending_undo, None
        self.undo_action.setText(self.tr("&Undo"))
        self.undo_action.setEnabled(False)
        self.status.expire_undo()
        if action is not None:
            action()
            self.status.showMessage(self.tr("Undone"), 3000)

    def _operation_failed(self, message: UserMessage | str) -> None:
        self.status.showMessage(show_text(message), 8000)

    def _update_queue_counts(self) -> None:
        # The queue panel's rows, which the pool's ordered change events keep current (other
        # processes' jobs included): the same numbers as the panel, and no database read here.
        waiting, running, failed = self.queue_panel.model.counts()
        self._counts = {
            JobStatus.PENDING: waiting,
            JobStatus.RUNNING: running,
            JobStatus.FAILED: failed,
        }
        self.status.set_queue_counts(waiting, *self.queue_panel.model.running_counts())
        self.queue_counts_changed.emit(dict(self._counts))

    def queue_counts(self) -> dict[JobStatus, int]:
        """Jobs per state as the queue panel holds them (waiting counts retrying ones)."""
        return dict(self._counts)

    def remix(self, job_id: str) -> None:
        """Load a stored job's parameters into Generate (the job is read off the GUI thread)."""
        self.services.tasks.run(
            "read",
            lambda: self.services.reads.get_job(job_id),
            self._remix_read,
            owner=self,
            key="remix",
        )

    def _remix_read(self, job: Job | None) -> None:
        if job is None:
            self.status.showMessage(self.tr("That job no longer exists."), 5000)
            return
        self.generate.load_job(job)
        self.tabs.setCurrentWidget(self.generate)
        self.status.showMessage(self.tr("Parameters loaded into Generate"), 4000)

    def open_sweep_grid(self, group_id: str, activate: bool = True) -> SweepGridView:
        """The grid view of a sweep (one per sweep; shown again if open). `activate=False`
        shows it without taking the focus from what the user is typing in."""
        view = self.sweep_grids.get(group_id)
        if view is None:
            view = SweepGridView(self.services, self.thumbnails, group_id, self)
            view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            view.remix_requested.connect(self.remix)
            view.status_message.connect(self.status.showMessage)
            view.destroyed.connect(lambda _obj=None, g=group_id: self.sweep_grids.pop(g, None))
            self.sweep_grids[group_id] = view
        view.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, not activate)
        view.show()
        if activate:
            view.raise_()
            view.activateWindow()
        return view

    def _sweep_finished(self, group_id: str, has_grid: bool) -> None:
        if has_grid:
            self.open_sweep_grid(group_id, activate=False)
            text = self.tr("A sweep has ended: its grid is open, and kept in the gallery.")
        else:
            text = self.tr("A sweep has ended with no picture to put in a grid.")
        self.status.showMessage(text, 10_000)

    def edit_mask_of(self, path: Path) -> None:
        """Inpaint a gallery image: Generate shows it in the masked slot (the Inpaint template
        when the current one masks nothing) and opens the mask editor on it."""
        if self.generate.edit_mask_of(path):
            self.tabs.setCurrentWidget(self.generate)

    def use_as_source(self, path: Path, slot_name: str = "") -> None:
        """Put an image into the named image slot of the current template (with no name: the
        first empty one, else the first) and show Generate; a template without one says which
        templates have."""
        slots = self.generate.form.slot_widgets()
        if not slots:
            template = self.generate.form.template()
            name = self.services.template_name(template.id) if template is not None else ""
            takers = [
                self.services.template_name(t.id)
                for t in self.services.ctx.templates.all()
                if t.images
            ]
            if takers:
                text = self.tr(
                    "The template “{name}” takes no source image; choose one that does: {list}"
                ).format(name=name, list=", ".join(takers))
            else:
                text = self.tr(
                    "No template takes a source image; import an image-to-image workflow "
                    "(File ▸ Import workflow)."
                )
            self.status.showMessage(text, 10_000)
            return
        named = [s for s in slots if s.slot.name == slot_name]
        slot = named[0] if named else next((s for s in slots if s.value() is None), slots[0])
        slot.add_file(path)  # copied into the library's inputs/ off the GUI thread
        self.tabs.setCurrentWidget(self.generate)
        slot.setFocus()
        self.status.showMessage(
            self.tr("Using {file} as “{slot}”").format(
                file=path.name, slot=self.generate.form.template_image_label(slot.slot.name)
            ),
            5000,
        )

    # --- menus ---

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(
            self._action(self.tr("Import workflow…"), self.choose_workflow, "Ctrl+I")
        )
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("Open data folder"), self._open_data_folder))
        file_menu.addAction(self._action(self.tr("Open log folder"), self._open_logs))
        file_menu.addSeparator()
        preferences = QKeySequence(QKeySequence.StandardKey.Preferences)
        # Only macOS (Cmd+,) and KDE define one; elsewhere Ctrl+, is what editors and browsers use.
        if preferences.isEmpty():
            preferences = QKeySequence("Ctrl+,")
        self.settings_action = self._action(self.tr("Settings…"), self.open_settings, preferences)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        quit_keys = QKeySequence(QKeySequence.StandardKey.Quit)
        if quit_keys.isEmpty():  # Windows defines none; Ctrl+Q is what its apps use too
            quit_keys = QKeySequence("Ctrl+Q")
        file_menu.addAction(self._action(self.tr("Quit"), self.close, quit_keys))

        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.undo_action = self._action(self.tr("&Undo"), self.undo, QKeySequence.StandardKey.Undo)
        self.undo_action.setEnabled(False)
        edit_menu.addAction(self.undo_action)

        queue_menu = bar.addMenu(self.tr("&Queue"))
        queue_menu.addAction(self._action(self.tr("Queue job"), self.generate.queue, "Ctrl+Return"))
        queue_menu.addAction(
            self._action(self.tr("Cancel current job"), self.generate.cancel_current, "Esc")
        )
        queue_menu.addAction(self._action(self.tr("Cancel all jobs…"), self._cancel_all))
        queue_menu.addSeparator()
        queue_menu.addAction(self.queue_dock.toggleViewAction())

        view = bar.addMenu(self.tr("&View"))
        for index, name in enumerate((self.tr("Generate"), self.tr("Gallery"), self.tr("History"))):
            view.addAction(
                self._action(name, partial(self.tabs.setCurrentIndex, index), f"Ctrl+{index + 1}")
            )

        if self.log_dock is not None:
            view.addSeparator()
            view.addAction(self.log_dock.toggleViewAction())

        image = bar.addMenu(self.tr("&Image"))
        image.addAction(
            self._action(
                self.tr("Next image"), self._gallery(self.gallery.select_next), "Ctrl+Right"
            )
        )
        image.addAction(
            self._action(
                self.tr("Previous image"), self._gallery(self.gallery.select_previous), "Ctrl+Left"
            )
        )
        image.addAction(
            self._action(self.tr("Open viewer"), self._gallery(self.gallery.open_viewer), "Ctrl+O")
        )
        image.addAction(
            self._action(
                self.tr("Toggle favourite"), self._gallery(self.gallery.toggle_favourite), "Ctrl+D"
            )
        )
        image.addAction(
            self._action(
                self.tr("Delete"),
                self._gallery(self.gallery.delete_selected),
                QKeySequence.StandardKey.Delete,
            )
        )

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(
            self._action(self.tr("Keyboard shortcuts…"), self.show_shortcuts, "Ctrl+/")
        )
        help_menu.addAction(self._action(self.tr("About Studio Desktop"), self._about))

    # --- importing workflows, restoring parameters ---

    def choose_workflow(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import a ComfyUI workflow"),
            "",
            self.tr("ComfyUI workflows (*.json *.png *.webp *.webm *.mp4);;All files (*)"),
        )
        if name:
            self.import_workflow(Path(name))

    def import_workflow(self, path: Path) -> ImportDialog:
        """Open the import dialog for a workflow file (non-modal, so tests can drive it)."""
        if self.import_dialog is not None:
            self.import_dialog.close()
        dialog = ImportDialog(
            path,
            self.services.ctx.paths.templates,
            self.generate.object_info(),
            self,
            tasks=self.services.tasks,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(self._workflow_imported)
        dialog.finished.connect(lambda _result: self._forget_dialog(dialog))
        self.import_dialog = dialog
        dialog.show()
        return dialog

    def _forget_dialog(self, dialog: ImportDialog) -> None:
        if self.import_dialog is dialog:
            self.import_dialog = None

    def _workflow_imported(self, template_id: str) -> None:
        self.services.ctx.templates.reload()
        self.generate.reload_templates()
        self.generate.select_template(template_id)
        self.tabs.setCurrentWidget(self.generate)
        self.status.showMessage(self.tr("Template saved; it is selected in Generate."), 6000)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _workflow_files(event.mimeData()) or metadata_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if _workflow_files(event.mimeData()) or metadata_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        workflows = _workflow_files(event.mimeData())
        images = metadata_files(event.mimeData())
        if workflows:
            event.acceptProposedAction()
            self.import_workflow(workflows[0])
        elif images:
            event.acceptProposedAction()
            self.tabs.setCurrentWidget(self.generate)
            self.generate.restore_from_file(images[0])
        else:
            event.ignore()

    def _gallery(self, action: Callable[[], object]) -> Callable[[], object]:
        def run() -> object:
            self.tabs.setCurrentWidget(self.gallery)
            return action()

        return run

    def _open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.services.ctx.paths.root)))

    def _open_logs(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.services.ctx.paths.logs)))

    def open_settings(self, page: str = "servers") -> None:
        dialog = SettingsDialog(self.services, self, page=page)
        dialog.status_message.connect(self.status.showMessage)
        dialog.settings_changed.connect(self._settings_changed)
        dialog.restart_requested.connect(self.restart_requested)
        dialog.exec()

    def _settings_changed(self) -> None:
        changed = getattr(self.gallery, "settings_changed", None)
        if callable(changed):
            changed()

    def shutdown(self) -> None:
        """Stop the screens' own background work (list fetches, decoders) before the app ends."""
        self._form_save.stop()
        if self.import_dialog is not None:
            self.import_dialog.shutdown()
        for view in list(self.sweep_grids.values()):
            view.shutdown()
        for screen in (self.generate, self.gallery, self.history, self.queue_panel):
            stop = getattr(screen, "shutdown", None)
            if callable(stop):
                stop()

    def show_managed_log(self) -> None:
        if self.log_dock is not None:
            self.log_dock.show()
            self.log_dock.raise_()

    def _cancel_all(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Cancel all jobs"),
            self.tr("Cancel every waiting and running job?"),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.services.pool.cancel_all()

    def show_shortcuts(self) -> ShortcutSheet:
        sheet = ShortcutSheet(self.menuBar(), self)
        sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        sheet.open()
        return sheet

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Studio Desktop"),
            self.tr(
                "Studio Desktop {version}\nMake images with ComfyUI on your own GPU.\n\n"
                "Data folder: {folder}"
            ).format(version=__version__, folder=self.services.ctx.paths.root),
        )

    # --- state ---

    def restore_state(self) -> None:
        state = self.services.settings.ui_state
        if "geometry" in state:
            self.restoreGeometry(_decode(state["geometry"]))
        else:
            self._fit_first_window()
        if "window_state" in state:
            self.restoreState(_decode(state["window_state"]))
        if "generate_splitter" in state:
            self.generate.splitter().restoreState(_decode(state["generate_splitter"]))
        if "tab" in state:
            self.tabs.setCurrentIndex(int(state["tab"]))
        if self.services.settings.last_form:
            self.generate.restore_form_state(self.services.settings.last_form)

    def _fit_first_window(self) -> None:
        """1400 × 900 where it fits; on a small laptop screen nine tenths of it, centred, so the
        status bar and the Queue button are not below the bottom edge."""
        available = self.screen().availableGeometry()
        width = min(1400, available.width() * 9 // 10)
        height = min(900, available.height() * 9 // 10)
        self.resize(width, height)
        self.move(
            available.x() + (available.width() - width) // 2,
            available.y() + (available.height() - height) // 2,
        )

    def save_state(self) -> None:
        """Write the window and the form to settings.json before returning (at close)."""
        self._take_state()
        self.services.save_settings()

    def save_state_soon(self) -> Task:
        """Write the window and the form as they are now, off the GUI thread (as the user
        works); a later `save_state` or `save_state_soon` wins over this one."""
        self._take_state()
        return self.services.save_settings_soon()

    def _take_state(self) -> None:
        self._form_save.stop()  # what it would save is in this save
        settings = self.services.settings
        settings.ui_state.update(
            {
                "geometry": _encode(self.saveGeometry()),
                "window_state": _encode(self.saveState()),
                "generate_splitter": _encode(self.generate.splitter().saveState()),
                "tab": str(self.tabs.currentIndex()),
            }
        )
        settings.last_form = self.generate.form_state()

    # --- closing ---

    def allow_close(self) -> None:
        self._allow_close = True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._allow_close:
            event.accept()
            return
        self.save_state()
        # The counts as last read (after every queue change): no database wait on closing.
        counts = self._counts
        running = counts.get(JobStatus.RUNNING, 0) + counts.get(JobStatus.RETRYING, 0)
        waiting = counts.get(JobStatus.PENDING, 0)
        choice = CloseChoice.KEEP
        managed = self.services.managed
        if managed is not None and managed.active and (running or waiting):
            # The jobs run on the ComfyUI we started: quitting stops it, so they stop too (and
            # stay queued for the next start).
            if not self._confirm_stop_server(running, waiting):
                event.ignore()
                return
            event.ignore()
            self.close_requested.emit(CloseChoice.KEEP)
            return
        if running or waiting:
            box = QMessageBox(self)
            box.setIcon(QMessageBox.Icon.Question)
            box.setWindowTitle(self.tr("Jobs are still in the queue"))
            box.setText(
                self.tr("{running} running and {waiting} waiting jobs.").format(
                    running=running, waiting=waiting
                )
            )
            box.setInformativeText(
                self.tr(
                    "Finish them before quitting, keep them queued for the next start, "
                    "or cancel them?"
                )
            )
            finish = box.addButton(self.tr("Finish, then quit"), QMessageBox.ButtonRole.AcceptRole)
            keep = box.addButton(self.tr("Keep queued"), QMessageBox.ButtonRole.DestructiveRole)
            cancel_jobs = box.addButton(self.tr("Cancel jobs"), QMessageBox.ButtonRole.ActionRole)
            stay = box.addButton(QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(keep)
            box.exec()
            clicked = box.clickedButton()
            if clicked is stay or clicked is None:
                event.ignore()
                return
            if clicked is finish:
                choice = CloseChoice.FINISH
            elif clicked is cancel_jobs:
                choice = CloseChoice.CANCEL_JOBS
        event.ignore()  # the app closes the window once the workers are down
        self.close_requested.emit(choice)

    def _confirm_stop_server(self, running: int, waiting: int) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("ComfyUI is running jobs"))
        box.setText(
            self.tr("{running} running and {waiting} waiting jobs.").format(
                running=running, waiting=waiting
            )
        )
        box.setInformativeText(
            self.tr(
                "Studio Desktop started this ComfyUI and stops it when you quit. The jobs stay "
                "queued for the next start."
            )
        )
        quit_button = box.addButton(
            self.tr("Quit and stop server"), QMessageBox.ButtonRole.DestructiveRole
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(quit_button)
        self.stop_server_box = box  # for tests
        box.exec()
        return box.clickedButton() is quit_button


def _workflow_files(mime: QMimeData) -> list[Path]:
    return [
        Path(url.toLocalFile())
        for url in mime.urls()
        if url.isLocalFile() and url.toLocalFile().lower().endswith(".json")
    ]


def _encode(data: QByteArray) -> str:
    return base64.b64encode(bytes(data.data())).decode("ascii")


def _decode(text: str) -> QByteArray:
    try:
        return QByteArray(base64.b64decode(text))
    except ValueError:
        return QByteArray()
