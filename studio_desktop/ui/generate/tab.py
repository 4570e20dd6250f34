"""The Generate tab: the form (left, scrollable) with the Queue button, the current job (right)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.core.jobs import Job
from studio_desktop.ui.generate.background import BackgroundTasks
from studio_desktop.ui.generate.fields import WrapLabel
from studio_desktop.ui.generate.form import GenerateForm
from studio_desktop.ui.generate.progress import ProgressPanel
from studio_desktop.ui.generate.server_lists import ServerLists, ServerListsFetcher
from studio_desktop.ui.services import Services

DEFAULT_SERVER_HINT = "http://127.0.0.1:8188"
STATUS_MS = 5000


class GenerateTab(QWidget):
    """Build jobs from the form and queue them; follow the most recently started job.

    `queue()` is what Ctrl+Enter does, `cancel_current()` what Esc does. Call `shutdown()` before
    the pool is shut down (it waits for the tab's own background tasks).
    """

    status_message = Signal(str, int)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._pool = services.pool
        self._tasks = BackgroundTasks(threads=2, parent=self)
        self._fetcher = ServerListsFetcher(self._pool, self._tasks, self)
        self._fetch_error: str | None = None
        ctx = services.ctx

        self.form = GenerateForm(ctx.templates, ctx.library, self._tasks)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.form)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.problem_icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self.problem_icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size)
        )
        self.problem_label = WrapLabel()
        self.queue_button = QPushButton(self.tr("Queue"))
        self.queue_button.setDefault(True)
        self.queue_button.setMinimumHeight(34)
        self.queue_button.clicked.connect(self.queue)

        problem_row = QHBoxLayout()
        problem_row.setSpacing(6)
        problem_row.addWidget(self.problem_icon, 0, Qt.AlignmentFlag.AlignTop)
        problem_row.addWidget(self.problem_label, 1)
        self._problem_row = QWidget()
        self._problem_row.setLayout(problem_row)
        problem_row.setContentsMargins(0, 0, 0, 0)
        footer = QVBoxLayout()
        footer.setContentsMargins(12, 6, 12, 12)
        footer.setSpacing(6)
        footer.addWidget(self._problem_row)
        footer.addWidget(self.queue_button)
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

        self.progress = ProgressPanel(self._pool, ctx.store, ctx.paths, self._tasks)
        self.progress.status_message.connect(self.status_message)

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
        self.form.refresh_requested.connect(self.refresh_server_lists)
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
        """Queue the form as `batch count` jobs; returns how many (0 when the form is blocked)."""
        problems = self.form.problems()
        if problems:
            self.status_message.emit(problems[0], STATUS_MS)
            return 0
        jobs = self.form.new_jobs()
        if not jobs:
            return 0
        self._pool.enqueue(jobs)  # a refusal arrives through pool.operation_failed
        count = len(jobs)
        text = self.tr("Queued 1 job") if count == 1 else self.tr("Queued {n} jobs").format(n=count)
        if self._fetcher.connected() is None:
            text = self.tr("{queued}; they run once a server is connected").format(queued=text)
        self.status_message.emit(text, STATUS_MS)
        self._update_queue_button()
        return count

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

    def shutdown(self) -> None:
        """Wait for the tab's background work (lists, image copies, decoding). Idempotent."""
        self._tasks.shutdown()

    # --- server lists ---

    def _on_lists(self, lists: ServerLists) -> None:
        connected = self._fetcher.connected()
        self._fetch_error = None
        if connected is not None and connected.url == lists.server:
            self.form.set_server_lists(lists)
        self._update_hint()

    def _on_lists_failed(self, reason: str) -> None:
        self._fetch_error = reason
        self._update_hint()

    def _on_connection(self) -> None:
        if self._fetcher.connected() is None:
            self.form.set_server_lists(None)  # keep the names, flag nothing: we cannot know
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
            names = ", ".join(s.name or s.url for s in servers)
            text = self.tr(
                "Not connected to {servers}. Start ComfyUI there or check the address under "
                "Servers; queued jobs wait. The lists show the last known names."
            ).format(servers=names)
        elif self._fetcher.fetching:
            text = self.tr("Reading the lists from {server}…").format(
                server=connected.name or connected.url
            )
        elif self._fetch_error:
            text = self.tr("Could not read the lists from {server}: {reason}").format(
                server=connected.name or connected.url, reason=self._fetch_error
            )
        else:
            text = self.tr("Lists from {server}.").format(server=connected.name or connected.url)
        self.form.set_server_hint(text)
        self.form.refresh_button.setEnabled(connected is not None and not self._fetcher.fetching)

    # --- queue button ---

    def _update_queue_button(self) -> None:
        problems = self.form.problems()
        count = self.form.batch_spin.value()
        self.queue_button.setText(
            self.tr("Queue") if count == 1 else self.tr("Queue {n} jobs").format(n=count)
        )
        self.queue_button.setEnabled(not problems)
        if problems:
            self.queue_button.setToolTip("\n".join(problems))
            self.problem_label.setText(problems[0])
            self.problem_label.setToolTip("\n".join(problems))
        else:
            self.queue_button.setToolTip(self.tr("Queue the job (Ctrl+Enter)"))
            self.problem_label.clear()
        self._problem_row.setVisible(bool(problems))
        self.problem_label.setForegroundRole(QPalette.ColorRole.WindowText)
