"""Outputs are staged, then published only once the commit that records them succeeded.

A job's files are written under `tmp/staging/<job id>/` with a manifest of where each belongs.
The engine then records the outputs (one transaction); only if that commit succeeds are the
files renamed into the library. If the commit is refused (the job was cancelled meanwhile) the
staging folder is deleted: no orphan file. A kill at any moment leaves either a staging folder
(finished at the next start by `recover`: published if the job is recorded as completed,
deleted if not) or files already in place.

Durability costs one fsync per file, one for the manifest and one for the staging folder, then
one per destination folder: a staged file is written straight under its staged name (no temp
name and rename: a half-written staged file is harmless, it belongs to a job whose commit has
not happened, so the next start deletes it), and the folder is synced once, when sealed,
instead of after every file. The order that matters is kept: every staged file and the
manifest are on disk before the commit that makes the job completed.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from studio_desktop.core.library.atomic import Pieces, atomic_write_bytes, fsync_dir, write_synced

log = logging.getLogger("studio.library")

MANIFEST = "manifest.json"


class Staging:
    """The staged files of one job."""

    def __init__(self, root: Path, job_id: str) -> None:
        self.folder = root / job_id
        self._moves: list[tuple[Path, Path]] = []
        # Left by an earlier collection of the same job that did not commit.
        shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def destinations(self) -> list[Path]:
        return [dest for _staged, dest in self._moves]

    def write(self, dest: Path, data: bytes | Pieces) -> None:
        """Stage `data` to be published at `dest` (written and fsynced; the folder is synced
        once, by `seal`)."""
        if not self._moves:
            self.folder.mkdir(parents=True, exist_ok=True)
        staged = self.folder / f"{len(self._moves):03}_{dest.name}"
        write_synced(staged, data)
        self._moves.append((staged, dest))

    def seal(self) -> None:
        """Write the manifest and sync the folder: from here on a restart can finish the job's
        publication. Must return before the commit that records the outputs starts: a manifest
        cut short by a kill is only ever read for a job recorded as completed."""
        entries = [{"staged": s.name, "dest": str(d)} for s, d in self._moves]
        if not self._moves:
            self.folder.mkdir(parents=True, exist_ok=True)
        write_synced(self.folder / MANIFEST, json.dumps(entries).encode())
        fsync_dir(self.folder)

    def publish(self) -> None:
        _publish(self.folder, self._moves)

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _publish(folder: Path, moves: list[tuple[Path, Path]]) -> None:
    """Rename every staged file into place, sync each destination folder once, then delete the
    staging folder (the renames are on disk before the manifest that could redo them goes)."""
    renamed_into: dict[Path, None] = {}  # ordered, each folder once
    for staged, dest in moves:
        try:
            renamed = _move(staged, dest)
        except FileNotFoundError:
            if not staged.exists():
                continue  # moved by an earlier, interrupted publication
            dest.parent.mkdir(parents=True, exist_ok=True)  # a new day's or shard's folder
            renamed = _move(staged, dest)
        if renamed:
            renamed_into[dest.parent] = None
    for parent in renamed_into:
        fsync_dir(parent)
    try:  # all that is left is the manifest: two calls instead of rmtree's walk
        (folder / MANIFEST).unlink(missing_ok=True)
        folder.rmdir()
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


def _move(staged: Path, dest: Path) -> bool:
    """Move one staged file to its place; True when renamed (its folder is still to sync)."""
    try:
        os.replace(staged, dest)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        # The output folder is on another drive: copy it there atomically instead (which
        # syncs the folder itself).
        atomic_write_bytes(dest, staged.read_bytes())
        staged.unlink()
        return False
    return True


def recover(root: Path, status_of: Callable[[str], str | None]) -> tuple[int, int]:
    """Finish what a killed run left staged: (published, discarded) job folders.

    `status_of(job_id)` is the job's recorded status. Completed: publish. Running or retrying:
    leave it, another process may be collecting right now (and a new collection restages).
    Anything else: the commit never happened, delete.
    """
    published = discarded = 0
    if not root.is_dir():
        return 0, 0
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        manifest = folder / MANIFEST
        try:
            status = status_of(folder.name)
            if status in ("running", "retrying"):
                continue
            if status == "completed" and manifest.is_file():
                entries = json.loads(manifest.read_text(encoding="utf-8"))
                moves = [(folder / str(e["staged"]), Path(str(e["dest"]))) for e in entries]
                _publish(folder, moves)
                published += 1
                continue
        except (OSError, ValueError, TypeError, KeyError) as exc:
            log.warning("could not finish the staged outputs in %s: %s", folder, exc)
            continue
        shutil.rmtree(folder, ignore_errors=True)
        discarded += 1
    if published or discarded:
        log.info("staged outputs: %d published, %d discarded", published, discarded)
    return published, discarded
