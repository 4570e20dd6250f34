"""Each job keeps its own number in its batch, also when two run side by side."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from studio_desktop.core.context import AppContext
from tests.fakes.comfy_server import ENDLESS_STEPS, FakeComfyServer
from tests.integration.cli_process import LiveCli
from tests.integration.helpers import wait_until

RUNNING = re.compile(r"^\[(\d+)/(\d+)\] ([0-9a-f]{8}) running on", re.MULTILINE)


def test_two_jobs_running_side_by_side_show_their_own_numbers_not_1_of_2_twice(
    fake_comfy_factory: Callable[..., FakeComfyServer], tmp_path: Path
) -> None:
    fakes = [fake_comfy_factory(steps=ENDLESS_STEPS, step_seconds=0.05) for _ in range(2)]
    servers = [arg for fake in fakes for arg in ("--server", fake.url)]
    cli = LiveCli(
        "generate", "a cat", "--count", "2", "--pipeline-depth", "1", *servers,
        data_dir=tmp_path,
    )  # fmt: skip
    try:
        # One job on each server, both running: neither has finished when the other starts.
        wait_until(lambda: len(RUNNING.findall(cli.stdout)) >= 2, 60, "both jobs running")
        for fake in fakes:
            fake.steps = 2
        assert cli.finish() == 0, cli.stdout + cli.stderr
    finally:
        cli.kill()
    with AppContext.open(tmp_path) as ctx:
        in_order = sorted(ctx.store.list_jobs().items, key=lambda job: job.seq)
    expected = {(str(i), "2", job.id[:8]) for i, job in enumerate(in_order, 1)}
    running: set[Any] = set(RUNNING.findall(cli.stdout))
    assert running == expected, cli.stdout
    assert "2 of 2 jobs completed" in cli.stdout
