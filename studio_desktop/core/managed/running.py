"""The managed ComfyUI that outlives a command: started detached, recorded in a file in the
data folder (`managed-server.json`), found again by `server status`/`stop`/`log`.

A server run in the foreground of `studio-desktop server start` is recorded too, with the pid
of the command that supervises it: `server stop` asks that command to stop (SIGTERM), which
stops ComfyUI itself, so the supervisor does not take the exit for a crash.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Final

from studio_desktop.core.managed import messages as says
from studio_desktop.core.managed import win32
from studio_desktop.core.managed.process import (
    LOG_NAME,
    NOTICE_LINES,
    STOP_GRACE_S,
    LaunchSpec,
    Spawned,
    StartFailed,
    open_log_file,
    probe_system_stats,
)

RECORD_NAME: Final = "managed-server.json"


@dataclass(frozen=True)
class RunningRecord:
    pid: int  # ComfyUI's (the leader of its process group on POSIX), not its orphan guard's
    url: str
    port: int
    detached: bool
    supervisor_pid: int | None  # the foreground command that restarts it, when not detached
    main_py: str
    started_at: float
    # --base-directory (the desktop app's data), where its models/ folder is; None: beside main.py
    base_directory: str | None = None


def record_path(data_root: Path) -> Path:
    return data_root / RECORD_NAME


def log_path(logs_dir: Path) -> Path:
    return logs_dir / LOG_NAME


def write_record(data_root: Path, record: RunningRecord) -> None:
    path = record_path(data_root)
    temp = path.with_name(path.name + ".tmp")
    temp.write_text(json.dumps(asdict(record)), encoding="utf-8")
    os.replace(temp, path)


def read_record(data_root: Path) -> RunningRecord | None:
    try:
        data = json.loads(record_path(data_root).read_text(encoding="utf-8"))
        return RunningRecord(**data)
    except (OSError, ValueError, TypeError):
        return None


def remove_record(data_root: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        record_path(data_root).unlink()


def alive(pid: int) -> bool:
    """The process exists and is not a zombie waiting to be reaped."""
    if sys.platform == "win32":
        return win32.alive(pid)
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def wait_gone(pid: int, timeout_s: float, poll_s: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout_s
    while alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(poll_s)
    return True


def stop_tree(pid: int, grace_s: float = STOP_GRACE_S) -> None:
    """Stop a process that is not our child and everything in its group: terminate, wait,
    kill (POSIX: the group `pid` leads; Windows: `taskkill /T`)."""
    if sys.platform == "win32":
        win32.kill_tree(pid, force=False)
        if not wait_gone(pid, grace_s):
            win32.kill_tree(pid)
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGTERM)
    if not wait_gone(pid, grace_s):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGKILL)
        wait_gone(pid, grace_s)


def start_detached(
    spec: LaunchSpec, port: int, logs_dir: Path, ready_timeout_s: float, poll_s: float = 0.1
) -> int:
    """Start ComfyUI so that it outlives us once it answers, its output straight into the log
    file, and wait until it answers; its pid. Until then it is ours: we die, it stops (the
    orphan guard on POSIX; `release` lets go once it answers). Raises `StartFailed` with the
    log's last lines (and stops it) when it exits or does not answer in time."""
    path = log_path(logs_dir)
    with open_log_file(path) as log_file:
        log_file.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')} (detached)\n")
        log_file.flush()
        try:
            spawned = Spawned(spec, port, log_file, detached=True)
        except OSError as exc:  # the system refused to run it (missing, not executable, ...)
            raise StartFailed(says.could_not_run(spec.python), error=str(exc)) from exc
    deadline = time.monotonic() + ready_timeout_s
    while True:
        code = spawned.poll()
        if code is not None:
            spawned.close()
            raise StartFailed(says.exited_while_starting(code), tail(path))
        if probe_system_stats(spec.host, port):
            spawned.release()
            return spawned.pid
        if time.monotonic() > deadline:
            spawned.stop(STOP_GRACE_S)
            raise StartFailed(says.no_answer(spec.url(port), ready_timeout_s), tail(path))
        time.sleep(poll_s)


def tail(
    path: Path, count: int = NOTICE_LINES, max_bytes: int = 256 * 1024, end: int | None = None
) -> list[str]:
    """The last `count` lines of a log file before byte `end` (default: its end), reading at
    most `max_bytes`."""
    try:
        with path.open("rb") as file:
            file.seek(0, os.SEEK_END)
            size = file.tell() if end is None else min(end, file.tell())
            file.seek(max(0, size - max_bytes))
            data = file.read(size - file.tell())
    except OSError:
        return []
    lines = data.decode("utf-8", errors="replace").splitlines()
    return lines[-count:] if count > 0 else []
