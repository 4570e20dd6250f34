"""No orphan ComfyUI, whatever happens to the app (issue 16): the orphan guard on POSIX
(core/managed/orphan_guard.py), the kill-on-close job on Windows (core/managed/win32.py).

The stand-in ComfyUI folder of test_managed_server.py (tests/fakes/comfy_layouts.py); with the
GRANDCHILD marker it prints its pid and starts a child of its own, as ComfyUI's custom nodes
may. Every wait is on a condition, with a generous deadline.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from studio_desktop.core.managed import orphan_guard
from studio_desktop.core.managed.process import (
    ManagedServer,
    ServerState,
    free_port,
    guard_script,
    probe_system_stats,
)
from studio_desktop.core.managed.running import read_record
from tests.fakes.comfy_layouts import CRASH_NOW, GRANDCHILD, HANG, REPO_ROOT, stand_in
from tests.integration.cli_process import LONG_WAIT_S, LiveCli
from tests.integration.helpers import wait_until
from tests.integration.test_cli_managed_server import cli, start_args
from tests.integration.test_managed_server import FAST, WAIT_S, gone, managed

POSIX = pytest.mark.skipif(os.name == "nt", reason="the orphan guard is POSIX's")
WINDOWS = pytest.mark.skipif(os.name != "nt", reason="the job object is Windows'")
GUARD_LOG = "[studio guard]"


def parent_of(pid: int) -> int:
    """The parent's pid (`ps`: the same on Linux and macOS)."""
    out = subprocess.run(
        ["ps", "-o", "ppid=", "-p", str(pid)], capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip())


def logged_pid(log: Path, label: str) -> int:
    """The pid the stand-in printed after `label` ("stand-in pid", "grandchild pid")."""
    wait_until(lambda: log.exists() and label in log.read_text(), WAIT_S, f"{label} in the log")
    line = next(x for x in log.read_text().splitlines() if x.startswith(label))
    return int(line.split()[-1])


def wait_all_gone(*pids: int) -> None:
    for pid in pids:
        wait_until(lambda pid=pid: gone(pid), WAIT_S, f"pid {pid} to be gone")  # type: ignore[misc]


def guard_command(*command: str) -> list[str]:
    return [sys.executable, "-I", str(guard_script()), "--", *command]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    made = stand_in(tmp_path)
    (made / GRANDCHILD).write_text("")
    return made


def test_the_guard_script_is_found_from_source_and_shipped_to_the_same_place_frozen() -> None:
    assert guard_script().is_file()
    assert guard_script() == Path(orphan_guard.__file__).resolve()
    spec = (REPO_ROOT / "studio.spec").read_text()
    assert 'MANAGED = "studio_desktop/core/managed"' in spec
    assert '(str(ROOT / MANAGED / "orphan_guard.py"), MANAGED)' in spec


# ----------------------------------------------------------------------------- (a) kill -9

OWNER = """
import sys, threading
from pathlib import Path
sys.path.insert(0, {root!r})
from studio_desktop.core.managed import process
if {guard_alone!r}:
    process._death_signal_hook = lambda *args: None  # no PR_SET_PDEATHSIG: the guard alone
spec = process.LaunchSpec(Path(sys.executable), Path({main!r}), port=process.free_port())
server = process.ManagedServer(spec, Path({logs!r}))
server.start()
print("started", server.pid, flush=True)
threading.Event().wait()
"""


@POSIX
@pytest.mark.parametrize("guard_alone", [False, True], ids=["with-pdeathsig", "guard-alone"])
def test_no_orphan_when_the_app_is_killed_with_sigkill(
    folder: Path, tmp_path: Path, guard_alone: bool
) -> None:
    logs = tmp_path / "logs"
    code = OWNER.format(
        root=str(REPO_ROOT), main=str(folder / "main.py"), logs=str(logs), guard_alone=guard_alone
    )
    owner = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        assert owner.stdout is not None
        line = owner.stdout.readline()  # once ComfyUI answers (or the owner died: "")
        assert line.startswith("started "), line
        comfyui = logged_pid(logs / "comfyui.log", "stand-in pid")
        grandchild = logged_pid(logs / "comfyui.log", "grandchild pid")
        guard = parent_of(comfyui)  # the guard's (the owner's, when it runs ComfyUI itself)
        assert int(line.split()[1]) == comfyui and not gone(grandchild)

        owner.send_signal(signal.SIGKILL)
        owner.wait(WAIT_S)

        wait_all_gone(comfyui, grandchild, guard)
    finally:
        if owner.poll() is None:
            owner.kill()
            owner.wait()


@POSIX
def test_a_foreground_server_start_killed_with_sigkill_leaves_nothing(
    folder: Path, tmp_path: Path
) -> None:
    data, port = tmp_path / "data", free_port()
    live = LiveCli(*start_args(folder, port), data_dir=data)
    try:
        live.wait_for_line(f"http://127.0.0.1:{port}")
        comfyui = logged_pid(data / "logs" / "comfyui.log", "stand-in pid")
        grandchild = logged_pid(data / "logs" / "comfyui.log", "grandchild pid")
        guard = parent_of(comfyui)

        live.process.send_signal(signal.SIGKILL)
        live.finish()

        wait_all_gone(comfyui, grandchild, guard)
        assert not probe_system_stats("127.0.0.1", port)
    finally:
        live.kill()


# ----------------------------------------------------------------------------- (b) a crash


@POSIX
@pytest.mark.parametrize(
    ("script", "expected"),
    [("import sys; sys.exit(7)", 7), ("import os, signal; os.kill(os.getpid(), 9)", -9)],
    ids=["exit-code", "killed-by-signal"],
)
def test_the_guard_exits_as_comfyui_did(script: str, expected: int) -> None:
    owner, end = socket.socketpair()
    with owner:
        guard = subprocess.Popen(guard_command(sys.executable, "-c", script), stdin=end)
        end.close()
        assert guard.wait(WAIT_S) == expected
        assert owner.recv(64).startswith(orphan_guard.PID_PREFIX)  # it said whom it ran


@POSIX
def test_a_crash_is_seen_by_the_restart_logic_through_the_guard(
    folder: Path, tmp_path: Path, servers: list[ManagedServer]
) -> None:
    states: list[ServerState] = []
    server = managed(folder, tmp_path / "logs", servers, backoff=FAST, on_state=states.append)
    server.start()
    first = server.pid
    assert first is not None
    first_guard = parent_of(first)

    (folder / CRASH_NOW).write_text("")  # the stand-in exits 3; its guard exits 3 too

    wait_until(lambda: server.restarts == 1 and server.state is ServerState.RUNNING, WAIT_S)
    crashed_and_back = [ServerState.RESTARTING, ServerState.STARTING, ServerState.RUNNING]
    assert states == [ServerState.STARTING, ServerState.RUNNING, *crashed_and_back]
    wait_all_gone(first, first_guard)
    assert server.pid is not None and parent_of(server.pid) != first_guard  # a guard of its own


# ----------------------------------------------------------------------------- (c) a clean stop


@POSIX
def test_a_clean_stop_ends_comfyui_what_it_started_and_the_guard(
    folder: Path, tmp_path: Path, servers: list[ManagedServer]
) -> None:
    logs = tmp_path / "logs"
    server = managed(folder, logs, servers)
    server.start()
    comfyui = server.pid
    assert comfyui is not None and os.getpgid(comfyui) == comfyui  # it leads its own group
    grandchild = logged_pid(logs / "comfyui.log", "grandchild pid")
    guard = parent_of(comfyui)
    assert guard != os.getpid() and os.getpgid(guard) != comfyui  # outside the group it stops

    server.stop()

    assert server.state is ServerState.STOPPED
    wait_all_gone(comfyui, grandchild, guard)
    assert GUARD_LOG not in (logs / "comfyui.log").read_text()  # a stop is no death of the app


@POSIX
def test_the_guard_forwards_sigterm_to_comfyuis_group() -> None:
    script = "import time; print('up', flush=True); time.sleep(3600)"
    owner, end = socket.socketpair()
    with owner:
        guard = subprocess.Popen(
            guard_command(sys.executable, "-c", script), stdin=end, stdout=subprocess.PIPE
        )
        end.close()
        comfyui = int(owner.recv(64).split()[-1])
        assert guard.stdout is not None and guard.stdout.readline() == b"up\n"

        guard.send_signal(signal.SIGTERM)

        assert guard.wait(WAIT_S) == -signal.SIGTERM
        wait_all_gone(comfyui)


# ----------------------------------------------------------------------------- (d), (e) detached


@POSIX
def test_a_detached_server_outlives_the_cli_and_server_stop_ends_it(
    folder: Path, tmp_path: Path
) -> None:
    data, port = tmp_path / "data", free_port()

    started = cli(*start_args(folder, port), "--detach", data=data)

    assert started.returncode == 0, started.stderr
    log = data / "logs" / "comfyui.log"
    comfyui = logged_pid(log, "stand-in pid")
    grandchild = logged_pid(log, "grandchild pid")
    guard = parent_of(comfyui)
    record = read_record(data)
    assert record is not None and record.pid == comfyui
    wait_until(lambda: f"{GUARD_LOG} released" in log.read_text(), WAIT_S, "the release")
    assert probe_system_stats("127.0.0.1", port)  # the CLI has exited; ComfyUI answers
    assert not gone(guard)

    stopped = cli("server", "stop", data=data)

    assert stopped.returncode == 0, stopped.stderr
    wait_all_gone(comfyui, grandchild, guard)
    assert not probe_system_stats("127.0.0.1", port)


@POSIX
def test_a_detached_start_killed_before_ready_leaves_nothing(folder: Path, tmp_path: Path) -> None:
    (folder / HANG).write_text("")  # it never answers: the CLI waits
    data, port = tmp_path / "data", free_port()
    live = LiveCli(*start_args(folder, port), "--detach", "--timeout", "600", data_dir=data)
    try:
        log = data / "logs" / "comfyui.log"
        wait_until(lambda: log.exists() and "hanging as asked" in log.read_text(), LONG_WAIT_S)
        comfyui = logged_pid(log, "stand-in pid")
        grandchild = logged_pid(log, "grandchild pid")
        guard = parent_of(comfyui)

        live.process.send_signal(signal.SIGKILL)
        live.finish()

        wait_all_gone(comfyui, grandchild, guard)
        assert "the app is gone" in log.read_text()
        assert read_record(data) is None
    finally:
        live.kill()


@POSIX
def test_a_comfyui_that_ignores_sigterm_is_killed_when_the_app_goes() -> None:
    script = (
        "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN);"
        "print('deaf', flush=True); time.sleep(3600)"
    )
    owner, end = socket.socketpair()
    guard = subprocess.Popen(
        guard_command(sys.executable, "-c", script),
        stdin=end,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    end.close()
    comfyui = int(owner.recv(64).split()[-1])
    assert guard.stdout is not None and guard.stdout.readline() == b"deaf\n"

    owner.close()  # the app goes

    assert guard.wait(WAIT_S + orphan_guard.GRACE_S) == -signal.SIGKILL
    wait_all_gone(comfyui)
    said = guard.stdout.read().decode()
    assert "the app is gone" in said and f"did not stop in {orphan_guard.GRACE_S:g} s" in said


@POSIX
def test_a_released_guard_no_longer_stops_comfyui_when_the_app_goes() -> None:
    script = "import time; time.sleep(3600)"
    owner, end = socket.socketpair()
    guard = subprocess.Popen(
        guard_command(sys.executable, "-c", script), stdin=end, stderr=subprocess.PIPE
    )
    end.close()
    comfyui = int(owner.recv(64).split()[-1])
    try:
        owner.sendall(orphan_guard.RELEASE)
        owner.close()  # the app goes
        assert guard.stderr is not None
        assert b"released" in guard.stderr.readline()
        assert guard.poll() is None and not gone(comfyui)
    finally:
        os.killpg(comfyui, signal.SIGKILL)
    assert guard.wait(WAIT_S) == -signal.SIGKILL  # it exits as ComfyUI did


# ----------------------------------------------------------------------------- Windows


@WINDOWS
def test_windows_alive_tells_a_running_process_from_an_ended_one() -> None:
    from studio_desktop.core.managed import win32

    ended = subprocess.run([sys.executable, "-c", "pass"], check=True)
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(3600)"])
    try:
        assert ended.returncode == 0
        assert win32.alive(os.getpid()) and win32.alive(child.pid)
    finally:
        child.kill()
        child.wait()
    assert not win32.alive(child.pid)


@WINDOWS
def test_windows_closing_the_job_ends_comfyui_and_its_children() -> None:
    from studio_desktop.core.managed import win32

    script = (  # its child once it is in the job (a line on stdin says so)
        "import subprocess, sys, time; sys.stdin.readline();"
        "p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(3600)']);"
        "print(p.pid, flush=True); time.sleep(3600)"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    job = win32.Job.holding(child)
    try:
        assert job is not None and child.stdin is not None and child.stdout is not None
        child.stdin.write(b"in the job\n")
        child.stdin.flush()
        grandchild = int(child.stdout.readline())
        assert win32.alive(grandchild)

        job.close()

        wait_until(lambda: not win32.alive(grandchild), WAIT_S, "the grandchild to end")
        assert child.wait(WAIT_S) is not None
    finally:
        if child.poll() is None:
            win32.kill_tree(child.pid)
        child.wait()
