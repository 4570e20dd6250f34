"""The servers table: registered servers with their live state."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from studio_desktop.core.engine import ServerState, ServerStatus
from studio_desktop.core.servers import gpu_label
from studio_desktop.core.store import ServerRecord
from studio_desktop.ui.texts import server_display_name, status_text

_Index = QModelIndex | QPersistentModelIndex


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

    def records(self) -> list[ServerRecord]:
        return list(self._rows)

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
                return (status_text(live) or None) if live is not None else None
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
            return server_display_name(record.name)
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
