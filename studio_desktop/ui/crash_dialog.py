"""The crash dialog: what went wrong, where the log is, and whether to go on or quit.

`CrashReporter.report` is the `on_error` of `core.errors.install_excepthooks`. It may be called
on any thread; a queued signal brings the report to the GUI thread. One dialog at a time: errors
that arrive while it is open (including errors raised by the dialog itself) are only counted;
the sink has already logged them.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger("studio.ui")

DETAILS_LIMIT = 64 * 1024  # a crash log is a few KB; never paste megabytes into the clipboard


class CrashDialog(QDialog):
    """'Studio Desktop hit an unexpected error' with the log path, Copy details, Continue/Quit."""

    quit_requested = Signal()

    def __init__(self, message: str, log_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = message
        self.log_path = log_path
        self.more_errors = 0
        self.setWindowTitle(self.tr("Studio Desktop — Unexpected error"))
        self.setObjectName("crashDialog")

        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(
            self.style()
            .standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
            .pixmap(size, size)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)

        title = QLabel(self.tr("Studio Desktop hit an unexpected error"))
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        title.setFont(font)

        self.message_label = QLabel(message)
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        advice = QLabel(
            self.tr(
                "Your jobs and images are safe. You can continue, but if something behaves "
                "oddly, quit and start Studio Desktop again. When reporting the problem, "
                "attach the log below."
            )
        )
        advice.setWordWrap(True)

        self.path_field = QLineEdit(str(log_path))
        self.path_field.setReadOnly(True)
        self.path_field.setCursorPosition(0)
        self.path_field.setToolTip(str(log_path))
        open_folder = QPushButton(self.tr("Open log folder"))
        open_folder.clicked.connect(self.open_log_folder)
        path_row = QHBoxLayout()
        path_row.setSpacing(6)
        path_row.addWidget(self.path_field, 1)
        path_row.addWidget(open_folder)

        self.more_label = QLabel()
        self.more_label.setWordWrap(True)
        self.more_label.setVisible(False)

        # Copy details on the left; Quit and Continue where the platform puts Cancel and OK.
        self.copy_button = QPushButton(self.tr("Copy details"))
        buttons = QDialogButtonBox()
        self.quit_button = buttons.addButton(
            self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.continue_button = buttons.addButton(
            self.tr("Continue"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        button_row = QHBoxLayout()
        button_row.setSpacing(6)
        button_row.addWidget(self.copy_button)
        button_row.addWidget(buttons, 1)
        self.continue_button.setDefault(True)
        self.copy_button.clicked.connect(self.copy_details)
        self.quit_button.clicked.connect(self._quit)
        self.continue_button.clicked.connect(self.accept)

        text = QVBoxLayout()
        text.setSpacing(6)
        text.addWidget(title)
        text.addWidget(self.message_label)
        text.addSpacing(6)
        text.addWidget(advice)
        text.addWidget(QLabel(self.tr("Details were saved to:")))
        text.addLayout(path_row)
        text.addWidget(self.more_label)

        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(icon)
        top.addLayout(text, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addLayout(button_row)
        self.setMinimumWidth(600)

    def add_later_error(self) -> None:
        """Another error arrived while this dialog was open: say so, without a new dialog."""
        self.more_errors += 1
        text = self.tr(
            "%n more error(s) happened since; each has its own crash log in that folder.",
            "",
            self.more_errors,
        )
        self.more_label.setText(text)
        self.more_label.setVisible(True)

    def details(self) -> str:
        """The message, the log path and the log itself, for a bug report."""
        try:
            with self.log_path.open(encoding="utf-8", errors="replace") as handle:
                contents = handle.read(DETAILS_LIMIT)
        except OSError as exc:
            contents = self.tr("(the log could not be read: {error})").format(error=exc)
        return f"{self.message}\n{self.log_path}\n\n{contents}"

    def copy_details(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.details())
        self.copy_button.setText(self.tr("Copied"))

    def open_log_folder(self) -> None:
        folder = self.log_path if self.log_path.is_dir() else self.log_path.parent
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _quit(self) -> None:
        self.quit_requested.emit()
        self.reject()


class CrashReporter(QObject):
    """Shows a `CrashDialog` on the GUI thread for reports from any thread.

    Create it on the GUI thread. `enabled=False` (`--no-crash-dialog`) keeps the reports in the
    logs only. Quit calls `on_quit`, by default `QCoreApplication.quit()` (the normal shutdown,
    which keeps every job).
    """

    _reported = Signal(str, str)
    dialog_shown = Signal(object)  # the CrashDialog, once it is visible (tests, the window)

    def __init__(
        self,
        *,
        enabled: bool = True,
        on_quit: Callable[[], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self._on_quit = on_quit
        self.dialog: CrashDialog | None = None
        self._closed = False
        # Queued even from the GUI thread: never open a dialog inside the call that failed.
        self._reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def report(self, message: str, log_path: Path) -> None:
        """Thread-safe: hand a report to the GUI thread."""
        if not self.enabled or self._closed:
            return
        # RuntimeError: the reporter is being destroyed (shutdown); the sink has logged it.
        with contextlib.suppress(RuntimeError):
            self._reported.emit(message, str(log_path))

    def close(self) -> None:
        """Stop showing dialogs (shutdown); closes one that is open."""
        self._closed = True
        if self.dialog is not None:
            self.dialog.close()
            self.dialog = None

    @Slot(str, str)
    def _show(self, message: str, log_path: str) -> None:
        if self._closed:
            return
        if self.dialog is not None:
            self.dialog.add_later_error()
            return
        try:
            parent = QApplication.activeWindow()
            dialog = CrashDialog(message, Path(log_path), parent)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.quit_requested.connect(self._quit_app)
            dialog.finished.connect(self._dialog_closed)
            self.dialog = dialog
            dialog.open()
            dialog.raise_()
            self.dialog_shown.emit(dialog)
        except Exception:
            # Nothing may loop back into the sink from here: log and carry on without a dialog.
            log.exception("could not show the crash dialog")
            self.dialog = None

    @Slot()
    def _dialog_closed(self) -> None:
        self.dialog = None

    @Slot()
    def _quit_app(self) -> None:
        if self._on_quit is not None:
            self._on_quit()
            return
        app = QCoreApplication.instance()
        if app is not None:
            app.quit()
