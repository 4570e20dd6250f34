"""Every path the app uses, in one place, and who may read them.

The data folder comes from platformdirs, unless `STUDIO_DATA_DIR` or the `--data-dir` flag says
otherwise (tests, portable installs and the frozen smoke test all rely on the override).

The data folder holds the database, and the database holds the servers' Authorization values:
on POSIX the folder is 0700 and the database (with its -wal and -shm), the settings and the logs
0600, made so when created and tightened at every start. On Windows the data folder is in the
user's profile (AppData), whose ACL already keeps other users out; nothing is changed there.
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Final

import platformdirs

APP_NAME = "StudioDesktop"
PRIVATE_FOLDER_MODE: Final = 0o700
PRIVATE_FILE_MODE: Final = 0o600
APP_AUTHOR = "StudioDesktop"
DATA_DIR_ENV = "STUDIO_DATA_DIR"
# A bound on DataPaths._real_folders: the date and shard folders of a session (256 shards).
_MAX_REAL_FOLDERS: Final = 2048


@dataclass(frozen=True)
class DataPaths:
    """The folders and files under one data folder."""

    root: Path
    # Folder -> its real path, for `relative(ours=True)`; not part of the value. Threads share
    # it: a dict's get and set are atomic under the GIL, and a lost entry is resolved again.
    _real_folders: dict[Path, Path] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def database(self) -> Path:
        return self.root / "studio.sqlite3"

    @property
    def outputs(self) -> Path:
        return self.root / "outputs"

    @property
    def thumbnails(self) -> Path:
        return self.root / "thumbnails"

    @property
    def inputs(self) -> Path:
        """Copies of the reference images a job uploads, so a retry still has them."""
        return self.root / "inputs"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def temp(self) -> Path:
        return self.root / "tmp"

    @property
    def templates(self) -> Path:
        """User templates (imported ComfyUI workflows)."""
        return self.root / "templates"

    @property
    def wildcards(self) -> Path:
        """Wildcard files (`__name__` in a prompt reads wildcards/name.txt)."""
        return self.root / "wildcards"

    @property
    def settings(self) -> Path:
        return self.root / "settings.json"

    def ensure(self) -> DataPaths:
        """Create the folders and make the private ones private (see the module docstring)."""
        self.root.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
        for folder in (
            self.outputs,
            self.thumbnails,
            self.inputs,
            self.logs,
            self.temp,
            self.templates,
            self.wildcards,
        ):
            folder.mkdir(parents=True, exist_ok=True)
        tighten(self.root, PRIVATE_FOLDER_MODE)
        tighten(self.logs, PRIVATE_FOLDER_MODE)
        if os.name != "nt" and not self.database.exists():
            # SQLite creates the -wal and -shm files with the database's mode: start it private.
            os.close(os.open(self.database, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE_MODE))
        for path in (*self.database_files, self.settings, *self.logs.glob("studio*.log*")):
            tighten(path, PRIVATE_FILE_MODE)
        return self

    @property
    def database_files(self) -> tuple[Path, Path, Path]:
        """The database and the two files SQLite keeps beside it in WAL mode."""
        name = self.database.name
        return (self.database, self.root / f"{name}-wal", self.root / f"{name}-shm")

    def resolve(self, stored: str) -> Path:
        """A stored path made absolute.

        Relative ones are under the data folder; an absolute one (a file in a user-chosen output
        folder, see `stored`) is returned as it is.
        """
        path = Path(stored)
        return path if path.is_absolute() else self.root / stored

    @cached_property
    def _real_root(self) -> Path:
        # Resolved once: `relative` runs twice for every output saved, and resolving walks the
        # whole path with one lstat per folder. The data folder does not move while it is open.
        return self.root.resolve()

    def relative(self, path: Path, *, ours: bool = False) -> str:
        """How a file under the data folder is stored: relative, with forward slashes.

        `ours`: a file the library named itself (an output, a thumbnail), whose name is never a
        link: only its folder is resolved, each folder once a session (`_real_folder`), instead
        of an lstat of every folder from / down for every file. Links among the folders (a data
        folder or an outputs/ reached through one) count exactly as a full resolve counts them.
        """
        if ours and path.is_absolute() and path.name not in ("", ".", ".."):
            real = self._real_folder(path.parent) / path.name
        else:
            real = path.resolve()
        return real.relative_to(self._real_root).as_posix()

    def _real_folder(self, folder: Path) -> Path:
        """`folder.resolve()`, remembered for each folder on the way, so a new folder (a new
        day's, a new thumbnail shard) costs one lstat: a folder that is not a link (or does
        not exist yet) is its parent's real path and its name, as `os.path.realpath` has it."""
        real = self._real_folders.get(folder)
        if real is not None:
            return real
        if folder.parent == folder or folder.name == "..":
            real = folder.resolve()
        else:
            try:
                is_link = stat.S_ISLNK(os.lstat(folder).st_mode)
            except OSError:  # missing or unreadable: realpath takes the name as it is too
                is_link = False
            real = folder.resolve() if is_link else self._real_folder(folder.parent) / folder.name
        if len(self._real_folders) >= _MAX_REAL_FOLDERS:
            self._real_folders.clear()
        self._real_folders[folder] = real
        return real

    def stored(self, path: Path, *, ours: bool = False) -> str:
        """How a file is recorded in the store: relative when under the data folder (as every
        database before the output-folder setting has it), else absolute with forward slashes.
        `ours`: as for `relative`.
        """
        try:
            return self.relative(path, ours=ours)
        except ValueError:
            # Not resolved: a folder reached through a link keeps the name the user chose.
            return Path(os.path.abspath(path)).as_posix()


def tighten(path: Path, mode: int) -> None:
    """Take away every permission beyond `mode` from `path`, if it exists (POSIX only).

    Best effort: a file we do not own (a data folder shared on purpose) is left as it is.
    """
    if os.name == "nt":
        return
    try:
        current = stat.S_IMODE(path.lstat().st_mode)
        if current & ~mode and not path.is_symlink():
            path.chmod(current & mode)
    except OSError:
        pass


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR, roaming=True))


def data_paths(override: str | os.PathLike[str] | None = None) -> DataPaths:
    """The flag wins over the environment, which wins over the platform default."""
    if override:
        return DataPaths(Path(override).expanduser().resolve())
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return DataPaths(Path(env).expanduser().resolve())
    return DataPaths(default_data_dir())


def resources_dir() -> Path:
    """Built-in templates, icons and translations: beside the package, or inside the bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"
