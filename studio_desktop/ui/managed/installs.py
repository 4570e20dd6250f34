"""The ComfyUI installs found on this computer, each with "Use this one"; "Choose folder…".

Discovery looks at files only, yet on a slow or network home folder that may take a while: it
runs in `Tasks`, as does checking a folder the user picks. "Use this one" saves the choice
(settings: the app starts it at the next launch too when asked) and starts it through the
window's `ManagedController`; this widget shows the start's progress and, on failure, the
log's last lines.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.core.managed.discover import ComfyInstall, InstallKind, inspect_folder
from studio_desktop.core.managed.process import Preset, ServerState
from studio_desktop.core.messages import UserMessage
from studio_desktop.ui.services import Services
from studio_desktop.ui.settings.widgets import ResultLine, hint_label
from studio_desktop.ui.texts import show_text
from studio_desktop.workers.managed import (
    InvalidChoice,
    ManagedChoice,
    ManagedController,
    discover_installs,
    split_args,
)


class InstallPicker(QWidget):
    """The list of installs found and the options a start uses."""

    started = Signal(str)  # the managed server's URL, once it answers
    # Something was shown or hidden: a dialog holding this may need to grow (first run).
    content_changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        assert services.managed is not None, "the picker needs the window's managed server"
        self.managed: ManagedController = services.managed
        self.installs: list[ComfyInstall] = []
        self.use_buttons: list[QPushButton] = []
        settings = services.settings

        self.searching = hint_label(self.tr("Looking for ComfyUI on this computer…"))
        self.rows = QVBoxLayout()
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(4)
        self.none_found = hint_label(
            self.tr("No ComfyUI found in the usual places. Choose its folder by hand.")
        )
        self.none_found.setVisible(False)
        self.choose_button = QPushButton(self.tr("Choose folder…"))
        self.choose_button.clicked.connect(self.choose_folder)
        self.folder_result = ResultLine()

        self.preset = QComboBox()
        for preset, text in (
            (Preset.GPU, self.tr("GPU (normal)")),
            (Preset.LOWVRAM, self.tr("Low VRAM")),
            (Preset.CPU, self.tr("CPU only (slow)")),
        ):
            self.preset.addItem(text, preset.value)
        self.preset.setCurrentIndex(max(0, self.preset.findData(settings.managed_preset)))
        self.port = QSpinBox()
        self.port.setRange(1024, 65535)
        self.port.setValue(max(1024, settings.managed_port))
        self.port.setToolTip(
            self.tr("When something else uses this port, a free one is picked instead.")
        )
        self.extra_args = QLineEdit(settings.managed_args)
        self.extra_args.setPlaceholderText(self.tr("e.g. --preview-method auto"))
        self.python = QLineEdit(settings.managed_python)
        self.python.setPlaceholderText(self.tr("the one found beside it"))
        self.at_launch = QCheckBox(self.tr("Start it when Studio Desktop starts"))
        self.at_launch.setChecked(settings.managed_start_at_launch or not settings.managed_path)

        # Compact: the first-run dialog holds this and the manual steps on a 768-pixel screen.
        options = QGridLayout()
        options.setContentsMargins(0, 0, 0, 0)
        options.setHorizontalSpacing(6)
        options.addWidget(QLabel(self.tr("Run on:")), 0, 0)
        options.addWidget(self.preset, 0, 1)
        options.addWidget(QLabel(self.tr("Port:")), 0, 2)
        options.addWidget(self.port, 0, 3)
        options.addWidget(QLabel(self.tr("Extra arguments:")), 1, 0)
        options.addWidget(self.extra_args, 1, 1)
        options.addWidget(QLabel(self.tr("Python:")), 1, 2)
        options.addWidget(self.python, 1, 3)
        options.setColumnStretch(1, 1)
        options.setColumnStretch(3, 1)

        self.progress = ResultLine()
        self.progress.setVisible(False)  # shown with the first start
        self.busy = QProgressBar()  # moves while ComfyUI loads, until /system_stats answers
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        self.busy.setVisible(False)
        self.folder_result.setVisible(False)  # shown with the first folder checked
        self.last_lines = QPlainTextEdit()
        self.last_lines.setReadOnly(True)
        self.last_lines.setMaximumHeight(90)
        self.last_lines.setVisible(False)

        choose_row = QHBoxLayout()
        choose_row.addWidget(self.choose_button)
        choose_row.addStretch(1)
        choose_row.addWidget(self.at_launch)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.searching)
        layout.addLayout(self.rows)
        layout.addWidget(self.none_found)
        layout.addLayout(choose_row)
        layout.addWidget(self.folder_result)
        layout.addLayout(options)
        layout.addWidget(self.progress)
        layout.addWidget(self.busy)
        layout.addWidget(self.last_lines)

        self.managed.state_changed.connect(self._state_changed)
        self.managed.started.connect(self._started)
        self.managed.start_failed.connect(self._failed)
        self._state_changed(self.managed.state.value)
        self.search()

    def kind_text(self, install: ComfyInstall) -> str:
        if install.kind is InstallKind.GIT and install.python is None:
            return self.tr("ComfyUI folder")  # no venv beside it: the user names a python
        names = {
            InstallKind.GIT: self.tr("Folder with its own Python (venv)"),
            InstallKind.PORTABLE: self.tr("Windows portable build"),
            InstallKind.DESKTOP: self.tr("ComfyUI Desktop app"),
        }
        return names[install.kind]

    # --- finding ---

    def search(self) -> None:
        """Look for installs (off the GUI thread); the saved choice is listed too."""
        saved = self.services.settings.managed_path
        extra = [Path(saved)] if saved else []
        self.searching.setVisible(True)
        self.services.tasks.run(
            "read", lambda: discover_installs(extra), self._show, owner=self, key="installs"
        )

    def _show(self, installs: list[ComfyInstall]) -> None:
        self.searching.setVisible(False)
        for install in installs:
            self._add_row(install)
        self.none_found.setVisible(not self.installs)
        self.content_changed.emit()

    def _add_row(self, install: ComfyInstall) -> None:
        if any(i.path == install.path for i in self.installs):
            return
        self.installs.append(install)
        row = QFrame()
        row.setFrameShape(QFrame.Shape.StyledPanel)
        title = QLabel(
            self.tr("<b>{kind}</b> · ComfyUI {version}").format(
                kind=self.kind_text(install), version=install.version or "?"
            )
        )
        path = QLabel(str(install.path))
        path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        path.setToolTip(str(install.path))
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(title)
        text.addWidget(path)
        if not install.startable:
            why = (
                self.tr("ComfyUI's code was not found")
                if install.main_py is None
                else self.tr("No Python beside it: name one below")
            )
            text.addWidget(hint_label(why))
        button = QPushButton(self.tr("Use this one"))
        button.setObjectName("use_install")
        button.clicked.connect(lambda _checked=False, found=install: self.use(found))
        button.setEnabled(install.main_py is not None)
        self.use_buttons.append(button)
        line = QHBoxLayout(row)
        line.setContentsMargins(8, 6, 8, 6)
        line.addLayout(text, 1)
        line.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.rows.addWidget(row)
        self.none_found.setVisible(False)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the ComfyUI folder"))
        if folder:
            self.check_folder(Path(folder))

    def check_folder(self, folder: Path) -> None:
        """List `folder` if it is a ComfyUI (checked off the GUI thread); say so if not."""
        self.folder_result.setVisible(True)
        self.folder_result.show_busy(self.tr("Checking {folder}…").format(folder=folder))
        self.services.tasks.run(
            "read",
            lambda: inspect_folder(folder),
            lambda found: self._checked(folder, found),
            owner=self,
            key="folder",
        )

    def _checked(self, folder: Path, install: ComfyInstall | None) -> None:
        if install is None:
            self.folder_result.show_result(
                self.tr(
                    "{folder} is not a ComfyUI folder: it has no main.py with a comfy folder "
                    "beside it, and it is not a portable build or the ComfyUI Desktop app's "
                    "folder."
                ).format(folder=folder),
                ok=False,
            )
            self.content_changed.emit()
            return
        self.folder_result.show_result(
            self.tr("Found ComfyUI in {folder}").format(folder=install.path), ok=True
        )
        self._add_row(install)
        self.content_changed.emit()

    # --- using one ---

    def choice_for(self, install: ComfyInstall) -> ManagedChoice:
        typed = self.python.text().strip()
        # The python found for it (its venv, or another environment with torch) is saved
        # with the choice: launch_spec re-inspects the folder with no list of environments.
        python = Path(typed) if typed else install.python
        return ManagedChoice(
            path=install.path,
            python=python,
            port=self.port.value(),
            preset=Preset(self.preset.currentData()),
            extra_args=self.extra_args.text(),
        )

    def use(self, install: ComfyInstall) -> None:
        """Make it the managed server (saved in the settings) and start it."""
        choice = self.choice_for(install)
        self.progress.setVisible(True)
        try:
            split_args(choice.extra_args)
        except InvalidChoice as exc:
            self._failed(exc.text, [])
            return
        if self.managed.active:
            self.progress.show_result(
                self.tr("ComfyUI is already running: stop it first (status bar)."), ok=False
            )
            return
        settings = self.services.settings
        choice.save_to(settings, start_at_launch=self.at_launch.isChecked())
        try:
            self.services.save_settings()
        except OSError as exc:
            self.progress.show_result(
                self.tr("The choice could not be saved: {error}").format(error=exc), ok=False
            )
        self.managed.start(choice)

    def _state_changed(self, value: str) -> None:
        state = ServerState(value)
        for button in self.use_buttons:
            button.setEnabled(state not in (ServerState.STARTING, ServerState.RESTARTING))
        if state is not ServerState.STOPPED or self.managed.choice is not None:
            self.progress.setVisible(True)
        self.busy.setVisible(state in (ServerState.STARTING, ServerState.RESTARTING))
        if state is ServerState.STARTING:
            self.last_lines.setVisible(False)
            self.progress.show_busy(self.tr("Starting ComfyUI… loading"))
        elif state is ServerState.RUNNING and self.managed.url:
            self._started(self.managed.url)
        elif state is ServerState.STOPPED and self.managed.choice is not None:
            self.progress.show_result(self.tr("ComfyUI is stopped."), ok=False)
        self.content_changed.emit()

    def _started(self, url: str) -> None:
        self.progress.setVisible(True)
        self.last_lines.setVisible(False)
        self.progress.show_result(self.tr("ComfyUI is running at {url}").format(url=url), ok=True)
        self.started.emit(url)

    def _failed(self, reason: UserMessage, lines: list[str]) -> None:
        self.progress.setVisible(True)
        self.progress.show_result(
            self.tr("ComfyUI did not start: {reason}").format(reason=show_text(reason)), ok=False
        )
        self.last_lines.setPlainText("\n".join(lines))
        self.last_lines.setVisible(bool(lines))
        self.content_changed.emit()
