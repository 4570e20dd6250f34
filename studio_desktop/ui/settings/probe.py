"""Probing a ComfyUI server off the GUI thread, and describing what it found."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Signal

from studio_desktop.core.comfy import ComfyClient, ComfyError
from studio_desktop.core.servers import ServerCapabilities, gpu_label, probe

log = logging.getLogger("studio.ui")

PROBE_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class ProbeResult:
    url: str
    caps: ServerCapabilities | None = None
    error: str = ""

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
    # Two source strings instead of "%n checkpoint(s)": English reads right without a .qm file.
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
    return result.error


def run_probe(url: str, auth_header: str | None, timeout: float = PROBE_TIMEOUT_S) -> ProbeResult:
    """Blocking: connect and read what the server offers. Never raises."""
    try:
        with ComfyClient(url, auth_header=auth_header or None, timeout=timeout) as client:
            return ProbeResult(url, caps=probe(client))
    except (ComfyError, ValueError) as exc:
        return ProbeResult(url, error=str(exc))
    except Exception as exc:
        log.exception("probing %s failed", url)
        return ProbeResult(
            url,
            error=QCoreApplication.translate("SettingsDialog", "Test failed: {error}").format(
                error=exc
            ),
        )


class ServerProber(QObject):
    """Probes servers on short-lived threads; `finished(ProbeResult)` arrives on the GUI thread.

    Keep it unparented and referenced from Python: each thread holds it too, so it outlives a
    dialog closed mid-probe and the late result simply reaches no one.
    """

    finished = Signal(object)  # ProbeResult

    def __init__(self, timeout: float = PROBE_TIMEOUT_S) -> None:
        super().__init__()
        self.timeout = timeout
        self._threads: list[threading.Thread] = []

    @property
    def busy(self) -> bool:
        return any(t.is_alive() for t in self._threads)

    def start(self, url: str, auth_header: str | None = None) -> None:
        def work() -> None:
            result = run_probe(url, auth_header, self.timeout)
            try:
                self.finished.emit(result)
            except RuntimeError:  # the application is going away
                log.debug("probe result for %s dropped", url)

        self._threads = [t for t in self._threads if t.is_alive()]
        thread = threading.Thread(target=work, name="studio-probe", daemon=True)
        self._threads.append(thread)
        thread.start()

    def wait(self, timeout: float = PROBE_TIMEOUT_S + 5) -> bool:
        """Join the probe threads (tests, shutdown); True if none is left running."""
        for thread in list(self._threads):
            thread.join(timeout)
        return not self.busy
