"""The queue panel (a dock on every tab): waiting and running jobs across servers, with their
progress, and recently failed ones until dismissed. Cancel, move to front, retry, drag to reorder.

The model reads the store once; after that the pool's signals keep it current, a progress tick
touching only its own row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QMouseEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.core.jobs import Job, JobStatus
from studio_desktop.core.runner import JobProgress, JobRetrying
from studio_desktop.core.scheduler import ServerStatus
from studio_desktop.core.store import Store
from studio_desktop.ui.history import formatting as fmt
from studio_desktop.ui.history.empty_state import EmptyState
from studio_desktop.ui.history.status import STATUS_COLOURS, StatusIcons
from studio_desktop.ui.services import Services

JOB_IDS_MIME: Final = "application/x-studio-job-ids"

JobRole: Final = Qt.ItemDataRole.UserRole + 1  # Job
JobIdRole: Final = Qt.ItemDataRole.UserRole + 2  # str
EntryRole: Final = Qt.ItemDataRole.UserRole + 3  # QueueEntry
PositionRole: Final = Qt.ItemDataRole.UserRole + 4  # 1-based place among waiting jobs, or 0

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class QueueEntry:
    """A row: the job as last heard of, and what the running side adds to it."""

    job: Job
    step: int = 0
    steps: int = 0
    node: str = ""
    executing: bool = False  # the server began running it (not just holding it in its queue)
    note: str = ""  # why it is being retried

    @property
    def fraction(self) -> float:
        if self.steps:
            return min(1.0, self.step / self.steps)
        return self.job.progress

    @property
    def section(self) -> int:
        """Running first, then waiting, then failed."""
        status = self.job.status
        if status in (JobStatus.RUNNING, JobStatus.RETRYING):
            return 0
        return 1 if status is JobStatus.PENDING else 2

    def sort_key(self) -> tuple[int, int, int]:
        # Waiting jobs in claim order (the store's CLAIM_ORDER: priority high first, then seq).
        priority = -self.job.priority if self.section == 1 else 0
        return (self.section, priority, self.job.seq)


class QueueModel(QAbstractListModel):
    """Active jobs in the order they run, then recently failed ones."""

    reorder_requested = Signal(list)  # job ids to move to the front, in this order

    def __init__(
        self,
        store: Store,
        parent: QObject | None = None,
        *,
        template_name: Callable[[str], str] | None = None,
    ) -> None:
        """`template_name` turns a template id into the name to show (the id when None)."""
        super().__init__(parent)
        self._template_name = template_name or str
        self._icons = StatusIcons()
        self._server_names: dict[str, str] = {}
        active = store.jobs_with_status(JobStatus.PENDING, JobStatus.RUNNING, JobStatus.RETRYING)
        self._rows = sorted((_entry(job) for job in active), key=QueueEntry.sort_key)

    # --- counts and lookups ---

    def counts(self) -> tuple[int, int, int]:
        """(waiting, running, failed) rows."""
        sections = [e.section for e in self._rows]
        running = sum(1 for e in self._rows if e.job.status is JobStatus.RUNNING)
        retrying = sum(1 for e in self._rows if e.job.status is JobStatus.RETRYING)
        return sections.count(1) + retrying, running, sections.count(2)

    def entry(self, row: int) -> QueueEntry:
        return self._rows[row]

    def row_of(self, job_id: str) -> int | None:
        for row, entry in enumerate(self._rows):
            if entry.job.id == job_id:
                return row
        return None

    def job_ids(self) -> list[str]:
        return [e.job.id for e in self._rows]

    def set_server_names(self, names: dict[str, str]) -> None:
        self._server_names = dict(names)
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def server_name(self, url: str | None) -> str:
        return fmt.server_label(url, self._server_names)

    # --- Qt model API ---

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # between rows: a drop reorders
        if not self.checkIndex(index, QAbstractListModel.CheckIndexOption.IndexIsValid):
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        flags |= Qt.ItemFlag.ItemNeverHasChildren
        if self._rows[index.row()].job.status is JobStatus.PENDING:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or index.column() != 0:
            return None
        entry = self._rows[index.row()]
        job = entry.job
        if role == Qt.ItemDataRole.DisplayRole:
            return fmt.one_line(job.params.prompt) or self.tr("(no prompt)")
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons(job.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry)
        if role == JobRole:
            return job
        if role == JobIdRole:
            return job.id
        if role == EntryRole:
            return entry
        if role == PositionRole:
            return self._position(index.row())
        return None

    def _position(self, row: int) -> int:
        if self._rows[row].section != 1:
            return 0
        return row - sum(1 for e in self._rows[:row] if e.section != 1) + 1

    def _tooltip(self, entry: QueueEntry) -> str:
        job = entry.job
        lines = [job.params.prompt or self.tr("(no prompt)")]
        lines.append(
            self.tr("{template} · {model} · seed {seed}").format(
                template=self._template_name(job.template),
                model=job.params.model or "—",
                seed=job.params.seed,
            )
        )
        if job.error is not None and job.status is JobStatus.FAILED:
            lines.append(self.tr("Error: {message}").format(message=job.error.message))
        return "\n".join(lines)

    # --- drag to reorder ---

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [JOB_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = [
            self._rows[i.row()].job.id
            for i in sorted(indexes, key=lambda i: i.row())
            if i.isValid() and self._rows[i.row()].job.status is JobStatus.PENDING
        ]
        data = QMimeData()
        data.setData(JOB_IDS_MIME, "\n".join(ids).encode("ascii"))
        return data

    def canDropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: _Index,
    ) -> bool:
        return action == Qt.DropAction.MoveAction and data.hasFormat(JOB_IDS_MIME)

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: _Index,
    ) -> bool:
        """Ask for the moves that put the dragged jobs at the drop place. The rows move when the
        store has done it (job_changed), so the view never shows an order that isn't real."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        if parent.isValid():  # dropped onto a row: above it
            row = parent.row()
        ids = bytes(data.data(JOB_IDS_MIME).data()).decode("ascii").split()
        plan = self.reorder_plan(ids, len(self._rows) if row < 0 else row)
        if plan:
            self.reorder_requested.emit(plan)
        return False  # nothing for the view to remove: the rows are only re-ordered

    def reorder_plan(self, job_ids: Iterable[str], row: int) -> list[str]:
        """The move-to-front calls (in order) that put the waiting jobs `job_ids` just above
        `row`: the store only knows "to the front", so the jobs that stay above them are moved
        too, last first. Empty when nothing would change."""
        wanted = set(job_ids)
        waiting = [(r, e.job.id) for r, e in enumerate(self._rows) if e.section == 1]
        dragged = [job_id for _, job_id in waiting if job_id in wanted]
        if not dragged:
            return []
        above = [job_id for r, job_id in waiting if r < row and job_id not in wanted]
        below = [job_id for r, job_id in waiting if r >= row and job_id not in wanted]
        if above + dragged + below == [job_id for _, job_id in waiting]:
            return []
        return list(reversed(above + dragged))

    # --- changes from the pool ---

    def upsert(self, job: Job) -> None:
        """A job was added or changed state: place, move, update or drop its row."""
        row = self.row_of(job.id)
        keep = job.status.is_active or job.status is JobStatus.FAILED
        if not keep or job.deleted:
            if row is not None:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
            return
        if row is None:
            entry = _entry(job)
            target = self._insertion_row(entry)
            self.beginInsertRows(QModelIndex(), target, target)
            self._rows.insert(target, entry)
            self.endInsertRows()
            return
        old = self._rows[row]
        entry = _entry(job) if job.status is not old.job.status else replace(old, job=job)
        if entry.job.status is JobStatus.RUNNING and old.job.status is JobStatus.RETRYING:
            entry = replace(entry, executing=old.executing)
        self._replace(row, entry)

    def set_progress(self, progress: JobProgress) -> None:
        row = self.row_of(progress.job_id)
        if row is None:
            return
        entry = self._rows[row]
        self._rows[row] = replace(
            entry,
            step=progress.value,
            steps=progress.max,
            node=progress.node_type or entry.node,
            executing=True,
        )
        index = self.index(row)
        self.dataChanged.emit(index, index)

    def mark_started(self, job_id: str) -> None:
        row = self.row_of(job_id)
        if row is not None and not self._rows[row].executing:
            self._rows[row] = replace(self._rows[row], executing=True)
            index = self.index(row)
            self.dataChanged.emit(index, index)

    def set_retrying(self, event: JobRetrying) -> None:
        row = self.row_of(event.job_id)
        if row is not None:
            self._rows[row] = replace(self._rows[row], note=event.reason, executing=False)
            index = self.index(row)
            self.dataChanged.emit(index, index)

    def dismiss(self, job_ids: Iterable[str]) -> int:
        """Drop failed rows the user has seen. Returns how many went."""
        wanted = set(job_ids)
        rows = [r for r, e in enumerate(self._rows) if e.section == 2 and e.job.id in wanted]
        for row in reversed(rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
        return len(rows)

    def failed_ids(self) -> list[str]:
        return [e.job.id for e in self._rows if e.section == 2]

    def _insertion_row(self, entry: QueueEntry, rows: Sequence[QueueEntry] | None = None) -> int:
        key = entry.sort_key()
        rows = self._rows if rows is None else rows
        for index, other in enumerate(rows):
            if key < other.sort_key():
                return index
        return len(rows)

    def _replace(self, row: int, entry: QueueEntry) -> None:
        rest = self._rows[:row] + self._rows[row + 1 :]
        target = self._insertion_row(entry, rest)
        if target != row:
            # beginMoveRows counts the destination in the list before the move.
            destination = target + 1 if target > row else target
            self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
            self._rows = [*rest[:target], entry, *rest[target:]]
            self.endMoveRows()
            row = target
        else:
            self._rows[row] = entry
        index = self.index(row)
        self.dataChanged.emit(index, index)
        if target != row or entry.section == 1:
            # Waiting positions (#n) below may have shifted.
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))


def _entry(job: Job) -> QueueEntry:
    return QueueEntry(job=job, node=job.progress_text, executing=job.progress > 0)


# --- painting ---

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
        if not entry.executing:
            return self.tr("Sent to {server}, waiting there").format(server=server), ""
        step = self.tr("step {x}/{y}").format(x=entry.step, y=entry.steps) if entry.steps else ""
        node = f" · {entry.node}" if entry.node else ""
        return f"{server}{node}", step

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


class QueuePanel(QWidget):
    """The queue dock's content."""

    status_message = Signal(str, int)  # text, timeout ms

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.model = QueueModel(services.ctx.store, self, template_name=services.template_name)

        self.summary = QLabel(self)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.cancel_all_button = QToolButton(self)
        self.cancel_all_button.setText(self.tr("Cancel all"))
        self.cancel_all_button.setToolTip(self.tr("Cancel every waiting and running job"))
        self.cancel_all_button.setAutoRaise(True)
        self.cancel_all_button.clicked.connect(lambda: self.cancel_all())
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.setSpacing(6)
        header.addWidget(self.summary, 1)
        header.addWidget(self.cancel_all_button)

        self.view = QListView(self)
        self.view.setModel(self.model)
        self.delegate = QueueDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.setUniformItemSizes(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDragEnabled(True)
        self.view.setDropIndicatorShown(True)
        self.view.setMouseTracking(True)
        self.view.viewport().setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self._empty = EmptyState(
            self.tr("Queue is empty"),
            self.tr("Jobs you queue on the Generate tab wait here."),
            self,
        )
        self._stack = QStackedWidget(self)
        self._stack.addWidget(self.view)
        self._stack.addWidget(self._empty)
        self._actions = QWidget(self)

        self.front_button = self._tool(
            self.tr("To front"),
            self.tr("Run the selected waiting jobs next"),
            self.move_selected_to_front,
        )
        self.retry_button = self._tool(
            self.tr("Retry"),
            self.tr("Queue the selected failed jobs again"),
            self.retry_selected,
        )
        self.cancel_button = self._tool(
            self.tr("Cancel"),
            self.tr("Cancel the selected jobs"),
            self.cancel_selected,
        )
        self.dismiss_button = self._tool(
            self.tr("Clear failed"),
            self.tr("Remove failed jobs from this list (History keeps them)"),
            self.dismiss_failed,
        )
        actions = QHBoxLayout(self._actions)
        actions.setContentsMargins(0, 0, 0, 0)
        actions.setSpacing(6)
        for button in (self.front_button, self.retry_button, self.cancel_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.dismiss_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addLayout(header)
        layout.addWidget(self._stack, 1)
        layout.addWidget(self._actions)

        self._connect()
        self._server_names_changed()
        self._update()

    def _tool(self, text: str, tip: str, slot: Any) -> QToolButton:
        button = QToolButton(self._actions)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _connect(self) -> None:
        pool = self._services.pool
        pool.job_added.connect(self.model.upsert)
        pool.job_changed.connect(self.model.upsert)
        pool.progress.connect(self.model.set_progress)
        pool.job_started.connect(self._job_started)
        pool.retrying.connect(self.model.set_retrying)
        pool.server_changed.connect(self._server_changed)
        self.model.reorder_requested.connect(self._reorder)
        self.delegate.close_clicked.connect(self._close_clicked)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        for signal in (
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.rowsMoved,
            self.model.modelReset,
            self.model.dataChanged,
        ):
            signal.connect(self._update)

    def _job_started(self, job_id: str, _server: str) -> None:
        self.model.mark_started(job_id)

    def _server_changed(self, _status: ServerStatus) -> None:
        self._server_names_changed()

    def _server_names_changed(self) -> None:
        self.model.set_server_names({s.url: s.name for s in self._services.pool.statuses()})

    # --- state shown ---

    def summary_text(self) -> str:
        waiting, running, failed = self.model.counts()
        parts = [self.tr("%n waiting", "", waiting), self.tr("%n running", "", running)]
        if failed:
            parts.append(self.tr("%n failed", "", failed))
        return " · ".join(parts)

    def _update(self, *_args: object) -> None:
        waiting, running, failed = self.model.counts()
        self.summary.setText(self.summary_text())
        self._stack.setCurrentWidget(self.view if self.model.rowCount() else self._empty)
        self._actions.setVisible(self.model.rowCount() > 0)
        self.cancel_all_button.setEnabled(bool(waiting or running))
        self.dismiss_button.setVisible(bool(failed))
        self._update_buttons()

    def _update_buttons(self) -> None:
        jobs = self.selected_jobs()
        self.front_button.setEnabled(any(j.status is JobStatus.PENDING for j in jobs))
        self.retry_button.setEnabled(any(j.status is JobStatus.FAILED for j in jobs))
        self.cancel_button.setEnabled(any(j.status.is_active for j in jobs))

    # --- selection ---

    def selected_jobs(self) -> list[Job]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedIndexes()})
        return [self.model.entry(r).job for r in rows if r < self.model.rowCount()]

    def select_jobs(self, job_ids: Iterable[str]) -> None:
        selection = self.view.selectionModel()
        selection.clearSelection()
        for job_id in job_ids:
            row = self.model.row_of(job_id)
            if row is not None:
                selection.select(self.model.index(row), selection.SelectionFlag.Select)

    # --- actions ---

    def cancel(self, job_id: str) -> None:
        self._services.pool.cancel(job_id)  # a refusal arrives as pool.operation_failed

    def cancel_selected(self) -> None:
        jobs = [j for j in self.selected_jobs() if j.status.is_active]
        for job in jobs:
            self.cancel(job.id)
        if jobs:
            self.status_message.emit(self.tr("Cancelling %n job(s)", "", len(jobs)), 3000)

    def cancel_all(self, *, ask: bool = True) -> bool:
        """Cancel every waiting and running job, after asking. True if it was done."""
        waiting, running, _ = self.model.counts()
        if not (waiting or running):
            return False
        if ask:
            answer = QMessageBox.question(
                self,
                self.tr("Cancel all jobs"),
                self.tr("Cancel {waiting} waiting and {running} running jobs?").format(
                    waiting=waiting, running=running
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self._services.pool.cancel_all()
        self.status_message.emit(self.tr("Cancelling every job"), 3000)
        return True

    def move_to_front(self, job_id: str) -> None:
        self._services.pool.move_to_front(job_id)

    def move_selected_to_front(self) -> None:
        # Last first, so the selection keeps its order at the top.
        waiting = [j for j in self.selected_jobs() if j.status is JobStatus.PENDING]
        for job in reversed(waiting):
            self.move_to_front(job.id)

    def retry(self, job_id: str) -> None:
        self._services.pool.retry(job_id)

    def retry_selected(self) -> None:
        failed = [j for j in self.selected_jobs() if j.status is JobStatus.FAILED]
        for job in failed:
            self.retry(job.id)
        if failed:
            self.status_message.emit(self.tr("Queued %n job(s) again", "", len(failed)), 3000)

    def dismiss_failed(self, job_ids: Iterable[str] | None = None) -> None:
        self.model.dismiss(self.model.failed_ids() if job_ids is None else job_ids)

    def _close_clicked(self, job_id: str) -> None:
        row = self.model.row_of(job_id)
        if row is None:
            return
        if self.model.entry(row).job.status is JobStatus.FAILED:
            self.model.dismiss([job_id])
        else:
            self.cancel(job_id)

    def _reorder(self, plan: list[str]) -> None:
        for job_id in plan:
            self.move_to_front(job_id)

    def _copy_prompt(self) -> None:
        jobs = self.selected_jobs()
        if jobs:
            QGuiApplication.clipboard().setText(jobs[0].params.prompt)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        if not self.view.selectionModel().isSelected(index):
            self.select_jobs([str(index.data(JobIdRole))])
        jobs = self.selected_jobs()
        menu = QMenu(self)
        front = menu.addAction(self.tr("Move to front"), self.move_selected_to_front)
        front.setEnabled(any(j.status is JobStatus.PENDING for j in jobs))
        retry = menu.addAction(self.tr("Retry"), self.retry_selected)
        retry.setEnabled(any(j.status is JobStatus.FAILED for j in jobs))
        menu.addAction(self.tr("Copy prompt"), self._copy_prompt)
        menu.addSeparator()
        cancel = menu.addAction(self.tr("Cancel"), self.cancel_selected)
        cancel.setEnabled(any(j.status.is_active for j in jobs))
        if any(j.status is JobStatus.FAILED for j in jobs):
            menu.addAction(
                self.tr("Dismiss"),
                lambda: self.dismiss_failed([j.id for j in jobs if j.status is JobStatus.FAILED]),
            )
        menu.addAction(self.tr("Cancel all…"), self.cancel_all)
        menu.popup(self.view.viewport().mapToGlobal(pos))
