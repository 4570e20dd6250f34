"""Probing a ComfyUI server off the GUI thread, and describing what it found."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Signal

from studio_desktop.core.comfy.errors import ComfyError
from studio_desktop.core.messages import InvalidInput, UserMessage
from studio_desktop.core.server_info import PROBE_TIMEOUT_S, probe_server
from studio_desktop.core.servers import ServerCapabilities, gpu_label
from studio_desktop.ui.texts import show_text
from studio_desktop.workers.tasks import Task, Tasks

log = logging.getLogger("studio.ui")


@dataclass(frozen=True)
class ProbeResult:
    url: str
    caps: ServerCapabilities | None = None
    error: UserMessage | str = ""

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
    # Two source strings, not "%n checkpoint(s)": lupdate marks only tr() calls as plural forms,
    # so the English plural file would not hold this one.
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
    return show_text(result.error)


def run_probe(url: str, auth_header: str | None, timeout: float = PROBE_TIMEOUT_S) -> ProbeResult:
    """Blocking: connect and read what the server offers. Never raises."""
    try:
        return ProbeResult(url, caps=probe_server(url, auth_header, timeout))
    except (ComfyError, ValueError) as exc:
        return ProbeResult(
            url,
            error=exc.text if isinstance(exc, ComfyError | InvalidInput) and exc.text else str(exc),
        )
    except Exception as exc:
        log.exception("probing %s failed", url)
        return ProbeResult(
            url,
            error=QCoreApplication.translate("SettingsDialog", "Test failed: {error}").format(
                error=exc
            ),
        )


class ServerProber(QObject):
    """Probes servers on Tasks' "network" pool; `finished(ProbeResult)` arrives on the GUI
    thread, for the newest probe only, and not at all once the prober (or the dialog it is a
    child of) is deleted."""

    finished = Signal(object)  # ProbeResult

    def __init__(
        self, tasks: Tasks, timeout: float = PROBE_TIMEOUT_S, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.timeout = timeout
        self._tasks = tasks
        self._task: Task | None = None

    @property
    def busy(self) -> bool:
        return self._task is not None and self._task.pending

    def start(self, url: str, auth_header: str | None = None) -> None:
        timeout = self.timeout
        self._task = self._tasks.run(
            "network",
            lambda: run_probe(url, auth_header, timeout),
            self.finished.emit,
            owner=self,
            key="probe",
        )

    def wait(self, timeout: float = PROBE_TIMEOUT_S + 5) -> bool:
        """Wait for the newest probe to have run (tests); True if none is left running."""
        return self._task is None or self._task.wait(timeout)
