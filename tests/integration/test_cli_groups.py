"""The CLI's batch groups and pause (issue 15): `generate` prints its group, `export --group`
copies its outputs, `cancel`/`retry` take a group id, `queue pause|resume [--server]`."""

from __future__ import annotations

from pathlib import Path

from studio_desktop.core.context import AppContext
from studio_desktop.core.groups import NewGroup
from studio_desktop.core.jobs import JobError, JobStatus, NewJob
from tests.fakes.comfy_server import FakeComfyServer
from tests.integration.cli_process import LiveCli
from tests.integration.helpers import params_for
from tests.integration.test_cli import json_lines, studio


def _group_of(stdout: str) -> str:
    (line,) = [line for line in stdout.splitlines() if line.startswith("group ")]
    return line.split()[1]


def test_generate_prints_its_group_and_export_copies_its_outputs(
    fake_comfy: FakeComfyServer, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    result = studio("generate", "a cat", "--count", "3", "--server", fake_comfy.url, data_dir=data)
    assert result.returncode == 0, result.stdout + result.stderr
    group_id = _group_of(result.stdout)
    with AppContext.open(data) as ctx:
        jobs = ctx.store.group_jobs(group_id)
        assert [j.status for j in jobs] == [JobStatus.COMPLETED] * 3
        group = ctx.store.get_group(group_id)
        assert group is not None and group.label == "a cat"

    folder = tmp_path / "out" / "cats"
    exported = studio("export", "--group", group_id[:8], str(folder), "--json", data_dir=data)
    assert exported.returncode == 0, exported.stderr
    (event,) = json_lines(exported.stdout)
    assert event["event"] == "exported" and len(event["files"]) == 3
    names = sorted(p.name for p in folder.iterdir())
    assert names == [f"{n:04d}_{jobs[n - 1].id[:8]}_0.png" for n in (1, 2, 3)]
    assert all((folder / n).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for n in names)

    unknown = studio("export", "--group", "ffffffff", str(folder), data_dir=data)
    assert unknown.returncode != 0 and "no group id starts with" in unknown.stderr


def test_cancel_and_retry_a_group_by_its_id(fake_comfy: FakeComfyServer, tmp_path: Path) -> None:
    data = tmp_path / "data"
    waiting = NewGroup("waiting")
    broken = NewGroup("broken")
    with AppContext.open(data) as ctx:
        ctx.store.add_jobs(
            [NewJob("txt2img", params_for(fake_comfy, seed=i)) for i in range(3)], group=waiting
        )
        failed = ctx.store.add_jobs(
            [NewJob("txt2img", params_for(fake_comfy, seed=9))], group=broken
        )[0]
        taken = ctx.store.claim_next("http://elsewhere:1", can_run=lambda j: j.id == failed.id)
        assert taken is not None
        ctx.store.fail(failed.id, JobError("boom", "it broke"))

    result = studio("cancel", waiting.id[:8], data_dir=data)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "cancelled group" in result.stdout and "3 jobs" in result.stdout
    with AppContext.open(data) as ctx:
        assert {j.status for j in ctx.store.group_jobs(waiting.id)} == {JobStatus.CANCELLED}
        group = ctx.store.get_group(waiting.id)
        assert group is not None and group.stopped

    result = studio("retry", broken.id, "--server", fake_comfy.url, data_dir=data)
    assert result.returncode == 0, result.stdout + result.stderr
    with AppContext.open(data) as ctx:
        assert [j.status for j in ctx.store.group_jobs(broken.id)] == [JobStatus.COMPLETED]
        # The cancelled group was left alone: retry takes a group's failed jobs only.
        assert {j.status for j in ctx.store.group_jobs(waiting.id)} == {JobStatus.CANCELLED}


def test_queue_pause_holds_a_generate_until_resume(
    fake_comfy: FakeComfyServer, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    paused = studio("queue", "pause", "--json", data_dir=data)
    assert paused.returncode == 0, paused.stderr
    assert json_lines(paused.stdout) == [{"event": "queue", "paused": True, "paused_servers": []}]
    one = studio("queue", "pause", "--server", fake_comfy.url, data_dir=data)
    assert f"paused on its own: {fake_comfy.url}" in one.stdout

    cli = LiveCli("generate", "a dog", "--count", "2", "--server", fake_comfy.url, data_dir=data)
    try:
        cli.wait_for_line("queued 2 jobs")
        assert "the queue is paused" in cli.stdout
        group_id = _group_of(cli.stdout)
        # Resuming the whole queue leaves the server's own pause: still nothing runs.
        still = studio("queue", "resume", data_dir=data)
        assert "the queue runs; paused on its own" in still.stdout
        with AppContext.open(data) as ctx:
            assert {j.status for j in ctx.store.group_jobs(group_id)} == {JobStatus.PENDING}
        assert fake_comfy.submitted == []
        resumed = studio("queue", "resume", "--server", fake_comfy.url, data_dir=data)
        assert "the queue runs on every server" in resumed.stdout
        assert cli.finish() == 0, cli.stdout + cli.stderr
    finally:
        cli.kill()
    with AppContext.open(data) as ctx:
        assert {j.status for j in ctx.store.group_jobs(group_id)} == {JobStatus.COMPLETED}
    status = studio("queue", "status", data_dir=data)
    assert status.stdout.strip() == "the queue runs on every server"


def test_cancel_names_a_group_or_a_job(fake_comfy: FakeComfyServer, tmp_path: Path) -> None:
    data = tmp_path / "data"
    with AppContext.open(data) as ctx:
        job = ctx.store.add_jobs([NewJob("txt2img", params_for(fake_comfy))])[0]
    result = studio("cancel", job.id[:8], data_dir=data)
    assert result.returncode == 0 and f"cancelled {job.id[:8]}" in result.stdout
