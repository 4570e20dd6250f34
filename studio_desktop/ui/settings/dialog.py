"""The Servers and Settings dialog: the two pages in tabs, with OK, Cancel and Apply."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Literal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.ui.services import Services
from studio_desktop.ui.settings.general_page import GeneralPage
from studio_desktop.ui.settings.servers_page import ServersPage

log = logging.getLogger("studio.ui")


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
