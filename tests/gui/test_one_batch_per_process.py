"""Each process runs its own batch: a window open on the data folder leaves the CLI's jobs to
the CLI, and shows them while they wait and run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from typing import Any

from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import JobStatus
from tests.fakes.comfy_server import FakeComfyServer
from tests.gui.conftest import PoolFactory

WAIT_MS = 90_000


def test_the_window_does_not_run_the_clis_jobs(
    qtbot: QtBot,
    fake_comfy_factory: Callable[..., FakeComfyServer],
    make_pool: PoolFactory,
    ctx: AppContext,
) -> None:
    """Users saw `generate --count 10` print 5 of 10 results while the window ran the rest."""
    fake = fake_comfy_factory(steps=3, step_seconds=0.02)
    pool = make_pool(fake)
    started_here: list[str] = []
    pool.job_started.connect(lambda job_id, _server: started_here.append(job_id))
    seen: set[str] = set()
    pool.job_added.connect(lambda job: seen.add(job.id))

    cli = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "studio_desktop",
            "generate",
            "a batch of the CLI",
            "--server",
            fake.url,
            "--count",
            "6",
            "--json",
            "--data-dir",
            str(ctx.paths.root),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        qtbot.waitUntil(lambda: cli.poll() is not None, timeout=WAIT_MS)
    finally:
        if cli.poll() is None:
            cli.kill()
        stdout, stderr = cli.communicate(timeout=30)
    assert cli.returncode == 0, stderr
    lines: list[dict[str, Any]] = [json.loads(x) for x in stdout.splitlines() if x.strip()]
    finished = [x for x in lines if x.get("event") == "finished"]
    assert len(finished) == 6, lines  # the CLI reports every job of its batch
    assert all(x["status"] == JobStatus.COMPLETED.value for x in finished), finished
    cli_jobs = {x["id"] for x in finished}
    assert not cli_jobs & set(started_here)  # the window ran none of them
    qtbot.waitUntil(lambda: cli_jobs <= seen, timeout=WAIT_MS)  # ... but it showed them
