"""The window's managed ComfyUI: one `ManagedServer`, driven off the GUI thread.

`ManagedServer.start()` blocks until ComfyUI answers (a minute or more for a real one) and
`stop()` waits for the process group to end: both run in the `managed` pool of `Tasks`, and
their outcome comes back on the GUI thread. What the supervisor and the log reader report
(state changes, crash notices, log lines) is called on their own threads: it is handed to the
GUI thread through queued Qt signals of this object (which lives there), never applied there
and then. Log lines are batched: the reader appends to a bounded buffer and wakes the GUI
thread once per batch, so a chatty ComfyUI cannot flood the event queue.
"""

from __future__ import annotations

import logging
import os
import shlex
import sys
import threading
from collections import deque
from collections.abc import Callable
from concurrent import futures
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import QObject, Qt, Signal, Slot

from studio_desktop.core.managed import messages as says
from studio_desktop.core.managed.discover import ComfyInstall, find_installs, inspect_folder
from studio_desktop.core.managed.downloads import models_root, same_server
from studio_desktop.core.managed.process import (
    LOG_NAME,
    STOP_GRACE_S,
    Backoff,
    LaunchSpec,
    ManagedServer,
    Notice,
    Preset,
    ServerState,
    StartFailed,
)
from studio_desktop.core.messages import InvalidInput, UserMessage, text_of, verbatim
from studio_desktop.core.settings import Settings
from studio_desktop.workers.tasks import Tasks

log = logging.getLogger("studio.managed")

MAX_PENDING_LINES: Final = 5000  # lines waiting for the GUI thread; older ones are dropped
ACTIVE: Final = frozenset({ServerState.STARTING, ServerState.RUNNING, ServerState.RESTARTING})


class InvalidChoice(InvalidInput):
    """The chosen install cannot be started as configured (`text` says why, translatable)."""


@dataclass(frozen=True)
class ManagedChoice:
    """What the user chose: a folder and how to run it."""

    path: Path
    python: Path | None = None  # None: the one found beside the install
    port: int = 8188
    preset: Preset = Preset.GPU
    extra_args: str = ""  # as typed; split with shlex

    @classmethod
    def from_settings(cls, settings: Settings) -> ManagedChoice | None:
        if not settings.managed_path:
            return None
        return cls(
            path=Path(settings.managed_path),
            python=Path(settings.managed_python) if settings.managed_python else None,
            port=settings.managed_port,
            preset=preset_named(settings.managed_preset),
            extra_args=settings.managed_args,
        )

    def save_to(self, settings: Settings, *, start_at_launch: bool) -> None:
        settings.managed_path = str(self.path)
        settings.managed_python = "" if self.python is None else str(self.python)
        settings.managed_port = self.port
        settings.managed_preset = self.preset.value
        settings.managed_args = self.extra_args
        settings.managed_start_at_launch = start_at_launch


def preset_named(name: str) -> Preset:
    """The preset a settings value names; InvalidChoice for one this version does not know."""
    try:
        return Preset(name)
    except ValueError as exc:
        raise InvalidChoice(says.unknown_preset(name)) from exc


def split_args(text: str) -> tuple[str, ...]:
    """The extra arguments as typed, split like a shell would; InvalidChoice for an unclosed
    quote."""
    try:
        return tuple(shlex.split(text, posix=sys.platform != "win32"))
    except ValueError as exc:
        raise InvalidChoice(says.bad_arguments(str(exc))) from exc


def launch_spec(choice: ManagedChoice) -> LaunchSpec:
    """Inspect the folder (files only; run off the GUI thread) and build the command."""
    install = inspect_folder(choice.path, python=choice.python)
    if install is None:
        raise InvalidChoice(says.not_comfyui(choice.path))
    python = choice.python or install.python
    if install.main_py is None:
        raise InvalidChoice(says.code_not_found(choice.path))
    if python is None:
        raise InvalidChoice(says.no_python(choice.path))
    return LaunchSpec(
        python=python,
        main_py=install.main_py,
        port=choice.port,
        preset=choice.preset,
        extra_args=split_args(choice.extra_args),
        base_directory=install.base_directory,
    )


def start_failure(exc: Exception) -> tuple[UserMessage, list[str]]:
    """Why a start failed and its cause (the log's last lines, the system's error), for the
    window: `StartFailed`, `AlreadyRunning` and `InvalidChoice` carry a translatable text; any
    other error (an OSError reading the folder) is shown in its own words."""
    if isinstance(exc, StartFailed):
        return exc.text, list(exc.cause)
    return text_of(exc) or verbatim(str(exc)), []


def discover_installs(extra: list[Path]) -> list[ComfyInstall]:
    """Installs in the usual places and `extra` (file checks only: run in `Tasks`)."""
    return find_installs(
        home=Path.home(), platform=sys.platform, env=dict(os.environ), extra_folders=extra
    )


class ManagedController(QObject):
    """Holds the window's managed ComfyUI. Create and use it on the GUI thread."""

    state_changed = Signal(str)  # a ServerState value
    lines_added = Signal(list)  # new log lines, in order
    notice_given = Signal(object)  # a core Notice: a crash, a restart, giving up
    started = Signal(str)  # its URL, once /system_stats answers
    start_failed = Signal(object, list)  # why (a UserMessage), its cause: the log's last lines
    registered = Signal(object)  # the ServerChange that made it the managed server entry

    # From the supervisor's and the reader's threads; connected queued to the slots below.
    _state_seen = Signal(int, str)
    _notice_seen = Signal(int, object)
    _lines_waiting = Signal()

    def __init__(
        self,
        logs_dir: Path,
        tasks: Tasks,
        *,
        register: Callable[[str], futures.Future[Any]] | None = None,
        backoff: Backoff | None = None,
        ready_timeout_s: float | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.logs_dir = logs_dir
        self._tasks = tasks
        self._register = register
        self._backoff = backoff or Backoff()
        self._ready_timeout_s = ready_timeout_s
        self._server: ManagedServer | None = None
        self._spec: LaunchSpec | None = None  # how the current server was started
        self._unsubscribe: Callable[[], None] | None = None
        self._generation = 0  # which server a queued report is about
        self._state = ServerState.STOPPED
        self._busy = False  # a start or stop task is running
        self._stopping = False  # a stop was asked for: a start it cut short is no failure
        self._pending: deque[str] = deque(maxlen=MAX_PENDING_LINES)
        self._pending_lock = threading.Lock()
        self._quit_stop: threading.Thread | None = None
        self.choice: ManagedChoice | None = None
        self.url: str | None = None
        self.last_error: tuple[UserMessage, list[str]] | None = None
        queued = Qt.ConnectionType.QueuedConnection
        self._state_seen.connect(self._on_state, queued)
        self._notice_seen.connect(self._on_notice, queued)
        self._lines_waiting.connect(self._drain_lines, queued)

    # --- what the window reads ---

    @property
    def state(self) -> ServerState:
        return self._state

    @property
    def active(self) -> bool:
        """Starting, running or waiting to restart: it would need stopping on quit."""
        return self._state in ACTIVE or self._busy

    @property
    def pid(self) -> int | None:
        return None if self._server is None else self._server.pid

    def models_root_for(self, url: str) -> Path | None:
        """The `models/` folder of the ComfyUI this window runs, when `url` is its address and
        it is running; else None. Safe from any thread (it reads two attributes)."""
        spec, running_at = self._spec, self.url
        if spec is None or running_at is None or self._state is not ServerState.RUNNING:
            return None
        if not same_server(url, running_at):
            return None
        return models_root(spec.main_py, spec.base_directory)

    @property
    def log_path(self) -> Path:
        return self.logs_dir / LOG_NAME

    # --- commands (GUI thread) ---

    def choose(self, choice: ManagedChoice | None) -> None:
        """The install Start uses (the saved choice at launch); the badges show it."""
        self.choice = choice
        self.state_changed.emit(self._state.value)

    def start(self, choice: ManagedChoice | None = None) -> bool:
        """Start ComfyUI as chosen (or as last chosen); False when one is active already or
        nothing was chosen. The outcome is `started` or `start_failed`."""
        if choice is not None:
            self.choice = choice
        if self.choice is None or self.active:
            return False
        chosen = self.choice
        self._busy = True
        self._stopping = False
        self.last_error = None
        self._set_state(ServerState.STARTING)
        self._tasks.run(
            "managed",
            lambda: launch_spec(chosen),
            self._spec_ready,
            owner=self,
            failed=self._start_refused,
        )
        return True

    def stop(self) -> None:
        """Stop it (off the GUI thread); the state goes to STOPPED."""
        server = self._server
        if server is None:
            return
        self._busy = True
        self._stopping = True
        self._tasks.run("managed", server.stop, lambda _none: self._stopped(), owner=self)

    def restart(self) -> None:
        """Stop, then start again with the same choice."""
        server = self._server
        if server is None:
            self._busy = False
            self.start()
            return
        self._busy = True
        self._stopping = True

        def stopped(_none: None) -> None:
            self._busy = False
            self.start()

        self._tasks.run("managed", server.stop, stopped, owner=self)

    def begin_quit_stop(self) -> None:
        """On quit: stop ComfyUI on a thread of its own, so the window's shutdown goes on
        meanwhile; `wait_stopped` waits for it."""
        server = self._server
        if server is None or self._quit_stop is not None:
            return
        self._stopping = True
        self._quit_stop = threading.Thread(
            target=server.stop, name="studio-managed-stop", daemon=False
        )
        self._quit_stop.start()

    def wait_stopped(self, timeout_s: float = STOP_GRACE_S + 5.0) -> bool:
        thread = self._quit_stop
        if thread is None:
            return True
        thread.join(timeout_s)
        if thread.is_alive():
            log.warning("ComfyUI did not stop within %.0f s", timeout_s)
            return False
        self._detach()
        return True

    # --- outcomes (GUI thread) ---

    def _spec_ready(self, spec: LaunchSpec) -> None:
        self._detach()
        self._spec = spec
        self._generation += 1
        generation = self._generation
        kwargs: dict[str, Any] = {}
        if self._ready_timeout_s is not None:
            kwargs["ready_timeout_s"] = self._ready_timeout_s
        server = ManagedServer(
            spec,
            self.logs_dir,
            backoff=self._backoff,
            on_notice=lambda notice: self._notice_seen.emit(generation, notice),
            on_state=lambda state: self._state_seen.emit(generation, state.value),
            **kwargs,
        )
        self._unsubscribe = server.subscribe(self._take_line)
        self._server = server
        self._tasks.run("managed", server.start, self._up, owner=self, failed=self._start_refused)

    def _up(self, url: str) -> None:
        self._busy = False
        self.url = url
        self._set_state(ServerState.RUNNING)
        self.started.emit(url)
        if self._register is not None:
            future = self._register(url)
            self._tasks.run("operations", future.result, self.registered.emit, owner=self)

    def _start_refused(self, exc: Exception) -> None:
        self._busy = False
        if self._stopping:
            self._set_state(ServerState.STOPPED)
            return
        reason, lines = start_failure(exc)
        self.last_error = (reason, lines)
        self._set_state(ServerState.FAILED)
        self.start_failed.emit(reason, lines)

    def _stopped(self) -> None:
        self._busy = False
        self._set_state(ServerState.STOPPED)

    @Slot(int, str)
    def _on_state(self, generation: int, value: str) -> None:
        if generation != self._generation:
            return  # a report about a server replaced since
        state = ServerState(value)
        if state is ServerState.RUNNING and self._busy:
            return  # the start's own outcome says so (with its URL)
        if state is ServerState.FAILED and self._busy:
            return  # likewise: start_failed carries the reason
        self._set_state(state)

    @Slot(int, object)
    def _on_notice(self, generation: int, notice: Notice) -> None:
        if generation == self._generation:
            self.notice_given.emit(notice)

    def _set_state(self, state: ServerState) -> None:
        if state is not self._state:
            self._state = state
            self.state_changed.emit(state.value)

    # --- log lines: any thread in, the GUI thread out ---

    def _take_line(self, line: str) -> None:
        with self._pending_lock:
            wake = not self._pending
            self._pending.append(line)
        if wake:
            self._lines_waiting.emit()

    @Slot()
    def _drain_lines(self) -> None:
        with self._pending_lock:
            lines = list(self._pending)
            self._pending.clear()
        if lines:
            self.lines_added.emit(lines)

    def _detach(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
