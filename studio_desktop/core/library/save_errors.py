"""Why an output could not be written, in words that tell the user which folder and what to do.

The engine records `str(SaveError)` as the job's error; the OSError behind it goes to the log.
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Final

__all__ = ["SaveError", "save_error"]

_READ_ONLY: Final = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})
_FULL: Final = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG})
_NOT_A_FOLDER: Final = frozenset({errno.ENOTDIR, errno.EEXIST})


class SaveError(Exception):
    """An output that could not be written; the message names the folder and the remedy."""

    def __init__(self, message: str, folder: Path) -> None:
        super().__init__(message)
        self.folder = folder


def save_error(exc: OSError, output_folder: Path, data_folder: Path) -> SaveError:
    """The SaveError for `exc`, raised while writing into `output_folder` (or the data folder's
    thumbnails, inputs or temp folder, all under `data_folder`)."""
    failed = Path(exc.filename) if isinstance(exc.filename, str) else output_folder
    folder = _existing_folder(failed)
    in_output = _within(failed, output_folder)
    what = "the output folder" if in_output else "the data folder"
    if exc.errno in _READ_ONLY:
        remedy = (
            "choose another output folder in Settings, or make it writable"
            if in_output
            else f"make the data folder {data_folder} writable"
        )
        return SaveError(f"Could not save the output: {folder} is read-only: {remedy}.", folder)
    if exc.errno in _FULL:
        elsewhere = " (or choose an output folder on another disk in Settings)" if in_output else ""
        return SaveError(
            f"Could not save the output: the disk is full: free space on the disk of "
            f"{folder}{elsewhere}.",
            folder,
        )
    blocker = _file_in_the_way(failed) if exc.errno in _NOT_A_FOLDER else None
    if blocker is not None:
        return SaveError(
            f"Could not save the output: {blocker} is a file where Studio Desktop needs a "
            "folder: move or rename that file.",
            blocker,
        )
    reason = exc.strerror or str(exc)
    return SaveError(f"Could not save the output in {what} {folder}: {reason}.", folder)


def _existing_folder(path: Path) -> Path:
    """`path` if it is a folder, else its nearest ancestor that is one."""
    for candidate in (path, *path.parents):
        try:
            if candidate.is_dir():
                return candidate
        except OSError:
            continue
    return path


def _file_in_the_way(path: Path) -> Path | None:
    """The nearest of `path` and its ancestors that exists and is not a folder."""
    for candidate in (path, *path.parents):
        try:
            if candidate.exists() and not candidate.is_dir():
                return candidate
        except OSError:
            continue
    return None


def _within(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, ValueError):
        return False
