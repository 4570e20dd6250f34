"""Run a local ComfyUI as a child process: start, watch its log, restart it, stop it.

No Qt. The window and `studio-desktop server start` both hold a `ManagedServer`.

Never an orphan:

- **POSIX**: the child starts in its own session (`start_new_session`), so it is the leader of
  a process group and `stop` signals the whole group (ComfyUI and anything it started): SIGTERM,
  a bounded wait, then SIGKILL.
- **Linux, the parent killed with SIGKILL**: nobody is left to signal the group, so the child
  asks the kernel to be killed when its parent goes (`prctl(PR_SET_PDEATHSIG, SIGKILL)`, set in
  `preexec_fn` between fork and exec through ctypes; then it checks the parent is still the
  one that forked it, in case the parent died first). SIGKILL, not SIGTERM: nobody will be there
  to escalate if ComfyUI ignores a SIGTERM. The kernel ties this to the *thread* that forked,
  not the process, so every child is started on the supervisor's own thread, which lives as long
  as the child does (a pool thread that ends would kill ComfyUI with it).
- **macOS**: no such call; the process group covers a clean exit and a crash of the app that
  runs `stop`, not a SIGKILL of the app.
- **Windows**: `CREATE_NEW_PROCESS_GROUP` and a job object with
  `JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE` (ctypes): when our process ends, however it ends, the
  system closes the job handle and kills every process in the job. Written to the Win32
  documentation; not exercised by the tests here (they run on Linux).
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

    def command(self, port: int | None = None) -> list[str]:
        args = [str(self.python), "-u", str(self.main_py)]
        args += ["--listen", self.host, "--port", str(port or self.port)]
        args += PRESET_ARGS[self.preset]
        if self.base_directory is not None:
            args += ["--base-directory", str(self.base_directory)]
        return [*args, *self.extra_args]

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


def _death_signal_hook() -> Callable[[], None] | None:
    """Linux: a preexec_fn that makes the child die with its parent (module docstring).
    Resolved before fork, so the child only calls a ready foreign function."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    parent = os.getpid()
    kill = int(signal.SIGKILL)

    def hook() -> None:
        prctl(_PR_SET_PDEATHSIG, kill, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before the call: nobody would signal us
            os._exit(1)

    return hook


class ChildProcess:
    """One run of ComfyUI: started in its own group, stopped with the group."""

    def __init__(self, command: Sequence[str], cwd: Path, tail: LogTail) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONIOENCODING": "utf-8"}
        self._file = open_log_file(tail.path)
        self._file.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')} {' '.join(command)}\n")
        self._file.flush()
        self._job: _WindowsJob | None = None
        if sys.platform == "win32":
            self.popen = subprocess.Popen(
                list(command),
                cwd=cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                creationflags=subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.CREATE_NO_WINDOW,
            )
            self._job = _WindowsJob.holding(self.popen)
        else:
            self.popen = subprocess.Popen(
                list(command),
                cwd=cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=_death_signal_hook(),
            )
        assert self.popen.stdout is not None
        self._reader = threading.Thread(
            target=self._read, args=(tail, self.popen.stdout), name="comfyui-log", daemon=True
        )
        self._reader.start()

    def _read(self, tail: LogTail, stream: IO[bytes]) -> None:
        try:
            tail.pump(stream, self._file)
        finally:
            self._file.close()

    @property
    def pid(self) -> int:
        return self.popen.pid

    def poll(self) -> int | None:
        return self.popen.poll()

    def stop(self, grace_s: float = STOP_GRACE_S) -> int:
        """Terminate the group, wait, kill; the exit code. The log is read to its end."""
        if self.popen.poll() is None:
            _signal_group(self.popen, terminate=True)
            try:
                self.popen.wait(grace_s)
            except subprocess.TimeoutExpired:
                log.warning("ComfyUI (pid %d) did not stop in %g s: killing it", self.pid, grace_s)
        # The group too: ComfyUI may have exited and left children behind.
        _signal_group(self.popen, terminate=False)
        code = self.popen.wait()
        self._reader.join(grace_s)
        if self._job is not None:
            self._job.close()
        return code

    def wait_reader(self, timeout_s: float) -> None:
        self._reader.join(timeout_s)


def _signal_group(popen: subprocess.Popen[bytes], *, terminate: bool) -> None:
    if sys.platform == "win32":
        if popen.poll() is None:
            popen.terminate() if terminate else popen.kill()
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):  # the group is gone
        os.killpg(popen.pid, signal.SIGTERM if terminate else signal.SIGKILL)


if sys.platform == "win32":
    from ctypes import wintypes

    class _JobLimits(ctypes.Structure):
        _fields_ = (
            ("PerProcessUserTimeLimit", ctypes.c_int64),
            ("PerJobUserTimeLimit", ctypes.c_int64),
            ("LimitFlags", wintypes.DWORD),
            ("MinimumWorkingSetSize", ctypes.c_size_t),
            ("MaximumWorkingSetSize", ctypes.c_size_t),
            ("ActiveProcessLimit", wintypes.DWORD),
            ("Affinity", ctypes.c_size_t),
            ("PriorityClass", wintypes.DWORD),
            ("SchedulingClass", wintypes.DWORD),
        )

    class _IoCounters(ctypes.Structure):
        _fields_ = tuple((name, ctypes.c_uint64) for name in ("r", "w", "o", "rb", "wb", "ob"))

    class _ExtendedLimits(ctypes.Structure):
        _fields_ = (
            ("BasicLimitInformation", _JobLimits),
            ("IoInfo", _IoCounters),
            ("ProcessMemoryLimit", ctypes.c_size_t),
            ("JobMemoryLimit", ctypes.c_size_t),
            ("PeakProcessMemoryUsed", ctypes.c_size_t),
            ("PeakJobMemoryUsed", ctypes.c_size_t),
        )

    _KILL_ON_JOB_CLOSE = 0x2000
    _EXTENDED_LIMIT_INFORMATION = 9

    def _create_job(popen: subprocess.Popen[bytes]) -> int | None:
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        kernel32.CreateJobObjectW.restype = wintypes.HANDLE  # 64 bits, not ctypes' int
        handle: int = kernel32.CreateJobObjectW(None, None)
        if not handle:
            log.warning("no job object (error %d): ComfyUI may outlive us", ctypes.get_last_error())
            return None
        limits = _ExtendedLimits()
        limits.BasicLimitInformation.LimitFlags = _KILL_ON_JOB_CLOSE
        ok = kernel32.SetInformationJobObject(
            handle, _EXTENDED_LIMIT_INFORMATION, ctypes.byref(limits), ctypes.sizeof(limits)
        )
        process = int(popen._handle)  # type: ignore[attr-defined]
        if not ok or not kernel32.AssignProcessToJobObject(handle, process):
            log.warning("job object refused (error %d)", ctypes.get_last_error())
            kernel32.CloseHandle(handle)
            return None
        return handle

    def _close_handle(handle: int) -> None:
        ctypes.WinDLL("kernel32").CloseHandle(handle)


class _WindowsJob:
    """A job object that kills its processes when its last handle closes (our exit, however
    it happens): JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE."""

    def __init__(self, handle: int) -> None:
        self._handle = handle

    @classmethod
    def holding(cls, popen: subprocess.Popen[bytes]) -> _WindowsJob | None:
        if sys.platform == "win32":
            handle = _create_job(popen)
            return None if handle is None else cls(handle)
        return None

    def close(self) -> None:
        if sys.platform == "win32" and self._handle:
            _close_handle(self._handle)
            self._handle = 0


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
        code_dir = self.spec.main_py.parent
        child = ChildProcess(self.spec.command(self.port), code_dir, self.tail)
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
