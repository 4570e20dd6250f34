"""The status bar: each server's state, GPU and free VRAM (right-click: open it in the browser),
the queue length, and Undo."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QStatusBar, QWidget

from studio_desktop.core.engine import ServerState, ServerStatus
from studio_desktop.core.servers import gpu_label
from studio_desktop.ui.indicators import STATE_COLOURS, dot
from studio_desktop.ui.popup_menu import popup
from studio_desktop.ui.server_browser import open_in_browser
from studio_desktop.ui.texts import server_display_name, status_text


class _ServerBadge(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.url = ""
        # Right-click: open the server's own page (ComfyUI's editor) in the browser.
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(
            lambda pos: popup(self.menu(), self.mapToGlobal(pos))
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(4)
        self.dot = QLabel(self)
        self.text = QLabel(self)
        layout.addWidget(self.dot)
        layout.addWidget(self.text)

    def menu(self) -> QMenu:
        menu = QMenu(self)
        menu.addAction(self.tr("Open in browser"), lambda: open_in_browser(self.url))
        return menu

    def show_status(self, status: ServerStatus) -> None:
        self.url = status.url
        self.dot.setPixmap(dot(STATE_COLOURS[status.state]))
        state_text = {
            ServerState.IDLE: self.tr("connected"),
            ServerState.BUSY: self.tr("busy"),
            ServerState.CONNECTING: self.tr("connecting…"),
            ServerState.DOWN: self.tr("down"),
            ServerState.STOPPED: self.tr("stopped"),
        }[status.state]
        parts = [f"{server_display_name(status.name)} · {state_text}"]
        if status.gpu_name and status.state in (ServerState.IDLE, ServerState.BUSY):
            parts.append(gpu_label(status.gpu_name)[:40])
            if status.vram_free is not None and status.vram_total:
                parts.append(self.tr("{free:.1f} GiB free").format(free=status.vram_free / 1024**3))
        self.text.setText("  ·  ".join(parts))
        reason = status_text(status)
        tip = reason or status.url
        if status.state is ServerState.DOWN:
            tip = self.tr(
                "{url} does not answer: {reason}\nStart ComfyUI (python main.py), or add or "
                "fix the server in Settings."
            ).format(url=status.url, reason=reason or self.tr("no answer"))
        self.setToolTip(tip)


# QStatusBar draws its message from x = 6 to 2 px before the first permanent widget.
MESSAGE_LEFT: Final = 6
MESSAGE_GAP: Final = 8


class StudioStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The message as given (a long server error is shown elided, whole in the tooltip) and
        # when it expires (a resize elides it again for the time it has left).
        self._message = ""
        self._message_until: float | None = None
        self.messageChanged.connect(self._message_changed)
        self._elide_pending = False
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

    def permanent_widgets(self) -> list[QWidget]:
        """The fixed widgets on the right, left to right: the message ends before them."""
        return [self._no_server, self._queue, self.undo_link, *self._badges.values()]

    def showMessage(self, text: str, /, timeout: int | None = 0) -> None:
        """Show `text` for `timeout` ms (0: until replaced), elided before the fixed widgets;
        the whole text is the tooltip when it does not fit."""
        timeout = timeout or 0
        self._message = text
        self._message_until = time.monotonic() + timeout / 1000 if timeout > 0 else None
        self._show_elided(timeout)

    def currentMessage(self) -> str:
        """The message as given (`shown_message` is what fits)."""
        return self._message

    def shown_message(self) -> str:
        return super().currentMessage()

    def _show_elided(self, timeout: int) -> None:
        text = self._message
        lefts = [w.geometry().left() for w in self.permanent_widgets() if w.isVisibleTo(self)]
        right = min(lefts) if lefts else self.width()
        width = max(0, right - MESSAGE_LEFT - MESSAGE_GAP)
        shown = self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width)
        super().showMessage(shown, timeout)
        self.setToolTip(text if shown != text else "")

    def _message_changed(self, text: str) -> None:
        if not text:  # expired or cleared
            self._message = ""
            self._message_until = None
            self.setToolTip("")

    def addPermanentWidget(self, widget: QWidget, /, stretch: int | None = 0) -> None:
        super().addPermanentWidget(widget, stretch or 0)
        # The message ends where the first of them begins, which moves as their texts change
        # ("Queue: 12 waiting"), a server appears, or the window is resized.
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show):
            self._elide_soon()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide_soon()

    def _elide_soon(self) -> None:
        """Once the layout has placed the fixed widgets (one pass however many moved)."""
        if self._message and not self._elide_pending:
            self._elide_pending = True
            QTimer.singleShot(0, self, self._elide_again)

    def _elide_again(self) -> None:
        self._elide_pending = False
        if not self._message:
            return
        until = self._message_until
        if until is None:
            self._show_elided(0)
            return
        left_ms = round((until - time.monotonic()) * 1000)
        if left_ms > 0:
            self._show_elided(left_ms)

    def show_server(self, status: ServerStatus) -> None:
        badge = self._badges.get(status.url)
        if badge is None:
            badge = _ServerBadge(self)
            self._badges[status.url] = badge
            self.addPermanentWidget(badge)
        badge.show_status(status)
        self._no_server.setVisible(not self._badges)

    def server_menu(self, url: str) -> QMenu | None:
        """The menu a right-click on a server's badge opens (None for a server not shown)."""
        badge = self._badges.get(url)
        return badge.menu() if badge is not None else None

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
