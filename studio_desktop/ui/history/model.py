"""The history table's model: jobs newest first, read a keyset page at a time off the GUI thread
and kept current from the worker pool's signals (a changed job is updated where it stands)."""

from __future__ import annotations

import bisect
import enum
import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from studio_desktop.core.jobs import Job
from studio_desktop.core.store.filters import ALL_JOBS, JobFilter, Page
from studio_desktop.ui.history import formatting as fmt
from studio_desktop.ui.history.filters import job_matches
from studio_desktop.ui.history.status import StatusIcons, status_text
from studio_desktop.ui.texts import error_text
from studio_desktop.workers.read_view import ReadView
from studio_desktop.workers.tasks import Tasks

log = logging.getLogger("studio.ui")

PAGE_SIZE: Final = 100  # rows read at once (ui_context: <= 200)

JobRole: Final = Qt.ItemDataRole.UserRole + 1  # Job
JobIdRole: Final = Qt.ItemDataRole.UserRole + 2  # str
StatusRole: Final = (
    Qt.ItemDataRole.UserRole + 3
)  # JobStatus value (str: Qt turns StrEnums into str)

_Index = QModelIndex | QPersistentModelIndex


class Column(enum.IntEnum):
    STATUS = 0
    PROMPT = 1
    TEMPLATE = 2
    MODEL = 3
    SERVER = 4
    SEED = 5
    DURATION = 6
    CREATED = 7


_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class HistoryModel(QAbstractTableModel):
    """Jobs matching a JobFilter, newest first; pages are read in the background (the first one
    at once, the next ones through fetchMore) and inserted when they arrive."""

    page_loaded = Signal()  # a page read ended (it may have added no rows)

    def __init__(
        self,
        reads: ReadView,
        tasks: Tasks,
        *,
        page_size: int = PAGE_SIZE,
        template_name: Callable[[str], str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        """`template_name` turns a template id into the name to show (the id when None)."""
        super().__init__(parent)
        self._reads = reads
        self._tasks = tasks
        self._template_name = template_name or str
        self._page_size = min(max(1, page_size), 200)
        self._filter = ALL_JOBS
        self._rows: list[Job] = []
        self._neg_seqs: list[int] = []  # -seq per row: ascending, for bisect
        self._cursor: int | None = None  # the last seq read (None: from the newest)
        self._more = True  # a page may follow (the first one has not been read yet)
        self._generation = 0  # bumped by refresh: a page read for an older filter is dropped
        self._reading = False
        self._icons = StatusIcons()
        self._server_names: dict[str, str] = {}
        self._read_page()

    # --- filter and reloading ---

    @property
    def filter(self) -> JobFilter:
        return self._filter

    def set_filter(self, flt: JobFilter) -> None:
        """Show the jobs matching `flt` (first page now, the rest as the view scrolls)."""
        self._filter = flt
        self.refresh()

    def refresh(self) -> None:
        """Forget the rows and read the first page again (in the background)."""
        self.beginResetModel()
        self._rows = []
        self._neg_seqs = []
        self._cursor, self._more = None, True
        self._generation += 1
        self._reading = False  # a read still under way is for the old rows: it is dropped
        self.endResetModel()
        self._read_page()

    @property
    def loading(self) -> bool:
        """Whether a page read is under way."""
        return self._reading

    def set_server_names(self, names: dict[str, str]) -> None:
        """URL -> the name the user gave the server; shown instead of host:port."""
        self._server_names = dict(names)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, Column.SERVER), self.index(len(self._rows) - 1, Column.SERVER)
            )

    def _read_page(self) -> None:
        if self._reading or not self._more:
            return
        self._reading = True
        reads, flt, cursor, limit = self._reads, self._filter, self._cursor, self._page_size
        generation = self._generation
        self._tasks.run(
            "read",
            lambda: reads.list_jobs(flt, after_seq=cursor, limit=limit),
            lambda page: self._page_read(generation, page),
            owner=self,
            key="page",
            failed=lambda exc: self._page_failed(generation, exc),
        )

    def _page_read(self, generation: int, page: Page[Job]) -> None:
        if generation != self._generation:
            return
        self._reading = False
        if page.items:
            self._cursor = page.items[-1].seq
        self._more = page.next_cursor is not None
        self._merge(page.items)
        self.page_loaded.emit()

    def _page_failed(self, generation: int, exc: Exception) -> None:
        if generation != self._generation:
            return
        self._reading = False
        self._more = False  # an unusable database: stop asking; a refresh tries again
        log.error("reading the history failed", exc_info=exc)
        self.page_loaded.emit()

    def _merge(self, items: Sequence[Job]) -> None:
        """Insert a page's jobs where they belong; a job the pool reported while the page was
        read keeps its (newer) row."""
        fresh = [j for j in items if self.row_of_seq(j.seq) is None]
        if not fresh:
            return
        if not self._neg_seqs or -fresh[0].seq >= self._neg_seqs[-1]:
            first = len(self._rows)  # the usual case: all of it below the loaded rows
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._rows.extend(fresh)
            self._neg_seqs.extend(-j.seq for j in fresh)
            self.endInsertRows()
            return
        for job in fresh:
            self._insert(job)

    def _insert(self, job: Job) -> None:
        row = bisect.bisect_left(self._neg_seqs, -job.seq)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, job)
        self._neg_seqs.insert(row, -job.seq)
        self.endInsertRows()

    # --- Qt model API ---

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        """The view reached the last row: read the next page in the background."""
        if not parent.isValid():
            self._read_page()

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not self.checkIndex(index, QAbstractTableModel.CheckIndexOption.IndexIsValid):
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._header(column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in (Column.SEED, Column.DURATION) else _LEFT
        return None

    def _header(self, column: Column) -> str:
        return {
            Column.STATUS: self.tr("Status"),
            Column.PROMPT: self.tr("Prompt"),
            Column.TEMPLATE: self.tr("Template"),
            Column.MODEL: self.tr("Model"),
            Column.SERVER: self.tr("Server"),
            Column.SEED: self.tr("Seed"),
            Column.DURATION: self.tr("Duration"),
            Column.CREATED: self.tr("Created"),
        }[column]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(Column):
            return None
        job = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(job, column)
        if role == JobRole:
            return job
        if role == JobIdRole:
            return job.id
        if role == StatusRole:
            return job.status.value
        if role == Qt.ItemDataRole.DecorationRole and column is Column.STATUS:
            return self._icons(job.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(job, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in (Column.SEED, Column.DURATION) else _LEFT
        return None

    def _display(self, job: Job, column: Column) -> str:
        params = job.params
        if column is Column.STATUS:
            return status_text(job.status)
        if column is Column.PROMPT:
            return fmt.one_line(params.prompt) or self.tr("(no prompt)")
        if column is Column.TEMPLATE:
            return self._template_name(job.template)
        if column is Column.MODEL:
            return fmt.model_label(params.model)
        if column is Column.SERVER:
            return fmt.server_label(job.server, self._server_names)
        if column is Column.SEED:
            return str(params.seed)
        if column is Column.DURATION:
            return fmt.duration(job.duration_s)
        return fmt.local_time(job.created_at)

    def _tooltip(self, job: Job, column: Column) -> str | None:
        if column is Column.PROMPT:
            text = job.params.prompt or self.tr("(no prompt)")
            if job.params.negative:
                text += "\n\n" + self.tr("Negative: {negative}").format(
                    negative=job.params.negative
                )
            return text
        if column is Column.STATUS and job.error is not None:
            return error_text(job.error)
        if column is Column.SERVER:
            return job.server
        if column is Column.MODEL:
            return job.params.model or None
        if column is Column.CREATED:
            return fmt.local_time_seconds(job.created_at)
        return None

    # --- lookups ---

    def job(self, row: int) -> Job:
        return self._rows[row]

    def jobs(self, rows: Iterable[int]) -> list[Job]:
        return [self._rows[r] for r in sorted(set(rows)) if 0 <= r < len(self._rows)]

    def row_of_seq(self, seq: int) -> int | None:
        row = bisect.bisect_left(self._neg_seqs, -seq)
        if row < len(self._neg_seqs) and self._neg_seqs[row] == -seq:
            return row
        return None

    def row_of(self, job_id: str) -> int | None:
        """The row showing this job, or None."""
        for row, job in enumerate(self._rows):
            if job.id == job_id:
                return row
        return None

    # --- changes from the pool and the tab ---

    def upsert(self, job: Job) -> None:
        """A job was added or changed: update its row, add it, or drop it if it no longer
        matches the filter (a failed job retried while "Failed" is shown)."""
        row = self.row_of_seq(job.seq)
        if row is not None and job.revision < self._rows[row].revision:
            return  # older than the page it read from the store: a change still on its way
        matches = job_matches(self._filter, job)
        if row is not None:
            if matches:
                self._rows[row] = job
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))
            else:
                self._remove_rows([row])
            return
        if not matches:
            return
        # Below the last row read a job arrives with a later page instead.
        if self._more and self._cursor is not None and job.seq < self._cursor:
            return
        self._insert(job)

    def remove_ids(self, ids: Iterable[str]) -> int:
        """Take jobs out (deleted). Returns how many rows went."""
        wanted = set(ids)
        rows = [r for r, job in enumerate(self._rows) if job.id in wanted]
        self._remove_rows(rows)
        return len(rows)

    def _remove_rows(self, rows: Iterable[int]) -> None:
        pending = sorted(set(rows), reverse=True)
        # Contiguous runs, bottom up, so each remove keeps the earlier row numbers valid.
        while pending:
            last = first = pending.pop(0)
            while pending and pending[0] == first - 1:
                first = pending.pop(0)
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._rows[first : last + 1]
            del self._neg_seqs[first : last + 1]
            self.endRemoveRows()
