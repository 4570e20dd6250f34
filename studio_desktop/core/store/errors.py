"""Store errors: the ones the environment causes get a message a user can act on.

Anything not recognised here is a bug and propagates unchanged.
"""

from __future__ import annotations

import enum
import errno
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import exc as sa_exc

from studio_desktop.core.messages import QT_TRANSLATE_NOOP, UserMessage, message


class StoreError(Exception):
    """Base class of every error the store raises on purpose. `text`, where set, is the message
    in words the window translates; `str()` stays the English (logs, the command line)."""

    text: UserMessage | None = None


class WrongThread(RuntimeError):
    """A session was opened on a thread the store was told to refuse (the GUI thread).

    Not a StoreError: it is a bug in the caller, not something a user can fix, so it goes to
    the crash path instead of a status message.
    """


class JobNotFound(StoreError, LookupError):
    text: UserMessage

    def __init__(self, job_id: str) -> None:
        super().__init__(f"no job with id {job_id}")
        self.job_id = job_id
        self.text = message(QT_TRANSLATE_NOOP("CoreMessages", "This job no longer exists."))


class GroupNotFound(StoreError, LookupError):
    text: UserMessage

    def __init__(self, group_id: str) -> None:
        super().__init__(f"no group with id {group_id}")
        self.group_id = group_id
        self.text = message(QT_TRANSLATE_NOOP("CoreMessages", "This group no longer exists."))


class ImageNotFound(StoreError, LookupError):
    def __init__(self, image_id: int) -> None:
        super().__init__(f"no image with id {image_id}")
        self.image_id = image_id
        self.text = message(QT_TRANSLATE_NOOP("CoreMessages", "This image no longer exists."))


class ServerNotFound(StoreError, LookupError):
    def __init__(self, server_id: int) -> None:
        super().__init__(f"no server with id {server_id}")
        self.server_id = server_id


class DuplicateServer(StoreError):
    def __init__(self, url: str) -> None:
        super().__init__(f"A server with the address {url} is already in the list.")
        self.url = url
        self.text = message(
            QT_TRANSLATE_NOOP(
                "CoreMessages", "A server with the address {url} is already in the list."
            ),
            url=url,
        )


class BoardNotFound(StoreError, LookupError):
    def __init__(self, board_id: int) -> None:
        super().__init__(f"no board with id {board_id}")
        self.board_id = board_id
        self.text = message(QT_TRANSLATE_NOOP("CoreMessages", "This board no longer exists."))


class DuplicateBoard(StoreError):
    def __init__(self, name: str) -> None:
        super().__init__(f"A board named {name!r} exists already.")
        self.name = name
        self.text = message(
            QT_TRANSLATE_NOOP("CoreMessages", "A board named '{name}' exists already."), name=name
        )


class BadBoardName(StoreError, ValueError):
    def __init__(self) -> None:
        super().__init__("A board needs a name.")
        self.text = message(QT_TRANSLATE_NOOP("CoreMessages", "A board needs a name."))


class SchemaTooNew(StoreError):
    def __init__(self, path: Path, revision: str) -> None:
        super().__init__(
            f"The database at {path} was written by a newer Studio Desktop (schema revision "
            f"{revision}). Install the newer version, or choose another data folder."
        )
        self.path = path
        self.revision = revision


class Unavailable(enum.StrEnum):
    READ_ONLY = "read_only"
    DISK_FULL = "disk_full"
    LOCKED = "locked"
    CORRUPT = "corrupt"
    IO = "io"


class DatabaseUnavailable(StoreError):
    """The database file can't be used right now; `str(err)` says what to do about it."""

    def __init__(self, path: Path, reason: Unavailable, detail: str) -> None:
        super().__init__(_MESSAGES[reason].format(path=path))
        self.path = path
        self.reason = reason
        self.detail = detail


_MESSAGES: dict[Unavailable, str] = {
    Unavailable.READ_ONLY: (
        "Studio Desktop can't write to its database at {path}. Check that the data folder is "
        "not on a read-only drive and that you may write to it, or choose another data folder."
    ),
    Unavailable.DISK_FULL: (
        "The drive holding the database at {path} is full. Free some space and try again."
    ),
    Unavailable.LOCKED: (
        "The database at {path} stayed locked by another program for too long. Close other "
        "copies of Studio Desktop (or programs using that file) and try again."
    ),
    Unavailable.CORRUPT: (
        "The database at {path} is damaged or is not a Studio Desktop database. Move the file "
        "aside (a new, empty one will be made) or restore it from a backup."
    ),
    Unavailable.IO: (
        "Studio Desktop couldn't read or write its database at {path} because of a disk or "
        "network error. Check the drive and try again."
    ),
}

# SQLite primary result codes (the low byte of the extended code).
_REASONS: dict[int, Unavailable] = {
    3: Unavailable.READ_ONLY,  # SQLITE_PERM
    5: Unavailable.LOCKED,  # SQLITE_BUSY
    6: Unavailable.LOCKED,  # SQLITE_LOCKED
    8: Unavailable.READ_ONLY,  # SQLITE_READONLY
    10: Unavailable.IO,  # SQLITE_IOERR
    11: Unavailable.CORRUPT,  # SQLITE_CORRUPT
    13: Unavailable.DISK_FULL,  # SQLITE_FULL
    14: Unavailable.READ_ONLY,  # SQLITE_CANTOPEN: missing permission on the file or folder
    15: Unavailable.LOCKED,  # SQLITE_PROTOCOL
    26: Unavailable.CORRUPT,  # SQLITE_NOTADB
}


_OS_REASONS: dict[int, Unavailable] = {
    errno.EACCES: Unavailable.READ_ONLY,
    errno.EPERM: Unavailable.READ_ONLY,
    errno.EROFS: Unavailable.READ_ONLY,
    errno.ENOSPC: Unavailable.DISK_FULL,
    errno.EDQUOT: Unavailable.DISK_FULL,
    errno.EIO: Unavailable.IO,
}


def classify(error: BaseException) -> Unavailable | None:
    """The environment problem behind a driver or OS error, or None if it looks like a bug."""
    if isinstance(error, OSError):
        return _OS_REASONS.get(error.errno or 0)
    orig = error.orig if isinstance(error, sa_exc.DBAPIError) else error
    if not isinstance(orig, sqlite3.Error):
        return None
    code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(code, int):
        return _REASONS.get(code & 0xFF)
    return None


@contextmanager
def translating(path: Path) -> Iterator[None]:
    """Turn environment failures inside the block into DatabaseUnavailable."""
    try:
        yield
    except (sa_exc.DBAPIError, sqlite3.Error, OSError) as error:
        reason = classify(error)
        if reason is None:
            raise
        raise DatabaseUnavailable(path, reason, str(error)) from error
