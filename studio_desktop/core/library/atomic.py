"""Atomic file writes: a crash at any moment leaves the old file or the new one, never half."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Final, TypeAlias

TEMP_SUFFIX: Final = ".part"
_TEMP_SUFFIX = TEMP_SUFFIX

# A file's bytes in pieces, written one after the other: an output with a text chunk added is
# views of the download plus the chunk (imaging.png_text_pieces), never joined into a copy.
Pieces: TypeAlias = Sequence[bytes | memoryview]


# --- atomic writes ------------------------------------------------------------------------------


def atomic_write_bytes(dest: Path, data: bytes | Pieces) -> None:
    """Write `data` to `dest` so that a crash at any moment leaves the old file or the new one.

    Temp file `.<name>.<random>.part` beside dest; write, flush, fsync, os.replace, then fsync the
    folder so the rename itself survives a power cut (POSIX; Windows has no folder fsync).
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{secrets.token_hex(6)}{TEMP_SUFFIX}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(tmp, flags, 0o644)
    try:
        with os.fdopen(fd, "wb") as fh:
            for piece in pieces(data):
                fh.write(piece)
            fh.flush()
            os.fsync(fh.fileno())
        _replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(dest.parent)


def write_synced(path: Path, data: bytes | Pieces) -> None:
    """Write `data` to `path` (created or truncated) and fsync the file, not its folder.

    Not atomic: for files whose half-written state nobody reads (a staged output before its
    job's commit); the caller syncs the folder once for all of them."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, 0o644)
    try:
        _write_all(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def pieces(data: bytes | Pieces) -> Pieces:
    """`data` as pieces: whole bytes are one."""
    return (data,) if isinstance(data, bytes | memoryview) else data


def _write_all(fd: int, data: bytes | Pieces) -> None:
    for piece in pieces(data):
        view = memoryview(piece)
        while view:  # os.write may write less than asked (signals, some filesystems)
            view = view[os.write(fd, view) :]


def size_of(data: bytes | Pieces) -> int:
    """How many bytes `data` writes."""
    return sum(len(piece) for piece in pieces(data))


def _replace(src: Path, dest: Path) -> None:
    # On Windows a viewer or a virus scanner holding dest open makes os.replace fail for a moment.
    attempts = 10 if sys.platform == "win32" else 1
    for attempt in range(attempts):
        try:
            os.replace(src, dest)
            return
        except PermissionError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


def fsync_dir(folder: Path) -> None:
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:  # some filesystems (e.g. network mounts) refuse: best effort
        if exc.errno not in (errno.EINVAL, errno.EBADF, errno.ENOTSUP):
            raise
    finally:
        os.close(fd)
