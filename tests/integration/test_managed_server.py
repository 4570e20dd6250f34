"""The managed ComfyUI (core/managed/process.py) against a stand-in ComfyUI folder whose main.py
runs the fake server (tests/fakes/comfy_layouts.py): start, log, stop, crash and restart, a
port taken by something else, a hang, and no orphan after the parent is killed."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from studio_desktop.core.managed.process import (
    AlreadyRunning,
    Backoff,
    LaunchSpec,
    ManagedServer,
    Notice,
    Preset,
    ServerState,
    StartFailed,
    free_port,
    probe_system_stats,
)
from tests.fakes.comfy_layouts import (
    CRASH_NOW,
    FAIL_AT_START,
    GRANDCHILD,
    HANG,
    REPO_ROOT,
    stand_in,
)
from tests.fakes.comfy_server import FakeComfyServer
from tests.integration.helpers import wait_until

pytestmark = pytest.mark.skipif(os.name == "nt", reason="the stand-in's process checks are POSIX")

WAIT_S = 60.0  # the fake's start imports aiohttp; the shared machine is slow at times
FAST = Backoff(first_s=0.05, max_s=0.1, max_restarts=3, stable_after_s=3600)


def gone(pid: int) -> bool:
    """No such process, or a zombie no one has reaped yet (it runs nothing)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True
    except OSError:  # no /proc (macOS): ask the kernel
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        return False


def group_gone(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return True
    # Members may be zombies reparented to an init that does not reap: check each.
    members = [p for p in _all_pids() if _pgid(p) == pgid]
    return all(gone(p) for p in members)


def _all_pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def _pgid(pid: int) -> int | None:
    try:
        return os.getpgid(pid)
    except ProcessLookupError:
        return None


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return stand_in(tmp_path)


def managed(folder: Path, logs: Path, made: list[ManagedServer], **kwargs: object) -> ManagedServer:
    spec_args = {k: kwargs.pop(k) for k in ("port", "preset", "extra_args") if k in kwargs}
    spec = LaunchSpec(
        python=Path(sys.executable),
        main_py=folder / "main.py",
        port=int(spec_args.get("port", free_port())),  # type: ignore[call-overload]
        preset=spec_args.get("preset", Preset.GPU),  # type: ignore[arg-type]
        extra_args=spec_args.get("extra_args", ()),  # type: ignore[arg-type]
    )
    server = ManagedServer(spec, logs, ready_timeout_s=WAIT_S, **kwargs)  # type: ignore[arg-type]
    made.append(server)
    return server


def test_start_answers_with_the_flags_and_streams_its_log(
    folder: Path, tmp_path: Path, servers: list[ManagedServer]
) -> None:
    lines: list[str] = []
    lock = threading.Lock()

    def keep(line: str) -> None:
        with lock:
            lines.append(line)

    server = managed(
        folder, tmp_path / "logs", servers, preset=Preset.LOWVRAM, extra_args=("--foo", "a b")
    )
    server.subscribe(keep)
    url = server.start()

    assert url == f"http://127.0.0.1:{server.port}"
    assert probe_system_stats("127.0.0.1", server.port)
    assert server.state is ServerState.RUNNING
    wait_until(lambda: any("To see the GUI go to" in x for x in list(lines)), WAIT_S, "the line")
    with lock:
        argv = next(x for x in lines if x.startswith("argv:"))
    assert f"--listen 127.0.0.1 --port {server.port} --lowvram --foo a b" in argv
    log_file = tmp_path / "logs" / "comfyui.log"
    wait_until(lambda: "To see the GUI go to" in log_file.read_text(), WAIT_S, "the log file")
    assert server.tail.last(50)[-1]


def test_stop_leaves_no_process_of_its_group(
    folder: Path, tmp_path: Path, servers: list[ManagedServer]
) -> None:
    (folder / GRANDCHILD).write_text("")
    server = managed(folder, tmp_path / "logs", servers)
    server.start()
    pid = server.pid
    assert pid is not None and os.getpgid(pid) == pid  # its own group
    wait_until(lambda: any("grandchild pid" in x for x in server.tail.last(50)), WAIT_S)
    grandchild = int(next(x for x in server.tail.last(50) if "grandchild pid" in x).split()[-1])

    server.stop()

    assert server.state is ServerState.STOPPED and server.pid is None
    assert gone(pid)
    wait_until(lambda: gone(grandchild), WAIT_S, "the grandchild to go")
    assert group_gone(pid)
    assert not probe_system_stats("127.0.0.1", server.port)


def test_crash_restarts_with_backoff_and_the_last_lines_in_the_notice(
    folder: Path, tmp_path: Path, servers: list[ManagedServer]
) -> None:
    notices: list[Notice] = []
    (folder / GRANDCHILD).write_text("")
    server = managed(folder, tmp_path / "logs", servers, backoff=FAST, on_notice=notices.append)
    server.start()
    first_pid = server.pid
    wait_until(lambda: any("grandchild pid" in x for x in server.tail.last(50)), WAIT_S)
    grandchild = int(next(x for x in server.tail.last(50) if "grandchild pid" in x).split()[-1])

    (folder / CRASH_NOW).write_text("")

    wait_until(lambda: any(n.state is ServerState.RUNNING for n in notices), WAIT_S, "restart")
    crash = notices[0]
    assert crash.state is ServerState.RESTARTING
    assert "exit code 3" in str(crash) and crash.restart_in_s == FAST.first_s
    assert crash.exit_code == 3
    assert "crashing as asked" in crash.last_lines
    assert server.pid != first_pid and first_pid is not None and gone(first_pid)
    assert probe_system_stats("127.0.0.1", server.port)
    assert server.restarts == 1
    assert gone(grandchild)  # what the crashed run started went with its group


def test_gives_up_after_the_restarts_allowed(
    folder: Path, tmp_path: Path, servers: list[ManagedServer]
) -> None:
    notices: list[Notice] = []
    server = managed(folder, tmp_path / "logs", servers, backoff=FAST, on_notice=notices.append)
    server.start()
    (folder / FAIL_AT_START).write_text("")  # every restart fails from now on
    (folder / CRASH_NOW).write_text("")

    wait_until(lambda: server.state is ServerState.FAILED, WAIT_S, "giving up")
    assert [n.state for n in notices] == [ServerState.RESTARTING] * 3 + [ServerState.FAILED]
    assert [n.restart_in_s for n in notices[:3]] == [0.05, 0.1, 0.1]  # doubled, capped
    assert "gave up after 3 restarts" in str(notices[-1])
    assert any("told to fail" in line for line in notices[-1].last_lines)
    assert server.pid is None


def test_a_start_that_fails_says_why_with_the_last_lines(
    folder: Path, tmp_path: Path, servers: list[ManagedServer]
) -> None:
    (folder / FAIL_AT_START).write_text("")
    server = managed(folder, tmp_path / "logs", servers)
    with pytest.raises(StartFailed) as failed:
        server.start()
    assert "exit code 1" in failed.value.reason
    assert any("told to fail" in line for line in failed.value.last_lines)
    assert server.state is ServerState.FAILED


def test_a_hang_is_bounded_and_stopped(folder: Path, tmp_path: Path) -> None:
    (folder / HANG).write_text("")
    pids: list[int] = []
    server = ManagedServer(
        LaunchSpec(python=Path(sys.executable), main_py=folder / "main.py", port=free_port()),
        tmp_path / "logs",
        ready_timeout_s=1.0,
    )
    server.subscribe(lambda line: pids.append(server.pid or 0) if "hanging" in line else None)
    with pytest.raises(StartFailed) as failed:
        server.start()
    assert "did not answer" in failed.value.reason
    assert "hanging as asked" in failed.value.last_lines
    assert pids and gone(pids[0])


def test_a_port_taken_by_something_else_gets_another(
    folder: Path, tmp_path: Path, servers: list[ManagedServer]
) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        taken = squatter.getsockname()[1]
        server = managed(folder, tmp_path / "logs", servers, port=taken)
        url = server.start()
    assert server.port != taken and url.endswith(f":{server.port}")
    assert probe_system_stats("127.0.0.1", server.port)


def test_a_comfyui_already_on_the_port_is_reported_not_doubled(
    folder: Path, tmp_path: Path, servers: list[ManagedServer]
) -> None:
    with FakeComfyServer() as running:
        port = int(running.url.rsplit(":", 1)[1])
        server = managed(folder, tmp_path / "logs", servers, port=port)
        with pytest.raises(AlreadyRunning) as already:
            server.start()
    assert already.value.url == f"http://127.0.0.1:{port}"
    assert server.pid is None


PARENT = """
import sys, threading
from pathlib import Path
sys.path.insert(0, {root!r})
from studio_desktop.core.managed.process import LaunchSpec, ManagedServer, free_port
server = ManagedServer(
    LaunchSpec(python=Path(sys.executable), main_py=Path({main!r}), port=free_port()),
    Path({logs!r}),
)
server.start()
print("child", server.pid, flush=True)
threading.Event().wait()
"""


def test_no_orphan_after_the_parent_is_killed(folder: Path, tmp_path: Path) -> None:
    code = PARENT.format(root=str(REPO_ROOT), main=str(folder / "main.py"), logs=str(tmp_path))
    parent = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        assert parent.stdout is not None
        line = parent.stdout.readline()  # blocks until the child answers (or the parent dies)
        assert line.startswith("child "), line
        child = int(line.split()[1])
        assert not gone(child)

        parent.send_signal(signal.SIGKILL)
        parent.wait(WAIT_S)

        wait_until(lambda: gone(child), WAIT_S, "the child to die with its parent")
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
