"""Servers and settings: register ComfyUI servers (with a Test button) and the general options.

Server changes take effect at once: they are written to the store and applied to the running
worker pool, so that the pool always runs what `pool_servers` computes from the registry (the
rule the app starts with). The General page is applied with OK/Apply and saved to settings.json.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QSpinBox,
    QStackedWidget,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.core.comfy import ComfyClient, ComfyError
from studio_desktop.core.comfy.client import normalize_base_url
from studio_desktop.core.context import DEFAULT_SERVER
from studio_desktop.core.scheduler import ServerState, ServerStatus
from studio_desktop.core.servers import (
    ServerCapabilities,
    ServerConfig,
    gpu_label,
    pool_servers,
    probe,
)
from studio_desktop.core.store import DuplicateServer, ServerRecord, StoreError
from studio_desktop.ui.indicators import FAIL_COLOUR, OK_COLOUR, dot
from studio_desktop.ui.output_folder import OutputFolderRow
from studio_desktop.ui.services import Services
from studio_desktop.workers.pool import WorkerPool

log = logging.getLogger("studio.ui")

PROBE_TIMEOUT_S = 10.0
_Index = QModelIndex | QPersistentModelIndex

# Native names: a user who cannot read the current language still finds their own.
LANGUAGE_CHOICES = (
    ("system", None),
    ("en", "English"),
    ("zh_CN", "简体中文"),
    ("zh_TW", "繁體中文"),
)


# --- small shared widgets ---------------------------------------------------------------------


def hint_label(text: str) -> QLabel:
    """A quieter, smaller line of explanation under a field, readable in light and dark."""
    label = QLabel(text)
    label.setWordWrap(True)
    # Expanding: in a form it takes the field column's width instead of wrapping narrowly.
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.92)
    label.setFont(font)
    palette = label.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
    )
    label.setPalette(palette)
    return label


class ResultLine(QWidget):
    """'Connecting…', then a green or red dot with what a probe found."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon = QLabel()
        self.icon.setFixedWidth(14)
        self.icon.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        self.ok: bool | None = None

    def text(self) -> str:
        return self.label.text()

    def clear(self) -> None:
        self.ok = None
        self.icon.clear()
        self.label.clear()

    def show_busy(self, text: str) -> None:
        self.ok = None
        self.icon.clear()
        self.label.setText(text)

    def show_result(self, text: str, *, ok: bool) -> None:
        self.ok = ok
        size = max(8, self.label.fontMetrics().height() - 4)
        pixmap = dot(OK_COLOUR if ok else FAIL_COLOUR, size)
        self.icon.setPixmap(pixmap)
        self.icon.setContentsMargins(0, (self.label.fontMetrics().height() - size) // 2, 0, 0)
        self.label.setText(text)


# --- probing a server off the GUI thread -----------------------------------------------------


@dataclass(frozen=True)
class ProbeResult:
    url: str
    caps: ServerCapabilities | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.caps is not None


def describe_caps(caps: ServerCapabilities) -> str:
    """'ComfyUI 0.3.64, NVIDIA RTX 4090, 22.1 of 24.0 GiB free, 12 checkpoints'."""
    parts = [
        QCoreApplication.translate("SettingsDialog", "ComfyUI {version}").format(
            version=caps.comfyui_version or "?"
        )
    ]
    if caps.gpu_name:
        parts.append(gpu_label(caps.gpu_name))
    if caps.vram_free is not None and caps.vram_total:
        parts.append(
            QCoreApplication.translate(
                "SettingsDialog", "{free:.1f} of {total:.1f} GiB free"
            ).format(free=caps.vram_free / 2**30, total=caps.vram_total / 2**30)
        )
    count = len(caps.models.get("checkpoints", ()))
    # Two source strings instead of "%n checkpoint(s)": English reads right without a .qm file.
    one = QCoreApplication.translate("SettingsDialog", "1 checkpoint")
    parts.append(
        one
        if count == 1
        else QCoreApplication.translate("SettingsDialog", "{n} checkpoints").format(n=count)
    )
    return ", ".join(parts)


def describe_probe(result: ProbeResult) -> str:
    if result.caps is not None:
        return QCoreApplication.translate("SettingsDialog", "Connected: {details}").format(
            details=describe_caps(result.caps)
        )
    return result.error


def run_probe(url: str, auth_header: str | None, timeout: float = PROBE_TIMEOUT_S) -> ProbeResult:
    """Blocking: connect and read what the server offers. Never raises."""
    try:
        with ComfyClient(url, auth_header=auth_header or None, timeout=timeout) as client:
            return ProbeResult(url, caps=probe(client))
    except (ComfyError, ValueError) as exc:
        return ProbeResult(url, error=str(exc))
    except Exception as exc:
        log.exception("probing %s failed", url)
        return ProbeResult(
            url,
            error=QCoreApplication.translate("SettingsDialog", "Test failed: {error}").format(
                error=exc
            ),
        )


class ServerProber(QObject):
    """Probes servers on short-lived threads; `finished(ProbeResult)` arrives on the GUI thread.

    Keep it unparented and referenced from Python: each thread holds it too, so it outlives a
    dialog closed mid-probe and the late result simply reaches no one.
    """

    finished = Signal(object)  # ProbeResult

    def __init__(self, timeout: float = PROBE_TIMEOUT_S) -> None:
        super().__init__()
        self.timeout = timeout
        self._threads: list[threading.Thread] = []

    @property
    def busy(self) -> bool:
        return any(t.is_alive() for t in self._threads)

    def start(self, url: str, auth_header: str | None = None) -> None:
        def work() -> None:
            result = run_probe(url, auth_header, self.timeout)
            try:
                self.finished.emit(result)
            except RuntimeError:  # the application is going away
                log.debug("probe result for %s dropped", url)

        self._threads = [t for t in self._threads if t.is_alive()]
        thread = threading.Thread(target=work, name="studio-probe", daemon=True)
        self._threads.append(thread)
        thread.start()

    def wait(self, timeout: float = PROBE_TIMEOUT_S + 5) -> bool:
        """Join the probe threads (tests, shutdown); True if none is left running."""
        for thread in list(self._threads):
            thread.join(timeout)
        return not self.busy


# --- keeping the pool in step with the registry -----------------------------------------------


def apply_to_pool(
    pool: WorkerPool, before: dict[str, ServerConfig], after: dict[str, ServerConfig]
) -> None:
    """Remove what went away or changed, then add what is new. Queue ops run in order."""

    def same(a: ServerConfig, b: ServerConfig) -> bool:
        return (a.name, a.auth_header) == (b.name, b.auth_header)

    for url, config in before.items():
        if url not in after or not same(config, after[url]):
            pool.remove_server(url)
    for url, config in after.items():
        if url not in before or not same(config, before[url]):
            pool.add_server(config)


# --- the servers table ------------------------------------------------------------------------


class ServerTableModel(QAbstractTableModel):
    """Registered servers with their live state. Checking 'Enabled' asks via `enable_requested`."""

    ENABLED, NAME, URL, STATE, GPU = range(5)
    enable_requested = Signal(int, bool)  # record id, enabled

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ServerRecord] = []
        self._live: dict[str, ServerStatus] = {}

    def set_records(self, records: list[ServerRecord]) -> None:
        self.beginResetModel()
        self._rows = list(records)
        self.endResetModel()

    def record(self, row: int) -> ServerRecord | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def update_status(self, status: ServerStatus) -> None:
        self._live[status.url] = status
        for row, record in enumerate(self._rows):
            if record.url == status.url:
                self.dataChanged.emit(self.index(row, self.STATE), self.index(row, self.GPU))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (self.tr("Enabled"), self.tr("Name"), self.tr("Address"), self.tr("State"))
        return (*titles, self.tr("GPU"))[section] if 0 <= section < 5 else None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not self.checkIndex(index, QAbstractTableModel.CheckIndexOption.IndexIsValid):
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.ENABLED:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self.record(index.row()) if index.isValid() else None
        if record is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == self.ENABLED:
            return Qt.CheckState.Checked if record.enabled else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(record, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.ENABLED:
                return self.tr("Send jobs to this server")
            if column == self.STATE:
                live = self._live.get(record.url)
                return live.message if live is not None and live.message else None
            return self._text(record, column) or None
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        record = self.record(index.row()) if index.isValid() else None
        if record is None or index.column() != self.ENABLED:
            return False
        if role != Qt.ItemDataRole.CheckStateRole:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        self.enable_requested.emit(record.id, checked)
        return True

    def _text(self, record: ServerRecord, column: int) -> str:
        live = self._live.get(record.url) if record.enabled else None
        if column == self.NAME:
            return record.name
        if column == self.URL:
            return record.url
        if column == self.STATE:
            if not record.enabled:
                return self.tr("Not used")
            return self._state_text(live.state.value if live else record.last_state)
        if column == self.GPU:
            name = live.gpu_name if live and live.gpu_name else record.gpu_name
            free = live.vram_free if live and live.gpu_name else record.vram_free
            if not name:
                return ""
            if free is None:
                return gpu_label(name)
            return self.tr("{gpu} ({free:.1f} GiB free)").format(
                gpu=gpu_label(name), free=free / 2**30
            )
        return ""

    def _state_text(self, state: str) -> str:
        texts = {
            ServerState.IDLE.value: self.tr("Connected"),
            ServerState.BUSY.value: self.tr("Busy"),
            ServerState.CONNECTING.value: self.tr("Connecting…"),
            ServerState.DOWN.value: self.tr("Not reachable"),
            ServerState.STOPPED.value: self.tr("Stopped"),
        }
        return texts.get(state, self.tr("Not checked yet"))


# --- add / edit one server --------------------------------------------------------------------


@dataclass(frozen=True)
class ServerFields:
    name: str
    url: str
    auth_header: str | None


class ServerEditDialog(QDialog):
    """Name, address and an optional Authorization header, with a Test button."""

    def __init__(
        self,
        taken_urls: set[str],
        record: ServerRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit server") if record else self.tr("Add server"))
        self._taken = taken_urls - ({record.url} if record else set())
        self.prober = ServerProber()
        self.prober.finished.connect(self._show_result)

        self.name_field = QLineEdit(record.name if record else "")
        self.name_field.setPlaceholderText(self.tr("e.g. Desktop GPU"))
        self.url_field = QLineEdit(record.url if record else "")
        self.url_field.setPlaceholderText(DEFAULT_SERVER)
        self.auth_field = QLineEdit((record.auth_header or "") if record else "")
        self.auth_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.auth_field.setPlaceholderText(self.tr("Optional, e.g. Bearer <token>"))
        reveal = self.auth_field.addAction(
            self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView),
            QLineEdit.ActionPosition.TrailingPosition,
        )
        reveal.setCheckable(True)
        reveal.setToolTip(self.tr("Show the header"))
        reveal.toggled.connect(
            lambda shown: self.auth_field.setEchoMode(
                QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
            )
        )
        auth_hint = hint_label(
            self.tr("Sent as the Authorization header, for servers behind a login or a proxy.")
        )

        self.test_button = QPushButton(self.tr("Test"))
        self.test_button.clicked.connect(self.test)
        self.test_result = ResultLine()

        form = QFormLayout()
        form.setSpacing(6)
        form.addRow(self.tr("Name:"), self.name_field)
        form.addRow(self.tr("Address:"), self.url_field)
        form.addRow(self.tr("Authorization:"), self.auth_field)
        form.addRow("", auth_hint)
        test_row = QHBoxLayout()
        test_row.setSpacing(12)
        test_row.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignTop)
        test_row.addWidget(self.test_result, 1, Qt.AlignmentFlag.AlignTop)
        form.addRow("", test_row)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(12)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(540)

    def fields(self) -> ServerFields:
        """The entered values; the URL normalised (ValueError if it is not an address)."""
        url = normalize_base_url(self.url_field.text())
        name = self.name_field.text().strip() or url.split("://", 1)[-1]
        return ServerFields(name, url, self.auth_field.text().strip() or None)

    def test(self) -> None:
        try:
            fields = self.fields()
        except ValueError as exc:
            self.test_result.show_result(str(exc), ok=False)
            return
        self.test_button.setEnabled(False)
        self.test_result.show_busy(self.tr("Connecting to {url}…").format(url=fields.url))
        self.prober.start(fields.url, fields.auth_header)

    @Slot(object)
    def _show_result(self, result: ProbeResult) -> None:
        self.test_button.setEnabled(True)
        self.test_result.show_result(describe_probe(result), ok=result.ok)

    def accept(self) -> None:
        try:
            fields = self.fields()
        except ValueError as exc:
            self.test_result.show_result(str(exc), ok=False)
            self.url_field.setFocus()
            return
        if fields.url in self._taken:
            self.test_result.show_result(
                self.tr("{url} is already in the list.").format(url=fields.url), ok=False
            )
            self.url_field.setFocus()
            return
        super().accept()


# --- the pages --------------------------------------------------------------------------------


class ServersPage(QWidget):
    """The registry: add, edit, remove, enable and test servers. Changes apply at once."""

    status_message = Signal(str, int)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.model = ServerTableModel(self)
        self.model.enable_requested.connect(self.set_enabled)
        services.pool.server_changed.connect(self.model.update_status)
        self.prober = ServerProber()
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
        self.reload()

    # --- reading ---

    def reload(self, select_id: int | None = None) -> None:
        records = self.services.ctx.store.list_servers()
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

    # --- changing (store first, then the pool) ---

    def _change(self, write: Any) -> Any:
        """Run a store write and bring the pool in line with the registry it leaves."""
        depth = self.services.settings.pipeline_depth
        store = self.services.ctx.store
        before = pool_servers(store.list_servers(), depth)
        result = write()
        apply_to_pool(self.services.pool, before, pool_servers(store.list_servers(), depth))
        return result

    def _taken_urls(self) -> set[str]:
        return {r.url for r in self.services.ctx.store.list_servers()}

    def add_server(self) -> None:
        dialog = ServerEditDialog(self._taken_urls(), parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.register(dialog.fields())

    def register(self, fields: ServerFields) -> ServerRecord | None:
        """Add a server to the registry and the pool; None (with a message) if refused."""
        store = self.services.ctx.store
        try:
            record: ServerRecord = self._change(
                lambda: store.add_server(fields.name, fields.url, auth_header=fields.auth_header)
            )
        except StoreError as exc:
            self._refused(exc)
            return None
        self.reload(select_id=record.id)
        self.status_message.emit(self.tr("Added {name}").format(name=record.name), 4000)
        return record

    def edit_selected(self) -> None:
        record = self.selected()
        if record is None:
            return
        dialog = ServerEditDialog(self._taken_urls(), record, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.edit(record.id, dialog.fields())

    def edit(self, record_id: int, fields: ServerFields) -> None:
        store = self.services.ctx.store
        try:
            self._change(
                lambda: store.update_server(
                    record_id, name=fields.name, url=fields.url, auth_header=fields.auth_header
                )
            )
        except StoreError as exc:
            self._refused(exc)
        self.reload(select_id=record_id)

    def set_enabled(self, record_id: int, enabled: bool) -> None:
        store = self.services.ctx.store
        try:
            self._change(lambda: store.update_server(record_id, enabled=enabled))
        except StoreError as exc:
            self._refused(exc)
        self.reload(select_id=record_id)

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

    def remove(self, record_id: int) -> None:
        store = self.services.ctx.store
        try:
            self._change(lambda: store.remove_server(record_id))
        except StoreError as exc:
            self._refused(exc)
        self.reload()

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


class GeneralPage(QWidget):
    """Data and output folders, thumbnails, retention, pipeline depth, language, notifications,
    theme."""

    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        settings = services.settings

        folder = str(services.ctx.paths.root)
        self.folder_field = QLineEdit(folder)
        self.folder_field.setReadOnly(True)
        self.folder_field.setToolTip(folder)
        self.folder_field.setCursorPosition(0)
        open_button = QPushButton(self.tr("Open"))
        open_button.clicked.connect(self._open_folder)
        folder_row = QHBoxLayout()
        folder_row.setSpacing(6)
        folder_row.addWidget(self.folder_field, 1)
        folder_row.addWidget(open_button)
        folder_hint = self._hint(
            self.tr(
                "Images, thumbnails, the job database and logs live here. To use another folder, "
                "start Studio Desktop with --data-dir FOLDER or set STUDIO_DATA_DIR."
            )
        )

        self.output_folder = OutputFolderRow(services.ctx.paths, settings.output_folder)
        self.output_folder.changed.connect(self.changed)
        self.output_folder_warning = self._hint(
            self.tr(
                "Studio Desktop could not use this folder when it started; new images are "
                "saved in {folder} until you choose a folder that works."
            ).format(folder=services.ctx.library.output_folder)
        )
        self.output_folder_warning.setForegroundRole(QPalette.ColorRole.Text)
        self.output_folder_warning.setVisible(self._output_folder_not_in_use())

        self.thumbnail_size = self._spin(64, 512, settings.thumbnail_size, self.tr(" px"), 16)
        self.trash_days = self._spin(1, 3650, settings.trash_retention_days, self.tr(" days"))
        self.temp_hours = self._spin(1, 24 * 365, settings.temp_retention_hours, self.tr(" hours"))
        self.pipeline_depth = self._spin(1, 8, settings.pipeline_depth)

        self.language = QComboBox()
        for code, native in LANGUAGE_CHOICES:
            self.language.addItem(native or self.tr("Follow system"), code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.language.currentIndexChanged.connect(self.changed)
        self.language_hint = self._hint(
            self.tr("Studio Desktop uses the new language the next time it starts.")
        )
        self.language_hint.setVisible(False)
        self._language_at_open = settings.language

        self.notify = QCheckBox(self.tr("Notify me when a batch is done"))
        self.notify.setChecked(settings.notify_when_batch_done)
        self.notify.toggled.connect(self.changed)

        form = QFormLayout(self)
        form.setContentsMargins(12, 12, 12, 12)
        form.setSpacing(6)
        form.setVerticalSpacing(6)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Data folder:"), folder_row)
        form.addRow("", folder_hint)
        form.addRow(self.tr("Output folder:"), self.output_folder)
        form.addRow(
            "", self._hint(self.tr("New images are saved here; existing ones stay where they are."))
        )
        form.addRow("", self.output_folder_warning)
        form.addItem(_spacer())
        form.addRow(self.tr("Thumbnail size:"), self.thumbnail_size)
        form.addRow(self.tr("Keep deleted images:"), self.trash_days)
        form.addRow(
            "", self._hint(self.tr("Items in the trash are removed for good after this time."))
        )
        form.addRow(self.tr("Keep temporary files:"), self.temp_hours)
        form.addRow(self.tr("Prompts ahead per server:"), self.pipeline_depth)
        form.addRow(
            "",
            self._hint(
                self.tr(
                    "Prompts handed to each server in advance so its GPU never waits. 2 suits "
                    "most setups. Takes effect after a restart."
                )
            ),
        )
        form.addItem(_spacer())
        form.addRow(self.tr("Language:"), self.language)
        form.addRow("", self.language_hint)
        form.addRow(self.tr("Theme:"), QLabel(self.tr("Light or dark, following the system")))
        form.addRow("", self.notify)
        self.changed.connect(self._update_language_hint)

    def _spin(self, low: int, high: int, value: int, suffix: str = "", step: int = 1) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setSingleStep(step)
        spin.setSuffix(suffix)
        spin.setValue(value)
        spin.setMinimumWidth(110)
        spin.valueChanged.connect(self.changed)
        return spin

    @staticmethod
    def _hint(text: str) -> QLabel:
        label = hint_label(text)
        # A word-wrapped label is measured at its minimum width; near the real one, no gaps.
        label.setMinimumWidth(420)
        return label

    def values(self) -> dict[str, Any]:
        return {
            "thumbnail_size": self.thumbnail_size.value(),
            "trash_retention_days": self.trash_days.value(),
            "temp_retention_hours": self.temp_hours.value(),
            "pipeline_depth": self.pipeline_depth.value(),
            "language": str(self.language.currentData()),
            "notify_when_batch_done": self.notify.isChecked(),
            "output_folder": self.output_folder.setting(),
        }

    def is_dirty(self) -> bool:
        settings = self.services.settings
        changed = any(getattr(settings, key) != value for key, value in self.values().items())
        return changed or self.output_folder.wants_check()

    def output_folder_applied(self) -> None:
        self.output_folder.mark_applied()
        self.output_folder_warning.setVisible(self._output_folder_not_in_use())

    def _output_folder_not_in_use(self) -> bool:
        """The saved folder is not where outputs go: it failed its check at start-up."""
        ctx = self.services.ctx
        return ctx.library.output_folder != self.output_folder.folder()

    def _update_language_hint(self) -> None:
        self.language_hint.setVisible(self.language.currentData() != self._language_at_open)

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.services.ctx.paths.root)))


def _spacer() -> QSpacerItem:
    return QSpacerItem(0, 6, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)


# --- the dialog -------------------------------------------------------------------------------


class SettingsDialog(QDialog):
    """Servers and General pages. OK/Apply save the General page and emit `settings_changed`."""

    settings_changed = Signal()
    status_message = Signal(str, int)
    PAGES = ("servers", "general")

    def __init__(
        self, services: Services, parent: QWidget | None = None, *, page: str = "servers"
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("Servers and Settings"))
        self.servers = ServersPage(services)
        self.servers.status_message.connect(self.status_message)
        self.general = GeneralPage(services)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.servers, self.tr("Servers"))
        self.tabs.addTab(self.general, self.tr("General"))
        self.show_page(page)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Apply
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.clicked.connect(self.apply)
        self.apply_button.setEnabled(False)
        self.general.changed.connect(lambda: self.apply_button.setEnabled(self.general.is_dirty()))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(12)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 520)

    def show_page(self, page: str) -> None:
        self.tabs.setCurrentIndex(self.PAGES.index(page) if page in self.PAGES else 0)

    def apply(self) -> bool:
        """Save the General page; False (with a message) if the output folder cannot be used
        or the file could not be written."""
        if not self.general.is_dirty():
            return True
        new_folder = self._checked_output_folder()
        if new_folder is False:
            return False
        settings = self.services.settings
        for key, value in self.general.values().items():
            setattr(settings, key, value)
        settings.validated()
        if new_folder is not None:
            # New outputs go there from now on; the output threads read it once per file.
            self.services.ctx.library.output_folder = new_folder
            self.general.output_folder_applied()
        try:
            self.services.save_settings()
        except OSError as exc:
            log.warning("could not save settings: %s", exc)
            QMessageBox.warning(
                self,
                self.tr("Settings"),
                self.tr("The settings could not be saved: {error}").format(error=exc),
            )
            return False
        self.apply_button.setEnabled(False)
        self.settings_changed.emit()
        return True

    def _checked_output_folder(self) -> Path | Literal[False] | None:
        """The output folder to switch to (None: no change), or False after telling the user
        why the chosen one cannot be used."""
        row = self.general.output_folder
        if not row.wants_check():
            return None
        problem = row.check()
        if problem is not None:
            log.warning("output folder %s refused: %s", row.folder(), problem)
            self.show_page("general")
            QMessageBox.warning(self, self.tr("Output folder"), problem)
            return False
        return row.folder()

    def accept(self) -> None:
        if self.apply():
            super().accept()
