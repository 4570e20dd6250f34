"""The queue's item model: waiting and running jobs across servers, then recently failed ones
until dismissed, with drag to reorder.

The model holds no store: its owner (the panel) reads the active jobs off the GUI thread and
hands them to `load`; the pool's ordered events keep it current before and after that, a
progress tick touching only its own row.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from studio_desktop.core.engine import JobBlocked, JobProgress, JobRetrying
from studio_desktop.core.jobs import Job, JobStatus
from studio_desktop.ui.history import formatting as fmt
from studio_desktop.ui.history.status import StatusIcons
from studio_desktop.ui.texts import error_text, show_text

JOB_IDS_MIME: Final = "application/x-studio-job-ids"

JobRole: Final = Qt.ItemDataRole.UserRole + 1  # Job
JobIdRole: Final = Qt.ItemDataRole.UserRole + 2  # str
EntryRole: Final = Qt.ItemDataRole.UserRole + 3  # QueueEntry
PositionRole: Final = Qt.ItemDataRole.UserRole + 4  # 1-based place among waiting jobs, or 0
BatchRole: Final = Qt.ItemDataRole.UserRole + 5  # (1-based place, size) in its batch, or None
InputImageRole: Final = Qt.ItemDataRole.UserRole + 6  # stored path of its first input, or None
KindRole: Final = Qt.ItemDataRole.UserRole + 7  # what its template makes: image, video, audio

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class QueueEntry:
    """A row: the job as last heard of, and what the running side adds to it."""

    job: Job
    step: int = 0
    steps: int = 0
    node: str = ""
    # The server began running it (not just holding it in its queue): the job's sampling_at,
    # carried by its change events, or a sign of it running (a step, stored progress).
    executing: bool = False
    note: str = ""  # why it is being retried
    blocked: str = ""  # why no server can run it while it waits (JobBlocked)

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
    loaded = Signal()  # `load` has applied the active jobs read at start

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        template_name: Callable[[str], str] | None = None,
        template_kind: Callable[[str], str] | None = None,
    ) -> None:
        """`template_name` turns a template id into the name to show (the id when None);
        `template_kind` into what it makes ("image" when None)."""
        super().__init__(parent)
        self._template_name = template_name or str
        self._template_kind = template_kind or (lambda _template: "image")
        # Job id -> (place, size) in the batch this window queued it in (batches of one: none).
        self._batches: dict[str, tuple[int, int]] = {}
        self._icons = StatusIcons()
        self._server_names: dict[str, str] = {}
        self._rows: list[QueueEntry] = []
        self._is_loaded = False
        # Until `load`: the newest revision each event brought, rows dropped included, so a
        # read made before those events can't bring back a state they replaced.
        self._seen: dict[str, int] = {}
        # While the user presses or drags a row: job states that arrived meanwhile, applied when
        # the drag ends, so no row moves, appears or goes from under the pointer.
        self._held: list[Job] | None = None

    @property
    def is_loaded(self) -> bool:
        """Whether the active jobs read at start have been applied (counts are complete)."""
        return self._is_loaded

    def load(self, active: Iterable[Job]) -> None:
        """Apply the active jobs read from the store (off the GUI thread), merged with what the
        events have brought meanwhile: per job the newer state (by revision) wins."""
        seen, self._seen = self._seen, {}
        by_id = {e.job.id: e for e in self._rows}
        for job in active:
            held = by_id.get(job.id)
            newest = held.job.revision if held is not None else seen.get(job.id)
            if newest is not None and job.revision <= newest:
                continue  # an event already told us this state or a newer one
            if job.deleted or not (job.status.is_active or job.status is JobStatus.FAILED):
                by_id.pop(job.id, None)
            else:
                by_id[job.id] = _entry(job)
        rows = sorted(by_id.values(), key=QueueEntry.sort_key)
        # One insert or one reset, not a row at a time: a queue of thousands loads at once.
        if not self._rows and rows:
            self.beginInsertRows(QModelIndex(), 0, len(rows) - 1)
            self._rows = rows
            self.endInsertRows()
        elif rows != self._rows:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
        self._is_loaded = True
        self.loaded.emit()

    # --- counts and lookups ---

    def counts(self) -> tuple[int, int, int]:
        """(waiting, running, failed) rows."""
        per_status: dict[JobStatus, int] = dict.fromkeys(JobStatus, 0)
        for entry in self._rows:  # one pass: the panel asks after every batch of changes
            per_status[entry.job.status] += 1
        failed = len(self._rows) - sum(
            per_status[s] for s in (JobStatus.PENDING, JobStatus.RUNNING, JobStatus.RETRYING)
        )
        waiting = per_status[JobStatus.PENDING] + per_status[JobStatus.RETRYING]
        return waiting, per_status[JobStatus.RUNNING], failed

    def running_counts(self) -> tuple[int, int]:
        """(sampling, waiting on server): running jobs the server executes now, and those it
        only holds (sent, or being sent) behind other prompts in its queue."""
        running = [e for e in self._rows if e.job.status is JobStatus.RUNNING]
        sampling = sum(1 for e in running if e.executing)
        return sampling, len(running) - sampling

    def entry(self, row: int) -> QueueEntry:
        return self._rows[row]

    def row_of(self, job_id: str) -> int | None:
        for row, entry in enumerate(self._rows):
            if entry.job.id == job_id:
                return row
        return None

    def active_groups(self) -> list[Job]:
        """One job of each batch group that has a row here (its `group_id` names it)."""
        seen: dict[str, Job] = {}
        for entry in self._rows:
            if entry.job.group_id is not None:
                seen.setdefault(entry.job.group_id, entry.job)
        return list(seen.values())

    def job_ids(self) -> list[str]:
        return [e.job.id for e in self._rows]

    def set_server_names(self, names: dict[str, str]) -> None:
        self._server_names = dict(names)
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def server_name(self, url: str | None) -> str:
        return fmt.server_label(url, self._server_names)

    def set_batch(self, job_ids: Sequence[str]) -> None:
        """These jobs were queued together, in this order: each row says its place ("2/4")."""
        if len(job_ids) < 2:
            return
        for place, job_id in enumerate(job_ids, start=1):
            self._batches[job_id] = (place, len(job_ids))
        rows = [row for job_id in job_ids if (row := self.row_of(job_id)) is not None]
        if rows:
            self.dataChanged.emit(self.index(min(rows)), self.index(max(rows)))

    def shows_input(self, stored_path: str) -> bool:
        """Whether a row's thumbnail is this input image (its decode has just finished)."""
        return any(e.job.inputs and e.job.inputs[0].path == stored_path for e in self._rows)

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
        if role == BatchRole:
            return self._batches.get(job.id)
        if role == InputImageRole:
            return job.inputs[0].path if job.inputs else None
        if role == KindRole:
            return self._template_kind(job.template)
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
            lines.append(self.tr("Error: {message}").format(message=error_text(job.error)))
        if entry.blocked and job.status is JobStatus.PENDING:
            lines.append(self.tr("No server can run it now: {reason}").format(reason=entry.blocked))
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

    # --- holding the order while a row is dragged ---

    @property
    def holding(self) -> bool:
        return self._held is not None

    def hold_order(self) -> None:
        """Keep the rows where they are (a drag is starting): state changes wait."""
        if self._held is None:
            self._held = []

    def release_order(self) -> None:
        """Apply the state changes that waited during the drag, in the order they came."""
        held, self._held = self._held, None
        for job in held or ():
            self.upsert(job)

    # --- changes from the pool ---

    def upsert(self, job: Job) -> None:
        """A job was added or changed state: place, move, update or drop its row.

        A state older (by store revision) than the row's is ignored: the start-up read can be
        ahead of a change still on its way."""
        if self._held is not None:
            self._held.append(job)
            return
        if not self._is_loaded:
            self._seen[job.id] = max(job.revision, self._seen.get(job.id, job.revision))
        row = self.row_of(job.id)
        if row is not None and job.revision < self._rows[row].job.revision:
            return
        keep = job.status.is_active or job.status is JobStatus.FAILED
        if not keep or job.deleted:
            self._batches.pop(job.id, None)
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
        if job.status is not old.job.status:
            entry = _entry(job)
        else:
            # Progress stored by another process (no step events reach us) also means it runs.
            entry = replace(old, job=job, executing=old.executing or _executing(job))
        if entry.job.status is JobStatus.RUNNING and old.job.status is JobStatus.RETRYING:
            entry = replace(entry, executing=old.executing)
        self._replace(row, entry)

    def add_many(self, jobs: Sequence[Job]) -> None:
        """Jobs new to the window (`jobs_added`): each run of them that lands in one place is
        one insert. A batch's jobs all go to the end of the waiting ones: one insert, not one
        per job (a 1,000-job sweep stalled the window; bench.sweep_queue). Anything else
        (a job already here, a drag in progress) goes through `upsert`."""
        present = {e.job.id for e in self._rows}
        fresh: list[QueueEntry] = []
        for job in jobs:
            new = job.id not in present and not job.deleted
            if (
                self._held is not None
                or not new
                or not (job.status.is_active or job.status is JobStatus.FAILED)
            ):
                self.upsert(job)
                continue
            if not self._is_loaded:
                self._seen[job.id] = max(job.revision, self._seen.get(job.id, job.revision))
            present.add(job.id)
            fresh.append(_entry(job))
        fresh.sort(key=QueueEntry.sort_key)
        blocks: list[tuple[int, list[QueueEntry]]] = []
        for entry in fresh:
            target = self._insertion_row(entry)
            if blocks and blocks[-1][0] == target:
                blocks[-1][1].append(entry)  # nothing here sorts between them: one block
            else:
                blocks.append((target, [entry]))
        for target, block in reversed(blocks):  # from the bottom: the rows above stay put
            self.beginInsertRows(QModelIndex(), target, target + len(block) - 1)
            self._rows[target:target] = block
            self.endInsertRows()

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
            self._rows[row] = replace(
                self._rows[row],
                note=show_text(event.text) if event.text is not None else event.reason,
                executing=False,
            )
            index = self.index(row)
            self.dataChanged.emit(index, index)

    def set_blocked(self, event: JobBlocked) -> None:
        """Show why no server can run a waiting job (cleared when one can again)."""
        row = self.row_of(event.job_id)
        why = show_text(event.text) if event.reasons else ""
        if row is not None and self._rows[row].blocked != why:
            self._rows[row] = replace(self._rows[row], blocked=why)
            index = self.index(row)
            self.dataChanged.emit(index, index)

    def dismiss(self, job_ids: Iterable[str]) -> int:
        """Drop failed rows the user has seen. Returns how many went."""
        wanted = set(job_ids)
        rows = [r for r, e in enumerate(self._rows) if e.section == 2 and e.job.id in wanted]
        for row in reversed(rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            self._batches.pop(self._rows[row].job.id, None)
            del self._rows[row]
            self.endRemoveRows()
        return len(rows)

    def failed_ids(self) -> list[str]:
        return [e.job.id for e in self._rows if e.section == 2]

    def _insertion_row(self, entry: QueueEntry, rows: Sequence[QueueEntry] | None = None) -> int:
        # The rows are kept in sort_key order: a binary search, after any equal key. A walk of
        # every row made a 1,000-job batch cost O(n^2) on the GUI thread (bench.sweep_queue).
        rows = self._rows if rows is None else rows
        return bisect.bisect_right(rows, entry.sort_key(), key=QueueEntry.sort_key)

    def _replace(self, row: int, entry: QueueEntry) -> None:
        rest = self._rows[:row] + self._rows[row + 1 :]
        target = self._insertion_row(entry, rest)
        moved = target != row
        if moved:
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
        if moved or entry.section == 1:
            # Waiting positions (#n) below may have shifted.
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))


def _executing(job: Job) -> bool:
    return job.sampling_at is not None or job.progress > 0


def _entry(job: Job) -> QueueEntry:
    return QueueEntry(job=job, node=job.progress_text, executing=_executing(job))
