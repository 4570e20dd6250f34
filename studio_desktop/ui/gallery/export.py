"""Export selected images to a folder or a .zip, with or without their metadata.

`export_images` is plain Python (it runs on a worker thread); `Exporter` runs it on Tasks'
"export" pool and reports back with signals. Nothing is ever overwritten: a taken name gets
" (1)", " (2)"...
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import QObject, Signal

from studio_desktop.core.library.files import safe_name, strip_png_text
from studio_desktop.workers.tasks import Reporter, Task, Tasks

log = logging.getLogger("studio.ui.export")

MANIFEST: Final = "metadata.json"  # written into a zip exported with metadata
_NAME_CHARS: Final = 40  # of the prompt, after date, seed and index


@dataclass(frozen=True)
class ExportItem:
    source: Path
    prompt: str
    index: int  # the image's index within its job
    created: datetime  # when the image was made
    seed: int | None = None  # the job's seed, when it has one
    metadata: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ExportResult:
    destination: Path  # the folder, or the zip file written
    names: tuple[str, ...]  # file names written (in the folder or inside the zip)
    missing: tuple[str, ...]  # sources that could not be read


def export_name(item: ExportItem) -> str:
    """`<date>_<time>_seed<seed>_<index>_<start of the prompt>.<ext>`, in local time.

    Date, seed and index tell apart the images of one prompt (a batch of four gave "a cat_00",
    "a cat_00 (1)", ...) and sort by when they were made; the prompt keeps them recognisable."""
    ext = item.source.suffix.lower() or ".png"
    parts = [item.created.astimezone().strftime("%Y-%m-%d_%H%M%S")]
    if item.seed is not None:
        parts.append(f"seed{item.seed}")
    parts.append(f"{item.index:02}")
    if item.prompt.strip():
        parts.append(safe_name(item.prompt, _NAME_CHARS))
    return "_".join(parts) + ext


def numbered(name: str, taken: set[str] | None = None, folder: Path | None = None) -> str:
    """`name`, or `stem (n).ext` with the smallest n free in `taken` and in `folder`."""
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    candidate, n = name, 0
    while (taken is not None and candidate.casefold() in taken) or (
        folder is not None and (folder / candidate).exists()
    ):
        n += 1
        candidate = f"{stem} ({n}){dot}{ext}"
    return candidate


def _content(item: ExportItem, keep_metadata: bool) -> bytes:
    data = item.source.read_bytes()
    if not keep_metadata and data[:8] == b"\x89PNG\r\n\x1a\n":
        data = strip_png_text(data)
    return data


def export_images(
    items: Sequence[ExportItem],
    destination: Path,
    *,
    as_zip: bool,
    keep_metadata: bool,
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[int], None] | None = None,
) -> ExportResult:
    """Write the items into `destination` (a folder), or into a zip at `destination`.

    A zip exported with metadata also holds `metadata.json`: each file's parameters. Raises
    OSError when the destination can't be written; unreadable sources are listed in `missing`.
    `cancelled()` is checked before each item; `progress(n)` hears how many items are done.
    """
    if as_zip:
        return _export_zip(items, destination, keep_metadata, cancelled, progress)
    destination.mkdir(parents=True, exist_ok=True)
    names: list[str] = []
    missing: list[str] = []
    for item, data in _readable(items, keep_metadata, cancelled, missing, progress):
        names.append(_write_new(destination, export_name(item), data))
    return ExportResult(destination, tuple(names), tuple(missing))


def _readable(
    items: Sequence[ExportItem],
    keep_metadata: bool,
    cancelled: Callable[[], bool] | None,
    missing: list[str],
    progress: Callable[[int], None] | None = None,
) -> Iterator[tuple[ExportItem, bytes]]:
    """Each item with the bytes to export, until cancelled; unreadable sources go to
    `missing` (logged) and are skipped. `progress(n)` hears each time n items are done."""
    for done, item in enumerate(items):
        if cancelled is not None and cancelled():
            return
        if progress is not None and done:
            progress(done)
        try:
            data = _content(item, keep_metadata)
        except OSError as exc:
            log.warning("export: cannot read %s: %s", item.source, exc)
            missing.append(str(item.source))
            continue
        yield item, data
    if progress is not None and items:
        progress(len(items))


def _write_new(folder: Path, name: str, data: bytes) -> str:
    """Create a new file (exclusive create, so even a racing writer is never overwritten)."""
    while True:
        name = numbered(name, folder=folder)
        try:
            with (folder / name).open("xb") as fh:
                fh.write(data)
            return name
        except FileExistsError:
            continue


def _export_zip(
    items: Sequence[ExportItem],
    destination: Path,
    keep_metadata: bool,
    cancelled: Callable[[], bool] | None,
    progress: Callable[[int], None] | None,
) -> ExportResult:
    if destination.suffix.lower() != ".zip":
        destination = destination.with_name(destination.name + ".zip")
    destination.parent.mkdir(parents=True, exist_ok=True)
    final = destination.parent / numbered(destination.name, folder=destination.parent)
    temp = final.with_name(f".{final.name}.part")
    names: list[str] = []
    missing: list[str] = []
    manifest: dict[str, Any] = {}
    taken: set[str] = {MANIFEST.casefold()} if keep_metadata else set()
    try:
        # Images are already compressed: storing them is as small and much faster.
        with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_STORED) as archive:
            for item, data in _readable(items, keep_metadata, cancelled, missing, progress):
                name = numbered(export_name(item), taken)
                taken.add(name.casefold())
                archive.writestr(name, data)
                names.append(name)
                if keep_metadata:
                    manifest[name] = dict(item.metadata)
            if keep_metadata:
                text = json.dumps(manifest, ensure_ascii=False, indent=2, default=str)
                archive.writestr(MANIFEST, text)
        while True:
            final = final.parent / numbered(final.name, folder=final.parent)
            try:
                os.link(temp, final)  # fails if the name was taken meanwhile: never overwrites
                break
            except FileExistsError:
                continue
            except OSError:  # no hard links here (some filesystems): take the tiny race
                if not final.exists():
                    os.replace(temp, final)
                    break
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    return ExportResult(final, tuple(names), tuple(missing))


class Exporter(QObject):
    """Runs exports one at a time on Tasks' "export" pool; signals arrive on the GUI thread.

    `progress(written, total)` follows each file; `cancel()` (and `shutdown()`) stops every
    export under way after the file being written.
    """

    finished = Signal(object)  # ExportResult
    failed = Signal(str)
    progress = Signal(int, int)  # files written (or found missing) so far, files to export

    def __init__(self, tasks: Tasks, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._exports: list[Task] = []

    def start(
        self,
        items: Sequence[ExportItem],
        destination: Path,
        *,
        as_zip: bool,
        keep_metadata: bool,
    ) -> None:
        items = list(items)
        total = len(items)

        def work(report: Reporter) -> ExportResult:
            return export_images(
                items,
                destination,
                as_zip=as_zip,
                keep_metadata=keep_metadata,
                cancelled=lambda: report.cancelled,
                progress=lambda done: report((done, total)),
            )

        def failed(exc: Exception) -> None:
            if isinstance(exc, OSError):
                self.failed.emit(f"{exc.strerror or exc} ({exc.filename or destination})")
            else:
                log.error("export to %s failed", destination, exc_info=exc)
                self.failed.emit(str(exc) or repr(exc))

        self._exports = [e for e in self._exports if e.pending]
        self._exports.append(
            self._tasks.run_reporting(
                "export",
                work,
                self.finished.emit,
                progress=lambda step: self.progress.emit(*step),
                owner=self,
                failed=failed,
            )
        )

    def wait(self, timeout_ms: int = -1) -> bool:
        """Wait for the exports started so far to have run (tests); True if they have."""
        timeout = None if timeout_ms < 0 else timeout_ms / 1000
        return all(export.wait(timeout) for export in self._exports)

    def cancel(self) -> None:
        """Stop the exports under way after the file being written; they report nothing."""
        for export in self._exports:  # kept: `wait` still waits for the one under way
            export.cancel()

    def shutdown(self) -> None:
        self.cancel()
