"""The CLI and a server that goes away mid-batch: it waits (saying so), and gives up cleanly."""

from __future__ import annotations

from pathlib import Path

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import JobStatus
from tests.fakes.comfy_server import ENDLESS_STEPS, FakeComfyServer
from tests.integration.cli_process import LiveCli
from tests.integration.test_cli import studio

EXIT_GAVE_UP = 3


def statuses(data_dir: Path) -> list[JobStatus]:
    with AppContext.open(data_dir) as ctx:
        return [job.status for job in ctx.store.list_jobs().items]


def test_generate_waits_for_a_restarted_server_and_finishes_the_batch(
    fake_comfy: FakeComfyServer, tmp_path: Path
) -> None:
    """Measured on a real ComfyUI: killed mid-batch, up again 43 s later, the CLI had quit."""
    fake_comfy.steps = ENDLESS_STEPS
    fake_comfy.step_seconds = 0.05
    cli = LiveCli(
        "generate", "a cat", "--count", "2", "--server", fake_comfy.url, "--wait", "120",
        data_dir=tmp_path,
    )  # fmt: skip
    try:
        cli.wait_for_line("running on")
        fake_comfy.stop()  # down for as long as the test takes to see the CLI wait
        cli.wait_for_line("waiting for")
        assert "giving up in" in cli.stdout and "studio-desktop resume" in cli.stdout
        fake_comfy.steps = 3
        fake_comfy.restart()  # back on the same port, its queue lost like ComfyUI's
        assert cli.finish() == 0, cli.stdout + cli.stderr
    finally:
        cli.kill()
    assert "2 of 2 jobs completed" in cli.stdout
    assert statuses(tmp_path) == [JobStatus.COMPLETED] * 2


def test_generate_gives_up_after_wait_keeping_the_jobs_for_resume(
    fake_comfy: FakeComfyServer, tmp_path: Path
) -> None:
    fake_comfy.steps = ENDLESS_STEPS
    fake_comfy.step_seconds = 0.05
    cli = LiveCli(
        "generate", "a cat", "--count", "2", "--server", fake_comfy.url, "--wait", "1",
        data_dir=tmp_path,
    )  # fmt: skip
    try:
        cli.wait_for_line("running on")
        fake_comfy.stop()
        assert cli.finish() == EXIT_GAVE_UP, cli.stdout + cli.stderr
    finally:
        cli.kill()
    errors = [line for line in cli.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "studio-desktop resume" in errors[0]
    assert "waiting for" in cli.stdout
    assert all(status.is_active for status in statuses(tmp_path))  # nothing lost

    fake_comfy.steps = 3
    fake_comfy.restart()
    result = studio("resume", "--server", fake_comfy.url, data_dir=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert statuses(tmp_path) == [JobStatus.COMPLETED] * 2


def test_a_server_that_refuses_us_after_a_restart_is_given_up_after_wait(
    fake_comfy: FakeComfyServer, tmp_path: Path
) -> None:
    """Issue 10: a 401 made the loop flap CONNECTING/DOWN, and every CONNECTING restarted the
    give-up timer: the CLI hung for ever."""
    fake_comfy.steps = ENDLESS_STEPS
    fake_comfy.step_seconds = 0.05
    cli = LiveCli("generate", "a cat", "--server", fake_comfy.url, "--wait", "2", data_dir=tmp_path)
    try:
        cli.wait_for_line("running on")
        fake_comfy.stop()
        fake_comfy.require_auth = "Bearer someone-else"
        fake_comfy.restart()
        assert cli.finish() == EXIT_GAVE_UP, cli.stdout + cli.stderr
    finally:
        cli.kill()
    assert "studio-desktop resume" in cli.stderr
    assert all(status.is_active for status in statuses(tmp_path))


def test_wait_must_be_a_number_of_seconds(tmp_path: Path) -> None:
    result = studio("generate", "a cat", "--wait", "soon", data_dir=tmp_path)
    assert result.returncode == 2
    assert "--wait" in result.stderr and "Traceback" not in result.stderr
