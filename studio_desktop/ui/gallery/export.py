"""Export selected images to a folder or a .zip, with or without their metadata.

`export_images` is plain Python (it runs on a pool thread); `Exporter` runs it off the GUI thread
and reports back with signals. Nothing is ever overwritten: a taken name gets " (1)", " (2)"...
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

from studio_desktop.core.library.files import safe_name, strip_png_text

log = logging.getLogger("studio.ui.export")

MANIFEST: Final = "metadata.json"  # written into a zip exported with metadata
_NAME_CHARS: Final = 60


@dataclass(frozen=True)
class ExportItem:
    source: Path
    prompt: str
    index: int  # the image's index within its job
    metadata: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ExportResult:
    destination: Path  # the folder, or the zip file written
    names: tuple[str, ...]  # file names written (in the folder or inside the zip)
    missing: tuple[str, ...]  # sources that could not be read


def export_name(item: ExportItem) -> str:
    """`<prompt as a safe name>_<index>.<ext>`."""
    ext = item.source.suffix.lower() or ".png"
    return f"{safe_name(item.prompt, _NAME_CHARS)}_{item.index:02}{ext}"


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
    cancelled: threading.Event | None = None,
) -> ExportResult:
    """Write the items into `destination` (a folder), or into a zip at `destination`.

    A zip exported with metadata also holds `metadata.json`: each file's parameters. Raises
    OSError when the destination can't be written; unreadable sources are listed in `missing`.
    """
    if as_zip:
        return _export_zip(items, destination, keep_metadata, cancelled)
    destination.mkdir(parents=True, exist_ok=True)
    names: list[str] = []
    missing: list[str] = []
    for item, data in _readable(items, keep_metadata, cancelled, missing):
        names.append(_write_new(destination, export_name(item), data))
    return ExportResult(destination, tuple(names), tuple(missing))


def _readable(
    items: Sequence[ExportItem],
    keep_metadata: bool,
    cancelled: threading.Event | None,
    missing: list[str],
) -> Iterator[tuple[ExportItem, bytes]]:
    """Each item with the bytes to export, until cancelled; unreadable sources go to
    `missing` (logged) and are skipped."""
    for item in items:
        if cancelled is not None and cancelled.is_set():
            return
        try:
            data = _content(item, keep_metadata)
        except OSError as exc:
            log.warning("export: cannot read %s: %s", item.source, exc)
            missing.append(str(item.source))
            continue
        yield item, data


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
    cancelled: threading.Event | None,
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
            for item, data in _readable(items, keep_metadata, cancelled, missing):
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


class _Relay(QObject):
    done = Signal(object)
    error = Signal(str)


class _Task(QRunnable):
    def __init__(
        self,
        relay: _Relay,
        items: Sequence[ExportItem],
        destination: Path,
        as_zip: bool,
        keep_metadata: bool,
        cancelled: threading.Event,
    ) -> None:
        super().__init__()
        self._relay = relay
        self._args = (items, destination)
        self._as_zip = as_zip
        self._keep = keep_metadata
        self._cancelled = cancelled

    def run(self) -> None:
        items, destination = self._args
        try:
            result = export_images(
                items,
                destination,
                as_zip=self._as_zip,
                keep_metadata=self._keep,
                cancelled=self._cancelled,
            )
        except OSError as exc:
            self._relay.error.emit(f"{exc.strerror or exc} ({exc.filename or destination})")
        else:
            self._relay.done.emit(result)


class Exporter(QObject):
    """Runs exports one at a time on its own thread; signals arrive on the GUI thread."""

    finished = Signal(object)  # ExportResult
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.done.connect(self.finished, Qt.ConnectionType.QueuedConnection)
        self._relay.error.connect(self.failed, Qt.ConnectionType.QueuedConnection)
        self._cancelled = threading.Event()

    def start(
        self,
        items: Sequence[ExportItem],
        destination: Path,
        *,
        as_zip: bool,
        keep_metadata: bool,
    ) -> None:
        self._pool.start(
            _Task(self._relay, list(items), destination, as_zip, keep_metadata, self._cancelled)
        )

    def wait(self, timeout_ms: int = -1) -> bool:
        return self._pool.waitForDone(timeout_ms)

    def shutdown(self) -> None:
        """Stop after the file being written and wait for the thread."""
        self._cancelled.set()
        self._pool.waitForDone()
