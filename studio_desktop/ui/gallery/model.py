"""The gallery's item model: images newest first, every row counted up front, filled by page.

Every read runs on Tasks' "read" pool through a `ReadView` (the GUI thread does no database
work): the first page, the count, further pages, records dropped from the cache, the jobs behind
them. What needs records the model does not hold asks for them (`read_records`, `when_loaded`)
and gets them in a callback, at once when they are held.

The row count comes from one background COUNT(*) after the first page, so the view lays its grid
out once instead of again for every page appended (a relayout of 20,000 rows is ~30 ms of
GUI-thread time). Records are read a keyset page at a time, in order, on Tasks' "read" pool, as
far as the view has looked plus a page; rows not read yet paint as placeholders and fill in with
`dataChanged`. The loaded rows are always a prefix, so a record's row is a bisect away.

Pages are read narrow (`ImageSummary`: the columns the grid shows, no metadata JSON decoded):
per loaded row the model keeps only what painting, grouping and dragging need, in columns
(`RowBatch`: typed arrays and shared strings, no object per row). Full records are read by id
when something needs one (the details pane, a tooltip, the viewer, an action on the selection:
`read_records`) and kept in a small cache. Holding every record (5 container objects each) made
each full collection ~50 ms longer at 20,000 images; reading full rows for every page decoded
200 metadata documents a page while holding the GIL the GUI thread needs.
"""

from __future__ import annotations

import bisect
import logging
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Final, NamedTuple

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QUrl,
    Signal,
)

from studio_desktop.core.jobs import GenerationParams, ImageRecord, Job
from studio_desktop.core.store.filters import ALL_IMAGES, ImageFilter
from studio_desktop.ui.gallery.boards import image_ids_mime
from studio_desktop.ui.gallery.rows import Cell, RowBatch, cell_of, thumb_source
from studio_desktop.workers.read_view import ReadView
from studio_desktop.workers.tasks import Task, Tasks

PAGE_SIZE: Final = 200  # the first page, and the longest run of rows read again in one query
BACKGROUND_PAGE: Final = 500  # the most one background read takes (when far behind the view)
RECENT_RECORDS: Final = 1000  # full records kept (the rest are read again by id)
_JOB_CACHE: Final = 512

RecordRole: Final = Qt.ItemDataRole.UserRole + 1  # ImageRecord (None: not read yet)
ImageIdRole: Final = Qt.ItemDataRole.UserRole + 2  # int
ThumbPathRole: Final = Qt.ItemDataRole.UserRole + 3  # str (data-folder relative) or None
FavouriteRole: Final = Qt.ItemDataRole.UserRole + 4  # bool
PromptRole: Final = Qt.ItemDataRole.UserRole + 5  # str
KindRole: Final = Qt.ItemDataRole.UserRole + 6  # str
LoadedRole: Final = Qt.ItemDataRole.UserRole + 7  # bool: the row's record has been read
CellRole: Final = Qt.ItemDataRole.UserRole + 8  # Cell (None: not read yet)

log = logging.getLogger("studio.ui")

_Index = QModelIndex | QPersistentModelIndex
_Key = tuple[str, int, int | None]  # what, filter generation, cursor


def params_of(record: ImageRecord) -> GenerationParams | None:
    """The job's parameters as written into the image's own metadata (no database read)."""
    studio = record.metadata.get("studio")
    if isinstance(studio, Mapping):
        params = studio.get("params")
        if isinstance(params, Mapping) and isinstance(params.get("prompt"), str):
            return GenerationParams.from_dict(params)
    return None


__all__ = ["Cell", "GalleryModel", "cell_of", "params_of", "thumb_source"]


class _RowPage(NamedTuple):
    """A page as read, its rows already in columns (made on the read pool)."""

    rows: RowBatch
    next_cursor: int | None


def _read_rows(reads: ReadView, flt: ImageFilter, after_id: int | None, limit: int) -> _RowPage:
    page = reads.list_image_summaries(flt, after_id=after_id, limit=limit)
    return _RowPage(RowBatch.of(page.items), page.next_cursor)


class GalleryModel(QAbstractListModel):
    """Images matching an ImageFilter, newest first.

    `rowCount` is the number of matching images (once counted); `record`/`records` return what
    the model holds, `read_records` reads the rest in the background; `data` asks for rows (and
    for a record dropped from the cache) in the background, returning None for them meanwhile.
    """

    job_read = Signal(str)  # a job id: `job()` answers for it now (it was read in the background)

    def __init__(
        self,
        reads: ReadView,
        *,
        page_size: int = PAGE_SIZE,
        tasks: Tasks | None = None,
        resolve: Callable[[str], Path] = Path,
        parent: QObject | None = None,
    ) -> None:
        """`tasks`: the app's; without one (a test) the model runs its own, stopped by
        `shutdown()`. `resolve`: a stored path to the file (the data folder's `Paths.resolve`),
        for the files a drag carries."""
        super().__init__(parent)
        self._reads = reads
        self._resolve = resolve
        self._page_size = min(max(1, page_size), PAGE_SIZE)
        self._filter = ALL_IMAGES
        # The loaded prefix of the rows: -id (ascending, for bisect) and what to paint.
        self._rows = RowBatch()
        # Bumped whenever `_rows` changes other than by rows appended at the end.
        self._cells_version = 0
        # The version they were worked out for, how many cells they cover, the day starts.
        self._day_starts: tuple[int, int, list[tuple[int, int]]] = (-1, 0, [])
        self._recent: OrderedDict[int, ImageRecord] = OrderedDict()  # by id, least recent first
        self._count = 0  # rows shown: loaded ones, then placeholders
        self._cursor: int | None = None  # the last id read (the keyset position)
        self._exhausted = False
        self._counted = False  # the background count arrived
        self._target = 0  # read ahead until this row is loaded
        self._jobs: OrderedDict[str, Job | None] = OrderedDict()
        self._generation = 0
        # Records changed here (`update_records`: a favourite, tags) by a counter, so that a
        # background read that began before the change cannot put the older record back.
        self._changes = 0
        self._changed_at: dict[int, int] = {}
        self._in_flight: _Key | None = None
        self._closed = False
        self._own_tasks = tasks is None
        self._tasks = Tasks(parent=self) if tasks is None else tasks
        self._tasks_started: list[Task] = []
        self._first_pending = False  # the first page of this filter is being read
        self._deferred: list[ImageRecord] = []  # matched while the first page was on its way
        self._waiters: list[tuple[int, int, Callable[[], None]]] = []  # generation, row, then
        self._fetching_rows: set[int] = set()  # image ids being read again for `data`
        self._fetching_jobs: set[str] = set()
        self._load_first_page()

    # --- filter and reloading ---

    @property
    def filter(self) -> ImageFilter:
        return self._filter

    def set_filter(self, flt: ImageFilter) -> None:
        """Show images matching `flt` (every page, the first too, is read in the background)."""
        self._filter = flt
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._load_first_page()
        self.endResetModel()

    @property
    def tasks(self) -> Tasks:
        """Where the model reads (the viewer decodes there too)."""
        return self._tasks

    def shutdown(self, timeout_s: float = 10.0) -> None:
        """Wait for the background reads; the model reads nothing more after (it shows what it
        holds)."""
        self._closed = True
        reads, self._tasks_started = self._tasks_started, []
        for read in reads:
            read.cancel()  # its result is not wanted any more
            read.wait(timeout_s)
        if self._own_tasks:
            self._tasks.shutdown(timeout_s)

    def is_counted(self) -> bool:
        """Whether rowCount covers every matching image (not just the rows read so far)."""
        return self._exhausted or self._counted

    def is_loading_first_page(self) -> bool:
        """The filter's first page is on its way (no rows yet: not "empty" either)."""
        return self._first_pending

    def _load_first_page(self) -> None:
        """Forget the rows (the caller resets the model) and read the first page in the
        background; it arrives as a model reset, then the count, then the rest as wanted."""
        self._generation += 1
        self._changed_at.clear()  # reads begun before this one are not kept (generation)
        self._rows = RowBatch()
        self._cells_version += 1
        self._recent.clear()
        self._cursor, self._exhausted, self._counted = None, False, False
        self._count = 0
        self._deferred, self._waiters = [], []
        self._in_flight = None  # a read for the previous filter is dropped when it arrives
        self._target = 2 * self._page_size  # one page ahead of the first screen
        self._first_pending = True
        reads, flt, limit = self._reads, self._filter, self._page_size
        self._start(
            ("first", self._generation, None),
            lambda: _read_rows(reads, flt, None, limit),
        )

    def _extend(
        self, rows: RowBatch, next_cursor: int | None, only: Sequence[int] | None = None
    ) -> None:
        """A page's rows appended at the end (`day_starts` goes on from where it was): all of
        them, or those at `only`; the keyset position moves past the page either way."""
        self._rows.extend(rows, only)
        if len(rows):
            self._cursor = rows.image_id(len(rows) - 1)
        self._exhausted = next_cursor is None

    def _remember(self, record: ImageRecord) -> None:
        self._recent[record.id] = record
        self._recent.move_to_end(record.id)
        while len(self._recent) > RECENT_RECORDS:
            self._recent.popitem(last=False)

    # --- background reads ---

    def _start(self, key: _Key, read: Callable[[], object]) -> None:
        if self._closed:
            return
        self._in_flight = key
        self._track(
            self._tasks.run(
                "read",
                read,
                lambda result: self._read_done(key, result),
                owner=self,
                # A failed page is asked for again when the view next looks at its rows.
                failed=lambda exc: self._read_done(key, exc),
            )
        )

    def _track(self, task: Task) -> None:
        self._tasks_started = [t for t in self._tasks_started if t.pending]
        self._tasks_started.append(task)

    def _want(self, row: int) -> None:
        """The view looked at `row`: read up to a page past it."""
        if row + self._page_size > self._target:
            self._target = row + self._page_size
            self._read_ahead()

    def _read_ahead(self) -> None:
        loaded = len(self._rows)
        if self._exhausted or self._in_flight is not None or loaded > self._target:
            return
        limit = min(max(self._target + 1 - loaded, self._page_size), BACKGROUND_PAGE)
        reads, flt, cursor = self._reads, self._filter, self._cursor
        self._start(
            ("page", self._generation, cursor),
            lambda: _read_rows(reads, flt, cursor, limit),
        )

    def _read_done(self, key: _Key, result: object) -> None:
        if self._in_flight == key:
            self._in_flight = None
        what, generation, cursor = key
        if generation == self._generation:
            if what == "first":
                self._first_done(result)
            elif what == "count" and isinstance(result, int):
                self._counted = True
                self._grow(result)
            elif what == "page" and cursor == self._cursor and isinstance(result, _RowPage):
                self._apply(result)
            self._wake_waiters()
        self._read_ahead()

    def _first_done(self, result: object) -> None:
        if not isinstance(result, _RowPage):  # failed: shown as empty; a refresh reads again
            failure = result if isinstance(result, Exception) else None
            log.warning("could not read the gallery's first page", exc_info=failure)
            result = _RowPage(RowBatch(), None)
        self._first_pending = False
        # A reset, not an insert: the tab learns from it that the filter's rows are in, even
        # when there are none (its empty state) and its selection is gone.
        self.beginResetModel()
        self._extend(result.rows, result.next_cursor)
        self._count = len(self._rows)
        self.endResetModel()
        deferred, self._deferred = self._deferred, []
        if deferred:
            self._insert_sorted(deferred)
        if not self._exhausted:
            reads, flt = self._reads, self._filter
            self._start(("count", self._generation, None), lambda: reads.count_images(flt))

    def when_loaded(self, row: int, then: Callable[[], None]) -> None:
        """Call `then` once `row` has been read (or there are no rows that far): at once if it
        has. Forgotten when the filter changes."""
        if self._row_settled(row):
            then()
            return
        self._waiters.append((self._generation, row, then))
        self._want(row)

    def _row_settled(self, row: int) -> bool:
        if self._first_pending:
            return False
        if self._counted and row >= self._count:  # past the end: the last row will do
            row = self._count - 1
        return row < len(self._rows) or self._exhausted

    def _wake_waiters(self) -> None:
        waiting, self._waiters = self._waiters, []
        for generation, row, then in waiting:
            if generation != self._generation:
                continue
            if self._row_settled(row):
                then()
            else:
                self._waiters.append((generation, row, then))

    # --- applying what was read ---

    def _grow(self, count: int) -> None:
        """Show placeholder rows up to `count` (a count read in the background)."""
        if not self._exhausted and count > self._count:
            self.beginInsertRows(QModelIndex(), self._count, count - 1)
            self._count = count
            self.endInsertRows()

    def _apply(self, read: _RowPage) -> None:
        rows = read.rows
        # The keyset (ids below the cursor) can't repeat a row; rows already shown (a row added
        # live, `_insert_sorted`) are left out all the same. Newest first: when the page's
        # newest is older than the last row held, none can be (the usual case, no search).
        only: list[int] | None = None
        held = self._rows.neg_ids
        if len(rows) and held and rows.neg_ids[0] <= held[-1]:
            only = [r for r in range(len(rows)) if self.row_of(rows.image_id(r)) is None]
            if len(only) == len(rows):
                only = None
        fresh = len(rows) if only is None else len(only)
        first = len(self._rows)
        filled = min(first + fresh, self._count) - first  # placeholders that get a record
        if first + fresh > self._count:  # more than counted (added since, or not counted)
            self.beginInsertRows(QModelIndex(), self._count, first + fresh - 1)
            self._extend(rows, read.next_cursor, only)
            self._count = len(self._rows)
            self.endInsertRows()
        else:
            self._extend(rows, read.next_cursor, only)
        if filled > 0:
            self.dataChanged.emit(self.index(first, 0), self.index(first + filled - 1, 0))
        if self._exhausted and self._count > len(self._rows):  # fewer than counted (removed)
            self.beginRemoveRows(QModelIndex(), len(self._rows), self._count - 1)
            self._count = len(self._rows)
            self.endRemoveRows()

    # --- Qt model API ---

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        """The view reached the last row: read on in the background (rows arrive with it)."""
        if not parent.isValid():
            self._want(self._count)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not self.checkIndex(index, QAbstractListModel.CheckIndexOption.IndexIsValid):
            return Qt.ItemFlag.NoItemFlags
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        if index.row() < len(self._rows):  # a placeholder has no file to drag yet
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def mimeTypes(self) -> list[str]:
        return ["text/uri-list"]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        """The rows' files as local file URLs (what a file manager, another application or a
        Generate image slot takes from a drop) and their image ids (what a board takes)."""
        rows = sorted({i.row() for i in indexes if 0 <= i.row() < len(self._rows)})
        mime = image_ids_mime([-self._rows.neg_ids[r] for r in rows])
        paths = self._rows.paths
        mime.setUrls([QUrl.fromLocalFile(str(self._resolve(paths[r]))) for r in rows])
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not 0 <= row < self._count or index.column() != 0 or not index.isValid():
            return None
        if row >= len(self._rows):
            self._want(row)
            return False if role == LoadedRole else None
        if role == CellRole:  # the delegate's one call per cell painted
            return self._rows.cell(row)
        if role == LoadedRole:
            return True
        if role == ImageIdRole:
            return -self._rows.neg_ids[row]
        if role == ThumbPathRole:
            return self._rows.thumbs[row]
        if role == FavouriteRole:
            return bool(self._rows.favourites[row])
        if role == KindRole:
            return self._rows.kinds[row]
        if role not in _RECORD_ROLES:
            return None
        record = self._record_at(row)
        if record is None:
            return None
        if role == RecordRole:
            return record
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(record)
        return self.prompt_of(record)  # PromptRole, AccessibleTextRole

    # --- lookups ---

    def loaded_rows(self) -> int:
        """How many rows (from the top) have been read."""
        return len(self._rows)

    def thumb_at(self, row: int) -> str | None:
        """What the row shows (`thumb_source`); None for a row not read yet, or nothing."""
        return self._rows.thumbs[row] if 0 <= row < len(self._rows) else None

    def day_starts(self) -> list[tuple[int, int]]:
        """(first row, local day ordinal) of each day among the rows read so far, top down.
        The rows are newest first, so a day is one run of rows; rows not read yet belong to
        the last run until they are read. Rows appended are scanned once, as they come (a scan
        of every row read, after each page, was up to 15 ms of a scroll step at 100,000 rows);
        all of them again only when rows were inserted or taken out."""
        version, scanned, starts = self._day_starts
        if version != self._cells_version:
            version, scanned, starts = self._cells_version, 0, []
        days = self._rows.days
        if scanned < len(days):
            previous = starts[-1][1] if starts else None
            for row in range(scanned, len(days)):
                day = days[row]
                if day != previous:
                    starts.append((row, day))
                    previous = day
            self._day_starts = (version, len(days), starts)
        return starts

    def record(self, row: int) -> ImageRecord:
        """The record shown in `row` as the model holds it (IndexError if it holds none: a
        placeholder, or a record dropped from the cache; `read_records` reads those)."""
        if not 0 <= row < len(self._rows):
            raise IndexError(row)
        record = self._recent.get(-self._rows.neg_ids[row])
        if record is None:
            raise IndexError(row)
        return record

    def records(self, rows: Iterable[int]) -> list[ImageRecord]:
        """The records of these rows that the model holds, top to bottom (no read)."""
        held = (
            self._recent.get(-self._rows.neg_ids[r]) for r in sorted(set(rows)) if self._loaded(r)
        )
        return [r for r in held if r is not None]

    def read_records(
        self,
        rows: Iterable[int],
        then: Callable[[list[ImageRecord]], None],
        *,
        jobs: bool = False,
    ) -> None:
        """Call `then` with the records of these rows, top to bottom: at once when the model
        holds them (and, with `jobs`, the jobs that made them: `job()` answers for each),
        otherwise once they are read in the background. Rows not read yet are read first."""
        wanted = sorted({r for r in rows if 0 <= r < self._count})
        if not wanted:
            then([])
            return
        if not self._loaded(wanted[-1]):
            generation = self._generation

            def again() -> None:
                if generation == self._generation:
                    self.read_records(wanted, then, jobs=jobs)

            self.when_loaded(wanted[-1], again)
            return
        ids = [-self._rows.neg_ids[r] for r in wanted if r < len(self._rows)]
        held = {i: rec for i in ids if (rec := self._recent.get(i)) is not None}
        missing = [r for r in wanted if r < len(self._rows) and -self._rows.neg_ids[r] not in held]
        job_ids = {rec.job_id for rec in held.values()} - set(self._jobs) if jobs else set()
        if not missing and not job_ids:
            for image_id in ids:
                self._recent.move_to_end(image_id)
            then([held[i] for i in ids])
            return
        runs, reads, flt = self._runs(missing), self._reads, self._filter
        began, generation = self._changes, self._generation

        def read() -> tuple[dict[int, ImageRecord], dict[str, Job | None]]:
            found = _read_runs(reads, flt, runs)
            needed = {r.job_id for r in found.values()} | job_ids if jobs else set()
            return found, {job_id: reads.get_job(job_id) for job_id in needed}

        def arrived(result: tuple[dict[int, ImageRecord], dict[str, Job | None]]) -> None:
            found, read_jobs = result
            self._remember_jobs(read_jobs)
            # Changed here while the read ran (favourited just after selecting): the record
            # held is the newer one; what the read saw is older.
            newer = {
                i: held_now
                for i in found
                if self._changed_at.get(i, 0) > began
                and (held_now := self._recent.get(i)) is not None
            }
            if len(found) <= RECENT_RECORDS and generation == self._generation:
                for record in found.values():
                    if record.id not in newer and self.row_of(record.id) is not None:
                        self._remember(record)
            records = [newer.get(i) or held.get(i) or found.get(i) for i in ids]
            then([r for r in records if r is not None])

        self._track(self._tasks.run("read", read, arrived, owner=self))

    def _loaded(self, row: int) -> bool:
        return 0 <= row < len(self._rows)

    def _record_at(self, row: int) -> ImageRecord | None:
        """The row's record if held; else None, and it is read in the background (announced
        with dataChanged)."""
        image_id = -self._rows.neg_ids[row]
        record = self._recent.get(image_id)
        if record is not None:
            self._recent.move_to_end(image_id)
            return record
        if image_id not in self._fetching_rows and not self._closed:
            self._fetching_rows.add(image_id)

            def arrived(_records: list[ImageRecord]) -> None:
                self._fetching_rows.discard(image_id)
                now = self.row_of(image_id)
                if now is not None:
                    self.dataChanged.emit(self.index(now, 0), self.index(now, 0))

            self.read_records([row], arrived)
        return None

    def _runs(self, rows: Sequence[int]) -> list[list[int]]:
        """The ids of loaded rows (ascending rows) in runs of neighbours, up to a page each: a
        run is read with one keyset query, so a large selection costs a query per 200 rows."""
        runs: list[list[int]] = []
        i = 0
        while i < len(rows):
            j = i + 1
            while j < len(rows) and j - i < PAGE_SIZE and rows[j] == rows[j - 1] + 1:
                j += 1
            runs.append([-self._rows.neg_ids[r] for r in rows[i:j]])
            i = j
        return runs

    def row_of(self, image_id: int) -> int | None:
        """The row showing this image if it has been read, else None (rows go by id, newest
        first)."""
        row = bisect.bisect_left(self._rows.neg_ids, -image_id)
        if row < len(self._rows.neg_ids) and self._rows.neg_ids[row] == -image_id:
            return row
        return None

    def job(self, job_id: str) -> Job | None:
        """The job that made an image, if the model holds it (`read_records(..., jobs=True)`
        reads them); None otherwise, and it is read in the background."""
        if job_id in self._jobs:
            self._jobs.move_to_end(job_id)
            return self._jobs[job_id]
        if job_id not in self._fetching_jobs and not self._closed:
            self._fetching_jobs.add(job_id)
            reads = self._reads

            def arrived(job: Job | None) -> None:
                self._fetching_jobs.discard(job_id)
                self._remember_jobs({job_id: job})
                self.job_read.emit(job_id)

            self._track(self._tasks.run("read", lambda: reads.get_job(job_id), arrived, owner=self))
        return None

    def _remember_jobs(self, jobs: Mapping[str, Job | None]) -> None:
        for job_id, job in jobs.items():
            self._jobs[job_id] = job
            self._jobs.move_to_end(job_id)
        # A batch larger than the cache stays whole until the next one: its caller uses it now.
        while len(self._jobs) > max(_JOB_CACHE, len(jobs)):
            self._jobs.popitem(last=False)

    def params(self, record: ImageRecord) -> GenerationParams | None:
        params = params_of(record)
        if params is None:
            job = self.job(record.job_id)
            params = job.params if job is not None else None
        return params

    def prompt_of(self, record: ImageRecord) -> str:
        params = self.params(record)
        return params.prompt if params is not None else ""

    def _tooltip(self, record: ImageRecord) -> str:
        prompt = self.prompt_of(record) or self.tr("(no prompt)")
        when = record.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        size = f"{record.width} × {record.height}" if record.width else record.kind
        return f"{prompt}\n{size} · {when}"

    # --- changes made by the tab ---

    def add_records(
        self,
        records: Iterable[ImageRecord],
        then: Callable[[int], None] | None = None,
    ) -> None:
        """Show records that match the filter (new outputs, an undone delete). Each job is
        checked against the filter with one small query, in the background; `then` gets how
        many rows were added to the rows read so far (one below them arrives with its page)."""
        by_job: dict[str, set[int]] = {}
        for record in records:
            if self.row_of(record.id) is None:
                by_job.setdefault(record.job_id, set()).add(record.id)
        if not by_job or self._closed:
            if then is not None:
                then(0)
            return
        reads, flt, generation = self._reads, self._filter, self._generation

        def read() -> list[ImageRecord]:
            matching: list[ImageRecord] = []
            for job_id, ids in by_job.items():
                page = reads.list_images(replace(flt, job_id=job_id), limit=PAGE_SIZE)
                matching.extend(r for r in page.items if r.id in ids)
            return matching

        def arrived(matching: list[ImageRecord]) -> None:
            added = 0
            if generation != self._generation:
                pass  # another filter since: its own reads show what matches it
            elif self._first_pending:
                self._deferred.extend(matching)
            else:
                added = self._insert_sorted(matching)
            if then is not None:
                then(added)

        self._track(self._tasks.run("read", read, arrived, owner=self))

    def _insert_sorted(self, records: Sequence[ImageRecord]) -> int:
        # Below the keyset position a record comes with a later page instead (and the count,
        # if it was read before the record existed, is put right when the last page is in).
        floor = self._cursor if not self._exhausted else None
        added = 0
        for record in sorted(records, key=lambda r: r.id, reverse=True):
            if self.row_of(record.id) is not None or (floor is not None and record.id < floor):
                continue
            row = bisect.bisect_left(self._rows.neg_ids, -record.id)
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows.insert(row, record.id, cell_of(record))
            self._cells_version += 1
            self._remember(record)
            self._count += 1
            self.endInsertRows()
            added += 1
        return added

    def remove_ids(self, ids: Iterable[int]) -> int:
        """Take rows out (deleted, restored from the trash). Returns how many went."""
        rows = sorted({r for i in ids if (r := self.row_of(i)) is not None}, reverse=True)
        # Contiguous runs, bottom up, so each remove keeps the earlier row numbers valid.
        removed = 0
        while rows:
            last = first = rows.pop(0)
            while rows and rows[0] == first - 1:
                first = rows.pop(0)
            self.beginRemoveRows(QModelIndex(), first, last)
            for neg_id in self._rows.neg_ids[first : last + 1]:
                self._recent.pop(-neg_id, None)
            self._rows.delete(first, last + 1)
            self._cells_version += 1
            self._count -= last - first + 1
            self.endRemoveRows()
            removed += last - first + 1
        return removed

    def update_records(self, changed: Iterable[ImageRecord]) -> None:
        """Replace rows with newer versions of the same images (favourite, tags)."""
        for record in changed:
            row = self.row_of(record.id)
            if row is not None:
                self._changes += 1
                self._changed_at[record.id] = self._changes
                self._rows.replace(row, cell_of(record))
                self._remember(record)
                index = self.index(row, 0)
                self.dataChanged.emit(index, index)


_RECORD_ROLES: Final = frozenset(
    {
        RecordRole,
        PromptRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.ToolTipRole,
    }
)


def _read_runs(
    reads: ReadView, flt: ImageFilter, runs: Sequence[Sequence[int]]
) -> dict[int, ImageRecord]:
    """Read runs of neighbouring rows' records (by id, newest first): one keyset query a run,
    by id for a single row or one that no longer matches the filter. On the read pool."""
    found: dict[int, ImageRecord] = {}
    for run in runs:
        if len(run) == 1:
            single = reads.get_image(run[0])
            items = [single] if single is not None else []
        else:
            items = reads.list_images(flt, after_id=run[0] + 1, limit=len(run)).items
        wanted = set(run)
        found.update((r.id, r) for r in items if r.id in wanted)
        for image_id in run:  # changed since (no longer matching): by id
            if image_id not in found and (single := reads.get_image(image_id)) is not None:
                found[image_id] = single
    return found
