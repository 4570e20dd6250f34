"""`generate --sweep`: the jobs of a sweep, and the grid paths printed when sweeps end."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from studio_desktop.cli.common import CliError
from studio_desktop.cli.output import say
from studio_desktop.core.context import AppContext
from studio_desktop.core.fields import field_title
from studio_desktop.core.groups import JobGroup
from studio_desktop.core.jobs import GenerationParams
from studio_desktop.core.sweeps.assemble import assemble_finished
from studio_desktop.core.sweeps.axes import (
    MAX_CELLS,
    Axis,
    SweepSpecError,
    apply,
    cell_count,
    expand,
    parse_axes,
)


def sweep_axes(specs: Sequence[str], *, max_cells: int) -> list[Axis]:
    """The axes of `--sweep` options; CliError naming the axis and the place otherwise."""
    try:
        parsed = parse_axes(specs)
    except SweepSpecError as exc:
        raise CliError(str(exc)) from exc
    # Titled as the window titles them, in English: the grid image's headers read "CFG".
    axes = [replace(axis, title=str(field_title(axis.field))) for axis in parsed]
    cells = cell_count(axes)
    if cells > min(max_cells, MAX_CELLS):
        shape = " x ".join(str(len(a.values)) for a in axes)
        raise CliError(f"a sweep of {shape} = {cells} cells; at most {max_cells} a run")
    return axes


def sweep_params(base: GenerationParams, axes: Sequence[Axis]) -> list[GenerationParams]:
    """Each cell's parameters (Z, Y, X order; the base seed unless seed is an axis)."""
    try:
        return [cell.params for cell in expand(base, axes)]
    except SweepSpecError as exc:
        raise CliError(str(exc)) from exc


def axis_variants(base: GenerationParams, axes: Sequence[Axis]) -> list[GenerationParams]:
    """`base` with one axis set to one of its values, for each value of each axis: what the
    servers are asked about before queueing (the sum of the axes' lengths, not every cell)."""
    return [apply(base, axis, value) for axis in axes for value in axis.values]


def shape(axes: Sequence[Axis]) -> str:
    """`3 x 3 x 2 (steps, cfg, sampler)`"""
    sizes = " x ".join(str(len(a.values)) for a in axes)
    return f"{sizes} ({', '.join(a.field for a in axes)})"


def unmade_grids(ctx: AppContext) -> list[JobGroup]:
    """Finished sweeps whose grid is not made yet."""
    return [progress.group for progress in ctx.store.sweeps_to_assemble()]


def report_grids(
    ctx: AppContext, out: TextIO, json_mode: bool, group_ids: Sequence[str] | None
) -> list[Path]:
    """Make the grid of every finished sweep among `group_ids` (None: all) that lacks one,
    then print the grid of each of `group_ids` that has one ("grid PATH"); their paths."""
    assemble_finished(ctx.store, ctx.library, group_ids)
    paths: list[Path] = []
    groups = [ctx.store.get_group(g) for g in group_ids] if group_ids is not None else []
    for group in groups:
        grid = (group.sweep or {}).get("grid") if group is not None else None
        image_id = grid.get("image_id") if isinstance(grid, dict) else None
        image = ctx.store.get_image(image_id) if isinstance(image_id, int) else None
        if group is None or image is None:
            continue
        path = ctx.paths.resolve(image.path)
        paths.append(path)
        say(
            out,
            json_mode,
            {"event": "grid", "group": group.id, "path": str(path)},
            f"grid {path}",
        )
    return paths
