"""The history table's model: jobs newest first, read a keyset page at a time off the GUI thread
and kept current from the worker pool's signals (a changed job is updated where it stands).

A row's cell texts are made where the page is read (`cell_texts`, on the read pool: strftime,
the prompt on one line), so painting a cell is a tuple lookup: a screen of History asks `data()`
~900 times, and formatting there was most of a page's GUI-thread time. The read pool calls no Qt:
the words it needs are translated once on the GUI thread (`Words`; the language is chosen at
start-up, so they stay right). Only the template's name and the server's label are filled in on
the GUI thread (from small caches: the template list and the server names belong to it).

A batch group of more than one job (or a forever group) is one row, its newest job's, showing
"n of m done" in the prompt column; expanding it (`toggle_group`) shows its other jobs, which
the table hides otherwise (`row_hidden`). Group progress is read off the GUI thread."""

from __future__ import annotations

import bisect
import enum
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QPixmap

from studio_desktop.core.groups import GroupKind, GroupProgress
from studio_desktop.core.jobs import ImageRecord, Job, JobStatus
from studio_desktop.core.messages import fill
from studio_desktop.core.store.filters import ALL_JOBS, JobFilter, Page
from studio_desktop.core.workflows.defaults import default_model_words
from studio_desktop.ui.history import formatting as fmt
from studio_desktop.ui.history.details import source_of
from studio_desktop.ui.history.filters import job_matches
from studio_desktop.ui.history.status import StatusIcons, status_text
from studio_desktop.ui.history.timing import duration_cell, duration_tooltip, total_template
from studio_desktop.ui.texts import error_text, show_text
from studio_desktop.ui.thumbnails import ThumbnailLoader
from studio_desktop.workers.read_view import ReadView
from studio_desktop.workers.tasks import Tasks

log = logging.getLogger("studio.ui")

PAGE_SIZE: Final = 100  # rows read at once (ui_context: <= 200)
THUMB_SIZE: Final = 40  # logical pixels of the thumbnail column's long edge
# Group progress is read this long after the rows change (after the first change of a burst:
# a batch that keeps arriving must not put the read off, or its rows show ungrouped until
# the last one; bench.sweep_queue).
GROUPS_READ_MS: Final = 200

JobRole: Final = Qt.ItemDataRole.UserRole + 1  # Job
JobIdRole: Final = Qt.ItemDataRole.UserRole + 2  # str
StatusRole: Final = (
    Qt.ItemDataRole.UserRole + 3
)  # JobStatus value (str: Qt turns StrEnums into str)

_Index = QModelIndex | QPersistentModelIndex


class Column(enum.IntEnum):
    THUMBNAIL = 0
    STATUS = 1
    PROMPT = 2
    TEMPLATE = 3
    MODEL = 4
    SERVER = 5
    SEED = 6
    DURATION = 7  # the sampling time (the total when that is not known), see timing.py
    CREATED = 8


_COLUMN: Final = tuple(Column)  # by index, without Column(n)'s enum lookup
_COLUMNS: Final = len(_COLUMN)
# Roles and columns as plain ints: `data()` runs for every role of every painted cell, and each
# `Qt.ItemDataRole.X` or `Column.X` read there is an enum attribute lookup.
_DISPLAY: Final = int(Qt.ItemDataRole.DisplayRole)
_DECORATION: Final = int(Qt.ItemDataRole.DecorationRole)
_TOOLTIP: Final = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT: Final = int(Qt.ItemDataRole.TextAlignmentRole)
_JOB: Final = int(JobRole)
_JOB_ID: Final = int(JobIdRole)
_STATUS: Final = int(StatusRole)
_SERVED_ROLES: Final = frozenset(
    {_DISPLAY, _DECORATION, _TOOLTIP, _ALIGNMENT, _JOB, _JOB_ID, _STATUS}
)
_STATUS_COLUMN: Final = int(Column.STATUS)
_PROMPT_COLUMN: Final = int(Column.PROMPT)
_THUMBNAIL_COLUMN: Final = int(Column.THUMBNAIL)
_TEMPLATE_COLUMN: Final = int(Column.TEMPLATE)
_SERVER_COLUMN: Final = int(Column.SERVER)
_CELL_FLAGS: Final = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_ALIGN: Final = tuple(_RIGHT if c in (Column.SEED, Column.DURATION) else _LEFT for c in Column)

Texts = tuple[str, ...]  # a row's display text, one per Column


@dataclass(frozen=True)
class Words:
    """The translated words a row's texts use, made on the GUI thread."""

    statuses: Mapping[JobStatus, str]
    no_prompt: str
    total: str  # "{time} total"
    default_model: str  # "{model} (default)": the file the server's default model became
    # The file a job on the server's default model ran with (None: it named one, or not sent).
    model_used: Callable[[Job], str | None] = lambda _job: None

    @classmethod
    def translated(cls, model_used: Callable[[Job], str | None] | None = None) -> Words:
        return cls(
            statuses={status: status_text(status) for status in JobStatus},
            no_prompt=QCoreApplication.translate("HistoryModel", "(no prompt)"),
            total=total_template(),
            default_model=QCoreApplication.translate("HistoryModel", "{model} (default)"),
            model_used=model_used or (lambda _job: None),
        )

    def model_text(self, job: Job) -> str:
        """The Model column: the short file name, or the one the server's default became."""
        if job.params.model:
            return fmt.model_label(job.params.model)
        used = self.model_used(job)
        if used is None:
            return ""
        label = fmt.model_label(used)
        return fill(self.default_model, {"model": label}, label)


def cell_texts(job: Job, words: Words) -> Texts:
    """The row's display texts, but for the template and server columns (left empty: the GUI
    thread names them). Plain Python, no Qt: run where the page is read."""
    params = job.params
    return (
        "",  # THUMBNAIL: a picture, no text
        words.statuses[job.status],
        fmt.one_line(params.prompt) or words.no_prompt,
        "",  # TEMPLATE
        words.model_text(job),
        "",  # SERVER
        str(params.seed),
        duration_cell(job, words.total),
        fmt.local_time(job.created_at),
    )


def _read_page_texts(
    reads: ReadView, flt: JobFilter, after_seq: int | None, limit: int, words: Words
) -> tuple[Page[Job], list[Texts]]:
    """A page and its rows' texts (on the read pool)."""
    page = reads.list_jobs(flt, after_seq=after_seq, limit=limit)
    return page, [cell_texts(job, words) for job in page.items]


class HistoryModel(QAbstractTableModel):
    """Jobs matching a JobFilter, newest first; pages are read in the background (the first one
    at once, the next ones through fetchMore) and inserted when they arrive."""

    page_loaded = Signal()  # a page read ended (it may have added no rows)
    groups_changed = Signal()  # group progress or expansion changed: rows to hide or show

    def __init__(
        self,
        reads: ReadView,
        tasks: Tasks,
        *,
        page_size: int = PAGE_SIZE,
        template_name: Callable[[str], str] | None = None,
        thumbnails: ThumbnailLoader | None = None,
        parent: QObject | None = None,
        default_model_used: Callable[[Job], str | None] | None = None,
    ) -> None:
        """`template_name` turns a template id into the name to show (the id when None).
        `thumbnails`: where the thumbnail column's pictures come from (none shown without).
        `default_model_used`: the file a job on the server's default model ran with; called
        where pages are read, off the GUI thread."""
        super().__init__(parent)
        self._reads = reads
        self._tasks = tasks
        self._template_name = template_name or str
        self._page_size = min(max(1, page_size), 200)
        self._filter = ALL_JOBS
        self._rows: list[Job] = []
        self._texts: list[Texts] = []  # per row: what its cells show
        self._neg_seqs: list[int] = []  # -seq per row: ascending, for bisect
        self._seqs: dict[str, int] = {}  # job id -> seq, for the rows shown
        self._template_names: dict[str, str] = {}  # template id -> name shown
        self._words = Words.translated(default_model_used)
        self._cursor: int | None = None  # the last seq read (None: from the newest)
        self._more = True  # a page may follow (the first one has not been read yet)
        self._generation = 0  # bumped by refresh: a page read for an older filter is dropped
        self._reading = False
        self._icons = StatusIcons()
        self._server_names: dict[str, str] = {}
        # The thumbnail column, read lazily: only rows the view paints ask (data()), their
        # first outputs are read in one batch off the GUI thread, the pictures decoded by the
        # shared loader (cached there).
        self._thumbnails = thumbnails
        self._firsts: dict[str, ImageRecord | None] = {}  # job id -> first output (None: none)
        self._by_source: dict[str, set[str]] = {}  # thumbnail (or image) path -> job ids
        self._wanted: set[str] = set()  # job ids whose first output is to be read
        self._firsts_timer = QTimer(self)
        self._firsts_timer.setSingleShot(True)
        self._firsts_timer.setInterval(0)  # after this paint: one read for every row it asked
        self._firsts_timer.timeout.connect(self._read_firsts)
        if thumbnails is not None:
            thumbnails.loaded.connect(self._thumbnail_loaded)
        # Batch groups: progress of the groups of loaded rows, and the ones the user opened.
        self._groups: dict[str, GroupProgress] = {}
        self._expanded: set[str] = set()
        self._groups_timer = QTimer(self)
        self._groups_timer.setSingleShot(True)
        self._groups_timer.setInterval(GROUPS_READ_MS)
        self._groups_timer.timeout.connect(self._read_groups)
        # Group id -> its head row, computed in one pass when first asked after a change (the
        # prompt column asks per painted row: a walk of every row each time would stall).
        self._heads: dict[str, int] | None = None
        # Groups whose jobs arrived together (`add_many`) before their progress was read.
        self._arriving: set[str] = set()
        for signal in (self.rowsInserted, self.rowsRemoved, self.modelReset):
            signal.connect(self._rows_changed)
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
        self._rows, self._texts = [], []
        self._neg_seqs, self._seqs = [], {}
        self._cursor, self._more = None, True
        self._generation += 1
        self._reading = False  # a read still under way is for the old rows: it is dropped
        self._wanted.clear()
        self.endResetModel()
        self._read_page()

    @property
    def loading(self) -> bool:
        """Whether a page read is under way."""
        return self._reading

    def set_server_names(self, names: dict[str, str]) -> None:
        """URL -> the name the user gave the server; shown instead of host:port."""
        if names == self._server_names:
            return  # every server status change calls this: the labels stay as they are
        self._server_names = dict(names)
        self._texts = [
            self._named(job, texts) for job, texts in zip(self._rows, self._texts, strict=True)
        ]
        if self._rows:
            self.dataChanged.emit(
                self.index(0, Column.SERVER), self.index(len(self._rows) - 1, Column.SERVER)
            )

    def _read_page(self) -> None:
        if self._reading or not self._more:
            return
        self._reading = True
        reads, flt, cursor, limit = self._reads, self._filter, self._cursor, self._page_size
        generation, words = self._generation, self._words
        self._tasks.run(
            "read",
            lambda: _read_page_texts(reads, flt, cursor, limit, words),
            lambda result: self._page_read(generation, *result),
            owner=self,
            key="page",
            failed=lambda exc: self._page_failed(generation, exc),
        )

    def _page_read(self, generation: int, page: Page[Job], texts: list[Texts]) -> None:
        if generation != self._generation:
            return
        self._reading = False
        if page.items:
            self._cursor = page.items[-1].seq
        self._more = page.next_cursor is not None
        self._merge(page.items, texts)
        self.page_loaded.emit()

    def _page_failed(self, generation: int, exc: Exception) -> None:
        if generation != self._generation:
            return
        self._reading = False
        self._more = False  # an unusable database: stop asking; a refresh tries again
        log.error("reading the history failed", exc_info=exc)
        self.page_loaded.emit()

    def _merge(self, items: Sequence[Job], texts: Sequence[Texts]) -> None:
        """Insert a page's jobs where they belong; a job the pool reported while the page was
        read keeps its (newer) row."""
        fresh = [(j, t) for j, t in zip(items, texts, strict=True) if j.id not in self._seqs]
        if not fresh:
            return
        if not self._neg_seqs or -fresh[0][0].seq >= self._neg_seqs[-1]:
            first = len(self._rows)  # the usual case: all of it below the loaded rows
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            for job, row_texts in fresh:
                self._rows.append(job)
                self._texts.append(self._named(job, row_texts))
                self._neg_seqs.append(-job.seq)
                self._seqs[job.id] = job.seq
            self.endInsertRows()
            return
        for job, row_texts in fresh:
            self._insert(job, row_texts)

    def _insert(self, job: Job, texts: Texts) -> None:
        row = bisect.bisect_left(self._neg_seqs, -job.seq)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, job)
        self._texts.insert(row, self._named(job, texts))
        self._neg_seqs.insert(row, -job.seq)
        self._seqs[job.id] = job.seq
        self.endInsertRows()

    def _named(self, job: Job, texts: Texts) -> Texts:
        """`texts` with the template's name and the server's label (GUI-thread state)."""
        name = self._template_names.get(job.template)
        if name is None:
            name = self._template_names[job.template] = self._template_name(job.template)
        server = fmt.server_label(job.server, self._server_names)
        return (
            *texts[:_TEMPLATE_COLUMN],
            name,
            *texts[_TEMPLATE_COLUMN + 1 : _SERVER_COLUMN],
            server,
            *texts[_SERVER_COLUMN + 1 :],
        )

    # --- Qt model API ---

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        # Asked (with rowCount) each time the view makes an index: a constant, no enum len().
        return 0 if parent.isValid() else _COLUMNS

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        """The view reached the last row: read the next page in the background."""
        if not parent.isValid():
            self._read_page()

    def flags(self, index: _Index) -> Qt.ItemFlag:
        # Asked for every cell painted: plain checks (checkIndex and building the flags each
        # time were a tenth of a page's GUI time). An invalid index has row -1.
        if 0 <= index.row() < len(self._rows) and 0 <= index.column() < _COLUMNS:
            return _CELL_FLAGS
        return Qt.ItemFlag.NoItemFlags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if column is Column.THUMBNAIL else self._header(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tooltip(column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in (Column.SEED, Column.DURATION) else _LEFT
        return None

    def column_title(self, column: Column) -> str:
        """The column's name (the thumbnail column's header shows none, its menu entry does)."""
        return self._header(column)

    def _header_tooltip(self, column: Column) -> str | None:
        if column is Column.DURATION:
            return self.tr(
                "Time the server spent running the job, without its wait in the server's queue "
                "(the details show queued, sampling and total apart)"
            )
        if column is Column.THUMBNAIL:
            return self.tr("The job's first output")
        return None

    def _header(self, column: Column) -> str:
        return {
            Column.STATUS: self.tr("Status"),
            Column.PROMPT: self.tr("Prompt"),
            Column.TEMPLATE: self.tr("Template"),
            Column.MODEL: self.tr("Model"),
            Column.SERVER: self.tr("Server"),
            Column.SEED: self.tr("Seed"),
            Column.DURATION: self.tr("Sampling"),
            Column.CREATED: self.tr("Created"),
            Column.THUMBNAIL: self.tr("Output"),
        }[column]

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        # Painting asks every cell for 7 roles (~900 calls a screen): the roles not served go
        # first, the texts were made when the page was read (an invalid index has row -1).
        if role not in _SERVED_ROLES:
            return None
        row, col = index.row(), index.column()
        if not 0 <= row < len(self._rows) or not 0 <= col < _COLUMNS:
            return None
        if role == _DISPLAY:
            if col == _PROMPT_COLUMN and self._groups:
                head = self._group_head_text(row)
                if head is not None:
                    return head
            return self._texts[row][col]
        if role == _ALIGNMENT:
            return _ALIGN[col]
        if role == _DECORATION:
            if col == _STATUS_COLUMN:
                return self._icons(self._rows[row].status)
            if col == _THUMBNAIL_COLUMN:
                return self._thumbnail(self._rows[row])
            return None
        job = self._rows[row]
        if role == _JOB:
            return job
        if role == _JOB_ID:
            return job.id
        if role == _STATUS:
            return job.status.value
        return self._tooltip(job, _COLUMN[col])  # _TOOLTIP

    def _group_head_text(self, row: int) -> str | None:
        """A group's row: "▸ n of m done · prompt" (None for any other row)."""
        progress = self._shown_group(self._rows[row])
        if progress is None or self._head_row(progress.group.id) != row:
            return None
        arrow = "▾" if progress.group.id in self._expanded else "▸"
        return self.tr("{arrow} {done} of {total} done · {prompt}").format(
            arrow=arrow,
            done=progress.done,
            total=progress.total,
            prompt=self._texts[row][_PROMPT_COLUMN],
        )

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
        if column is Column.MODEL:  # the whole file name, and whether it was the default
            if job.params.model:
                return job.params.model
            return show_text(default_model_words(self._words.model_used(job)))
        if column is Column.CREATED:
            return fmt.local_time_seconds(job.created_at)
        if column is Column.DURATION:
            return duration_tooltip(job)
        if column is Column.THUMBNAIL:
            first = self._firsts.get(job.id)
            return first.path if first is not None else None
        return None

    # --- the thumbnail column ---

    def first_output(self, job_id: str) -> ImageRecord | None:
        """The job's first output as read for the thumbnail column (None: not read, or none)."""
        return self._firsts.get(job_id)

    def _thumbnail(self, job: Job) -> QPixmap | None:
        if self._thumbnails is None or job.status is not JobStatus.COMPLETED:
            return None
        if job.id not in self._firsts:
            self._wanted.add(job.id)
            if not self._firsts_timer.isActive():
                self._firsts_timer.start()
            return None
        first = self._firsts[job.id]
        source = None if first is None else source_of(first)
        if source is None:
            return None
        ratio = _device_ratio()
        pixmap = self._thumbnails.pixmap(source, round(THUMB_SIZE * ratio))
        if pixmap is None:
            return None
        shown = QPixmap(pixmap)  # a copy: the ratio must not touch the loader's cache
        shown.setDevicePixelRatio(max(ratio, max(pixmap.width(), pixmap.height()) / THUMB_SIZE))
        return shown

    def _read_firsts(self) -> None:
        wanted = [job_id for job_id in self._wanted if job_id not in self._firsts]
        self._wanted.clear()
        if not wanted:
            return
        reads, generation = self._reads, self._generation
        self._tasks.run(
            "read",
            lambda: reads.first_outputs(wanted),
            lambda found: self._firsts_read(generation, wanted, found),
            owner=self,
            failed=lambda exc: log.warning("reading History thumbnails failed: %s", exc),
        )

    def _firsts_read(
        self, generation: int, asked: list[str], found: dict[str, ImageRecord]
    ) -> None:
        if generation != self._generation:
            return
        for job_id in asked:
            first = self._firsts[job_id] = found.get(job_id)
            source = None if first is None else source_of(first)
            if source is not None:
                self._by_source.setdefault(source, set()).add(job_id)
        self._thumbnail_changed(asked)

    def _thumbnail_loaded(self, rel: str) -> None:
        # Each picture decoded lands here: the rows showing it by lookup, not by a walk over
        # every row and every output read (that grew with the rows paged in).
        jobs = self._by_source.get(rel)
        if jobs:
            self._thumbnail_changed(jobs)

    def _thumbnail_changed(self, job_ids: Iterable[str]) -> None:
        for job_id in job_ids:
            seq = self._seqs.get(job_id)
            row = None if seq is None else self.row_of_seq(seq)
            if row is not None:
                index = self.index(row, _THUMBNAIL_COLUMN)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    # --- lookups ---

    # --- batch groups ---

    def _rows_changed(self, *_args: object) -> None:
        self._heads = None
        self._read_groups_soon()

    def _read_groups_soon(self) -> None:
        if not self._groups_timer.isActive():
            self._groups_timer.start()

    def _read_groups(self) -> None:
        ids = list(dict.fromkeys(j.group_id for j in self._rows if j.group_id is not None))
        if not ids:
            if self._groups:
                self._groups = {}
                self.groups_changed.emit()
            return
        reads = self._reads
        self._tasks.run(
            "read", lambda: reads.group_progress(ids), self._groups_read, owner=self, key="groups"
        )

    def _groups_read(self, groups: list[GroupProgress]) -> None:
        self._groups = {g.group.id: g for g in groups}
        self._arriving -= set(self._groups)
        self.groups_changed.emit()
        if self._rows:
            self.dataChanged.emit(
                self.index(0, Column.PROMPT), self.index(len(self._rows) - 1, Column.PROMPT)
            )

    def _shown_group(self, job: Job) -> GroupProgress | None:
        """The job's group when it shows as one row (more than one job, or forever)."""
        if job.group_id is None:
            return None
        progress = self._groups.get(job.group_id)
        if progress is None:
            return None
        if progress.group.kind is GroupKind.BATCH and progress.total < 2:
            return None
        return progress

    def _head_row(self, group_id: str) -> int | None:
        if self._heads is None:
            heads: dict[str, int] = {}
            for row, job in enumerate(self._rows):
                if job.group_id is not None:
                    heads.setdefault(job.group_id, row)
            self._heads = heads
        return self._heads.get(group_id)

    def group_head(self, row: int) -> str | None:
        """The group whose row this is (its newest loaded job), or None."""
        progress = self._shown_group(self._rows[row])
        if progress is None or self._head_row(progress.group.id) != row:
            return None
        return progress.group.id

    def hidden_rows(self) -> list[bool]:
        """Per row: hidden inside a closed group (every row but the group's head)."""
        heads: set[str] = set()
        hidden: list[bool] = []
        for job in self._rows:
            progress = self._shown_group(job)
            if progress is not None:
                group_id = progress.group.id
            elif job.group_id is not None and job.group_id in self._arriving:
                group_id = job.group_id
            else:
                hidden.append(False)
                continue
            hidden.append(group_id in heads and group_id not in self._expanded)
            heads.add(group_id)
        return hidden

    def toggle_group(self, group_id: str) -> None:
        """Open a group's row to its jobs, or close it."""
        self._expanded ^= {group_id}
        self.groups_changed.emit()
        row = self._head_row(group_id)
        if row is not None:
            index = self.index(row, Column.PROMPT)
            self.dataChanged.emit(index, index)

    def group_progress(self, group_id: str) -> GroupProgress | None:
        return self._groups.get(group_id)

    @property
    def expanded_groups(self) -> frozenset[str]:
        return frozenset(self._expanded)

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
        seq = self._seqs.get(job_id)
        return None if seq is None else self.row_of_seq(seq)

    # --- changes from the pool and the tab ---

    def upsert(self, job: Job) -> None:
        """A job was added or changed: update its row, add it, or drop it if it no longer
        matches the filter (a failed job retried while "Failed" is shown)."""
        row = self.row_of_seq(job.seq)
        if row is not None and job.revision < self._rows[row].revision:
            return  # older than the page it read from the store: a change still on its way
        matches = job_matches(self._filter, job)
        if job.group_id is not None:
            self._read_groups_soon()  # its group's "n of m done" may have changed
        if self._firsts.get(job.id, 0) is None:
            del self._firsts[job.id]  # it had no outputs when read: it may have them now
        if row is not None:
            if matches:
                self._rows[row] = job
                self._texts[row] = self._named(
                    job, cell_texts(job, self._words)
                )  # one row: here is fine
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))
            else:
                self._remove_rows([row])
            return
        if not matches:
            return
        # Below the last row read a job arrives with a later page instead.
        if self._more and self._cursor is not None and job.seq < self._cursor:
            return
        self._insert(job, cell_texts(job, self._words))

    def add_many(self, jobs: Sequence[Job]) -> None:
        """Jobs new to the window (`jobs_added`), as `upsert` would add them, but each run
        that lands in one place is one insert: a 1,000-job batch was 1,000 row inserts, each
        making the table re-hide its groups' rows (bench.sweep_queue)."""
        fresh: list[tuple[Job, Texts]] = []
        for job in jobs:
            if job.id in self._seqs:
                self.upsert(job)
                continue
            if not job_matches(self._filter, job):
                continue
            if self._more and self._cursor is not None and job.seq < self._cursor:
                continue  # below the last row read: it comes with a later page
            if job.group_id is not None:
                self._read_groups_soon()
            fresh.append((job, cell_texts(job, self._words)))
        # Several new jobs of one group are a group row, whatever its progress will say:
        # its rows are folded now, not painted one by one until the progress is read.
        per_group = Counter(job.group_id for job, _texts in fresh if job.group_id is not None)
        self._arriving |= {g for g, n in per_group.items() if n > 1 and g not in self._groups}
        fresh.sort(key=lambda pair: -pair[0].seq)
        blocks: list[tuple[int, list[tuple[Job, Texts]]]] = []
        for job, texts in fresh:
            if job.id in self._seqs:
                continue  # the same job twice in one call
            self._seqs[job.id] = job.seq
            target = bisect.bisect_left(self._neg_seqs, -job.seq)
            if blocks and blocks[-1][0] == target:
                blocks[-1][1].append((job, texts))  # no loaded row between them: one block
            else:
                blocks.append((target, [(job, texts)]))
        for target, block in reversed(blocks):  # from the bottom: the rows above stay put
            self.beginInsertRows(QModelIndex(), target, target + len(block) - 1)
            self._rows[target:target] = [job for job, _texts in block]
            self._texts[target:target] = [self._named(job, texts) for job, texts in block]
            self._neg_seqs[target:target] = [-job.seq for job, _texts in block]
            self.endInsertRows()

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
            for job in self._rows[first : last + 1]:
                del self._seqs[job.id]
            del self._rows[first : last + 1]
            del self._texts[first : last + 1]
            del self._neg_seqs[first : last + 1]
            self.endRemoveRows()


def _device_ratio() -> float:
    app = QGuiApplication.instance()
    return app.devicePixelRatio() if isinstance(app, QGuiApplication) else 1.0
