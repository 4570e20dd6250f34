"""The gallery's item model: images newest first, read from the store a keyset page at a time."""

from __future__ import annotations

import bisect
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
)

from studio_desktop.core.jobs import GenerationParams, ImageRecord, Job
from studio_desktop.core.store import Store
from studio_desktop.core.store.filters import ALL_IMAGES, ImageFilter, Page

PAGE_SIZE: Final = 200  # the most the GUI thread reads at once (ui_context: <= 200 rows)
_JOB_CACHE: Final = 512

RecordRole: Final = Qt.ItemDataRole.UserRole + 1  # ImageRecord
ImageIdRole: Final = Qt.ItemDataRole.UserRole + 2  # int
ThumbPathRole: Final = Qt.ItemDataRole.UserRole + 3  # str (data-folder relative) or None
FavouriteRole: Final = Qt.ItemDataRole.UserRole + 4  # bool
PromptRole: Final = Qt.ItemDataRole.UserRole + 5  # str
KindRole: Final = Qt.ItemDataRole.UserRole + 6  # str

_Index = QModelIndex | QPersistentModelIndex


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


class _Relay(QObject):
    page = Signal(object, object)  # request key, Page or the exception


class _Prefetch(QRunnable):
    """Reads the next page on a pool thread, so scrolling to the end finds it ready."""

    def __init__(
        self,
        relay: _Relay,
        lock: threading.Lock,
        closed: list[bool],
        store: Store,
        key: tuple[int, int | None],
        flt: ImageFilter,
        limit: int,
    ) -> None:
        super().__init__()
        self._relay, self._lock, self._closed = relay, lock, closed
        self._store, self._key, self._filter, self._limit = store, key, flt, limit

    def run(self) -> None:
        result: object
        try:
            result = self._store.list_images(self._filter, after_id=self._key[1], limit=self._limit)
        except Exception as exc:  # the GUI thread decides (it reads again itself)
            result = exc
        with self._lock:
            if not self._closed[0]:
                self._relay.page.emit(self._key, result)


class GalleryModel(QAbstractListModel):
    """Images matching an ImageFilter; more pages arrive through canFetchMore/fetchMore."""

    def __init__(
        self,
        store: Store,
        *,
        page_size: int = PAGE_SIZE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._page_size = min(max(1, page_size), PAGE_SIZE)
        self._filter = ALL_IMAGES
        self._rows: list[ImageRecord] = []
        self._neg_ids: list[int] = []  # -id per row: ascending, for bisect
        self._cursor: int | None = None
        self._exhausted = False
        self._jobs: OrderedDict[str, Job | None] = OrderedDict()
        # Background read of the next page: keyed by (filter generation, cursor).
        self._generation = 0
        self._prefetched: tuple[tuple[int, int | None], Page[ImageRecord]] | None = None
        self._in_flight: tuple[int, int | None] | None = None
        self._wanted = False  # the view asked for more while the read ahead was under way
        self._lock = threading.Lock()
        self._closed = [False]
        self._relay = _Relay(self)
        self._relay.page.connect(self._page_arrived, Qt.ConnectionType.QueuedConnection)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._load_first_page()

    # --- filter and reloading ---

    @property
    def filter(self) -> ImageFilter:
        return self._filter

    def set_filter(self, flt: ImageFilter) -> None:
        """Show images matching `flt` (the first page is read now, the rest on scroll)."""
        self._filter = flt
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._rows = []
        self._neg_ids = []
        self._load_first_page()
        self.endResetModel()

    def shutdown(self) -> None:
        """Wait for a background page read; the model still works (synchronously) after."""
        with self._lock:
            self._closed[0] = True
        self._pool.waitForDone()

    def _load_first_page(self) -> None:
        self._generation += 1
        self._prefetched = None
        self._wanted = False
        self._cursor = None
        self._exhausted = False
        page = self._store.list_images(self._filter, limit=self._page_size)
        self._append(page.items)
        self._cursor = page.next_cursor
        self._exhausted = page.next_cursor is None
        self._prefetch_next()

    def _prefetch_next(self) -> None:
        key = (self._generation, self._cursor)
        if self._exhausted or self._closed[0] or self._in_flight == key:
            return
        self._in_flight = key
        self._pool.start(
            _Prefetch(
                self._relay,
                self._lock,
                self._closed,
                self._store,
                key,
                self._filter,
                self._page_size,
            )
        )

    def _page_arrived(self, key: tuple[int, int | None], result: object) -> None:
        if self._in_flight == key:
            self._in_flight = None
        if key != (self._generation, self._cursor):
            self._prefetch_next()  # the cursor moved on meanwhile
            return
        if isinstance(result, Page):
            self._prefetched = (key, result)
        if self._wanted:
            self.load_more()  # the view asked while this was being read

    def _append(self, items: Sequence[ImageRecord]) -> None:
        self._rows.extend(items)
        self._neg_ids.extend(-r.id for r in items)

    # --- Qt model API ---

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        """The view's request: uses the page read ahead; if that read is still under way the
        rows arrive with it (no second read on the GUI thread), else the page is read here."""
        if parent.isValid() or self._exhausted:
            return
        key = (self._generation, self._cursor)
        if self._prefetched is None and self._in_flight == key:
            self._wanted = True
            return
        self.load_more()

    def load_more(self) -> bool:
        """Add the next page now (read ahead or read here). False when there is none."""
        if self._exhausted:
            return False
        ready, self._prefetched = self._prefetched, None
        self._wanted = False
        if ready is not None and ready[0] == (self._generation, self._cursor):
            page = ready[1]
        else:  # not read ahead (or that failed): one small indexed query on this thread
            page = self._store.list_images(
                self._filter, after_id=self._cursor, limit=self._page_size
            )
        self._apply(page)
        return True

    def _apply(self, page: Page[ImageRecord]) -> None:
        # The keyset (id below the cursor) can't repeat a row; the check is cheap insurance.
        fresh = [r for r in page.items if self.row_of(r.id) is None]
        self._cursor = page.next_cursor
        self._exhausted = page.next_cursor is None
        if fresh:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._append(fresh)
            self.endInsertRows()
        self._prefetch_next()

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not self.checkIndex(index, QAbstractListModel.CheckIndexOption.IndexIsValid):
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or index.column() != 0:
            return None
        record = self._rows[index.row()]
        if role == RecordRole:
            return record
        if role == ImageIdRole:
            return record.id
        if role == ThumbPathRole:
            return thumb_source(record)
        if role == FavouriteRole:
            return record.favourite
        if role == KindRole:
            return record.kind
        if role in (PromptRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.prompt_of(record)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(record)
        return None

    # --- lookups ---

    def record(self, row: int) -> ImageRecord:
        return self._rows[row]

    def records(self, rows: Iterable[int]) -> list[ImageRecord]:
        return [self._rows[r] for r in sorted(set(rows)) if 0 <= r < len(self._rows)]

    def row_of(self, image_id: int) -> int | None:
        """The row showing this image, or None (rows are ordered by id, newest first)."""
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
        """Show records that match the filter and belong in the loaded range (new outputs, an
        undone delete). Each job is checked against the filter with one small store query.
        Returns how many rows were added."""
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
        # Below the last loaded row a record will come with a later page instead.
        floor = -self._neg_ids[-1] if self._neg_ids and not self._exhausted else None
        added = 0
        for record in sorted(records, key=lambda r: r.id, reverse=True):
            if self.row_of(record.id) is not None or (floor is not None and record.id < floor):
                continue
            row = bisect.bisect_left(self._neg_ids, -record.id)
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows.insert(row, record)
            self._neg_ids.insert(row, -record.id)
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
            del self._rows[first : last + 1]
            del self._neg_ids[first : last + 1]
            self.endRemoveRows()
            removed += last - first + 1
        return removed

    def update_records(self, changed: Iterable[ImageRecord]) -> None:
        """Replace rows with newer versions of the same images (favourite, tags)."""
        for record in changed:
            row = self.row_of(record.id)
            if row is not None:
                self._rows[row] = record
                index = self.index(row, 0)
                self.dataChanged.emit(index, index)
