"""`studio-desktop --self-test`, run as a real subprocess (offscreen) against the fake ComfyUI.

The frozen bundle runs the same flag in `.ci/run` (build/build.py --smoke); here it runs from the
checkout so a broken self-test shows up in the normal test run.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.fakes.comfy_server import FakeComfyServer


def self_test(*args: str, timeout: float = 90) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}
    return subprocess.run(
        [sys.executable, "-m", "studio_desktop", "--self-test", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return result.stdout.strip().splitlines()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_self_test_passes_with_a_temporary_data_folder(
    fake_comfy: FakeComfyServer, _private_data_dir: Path
) -> None:
    result = self_test("--server", fake_comfy.url)

    assert result.returncode == 0, result.stdout + result.stderr
    out = lines(result)
    assert out[0].startswith("startup: ") and out[0].endswith(" s")
    assert out[-1].startswith("self-test: ok (")
    # It ran one job on the server, and left no trace in the user's data folder.
    assert len(fake_comfy.submitted) == 1
    assert not (_private_data_dir / "studio.sqlite3").exists()


def test_self_test_with_a_data_dir_keeps_the_image_and_not_the_server(
    fake_comfy: FakeComfyServer, tmp_path: Path
) -> None:
    result = self_test("--server", fake_comfy.url, "--data-dir", str(tmp_path))

    assert result.returncode == 0, result.stdout + result.stderr
    assert len(list((tmp_path / "outputs").rglob("*.png"))) == 1
    connection = sqlite3.connect(tmp_path / "studio.sqlite3")
    try:
        statuses = connection.execute("SELECT status FROM jobs").fetchall()
        servers = connection.execute("SELECT url FROM servers").fetchall()
    finally:
        connection.close()
    assert statuses == [("completed",)]
    assert servers == []  # registered for the test only


def test_self_test_fails_when_no_server_answers() -> None:
    result = self_test("--server", f"http://127.0.0.1:{free_port()}")

    assert result.returncode == 1
    assert lines(result)[-1].startswith("self-test: FAILED: cannot read the model list")


def test_self_test_fails_when_the_job_fails(
    fake_comfy_factory: Callable[..., FakeComfyServer],
) -> None:
    server = fake_comfy_factory()
    server.faults.runtime_error = True

    result = self_test("--server", server.url)

    assert result.returncode == 1
    assert lines(result)[-1].startswith("self-test: FAILED: the job ended failed")
