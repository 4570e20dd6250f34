"""The Servers page: add, edit, remove, enable, test and open (in the browser) registered
servers.

The registry is read in a background task and changed through `Services.operations` (the
registry first, then the running pool, on the operations thread); the table shows the registry
each change leaves behind.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent import futures
from dataclasses import replace
from functools import partial

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QGroupBox,
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
from studio_desktop.core.urls import redact_url
from studio_desktop.ui.server_browser import open_in_browser
from studio_desktop.ui.services import Services
from studio_desktop.ui.settings.probe import ProbeResult, ServerProber, describe_probe
from studio_desktop.ui.settings.server_edit import ServerEditDialog, ServerFields
from studio_desktop.ui.settings.server_model import ServerTableModel
from studio_desktop.ui.settings.widgets import ResultLine, hint_label
from studio_desktop.ui.texts import exception_text, server_display_name
from studio_desktop.workers.operations import ServerChange, when_done
from studio_desktop.workers.tasks import Task

log = logging.getLogger("studio.ui")


class ServersPage(QWidget):
    """The registry: add, edit, remove, enable and test servers; OK or Apply writes the changes."""

    status_message = Signal(str, int)
    changed = Signal()  # the table differs from the registry, or no longer does

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._records_read: Task | None = None
        self._saved: list[ServerRecord] = []  # the registry as last read or written
        self._next_new_id = 0
        self.applying = False
        self.model = ServerTableModel(self)
        self.model.enable_requested.connect(self.set_enabled)
        services.pool.server_changed.connect(self.model.update_status)
        self.prober = ServerProber(services.tasks, parent=self)
        self.prober.finished.connect(self._show_result)

        intro = QLabel(
            self.tr(
                "Studio Desktop sends jobs to these ComfyUI servers. Changes are saved when "
                "you press OK or Apply; Cancel discards them."
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
        self.browser_button = QPushButton(self.tr("Open in browser"))
        self.browser_button.setToolTip(self.tr("Open the selected server's ComfyUI page"))
        self.browser_button.clicked.connect(self.open_selected_in_browser)
        self.add_button.clicked.connect(self.add_server)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.test_button.clicked.connect(self.test_selected)
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.browser_button)
        buttons.addWidget(self.test_button)

        self.test_result = ResultLine()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(6)
        layout.addWidget(intro)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.test_result)
        self.installs: QWidget | None = None
        if services.managed is not None:
            # Imported here: the picker uses this package's widgets (a cycle at import time).
            from studio_desktop.ui.managed.installs import InstallPicker

            box = QGroupBox(self.tr("ComfyUI on this computer"))
            inner = QVBoxLayout(box)
            inner.addWidget(
                hint_label(
                    self.tr(
                        "Studio Desktop can start one of these for you, now and at each "
                        "start, and stop it when you quit. Use this one applies at once."
                    )
                )
            )
            self.installs = InstallPicker(services)
            inner.addWidget(self.installs)
            layout.addWidget(box)
            # The managed server's entry was added or moved: show the registry, unless the
            # table holds changes not applied yet.
            services.managed.registered.connect(self._managed_registered)
        self._update_buttons()  # nothing selected until the registry is read
        self.reload()

    def _managed_registered(self, _change: object) -> None:
        if not self.is_dirty() and not self.applying:
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
        self._saved = list(records)
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
        self.browser_button.setEnabled(has)
        for button in (self.add_button, self.edit_button, self.remove_button):
            button.setEnabled(not self.applying and (button is self.add_button or has))

    # --- changing: staged in the table, written by `apply` (OK or Apply) ---

    def is_dirty(self) -> bool:
        return self.model.records() != self._saved

    def _stage(self, records: list[ServerRecord], select_id: int | None = None) -> None:
        self.model.set_records(records)
        self.stack.setCurrentWidget(self.table if records else self.empty)
        for row, record in enumerate(records):
            if record.id == select_id:
                self.table.selectRow(row)
        self._update_buttons()
        self.changed.emit()

    def _taken_urls(self) -> set[str]:
        return {r.url for r in self.model.records()}

    def add_server(self) -> None:
        dialog = ServerEditDialog(self._taken_urls(), parent=self, tasks=self.services.tasks)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.register(dialog.fields())

    def register(self, fields: ServerFields) -> None:
        """Add a server to the table; OK or Apply registers it."""
        # A server not in the registry yet has a negative id until it is written.
        self._next_new_id -= 1
        record = _new_record(self._next_new_id, fields)
        self._stage([*self.model.records(), record], record.id)

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

    def edit(self, record_id: int, fields: ServerFields) -> None:
        records = [
            replace(r, name=fields.name, url=fields.url, auth_header=fields.auth_header)
            if r.id == record_id
            else r
            for r in self.model.records()
        ]
        self._stage(records, record_id)

    def set_enabled(self, record_id: int, enabled: bool) -> None:
        records = [
            replace(r, enabled=enabled) if r.id == record_id else r for r in self.model.records()
        ]
        self._stage(records, record_id)

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
            ).format(name=server_display_name(record.name), url=record.url),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.remove(record.id)

    def remove(self, record_id: int) -> None:
        self._stage([r for r in self.model.records() if r.id != record_id])

    def apply(self) -> futures.Future[None]:
        """Write the table's changes to the registry and the pool (on the operations thread,
        in this order: removals, edits, additions); the Future ends when all have been tried
        and the table shows the registry they left."""
        finished: futures.Future[None] = futures.Future()
        writes = self._writes()
        if not writes:
            finished.set_result(None)
            return finished
        self.applying = True
        self._update_buttons()
        outcomes: list[ServerChange | None] = []
        refused: list[StoreError] = []
        selected = self.selected()
        added = [r for r in self.model.records() if r.id < 0]

        def settled() -> None:
            if len(outcomes) < len(writes):
                return
            self.applying = False
            for exc in refused:
                self._refused(exc)
            changes = [c for c in outcomes if c is not None]
            if changes and not refused:
                self._show_records(changes[-1].servers, _kept_id(selected, changes))
            else:
                self.reload()
            registered = {r.url for r in changes[-1].servers} if changes else set()
            for record in added:
                if record.url in registered:
                    text = self.tr("Added {name}").format(name=server_display_name(record.name))
                    self.status_message.emit(text, 4000)
            finished.set_result(None)

        def done(change: ServerChange) -> None:
            outcomes.append(change)
            settled()

        def failed(exc: Exception) -> None:
            if isinstance(exc, StoreError):
                refused.append(exc)
            outcomes.append(None)
            settled()

        if self._records_read is not None:
            # A read begun before these changes would show the registry without them.
            self._records_read.cancel()
        for write in writes:
            when_done(self.services.tasks, write(), done, owner=self, failed=failed)
        return finished

    def _writes(self) -> list[Callable[[], futures.Future[ServerChange]]]:
        """The operations that turn the registry as read into the table as shown."""
        ops, depth = self.services.operations, self.services.settings.pipeline_depth
        saved = {r.id: r for r in self._saved}
        shown = self.model.records()
        shown_ids = {r.id for r in shown}
        writes: list[Callable[[], futures.Future[ServerChange]]] = [
            partial(ops.remove_server, r.id, depth=depth)
            for r in self._saved
            if r.id not in shown_ids
        ]
        for record in shown:
            before = saved.get(record.id)
            if before is None:
                writes.append(self._adding(record))
                continue
            if (record.name, record.url, record.auth_header) != (
                before.name,
                before.url,
                before.auth_header,
            ):
                writes.append(
                    partial(
                        ops.update_server,
                        record.id,
                        record.name,
                        record.url,
                        record.auth_header,
                        depth=depth,
                    )
                )
            if record.enabled != before.enabled:
                writes.append(
                    partial(ops.set_server_enabled, record.id, record.enabled, depth=depth)
                )
        return writes

    def _adding(self, record: ServerRecord) -> Callable[[], futures.Future[ServerChange]]:
        ops, depth = self.services.operations, self.services.settings.pipeline_depth

        def add() -> futures.Future[ServerChange]:
            future = ops.add_server(record.name, record.url, record.auth_header, depth=depth)
            if record.enabled:
                return future
            # Added unticked: registered, then switched off before the next write runs.
            return _then(future, lambda c: ops.set_server_enabled(_id(c), False, depth=depth))

        return add

    def _refused(self, exc: StoreError) -> None:
        if isinstance(exc, DuplicateServer):
            text = self.tr("That address is already in the list.")
        else:
            text = exception_text(exc)
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

    def open_selected_in_browser(self) -> None:
        """The selected server's own page (ComfyUI's editor) in the user's browser."""
        record = self.selected()
        if record is None:
            return
        if not open_in_browser(record.url):
            self.test_result.show_result(
                self.tr("No browser could open {url}").format(url=redact_url(record.url)),
                ok=False,
            )

    @Slot(object)
    def _show_result(self, result: ProbeResult) -> None:
        self.test_result.show_result(describe_probe(result), ok=result.ok)
        self._update_buttons()


def _new_record(temp_id: int, fields: ServerFields) -> ServerRecord:
    return ServerRecord(
        id=temp_id,
        name=fields.name,
        url=fields.url,
        auth_header=fields.auth_header,
        enabled=True,
        last_state="",
        gpu_name=None,
        vram_total=None,
        vram_free=None,
        node_classes=(),
    )


def _id(change: ServerChange) -> int:
    if change.record is None:
        raise StoreError("the server was removed meanwhile")
    return change.record.id


def _then(
    first: futures.Future[ServerChange],
    second: Callable[[ServerChange], futures.Future[ServerChange]],
) -> futures.Future[ServerChange]:
    """`second(result of first)`, as one Future (either's failure fails it)."""
    outcome: futures.Future[ServerChange] = futures.Future()

    def chain(done: futures.Future[ServerChange]) -> None:
        try:
            follow = second(done.result())
        except Exception as exc:  # the first write's refusal, or the second's
            outcome.set_exception(exc)
            return
        follow.add_done_callback(lambda f: _copy_outcome(f, outcome))

    first.add_done_callback(chain)
    return outcome


def _kept_id(selected: ServerRecord | None, changes: list[ServerChange]) -> int | None:
    """The id of the row that was selected, once written (a new server gets its real id)."""
    if selected is None:
        return None
    for server in changes[-1].servers:
        if server.url == selected.url:
            return server.id
    return None


def _copy_outcome(
    source: futures.Future[ServerChange], target: futures.Future[ServerChange]
) -> None:
    error = source.exception()
    if error is not None:
        target.set_exception(error)
    else:
        target.set_result(source.result())
