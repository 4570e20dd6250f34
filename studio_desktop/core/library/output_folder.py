"""The user-chosen output folder: what the setting names, and whether a folder can take outputs.

Qt-free. AppContext.open and the settings dialog both check a folder here before the output
library writes to it; the dialog words the problem for the user, the log gets `str(error)`.
"""

from __future__ import annotations

import enum
import os
import secrets
from pathlib import Path
from typing import Final

from studio_desktop.core.paths import DataPaths

__all__ = ["FolderProblem", "OutputFolderError", "check_output_folder", "folder_of_setting"]

# Starts with a dot and ends in .part: clean_temp sweeps one a crash left behind.
_PROBE_PREFIX: Final = ".studio-probe."


class FolderProblem(enum.Enum):
    NOT_ABSOLUTE = "not_absolute"
    INSIDE_DATA = "inside_data"  # the data folder itself, its database, logs or thumbnails
    NOT_WRITABLE = "not_writable"  # cannot be created or written: permissions, a file, no drive


_TEXT: Final = {
    FolderProblem.NOT_ABSOLUTE: "not a full path",
    FolderProblem.INSIDE_DATA: "inside the data folder",
    FolderProblem.NOT_WRITABLE: "cannot be written",
}


class OutputFolderError(Exception):
    """A folder that cannot take new outputs; `detail` is the system's reason, if any."""

    def __init__(self, folder: Path, problem: FolderProblem, detail: str = "") -> None:
        self.folder = folder
        self.problem = problem
        self.detail = detail
        reason = f"{_TEXT[problem]}: {detail}" if detail else _TEXT[problem]
        super().__init__(f"{folder} {reason}")


def folder_of_setting(paths: DataPaths, setting: str) -> Path:
    """The folder `Settings.output_folder` names: "" is <data folder>/outputs; ~ is expanded."""
    text = setting.strip()
    if not text:
        return paths.outputs
    try:
        return Path(text).expanduser()
    except RuntimeError:  # "~someone" who is not a user here: not a full path, said later
        return Path(text)


def check_output_folder(paths: DataPaths, folder: Path) -> Path:
    """Create `folder` if needed and prove it takes a file (one probe, written and removed).

    Returns the folder. Raises OutputFolderError. A folder inside the data folder is refused
    unless it is within outputs/: trash purging deletes only there (OutputLibrary.remove_files),
    and the database and logs must never share a folder with user files.
    """
    if not folder.is_absolute():
        raise OutputFolderError(folder, FolderProblem.NOT_ABSOLUTE)
    try:
        resolved = folder.resolve()
        root = paths.root.resolve()
        inside_data = resolved.is_relative_to(root)
        if inside_data and not resolved.is_relative_to(paths.outputs.resolve()):
            raise OutputFolderError(folder, FolderProblem.INSIDE_DATA)
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f"{_PROBE_PREFIX}{secrets.token_hex(6)}.part"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        fd = os.open(probe, flags, 0o644)
        try:
            os.write(fd, b"Studio Desktop checks it can save here.\n")
        finally:
            os.close(fd)
        probe.unlink()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OutputFolderError(folder, FolderProblem.NOT_WRITABLE, reason) from exc
    except ValueError as exc:  # a NUL or a character the file system cannot take
        raise OutputFolderError(folder, FolderProblem.NOT_WRITABLE, str(exc)) from exc
    return folder
