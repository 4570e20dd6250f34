"""Ctrl-C cancels the CLI's batch on the server; `cancel` and `retry` act on jobs by id."""

from __future__ import annotations

import uuid
from pathlib import Path

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import JobError, JobStatus, NewJob
from tests.fakes.comfy_server import ENDLESS_STEPS, FakeComfyServer
from tests.integration.cli_process import LiveCli
from tests.integration.helpers import params_for, submit_blocker, submit_direct, wait_until
from tests.integration.test_cli import studio

EXIT_INTERRUPTED = 130
LONG_S = 60.0


def jobs_by_status(data_dir: Path) -> dict[str, JobStatus]:
    with AppContext.open(data_dir) as ctx:
        return {job.id: job.status for job in ctx.store.list_jobs().items}


def endless_batch(fake: FakeComfyServer, data_dir: Path, *extra: str) -> LiveCli:
    """A batch of 3 whose first prompt runs on the fake and whose second waits there."""
    fake.steps = ENDLESS_STEPS
    fake.step_seconds = 0.05
    cli = LiveCli(
        "generate", "a cat", "--count", "3", "--server", fake.url, *extra, data_dir=data_dir
    )
    cli.wait_for_line("running on")
    wait_until(lambda: len(fake.submitted) == 2, LONG_S, "the second prompt queued on the fake")
    return cli


def test_ctrl_c_cancels_the_batch_and_takes_its_prompts_off_the_server(
    fake_comfy: FakeComfyServer, tmp_path: Path
) -> None:
    """Before: Ctrl-C exited 130 and left the prompt running and the next queued there."""
    cli = endless_batch(fake_comfy, tmp_path)
    try:
        running, queued = (body["prompt_id"] for body in fake_comfy.submitted)
        cli.interrupt()
        assert cli.finish() == EXIT_INTERRUPTED, cli.stdout + cli.stderr
    finally:
        cli.kill()
    assert "cancelling 3 jobs" in cli.stdout and "Ctrl-C again" in cli.stdout
    assert set(jobs_by_status(tmp_path).values()) == {JobStatus.CANCELLED}
    assert running in fake_comfy.interrupts and queued in fake_comfy.deleted
    assert fake_comfy.wait_idle(timeout=LONG_S)
    assert "0 of 3 jobs completed" in cli.stdout


def test_a_second_ctrl_c_leaves_at_once_keeping_the_jobs_for_resume(
    fake_comfy: FakeComfyServer, tmp_path: Path
) -> None:
    cli = endless_batch(fake_comfy, tmp_path)
    try:
        fake_comfy.faults.slow_seconds = 20  # the cancel waits for a slow server
        cli.interrupt()
        cli.wait_for_line("cancelling 3 jobs")
        cli.interrupt()
        assert cli.finish() == EXIT_INTERRUPTED, cli.stdout + cli.stderr
    finally:
        fake_comfy.faults.slow_seconds = 0
        cli.kill()
    assert "studio-desktop resume" in cli.stderr and "Traceback" not in cli.stderr
    assert all(status.is_active for status in jobs_by_status(tmp_path).values())
    assert not fake_comfy.interrupts  # it did not wait for the server to answer


def test_ctrl_c_while_the_server_is_away_keeps_the_jobs_for_resume(
    fake_comfy: FakeComfyServer, tmp_path: Path
) -> None:
    cli = endless_batch(fake_comfy, tmp_path, "--wait", "300")
    try:
        fake_comfy.stop()
        cli.wait_for_line("waiting for")
        cli.interrupt()
        assert cli.finish() == EXIT_INTERRUPTED, cli.stdout + cli.stderr
    finally:
        cli.kill()
    assert "studio-desktop resume" in cli.stderr
    assert all(status.is_active for status in jobs_by_status(tmp_path).values())


def test_cancel_stops_a_job_that_another_live_cli_runs(
    fake_comfy: FakeComfyServer, tmp_path: Path
) -> None:
    cli = endless_batch(fake_comfy, tmp_path)
    try:
        running = fake_comfy.submitted[0]["prompt_id"]
        result = studio("cancel", running[:8], data_dir=tmp_path)
        assert result.returncode == 0, result.stdout + result.stderr
        assert f"cancelled {running[:8]}" in result.stdout
        # The process that runs it takes it off its server.
        wait_until(lambda: running in fake_comfy.interrupts, LONG_S, "the interrupt")
        result = studio("cancel", "--all", data_dir=tmp_path)
        assert result.returncode == 0, result.stdout + result.stderr
        assert cli.finish() == 1, cli.stdout + cli.stderr
    finally:
        cli.kill()
    assert "0 of 3 jobs completed" in cli.stdout
    assert set(jobs_by_status(tmp_path).values()) == {JobStatus.CANCELLED}
    assert fake_comfy.wait_idle(timeout=LONG_S)


def test_cancel_takes_a_job_of_a_gone_process_off_the_server(
    fake_comfy: FakeComfyServer, tmp_path: Path
) -> None:
    fake_comfy.steps = ENDLESS_STEPS
    fake_comfy.step_seconds = 0.05
    gone = uuid.uuid4().hex  # an owner whose process (and lock file) is gone
    with AppContext.open(tmp_path) as ctx:
        job = ctx.store.add_job(
            NewJob(template="txt2img", params=params_for(fake_comfy), server=fake_comfy.url),
            owner=gone,
        )
        claimed = ctx.store.claim_next(fake_comfy.url, owner=gone)
        assert claimed is not None and claimed.id == job.id
        submit_blocker(fake_comfy, ctx)
        submit_direct(fake_comfy, ctx, claimed)  # waits behind the blocker
    result = studio("cancel", job.id[:6], "--json", data_dir=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert job.id in fake_comfy.deleted
    assert jobs_by_status(tmp_path)[job.id] is JobStatus.CANCELLED


def test_an_ambiguous_or_unknown_prefix_is_one_clear_error_and_cancels_nothing(
    tmp_path: Path,
) -> None:
    with AppContext.open(tmp_path) as ctx:
        params = params_for(FakeComfyServer())
        for digit in "01":
            job_id = f"abc{digit * 5}-0000-4000-8000-000000000000"
            ctx.store.add_job(NewJob(template="txt2img", params=params, id=job_id))
    for args, says in (
        (("abc",), "'abc' is the start of 2 job ids"),
        (("abc1", "fff"), "no job id starts with 'fff'"),
        ((), "--all"),
    ):
        result = studio("cancel", *args, data_dir=tmp_path)
        assert result.returncode == 2, result.stdout + result.stderr
        errors = result.stderr.strip().splitlines()
        assert len(errors) == 1 and errors[0].startswith("error:") and says in errors[0]
    assert set(jobs_by_status(tmp_path).values()) == {JobStatus.PENDING}


def test_retry_runs_a_failed_and_a_cancelled_job_again(
    fake_comfy: FakeComfyServer, tmp_path: Path
) -> None:
    with AppContext.open(tmp_path) as ctx:
        failed, cancelled, done = ctx.store.add_jobs(
            [NewJob(template="txt2img", params=params_for(fake_comfy, seed=i)) for i in range(3)]
        )
        claimed = ctx.store.claim_next(fake_comfy.url, can_run=lambda j: j.id == failed.id)
        assert claimed is not None
        ctx.store.fail(failed.id, JobError(type="server_down", message="gone"))
        ctx.store.cancel(cancelled.id)
        ctx.store.cancel(done.id)
    refused = studio("retry", "--failed", failed.id[:8], data_dir=tmp_path)
    assert refused.returncode == 2 and "not both" in refused.stderr
    result = studio(
        "retry", cancelled.id[:8], failed.id[:8], "--server", fake_comfy.url, data_dir=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 of 2 jobs completed" in result.stdout
    statuses = jobs_by_status(tmp_path)
    assert statuses[failed.id] is JobStatus.COMPLETED
    assert statuses[cancelled.id] is JobStatus.COMPLETED
    assert statuses[done.id] is JobStatus.CANCELLED
