"""Which process a job belongs to: a token per process, alive while its OS file lock is held.

A job belongs to the process that queued it until that process is gone; then `resume` or a
window may adopt it. "Gone" must hold even after kill -9 or a power cut, so it is not a flag in
the database but an OS lock on `<data folder>/owners/<token>.lock`: the kernel drops the lock
when the process dies, however it dies.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from studio_desktop.core.file_lock import try_lock, unlock

OWNERS_DIR = "owners"
LIVENESS_TTL_S = 1.5  # a live answer is reused this long; a dead one for good (tokens are unique)


def lock_path(folder: Path, token: str) -> Path:
    return Path(folder) / OWNERS_DIR / f"{token}.lock"


def owner_alive(folder: Path, token: str) -> bool:
    """Whether the process that took `token` still runs: its lock file exists and is locked.

    Finding it unlocked means the owner died without cleaning up: the file is removed.
    """
    path = lock_path(folder, token)
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return False
    except PermissionError:
        return True  # Windows refuses to open a file another process is deleting; assume alive
    try:
        if not try_lock(fd):
            return True
        if sys.platform != "win32":
            # Removed while we hold the lock, so no other checker can take it for a live one.
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        unlock(fd)
    finally:
        os.close(fd)
    if sys.platform == "win32":
        with contextlib.suppress(OSError):  # Windows cannot remove an open file
            path.unlink()
    return False


def sweep_dead_owners(folder: Path) -> int:
    """Remove the lock files of owners that died (killed, crashed). Returns how many went."""
    directory = Path(folder) / OWNERS_DIR
    try:
        names = [p.stem for p in directory.glob("*.lock")]
    except OSError:
        return 0
    return sum(1 for token in names if not owner_alive(folder, token))


class LivenessCache:
    """`owner_alive` asked at most once per `ttl_s` per token; thread-safe.

    `clock` is injectable so tests need not wait for the cache to expire.
    """

    def __init__(
        self,
        folder: Path,
        ttl_s: float = LIVENESS_TTL_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._folder = Path(folder)
        self._ttl = ttl_s
        self._clock = clock
        self._lock = threading.Lock()
        self._alive_until: dict[str, float] = {}
        self._dead: set[str] = set()

    def __call__(self, token: str) -> bool:
        now = self._clock()
        with self._lock:
            if token in self._dead:
                return False
            if self._alive_until.get(token, -1.0) > now:
                return True
        alive = owner_alive(self._folder, token)  # outside the lock: it does file I/O
        with self._lock:
            if alive:
                self._alive_until[token] = now + self._ttl
            else:
                self._alive_until.pop(token, None)
                self._dead.add(token)
        return alive


def _take_token(folder: Path, attempts: int = 5) -> tuple[str, Path, int]:
    """A fresh token with its lock file created and locked.

    Between creating the file and locking it, another process's `sweep_dead_owners` may take it
    for a dead owner's and remove it; then we start over with a new token.
    """
    for _ in range(attempts):
        token = uuid.uuid4().hex
        path = lock_path(folder, token)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
        if try_lock(fd) and _is_file_of(fd, path):
            return token, path, fd
        os.close(fd)
    raise OSError(f"cannot take an owner lock in {folder / OWNERS_DIR}")


def _is_file_of(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False


class ProcessOwner:
    """This process's token, held (locked) from construction until `close()` or death.

    Pass `token` to `Store.add_jobs`/`claim_next`/`reconcilable_jobs`/`adopt_orphans` and
    `alive` (this object is callable) where the store asks whether another owner lives.
    """

    def __init__(self, folder: Path, *, ttl_s: float = LIVENESS_TTL_S) -> None:
        self.folder = Path(folder)
        (self.folder / OWNERS_DIR).mkdir(parents=True, exist_ok=True)
        sweep_dead_owners(self.folder)
        self.token, self.path, fd = _take_token(self.folder)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))  # for people looking at the folder
        self._fd: int | None = fd
        self._cache = LivenessCache(self.folder, ttl_s)

    def alive(self, token: str) -> bool:
        """Whether the owner `token` still runs (this process does until `close()`)."""
        if token == self.token and self._fd is not None:
            return True
        return self._cache(token)

    __call__ = alive

    @property
    def closed(self) -> bool:
        return self._fd is None

    def close(self) -> None:
        """Release the lock and remove the file; jobs still owned become adoptable. Idempotent."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if sys.platform != "win32":
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
        unlock(fd)
        os.close(fd)
        if sys.platform == "win32":
            with contextlib.suppress(OSError):
                self.path.unlink()

    def __enter__(self) -> ProcessOwner:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
