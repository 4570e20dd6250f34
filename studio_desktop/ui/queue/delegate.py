"""Paints one queue row: a thumbnail, the prompt and seed, a status line, a thin progress bar
and a close mark."""

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
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QIcon,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from studio_desktop.core.jobs import JobStatus
from studio_desktop.ui.history import formatting as fmt
from studio_desktop.ui.history.status import STATUS_COLOURS
from studio_desktop.ui.queue.model import (
    BatchRole,
    EntryRole,
    InputImageRole,
    JobIdRole,
    KindRole,
    PositionRole,
    QueueEntry,
    QueueModel,
)
from studio_desktop.ui.queue.running import running_text
from studio_desktop.ui.texts import error_text
from studio_desktop.ui.thumbnails import ThumbnailLoader

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


def thumbnail_side(line: int) -> int:
    """The thumbnail spans the row's two text lines."""
    return 2 * line + 3


class QueueDelegate(QStyledItemDelegate):
    """A thumbnail, two lines and a thin progress bar per job; a × on hover cancels (or
    dismisses) it."""

    close_clicked = Signal(str)  # job id

    def __init__(self, thumbnails: ThumbnailLoader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._thumbnails = thumbnails
        self._line = QFontMetrics(QApplication.font()).height()
        self._ratio = 1.0

    # --- what a row shows besides its prompt ---

    def seed_text(self, index: _Index, *, with_batch: bool = True) -> str:
        """ "seed 1234", and the job's place in the batch it was queued in ("seed 1234 · 2/4")."""
        entry: QueueEntry | None = index.data(EntryRole)
        if entry is None:
            return ""
        text = self.tr("seed {seed}").format(seed=entry.job.params.seed)
        batch = index.data(BatchRole) if with_batch else None
        if batch is not None:
            text += " · " + self.tr("{place}/{size}").format(place=batch[0], size=batch[1])
        return text

    def fitting_seed_text(self, index: _Index, room: int, metrics: QFontMetrics) -> str:
        """What of the seed text fits beside the prompt in `room` pixels: in a narrow dock the
        batch place goes first, then the seed; a few letters of the prompt always stay."""
        keep = 2 * metrics.height()
        for text in (self.seed_text(index), self.seed_text(index, with_batch=False)):
            if text and room - metrics.horizontalAdvance(text) > keep:
                return text
        return ""

    def thumbnail(self, index: _Index) -> QPixmap | None:
        """The job's first input image at the row's thumbnail size, once decoded (the loader
        decodes it on its pool); None while it is not, or for a job without input images."""
        path = index.data(InputImageRole)
        if not path:
            return None
        size = round(thumbnail_side(self._line) * self._ratio)
        return self._thumbnails.pixmap(str(path), size)

    def kind(self, index: _Index) -> str:
        """What the job's template makes (the picture drawn when it has no input image)."""
        return str(index.data(KindRole) or "image")

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
        self._line = line
        self._ratio = widget.devicePixelRatioF() if widget is not None else 1.0

        side = thumbnail_side(line)
        thumb = QRect(rect.left() + PAD, rect.top() + PAD, side, side)
        self._paint_thumbnail(painter, thumb, index, palette)
        icon = model.data(index, Qt.ItemDataRole.DecorationRole)
        icon_left = thumb.right() + 1 + PAD
        icon_top = rect.top() + PAD + (line - ICON) // 2
        mode = QIcon.Mode.Selected if selected else QIcon.Mode.Normal
        icon.paint(painter, QRect(icon_left, icon_top, ICON, ICON), mode=mode)
        left = icon_left + ICON + PAD
        close = self._close_rect(rect, line)
        right = (close.left() - PAD) if (hovered or selected) else rect.right() - PAD

        # The seed tells apart jobs of one prompt: it keeps its room, the prompt is elided.
        seed = self.fitting_seed_text(index, right - left, metrics)
        seed_width = metrics.horizontalAdvance(seed)
        if seed:
            painter.setPen(muted)
            painter.drawText(
                QRect(right - seed_width, rect.top() + PAD, seed_width, line),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                seed,
            )
            right -= seed_width + PAD

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

    def _paint_thumbnail(
        self, painter: QPainter, rect: QRect, index: _Index, palette: QPalette
    ) -> None:
        """The input image, cropped to a rounded square; else a picture of the template's kind.
        The same on a selected row: a tile of its own, not the selection's colours."""
        base = palette.color(QPalette.ColorRole.Base)
        colour = _mix(palette.color(QPalette.ColorRole.Text), base, 0.45)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        clip = QPainterPath()
        clip.addRoundedRect(QRectF(rect), 3, 3)
        painter.setClipPath(clip)
        painter.fillRect(rect, _mix(base, colour, 0.15))
        pixmap = self.thumbnail(index)
        if pixmap is not None and not pixmap.isNull():
            source = QRectF(pixmap.rect())
            side = min(source.width(), source.height())
            square = QRectF(
                source.center().x() - side / 2, source.center().y() - side / 2, side, side
            )
            painter.drawPixmap(QRectF(rect), pixmap, square)
        else:
            _paint_kind(painter, QRectF(rect), self.kind(index), colour)
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
            reason = entry.note or (error_text(job.error) if job.error else "")
            return self.tr("Retrying on {server} · {reason}").format(
                server=server, reason=reason
            ), ""
        if job.status is JobStatus.FAILED:
            message = error_text(job.error) if job.error else self.tr("unknown error")
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


def _paint_kind(painter: QPainter, rect: QRectF, kind: str, colour: QColor) -> None:
    """A small line drawing of what the template makes: a picture, a film frame or a note."""
    pen = QPen(colour, 1.4)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    r = rect.adjusted(rect.width() * 0.22, rect.height() * 0.25, -rect.width() * 0.22, 0)
    r.setHeight(rect.height() * 0.5)
    if kind == "audio":
        stem = QRectF(r.center().x(), r.top(), r.width() * 0.3, r.height())
        painter.drawLine(stem.topLeft(), stem.bottomLeft())
        painter.drawLine(stem.topLeft(), stem.topRight() + QRectF(0, 0, 0, 4).bottomRight())
        head = QRectF(stem.left() - 5, stem.bottom() - 3.5, 5.5, 4.5)
        painter.setBrush(colour)
        painter.drawEllipse(head)
        return
    painter.drawRoundedRect(r, 2, 2)
    if kind == "video":
        triangle = QPainterPath()
        c = r.center()
        h = r.height() * 0.28
        triangle.moveTo(c.x() - h * 0.7, c.y() - h)
        triangle.lineTo(c.x() + h, c.y())
        triangle.lineTo(c.x() - h * 0.7, c.y() + h)
        triangle.closeSubpath()
        painter.setBrush(colour)
        painter.drawPath(triangle)
        return
    # A picture: hills under a sun.
    hills = QPainterPath()
    hills.moveTo(r.left() + 1, r.bottom() - 1)
    hills.lineTo(r.left() + r.width() * 0.38, r.top() + r.height() * 0.45)
    hills.lineTo(r.left() + r.width() * 0.6, r.top() + r.height() * 0.7)
    hills.lineTo(r.left() + r.width() * 0.75, r.top() + r.height() * 0.55)
    hills.lineTo(r.right() - 1, r.bottom() - 1)
    painter.drawPath(hills)
    sun = r.width() * 0.14
    painter.drawEllipse(QRectF(r.right() - sun * 2.4, r.top() + sun * 0.7, sun, sun))
