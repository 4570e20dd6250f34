"""The mask editor: paint with the mouse, undo, redo, invert, clear, fill; and the mask an
inpaint job sends is the one painted, pixel by pixel, as the (fake) server's LoadImage reads
it from the input's alpha."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import JobStatus
from studio_desktop.core.library.masks import load_for_editing, save_masked_input
from studio_desktop.ui.generate.image_slot import decode_thumbnail
from studio_desktop.ui.generate.mask_editor import MaskCanvas, MaskEditorDialog, Tool, mask_to_pil
from studio_desktop.workers.tasks import Tasks
from tests.fakes.comfy_server import INPAINT_CHECKPOINT, WITH_INPAINT_CHECKPOINT, FakeComfyServer
from tests.gui.conftest import PoolFactory, TabFactory, db
from tests.gui.test_generate import WAIT_MS, drop, jobs_in_store, png, slot, wait_lists

SIZE = (120, 80)


def open_editor(qtbot: QtBot, ctx: AppContext, tasks: Tasks, source: Path) -> MaskEditorDialog:
    stored = ctx.library.copy_input(source)
    dialog = MaskEditorDialog(stored, ctx.library, tasks, title="Source")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.canvas.has_image, timeout=WAIT_MS)
    return dialog


def drag(canvas: MaskCanvas, *points: tuple[float, float]) -> None:
    """A left-button stroke through `points` (picture pixels), as the mouse delivers it."""
    at = [canvas.to_widget(QPointF(x, y)) for x, y in points]
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at[0])
    for point in at[1:]:
        QTest.mouseMove(canvas, point)
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at[-1])


def value(canvas: MaskCanvas, x: int, y: int) -> int:
    return canvas.mask_image.pixelColor(x, y).red()


def histogram(canvas: MaskCanvas) -> set[int]:
    return set(mask_to_pil(canvas.mask_image).tobytes())


def test_paint_undo_redo_invert_clear_fill(
    qtbot: QtBot, ctx: AppContext, tasks: Tasks, tmp_path: Path
) -> None:
    dialog = open_editor(qtbot, ctx, tasks, png(tmp_path / "p.png", SIZE))
    canvas = dialog.canvas
    assert histogram(canvas) == {0}  # an opaque picture has no mask yet
    assert not dialog.undo_button.isEnabled()
    dialog.size_spin.setValue(12)
    dialog.hardness_slider.setValue(100)

    drag(canvas, (20, 40), (60, 40), (100, 40))
    assert value(canvas, 20, 40) == value(canvas, 60, 40) == value(canvas, 99, 40) == 255
    assert value(canvas, 60, 10) == value(canvas, 60, 70) == 0  # outside the brush
    painted = mask_to_pil(canvas.mask_image).tobytes()
    assert dialog.undo_button.isEnabled() and not dialog.redo_button.isEnabled()

    QTest.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert histogram(canvas) == {0}
    assert dialog.redo_button.isEnabled()
    QTest.mouseClick(dialog.redo_button, Qt.MouseButton.LeftButton)
    assert mask_to_pil(canvas.mask_image).tobytes() == painted

    QTest.mouseClick(dialog.invert_button, Qt.MouseButton.LeftButton)
    inverted = mask_to_pil(canvas.mask_image).tobytes()
    assert inverted == bytes(255 - v for v in painted)
    QTest.keyClick(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo the invert
    assert mask_to_pil(canvas.mask_image).tobytes() == painted

    dialog.eraser_button.click()
    assert canvas.tool is Tool.ERASER
    drag(canvas, (60, 30), (60, 50))
    assert value(canvas, 60, 40) == 0 and value(canvas, 20, 40) == 255

    QTest.mouseClick(dialog.fill_button, Qt.MouseButton.LeftButton)
    assert histogram(canvas) == {255}
    QTest.mouseClick(dialog.clear_button, Qt.MouseButton.LeftButton)
    assert histogram(canvas) == {0}
    for _ in range(2):  # clear and fill undone: the stroke is back, with its erased gap
        dialog.undo_button.click()
    assert value(canvas, 60, 40) == 0 and value(canvas, 20, 40) == 255


def test_wheel_zooms_around_the_pointer_and_space_drag_pans(
    qtbot: QtBot, ctx: AppContext, tasks: Tasks, tmp_path: Path
) -> None:
    dialog = open_editor(qtbot, ctx, tasks, png(tmp_path / "p.png", SIZE))
    canvas = dialog.canvas
    before = canvas.zoom
    anchor = canvas.to_widget(QPointF(30, 30))
    canvas.zoom_by(2.0, QPointF(anchor))
    assert canvas.zoom == 2 * before
    assert canvas.to_widget(QPointF(30, 30)) == anchor  # the point under the pointer stays
    QTest.keyPress(canvas, Qt.Key.Key_Space)
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, anchor)
    QTest.mouseMove(canvas, anchor + QPoint(25, 10))
    QTest.mouseRelease(
        canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, anchor + QPoint(25, 10)
    )
    QTest.keyRelease(canvas, Qt.Key.Key_Space)
    assert canvas.to_widget(QPointF(30, 30)) == anchor + QPoint(25, 10)
    assert histogram(canvas) == {0}  # panning paints nothing


def test_saved_mask_is_kept_in_the_input_and_edited_again(
    qtbot: QtBot, ctx: AppContext, tasks: Tasks, tmp_path: Path
) -> None:
    dialog = open_editor(qtbot, ctx, tasks, png(tmp_path / "p.png", SIZE))
    dialog.hardness_slider.setValue(30)  # soft edges: grey values must survive too
    drag(dialog.canvas, (10, 10), (70, 60))
    painted = mask_to_pil(dialog.canvas.mask_image)
    saved: list[str] = []
    dialog.saved.connect(saved.append)
    dialog.save()
    qtbot.waitUntil(lambda: bool(saved), timeout=WAIT_MS)
    stored = ctx.paths.resolve(saved[0])
    assert stored.parent == ctx.paths.inputs
    picture, mask = load_for_editing(stored)
    assert mask.tobytes() == painted.tobytes()
    with Image.open(tmp_path / "p.png") as original:
        assert picture.tobytes() == original.convert("RGB").tobytes()

    again = open_editor(qtbot, ctx, tasks, stored)
    assert mask_to_pil(again.canvas.mask_image).tobytes() == painted.tobytes()


def test_inpaint_job_sends_the_painted_mask_pixel_for_pixel(
    qtbot: QtBot,
    fake_comfy_factory: Callable[..., FakeComfyServer],
    make_pool: PoolFactory,
    make_tab: TabFactory,
    ctx: AppContext,
    tmp_path: Path,
) -> None:
    fake = fake_comfy_factory(steps=2, step_seconds=0.0, checkpoints=list(WITH_INPAINT_CHECKPOINT))
    tab = make_tab(make_pool(fake))
    tab.show()
    wait_lists(qtbot, tab, fake)
    assert tab.form.set_template("inpaint")
    tab.form.prompt_edit.setPlainText("a red door")
    source = slot(tab, "source")
    drop(source, png(tmp_path / "photo.png", SIZE, "olive"))
    qtbot.waitUntil(lambda: source.value() is not None, timeout=WAIT_MS)
    plain = source.value()

    assert source.mask_button.isEnabled()
    QTest.mouseClick(source.mask_button, Qt.MouseButton.LeftButton)
    dialog = source.mask_editor
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.canvas.has_image, timeout=WAIT_MS)
    dialog.hardness_slider.setValue(50)
    drag(dialog.canvas, (15, 15), (100, 20), (60, 70))
    dialog.eraser_button.click()
    drag(dialog.canvas, (50, 10), (50, 60))
    painted = mask_to_pil(dialog.canvas.mask_image).tobytes()
    assert len(set(painted)) > 2  # hard, soft and empty pixels
    dialog.save()
    qtbot.waitUntil(lambda: source.value() not in (None, plain), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: source.mask_editor is None, timeout=WAIT_MS)

    qtbot.waitUntil(tab.queue_button.isEnabled, timeout=WAIT_MS)
    assert tab.queue() == 1
    qtbot.waitUntil(lambda: len(jobs_in_store(ctx)) == 1, timeout=WAIT_MS)
    (job,) = jobs_in_store(ctx)
    assert job.inputs[0].path == source.value()  # a retry or remix sends the same file
    qtbot.waitUntil(
        lambda: db(ctx).get_job(job.id).status is JobStatus.COMPLETED,  # type: ignore[union-attr]
        timeout=WAIT_MS,
    )
    name = fake.submitted[0]["prompt"]["10"]["inputs"]["image"]
    received = fake.loaded_masks[name]
    assert (received.width, received.height) == SIZE
    assert received.pixels == painted
    assert fake.submitted[0]["prompt"]["4"]["inputs"]["ckpt_name"] in (
        WITH_INPAINT_CHECKPOINT[0],
        INPAINT_CHECKPOINT,
    )


def test_a_masked_input_shows_its_mask_tinted_in_the_slot_thumbnail(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    source = png(tmp_path / "p.png", SIZE, "olive")
    mask = Image.new("L", SIZE, 0)
    mask.paste(255, (0, 0, 60, 80))  # the left half is repainted
    stored = save_masked_input(ctx.library, source, mask)
    preview = decode_thumbnail(stored, 60)
    assert (preview.width(), preview.height()) == (60, 40)
    olive = QColor("olive")
    right = preview.pixelColor(50, 20)
    assert (right.red(), right.green(), right.blue()) == (olive.red(), olive.green(), olive.blue())
    left = preview.pixelColor(10, 20)
    assert left.alpha() == 255 and left.red() > olive.red() + 60  # tinted, not a hole
