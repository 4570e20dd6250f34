"""Thumbnails for every screen: decoded on Tasks' "thumbnails" pool, cached in memory with a byte
bound sized to what is on screen.

The GUI thread only asks (`pixmap`), gets what is cached, and hears `loaded` when more is ready.
Decoding uses QImageReader with a scaled size, so a JPEG is decoded straight at the size shown.
Requests are served newest first and the backlog is capped: when the user scrolls fast, rows that
went by are dropped instead of delaying the ones now on screen (they are asked for again if they
come back into view).

The cache holds what the screens show plus a margin, not a fixed amount: each view says how many
bytes one screen of its thumbnails takes (`fit_screen`) and the bound is `SCREENS` times their
sum (at least `MIN_CACHE_BYTES`, at most the ceiling given to the loader). A fixed 128 MiB was
most of the gallery's peak memory at 100k images (~360 MB) and bought nothing: a screen that
scrolled by is decoded again in a few ms if it comes back, while the screen shown and its
neighbours stay cached.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader, QPixmap

from studio_desktop.core.paths import DataPaths
from studio_desktop.workers.tasks import Reporter, Task, Tasks

log = logging.getLogger("studio.ui.thumbnails")

DEFAULT_SIZE = 256  # device pixels of the long edge when the caller does not say
MAX_BACKLOG = 256  # pending requests kept; older ones are dropped (they scrolled out of view)
SCREENS = 4  # screens of thumbnails kept per view: the one shown, its neighbours, a resize's
MIN_CACHE_BYTES = 16 * 2**20  # ~2,500 History/queue thumbnails, or ~160 gallery ones at 160 px
MAX_CACHE_BYTES = 128 * 2**20  # the ceiling (a 4K screen of 512 px thumbnails fits 4 times)

_Key = tuple[str, int]


def bucket(size: int) -> int:
    """The decode size used for a requested long edge (device pixels).

    Exact, so views draw the pixmap 1:1 (a scaled draw costs ~20x more per cell); while a
    size slider moves, `pixmap` hands out the nearest cached size until the new one is ready.
    """
    return max(16, int(size))


def decode_thumbnail(path: Path, max_side: int) -> QImage:
    """Decode `path` with its long edge at most `max_side` pixels. A null QImage on failure.

    Runs on a pool thread: QImage and QImageReader are safe there, QPixmap is not.
    """
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > max_side:
        reader.setScaledSize(size.scaled(max_side, max_side, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        return image
    if image.size().width() > max_side or image.size().height() > max_side:
        # Formats whose reader ignores setScaledSize.
        image = image.scaled(
            QSize(max_side, max_side),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    # The format QPixmap uses on raster platforms: fromImage on the GUI thread is then a copy.
    wanted = (
        QImage.Format.Format_ARGB32_Premultiplied
        if image.hasAlphaChannel()
        else QImage.Format.Format_RGB32
    )
    return image.convertToFormat(wanted)


class _Requests:
    """The pending keys (newest last), shared by the GUI thread and the pool threads."""

    def __init__(self, max_workers: int) -> None:
        self.lock = threading.Lock()
        self.pending: OrderedDict[_Key, None] = OrderedDict()
        self.busy: set[_Key] = set()
        self.workers = 0
        self.max_workers = max_workers
        self.closed = False

    def add(self, key: _Key) -> bool:
        """Queue (or move to the front) a key; True if a new worker should be started."""
        with self.lock:
            if self.closed or key in self.busy:
                return False
            self.pending[key] = None
            self.pending.move_to_end(key)
            while len(self.pending) > MAX_BACKLOG:
                self.pending.popitem(last=False)
            if self.workers < self.max_workers:
                self.workers += 1
                return True
            return False

    def take(self, *, stop: bool = False) -> _Key | None:
        """The newest pending key, or None (and the calling worker stops)."""
        with self.lock:
            if stop or self.closed or not self.pending:
                self.workers -= 1
                return None
            key, _ = self.pending.popitem(last=True)
            self.busy.add(key)
            return key

    def done(self, key: _Key) -> None:
        with self.lock:
            self.busy.discard(key)

    def is_queued(self, key: _Key) -> bool:
        with self.lock:
            return key in self.pending or key in self.busy

    def clear(self) -> None:
        with self.lock:
            self.pending.clear()


def _serve(requests: _Requests, paths: DataPaths, report: Reporter) -> None:
    """A worker on the "thumbnails" pool: decode the newest request until none is left (or the
    tasks are shut down), reporting each (key, QImage) to the GUI thread."""
    while (key := requests.take(stop=report.cancelled)) is not None:
        rel, size = key
        try:
            # Stored paths: relative to the data folder, or absolute (a custom output folder).
            image = decode_thumbnail(paths.resolve(rel), size)
        except Exception:  # a broken file must not end the worker
            log.exception("could not decode thumbnail %s", rel)
            image = QImage()
        report((key, image))


class ThumbnailLoader(QObject):
    """Shared by every screen that shows thumbnails; create one on the GUI thread."""

    loaded = Signal(str)  # rel path whose pixmap is now cached (or known to be broken)

    def __init__(
        self,
        paths: DataPaths,
        *,
        tasks: Tasks | None = None,
        max_cache_bytes: int = MAX_CACHE_BYTES,
        threads: int = 2,
        parent: QObject | None = None,
    ) -> None:
        """`tasks`: the app's; without one (a test, a benchmark) the loader runs its own and
        `shutdown()` stops it. `max_cache_bytes`: the most the cache may hold, whatever the
        screens ask for (`fit_screen`)."""
        super().__init__(parent)
        self._paths = paths
        self._ceiling = max_cache_bytes
        self._screens: dict[str, int] = {}  # view -> bytes of one screen of its thumbnails
        self._max_bytes = min(max_cache_bytes, MIN_CACHE_BYTES)
        self._bytes = 0
        self._cache: OrderedDict[_Key, QPixmap] = OrderedDict()
        self._sizes: dict[str, set[int]] = {}
        self._failed: set[str] = set()
        self._requests = _Requests(max(1, threads))
        self._own_tasks = tasks is None
        self._tasks = Tasks(parent=self) if tasks is None else tasks
        self._workers: list[Task] = []

    @property
    def cache_bytes(self) -> int:
        return self._bytes

    @property
    def max_cache_bytes(self) -> int:
        """The cache's bound now (it follows the screens, `fit_screen`)."""
        return self._max_bytes

    def fit_screen(self, view: str, screen_bytes: int) -> None:
        """`view` shows `screen_bytes` of thumbnails at a time (its visible cells times the bytes
        of one at the size it asks for): keep `SCREENS` of that cached. Call again when the
        view's size or thumbnail size changes; 0 when it no longer shows any."""
        if screen_bytes > 0:
            self._screens[view] = screen_bytes
        else:
            self._screens.pop(view, None)
        wanted = max(MIN_CACHE_BYTES, SCREENS * sum(self._screens.values()))
        self._max_bytes = min(self._ceiling, wanted)
        self._evict()

    def pixmap(self, rel_path: str, size: int | None = None) -> QPixmap | None:
        """The cached thumbnail of a file as the store records its path, long edge ~`size` device
        pixels.

        When that size isn't cached yet it is queued (`loaded` fires later) and a cached one of
        another size is returned if there is one (draw it into your target rect), else None.
        """
        key = (rel_path, bucket(size or DEFAULT_SIZE))
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        if rel_path in self._failed:
            return None
        if self._requests.add(key):
            self._start_worker()
        for other in self._sizes.get(rel_path, ()):
            return self._cache[(rel_path, other)]
        return None

    def failed(self, rel_path: str) -> bool:
        """Whether the file could not be decoded (missing or broken); draw a placeholder."""
        return rel_path in self._failed

    def is_pending(self, rel_path: str, size: int | None = None) -> bool:
        return self._requests.is_queued((rel_path, bucket(size or DEFAULT_SIZE)))

    def drop_pending(self) -> None:
        """Forget queued requests (e.g. the view was reset); decodes under way still finish."""
        self._requests.clear()

    def forget(self, rel_path: str) -> None:
        """Drop a file's cached pixmaps and failure mark (it was rewritten or removed)."""
        self._failed.discard(rel_path)
        for size in self._sizes.pop(rel_path, set()):
            pixmap = self._cache.pop((rel_path, size))
            self._bytes -= _cost(pixmap)

    def clear(self) -> None:
        self._cache.clear()
        self._sizes.clear()
        self._failed.clear()
        self._bytes = 0

    def shutdown(self, timeout_s: float = 10.0) -> None:
        """Stop taking work and wait for the workers; the loader is unusable after."""
        with self._requests.lock:
            self._requests.closed = True
            self._requests.pending.clear()
        for worker in self._workers:
            worker.wait(timeout_s)  # each ends after the decode under way
        if self._own_tasks:
            self._tasks.shutdown(timeout_s)
        self.clear()

    def _start_worker(self) -> None:
        self._workers = [w for w in self._workers if w.pending]
        requests, paths = self._requests, self._paths
        self._workers.append(
            self._tasks.run_reporting(
                "thumbnails",
                lambda report: _serve(requests, paths, report),
                progress=self._on_decoded,
                owner=self,
            )
        )

    def _on_decoded(self, decoded: tuple[_Key, QImage]) -> None:
        key, image = decoded
        self._requests.done(key)
        if self._requests.closed:
            return  # delivered after shutdown
        rel, size = key
        if image.isNull():
            self._failed.add(rel)
            self.loaded.emit(rel)
            return
        pixmap = QPixmap.fromImage(image)
        old = self._cache.pop(key, None)
        if old is not None:
            self._bytes -= _cost(old)
        self._cache[key] = pixmap
        self._sizes.setdefault(rel, set()).add(size)
        self._bytes += _cost(pixmap)
        self._evict()
        self.loaded.emit(rel)

    def _evict(self) -> None:
        while self._bytes > self._max_bytes and len(self._cache) > 1:
            (rel, size), pixmap = self._cache.popitem(last=False)
            self._bytes -= _cost(pixmap)
            sizes = self._sizes.get(rel)
            if sizes is not None:
                sizes.discard(size)
                if not sizes:
                    del self._sizes[rel]


def _cost(pixmap: QPixmap) -> int:
    return pixmap.width() * pixmap.height() * max(1, pixmap.depth()) // 8
