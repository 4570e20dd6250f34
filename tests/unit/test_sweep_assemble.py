"""A finished sweep's grid: made once per outcome, from the store alone, as an output."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image

from studio_desktop.core.groups import GroupKind, NewGroup
from studio_desktop.core.jobs import GenerationParams, JobError, JobStatus, NewImage, NewJob
from studio_desktop.core.library import png_pixels
from studio_desktop.core.library.files import OutputLibrary
from studio_desktop.core.library.imaging import read_png_text
from studio_desktop.core.library.metadata import read_generation_info_file
from studio_desktop.core.paths import DataPaths
from studio_desktop.core.store import Store
from studio_desktop.core.sweeps.assemble import assemble_finished, grid_axes
from studio_desktop.core.sweeps.axes import (
    Axis,
    axes_from_json,
    expand,
    missing_notes_of,
    parse_axes,
    sweep_json,
)
from studio_desktop.core.sweeps.grid import fit_cell
from tests.unit.conftest import Decoded

A = "http://a:8188"


def png(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (80, 48), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def colour_of(params: GenerationParams) -> tuple[int, int, int]:
    return (params.steps * 10 % 256, int(params.cfg * 20), 90)


def run_one(store: Store, library: OutputLibrary, *, fail: bool = False) -> None:
    job = store.claim_next(A)
    assert job is not None
    if fail:
        store.fail(job.id, JobError("node_error", "boom"))
        return
    saved = library.save_output(job.id, 0, png(colour_of(job.params)))
    image = NewImage(
        0, library.paths.stored(saved.path), None, saved.width, saved.height, saved.bytes
    )
    store.complete(job.id, [image])


def queued_sweep(tmp_path: Path) -> tuple[Store, OutputLibrary, NewGroup]:
    """A 2 x 2 sweep (steps 10, 20 x CFG 4, 5) queued in a new data folder."""
    paths = DataPaths(tmp_path / "data").ensure()
    library = OutputLibrary(paths)
    store = Store(paths.database)
    axes = parse_axes(["steps=10,20", "cfg=4,5"])
    cells = expand(GenerationParams("a cat", seed=7), axes)
    group = NewGroup("cats", kind=GroupKind.SWEEP, sweep=sweep_json(axes))
    store.add_jobs([NewJob("txt2img", c.params) for c in cells], group=group)
    return store, library, group


def test_the_grid_is_made_once_per_outcome(tmp_path: Path) -> None:
    store, library, group = queued_sweep(tmp_path)
    for i in range(3):
        assert assemble_finished(store, library) == []  # not finished yet
        run_one(store, library, fail=i == 1)  # cell (1, 0): steps 20, cfg 4 fails
    run_one(store, library)

    (grid,) = assemble_finished(store, library)
    assert (grid.cells, grid.missing) == (4, 1)
    assert assemble_finished(store, library) == []  # made once
    image = Image.open(grid.path).convert("RGB")
    # Dropped onto Generate, the grid restores its last cell's parameters.
    restored = read_generation_info_file(grid.path)
    assert restored.source == "studio" and restored.values["steps"] == 20
    chunk = json.loads(read_png_text(grid.path.read_bytes())["studio"])
    assert chunk["sweep"]["grid"] is True and chunk["sweep"]["group_id"] == group.id
    jobs = {j.id: j for j in store.group_jobs(group.id)}
    recorded = store.get_image(grid.image.id)
    assert recorded is not None and recorded.job_id == max(jobs.values(), key=lambda j: j.seq).id
    cells_meta = recorded.metadata["studio"]["sweep"]["cells"]
    assert [c["place"] for c in cells_meta] == [[0, 0, 0], [1, 0, 0], [0, 1, 0], [1, 1, 0]]
    for cell in cells_meta:
        job = jobs[cell["job_id"]]
        crop = image.crop(tuple(cell["rect"]))
        if job.status is JobStatus.COMPLETED:
            expected = fit_cell(Image.new("RGB", (80, 48), colour_of(job.params)), crop.size)
            assert crop.tobytes() == expected.tobytes()
        else:
            assert crop.getpixel((3, crop.height // 2 - 20)) == (200, 200, 200)

    # The failed cell retried: a new grid, with no cell missing.
    store.retry_group(group.id)
    run_one(store, library)
    (again,) = assemble_finished(store, library)
    assert (again.cells, again.missing) == (4, 0) and again.path != grid.path
    assert assemble_finished(store, library) == []


def test_a_sweep_with_no_output_records_its_outcome_only(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    store = Store(paths.database)
    library = OutputLibrary(paths)
    axes = parse_axes(["seed=1,2"])
    group = NewGroup("x", kind=GroupKind.SWEEP, sweep=sweep_json(axes))
    cells = expand(GenerationParams("x"), axes)
    store.add_jobs([NewJob("txt2img", c.params) for c in cells], group=group)
    store.cancel_group(group.id)
    assert assemble_finished(store, library) == []
    assert store.sweeps_to_assemble() == []


def test_a_grid_recorded_first_elsewhere_leaves_no_second_file(tmp_path: Path) -> None:
    from studio_desktop.core.sweeps import assemble as module

    paths = DataPaths(tmp_path / "data").ensure()
    store = Store(paths.database)
    library = OutputLibrary(paths)
    axes = parse_axes(["seed=1,2"])
    group = NewGroup("x", kind=GroupKind.SWEEP, sweep=sweep_json(axes))
    cells = expand(GenerationParams("x"), axes)
    store.add_jobs([NewJob("txt2img", c.params) for c in cells], group=group)
    run_one(store, library)
    run_one(store, library)
    (late,) = store.sweeps_to_assemble()  # this caller looked first...
    (first,) = assemble_finished(store, library)  # ...another recorded the grid meanwhile
    files = sorted(p.name for p in paths.outputs.rglob("*.png"))
    assert module.assemble(store, library, late) is None
    assert sorted(p.name for p in paths.outputs.rglob("*.png")) == files
    assert first.path.exists()


def test_the_grid_names_an_axis_by_its_title_or_else_its_field() -> None:
    titled = Axis("cfg", (4.0, 7.0), "4, 7", title="提示词引导")
    plain = Axis("steps", (10, 20), "10, 20")
    restored = axes_from_json(sweep_json([titled, plain]))
    assert restored == [titled, plain]
    assert sweep_json([plain])["axes"][0].keys() == {"field", "values", "spec"}  # as before
    assert [(g.title, g.labels) for g in grid_axes(restored)] == [
        ("提示词引导", ("4", "7")),
        ("steps", ("10", "20")),
    ]


def failed_cell_of_a_sweep(tmp_path: Path, notes: dict[str, str] | None) -> Image.Image:
    """The crossed-out cell of a 2-cell sweep whose second cell failed, as its grid draws it."""
    paths = DataPaths(tmp_path / "data").ensure()
    library = OutputLibrary(paths)
    store = Store(paths.database)
    axes = parse_axes(["steps=10,20"])
    cells = expand(GenerationParams("a cat", seed=7), axes)
    group = NewGroup("cats", kind=GroupKind.SWEEP, sweep=sweep_json(axes, notes=notes))
    store.add_jobs([NewJob("txt2img", c.params) for c in cells], group=group)
    run_one(store, library)
    run_one(store, library, fail=True)
    (grid,) = assemble_finished(store, library)
    recorded = store.get_image(grid.image.id)
    assert recorded is not None
    (_, failed) = recorded.metadata["studio"]["sweep"]["cells"]
    assert failed["status"] == "failed"
    return Image.open(grid.path).convert("RGB").crop(tuple(failed["rect"]))


def test_a_missing_cell_says_what_the_sweep_recorded_for_it(tmp_path: Path) -> None:
    english = failed_cell_of_a_sweep(tmp_path / "a", None)
    recorded = failed_cell_of_a_sweep(tmp_path / "b", {"failed": "FAILED!!"})
    assert english.size == recorded.size
    assert english.tobytes() != recorded.tobytes()  # another word drawn in the same cell
    assert missing_notes_of({"notes": {"failed": "失败", "x": 3}}) == {"failed": "失败"}
    assert missing_notes_of({"axes": []}) == {}  # a sweep queued before notes were recorded


def noisy_png(seed: int) -> bytes:
    """A cell with fine detail, as a sampler's output has (every row filter in use)."""
    count = 96 * 64 * 3
    pixels = bytes((i * 2654435761 + seed * 977) >> 13 & 0xFF for i in range(count))
    buffer = io.BytesIO()
    Image.frombytes("RGB", (96, 64), pixels).save(buffer, format="PNG", compress_level=4)
    return buffer.getvalue()


def finished_sweep(tmp_path: Path) -> tuple[Store, OutputLibrary]:
    store, library, _ = queued_sweep(tmp_path)
    paths = library.paths
    for seed in range(4):
        job = store.claim_next(A)
        assert job is not None
        saved = library.save_output(job.id, 0, noisy_png(seed))
        image = NewImage(0, paths.stored(saved.path), None, saved.width, saved.height, saved.bytes)
        store.complete(job.id, [image])
    return store, library


def test_a_grids_cells_are_decoded_by_ffmpeg_into_the_same_picture(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pillow_loads: Decoded
) -> None:
    """Pillow's PNG decoder took most of the time a grid of 1024 x 1024 cells took to make."""
    store, library = finished_sweep(tmp_path / "fast")
    pillow_loads.clear()  # the cells' own saves before the grid
    (fast,) = assemble_finished(store, library)
    loads = [format for format, _ in pillow_loads]
    assert "PNG" not in loads  # neither the cells nor the grid's thumbnail
    monkeypatch.setattr(png_pixels, "applies", lambda data, im: False)
    store, library = finished_sweep(tmp_path / "pillow")
    (slow,) = assemble_finished(store, library)
    assert "PNG" in [format for format, _ in pillow_loads]
    with Image.open(fast.path) as a, Image.open(slow.path) as b:
        assert a.size == b.size and a.tobytes() == b.tobytes()
