"""The Servers page: add, edit, remove, enable and test registered servers.

The registry is read in a background task and changed through `Services.operations` (the
registry first, then the running pool, on the operations thread); the table shows the registry
each change leaves behind.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent import futures

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.core.context import DEFAULT_SERVER
from studio_desktop.core.store import DuplicateServer, ServerRecord, StoreError
from studio_desktop.ui.services import Services
from studio_desktop.ui.settings.probe import ProbeResult, ServerProber, describe_probe
from studio_desktop.ui.settings.server_edit import ServerEditDialog, ServerFields
from studio_desktop.ui.settings.server_model import ServerTableModel
from studio_desktop.ui.settings.widgets import ResultLine
from studio_desktop.workers.operations import ServerChange, when_done
from studio_desktop.workers.tasks import Task

log = logging.getLogger("studio.ui")


class ServersPage(QWidget):
    """The registry: add, edit, remove, enable and test servers. Changes apply at once."""

    status_message = Signal(str, int)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._records_read: Task | None = None
        self.model = ServerTableModel(self)
        self.model.enable_requested.connect(self.set_enabled)
        services.pool.server_changed.connect(self.model.update_status)
        self.prober = ServerProber(services.tasks, parent=self)
        self.prober.finished.connect(self._show_result)

        intro = QLabel(
            self.tr(
                "Studio Desktop sends jobs to these ComfyUI servers. Changes take effect at once."
            )
        )
        intro.setWordWrap(True)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ServerTableModel.URL, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.empty = QLabel(
            self.tr(
                "No servers added yet. Studio Desktop uses ComfyUI on this computer ({url}).\n"
                "Add a server to use another address or another machine."
            ).format(url=DEFAULT_SERVER)
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Drawn like the empty table it stands in for.
        self.empty.setFrameShape(QFrame.Shape.StyledPanel)
        self.empty.setAutoFillBackground(True)
        self.empty.setBackgroundRole(QPalette.ColorRole.Base)
        self.empty.setMargin(12)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        self.add_button = QPushButton(self.tr("Add…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.test_button = QPushButton(self.tr("Test"))
        self.test_button.setToolTip(self.tr("Check that the selected server answers"))
        self.add_button.clicked.connect(self.add_server)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.test_button.clicked.connect(self.test_selected)
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.test_button)

        self.test_result = ResultLine()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(6)
        layout.addWidget(intro)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.test_result)
        self._update_buttons()  # nothing selected until the registry is read
        self.reload()

    # --- reading ---

    def reload(self, select_id: int | None = None) -> None:
        """Read the registry (off the GUI thread) and show it."""
        self._records_read = self.services.tasks.run(
            "read",
            self.services.reads.list_servers,
            lambda records: self._show_records(records, select_id),
            owner=self,
            key="records",
        )

    def _show_records(self, records: list[ServerRecord], select_id: int | None = None) -> None:
        self.model.set_records(records)
        self.stack.setCurrentWidget(self.table if records else self.empty)
        for row, record in enumerate(records):
            if record.id == select_id:
                self.table.selectRow(row)
        self._update_buttons()

    def selected(self) -> ServerRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        self.edit_button.setEnabled(has)
        self.remove_button.setEnabled(has)
        self.test_button.setEnabled(has and not self.prober.busy)

    # --- changing (the registry, then the pool: on the operations thread) ---

    def _change(
        self,
        future: futures.Future[ServerChange],
        select_id: int | None = None,
        then: Callable[[ServerChange], None] | None = None,
    ) -> futures.Future[ServerChange]:
        """Show the registry the change leaves (or, refused, say why and read it again)."""

        def done(change: ServerChange) -> None:
            if self._records_read is not None:
                # A read begun before this change finished would show the registry without it.
                self._records_read.cancel()
            record = change.record
            self._show_records(change.servers, record.id if record is not None else select_id)
            if then is not None:
                then(change)

        def failed(exc: Exception) -> None:
            if isinstance(exc, StoreError):
                self._refused(exc)
            self.reload(select_id)

        when_done(self.services.tasks, future, done, owner=self, failed=failed)
        return future

    @property
    def _depth(self) -> int:
        return self.services.settings.pipeline_depth

    def _taken_urls(self) -> set[str]:
        return {r.url for r in self.model.records()}

    def add_server(self) -> None:
        dialog = ServerEditDialog(self._taken_urls(), parent=self, tasks=self.services.tasks)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.register(dialog.fields())

    def register(self, fields: ServerFields) -> futures.Future[ServerChange]:
        """Add a server to the registry and the pool; a refusal is shown in a message box."""

        def added(change: ServerChange) -> None:
            if change.record is not None:
                text = self.tr("Added {name}").format(name=change.record.name)
                self.status_message.emit(text, 4000)

        future = self.services.operations.add_server(
            fields.name, fields.url, fields.auth_header, depth=self._depth
        )
        return self._change(future, then=added)

    def edit_selected(self) -> None:
        record = self.selected()
        if record is None:
            return
        dialog = ServerEditDialog(
            self._taken_urls(), record, parent=self, tasks=self.services.tasks
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.edit(record.id, dialog.fields())

    def edit(self, record_id: int, fields: ServerFields) -> futures.Future[ServerChange]:
        future = self.services.operations.update_server(
            record_id, fields.name, fields.url, fields.auth_header, depth=self._depth
        )
        return self._change(future, record_id)

    def set_enabled(self, record_id: int, enabled: bool) -> futures.Future[ServerChange]:
        future = self.services.operations.set_server_enabled(record_id, enabled, depth=self._depth)
        return self._change(future, record_id)

    def remove_selected(self) -> None:
        record = self.selected()
        if record is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove server"),
            self.tr(
                "Remove {name} ({url})?\nJobs waiting in the queue stay there and run on the "
                "other servers."
            ).format(name=record.name, url=record.url),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.remove(record.id)

    def remove(self, record_id: int) -> futures.Future[ServerChange]:
        return self._change(self.services.operations.remove_server(record_id, depth=self._depth))

    def _refused(self, exc: StoreError) -> None:
        if isinstance(exc, DuplicateServer):
            text = self.tr("That address is already in the list.")
        else:
            text = str(exc)
        log.warning("server change refused: %s", exc)
        QMessageBox.warning(self, self.tr("Servers"), text)

    # --- testing ---

    def test_selected(self) -> None:
        record = self.selected()
        if record is None:
            return
        self.test_button.setEnabled(False)
        self.test_result.show_busy(self.tr("Connecting to {url}…").format(url=record.url))
        self.prober.start(record.url, record.auth_header)

    @Slot(object)
    def _show_result(self, result: ProbeResult) -> None:
        self.test_result.show_result(describe_probe(result), ok=result.ok)
        self._update_buttons()
