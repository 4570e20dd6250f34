"""Gallery: start-up to the first thumbnails, peak memory and GUI-thread stalls while scrolling.

Builds a library of N images outside the repo (small generated PNGs, each with a JPEG thumbnail
the size OutputLibrary makes for real outputs, 512 px), cached in the temp folder between runs
and keyed on N, then, offscreen:

- start-up: constructing the Gallery tab and showing it, to the first thumbnail painted (and to
  the first screen complete);
- scrolling: from top to bottom a screen at a time, one step every 16 ms, with the event loop
  running between steps (the view's fetchMore pages the model in as it goes);
- the longest gap of a 5 ms QTimer heartbeat during the scroll (the longest GUI-thread stall);
- the GUI thread's own CPU time (`time.thread_time()` on it) between one scroll step and the next:
  the work one step cost the GUI thread (paint, model, deliveries), whatever else the machine
  runs; the worst step is the figure (target: no step over 16 ms);
- peak RSS (VmHWM) after the scroll (before History is opened);
- History: the tab shown over the same library, scrolled to the bottom page after page. Each
  page read waits at a gate until the scroll that asked for it has been painted, so the GUI
  thread's CPU is told apart: the page's own work (its delivery, rows inserted, relayout and
  whatever repaint that causes; target <= 5 ms per 100 rows), the scroll step that asked for it
  (painting the screen it revealed), and both together (the figure printed before the split).

The machine's load (`os.getloadavg()`) is printed beside the figures; the last lines are
`name: value` for tools.

    python -m bench.gallery [--images 20000] [--rebuild] [--no-freeze-gc] [--history-pages 30]
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from bench._machine import load

if TYPE_CHECKING:
    from studio_desktop.ui.services import Services
    from studio_desktop.ui.thumbnails import ThumbnailLoader

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BATCH = 1000
BLOBS = 24
TARGET_FIRST_S = 0.2  # issue 12
TARGET_RSS_MB = 250  # issue 12, at 100k images
TARGET_STALL_MS = 50
TARGET_FRAME_CPU_MS = 16
TARGET_PAGE_GUI_MS = 5
HISTORY_PAGE = 100
HEARTBEAT_MS = 5
STEP_MS = 16
WINDOW = (1280, 800)


def library_dir(count: int) -> Path:
    return Path(tempfile.gettempdir()) / f"studio-bench-gallery-{count}"


# --- building the library (in a child process, so its memory doesn't count) ---------------------


def _blobs() -> list[tuple[bytes, bytes]]:
    """A few (PNG, thumbnail JPEG) pairs in different colours and patterns."""
    from PIL import Image, ImageDraw

    pairs = []
    for i in range(BLOBS):
        hue = (i * 360 // BLOBS) % 360
        colour = (
            Image.new("HSV", (1, 1), (hue * 255 // 360, 160, 220)).convert("RGB").getpixel((0, 0))
        )
        im = Image.new("RGB", (64, 64), colour)
        draw = ImageDraw.Draw(im)
        for k in range(4):
            x, y = (i * 13 + k * 17) % 64, (i * 7 + k * 23) % 64
            draw.ellipse([x - 9, y - 9, x + 9, y + 9], fill=((k * 70) % 256, 200 - k * 40, i * 9))
        png = io.BytesIO()
        im.save(png, "PNG")
        thumb = io.BytesIO()
        size = (512, 512) if i % 3 else (512, 384)
        im.resize(size, Image.Resampling.BILINEAR).save(thumb, "JPEG", quality=85)
        pairs.append((png.getvalue(), thumb.getvalue()))
    return pairs


def build(root: Path, count: int) -> None:
    """Files written plainly (no fsync: it's a throwaway library); rows inserted through the
    store's own repositories, 1000 jobs and images per transaction."""
    from studio_desktop.core.context import AppContext
    from studio_desktop.core.jobs import GenerationParams, JobStatus, NewImage, NewJob
    from studio_desktop.core.store import images_repo, jobs_repo

    if root.exists():
        shutil.rmtree(root)
    blobs = _blobs()
    words = ("red cat", "blue lake", "old sailor", "一只猫", "mountain", "neon city", "forest")
    start = datetime.now(UTC) - timedelta(days=60)
    with AppContext.open(root) as ctx:
        paths = ctx.paths
        store = ctx.store
        for first in range(0, count, BATCH):
            jobs = []
            images: list[tuple[str, NewImage]] = []
            for n in range(first, min(first + BATCH, count)):
                params = GenerationParams(
                    prompt=f"{words[n % len(words)]}, picture {n}", seed=n, model="bench.ckpt"
                )
                job = NewJob("txt2img", params)
                png, thumb = blobs[n % BLOBS]
                day = f"outputs/bench/{n // 1000:03}"
                rel = f"{day}/{job.id}_00.png"
                thumb_rel = f"thumbnails/{job.id[:2]}/{job.id}_00.jpg"
                for data, path in ((png, rel), (thumb, thumb_rel)):
                    target = paths.resolve(path)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(data)
                metadata = {
                    "studio": {"job_id": job.id, "template": "txt2img", "params": params.to_dict()}
                }
                jobs.append(job)
                images.append(
                    (job.id, NewImage(0, rel, thumb_rel, 64, 64, len(png), "image", metadata))
                )
            now = start + timedelta(minutes=first)
            with store._db.write() as session:  # one transaction per batch
                rows = jobs_repo.insert(session, jobs, now)
                for row in rows:
                    row.status = JobStatus.COMPLETED.value
                    row.started_at = row.finished_at = now
                for job_id, image in images:
                    images_repo.insert(session, job_id, [image], now)
    (root / ".complete").write_text(str(count))


def ensure_library(count: int, rebuild: bool) -> tuple[Path, float | None]:
    root = library_dir(count)
    marker = root / ".complete"
    if not rebuild and marker.exists() and marker.read_text() == str(count):
        return root, None
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bench.gallery", "--build-only", "--images", str(count)],
        check=True,
    )
    return root, time.perf_counter() - started


# --- measuring ---------------------------------------------------------------------------------


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def measure(
    root: Path,
    count: int,
    verbose: bool = False,
    freeze_gc: bool = False,
    history_pages: int = 30,
) -> dict[str, float]:
    from PySide6.QtCore import QRect, QTimer
    from PySide6.QtWidgets import QApplication

    from bench._window import Heartbeat
    from bench._window import pump_until as pump
    from studio_desktop.core.context import AppContext
    from studio_desktop.core.settings import Settings
    from studio_desktop.ui.gallery import GalleryTab
    from studio_desktop.ui.gallery.model import LoadedRole, ThumbPathRole
    from studio_desktop.ui.services import Services
    from studio_desktop.ui.thumbnails import ThumbnailLoader
    from studio_desktop.workers import WorkerPool

    app = QApplication.instance() or QApplication([])
    figures: dict[str, float] = {}
    ctx = AppContext.open(root)
    pool = WorkerPool(ctx, [])
    services = Services(ctx, pool, Settings())
    thumbs = ThumbnailLoader(ctx.paths, tasks=services.tasks)  # as the window makes it

    def pump_until(done: Callable[[], bool], limit_s: float) -> bool:
        return pump(done, limit_s, check_ms=2)

    started = time.perf_counter()
    tab = GalleryTab(services, thumbs)
    tab.resize(*WINDOW)
    tab.show()
    if freeze_gc:
        # What the app does once its window is up (app.run_gui): start-up objects (~110k:
        # modules, SQLAlchemy, Qt wrappers) leave the collector's reach, so a full collection
        # no longer walks them (~65 ms here, on whichever thread allocates at that moment).
        gc.freeze()
    constructed = time.perf_counter()
    pump_until(lambda: tab.delegate.pixmaps_painted > 0, 10)
    figures["first_thumbnail_s"] = time.perf_counter() - started
    figures["construct_and_show_s"] = constructed - started

    view = tab.view
    size = round(tab.delegate.thumb_size * view.devicePixelRatioF())

    def screen_complete() -> bool:
        area: QRect = view.viewport().rect()
        grid = view.gridSize()
        columns = max(1, area.width() // grid.width())
        row = bar.value() // grid.height() * columns  # the first row on screen
        while row < tab.model.rowCount():
            index = tab.model.index(row, 0)
            if not view.visualRect(index).intersects(area):
                break
            if not index.data(LoadedRole):  # a placeholder: its record isn't read yet
                return False
            rel = index.data(ThumbPathRole)
            if rel and thumbs.pixmap(rel, size) is None:
                return False
            row += 1
        return True

    bar = view.verticalScrollBar()
    pump_until(screen_complete, 10)
    app.processEvents()
    figures["first_screen_s"] = time.perf_counter() - started
    figures["rss_after_start_mb"] = _status_kb("VmRSS") / 1024

    # Scroll top to bottom with a heartbeat measuring the gaps between its ticks.
    heartbeat = Heartbeat(HEARTBEAT_MS)
    steps = [0]
    step_cpu: list[float] = []  # GUI-thread CPU seconds between consecutive steps
    last_cpu = [time.thread_time()]

    def step() -> None:
        now_cpu = time.thread_time()  # this (the GUI) thread's CPU time only
        if steps[0]:
            step_cpu.append(now_cpu - last_cpu[0])
        last_cpu[0] = now_cpu
        steps[0] += 1
        bar.setValue(min(bar.maximum(), bar.value() + view.viewport().height()))
        if verbose and steps[0] % 100 == 0:
            print(
                f"  step {steps[0]}: rows {tab.model.rowCount()}, "
                f"scroll {bar.value()}/{bar.maximum()}, "
                f"beats {len(heartbeat.gaps)}, worst {heartbeat.longest_ms:.0f} ms",
                flush=True,
            )

    stepper = QTimer()
    stepper.setInterval(STEP_MS)
    stepper.timeout.connect(step)

    def at_bottom() -> bool:
        return (
            tab.model.rowCount() >= count
            and not tab.model.canFetchMore()
            and bar.value() == bar.maximum()
        )

    scroll_started = time.perf_counter()
    last_cpu[0] = time.thread_time()
    heartbeat.start()
    stepper.start()
    reached = pump_until(at_bottom, 600)
    stepper.stop()
    pump_until(screen_complete, 10)
    heartbeat.stop()
    figures["scroll_s"] = time.perf_counter() - scroll_started
    figures["scroll_steps"] = steps[0]
    figures["rows_loaded"] = tab.model.rowCount()
    figures["reached_bottom"] = float(reached)
    figures["longest_stall_ms"] = heartbeat.longest_ms
    figures["stalls_over_50ms"] = heartbeat.count_over(TARGET_STALL_MS)
    figures["heartbeats"] = len(heartbeat.gaps)
    figures["cache_mb"] = thumbs.cache_bytes / 2**20
    figures["peak_rss_mb"] = _status_kb("VmHWM") / 1024
    figures["worst_step_cpu_ms"] = max(step_cpu, default=0.0) * 1000
    figures["steps_over_16ms_cpu"] = sum(1 for c in step_cpu if c * 1000 > TARGET_FRAME_CPU_MS)
    ordered = sorted(step_cpu)
    figures["median_step_cpu_ms"] = ordered[len(ordered) // 2] * 1000 if ordered else 0.0
    tab.hide()

    figures.update(_history_paging(services, thumbs, pump_until, history_pages))

    tab.shutdown()
    thumbs.shutdown()
    pool.shutdown()
    services.tasks.shutdown()
    tab.deleteLater()
    app.processEvents()
    ctx.close()
    return figures


def _history_paging(
    services: Services,
    thumbs: ThumbnailLoader,
    pump_until: Callable[[Callable[[], bool], float], bool],
    pages: int,
) -> dict[str, float]:
    """Scroll History to the bottom `pages` times; the GUI thread's CPU for the scroll step that
    asks for a page and for the page itself (from its read let go to its rows shown)."""
    from PySide6.QtWidgets import QApplication

    from studio_desktop.core.jobs import Job
    from studio_desktop.core.store.filters import ALL_JOBS, JobFilter, Page
    from studio_desktop.ui.history import HistoryTab
    from studio_desktop.workers.read_view import ReadView

    class GatedReads(ReadView):
        """The store's reads; a page after the first waits until the bench opens the gate."""

        def __init__(self, base: ReadView) -> None:
            super().__init__(base._store)
            self.gate = threading.Event()
            self.asked = 0

        def list_jobs(
            self, flt: JobFilter = ALL_JOBS, *, after_seq: int | None = None, limit: int = 100
        ) -> Page[Job]:
            if after_seq is not None:
                self.asked += 1
                self.gate.wait(30)
            return super().list_jobs(flt, after_seq=after_seq, limit=limit)

    app = QApplication.instance()
    assert app is not None
    reads = GatedReads(services.reads)
    services.reads = reads  # type: ignore[misc]  # a cached_property: the tab reads it once
    tab = HistoryTab(services, thumbs, page_size=HISTORY_PAGE)
    tab.resize(*WINDOW)
    tab.show()
    model = tab.model
    loaded = [0]
    model.page_loaded.connect(lambda: loaded.__setitem__(0, loaded[0] + 1))
    pump_until(lambda: loaded[0] >= 1, 30)
    per_page: list[float] = []
    per_scroll: list[float] = []
    for _ in range(pages):
        if not model.canFetchMore():
            break
        before, rows, asked = loaded[0], model.rowCount(), reads.asked
        reads.gate.clear()
        cpu = time.thread_time()
        tab.table.scrollToBottom()  # the view asks for the next page (fetchMore)
        pump_until(lambda asked=asked: reads.asked > asked, 30)  # its read waits at the gate
        app.processEvents()  # the screen the scroll revealed painted
        scrolled = time.thread_time()
        reads.gate.set()
        pump_until(lambda before=before: loaded[0] > before, 30)
        app.processEvents()  # the new rows laid out (and painted, if that shows any)
        per_scroll.append(scrolled - cpu)
        per_page.append(time.thread_time() - scrolled)
        if model.rowCount() == rows:
            break
    reads.gate.set()
    tab.hide()
    tab.deleteLater()

    def median(values: list[float]) -> float:
        ordered = sorted(values)
        return ordered[len(ordered) // 2] * 1000 if ordered else 0.0

    return {
        "history_pages": len(per_page),
        "history_page_gui_ms": median(per_page),
        "history_page_gui_max_ms": max(per_page, default=0.0) * 1000,
        "history_scroll_gui_ms": median(per_scroll),
        "history_scroll_and_page_gui_ms": median(
            [a + b for a, b in zip(per_scroll, per_page, strict=True)]
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--images", type=int, default=20_000)
    parser.add_argument("--rebuild", action="store_true", help="build the library again")
    parser.add_argument("--verbose", action="store_true", help="report progress while scrolling")
    parser.add_argument(
        "--no-freeze-gc",
        dest="freeze_gc",
        action="store_false",
        help="skip the gc.freeze() the app does once its window is up (app.run_gui)",
    )
    parser.add_argument(
        "--history-pages", type=int, default=30, help="History pages of 100 rows to read"
    )
    parser.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_only:
        build(library_dir(args.images), args.images)
        return
    root, build_s = ensure_library(args.images, args.rebuild)
    load_before = load()
    f = measure(root, args.images, args.verbose, args.freeze_gc, args.history_pages)
    load_after = load()
    print(f"images: {args.images}")
    print(f"gc: {'start-up objects frozen' if args.freeze_gc else 'default'}")
    print(f"library: {root}")
    print(f"library build: {build_s:.1f} s" if build_s is not None else "library build: reused")
    print(
        f"start-up to first thumbnail: {f['first_thumbnail_s'] * 1000:.0f} ms "
        f"(target < {TARGET_FIRST_S * 1000:.0f})"
    )
    print(f"start-up to first screen complete: {f['first_screen_s'] * 1000:.0f} ms")
    print(f"construct + show: {f['construct_and_show_s'] * 1000:.0f} ms")
    print(f"rss after start-up: {f['rss_after_start_mb']:.0f} MB")
    print(
        f"scrolled: {int(f['rows_loaded'])} rows in {int(f['scroll_steps'])} steps, "
        f"{f['scroll_s']:.1f} s, bottom reached: {bool(f['reached_bottom'])}"
    )
    print(f"thumbnail cache: {f['cache_mb']:.0f} MB")
    print(f"peak rss: {f['peak_rss_mb']:.0f} MB (target < {TARGET_RSS_MB})")
    print(
        f"longest gui stall: {f['longest_stall_ms']:.1f} ms (target <= {TARGET_STALL_MS}; "
        f"{int(f['stalls_over_50ms'])} over {TARGET_STALL_MS} ms in {int(f['heartbeats'])} beats)"
    )
    print(
        f"gui-thread cpu per scroll step: worst {f['worst_step_cpu_ms']:.1f} ms, median "
        f"{f['median_step_cpu_ms']:.1f} ms, {int(f['steps_over_16ms_cpu'])} steps over "
        f"{TARGET_FRAME_CPU_MS} ms"
    )
    print(
        f"history: {int(f['history_pages'])} pages of {HISTORY_PAGE} rows, gui-thread cpu per "
        f"page median {f['history_page_gui_ms']:.1f} ms, worst {f['history_page_gui_max_ms']:.1f} "
        f"ms (target <= {TARGET_PAGE_GUI_MS}); the scroll step that asked for it "
        f"{f['history_scroll_gui_ms']:.1f} ms; both {f['history_scroll_and_page_gui_ms']:.1f} ms"
    )
    print(f"loadavg_before: {load_before}")
    print(f"loadavg_after: {load_after}")
    print(f"gallery_rss_mb: {f['peak_rss_mb']:.0f}")
    print(f"gallery_worst_gui_cpu_ms: {f['worst_step_cpu_ms']:.1f}")
    print(f"first_thumbs_ms: {f['first_thumbnail_s'] * 1000:.0f}")
    print(f"history_page_gui_ms: {f['history_page_gui_ms']:.1f}")
    print(f"history_scroll_gui_ms: {f['history_scroll_gui_ms']:.1f}")
    print(f"history_scroll_and_page_gui_ms: {f['history_scroll_and_page_gui_ms']:.1f}")


if __name__ == "__main__":
    main()
