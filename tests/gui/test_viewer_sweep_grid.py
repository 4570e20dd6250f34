"""Seen by trying the app: a sweep's grid image opened in the viewer said "Steps 8", "CFG 7"
(the values of the one cell it was recorded beside) while the grid shows steps 4 and 8 and CFG
5 and 7. The viewer now names each axis with all its values, and leaves out a swept field's
single value."""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from PySide6.QtWidgets import QFormLayout, QLabel
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import GenerationParams, HiresFix, LoraChoice, NewImage, NewJob
from studio_desktop.core.sweeps.axes import parse_axes
from studio_desktop.ui.gallery.detail_text import ElidedPath, WrappedText
from studio_desktop.ui.gallery.viewer import ImageViewer
from studio_desktop.ui.thumbnails import ThumbnailLoader
from studio_desktop.workers import WorkerPool
from tests.gui.conftest import PoolFactory, db
from tests.gui.test_gallery import WAIT_MS, open_gallery
from tests.gui.test_viewer_actions import open_viewer

CELL: Final = GenerationParams(prompt="a fox", steps=8, cfg=7.0, seed=3, sampler="euler")


def add_grid(ctx: AppContext, axes_specs: list[str], params: GenerationParams = CELL) -> None:
    """A finished sweep cell (`params`: steps 8, CFG 7) whose output is the sweep's grid."""
    job = db(ctx).add_job(NewJob("txt2img", params))
    assert db(ctx).claim_next("http://127.0.0.1:1") is not None
    axes = parse_axes(axes_specs)
    sweep = {
        "grid": True,
        "group_id": "g1",
        "axes": {name: a.to_dict() for name, a in zip("XYZ", axes, strict=False)},
        "cells": [],
    }
    metadata = {"studio": {"job_id": job.id, "params": params.to_dict(), "sweep": sweep}}
    db(ctx).complete(
        job.id, [NewImage(0, "outputs/grid.png", None, 1300, 1086, 10, "image", metadata)]
    )


def details(viewer: ImageViewer) -> dict[str, str]:
    """The parameters panel as the user reads it: heading -> value."""
    form = viewer.form
    shown: dict[str, str] = {}
    for row in range(form.rowCount()):
        heading = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        value = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        assert heading is not None and value is not None
        label, field = heading.widget(), value.widget()
        assert isinstance(label, QLabel) and isinstance(field, WrappedText | ElidedPath)
        shown[label.text()] = (
            field.toPlainText() if isinstance(field, WrappedText) else field.toolTip()
        )
    return shown


def viewer_of_grid(
    qtbot: QtBot,
    ctx: AppContext,
    pool: WorkerPool,
    thumbs: ThumbnailLoader,
    axes: list[str],
    params: GenerationParams = CELL,
) -> ImageViewer:
    add_grid(ctx, axes, params)
    gallery = open_gallery(qtbot, ctx, pool, thumbs)
    viewer = open_viewer(qtbot, gallery, 0)
    qtbot.waitUntil(
        lambda: "CFG" in details(viewer) or "Steps (X)" in details(viewer), timeout=WAIT_MS
    )
    return viewer


def test_a_sweep_grid_in_the_viewer_names_its_axes_not_one_cell_s_values(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory, thumbnails: ThumbnailLoader
) -> None:
    viewer = viewer_of_grid(
        qtbot, ctx, make_pool(), thumbnails, ["steps=4,8", "cfg=5,7", "extra.scale_by=1.5,2"]
    )
    try:
        qtbot.waitUntil(lambda: "Steps (X)" in details(viewer), timeout=WAIT_MS)
        shown = details(viewer)
        assert shown["Steps (X)"] == "4, 8"
        assert shown["CFG (Y)"] == "5, 7"
        assert shown["Scale by (Z)"] == "1.5, 2"
        assert "Steps" not in shown and "CFG" not in shown  # one cell's values would mislead
        assert shown["Prompt"] == "a fox" and shown["Seed"] == "3"  # the same in every cell
    finally:
        viewer.close()


def test_a_grid_swept_over_the_scheduler_hides_the_sampler_row(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory, thumbnails: ThumbnailLoader
) -> None:
    viewer = viewer_of_grid(
        qtbot, ctx, make_pool(), thumbnails, ["steps=4,8", "scheduler=normal,karras"]
    )
    try:
        qtbot.waitUntil(lambda: "Scheduler (Y)" in details(viewer), timeout=WAIT_MS)
        shown = details(viewer)
        assert shown["Scheduler (Y)"] == "normal, karras"
        assert "Sampler" not in shown  # "euler / normal" names one cell's scheduler
    finally:
        viewer.close()


def test_a_grid_swept_over_a_loras_strength_leaves_out_one_cells_lora_stack(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory, thumbnails: ThumbnailLoader
) -> None:
    """The LoRAs row names each LoRA's strength in one cell: on a grid that sweeps it, the
    axis row says it all; a hires pass the same in every cell is still listed."""
    cell = replace(
        CELL,
        loras=(LoraChoice("detail.safetensors", 0.5, 0.5),),
        hires=HiresFix(scale=2.0, denoise=0.5, steps=10),
    )
    viewer = viewer_of_grid(
        qtbot, ctx, make_pool(), thumbnails, ["lora:detail.safetensors=0.5,1"], cell
    )
    try:
        qtbot.waitUntil(lambda: "Hires fix" in details(viewer), timeout=WAIT_MS)
        shown = details(viewer)
        assert "LoRAs" not in shown
        assert any(name.endswith("(X)") and value == "0.5, 1" for name, value in shown.items())
        assert shown["Hires fix"] == "×2 with Latent (no model), denoise 0.5, 10 steps"
    finally:
        viewer.close()


def test_the_sweep_rows_are_in_chinese(
    qtbot: QtBot,
    ctx: AppContext,
    make_pool: PoolFactory,
    thumbnails: ThumbnailLoader,
    simplified_chinese: None,
) -> None:
    viewer = viewer_of_grid(qtbot, ctx, make_pool(), thumbnails, ["steps=4,8"])
    try:
        qtbot.waitUntil(lambda: "步数（X 轴）" in details(viewer), timeout=WAIT_MS)
        assert details(viewer)["步数（X 轴）"] == "4, 8"
    finally:
        viewer.close()
