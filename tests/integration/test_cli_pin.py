"""`pin JOB|GROUP --server URL|--any` and `generate --pin URL` (issue 15): the window's "Run
on" menu from the command line, through the same store writes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from studio_desktop.core.context import AppContext
from studio_desktop.core.groups import NewGroup
from studio_desktop.core.jobs import JobStatus, NewJob
from tests.fakes.comfy_server import FakeComfyServer
from tests.integration.helpers import params_for
from tests.integration.test_cli import json_lines, studio

GPU_B = "http://gpu-b:8188"


def _group_of(stdout: str) -> str:
    (line,) = [line for line in stdout.splitlines() if line.startswith("group ")]
    return line.split()[1]


def test_pin_a_group_and_a_job_to_a_registered_server_then_to_any(
    fake_comfy: FakeComfyServer, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    group = NewGroup("cats")
    with AppContext.open(data) as ctx:
        ctx.store.add_server("B", GPU_B)
        ctx.store.add_jobs(
            [NewJob("txt2img", params_for(fake_comfy, seed=i)) for i in range(3)], group=group
        )
        (single,) = ctx.store.add_jobs([NewJob("txt2img", params_for(fake_comfy, seed=9))])

    result = studio("pin", group.id[:8], single.id[:8], "--server", GPU_B + "/", data_dir=data)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"group {group.id[:8]} (cats) runs on {GPU_B}: 3 waiting jobs" in result.stdout
    assert f"{single.id[:8]} runs on {GPU_B}" in result.stdout
    with AppContext.open(data) as ctx:
        jobs = [*ctx.store.group_jobs(group.id), ctx.store.get_job(single.id)]
        assert all(j is not None and j.pinned and j.server == GPU_B for j in jobs)
        stored = ctx.store.get_group(group.id)
        assert stored is not None and stored.server == GPU_B  # its later jobs go there too

    result = studio("pin", group.id[:8], single.id[:8], "--any", "--json", data_dir=data)
    assert result.returncode == 0, result.stdout + result.stderr
    events = json_lines(result.stdout)
    assert [(e["event"], e["server"]) for e in events] == [("pinned", None), ("pinned", None)]
    with AppContext.open(data) as ctx:
        jobs = [*ctx.store.group_jobs(group.id), ctx.store.get_job(single.id)]
        assert all(j is not None and not j.pinned for j in jobs)
        stored = ctx.store.get_group(group.id)
        assert stored is not None and stored.server is None


def test_pin_refuses_an_unregistered_server_and_a_job_that_is_not_waiting(
    fake_comfy: FakeComfyServer, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    with AppContext.open(data) as ctx:
        waiting, running = ctx.store.add_jobs(
            [NewJob("txt2img", params_for(fake_comfy, seed=i)) for i in range(2)]
        )
        assert ctx.store.claim_next(fake_comfy.url, can_run=lambda j: j.id == running.id)
        ctx.store.add_server("B", GPU_B)

    unknown = studio("pin", waiting.id[:8], "--server", "http://nowhere:8188", data_dir=data)
    assert unknown.returncode == 2
    assert unknown.stderr.strip().splitlines() == [
        "error: http://nowhere:8188 is not a registered server; register it with "
        "`studio-desktop servers add http://nowhere:8188` first"
    ]
    taken = studio("pin", running.id[:8], waiting.id[:8], "--server", GPU_B, data_dir=data)
    assert taken.returncode == 2 and "is running; it cannot be pinned" in taken.stderr
    neither = studio("pin", waiting.id[:8], data_dir=data)
    assert neither.returncode == 2 and "--server URL" in neither.stderr
    with AppContext.open(data) as ctx:  # nothing was pinned by any of them
        assert not any(j.pinned for j in ctx.store.jobs_with_status(JobStatus.PENDING))


def test_generate_pin_runs_every_job_on_that_server_only(
    fake_comfy_factory: Callable[..., FakeComfyServer], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    a, b = fake_comfy_factory(), fake_comfy_factory()
    servers = ["--server", a.url, "--server", b.url]
    result = studio("generate", "a cat", "--count", "4", *servers, "--pin", b.url, data_dir=data)
    assert result.returncode == 0, result.stdout + result.stderr
    group_id = _group_of(result.stdout)
    with AppContext.open(data) as ctx:
        jobs = ctx.store.group_jobs(group_id)
        assert [j.status for j in jobs] == [JobStatus.COMPLETED] * 4
        assert {(j.server, j.pinned) for j in jobs} == {(b.url, True)}
        group = ctx.store.get_group(group_id)
        assert group is not None and group.server == b.url
    assert a.submitted == [] and len(b.submitted) == 4

    other = studio("generate", "a dog", *servers, "--pin", "http://gpu-c:8188", data_dir=data)
    assert other.returncode == 2
    assert other.stderr.strip().splitlines() == [
        "error: --pin http://gpu-c:8188 is not a server of this run; give it with --server or "
        "register it with `studio-desktop servers add`"
    ]
    with AppContext.open(data) as ctx:
        assert ctx.store.jobs_with_status(JobStatus.PENDING) == []  # nothing was queued
