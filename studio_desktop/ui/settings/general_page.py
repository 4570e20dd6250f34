"""The General page: folders, thumbnails, retention, pipeline depth, language, notifications."""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QSpinBox,
    QWidget,
)

from studio_desktop.core.settings import MAX_PIPELINE_DEPTH
from studio_desktop.ui.output_folder import OutputFolderRow
from studio_desktop.ui.services import Services
from studio_desktop.ui.settings.widgets import hint_label
from studio_desktop.ui.theme import THEME_ENV
from studio_desktop.ui.translations import resolve_language

# Native names: a user who cannot read the current language still finds their own.
LANGUAGE_CHOICES = (
    ("system", None),
    ("en", "English"),
    ("zh_CN", "简体中文"),
    ("zh_TW", "繁體中文"),
)


class GeneralPage(QWidget):
    """Data and output folders, thumbnails, retention, pipeline depth, language, notifications,
    theme."""

    changed = Signal()
    restart_requested = Signal()  # "Restart now" beside the new language

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
        self.pipeline_depth = self._spin(1, MAX_PIPELINE_DEPTH, settings.pipeline_depth)

        self.language = QComboBox()
        for code, native in LANGUAGE_CHOICES:
            self.language.addItem(native or self.tr("Follow system"), code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.language.currentIndexChanged.connect(self.changed)
        # Shown once another language is chosen: it is used from the next start.
        self.language_hint = QWidget()
        hint_text = self._hint(
            self.tr("Studio Desktop uses the new language the next time it starts.")
        )
        hint_text.setMinimumWidth(300)
        self.restart_button = QPushButton(self.tr("Restart now"))
        self.restart_button.setToolTip(
            self.tr("Save the settings, close Studio Desktop as usual and start it again")
        )
        self.restart_button.clicked.connect(self.restart_requested)
        hint_row = QHBoxLayout(self.language_hint)
        hint_row.setContentsMargins(0, 0, 0, 0)
        hint_row.setSpacing(6)
        hint_row.addWidget(hint_text, 1)
        hint_row.addWidget(self.restart_button, 0, Qt.AlignmentFlag.AlignTop)
        # Compared with the language the window runs in, not the one saved: after choosing
        # Chinese and pressing OK, the next visit must still offer the restart that applies it.
        self._language_running = services.language
        self.language_hint.setVisible(self._language_differs())

        self.theme = QComboBox()
        for code, name in (
            ("system", self.tr("Follow system")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
        ):
            self.theme.addItem(name, code)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        self.theme.currentIndexChanged.connect(self.changed)
        self.theme_hint = self._hint(
            self.tr("The STUDIO_THEME environment variable overrides this choice.")
        )
        self.theme_hint.setVisible(os.environ.get(THEME_ENV, "").lower() in ("light", "dark"))

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
        form.addRow(self.tr("Theme:"), self.theme)
        form.addRow("", self.theme_hint)
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
            "theme": str(self.theme.currentData()),
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

    def _language_differs(self) -> bool:
        return resolve_language(str(self.language.currentData())) != self._language_running

    def _update_language_hint(self) -> None:
        self.language_hint.setVisible(self._language_differs())

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.services.ctx.paths.root)))


def _spacer() -> QSpacerItem:
    return QSpacerItem(0, 6, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
