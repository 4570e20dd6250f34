"""A finished sweep's grid, made once and kept in the library as an output.

`assemble_finished` is the one entry point, for every front end: it finds the sweep groups
whose jobs have all ended and whose grid is missing (or shows an older outcome: a failed cell
retried since), renders each from the cells' first outputs, saves it through the library's
normal write path (checked, its thumbnail made, the `studio` chunk with the sweep in it) and
records it with the outcome in one transaction. It is safe to call any time and from several
processes at once: a grid already recorded for the outcome is not recorded again. Because it
only reads what the store holds, a run killed before the grid was made makes it at the next
call (`generate` at its end, `resume`, the window's housekeeping).

The grid is recorded as an output of the sweep's last completed cell (in queue order):
an image record needs a job, and a job of its own would count as one more cell in the group's
progress. Its metadata says it is the grid (`studio.sweep.grid`) and where each cell is.
"""

from __future__ import annotations

import io
import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from PIL import Image

from studio_desktop import __version__
from studio_desktop.core.groups import GroupProgress, sweep_outcome
from studio_desktop.core.jobs import ImageRecord, Job, JobStatus, NewImage
from studio_desktop.core.library.files import OutputLibrary
from studio_desktop.core.library.imaging import (
    OutputRejected,
    fast_pixels,
    opened_image,
    read_bounded,
)
from studio_desktop.core.store import Store
from studio_desktop.core.sweeps.axes import (
    AXIS_NAMES,
    Axis,
    axes_from_json,
    cell_of,
    missing_notes_of,
)
from studio_desktop.core.sweeps.grid import (
    MAX_CELL,
    GridAxis,
    Place,
    box_for_sizes,
    fit_cell,
    render_grid,
)

log = logging.getLogger("studio.sweeps")

# The grid of a large sweep is kept to about this many pixels of cells: a 1,000-cell sweep
# gets cells of about 250 px rather than a 260-megapixel picture.
MAX_CELL_PIXELS: Final = 64_000_000
_NOTES: Final = {
    JobStatus.FAILED: "failed",
    JobStatus.CANCELLED: "cancelled",
    JobStatus.COMPLETED: "no image",
}


@dataclass(frozen=True)
class SweepGrid:
    """A grid made: its group, the image recorded, where the file is, and its cells."""

    group_id: str
    image: ImageRecord
    path: Path
    cells: int
    missing: int


def _grid_sweep(image: ImageRecord) -> Mapping[str, Any] | None:
    """The `sweep` part of `image`'s `studio` metadata when it marks a sweep's grid, else None."""
    studio = image.metadata.get("studio")
    sweep = studio.get("sweep") if isinstance(studio, dict) else None
    return sweep if isinstance(sweep, dict) and sweep.get("grid") is True else None


def is_grid(image: ImageRecord) -> bool:
    """An output that is a sweep's grid (recorded beside its last cell's own output)."""
    return _grid_sweep(image) is not None


def grid_group_of(image: ImageRecord) -> str | None:
    """The sweep group whose grid `image` is, else None."""
    sweep = _grid_sweep(image)
    group = sweep.get("group_id") if sweep is not None else None
    return group if isinstance(group, str) else None


def grid_axes_of(image: ImageRecord) -> list[tuple[str, Axis]]:
    """The axes of the sweep whose grid `image` is, by name ("X", "Y", "Z"); [] for any other
    image, or for axes the metadata does not hold whole (a grid of a foreign or older app)."""
    sweep = _grid_sweep(image)
    axes = sweep.get("axes") if sweep is not None else None
    if not isinstance(axes, dict):
        return []
    try:
        return [(name, Axis.from_dict(axes[name])) for name in AXIS_NAMES if name in axes]
    except (KeyError, TypeError, ValueError, AttributeError):
        return []


def grid_axes(axes: Sequence[Axis]) -> list[GridAxis]:
    return [
        GridAxis(a.title or a.field, tuple(a.label(i) for i in range(len(a.values)))) for a in axes
    ]


def max_cell_for(cells: int) -> int:
    """The long side of a cell for a sweep of `cells` cells (MAX_CELL for small ones)."""
    return max(64, min(MAX_CELL, int(math.sqrt(MAX_CELL_PIXELS / max(1, cells)))))


def assemble_finished(
    store: Store, library: OutputLibrary, group_ids: Sequence[str] | None = None
) -> list[SweepGrid]:
    """Make the grid of every finished sweep (of `group_ids`, or all) that lacks one."""
    made: list[SweepGrid] = []
    for progress in store.sweeps_to_assemble(group_ids):
        try:
            grid = assemble(store, library, progress)
        except (OutputRejected, OSError, ValueError) as exc:
            # A grid that cannot be made (a full disk, a grid too large) costs no job; it is
            # tried again at the next call.
            log.warning("could not make the grid of sweep %s: %s", progress.group.id, exc)
            continue
        if grid is not None:
            made.append(grid)
    return made


def assemble(store: Store, library: OutputLibrary, progress: GroupProgress) -> SweepGrid | None:
    """Make and record the grid of one finished sweep; None if there was nothing to show (no
    cell completed; the outcome is still recorded) or another caller recorded it first."""
    group = progress.group
    outcome = sweep_outcome(progress)
    axes = axes_from_json(group.sweep or {})
    jobs = store.group_jobs(group.id)
    by_place: dict[Place, Job] = {}
    for job in jobs:
        place = cell_of(job.params.extra)
        if place is not None:
            by_place[place] = job
    completed = [j for j in jobs if j.status is JobStatus.COMPLETED and cell_of(j.params.extra)]
    outputs = store.first_outputs([j.id for j in completed])
    images = {
        place: outputs[job.id]
        for place, job in by_place.items()
        if job.id in outputs
        and outputs[job.id].kind in ("image", "animated")
        and not is_grid(outputs[job.id])  # a cell whose own output is in the trash
    }
    if not axes or not images:
        store.record_sweep_grid(group.id, outcome, None, None)
        return None
    sizes = len(by_place) or math.prod(len(a.values) for a in axes)
    box = box_for_sizes([(r.width, r.height) for r in images.values()], max_cell_for(sizes))
    tiles: dict[Place, Image.Image | None] = {}
    notes: dict[Place, str] = {}
    said = missing_notes_of(group.sweep or {})  # in the user's language, when queued in the window
    for place, job in by_place.items():
        record = images.get(place)
        tile = _tile(library, record, box) if record is not None else None
        tiles[place] = tile
        if tile is None:
            status = job.status
            notes[place] = said.get(status.value) or _NOTES.get(status, status.value)
    labelled = grid_axes(axes) + [None] * (3 - len(axes))
    x, y, z = labelled
    assert x is not None
    rendered = render_grid(tiles, x, y, z, notes=notes, box=box)
    buffer = io.BytesIO()
    rendered.image.save(buffer, format="PNG", optimize=False)

    anchor = max((j for j in completed if j.id in outputs), key=lambda j: j.seq)
    index = store.next_output_index(anchor.id)
    metadata = _metadata(anchor, axes, by_place, rendered.rects, progress)
    saved = library.save_output(
        anchor.id, index, buffer.getvalue(), extra_metadata=metadata, created=anchor.created_at
    )
    paths = library.paths
    new = NewImage(
        index=index,
        path=paths.stored(saved.path, ours=True),
        thumb_path=paths.relative(saved.thumb_path, ours=True) if saved.thumb_path else None,
        width=saved.width,
        height=saved.height,
        bytes=saved.bytes,
        kind=saved.kind,
        metadata=saved.metadata,
    )
    record = store.record_sweep_grid(group.id, outcome, anchor.id, new)
    if record is None:
        _drop_unrecorded(store, library, group.id, saved.path, saved.thumb_path)
        return None
    log.info("sweep %s: grid of %d cells saved to %s", group.id, len(by_place), saved.path)
    return SweepGrid(group.id, record, saved.path, len(by_place), len(by_place) - len(images))


def _drop_unrecorded(
    store: Store, library: OutputLibrary, group_id: str, path: Path, thumb: Path | None
) -> None:
    """Another caller recorded this outcome's grid first: delete the file we wrote unless it
    is that grid (both wrote the same index: the same bytes at the same path)."""
    current = store.get_group(group_id)
    grid = (current.sweep or {}).get("grid") if current is not None else None
    image_id = grid.get("image_id") if isinstance(grid, dict) else None
    kept = store.get_image(image_id) if isinstance(image_id, int) else None
    if kept is not None and library.paths.resolve(kept.path) == path:
        return
    for leftover in (path, thumb):
        if leftover is not None:
            leftover.unlink(missing_ok=True)


def _tile(library: OutputLibrary, record: ImageRecord, box: tuple[int, int]) -> Image.Image | None:
    """The cell's output scaled into `box`; None (marked missing) if it cannot be read."""
    path = library.paths.resolve(record.path)
    try:
        data = read_bounded(path)
        if data is None:
            return None
        with opened_image(data, f"The output {path.name}") as image:
            image.seek(0)
            return fit_cell(fast_pixels(image, data, held=len(data)), box)
    except (OSError, OutputRejected) as exc:
        log.warning("sweep grid: cannot read %s: %s", path, exc)
        return None


def _metadata(
    anchor: Job,
    axes: Sequence[Axis],
    by_place: dict[Place, Job],
    rects: dict[Place, tuple[int, int, int, int]],
    progress: GroupProgress,
) -> dict[str, Any]:
    """The grid's `studio` chunk: the anchor cell's parameters (so dropping the grid onto
    Generate restores a cell) and the sweep: its axes and, per cell, the job and its rect
    (what an interactive grid view opens on a click)."""
    cells = [
        {"place": list(place), "job_id": job.id, "status": job.status.value, "rect": list(r)}
        for place, job in sorted(by_place.items(), key=lambda kv: (kv[0][2], kv[0][1], kv[0][0]))
        if (r := rects.get(place)) is not None
    ]
    return {
        "app": f"studio-desktop/{__version__}",
        "job_id": anchor.id,
        "template": anchor.template,
        "params": anchor.params.to_dict(),
        "sweep": {
            "grid": True,
            "group_id": progress.group.id,
            "label": progress.group.label,
            "axes": {name: a.to_dict() for name, a in zip(AXIS_NAMES, axes, strict=False)},
            "cells": cells,
        },
    }
