"""OS file locks a process holds until it lets go or dies: the kernel drops them however the
process ends (kill -9, a crash, a power cut), so a claim never outlives its process.

flock on macOS and Linux (it conflicts between two opens of one file even in one process),
msvcrt.locking of the first byte on Windows. Used for job owners (`owners.py`) and for the one
window per data folder (`ui/one_window.py`). Qt-free.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

if sys.platform == "win32":
    import msvcrt

    def try_lock(fd: int) -> bool:
        """Lock `fd` without waiting; False if another holder has it."""
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def try_lock(fd: int) -> bool:
        """Lock `fd` without waiting; False if another holder has it."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # EWOULDBLOCK/EAGAIN: someone holds it
            return False
        return True

    def unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class HeldFile:
    """A lock file this process holds until `release()` or its end. The file stays on disk
    (removing it would let a third process lock a new file of the same name while a second
    still waits on the old one); holding the lock is what counts, not the file existing."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @classmethod
    def take(cls, path: Path) -> HeldFile | None:
        """Create `path` if needed and lock it; None while another holder has it."""
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        if not try_lock(fd):
            os.close(fd)
            return None
        # Which process holds it, for people looking at the folder (after the lock: a holder's
        # file is never rewritten by a process that failed to take it).
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        return cls(path, fd)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Let go (idempotent); the next `take` of the path succeeds."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        unlock(fd)
        os.close(fd)
