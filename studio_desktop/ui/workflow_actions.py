"""Export or copy a job's workflow, in ComfyUI's UI format or the API format (History, Gallery).

The UI format is what ComfyUI opens by drop, Load or paste; the API format is what /prompt takes
(ComfyUI's "Export (API)"). `core.workflows.export` decides what each holds; this runs it in the
"export" pool (it reads the output file and may write one), and puts the outcome on the
clipboard or in the status bar on the GUI thread. The UI format written from the API graph needs
a server's /object_info: the job's server's when it is connected, else any connected server's,
else the last one seen while this window was open.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.engine import ServerStatus
from studio_desktop.core.workflows.export import (
    ExportedWorkflow,
    WorkflowExportError,
    WorkflowFormat,
    export_file_name,
    export_workflow,
    write_workflow,
)
from studio_desktop.ui.services import Services
from studio_desktop.ui.texts import exception_text

STATUS_MS: Final = 5000


class WorkflowAction(enum.StrEnum):
    EXPORT_UI = "export-ui"
    EXPORT_API = "export-api"
    COPY_UI = "copy-ui"
    COPY_API = "copy-api"

    @property
    def fmt(self) -> WorkflowFormat:
        return WorkflowFormat.API if self.value.endswith("api") else WorkflowFormat.UI


EXPORT_UI, EXPORT_API = WorkflowAction.EXPORT_UI, WorkflowAction.EXPORT_API
COPY_UI, COPY_API = WorkflowAction.COPY_UI, WorkflowAction.COPY_API


@dataclass(frozen=True)
class WorkflowSubject:
    """The job whose workflow is exported. `file` finds one of its outputs (its `workflow`
    chunk is the UI format); it runs on a worker thread, so it may read the database."""

    job_id: str
    template: str | None  # the template's name, for the default file name
    server: str | None  # the server that ran it: its /object_info is preferred
    api: Mapping[str, Any] | None
    file: Callable[[], Path | None] = lambda: None


def add_workflow_actions(
    menu: QMenu, trigger: Callable[[WorkflowAction], None], *, enabled: bool = True
) -> QMenu:
    """Add "Export workflow ▸ UI format… / API format…", "Copy workflow" and "Copy API
    workflow" to `menu`; each calls `trigger` with its action."""
    export = menu.addMenu(QCoreApplication.translate("WorkflowActions", "Export workflow"))
    export.setEnabled(enabled)
    entries = (
        (QCoreApplication.translate("WorkflowActions", "UI format (opens in ComfyUI)…"), EXPORT_UI),
        (QCoreApplication.translate("WorkflowActions", "API format…"), EXPORT_API),
    )
    for text, action in entries:
        export.addAction(text).triggered.connect(lambda _=False, a=action: trigger(a))
    tip = QCoreApplication.translate(
        "WorkflowActions", "Paste it into ComfyUI (Ctrl+V) to open the graph"
    )
    entries = (
        (QCoreApplication.translate("WorkflowActions", "Copy workflow"), COPY_UI),
        (QCoreApplication.translate("WorkflowActions", "Copy API workflow"), COPY_API),
    )
    for text, action in entries:
        item = menu.addAction(text)
        item.setEnabled(enabled)
        item.setToolTip(tip)
        item.triggered.connect(lambda _=False, a=action: trigger(a))
    return export


class WorkflowActions(QObject):
    """Runs a WorkflowAction for a subject; `status_message` tells the user how it went."""

    status_message = Signal(str, int)  # text, timeout ms

    def __init__(self, services: Services, parent: QWidget) -> None:
        super().__init__(parent)
        self._services = services
        self._widget = parent
        self._last_info: ObjectInfo | None = None
        services.pool.server_changed.connect(self._remember_info)
        for status in services.pool.statuses():
            self._remember_info(status)

    def _remember_info(self, status: ServerStatus) -> None:
        info = status.capabilities.info if status.capabilities is not None else None
        if info is not None:
            self._last_info = info

    def object_info(self, server: str | None) -> ObjectInfo | None:
        """The /object_info to write the UI format with (see the module's docstring)."""
        found: ObjectInfo | None = None
        for status in self._services.pool.statuses():
            info = status.capabilities.info if status.capabilities is not None else None
            if info is None:
                continue
            if status.url == server:
                return info
            found = found or info
        return found or self._last_info

    def run(self, action: WorkflowAction, subject: WorkflowSubject) -> None:
        if action in (WorkflowAction.EXPORT_UI, WorkflowAction.EXPORT_API):
            self.export(subject, action.fmt)
        else:
            self.copy(subject, action.fmt)

    def _prepare(self, subject: WorkflowSubject) -> Callable[[], ExportedWorkflow]:
        info = self.object_info(subject.server)

        def prepare() -> ExportedWorkflow:
            return export_workflow(subject.api, file=subject.file(), info=info)

        return prepare

    def export(self, subject: WorkflowSubject, fmt: WorkflowFormat) -> None:
        """Ask where, then write the workflow there off the GUI thread."""
        title = (
            self.tr("Export workflow (UI format)")
            if fmt is WorkflowFormat.UI
            else self.tr("Export workflow (API format)")
        )
        suggested = Path.home() / export_file_name(subject.template, subject.job_id, fmt)
        name, _ = QFileDialog.getSaveFileName(
            self._widget, title, str(suggested), self.tr("Workflow JSON (*.json)")
        )
        if not name:
            return
        target = Path(name)
        if not target.suffix:
            target = target.with_suffix(".json")
        prepare = self._prepare(subject)

        def work() -> None:
            write_workflow(target, prepare(), fmt)

        self._services.tasks.run(
            "export",
            work,
            lambda _none: self.status_message.emit(
                self.tr("Workflow saved to {path}").format(path=target), STATUS_MS
            ),
            owner=self,
            failed=self._failed,
        )

    def copy(self, subject: WorkflowSubject, fmt: WorkflowFormat) -> None:
        """Put the workflow on the clipboard as JSON text (read off the GUI thread)."""
        prepare = self._prepare(subject)

        def copied(text: str) -> None:
            QGuiApplication.clipboard().setText(text)
            self.status_message.emit(
                self.tr("Workflow copied: paste it into ComfyUI")
                if fmt is WorkflowFormat.UI
                else self.tr("API workflow copied"),
                STATUS_MS,
            )

        self._services.tasks.run(
            "export",
            lambda: prepare().text(fmt),
            copied,
            owner=self,
            key=f"copy-{subject.job_id}",
            failed=self._failed,
        )

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, WorkflowExportError):
            text = exception_text(exc)
        else:
            text = self.tr("Could not save the workflow: {error}").format(error=exception_text(exc))
        self.status_message.emit(text, STATUS_MS * 2)
