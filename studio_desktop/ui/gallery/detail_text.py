"""Values in the viewer's parameters panel that never make it scroll sideways: text that wraps
anywhere it must (a prompt, a long model name), and a path elided in the middle."""

from __future__ import annotations

import math

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent, QTextOption, QWheelEvent
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QTextEdit, QWidget

from studio_desktop.ui.elide import elided_keeping_end

_NARROWEST = 40  # the least width a value asks for: the panel decides, never the text


class WrappedText(QTextEdit):
    """Read-only plain text, selectable, wrapped at word boundaries or, for a word longer than
    the line (a path, a long token), anywhere; as tall as its text, never scrolled."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setPlainText(text)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.viewport().setAutoFillBackground(False)
        self.setStyleSheet("QTextEdit { background: transparent; }")
        self.document().setDocumentMargin(0)
        self._fit_height()

    def minimumSizeHint(self) -> QSize:
        return QSize(_NARROWEST, self.height())

    def sizeHint(self) -> QSize:
        return QSize(_NARROWEST * 4, self.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def wheelEvent(self, event: QWheelEvent) -> None:
        # It never scrolls itself: the wheel scrolls the panel it sits in.
        event.ignore()

    def _fit_height(self) -> None:
        self.document().setTextWidth(max(1, self.viewport().width()))
        height = math.ceil(self.document().size().height()) + 2 * self.frameWidth()
        if height != self.height():
            self.setFixedHeight(height)


class ElidedPath(QLabel):
    """A path (or a caption) on one line, elided in the middle when it is too long, so both
    its ends stay; the whole in a tooltip. It never asks for more width than `_NARROWEST`.

    With `kept_end` (the text's own last part, such as " · 64 × 64 · seed 7"), that part is
    always shown whole and what comes before it is cut at its end instead."""

    def __init__(
        self,
        path: str,
        parent: QWidget | None = None,
        *,
        alignment: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        kept_end: str = "",
    ) -> None:
        super().__init__(path, parent)
        self._full = path
        self._alignment = alignment
        self._kept_end = kept_end if kept_end and path.endswith(kept_end) else ""
        self.setToolTip(path)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    @property
    def full_text(self) -> str:
        return self._full

    def shown_text(self) -> str:
        metrics, room = self.fontMetrics(), max(0, self.contentsRect().width())
        if self._kept_end:
            return elided_keeping_end(metrics, self._full, self._kept_end, room)
        return metrics.elidedText(self._full, Qt.TextElideMode.ElideMiddle, room)

    def minimumSizeHint(self) -> QSize:
        return QSize(_NARROWEST, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(_NARROWEST * 4, super().sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(
            self.contentsRect(),
            int(self._alignment | Qt.AlignmentFlag.AlignVCenter),
            self.shown_text(),
        )
        painter.end()
