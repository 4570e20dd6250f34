"""The first start: find ComfyUI, or say plainly how to start it, and let the user go on anyway."""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.core.context import DEFAULT_SERVER
from studio_desktop.core.servers import gpu_label
from studio_desktop.core.store import ServerRecord
from studio_desktop.core.urls import normalize_base_url
from studio_desktop.ui.managed.installs import InstallPicker
from studio_desktop.ui.services import Services
from studio_desktop.ui.settings.probe import ProbeResult, ServerProber, describe_caps
from studio_desktop.ui.settings.widgets import ResultLine, hint_label
from studio_desktop.ui.texts import exception_text, show_text
from studio_desktop.workers.operations import ServerChange, when_done

log = logging.getLogger("studio.ui")

RESULT_INDENT = 20  # a ResultLine's dot column and spacing


def first_server_url(records: Sequence[ServerRecord]) -> str:
    """The server the app uses first: the first enabled registered one, else the local one."""
    for record in records:
        if record.enabled:
            return record.url
    return DEFAULT_SERVER


def running_server_url(services: Services) -> str:
    """The first server the pool runs: the pool was built from the registry, so this is
    `first_server_url` of it, known without a database read on the GUI thread."""
    statuses = services.pool.statuses()
    return statuses[0].url if statuses else DEFAULT_SERVER


class FirstRunDialog(QDialog):
    """Probes `url` (off the GUI thread) and shows 'found' or how to start ComfyUI.

    Closing it in any way marks the first run as done in the settings.
    """

    def __init__(
        self, services: Services, parent: QWidget | None = None, *, url: str | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.url = url or running_server_url(services)
        self.setWindowTitle(self.tr("Welcome to Studio Desktop"))
        self.prober = ServerProber(services.tasks, parent=self)
        self.prober.finished.connect(self._probed)
        self._pending_custom: str | None = None  # a typed address being checked
        self._current: QWidget | None = None

        title = QLabel(self.tr("Welcome to Studio Desktop"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        title.setFont(font)
        subtitle = hint_label(
            self.tr("Studio Desktop makes images with ComfyUI running on your own GPU.")
        )

        self.checking_page = self._checking_page()
        self.found_page = self._found_page()
        self.missing_page = self._missing_page()
        self._pages = (self.checking_page, self.found_page, self.missing_page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 18, 18, 18)
        layout.setSpacing(6)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(12)
        # One page visible at a time in a plain box (not a QStackedWidget): wrapped text then
        # gets its real height, and the dialog grows with the page it shows.
        for page in self._pages:
            layout.addWidget(page, 1)
        self.setMinimumSize(560, 280)  # about the 'not found' page: no jump after checking
        self.check()

    # --- pages ---

    def _checking_page(self) -> QWidget:
        page = QWidget()
        self.checking_label = QLabel()
        self.checking_label.setWordWrap(True)
        busy = QProgressBar()
        busy.setRange(0, 0)
        busy.setTextVisible(False)
        busy.setMaximumHeight(8)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.checking_label)
        layout.addWidget(busy)
        layout.addStretch(1)
        return page

    def _found_page(self) -> QWidget:
        page = QWidget()
        self.found_line = ResultLine()
        self.found_details = hint_label("")
        self.found_details.setContentsMargins(RESULT_INDENT, 0, 0, 0)
        next_steps = QLabel(
            self.tr(
                "Next: pick a template on the Generate tab, describe the image and press "
                "Queue (Ctrl+Enter). Servers and other options are under Settings."
            )
        )
        next_steps.setWordWrap(True)
        self.start_button = QPushButton(self.tr("Start creating"))
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.found_line)
        layout.addWidget(self.found_details)
        layout.addSpacing(12)
        layout.addWidget(next_steps)
        layout.addStretch(1)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        return page

    def _missing_page(self) -> QWidget:
        page = QWidget()
        self.missing_line = ResultLine()
        steps = QGridLayout()
        steps.setHorizontalSpacing(6)
        steps.setVerticalSpacing(6)
        texts = (
            self.tr(
                "Start ComfyUI: run <b>python main.py</b> in your ComfyUI folder, or open "
                "ComfyUI Desktop."
            ),
            "",  # step 2 names the address being checked: filled in by _show
            self.tr(
                "ComfyUI on another computer or port? Use another address. Without a server, "
                "the jobs you queue wait until one is available."
            ),
        )
        for row, text in enumerate(texts):
            number = QLabel(f"{row + 1}.")
            number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            label = QLabel(text)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            steps.addWidget(number, row, 0)
            steps.addWidget(label, row, 1)
            if row == 1:
                self.listen_step = label
        steps.setColumnStretch(1, 1)
        self.error_details = hint_label("")
        # Under the text, not under the dot.
        self.error_details.setContentsMargins(RESULT_INDENT, 0, 0, 0)
        self.error_details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.address_row = QWidget()
        self.address_field = QLineEdit()
        self.address_field.setPlaceholderText(self.tr("e.g. http://192.168.1.20:8188"))
        self.address_field.returnPressed.connect(self.use_address)
        self.connect_button = QPushButton(self.tr("Connect"))
        self.connect_button.clicked.connect(self.use_address)
        self.address_result = ResultLine()
        fields = QHBoxLayout()
        fields.setSpacing(6)
        fields.addWidget(QLabel(self.tr("Address:")))
        fields.addWidget(self.address_field, 1)
        fields.addWidget(self.connect_button)
        # Boxes, not a grid: a grid cell spanning columns gets the wrapped text's height wrong.
        address = QVBoxLayout(self.address_row)
        address.setContentsMargins(0, 0, 0, 0)
        address.setSpacing(6)
        address.addLayout(fields)
        address.addWidget(self.address_result)
        self.address_row.setVisible(False)

        self.check_button = QPushButton(self.tr("Check again"))
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.check)
        self.other_button = QPushButton(self.tr("Use another address…"))
        self.other_button.clicked.connect(self.show_address_field)
        self.skip_button = QPushButton(self.tr("Continue without a server"))
        self.skip_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        buttons.addWidget(self.other_button)
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.check_button)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.missing_line)
        layout.addWidget(self.error_details)
        layout.addSpacing(6)
        self.installs: InstallPicker | None = None
        if self.services.managed is not None:
            # Studio Desktop can start a ComfyUI found on this computer itself.
            heading = QLabel(self.tr("<b>Let Studio Desktop start ComfyUI for you</b>"))
            self.installs = InstallPicker(self.services)
            self.installs.started.connect(self._managed_started)
            # After the layout took the change in: the wrapped text's height is known then.
            self.installs.content_changed.connect(lambda: QTimer.singleShot(0, self._grow))
            layout.addWidget(heading)
            layout.addWidget(self.installs)
            layout.addSpacing(6)
            layout.addWidget(QLabel(self.tr("<b>Or start it yourself</b>")))
        layout.addLayout(steps)
        layout.addSpacing(6)
        layout.addWidget(self.address_row)
        layout.addStretch(1)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        return page

    # --- state ---

    def _set_page(self, page: QWidget) -> None:
        changed = page is not self._current
        self._current = page
        for other in self._pages:
            other.setVisible(other is page)
        layout = self.layout()
        if changed and self.isVisible() and layout is not None:
            # Another page: the height it needs, also when that is less (the short "found"
            # page kept the tall "not running" page's height).
            layout.activate()
            need = layout.totalHeightForWidth(self.width())
            self.resize(self.width(), max(need, self.minimumHeight()))
        self._grow()

    def _grow(self) -> None:
        # Wrapped text needs more height than the minimum size says: grow (never shrink, so
        # the buttons do not jump) to what the current width needs.
        need = self.heightForWidth(self.width()) if self.hasHeightForWidth() else -1
        need = max(need, self.sizeHint().height())
        if self.isVisible() and need > self.height():
            self.resize(self.width(), need)

    @property
    def state(self) -> str:
        """'checking', 'found' or 'missing' (for tests and the window)."""
        current = self._current
        if current is self.found_page:
            return "found"
        return "missing" if current is self.missing_page else "checking"

    def check(self) -> None:
        """Probe the address again (off the GUI thread)."""
        self._pending_custom = None
        self.checking_label.setText(self.tr("Looking for ComfyUI at {url}…").format(url=self.url))
        self._set_page(self.checking_page)
        self.prober.start(self.url)

    def _managed_started(self, url: str) -> None:
        """The ComfyUI we started answers: check it like any other (the found page)."""
        self.url = url
        self.check()

    def show_address_field(self) -> None:
        self.address_row.setVisible(True)
        self.other_button.setVisible(False)
        self._grow()
        self.address_field.setFocus()

    def use_address(self) -> None:
        """Check a typed address; if ComfyUI answers there, register it as a server."""
        try:
            url = normalize_base_url(self.address_field.text())
        except ValueError as exc:
            self.address_result.show_result(exception_text(exc), ok=False)
            self._grow()
            return
        self._pending_custom = url
        self.connect_button.setEnabled(False)
        self.address_result.show_busy(self.tr("Connecting to {url}…").format(url=url))
        self.prober.start(url)

    @Slot(object)
    def _probed(self, result: ProbeResult) -> None:
        if self._pending_custom is not None:
            if result.url != self._pending_custom:
                return  # a late answer for an address no longer asked about
            self._pending_custom = None
            self.connect_button.setEnabled(True)
            if not result.ok:
                self.address_result.show_result(show_text(result.error), ok=False)
                self._grow()
                return
            self._register(result)
            return
        if result.url != self.url:
            return
        self._show(result)

    def _show(self, result: ProbeResult) -> None:
        if result.caps is not None:
            gpu = gpu_label(result.caps.gpu_name) or self.tr("unknown GPU")
            self.found_line.show_result(
                self.tr("ComfyUI found at {url} (GPU: {gpu})").format(url=self.url, gpu=gpu),
                ok=True,
            )
            self.found_details.setText(describe_caps(result.caps))
            self._set_page(self.found_page)
            self.start_button.setFocus()
        else:
            self.missing_line.show_result(
                self.tr("ComfyUI is not running at {url}").format(url=self.url), ok=False
            )
            self.error_details.setText(show_text(result.error))
            if self.url == DEFAULT_SERVER:
                step = self.tr(
                    "It usually listens on <b>{url}</b>. When it is up, click Check again."
                )
            else:
                step = self.tr(
                    "Start it so that it listens on <b>{url}</b>. When it is up, click Check again."
                )
            self.listen_step.setText(step.format(url=html.escape(self.url)))
            self._set_page(self.missing_page)
            self.check_button.setFocus()

    def _register(self, result: ProbeResult) -> None:
        """Register the address that answered (unless it is already), then show it as found."""

        def registered(_change: ServerChange) -> None:
            self.url = result.url
            self._show(result)

        def refused(exc: Exception) -> None:
            self.address_result.show_result(exception_text(exc), ok=False)
            self._grow()

        future = self.services.operations.add_server_if_new(
            result.url, depth=self.services.settings.pipeline_depth
        )
        when_done(self.services.tasks, future, registered, owner=self, failed=refused)

    def done(self, result: int) -> None:
        settings = self.services.settings
        if not settings.first_run_done:
            settings.first_run_done = True
            try:
                self.services.save_settings()
            except OSError:
                log.warning("could not save the settings after the first run", exc_info=True)
        super().done(result)
