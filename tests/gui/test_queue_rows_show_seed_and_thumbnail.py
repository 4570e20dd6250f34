"""Queue rows showed no seed or thumbnail (issue 11): four identical prompts looked the same.
Each row now says its seed (and its place in the batch it was queued in), and shows a small
picture: the job's first input image (decoded off the GUI thread), else its template's kind."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QFontMetrics, QImage
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import GenerationParams, InputImage, NewJob
from studio_desktop.ui.queue.panel import QueuePanel
from studio_desktop.workers import WorkerPool
from tests.gui import test_queue_panel
from tests.gui.conftest import db
from tests.gui.test_queue_panel import WAIT_MS, OpenPanel, enqueue

idle_pool = test_queue_panel.idle_pool
open_panel = test_queue_panel.open_panel


def _details(panel: QueuePanel) -> list[str]:
    model = panel.model
    return [panel.delegate.seed_text(model.index(row)) for row in range(model.rowCount())]


def _cat(seed: int, template: str = "txt2img", inputs: tuple[InputImage, ...] = ()) -> NewJob:
    params = GenerationParams(prompt="a cat on a sofa", model="sd15.safetensors", seed=seed)
    return NewJob(template, params, inputs=inputs)


def test_four_identical_prompts_show_their_seeds_and_places_in_the_batch(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, open_panel: OpenPanel
) -> None:
    db(ctx).add_jobs([_cat(7)])  # queued before this window: no batch it knows of
    panel = open_panel(idle_pool)
    enqueue(idle_pool, [_cat(seed) for seed in (100, 101, 102, 103)])
    qtbot.waitUntil(lambda: panel.model.rowCount() == 5, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "4/4" in _details(panel)[-1], timeout=WAIT_MS)
    assert _details(panel) == [
        "seed 7",
        "seed 100 · 1/4",
        "seed 101 · 2/4",
        "seed 102 · 3/4",
        "seed 103 · 4/4",
    ]
    panel.grab()  # paints without errors


def test_a_narrow_queue_dock_still_shows_a_ten_digit_seed(
    qtbot: QtBot, idle_pool: WorkerPool, open_panel: OpenPanel
) -> None:
    """Seen at the default dock width: a running row hid "seed 3537522008 · 1/3" whole."""
    panel = open_panel(idle_pool)
    enqueue(idle_pool, [_cat(seed) for seed in (3537522008, 3537522009, 3537522010)])
    qtbot.waitUntil(lambda: "3/3" in "".join(_details(panel)), timeout=WAIT_MS)
    index = panel.model.index(0)
    metrics = QFontMetrics(panel.font())
    full = panel.delegate.seed_text(index)
    room = metrics.horizontalAdvance(full) + metrics.height()  # too narrow for the batch place
    assert panel.delegate.fitting_seed_text(index, room, metrics) == "seed 3537522008"
    assert panel.delegate.fitting_seed_text(index, room * 3, metrics) == full
    assert panel.delegate.fitting_seed_text(index, metrics.height(), metrics) == ""


def _red_png(path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = QImage(96, 64, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    assert image.save(str(path))
    return path.name


def test_a_row_shows_its_input_image_else_its_template_kind(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, open_panel: OpenPanel
) -> None:
    rel = f"inputs/{_red_png(ctx.paths.inputs / 'source.png')}"
    panel = open_panel(idle_pool)
    enqueue(
        idle_pool,
        [
            _cat(1, "img2img", (InputImage("source", rel),)),
            _cat(2),
            _cat(3, "audio_stable"),
        ],
    )
    qtbot.waitUntil(lambda: panel.model.rowCount() == 3, timeout=WAIT_MS)
    model, delegate = panel.model, panel.delegate

    def decoded() -> bool:
        pixmap = delegate.thumbnail(model.index(0))
        return pixmap is not None and not pixmap.isNull()

    qtbot.waitUntil(decoded, timeout=WAIT_MS)  # decoded on the thumbnails pool, not here
    pixmap = delegate.thumbnail(model.index(0))
    assert pixmap is not None
    assert pixmap.toImage().pixelColor(pixmap.width() // 2, pixmap.height() // 2) == QColor("red")
    assert delegate.thumbnail(model.index(1)) is None
    assert [delegate.kind(model.index(r)) for r in range(3)] == ["image", "image", "audio"]
    panel.grab()
