"""Every path the app uses, in one place.

The data folder comes from platformdirs, unless `STUDIO_DATA_DIR` or the `--data-dir` flag says
otherwise (tests, portable installs and the frozen smoke test all rely on the override).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "StudioDesktop"
APP_AUTHOR = "StudioDesktop"
DATA_DIR_ENV = "STUDIO_DATA_DIR"


@dataclass(frozen=True)
class DataPaths:
    """The folders and files under one data folder."""

    root: Path

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
    def settings(self) -> Path:
        return self.root / "settings.json"

    def ensure(self) -> DataPaths:
        for folder in (
            self.root,
            self.outputs,
            self.thumbnails,
            self.inputs,
            self.logs,
            self.temp,
            self.templates,
        ):
            folder.mkdir(parents=True, exist_ok=True)
        return self

    def resolve(self, stored: str) -> Path:
        """A stored path made absolute.

        Relative ones are under the data folder; an absolute one (a file in a user-chosen output
        folder, see `stored`) is returned as it is.
        """
        path = Path(stored)
        return path if path.is_absolute() else self.root / stored

    def relative(self, path: Path) -> str:
        """How a file under the data folder is stored: relative, with forward slashes."""
        return path.resolve().relative_to(self.root.resolve()).as_posix()

    def stored(self, path: Path) -> str:
        """How a file is recorded in the store: relative when under the data folder (as every
        database before the output-folder setting has it), else absolute with forward slashes.
        """
        try:
            return self.relative(path)
        except ValueError:
            # Not resolved: a folder reached through a link keeps the name the user chose.
            return Path(os.path.abspath(path)).as_posix()


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
