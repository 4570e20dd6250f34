"""The gallery's item model: images newest first, every row counted up front, filled by page.

The row count comes from one background COUNT(*) after the first page, so the view lays its grid
out once instead of again for every page appended (a relayout of 20,000 rows is ~30 ms of
GUI-thread time). Records are read a keyset page at a time, in order, on Tasks' "read" pool, as
far as the view has looked plus a page; rows not read yet paint as placeholders and fill in with
`dataChanged`. The loaded rows are always a prefix, so a record's row is a bisect away.

Per loaded row the model keeps only what painting needs (id, thumbnail, favourite, kind: tuples
of plain values, which Python's garbage collector stops tracking) and the full records of the
last rows read in a small cache; older ones are read again by id when asked for. Holding every
record (5 container objects each) made each full collection ~50 ms longer at 20,000 images and
triggered it more often: a GUI stall of ~100 ms twice per scroll through the library.
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any, Final, NamedTuple

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from studio_desktop.core.jobs import GenerationParams, ImageRecord, Job
from studio_desktop.core.store import Store
from studio_desktop.core.store.filters import ALL_IMAGES, ImageFilter, Page
from studio_desktop.workers.tasks import Task, Tasks

PAGE_SIZE: Final = 200  # the most the GUI thread reads at once (ui_context: <= 200 rows)
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


def thumb_source(record: ImageRecord) -> str | None:
    """What to show for a record: its thumbnail, else the image itself, else nothing."""
    if record.thumb_path:
        return record.thumb_path
    if record.kind in ("image", "animated"):
        return record.path
    return None


class Cell(NamedTuple):
    """What painting a row needs, kept for every loaded row."""

    thumb: str | None  # thumb_source(record)
    favourite: bool
    kind: str


def cell_of(record: ImageRecord) -> Cell:
    return Cell(thumb_source(record), record.favourite, record.kind)


class GalleryModel(QAbstractListModel):
    """Images matching an ImageFilter, newest first.

    `rowCount` is the number of matching images (once counted); `record`/`records` read what
    they need synchronously, `data` reads at most one record by id (for a tooltip) and otherwise
    asks for rows in the background, returning None for them meanwhile.
    """

    def __init__(
        self,
        store: Store,
        *,
        page_size: int = PAGE_SIZE,
        tasks: Tasks | None = None,
        parent: QObject | None = None,
    ) -> None:
        """`tasks`: the app's; without one (a test) the model runs its own, stopped by
        `shutdown()`."""
        super().__init__(parent)
        self._store = store
        self._page_size = min(max(1, page_size), PAGE_SIZE)
        self._filter = ALL_IMAGES
        # The loaded prefix of the rows: -id (ascending, for bisect) and what to paint.
        self._neg_ids: list[int] = []
        self._cells: list[Cell] = []
        self._recent: OrderedDict[int, ImageRecord] = OrderedDict()  # by id, least recent first
        self._count = 0  # rows shown: loaded ones, then placeholders
        self._cursor: int | None = None  # the last id read (the keyset position)
        self._exhausted = False
        self._counted = False  # the background count arrived
        self._target = 0  # read ahead until this row is loaded
        self._jobs: OrderedDict[str, Job | None] = OrderedDict()
        self._generation = 0
        self._in_flight: _Key | None = None
        self._closed = False
        self._own_tasks = tasks is None
        self._tasks = Tasks(parent=self) if tasks is None else tasks
        self._reads: list[Task] = []
        self._load_first_page()

    # --- filter and reloading ---

    @property
    def filter(self) -> ImageFilter:
        return self._filter

    def set_filter(self, flt: ImageFilter) -> None:
        """Show images matching `flt` (the first page is read now, the rest in the background)."""
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
        """Wait for a background read; the model still works (synchronously) after."""
        self._closed = True
        reads, self._reads = self._reads, []
        for read in reads:
            read.cancel()  # its result is not wanted any more
            read.wait(timeout_s)
        if self._own_tasks:
            self._tasks.shutdown(timeout_s)

    def is_counted(self) -> bool:
        """Whether rowCount covers every matching image (not just the rows read so far)."""
        return self._exhausted or self._counted

    def _load_first_page(self) -> None:
        self._generation += 1
        self._neg_ids, self._cells = [], []
        self._recent.clear()
        self._cursor, self._exhausted, self._counted = None, False, False
        page = self._store.list_images(self._filter, limit=self._page_size)
        self._extend(page.items, page.next_cursor)
        self._count = len(self._cells)
        self._target = 2 * self._page_size  # one page ahead of the first screen
        if not self._exhausted:
            flt = self._filter
            self._start(("count", self._generation, None), lambda: self._store.count_images(flt))

    def _extend(self, items: Sequence[ImageRecord], next_cursor: int | None) -> None:
        self._neg_ids.extend(-r.id for r in items)
        self._cells.extend(cell_of(r) for r in items)
        for record in items:
            self._remember(record)
        if items:
            self._cursor = items[-1].id
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
        self._reads = [r for r in self._reads if r.pending]
        self._reads.append(
            self._tasks.run(
                "read",
                read,
                lambda result: self._read_done(key, result),
                owner=self,
                # The GUI thread decides (it reads again itself when it needs the rows).
                failed=lambda exc: self._read_done(key, exc),
            )
        )

    def _want(self, row: int) -> None:
        """The view looked at `row`: read up to a page past it."""
        if row + self._page_size > self._target:
            self._target = row + self._page_size
            self._read_ahead()

    def _read_ahead(self) -> None:
        loaded = len(self._cells)
        if self._exhausted or self._in_flight is not None or loaded > self._target:
            return
        limit = min(max(self._target + 1 - loaded, self._page_size), BACKGROUND_PAGE)
        flt, cursor = self._filter, self._cursor
        self._start(
            ("page", self._generation, cursor),
            lambda: self._store.list_images(flt, after_id=cursor, limit=limit),
        )

    def _read_done(self, key: _Key, result: object) -> None:
        if self._in_flight == key:
            self._in_flight = None
        what, generation, cursor = key
        if generation == self._generation:
            if what == "count" and isinstance(result, int):
                self._counted = True
                self._grow(result)
            elif what == "page" and cursor == self._cursor and isinstance(result, Page):
                self._apply(result)
        self._read_ahead()

    # --- applying what was read ---

    def _grow(self, count: int) -> None:
        """Show placeholder rows up to `count` (a count read in the background)."""
        if not self._exhausted and count > self._count:
            self.beginInsertRows(QModelIndex(), self._count, count - 1)
            self._count = count
            self.endInsertRows()

    def _apply(self, page: Page[ImageRecord]) -> None:
        # The keyset (id below the cursor) can't repeat a row; the check is cheap insurance.
        fresh = [r for r in page.items if self.row_of(r.id) is None]
        first = len(self._cells)
        filled = min(first + len(fresh), self._count) - first  # placeholders that get a record
        if first + len(fresh) > self._count:  # more than counted (added since, or not counted)
            self.beginInsertRows(QModelIndex(), self._count, first + len(fresh) - 1)
            self._extend(fresh, page.next_cursor)
            self._count = len(self._cells)
            self.endInsertRows()
        else:
            self._extend(fresh, page.next_cursor)
        if page.items and not fresh:
            self._cursor = page.items[-1].id
        if filled > 0:
            self.dataChanged.emit(self.index(first, 0), self.index(first + filled - 1, 0))
        if self._exhausted and self._count > len(self._cells):  # fewer than counted (removed)
            self.beginRemoveRows(QModelIndex(), len(self._cells), self._count - 1)
            self._count = len(self._cells)
            self.endRemoveRows()

    def _load_until(self, row: int) -> None:
        """Read pages on this thread until `row` is loaded or there are no more."""
        while row >= len(self._cells) and self.load_more():
            pass

    # --- Qt model API ---

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        """The view reached the last row: read on in the background (rows arrive with it)."""
        if not parent.isValid():
            self._want(self._count)

    def load_more(self) -> bool:
        """Read the next page now, on this thread. False when there is none."""
        if self._exhausted:
            return False
        self._apply(
            self._store.list_images(self._filter, after_id=self._cursor, limit=self._page_size)
        )
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not self.checkIndex(index, QAbstractListModel.CheckIndexOption.IndexIsValid):
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not 0 <= row < self._count or index.column() != 0 or not index.isValid():
            return None
        if row >= len(self._cells):
            self._want(row)
            return False if role == LoadedRole else None
        if role == CellRole:  # the delegate's one call per cell painted
            return self._cells[row]
        if role == LoadedRole:
            return True
        if role == ImageIdRole:
            return -self._neg_ids[row]
        if role == ThumbPathRole:
            return self._cells[row].thumb
        if role == FavouriteRole:
            return self._cells[row].favourite
        if role == KindRole:
            return self._cells[row].kind
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
        return len(self._cells)

    def record(self, row: int) -> ImageRecord:
        """The record shown in `row`, read now if need be (IndexError if there is none)."""
        if row >= len(self._cells):
            self._load_until(row)
        if not 0 <= row < len(self._cells):
            raise IndexError(row)
        record = self._record_at(row)
        if record is None:
            raise IndexError(row)
        return record

    def records(self, rows: Iterable[int]) -> list[ImageRecord]:
        """The records of these rows (read now where need be), top to bottom."""
        wanted = sorted({r for r in rows if 0 <= r < self._count})
        if wanted:
            self._load_until(wanted[-1])
        wanted = [r for r in wanted if r < len(self._cells)]
        found: dict[int, ImageRecord] = {}
        missing: list[int] = []
        for row in wanted:
            image_id = -self._neg_ids[row]
            cached = self._recent.get(image_id)
            if cached is not None:
                found[row] = cached
            else:
                missing.append(row)
        found.update(self._read_rows(missing))
        return [found[r] for r in wanted if r in found]

    def _record_at(self, row: int) -> ImageRecord | None:
        image_id = -self._neg_ids[row]
        record = self._recent.get(image_id)
        if record is None:
            record = self._read_rows([row]).get(row)
        else:
            self._recent.move_to_end(image_id)
        return record

    def _read_rows(self, rows: Sequence[int]) -> dict[int, ImageRecord]:
        """Read loaded rows' records again (ascending rows): a keyset page per run of
        neighbouring rows, so a large selection costs a query per 200 rows, not per row."""
        found: dict[int, ImageRecord] = {}
        i = 0
        while i < len(rows):
            j = i + 1
            while j < len(rows) and j - i < PAGE_SIZE and rows[j] == rows[j - 1] + 1:
                j += 1
            run = rows[i:j]
            by_id = {-self._neg_ids[r]: r for r in run}
            if len(run) == 1:
                single = self._store.get_image(-self._neg_ids[run[0]])
                items = [single] if single is not None else []
            else:
                top = -self._neg_ids[run[0]]
                items = self._store.list_images(
                    self._filter, after_id=top + 1, limit=len(run)
                ).items
            for record in items:
                row = by_id.get(record.id)
                if row is not None:
                    found[row] = record
            for image_id, row in by_id.items():  # changed since (no longer matching): by id
                if row not in found and (single := self._store.get_image(image_id)) is not None:
                    found[row] = single
            i = j
        if len(found) <= RECENT_RECORDS:
            for record in found.values():
                self._remember(record)
        return found

    def row_of(self, image_id: int) -> int | None:
        """The row showing this image if it has been read, else None (rows go by id, newest
        first)."""
        row = bisect.bisect_left(self._neg_ids, -image_id)
        if row < len(self._neg_ids) and self._neg_ids[row] == -image_id:
            return row
        return None

    def job(self, job_id: str) -> Job | None:
        """The job that made an image (one indexed read, then cached)."""
        if job_id in self._jobs:
            self._jobs.move_to_end(job_id)
            return self._jobs[job_id]
        job = self._store.get_job(job_id)
        self._jobs[job_id] = job
        while len(self._jobs) > _JOB_CACHE:
            self._jobs.popitem(last=False)
        return job

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

    def add_records(self, records: Iterable[ImageRecord]) -> int:
        """Show records that match the filter (new outputs, an undone delete). Each job is
        checked against the filter with one small store query. Returns how many rows were
        added to the rows read so far (one below them arrives with its page)."""
        by_job: dict[str, set[int]] = {}
        for record in records:
            if self.row_of(record.id) is None:
                by_job.setdefault(record.job_id, set()).add(record.id)
        matching: list[ImageRecord] = []
        for job_id, ids in by_job.items():
            page = self._store.list_images(replace(self._filter, job_id=job_id), limit=PAGE_SIZE)
            matching.extend(r for r in page.items if r.id in ids)
        return self._insert_sorted(matching)

    def _insert_sorted(self, records: Sequence[ImageRecord]) -> int:
        # Below the keyset position a record comes with a later page instead (and the count,
        # if it was read before the record existed, is put right when the last page is in).
        floor = self._cursor if not self._exhausted else None
        added = 0
        for record in sorted(records, key=lambda r: r.id, reverse=True):
            if self.row_of(record.id) is not None or (floor is not None and record.id < floor):
                continue
            row = bisect.bisect_left(self._neg_ids, -record.id)
            self.beginInsertRows(QModelIndex(), row, row)
            self._neg_ids.insert(row, -record.id)
            self._cells.insert(row, cell_of(record))
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
            for neg_id in self._neg_ids[first : last + 1]:
                self._recent.pop(-neg_id, None)
            del self._neg_ids[first : last + 1]
            del self._cells[first : last + 1]
            self._count -= last - first + 1
            self.endRemoveRows()
            removed += last - first + 1
        return removed

    def update_records(self, changed: Iterable[ImageRecord]) -> None:
        """Replace rows with newer versions of the same images (favourite, tags)."""
        for record in changed:
            row = self.row_of(record.id)
            if row is not None:
                self._cells[row] = cell_of(record)
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
