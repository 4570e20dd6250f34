"""Paints one queue row: the prompt, a status line, a thin progress bar and a close mark."""

from __future__ import annotations

from typing import Any, Final

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QMouseEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from studio_desktop.core.jobs import JobStatus
from studio_desktop.ui.history import formatting as fmt
from studio_desktop.ui.history.status import STATUS_COLOURS
from studio_desktop.ui.queue.model import EntryRole, JobIdRole, PositionRole, QueueEntry, QueueModel
from studio_desktop.ui.queue.running import running_text

_Index = QModelIndex | QPersistentModelIndex

PAD: Final = 6
BAR_HEIGHT: Final = 4
ICON: Final = 16


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    """`amount` of b over a."""
    return QColor(
        round(a.red() * (1 - amount) + b.red() * amount),
        round(a.green() * (1 - amount) + b.green() * amount),
        round(a.blue() * (1 - amount) + b.blue() * amount),
    )


class QueueDelegate(QStyledItemDelegate):
    """Two lines and a thin progress bar per job; a × on hover cancels (or dismisses) it."""

    close_clicked = Signal(str)  # job id

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        line = option.fontMetrics.height()
        return QSize(200, PAD + line + 2 + line + PAD + BAR_HEIGHT + 2)

    def _close_rect(self, rect: QRect, line: int) -> QRect:
        size = max(ICON, line)
        return QRect(rect.right() - PAD - size, rect.top() + PAD, size, size)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        entry: QueueEntry = index.data(EntryRole)
        model = index.model()
        if entry is None or not isinstance(model, QueueModel):
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        rect: QRect = opt.rect
        state: QStyle.StateFlag = opt.state
        palette: QPalette = opt.palette
        metrics = opt.fontMetrics
        painter.save()
        opt.text = ""
        opt.icon = type(opt.icon)()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(state & QStyle.StateFlag.State_Selected)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver)
        text = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = _mix(text, palette.color(QPalette.ColorRole.Base), 0.0 if selected else 0.4)
        line = metrics.height()
        job = entry.job

        icon = model.data(index, Qt.ItemDataRole.DecorationRole)
        icon_top = rect.top() + PAD + (line - ICON) // 2
        mode = QIcon.Mode.Selected if selected else QIcon.Mode.Normal
        icon.paint(painter, QRect(rect.left() + PAD, icon_top, ICON, ICON), mode=mode)
        left = rect.left() + PAD + ICON + PAD
        close = self._close_rect(rect, line)
        right = (close.left() - PAD) if (hovered or selected) else rect.right() - PAD

        painter.setPen(text)
        prompt = metrics.elidedText(
            index.data(Qt.ItemDataRole.DisplayRole), Qt.TextElideMode.ElideRight, right - left
        )
        first = QRect(left, rect.top() + PAD, right - left, line)
        painter.drawText(
            first, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), prompt
        )

        second = QRect(left, first.bottom() + 3, rect.right() - PAD - left, line)
        detail, step = self._second_line(entry, model, int(index.data(PositionRole) or 0))
        if step:
            painter.setPen(muted)
            painter.drawText(
                second, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), step
            )
            second.setRight(second.right() - metrics.horizontalAdvance(step) - PAD)
        if job.status is JobStatus.FAILED and not selected:
            painter.setPen(STATUS_COLOURS[JobStatus.FAILED])
        else:
            painter.setPen(muted)
        painter.drawText(
            second,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            metrics.elidedText(detail, Qt.TextElideMode.ElideRight, second.width()),
        )

        if job.status in (JobStatus.RUNNING, JobStatus.RETRYING):
            bar = QRectF(left, second.bottom() + 4, rect.right() - PAD - left, BAR_HEIGHT)
            self._paint_bar(painter, bar, entry, palette, selected)
        if hovered or selected:
            self._paint_close(painter, close, text if hovered else muted)
        painter.restore()

    def _second_line(self, entry: QueueEntry, model: QueueModel, position: int) -> tuple[str, str]:
        job = entry.job
        server = model.server_name(job.server)
        if job.status is JobStatus.PENDING:
            if entry.blocked:
                return self.tr("Waiting · #{n} · no server can run it: {reason}").format(
                    n=position, reason=entry.blocked
                ), ""
            where = server if job.pinned and server else self.tr("any server")
            return self.tr("Waiting · #{n} · {where}").format(n=position, where=where), ""
        if job.status is JobStatus.RETRYING:
            reason = entry.note or (job.error.message if job.error else "")
            return self.tr("Retrying on {server} · {reason}").format(
                server=server, reason=reason
            ), ""
        if job.status is JobStatus.FAILED:
            message = job.error.message if job.error else self.tr("unknown error")
            return self.tr("Failed: {message}").format(message=fmt.one_line(message)), ""
        step = self.tr("step {x}/{y}").format(x=entry.step, y=entry.steps) if entry.steps else ""
        return running_text(job, entry.executing, server, entry.node), step

    def _paint_bar(
        self, painter: QPainter, bar: QRectF, entry: QueueEntry, palette: QPalette, selected: bool
    ) -> None:
        fill = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Highlight
        )
        if entry.job.status is JobStatus.RETRYING:
            fill = STATUS_COLOURS[JobStatus.RETRYING]
        track = _mix(palette.color(QPalette.ColorRole.Base), fill, 0.22)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(track)
        radius = bar.height() / 2
        painter.drawRoundedRect(bar, radius, radius)
        done = bar.width() * entry.fraction
        if done > 0:
            painter.setBrush(fill)
            painter.drawRoundedRect(
                QRectF(bar.left(), bar.top(), done, bar.height()), radius, radius
            )

    def _paint_close(self, painter: QPainter, rect: QRect, colour: QColor) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(colour, 1.6)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        inset = rect.width() * 0.3
        r = QRectF(rect).adjusted(inset, inset, -inset, -inset)
        painter.drawLine(r.topLeft(), r.bottomRight())
        painter.drawLine(r.bottomLeft(), r.topRight())

    def editorEvent(
        self, event: QEvent, model: Any, option: QStyleOptionViewItem, index: _Index
    ) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            line = option.fontMetrics.height()
            close = self._close_rect(option.rect, line)
            if close.contains(event.position().toPoint()):
                self.close_clicked.emit(str(index.data(JobIdRole)))
                return True
        return super().editorEvent(event, model, option, index)
