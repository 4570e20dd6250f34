"""The status bar: each server's state, GPU and free VRAM, the queue length, and Undo."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStatusBar, QWidget

from studio_desktop.core.engine import ServerState, ServerStatus
from studio_desktop.core.servers import gpu_label
from studio_desktop.ui.indicators import STATE_COLOURS, dot


class _ServerBadge(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(4)
        self.dot = QLabel(self)
        self.text = QLabel(self)
        layout.addWidget(self.dot)
        layout.addWidget(self.text)

    def show_status(self, status: ServerStatus) -> None:
        self.dot.setPixmap(dot(STATE_COLOURS[status.state]))
        state_text = {
            ServerState.IDLE: self.tr("connected"),
            ServerState.BUSY: self.tr("busy"),
            ServerState.CONNECTING: self.tr("connecting…"),
            ServerState.DOWN: self.tr("down"),
            ServerState.STOPPED: self.tr("stopped"),
        }[status.state]
        parts = [f"{status.name} · {state_text}"]
        if status.gpu_name and status.state in (ServerState.IDLE, ServerState.BUSY):
            parts.append(gpu_label(status.gpu_name)[:40])
            if status.vram_free is not None and status.vram_total:
                parts.append(self.tr("{free:.1f} GiB free").format(free=status.vram_free / 1024**3))
        self.text.setText("  ·  ".join(parts))
        tip = status.message or status.url
        if status.state is ServerState.DOWN:
            tip = self.tr(
                "{url} does not answer: {reason}\nStart ComfyUI (python main.py), or add or "
                "fix the server in Settings."
            ).format(url=status.url, reason=status.message or self.tr("no answer"))
        self.setToolTip(tip)


class StudioStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._badges: dict[str, _ServerBadge] = {}
        self._no_server = QLabel(self.tr("No server — start ComfyUI or add one in Settings"), self)
        self.addPermanentWidget(self._no_server)
        self._queue = QLabel(self)
        self.addPermanentWidget(self._queue)
        self.undo_link = QPushButton(self.tr("Undo"), self)
        self.undo_link.setFlat(True)
        self.undo_link.hide()
        self._undo_action: Callable[[], object] | None = None
        self.undo_link.clicked.connect(self._do_undo)
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.timeout.connect(self.expire_undo)
        # Permanent (right-hand) so the message on the left is never drawn under it.
        self.addPermanentWidget(self.undo_link)
        self.set_queue_counts(0, 0)

    def show_server(self, status: ServerStatus) -> None:
        badge = self._badges.get(status.url)
        if badge is None:
            badge = _ServerBadge(self)
            self._badges[status.url] = badge
            self.addPermanentWidget(badge)
        badge.show_status(status)
        self._no_server.setVisible(not self._badges)

    def remove_server(self, url: str) -> None:
        badge = self._badges.pop(url, None)
        if badge is not None:
            self.removeWidget(badge)
            badge.deleteLater()
        self._no_server.setVisible(not self._badges)

    def set_queue_counts(self, waiting: int, sampling: int, on_server: int = 0) -> None:
        """`sampling`: jobs a server executes now; `on_server`: jobs sent to a server that
        holds them in its queue behind other prompts (running for us, not sampling yet)."""
        parts = [self.tr("%n waiting", "", waiting), self.tr("%n sampling", "", sampling)]
        if on_server:
            parts.append(self.tr("%n waiting on server", "", on_server))
        self._queue.setText(self.tr("Queue: {counts}").format(counts=" · ".join(parts)))

    def offer_undo(self, text: str, action: Callable[[], object], timeout_ms: int = 10000) -> None:
        self.showMessage(text, timeout_ms)
        self._undo_action = action
        self.undo_link.show()
        self._undo_timer.start(timeout_ms)

    def expire_undo(self) -> None:
        """Hide the link (Edit ▸ Undo keeps the action until another replaces it)."""
        self._undo_action = None
        self.undo_link.hide()

    @property
    def offering_undo(self) -> bool:
        return self.undo_link.isVisibleTo(self)

    def _do_undo(self) -> None:
        action = self._undo_action
        self.expire_undo()
        if action is not None:
            action()
