"""`generate --sweep` (issue 15): a 3x3x2 sweep on 3 fake servers, killed (-9) mid-run and
finished by `resume`, runs once per cell and yields one grid whose cells are the outputs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PIL import Image

from studio_desktop.core.context import AppContext
from studio_desktop.core.groups import GroupKind
from studio_desktop.core.jobs import JobStatus
from studio_desktop.core.sweeps.axes import cell_of
from studio_desktop.core.sweeps.grid import fit_cell
from tests.fakes.comfy_server import FakeComfyServer
from tests.integration.cli_process import LONG_WAIT_S, LiveCli
from tests.integration.helpers import wait_until
from tests.integration.test_cli import studio

STEPS = [2, 3, 4]
CFGS = [4.0, 6.0, 8.0]
SAMPLERS = ["euler", "ddim"]


def _group_of(stdout: str) -> str:
    (line,) = [line for line in stdout.splitlines() if line.startswith("group ")]
    return line.split()[1]


def _completed(data: Path, group_id: str) -> int:
    with AppContext.open(data) as ctx:
        return sum(j.status is JobStatus.COMPLETED for j in ctx.store.group_jobs(group_id))


def test_a_3x3x2_sweep_survives_kill_9_and_yields_one_grid(
    fake_comfy_factory: Callable[..., FakeComfyServer], tmp_path: Path
) -> None:
    # Slow enough that the kill lands mid-run on a busy machine too; nothing waits on time.
    servers = [fake_comfy_factory(steps=3, step_seconds=0.1) for _ in range(3)]
    urls = [arg for s in servers for arg in ("--server", s.url)]
    data = tmp_path / "data"
    sweeps = ["--sweep", "steps=2-4", "--sweep", "cfg=4-8 (+2)", "--sweep", "sampler=euler,ddim"]
    cli = LiveCli("generate", "a red cat", *sweeps, "--seed", "42", *urls, data_dir=data)
    try:
        cli.wait_for_line("queued 18 jobs")
        assert "sweep of 18 cells: 3 x 3 x 2 (steps, cfg, sampler)" in cli.stdout
        group_id = _group_of(cli.stdout)
        wait_until(lambda: _completed(data, group_id) >= 3, LONG_WAIT_S, "3 cells completed")
    finally:
        cli.kill()  # SIGKILL: no cleanup of any kind
    with AppContext.open(data) as ctx:
        group = ctx.store.get_group(group_id)
        assert group is not None and group.kind is GroupKind.SWEEP
        left = [j for j in ctx.store.group_jobs(group_id) if j.status is not JobStatus.COMPLETED]
        assert left, "the kill came after the last cell: nothing left for resume"
        assert "grid" not in (group.sweep or {})

    result = studio("resume", *urls, data_dir=data, timeout=LONG_WAIT_S * 2)
    assert result.returncode == 0, result.stdout + result.stderr
    grid_lines = [line for line in result.stdout.splitlines() if line.startswith("grid ")]
    assert len(grid_lines) == 1, result.stdout
    grid_path = Path(grid_lines[0].split(" ", 1)[1])

    with AppContext.open(data) as ctx:
        jobs = ctx.store.group_jobs(group_id)
        # Once per cell, each with its cell's parameters and the one seed.
        assert len(jobs) == 18 and {j.status for j in jobs} == {JobStatus.COMPLETED}
        places = {cell_of(j.params.extra): j for j in jobs}
        assert len(places) == 18
        for (x, y, z), job in places.items():  # type: ignore[misc]
            p = job.params
            assert (p.steps, p.cfg, p.sampler) == (STEPS[x], CFGS[y], SAMPLERS[z])
            assert (p.seed, p.prompt) == (42, "a red cat")
        ran = [b["prompt_id"] for s in servers for b in s.submitted]
        assert set(ran) == {j.id for j in jobs}
        assert all(s.submitted for s in servers), "every server took part"
        # One grid, recorded and in the library.
        group = ctx.store.get_group(group_id)
        assert group is not None and group.sweep is not None
        image = ctx.store.get_image(group.sweep["grid"]["image_id"])
        assert image is not None and ctx.paths.resolve(image.path) == grid_path
        outputs = ctx.store.first_outputs([j.id for j in jobs])
        grids = [
            i
            for j in jobs
            for i in ctx.store.images_for_job(j.id)
            if "sweep" in i.metadata.get("studio", {})
        ]
        assert [g.id for g in grids] == [image.id]
        cells = image.metadata["studio"]["sweep"]["cells"]
        grid = Image.open(grid_path).convert("RGB")
        assert len(cells) == 18
        looks: set[bytes] = set()
        for cell in cells:
            crop = grid.crop(tuple(cell["rect"]))
            job = places[tuple(cell["place"])]  # type: ignore[index]
            assert cell["job_id"] == job.id
            output = Image.open(ctx.paths.resolve(outputs[job.id].path))
            assert crop.tobytes() == fit_cell(output, crop.size).tobytes(), cell["place"]
            looks.add(crop.tobytes())
        # The fake draws one of 16 gradients picked by a hash of the graph: the cells differ,
        # so a cell in the wrong place would show.
        assert len(looks) >= 8

    # Resuming again makes no second grid.
    again = studio("resume", *urls, data_dir=data)
    assert again.returncode == 0 and "grid " not in again.stdout.replace(str(grid_path), "")


def test_a_malformed_sweep_is_refused_before_anything_is_queued(tmp_path: Path) -> None:
    data = tmp_path / "data"
    bad = studio("generate", "x", "--sweep", "steps=10", "--sweep", "cfg=4,x", data_dir=data)
    assert bad.returncode == 2, bad.stdout + bad.stderr
    assert "sweep axis Y ('cfg=4,x') at character 7: 'x' is not a number" in bad.stderr
    four = [
        arg for spec in ("seed=1", "steps=2", "cfg=3", "denoise=1") for arg in ("--sweep", spec)
    ]
    assert "at most 3 axes" in studio("generate", "x", *four, data_dir=data).stderr
    counted = studio("generate", "x", "--sweep", "seed=1,2", "--count", "2", data_dir=data)
    assert counted.returncode == 2 and "leave out --count" in counted.stderr
    with AppContext.open(data) as ctx:
        assert ctx.store.count_by_status().get(JobStatus.PENDING, 0) == 0


def test_a_sweep_value_no_server_has_is_refused_before_queueing(
    fake_comfy: FakeComfyServer, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    result = studio(
        "generate",
        "x",
        "--sweep",
        "sampler=euler,no_such_sampler",
        "--server",
        fake_comfy.url,
        data_dir=data,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "no_such_sampler" in result.stderr
    assert fake_comfy.submitted == []


def test_resume_makes_the_grid_a_kill_after_the_last_cell_left_unmade(tmp_path: Path) -> None:
    import io

    from studio_desktop.core.groups import NewGroup
    from studio_desktop.core.jobs import GenerationParams, NewImage, NewJob
    from studio_desktop.core.sweeps.axes import expand, parse_axes, sweep_json

    data = tmp_path / "data"
    with AppContext.open(data) as ctx:
        axes = parse_axes(["steps=10,20"])
        group = NewGroup("x", kind=GroupKind.SWEEP, sweep=sweep_json(axes))
        cells = expand(GenerationParams("x"), axes)
        ctx.store.add_jobs([NewJob("txt2img", c.params) for c in cells], group=group)
        for shade in (40, 200):  # every cell done, then the kill: no grid yet
            job = ctx.store.claim_next("http://gone:1")
            assert job is not None
            buffer = io.BytesIO()
            Image.new("RGB", (32, 32), (shade, shade, shade)).save(buffer, format="PNG")
            saved = ctx.library.save_output(job.id, 0, buffer.getvalue())
            stored = ctx.paths.stored(saved.path)
            ctx.store.complete(job.id, [NewImage(0, stored, None, 32, 32, saved.bytes)])
    result = studio("resume", data_dir=data)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "nothing to resume" in result.stdout
    (line,) = [line for line in result.stdout.splitlines() if line.startswith("grid ")]
    assert Path(line.split(" ", 1)[1]).is_file()
