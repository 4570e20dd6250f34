"""Adding or editing one server: name, address, Authorization header and a Test button."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.core.context import DEFAULT_SERVER
from studio_desktop.core.store import ServerRecord
from studio_desktop.core.urls import check_auth_header, normalize_base_url
from studio_desktop.ui.settings.probe import ProbeResult, ServerProber, describe_probe
from studio_desktop.ui.settings.widgets import ResultLine, hint_label
from studio_desktop.ui.texts import exception_text
from studio_desktop.workers.tasks import Tasks


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
        *,
        tasks: Tasks,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit server") if record else self.tr("Add server"))
        self._taken = taken_urls - ({record.url} if record else set())
        self.prober = ServerProber(tasks, parent=self)
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
        """The entered values; the URL normalised (ValueError if it is not an address, or the
        token cannot be sent as a header: the same checks as the CLI's)."""
        url = normalize_base_url(self.url_field.text())
        auth_header = check_auth_header(self.auth_field.text())
        name = self.name_field.text().strip() or url.split("://", 1)[-1]
        return ServerFields(name, url, auth_header)

    def test(self) -> None:
        try:
            fields = self.fields()
        except ValueError as exc:
            self.test_result.show_result(exception_text(exc), ok=False)
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
            self.test_result.show_result(exception_text(exc), ok=False)
            self.url_field.setFocus()
            return
        if fields.url in self._taken:
            self.test_result.show_result(
                self.tr("{url} is already in the list.").format(url=fields.url), ok=False
            )
            self.url_field.setFocus()
            return
        super().accept()
