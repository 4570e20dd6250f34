"""Run a local ComfyUI as a child process: start, watch its log, restart it, stop it.

No Qt. The window and `studio-desktop server start` both hold a `ManagedServer`.

Never an orphan:

- **POSIX (Linux, macOS)**: ComfyUI runs under the orphan guard (orphan_guard.py, a script run
  by ComfyUI's python: `python -I orphan_guard.py -- python -u main.py ...`). The guard starts
  ComfyUI in a session of its own, so ComfyUI leads a process group, and `stop` signals that
  whole group (ComfyUI and anything it started): SIGTERM, a bounded wait, then SIGKILL. The
  guard's stdin is one end of a socket pair whose other end only we hold: when we die, however
  we die (`kill -9` included), the kernel closes our end, the guard reads end-of-file and stops
  the group itself. `Spawned.release` tells it to let ComfyUI outlive us instead
  (`server start --detach`).
- **Linux, a second layer**: the guard is started with `prctl(PR_SET_PDEATHSIG, SIGTERM)` (set
  in `preexec_fn` between fork and exec through ctypes; then it checks the parent is still the
  one that forked it, in case the parent died first), which it forwards to ComfyUI's group.
  SIGTERM, not SIGKILL: a killed guard could not stop the group. The kernel ties this to the
  *thread* that forked, not the process, so every child is started on the supervisor's own
  thread, which lives as long as the child does (a pool thread that ends would stop ComfyUI).
- **Windows**: `CREATE_NEW_PROCESS_GROUP` and a job object with
  `JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE` (win32.py): when our process ends, however it ends, the
  system closes the job handle and kills every process in the job; without a job, `taskkill /F
  /T` on stop. Written to the Win32 documentation; its tests run on Windows only.
"""

from __future__ import annotations

import contextlib
import ctypes
import http.client
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import IO, Final

from studio_desktop.core.managed import messages as says
from studio_desktop.core.managed import win32
from studio_desktop.core.managed.orphan_guard import PID_PREFIX, RELEASE
from studio_desktop.core.messages import UserMessage

log = logging.getLogger("studio.managed")

DEFAULT_PORT: Final = 8188
LOCALHOST: Final = "127.0.0.1"
LOG_NAME: Final = "comfyui.log"
MAX_LOG_LINES: Final = 2000  # kept in memory for the panel and the crash notice
MAX_LINE_CHARS: Final = 4000  # a progress bar without newlines is one line
NOTICE_LINES: Final = 20
MAX_LOG_BYTES: Final = 20 * 2**20  # the file is rolled over to comfyui.log.1 at start
PROBE_TIMEOUT_S: Final = 2.0
DEFAULT_READY_TIMEOUT_S: Final = 300.0  # a first start installs nothing but loads torch
STOP_GRACE_S: Final = 10.0


class Preset(StrEnum):
    GPU = "gpu"
    LOWVRAM = "lowvram"
    CPU = "cpu"


PRESET_ARGS: Final[dict[Preset, tuple[str, ...]]] = {
    Preset.GPU: (),
    Preset.LOWVRAM: ("--lowvram",),
    Preset.CPU: ("--cpu",),
}


class StartFailed(Exception):
    """ComfyUI did not come up. `text` says why (translatable, `reason` its English);
    `last_lines` are the end of its log, `error` the system's words when it could not be run:
    together the `cause`, shown as it is under the sentence. `str()` is all of it in English."""

    def __init__(
        self, text: UserMessage, last_lines: Sequence[str] = (), *, error: str = ""
    ) -> None:
        self.text = text
        self.reason = str(text)
        self.last_lines = tuple(last_lines)
        self.error = error
        super().__init__("\n".join((self.reason, *self.cause)))

    @property
    def cause(self) -> tuple[str, ...]:
        return ((self.error,) if self.error else ()) + self.last_lines


@dataclass(frozen=True)
class LaunchSpec:
    python: Path
    main_py: Path
    port: int = DEFAULT_PORT
    preset: Preset = Preset.GPU
    extra_args: tuple[str, ...] = ()  # the user's free text, split with shlex by the caller
    base_directory: Path | None = None  # the desktop app's data folder
    host: str = LOCALHOST

    def command(self, port: int | None = None, *, guarded: bool = False) -> list[str]:
        """ComfyUI's command line; `guarded`: run by the orphan guard (orphan_guard.py), with
        the same python (`-I`: the guard needs nothing from the environment or its folder)."""
        args = [str(self.python), "-u", str(self.main_py)]
        args += ["--listen", self.host, "--port", str(port or self.port)]
        args += PRESET_ARGS[self.preset]
        if self.base_directory is not None:
            args += ["--base-directory", str(self.base_directory)]
        args += self.extra_args
        if guarded:
            return [str(self.python), "-I", str(guard_script()), "--", *args]
        return args

    def url(self, port: int | None = None) -> str:
        return f"http://{self.host}:{port or self.port}"


# ----------------------------------------------------------------------------- ports


class PortUse(StrEnum):
    FREE = "free"
    COMFYUI = "comfyui"  # /system_stats answers like ComfyUI
    OTHER = "other"  # something listens that is not ComfyUI


def probe_system_stats(host: str, port: int, timeout_s: float = PROBE_TIMEOUT_S) -> bool:
    """Whether a ComfyUI answers on host:port (`/system_stats` with a `system` object)."""
    connection = http.client.HTTPConnection(host, port, timeout=timeout_s)
    try:
        connection.request("GET", "/system_stats")
        response = connection.getresponse()
        if response.status != 200:
            return False
        body = response.read(1_000_000)
        data = json.loads(body)
        return isinstance(data, dict) and isinstance(data.get("system"), dict)
    except (OSError, ValueError, http.client.HTTPException):
        return False
    finally:
        connection.close()


def port_use(host: str, port: int) -> PortUse:
    try:
        with socket.create_connection((host, port), timeout=PROBE_TIMEOUT_S):
            pass
    except OSError:
        return PortUse.FREE
    return PortUse.COMFYUI if probe_system_stats(host, port) else PortUse.OTHER


def free_port(host: str = LOCALHOST) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


def choose_port(host: str, wanted: int) -> tuple[int, PortUse]:
    """The port to start on: `wanted` when free; another free one when something that is not
    ComfyUI holds it. A ComfyUI already there is reported (`COMFYUI`): the caller uses it
    rather than start a second one on another port."""
    use = port_use(host, wanted)
    if use is PortUse.OTHER:
        return free_port(host), use
    return wanted, use


# ----------------------------------------------------------------------------- the log


Subscriber = Callable[[str], None]


class LogTail:
    """ComfyUI's output: appended to a file, the last lines kept, each line given to the
    subscribers (called on the reader thread; they must be quick and thread-safe)."""

    def __init__(self, path: Path, max_lines: int = MAX_LOG_LINES) -> None:
        self.path = path
        self._lines: deque[str] = deque(maxlen=max_lines)
        self._subscribers: list[Subscriber] = []
        self._lock = threading.Lock()

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        with self._lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe

    def last(self, count: int = NOTICE_LINES) -> list[str]:
        with self._lock:
            return list(self._lines)[-count:] if count > 0 else []

    def add(self, line: str) -> None:
        line = line.rstrip("\r\n")[:MAX_LINE_CHARS]
        with self._lock:
            self._lines.append(line)
            subscribers = list(self._subscribers)
        for callback in subscribers:
            try:
                callback(line)
            except Exception:  # a broken panel must not stop the log
                log.exception("a log subscriber failed")

    def pump(self, stream: IO[bytes], file: IO[str]) -> None:
        """Read the child's output to its end (run on a thread of its own)."""
        for raw in iter(stream.readline, b""):
            line = raw.decode("utf-8", errors="replace")
            file.write(line if line.endswith("\n") else line + "\n")
            file.flush()
            self.add(line)


def open_log_file(path: Path) -> IO[str]:
    """The log file, appended to; rolled over to `.1` first when it has grown large."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        if path.stat().st_size > MAX_LOG_BYTES:
            os.replace(path, path.with_name(path.name + ".1"))
    except FileNotFoundError:
        pass
    return path.open("a", encoding="utf-8")


# ----------------------------------------------------------------------------- one process

_PR_SET_PDEATHSIG: Final = 1
GUARDED: Final = sys.platform != "win32"  # POSIX: ComfyUI runs under the orphan guard
GUARD_SCRIPT: Final = "orphan_guard.py"
PID_REPORT_TIMEOUT_S: Final = 60.0  # the guard reports ComfyUI's pid as soon as it started it


def guard_script() -> Path:
    """orphan_guard.py, which ComfyUI's python runs as a script: beside this module, from source
    and in the frozen build alike (studio.spec ships it as a data file to the same place under
    the bundle, where this module's `__file__` points too)."""
    return Path(__file__).resolve().with_name(GUARD_SCRIPT)


def _death_signal_hook(signum: int) -> Callable[[], None] | None:
    """Linux: a preexec_fn that has the child sent `signum` when its parent goes (module
    docstring). Resolved before fork, so the child only calls a ready foreign function."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def hook() -> None:
        prctl(_PR_SET_PDEATHSIG, signum, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before the call: nobody would signal us
            os._exit(1)

    return hook


def _child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONIOENCODING": "utf-8"}


class Spawned:
    """ComfyUI started so that it does not outlive us, unless `release`d (module docstring).

    POSIX: `popen` is the orphan guard, in a session of its own; `pid` is ComfyUI's, the leader
    of its own group, which we signal to stop it. Windows: `popen` is ComfyUI itself, held by a
    kill-on-close job (none for a detached start)."""

    def __init__(
        self,
        spec: LaunchSpec,
        port: int,
        stdout: int | IO[str] | IO[bytes],
        *,
        detached: bool = False,
    ) -> None:
        self.guarded = GUARDED
        command, cwd = spec.command(port, guarded=self.guarded), spec.main_py.parent
        self._owner: socket.socket | None = None  # our end of the guard's stdin
        self._job: win32.Job | None = None
        if sys.platform == "win32":
            flags = subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.CREATE_NO_WINDOW
            if detached:
                flags |= subprocess.DETACHED_PROCESS
            self.popen = subprocess.Popen(
                command,
                cwd=cwd,
                env=_child_env(),
                stdin=subprocess.DEVNULL,
                stdout=stdout,
                stderr=subprocess.STDOUT,
                creationflags=flags,
            )
            self._job = None if detached else win32.Job.holding(self.popen)
            self.pid = self.popen.pid
            return
        # Its stdin: one end of a socket pair, the other only ours; our death closes it.
        owner, guard_end = socket.socketpair()
        try:
            self.popen = subprocess.Popen(
                command,
                cwd=cwd,
                env=_child_env(),
                stdin=guard_end.fileno(),
                stdout=stdout,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # a terminal's Ctrl-C is for us, not for the guard
                # Linux, a second way to the same stop: the guard forwards SIGTERM to ComfyUI's
                # group. Not SIGKILL, which would end the guard before it stops the group.
                preexec_fn=None if detached else _death_signal_hook(signal.SIGTERM),
            )
        except BaseException:
            owner.close()
            raise
        finally:
            guard_end.close()
        self._owner = owner
        self.pid = _read_pid(owner, fallback=self.popen.pid)

    def poll(self) -> int | None:
        return self.popen.poll()

    def signal_group(self, *, terminate: bool) -> None:
        """SIGTERM/SIGKILL to ComfyUI's group (POSIX); Windows: terminate ComfyUI, or with no
        job to end its descendants, `taskkill /F /T` on the tree."""
        if sys.platform == "win32":
            if self.popen.poll() is None:
                if self._job is None:
                    win32.kill_tree(self.pid)
                else:
                    self.popen.terminate()
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):  # the group is gone
            os.killpg(self.pid, signal.SIGTERM if terminate else signal.SIGKILL)

    def stop(self, grace_s: float) -> int:
        """Terminate the group, wait up to `grace_s`, kill it; the exit code."""
        if self.popen.poll() is None:
            self.signal_group(terminate=True)
            try:
                self.popen.wait(grace_s)
            except subprocess.TimeoutExpired:
                log.warning("ComfyUI (pid %d) did not stop in %g s: killing it", self.pid, grace_s)
        # The group too: ComfyUI may have exited and left children behind. A guard that has
        # exited did that itself, while ComfyUI's pid (the group's id) could not be reused.
        if not self.guarded or self.popen.poll() is None:
            self.signal_group(terminate=False)
        try:
            code = self.popen.wait(grace_s)
        except subprocess.TimeoutExpired:  # a guard that outlives its child: end it
            log.warning("the orphan guard (pid %d) did not exit: killing it", self.popen.pid)
            self.popen.kill()
            code = self.popen.wait()
        self.close()
        return code

    def release(self) -> None:
        """Let ComfyUI outlive us (`server start --detach`): the guard stops watching."""
        if self._owner is not None:
            with contextlib.suppress(OSError):  # the guard is gone: nothing to release
                self._owner.sendall(RELEASE)
        self.close()

    def close(self) -> None:
        """Let go of our end and the job. While the guard still watches, this stops ComfyUI."""
        if self._owner is not None:
            self._owner.close()
            self._owner = None
        if self._job is not None:
            self._job.close()
            self._job = None


def _read_pid(owner: socket.socket, fallback: int) -> int:
    """ComfyUI's pid as the guard reports it; `fallback` (the guard's) when it exited first."""
    data = b""
    owner.settimeout(PID_REPORT_TIMEOUT_S)
    try:
        while not data.endswith(b"\n"):
            chunk = owner.recv(64)
            if not chunk:
                break
            data += chunk
    except OSError as exc:
        log.warning("the orphan guard did not report ComfyUI's pid: %s", exc)
    finally:
        owner.settimeout(None)
    if data.startswith(PID_PREFIX):
        with contextlib.suppress(ValueError):
            return int(data[len(PID_PREFIX) :])
    return fallback


class ChildProcess:
    """One run of ComfyUI: started in its own group, stopped with the group."""

    def __init__(self, spec: LaunchSpec, port: int, tail: LogTail) -> None:
        self._file = open_log_file(tail.path)
        command = spec.command(port)  # as the user would type it: the guard is ours
        self._file.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')} {' '.join(command)}\n")
        self._file.flush()
        try:
            self._spawned = Spawned(spec, port, subprocess.PIPE)
        except BaseException:
            self._file.close()
            raise
        stdout = self._spawned.popen.stdout  # the guard's, which ComfyUI writes to
        assert stdout is not None
        self._reader = threading.Thread(
            target=self._read, args=(tail, stdout), name="comfyui-log", daemon=True
        )
        self._reader.start()

    def _read(self, tail: LogTail, stream: IO[bytes]) -> None:
        try:
            tail.pump(stream, self._file)
        finally:
            self._file.close()

    @property
    def pid(self) -> int:
        """ComfyUI's (on POSIX the leader of its process group), not the guard's."""
        return self._spawned.pid

    def poll(self) -> int | None:
        return self._spawned.poll()

    def stop(self, grace_s: float = STOP_GRACE_S) -> int:
        """Terminate the group, wait, kill; the exit code. The log is read to its end."""
        code = self._spawned.stop(grace_s)
        self._reader.join(grace_s)
        return code

    def wait_reader(self, timeout_s: float) -> None:
        self._reader.join(timeout_s)


# ----------------------------------------------------------------------------- supervisor


class ServerState(StrEnum):
    STOPPED = "stopped"
    STARTING = "starting"
    RUNNING = "running"
    RESTARTING = "restarting"  # crashed; waiting out the backoff, then starting again
    FAILED = "failed"  # crashed too often, or never came up


@dataclass(frozen=True)
class Notice:
    """What the supervisor tells the user: a crash, a restart, giving up, a port it could not
    have. `text` is translatable; `last_lines` (the end of the log) are the cause, shown as
    they are. `str()` is the English sentence (the log, the command line)."""

    state: ServerState
    text: UserMessage
    last_lines: tuple[str, ...] = ()
    exit_code: int | None = None
    restart_in_s: float | None = None

    def __str__(self) -> str:
        return str(self.text)


@dataclass(frozen=True)
class Backoff:
    """Delays before restarts: first, doubled each time, capped; given up after `max_restarts`
    crashes in a row (a run that stayed up `stable_after_s` resets the count)."""

    first_s: float = 2.0
    max_s: float = 60.0
    max_restarts: int = 5
    stable_after_s: float = 120.0

    def delay(self, crashes: int) -> float:
        return float(min(self.max_s, self.first_s * 2 ** max(0, crashes - 1)))


@dataclass
class _Ready:
    event: threading.Event = field(default_factory=threading.Event)
    error: StartFailed | None = None


class ManagedServer:
    """ComfyUI started, watched and restarted by us. `start()` blocks until it answers
    (`/system_stats`) or fails; `stop()` ends it and its group. Thread-safe."""

    def __init__(
        self,
        spec: LaunchSpec,
        logs_dir: Path,
        *,
        ready_timeout_s: float = DEFAULT_READY_TIMEOUT_S,
        backoff: Backoff = Backoff(),
        on_notice: Callable[[Notice], None] | None = None,
        on_state: Callable[[ServerState], None] | None = None,
        poll_s: float = 0.1,
    ) -> None:
        self.spec = spec
        self.tail = LogTail(logs_dir / LOG_NAME)
        self.ready_timeout_s = ready_timeout_s
        self.backoff = backoff
        self._on_notice = on_notice
        self._on_state = on_state
        self._poll_s = poll_s
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._child: ChildProcess | None = None
        self._state = ServerState.STOPPED
        self.port = spec.port
        self.restarts = 0
        self._grace_s = STOP_GRACE_S

    @property
    def url(self) -> str:
        return self.spec.url(self.port)

    @property
    def state(self) -> ServerState:
        with self._lock:
            return self._state

    @property
    def pid(self) -> int | None:
        with self._lock:
            return None if self._child is None else self._child.pid

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        return self.tail.subscribe(callback)

    def start(self) -> str:
        """Start ComfyUI and wait until it answers; its URL. Raises `StartFailed` (with the
        log's last lines) when it exits or does not answer within `ready_timeout_s`, and
        `AlreadyRunning` when a ComfyUI already answers on the wanted port."""
        if self._thread is not None:
            raise RuntimeError("already started")
        port, use = choose_port(self.spec.host, self.spec.port)
        if use is PortUse.COMFYUI:
            raise AlreadyRunning(self.spec.url(port))
        if use is PortUse.OTHER:
            self._notice(Notice(ServerState.STARTING, says.port_taken(self.spec.port, port)))
        self.port = port
        ready = _Ready()
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._supervise, args=(ready,), name="comfyui-supervisor", daemon=True
        )
        self._thread.start()
        ready.event.wait()
        if ready.error is not None:
            self._thread.join()
            self._thread = None
            raise ready.error
        return self.url

    def stop(self, timeout_s: float = STOP_GRACE_S) -> None:
        """Stop ComfyUI (terminate, wait up to `timeout_s`, kill the group) and the
        supervisor."""
        self._grace_s = timeout_s
        self._stop.set()
        thread = self._thread
        if thread is not None:
            thread.join()
            self._thread = None

    def wait_state(self, wanted: Callable[[ServerState], bool], timeout_s: float) -> bool:
        """For tests and the CLI: wait (on the stop event's clock) until the state fits."""
        deadline = time.monotonic() + timeout_s
        while not wanted(self.state):
            if time.monotonic() > deadline:
                return False
            time.sleep(self._poll_s)
        return True

    # -- the supervisor thread: it starts every child (see the module docstring on PDEATHSIG)

    def _set_state(self, state: ServerState) -> None:
        with self._lock:
            self._state = state
        if self._on_state is not None:
            self._on_state(state)

    def _notice(self, notice: Notice) -> None:
        log.warning("%s", notice)
        if self._on_notice is not None:
            self._on_notice(notice)

    def _supervise(self, ready: _Ready) -> None:
        crashes = 0
        first = True
        try:
            while not self._stop.is_set():
                self._set_state(ServerState.STARTING)
                try:
                    child = self._launch()
                except OSError as exc:
                    failure = StartFailed(says.could_not_run(self.spec.python), error=str(exc))
                    if first:
                        ready.error = failure
                        return
                    self._notice(Notice(ServerState.FAILED, failure.text, failure.cause))
                    self._set_state(ServerState.FAILED)
                    return
                problem: UserMessage | None = self._wait_ready(child)
                exit_code: int | None = None
                if problem is not None:
                    child.stop()
                    failure = StartFailed(problem, self.tail.last(NOTICE_LINES))
                    if first or self._stop.is_set():
                        ready.error = failure if first else None
                        self._set_state(ServerState.STOPPED if not first else ServerState.FAILED)
                        return
                    crashes += 1
                else:
                    if first:
                        first = False
                        self._set_state(ServerState.RUNNING)
                        ready.event.set()
                    else:
                        self._set_state(ServerState.RUNNING)
                        self._notice(Notice(ServerState.RUNNING, says.back(self.url)))
                    up_at = time.monotonic()
                    code = self._wait_exit(child)
                    if code is None:  # asked to stop
                        child.stop(self._grace_s)
                        return
                    # Its group may hold processes it started; and the log read to its end
                    # puts the last lines in the notice.
                    child.stop(self._grace_s)
                    if time.monotonic() - up_at >= self.backoff.stable_after_s:
                        crashes = 0
                    crashes += 1
                    problem, exit_code = says.crashed(code), code
                if crashes > self.backoff.max_restarts:
                    self._set_state(ServerState.FAILED)
                    self._notice(
                        Notice(
                            ServerState.FAILED,
                            says.gave_up(problem, self.backoff.max_restarts),
                            tuple(self.tail.last(NOTICE_LINES)),
                            exit_code=exit_code,
                        )
                    )
                    return
                delay = self.backoff.delay(crashes)
                self._set_state(ServerState.RESTARTING)
                self._notice(
                    Notice(
                        ServerState.RESTARTING,
                        says.restarting(problem, delay),
                        tuple(self.tail.last(NOTICE_LINES)),
                        exit_code=exit_code,
                        restart_in_s=delay,
                    )
                )
                if self._stop.wait(delay):
                    return
                self.restarts += 1
        finally:
            with self._lock:
                self._child = None
                failed = self._state is ServerState.FAILED
            if not failed:
                self._set_state(ServerState.STOPPED)
            ready.event.set()

    def _launch(self) -> ChildProcess:
        child = ChildProcess(self.spec, self.port, self.tail)
        with self._lock:
            self._child = child
        log.info("started ComfyUI (pid %d) on port %d", child.pid, self.port)
        return child

    def _wait_ready(self, child: ChildProcess) -> UserMessage | None:
        """None once `/system_stats` answers; else why not."""
        deadline = time.monotonic() + self.ready_timeout_s
        while True:
            code = child.poll()
            if code is not None:
                child.wait_reader(STOP_GRACE_S)
                return says.exited_while_starting(code)
            if self._stop.is_set():
                return says.stopped_while_starting()
            if probe_system_stats(self.spec.host, self.port):
                return None
            if time.monotonic() > deadline:
                return says.no_answer(self.url, self.ready_timeout_s)
            self._stop.wait(self._poll_s)

    def _wait_exit(self, child: ChildProcess) -> int | None:
        """The exit code when the child ends by itself; None when asked to stop."""
        while not self._stop.wait(self._poll_s):
            code = child.poll()
            if code is not None:
                return code
        return None


class AlreadyRunning(Exception):
    """A ComfyUI already answers where we would start one (`text`: translatable)."""

    def __init__(self, url: str) -> None:
        self.text = says.already_running(url)
        super().__init__(str(self.text))
        self.url = url
