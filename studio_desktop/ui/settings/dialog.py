"""The Servers and Settings dialog: the two pages in tabs, with OK, Cancel and Apply.

One model on every page: a change is only shown until OK or Apply writes it; Cancel (or closing
the window) discards what was not applied."""

from __future__ import annotations

import logging
from concurrent import futures
from pathlib import Path
from typing import Literal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QMessageBox,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.ui.services import Services
from studio_desktop.ui.settings.general_page import GeneralPage
from studio_desktop.ui.settings.servers_page import ServersPage
from studio_desktop.ui.theme import apply_theme

log = logging.getLogger("studio.ui")


class SettingsDialog(QDialog):
    """Servers and General pages. OK/Apply write both (servers to the registry and the pool,
    the General page to settings.json, then `settings_changed`); Cancel discards."""

    settings_changed = Signal()
    restart_requested = Signal()  # after "Restart now": applied and closed, the app restarts
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
        self.general.restart_requested.connect(self.restart_now)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # Each page scrolls: the dialog fits a small screen, and text a language makes longer
        # is never squeezed.
        self.tabs.addTab(_scrolling(self.servers), self.tr("Servers"))
        self.tabs.addTab(_scrolling(self.general), self.tr("General"))
        self.show_page(page)
        self.servers_applied: futures.Future[None] = futures.Future()
        self.servers_applied.set_result(None)

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
        self.general.changed.connect(self._update_apply)
        self.servers.changed.connect(self._update_apply)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(12)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.resize(780, 580)

    def current_page(self) -> QWidget:
        area = self.tabs.currentWidget()
        assert isinstance(area, QScrollArea)
        page = area.widget()
        assert page is not None
        return page

    def show_page(self, page: str) -> None:
        self.tabs.setCurrentIndex(self.PAGES.index(page) if page in self.PAGES else 0)

    def is_dirty(self) -> bool:
        return self.general.is_dirty() or self.servers.is_dirty()

    def _update_apply(self) -> None:
        self.apply_button.setEnabled(self.is_dirty() and not self.servers.applying)

    def apply(self) -> bool:
        """Write both pages; False (with a message) if the output folder cannot be used or the
        settings file could not be written. The servers are written on the operations thread:
        `servers_applied` says when they are done."""
        if not self.apply_general():
            return False
        self.servers_applied = self.servers.apply()
        self._update_apply()
        self.servers_applied.add_done_callback(lambda _f: self._update_apply())
        return True

    def apply_general(self) -> bool:
        if not self.general.is_dirty():
            return True
        new_folder = self._checked_output_folder()
        if new_folder is False:
            return False
        settings = self.services.settings
        theme_before = settings.theme
        for key, value in self.general.values().items():
            setattr(settings, key, value)
        settings.validated()
        app = QApplication.instance()
        if settings.theme != theme_before and isinstance(app, QApplication):
            apply_theme(app, settings.theme)
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

    def restart_now(self) -> None:
        """Apply everything, close, and ask the app to restart (in the new language)."""
        if not self.apply():
            return
        self.buttons.setEnabled(False)

        def restart(_done: futures.Future[None]) -> None:
            self.buttons.setEnabled(True)
            super(SettingsDialog, self).accept()
            self.restart_requested.emit()

        self.servers_applied.add_done_callback(restart)

    def accept(self) -> None:
        """Apply, then close once the servers are written (a refusal is shown first)."""
        if not self.apply():
            return
        self.buttons.setEnabled(False)

        def close(_done: futures.Future[None]) -> None:
            self.buttons.setEnabled(True)
            super(SettingsDialog, self).accept()

        self.servers_applied.add_done_callback(close)


def _scrolling(page: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area
