"""Outputs are staged, then published only once the commit that records them succeeded.

A job's files are written under `tmp/staging/<job id>/`, each named after the recorded path it
belongs to: `output-<index>` or `thumb-<index>`, the `path` or `thumb_path` of the job's image
row with that index. The engine then records the outputs (one transaction); only if that commit
succeeds are the files renamed into the library. If the commit is refused (the job was
cancelled meanwhile) the staging folder is deleted: no orphan file. A kill at any moment leaves
either a staging folder (finished at the next start by `recover`: published if the job is
recorded as completed, deleted if not) or files already in place.

The committed record is the manifest: no file says where the staged ones go, the image rows of
the completing transaction do. The name gives the role as well as the index because an output
may have the same base name as its thumbnail (`<job>_00.jpg` in outputs/ and in thumbnails/).
A staging folder left by a version that wrote `manifest.json` is still finished by its manifest.

Durability costs one fsync per file and one for the staging folder, then one per destination
folder: a staged file is written straight under its staged name (no temp name and rename: a
half-written staged file is harmless, it belongs to a job whose commit has not happened, so the
next start deletes it), and the folder is synced once, when sealed, instead of after every
file. The order that matters is kept: every staged file and the folder's entries are on disk
before the commit that makes the job completed, and the renames are (their folders synced)
before the staging folder goes.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

from studio_desktop.core.library.atomic import Pieces, atomic_write_bytes, fsync_dir, write_synced

log = logging.getLogger("studio.library")

# Written by versions before the image rows became the manifest; read at recovery only.
MANIFEST: Final = "manifest.json"

Role = Literal["output", "thumb"]


def staged_name(role: Role, index: int) -> str:
    """The staged name of a job's output `index` (role "output") or of its thumbnail."""
    return f"{role}-{index}"


@dataclass(frozen=True)
class RecordedOutput:
    """Where the committed record puts one output and its thumbnail (absolute paths)."""

    index: int
    path: Path
    thumb_path: Path | None


class Staging:
    """The staged files of one job."""

    def __init__(self, root: Path, job_id: str) -> None:
        self.folder = root / job_id
        self._moves: list[tuple[Path, Path]] = []
        self._names: set[str] = set()
        self._made = False  # whether this collection made the folder (it stages something)

    @property
    def destinations(self) -> list[Path]:
        return [dest for _staged, dest in self._moves]

    def slot(self, role: Role, index: int) -> Slot:
        """Where output `index` (or its thumbnail) is staged, to be published at a path the
        caller records in the same image row."""
        return Slot(self, staged_name(role, index))

    def write(self, name: str, dest: Path, data: bytes | Pieces) -> None:
        """Stage `data` as `name` to be published at `dest` (written and fsynced; the folder is
        synced once, by `seal`)."""
        if not self._made:
            self._make_folder()
        if name in self._names:  # two files under one name: the second would replace the first
            raise ValueError(f"{name} is staged twice")
        staged = self.folder / name
        write_synced(staged, data)
        self._names.add(name)
        self._moves.append((staged, dest))

    def _make_folder(self) -> None:
        # One mkdir in the usual case; a folder already there was left by an earlier
        # collection of the same job that did not commit (a kill, a refused commit): its files
        # must not be published with ours, so it goes first.
        try:
            self.folder.mkdir()
        except FileExistsError:
            shutil.rmtree(self.folder)
            self.folder.mkdir()
        except FileNotFoundError:  # tmp/staging/ itself is gone (the user emptied tmp/)
            self.folder.mkdir(parents=True)
        self._made = True

    def seal(self) -> None:
        """Sync the staging folder: from here on a restart can finish the job's publication.
        Must return before the commit that records the outputs starts (that commit is what
        says where each staged file goes)."""
        if not self._made:
            # Nothing staged (every file already in place): a folder left by an earlier,
            # uncommitted collection must not be published once this commit lands.
            with contextlib.suppress(FileNotFoundError):
                shutil.rmtree(self.folder)
            return
        fsync_dir(self.folder)

    def publish(self) -> None:
        if self._made:
            _publish(self.folder, self._moves)

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


@dataclass(frozen=True)
class Slot:
    """One staged file of a job: its name in the staging folder says which recorded path it
    belongs to (see the module docstring)."""

    staging: Staging
    name: str

    def write(self, dest: Path, data: bytes | Pieces) -> None:
        self.staging.write(self.name, dest, data)


def _publish(folder: Path, moves: Iterable[tuple[Path, Path]]) -> None:
    """Rename every staged file into place, sync each destination folder once, then delete the
    staging folder (the renames are on disk before the staged files that could redo them go)."""
    renamed_into: dict[Path, None] = {}  # ordered, each folder once
    for staged, dest in moves:
        try:
            renamed = _move(staged, dest)
        except FileNotFoundError:
            # A new day's or shard's folder (or one the user deleted): made only when missing,
            # so the usual rename into an existing folder costs nothing more.
            dest.parent.mkdir(parents=True, exist_ok=True)
            try:
                renamed = _move(staged, dest)
            except FileNotFoundError:
                if staged.exists():
                    raise
                continue  # moved by an earlier, interrupted publication
        if renamed:
            renamed_into[dest.parent] = None
    for parent in renamed_into:
        fsync_dir(parent)
    try:  # empty now (unless an old manifest or a stray file is left): one call, not a walk
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


def recover(
    root: Path,
    status_of: Callable[[str], str | None],
    outputs_of: Callable[[str], Iterable[RecordedOutput]],
) -> tuple[int, int]:
    """Finish what a killed run left staged: (published, discarded) job folders.

    `status_of(job_id)` is the job's recorded status. Completed: publish, each staged file to
    the path its job's image row records (`outputs_of(job_id)`). Running or retrying: leave it,
    another process may be collecting right now (and a new collection restages). Anything else:
    the commit never happened, delete.
    """
    published = discarded = 0
    if not root.is_dir():
        return 0, 0
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        try:
            status = status_of(folder.name)
            if status in ("running", "retrying"):
                continue
            if status == "completed":
                manifest = folder / MANIFEST
                if manifest.is_file():  # left by an earlier version
                    moves = _manifest_moves(folder, manifest)
                else:
                    moves = _recorded_moves(folder, outputs_of(folder.name))
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


def _recorded_moves(folder: Path, outputs: Iterable[RecordedOutput]) -> list[tuple[Path, Path]]:
    """Each staged file in `folder` with the path its image row records. A file no row names
    (a row purged since, a stray file) is left out, and deleted with the folder."""
    places: dict[str, Path] = {}
    for output in outputs:
        places[staged_name("output", output.index)] = output.path
        if output.thumb_path is not None:
            places[staged_name("thumb", output.index)] = output.thumb_path
    moves: list[tuple[Path, Path]] = []
    for staged in sorted(folder.iterdir()):
        dest = places.get(staged.name)
        if dest is None:
            log.warning("no recorded place for the staged file %s: deleting it", staged)
            continue
        moves.append((staged, dest))
    return moves


def _manifest_moves(folder: Path, manifest: Path) -> list[tuple[Path, Path]]:
    entries = json.loads(manifest.read_text(encoding="utf-8"))
    return [(folder / str(e["staged"]), Path(str(e["dest"]))) for e in entries]
