"""`studio-desktop server start|stop|status|log` with a stand-in ComfyUI folder (its main.py
runs the fake server; tests/fakes/comfy_layouts.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from studio_desktop.core.managed.process import free_port, probe_system_stats
from studio_desktop.core.managed.running import alive, read_record
from tests.fakes.comfy_layouts import CRASH_NOW, stand_in
from tests.integration.cli_process import LONG_WAIT_S, LiveCli
from tests.integration.helpers import wait_until

pytestmark = pytest.mark.skipif(os.name == "nt", reason="the stand-in's process checks are POSIX")


def cli(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studio_desktop", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        timeout=LONG_WAIT_S * 2,
        check=False,
    )


def start_args(folder: Path, port: int) -> list[str]:
    return [
        "server",
        "start",
        "--path",
        str(folder),
        "--python",
        sys.executable,
        "--port",
        str(port),
    ]


def test_detached_start_status_log_and_stop(tmp_path: Path) -> None:
    folder, data, port = stand_in(tmp_path), tmp_path / "data", free_port()

    started = cli(*start_args(folder, port), "--preset", "cpu", "--detach", "--", "--x", data=data)

    assert started.returncode == 0, started.stderr
    url = f"http://127.0.0.1:{port}"
    assert started.stdout.strip() == url
    assert probe_system_stats("127.0.0.1", port)
    listed = json.loads(cli("servers", "list", "--json", data=data).stdout)
    assert url in [s["url"] for s in listed]  # registered
    checked = cli("servers", "check", url, data=data)
    assert checked.returncode == 0 and "connected" in checked.stdout, checked.stderr

    status = cli("server", "status", data=data)
    assert status.returncode == 0 and f"running at {url}" in status.stdout
    assert "detached" in status.stdout and "answering" in status.stdout
    log = cli("server", "log", data=data)
    assert f"--listen 127.0.0.1 --port {port} --cpu --x" in log.stdout
    assert "To see the GUI go to" in log.stdout
    record = read_record(data)
    assert record is not None and alive(record.pid)

    stopped = cli("server", "stop", data=data)

    assert stopped.returncode == 0 and f"stopped {url}" in stopped.stdout
    assert not alive(record.pid)
    assert not probe_system_stats("127.0.0.1", port)
    after = cli("server", "status", data=data)
    assert after.returncode == 1 and "no managed ComfyUI" in after.stdout

    # A start on another port moves the one managed entry (it used to add one per port).
    other = free_port()
    again = cli(*start_args(folder, other), "--detach", data=data)
    assert again.returncode == 0, again.stderr
    cli("server", "stop", data=data)
    listed = json.loads(cli("servers", "list", "--json", data=data).stdout)
    assert [s["url"] for s in listed] == [f"http://127.0.0.1:{other}"]


def test_foreground_start_runs_until_server_stop(tmp_path: Path) -> None:
    folder, data, port = stand_in(tmp_path), tmp_path / "data", free_port()
    live = LiveCli(*start_args(folder, port), data_dir=data)
    try:
        live.wait_for_line(f"http://127.0.0.1:{port}")
        record = read_record(data)
        assert record is not None and record.supervisor_pid == live.process.pid
        status = cli("server", "status", data=data)
        assert f"run by pid {live.process.pid}" in status.stdout

        stopped = cli("server", "stop", data=data)

        assert stopped.returncode == 0, stopped.stderr
        assert live.finish() == 0
        assert not alive(record.pid)
        assert read_record(data) is None
    finally:
        live.kill()


def test_foreground_start_stops_comfyui_on_ctrl_c(tmp_path: Path) -> None:
    folder, data, port = stand_in(tmp_path), tmp_path / "data", free_port()
    live = LiveCli(*start_args(folder, port), data_dir=data)
    try:
        live.wait_for_line(f"http://127.0.0.1:{port}")
        record = read_record(data)
        assert record is not None

        live.interrupt()

        assert live.finish() == 0
        assert "stopped ComfyUI" in live.stderr
        assert not alive(record.pid)
        assert not probe_system_stats("127.0.0.1", port)
    finally:
        live.kill()


def test_log_follow_prints_new_lines(tmp_path: Path) -> None:
    folder, data, port = stand_in(tmp_path), tmp_path / "data", free_port()
    assert cli(*start_args(folder, port), "--detach", data=data).returncode == 0
    record = read_record(data)
    assert record is not None
    follow = LiveCli("server", "log", "-f", "-n", "1", data_dir=data)
    try:
        wait_until(lambda: follow.stdout != "", LONG_WAIT_S, "the last line: it follows now")
        (folder / CRASH_NOW).write_text("")  # the stand-in says so, then exits
        follow.wait_for_line("crashing as asked")
        wait_until(lambda: not alive(record.pid), LONG_WAIT_S, "the stand-in to exit")
        follow.interrupt()
        assert follow.finish() == 0
    finally:
        follow.kill()
        cli("server", "stop", data=data)


def test_a_folder_that_is_not_comfyui_is_one_line(tmp_path: Path) -> None:
    result = cli("server", "start", "--path", str(tmp_path), data=tmp_path / "data")
    assert result.returncode == 2
    assert "is not a ComfyUI folder" in result.stderr


def test_find_lists_an_install_named_by_hand(tmp_path: Path) -> None:
    folder = stand_in(tmp_path)
    result = cli("server", "find", "--path", str(folder), "--json", data=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    found = [json.loads(line) for line in result.stdout.splitlines()]
    mine = [f for f in found if f["path"] == str(folder)]
    assert mine == [
        {
            "kind": "git",
            "path": str(folder),
            "python": None,
            "main_py": str(folder / "main.py"),
            "version": "0.3.64",
            "startable": False,
        }
    ]


def test_a_python_that_cannot_run_is_one_message_not_a_traceback(tmp_path: Path) -> None:
    """`server start --detach` with a python the system refuses to run (not executable here)
    printed a Python traceback from Popen."""
    folder, data, port = stand_in(tmp_path), tmp_path / "data", free_port()
    python = tmp_path / "python-not-executable"
    python.write_text("#!/bin/sh\n")
    python.chmod(0o644)
    args = start_args(folder, port)
    args[args.index("--python") + 1] = str(python)

    result = cli(*args, "--detach", data=data)

    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert str(python) in result.stderr and "could not" in result.stderr.lower()
