"""The Generate tab: the form (left, scrollable) with the Queue button, the current job (right).

An image file dropped or pasted onto the tab (outside an image slot) gives back the parameters it
was made with, read from its metadata off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.groups import GroupKind, NewGroup
from studio_desktop.core.jobs import Job, NewJob
from studio_desktop.core.library.metadata import RestoredParams, read_generation_info_file
from studio_desktop.core.managed.downloads import managed_models_root
from studio_desktop.core.messages import text_of
from studio_desktop.core.prompts.dynamic import PromptSyntaxError
from studio_desktop.core.sweeps.axes import Axis, sweep_json
from studio_desktop.core.workflows.needs import missing_models, missing_packs
from studio_desktop.core.workflows.sources import load_workflow_source
from studio_desktop.core.workflows.template import TemplateError
from studio_desktop.ui.generate.form import GenerateForm
from studio_desktop.ui.generate.needs_panel import NeedsPanel
from studio_desktop.ui.generate.problem_list import ProblemList
from studio_desktop.ui.generate.progress import ProgressPanel
from studio_desktop.ui.generate.server_lists import ServerLists, ServerListsFetcher
from studio_desktop.ui.services import Services
from studio_desktop.ui.sweep_notes import missing_notes
from studio_desktop.ui.texts import server_display_name, show_text
from studio_desktop.ui.wheel_guard import WheelGuard
from studio_desktop.workers.managed import ManagedController

DEFAULT_SERVER_HINT = "http://127.0.0.1:8188"
STATUS_MS = 5000
# What "Edit mask" on a result picks when the current template masks nothing.
INPAINT_TEMPLATE: Final = "inpaint"
RESTORE_STATUS_MS = 12_000
# Files whose metadata may hold generation parameters (PNG text chunks, EXIF UserComment).
# GIFs, videos and sounds too: our outputs carry a `studio` comment or container tag
# (core.library.image_tags, media_tags),
# ComfyUI's savers a `prompt` one.
METADATA_SUFFIXES: Final = (
    *(".png", ".jpg", ".jpeg", ".webp", ".gif"),
    *(".mp4", ".mov", ".webm", ".mkv"),
    *(".flac", ".mp3", ".wav", ".ogg", ".opus", ".m4a"),
)


def metadata_files(mime: QMimeData) -> list[Path]:
    """The local image, video or sound files in a drop or the clipboard that may carry
    parameters."""
    return [
        Path(url.toLocalFile())
        for url in mime.urls()
        if url.isLocalFile() and url.toLocalFile().lower().endswith(METADATA_SUFFIXES)
    ]


class GenerateTab(QWidget):
    """Build jobs from the form and queue them; follow the most recently started job.

    `queue()` is what Ctrl+Enter does, `cancel_current()` what Esc does. Its background work
    (lists, image copies, decoding, reading parameters) runs in `services.tasks`, bound to the
    widgets that asked: whoever owns that shuts it down.
    """

    status_message = Signal(str, int)
    parameters_restored = Signal(object)  # the RestoredParams that were applied (or not found)
    # A dropped file with no parameters but a ComfyUI workflow (a PNG with only a `workflow`
    # chunk, a WebP or video ComfyUI wrote): the window offers to import it as a template.
    workflow_found = Signal(Path)
    queued = Signal(int)  # how many jobs were just queued
    sweep_queued = Signal(str)  # the group id of a sweep just queued (its grid opens at its end)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._pool = services.pool
        self._tasks = services.tasks
        self._fetcher = ServerListsFetcher(self._pool, services.reads, self._tasks, self)
        self._fetch_error: str | None = None
        self._restoring: Path | None = None
        ctx = services.ctx
        self.setAcceptDrops(True)

        self.form = GenerateForm(
            ctx.templates,
            ctx.library,
            self._tasks,
            language=services.language,
        )
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.form)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._wheel_guard = WheelGuard(self.scroll_area)

        self.problem_list = ProblemList()
        self.problem_list.field_requested.connect(self.show_field)
        # Where a missing model can be downloaded to: the models/ folder of the ComfyUI this
        # app runs, when the lists come from it: the window's own managed server, else one
        # `server start` runs (its record; run off the GUI thread: it reads a file).
        self.models_root_for: Callable[[str], Path | None] = partial(
            _models_root_for, services.managed, ctx.paths.root
        )
        self.needs = NeedsPanel(self._tasks)
        self.needs.downloaded.connect(lambda _key: self.refresh_server_lists())
        self.queue_button = QPushButton(self.tr("Queue"))
        self.queue_button.setDefault(True)
        self.queue_button.setMinimumHeight(34)
        self.queue_button.clicked.connect(self.queue)

        footer = QVBoxLayout()
        footer.setContentsMargins(12, 6, 12, 12)
        footer.setSpacing(6)
        footer.addWidget(self.problem_list)
        footer.addWidget(self.needs)
        # "Generate forever": one job at a time, each with a new seed, until its group is
        # cancelled in the queue panel (the store queues the next as each completes).
        self.forever_button = QToolButton()
        self.forever_button.setText(self.tr("Forever"))
        self.forever_button.setCheckable(True)
        self.forever_button.setMinimumHeight(34)
        self.forever_button.setToolTip(
            self.tr(
                "Generate forever: a new seed each time until you cancel the group in the queue"
            )
        )
        self.forever_button.toggled.connect(lambda _on: self._update_queue_button())
        queue_row = QHBoxLayout()
        queue_row.setSpacing(6)
        queue_row.addWidget(self.queue_button, 1)
        queue_row.addWidget(self.forever_button)
        footer.addLayout(queue_row)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.setSpacing(0)
        left_column.addWidget(self.scroll_area, 1)
        left_column.addWidget(rule)
        left_column.addLayout(footer)
        left.setMinimumWidth(340)

        self.progress = ProgressPanel(self._pool, services.reads, ctx.paths, self._tasks)
        self.progress.status_message.connect(self.status_message)
        self.progress.strip.set_slot_list(
            lambda: [
                (w.slot.name, self.form.template_image_label(w.slot.name))
                for w in self.form.slot_widgets()
            ]
        )
        self.progress.strip.send_requested.connect(self._send_to_slot)
        self.progress.strip.mask_requested.connect(self.edit_mask_of)

        self._splitter = QSplitter(Qt.Orientation.Horizontal)
        self._splitter.setObjectName("generate_splitter")
        self._splitter.setChildrenCollapsible(False)
        self._splitter.addWidget(left)
        self._splitter.addWidget(self.progress)
        self._splitter.setStretchFactor(0, 0)
        self._splitter.setStretchFactor(1, 1)
        self._splitter.setSizes([420, 640])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._splitter)

        self.form.changed.connect(self._update_queue_button)
        self.form.changed.connect(self.progress.strip.slots_changed)
        self.form.validated.connect(self._update_queue_button)
        self.form.refresh_requested.connect(self.refresh_server_lists)
        self.form.lora_words_wanted.connect(
            lambda name: self._fetcher.trigger_words(name, self.form.set_lora_words)
        )
        self._fetcher.fetched.connect(self._on_lists)
        self._fetcher.failed.connect(self._on_lists_failed)
        self._fetcher.connection_changed.connect(self._on_connection)
        self._pool.server_removed.connect(lambda _url: self._on_connection())

        self._on_connection()
        self._fetcher.refresh()
        self._update_hint()
        self._update_queue_button()

    # --- public API ---

    def splitter(self) -> QSplitter:
        return self._splitter

    def queue(self) -> int:
        """Queue the form as `batch count` jobs; returns how many (0 when the form is blocked).

        Every combination of a dynamic prompt may be thousands of jobs: those are expanded off
        the GUI thread and queued when ready (`queued` fires then; this returns 0)."""
        self.form.validate_now()  # an edit a moment ago may not have been checked yet
        problems = self.form.problems()
        if problems:
            self.status_message.emit(problems[0], STATUS_MS)
            return 0
        build = self.form.jobs_builder()
        if build is None:
            return 0
        axes = self.form.sweep_group.axes()
        if axes:
            # A sweep may be thousands of cells: expanded off the GUI thread, then written as
            # one sweep group through the pool (the dispatcher's enqueue, as `generate --sweep`).
            self.queue_button.setEnabled(False)
            self._tasks.run(
                "read",
                build,
                lambda jobs: self._enqueue_sweep(jobs, axes),
                owner=self,
                key="queue",
                failed=self._expansion_failed,
            )
            return 0
        if self.form.expansion.combinatorial():
            self.queue_button.setEnabled(False)
            self._tasks.run(
                "read",
                build,
                self._enqueue_built,
                owner=self,
                key="queue",
                failed=self._expansion_failed,
            )
            return 0
        try:
            jobs = build()
        except PromptSyntaxError as exc:
            self._expansion_failed(exc)
            return 0
        return self._enqueue(jobs)

    def _enqueue_built(self, jobs: list[NewJob]) -> None:
        self._enqueue(jobs)

    def _enqueue_sweep(self, jobs: list[NewJob], axes: list[Axis]) -> None:
        self._enqueue(jobs, axes)

    def _expansion_failed(self, exc: Exception) -> None:
        # A SweepSpecError, a PromptSyntaxError: their message in the user's language.
        self.status_message.emit(show_text(text_of(exc) or str(exc)), STATUS_MS)
        self._update_queue_button()

    def _enqueue(self, jobs: list[NewJob], sweep: list[Axis] | None = None) -> int:
        if not jobs:
            return 0
        group: NewGroup | None = None
        label = " ".join(jobs[0].params.prompt.split())[:60]
        if sweep:
            group = NewGroup(
                label, kind=GroupKind.SWEEP, sweep=sweep_json(sweep, notes=missing_notes())
            )
        elif self.forever_button.isChecked():
            jobs = jobs[:1]  # the store queues the next one as each completes
            group = NewGroup(label, kind=GroupKind.FOREVER)
        elif len(jobs) > 1:
            group = NewGroup(label)  # one press of Queue: one group in the queue panel
        self._pool.enqueue(jobs, group)  # a refusal arrives through pool.operation_failed
        self.progress.strip.start_batch([job.id for job in jobs])
        count = len(jobs)
        text = self.tr("Queued 1 job") if count == 1 else self.tr("Queued {n} jobs").format(n=count)
        if self._fetcher.connected() is None:
            text = self.tr("{queued}; they run once a server is connected").format(queued=text)
        self.status_message.emit(text, STATUS_MS)
        self._update_queue_button()
        self.queued.emit(count)
        if group is not None and group.kind is GroupKind.SWEEP:
            self.sweep_queued.emit(group.id)
        return count

    def _send_to_slot(self, path: Path, slot: str) -> None:
        """A result of the batch goes into an image slot of the current template (copied into
        the library off the GUI thread, like a dropped file)."""
        widget = self.form.slot_widget(slot)
        if widget is None:
            return
        widget.add_file(path)
        self.status_message.emit(
            self.tr("{name} is now the {slot} image").format(
                name=path.name, slot=self.form.template_image_label(slot)
            ),
            STATUS_MS,
        )

    def edit_mask_of(self, path: Path) -> bool:
        """Inpaint `path`: it goes into the slot of the current template that reads a mask (or
        of the Inpaint template, picked for it), and the mask editor opens on it once it is
        copied. False (and a status message) when no such template is there."""
        template = self.form.template()
        masked = template is not None and any(s.mask_from_alpha for s in template.images)
        if not masked and not self.form.set_template(INPAINT_TEMPLATE):
            self.status_message.emit(
                self.tr("The Inpaint template is missing, so no mask can be painted."),
                STATUS_MS,
            )
            return False
        template = self.form.template()
        name = (
            next((s.name for s in template.images if s.mask_from_alpha), None) if template else None
        )
        widget = self.form.slot_widget(name) if name is not None else None
        if widget is None:
            return False
        widget.add_file(path, edit_mask=True)
        self.status_message.emit(
            self.tr("Paint the mask of {name}: white is repainted").format(name=path.name),
            STATUS_MS,
        )
        return True

    def cancel_current(self) -> bool:
        """Cancel the job shown on the right; False if none is running."""
        if self.progress.cancel_current():
            self.status_message.emit(self.tr("Cancelling the current job…"), STATUS_MS)
            return True
        self.status_message.emit(self.tr("No job is running."), STATUS_MS)
        return False

    def load_job(self, job: Job) -> None:
        """Remix: every parameter, the template and the input images of a stored job."""
        for warning in self.form.load_job(job):
            self.status_message.emit(warning, 8000)
        self._update_queue_button()

    def form_state(self) -> dict[str, Any]:
        return self.form.state()

    def restore_form_state(self, state: Mapping[str, Any]) -> None:
        self.form.restore(state)
        self._update_queue_button()

    def set_server_lists(self, lists: ServerLists | None) -> None:
        """Lists pushed from outside (normally the tab fetches them itself)."""
        self.form.set_server_lists(lists)
        self._update_hint()

    def refresh_server_lists(self) -> None:
        self._fetch_error = None
        if not self._fetcher.refresh():
            self.status_message.emit(self.tr("No server is connected."), STATUS_MS)
        self._update_hint()

    def reload_templates(self) -> None:
        self.form.reload_templates()
        self._update_queue_button()

    def select_template(self, template_id: str) -> bool:
        """Show a template in the form (e.g. one just imported), with its preferred values."""
        if not self.form.set_template(template_id):
            return False
        template = self.form.template()
        if template is not None:
            self.form.apply_template_defaults(template)
        self._update_queue_button()
        return True

    def object_info(self) -> ObjectInfo | None:
        """The connected server's /object_info, once read (None offline)."""
        return self.form.object_info()

    # --- parameters from an image's metadata ---

    def restore_from_file(self, path: Path) -> None:
        """Read the parameters stored in an image file (off the GUI thread) and apply them."""
        self._restoring = path
        checkpoints = self.form.model_combo.names() if self.form.object_info() else None
        info = self.form.object_info()
        self.status_message.emit(
            self.tr("Reading the parameters of {name}…").format(name=path.name), STATUS_MS
        )

        def read() -> tuple[RestoredParams, bool]:
            restored = read_generation_info_file(path, checkpoints=checkpoints, object_info=info)
            return restored, not restored.found and _carries_workflow(path)

        def done(result: tuple[RestoredParams, bool]) -> None:
            restored, workflow = result
            if self._restoring != path:
                return
            self._restoring = None
            if workflow:
                self.status_message.emit(
                    self.tr("{name} holds a ComfyUI workflow, not parameters.").format(
                        name=path.name
                    ),
                    RESTORE_STATUS_MS,
                )
                self.workflow_found.emit(path)
            else:
                self.apply_restored(restored, path.name)

        def failed(exc: Exception) -> None:
            if self._restoring == path:
                self._restoring = None
                self.status_message.emit(
                    self.tr("Could not read {name}: {reason}").format(name=path.name, reason=exc),
                    RESTORE_STATUS_MS,
                )

        self._tasks.run("read", read, done, owner=self, key="restore", failed=failed)

    def apply_restored(self, restored: RestoredParams, name: str) -> None:
        """Put restored parameters into the form and say what came from where."""
        if not restored.found:
            self.status_message.emit(
                self.tr("{name} has no generation parameters; nothing was changed.").format(
                    name=name
                ),
                RESTORE_STATUS_MS,
            )
            self.parameters_restored.emit(restored)
            return
        missing: list[str] = []
        if restored.template is not None and not self.form.set_template(restored.template):
            missing.append(
                self.tr("template {name} (not installed)").format(name=restored.template)
            )
        params = restored.apply(self.form.params())
        self.form.load_params(None, params)
        missing += [str(item) for item in restored.not_restored]
        source = {
            "studio": self.tr("Restored from Studio Desktop metadata"),
            "comfyui": self.tr("Restored from ComfyUI metadata"),
            "a1111": self.tr("Restored from A1111/Forge parameters"),
        }.get(restored.source, self.tr("Restored"))
        text = source
        if missing:
            text = self.tr("{source}; could not restore: {items}").format(
                source=source, items=", ".join(missing)
            )
        self.status_message.emit(text, RESTORE_STATUS_MS)
        self._update_queue_button()
        self.parameters_restored.emit(restored)

    def paste_file(self) -> bool:
        """Restore from an image file on the clipboard; False if it holds none."""
        mime = QGuiApplication.clipboard().mimeData()
        files = metadata_files(mime) if mime is not None else []
        if not files:
            self.status_message.emit(
                self.tr("The clipboard holds no image file to read parameters from."), STATUS_MS
            )
            return False
        self.restore_from_file(files[0])
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Text fields and image slots handle their own paste; what reaches the tab is a paste
        # with the focus elsewhere (a combo, the Queue button).
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_file()
            event.accept()
            return
        super().keyPressEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if metadata_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if metadata_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = metadata_files(event.mimeData())
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        self.restore_from_file(files[0])

    # --- server lists ---

    def _on_lists(self, lists: ServerLists) -> None:
        connected = self._fetcher.connected()
        self._fetch_error = None
        if connected is not None and connected.url == lists.server:
            self.form.set_server_lists(lists)
            self.form.lora_stack.forget_words()  # this server's files: ask it
            self._find_models_root(lists.server)
        self._update_hint()

    def _find_models_root(self, url: str) -> None:
        resolve = self.models_root_for
        self._tasks.run(
            "read",
            lambda: resolve(url),
            self.needs.set_models_root,
            owner=self,
            key="models_root",
            failed=lambda exc: self.needs.set_models_root(None),
        )

    def _on_lists_failed(self, reason: str) -> None:
        self._fetch_error = reason
        self._update_hint()

    def _on_connection(self) -> None:
        if self._fetcher.connected() is None:
            self.form.set_server_lists(None)  # keep the names, flag nothing: we cannot know
            self.needs.set_models_root(None)
        self._update_hint()

    def _update_hint(self) -> None:
        servers = self._fetcher.servers()
        connected = self._fetcher.connected()
        if not servers:
            text = self.tr(
                "No server added. Start ComfyUI and add it under Servers (it usually listens on "
                "{url}). Queued jobs wait until then."
            ).format(url=DEFAULT_SERVER_HINT)
        elif connected is None:
            names = ", ".join(server_display_name(s.name) or s.url for s in servers)
            text = self.tr(
                "Not connected to {servers}. Start ComfyUI there or check the address under "
                "Servers; queued jobs wait. The lists show the last known names."
            ).format(servers=names)
        elif self._fetcher.fetching:
            text = self.tr("Reading the lists from {server}…").format(
                server=server_display_name(connected.name) or connected.url
            )
        elif self._fetch_error:
            text = self.tr("Could not read the lists from {server}: {reason}").format(
                server=server_display_name(connected.name) or connected.url,
                reason=self._fetch_error,
            )
        else:
            text = self.tr("Lists from {server}.").format(
                server=server_display_name(connected.name) or connected.url
            )
        self.form.set_server_hint(text)
        self.form.refresh_button.setEnabled(connected is not None and not self._fetcher.fetching)

    # --- queue button ---

    def _update_queue_button(self) -> None:
        problems = self.form.problems()
        count = self.form.job_count()
        sweep = self.form.sweep_group.active()
        self.forever_button.setEnabled(not sweep)  # a sweep is its cells, not a chain
        if sweep:
            self.queue_button.setText(
                self.tr("Queue sweep: %n job(s)", "", count)
                if count is not None
                else self.tr("Queue sweep")
            )
        elif self.forever_button.isChecked():
            self.queue_button.setText(self.tr("Generate forever"))
        elif count is None:  # every combination, not counted yet
            self.queue_button.setText(self.tr("Queue every combination"))
        else:
            self.queue_button.setText(
                self.tr("Queue") if count == 1 else self.tr("Queue {n} jobs").format(n=count)
            )
        self.queue_button.setEnabled(not problems)
        if problems:
            why = self.tr("Cannot queue:")
            self.queue_button.setToolTip("\n".join([why, *("• " + p for p in problems)]))
        else:
            self.queue_button.setToolTip(self.tr("Queue the job (Ctrl+Enter)"))
        self.problem_list.set_problems(self.form.problem_list() if problems else [])
        self.problem_list.setVisible(bool(problems))
        template = self.form.template()
        if problems and template is not None and self.form.object_info() is not None:
            issues = self.form.issues()
            self.needs.set_needs(missing_models(template, issues), missing_packs(template, issues))
        else:
            self.needs.set_needs([], [])

    def show_field(self, key: str) -> None:
        """Scroll the form to a field named in the problem list and put the focus there."""
        widget = self.form.field_widget(key)
        if widget is None or not widget.isVisibleTo(self.form):
            return
        self.scroll_area.ensureWidgetVisible(widget, 0, 24)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)


def _carries_workflow(path: Path) -> bool:
    """Whether the file holds a ComfyUI workflow the importer reads (run off the GUI thread)."""
    try:
        load_workflow_source(path)
    except TemplateError:
        return False
    return True


def _models_root_for(
    managed: ManagedController | None, data_root: Path, server_url: str
) -> Path | None:
    """The models/ folder a download for `server_url` goes into, or None (not ours to write)."""
    if managed is not None:
        root = managed.models_root_for(server_url)
        if root is not None:
            return root
    return managed_models_root(data_root, server_url)
