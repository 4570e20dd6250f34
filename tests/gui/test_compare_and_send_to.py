"""Compare (issue 14, item 4) and "Use as source image ▸ <slot>" (item 5): synced zoom and pan
in both modes, the A/B slider's divider, the parameters that differ, Compare opened from the
gallery, the viewer and History; sending a file into any image slot from the gallery, the
viewer and History, and dragging it there or out."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QTransform, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import (
    GenerationParams,
    ImageRecord,
    InputImage,
    NewImage,
    NewJob,
)
from studio_desktop.core.prompts.dynamic import Mode
from studio_desktop.core.prompts.jobs import job_params
from studio_desktop.core.settings import load_settings
from studio_desktop.ui import send_to
from studio_desktop.ui.gallery.compare import (
    CompareCanvas,
    CompareDialog,
    CompareMode,
    DiffersRole,
    ParametersPanel,
)
from studio_desktop.ui.gallery.compare_params import compare_rows, describe, value_text
from studio_desktop.ui.main_window import MainWindow
from studio_desktop.ui.services import Services
from studio_desktop.workers import WorkerPool
from tests.gui import test_gallery
from tests.gui.conftest import db
from tests.gui.graph_options_shown import SHOWN, WITH_GRAPH_OPTIONS
from tests.gui.test_gallery import (
    WAIT_MS,
    action,
    add_images,
    png_bytes,
    read_records,
    select_rows,
    settled,
)
from tests.gui.test_gallery_reuse import drop_on
from tests.gui.test_generate import with_img2img

idle_pool = test_gallery.idle_pool


def add_img2img_output(ctx: AppContext, source: Path) -> tuple[ImageRecord, Path]:
    """A completed image-to-image job whose input was `source` (copied into inputs/)."""
    ctx.paths.inputs.mkdir(parents=True, exist_ok=True)
    stored_input = ctx.paths.inputs / "source.png"
    shutil.copyfile(source, stored_input)
    params = GenerationParams(prompt="a blue cat", model="base.safetensors", seed=11, denoise=0.6)
    job = db(ctx).add_job(
        NewJob(
            "test_img2img",
            params,
            inputs=(InputImage("image", ctx.paths.stored(stored_input)),),
        )
    )
    claimed = db(ctx).claim_next("http://127.0.0.1:1")
    assert claimed is not None and claimed.id == job.id
    saved = ctx.library.save_output(
        job.id,
        0,
        png_bytes((10, 200, 30)),
        extra_metadata={"job_id": job.id, "template": "test_img2img", "params": params.to_dict()},
        created=job.created_at,
    )
    (record,) = db(ctx).complete(
        job.id,
        [
            NewImage(
                index=0,
                path=ctx.paths.stored(saved.path),
                thumb_path=ctx.paths.relative(saved.thumb_path) if saved.thumb_path else None,
                width=saved.width,
                height=saved.height,
                bytes=saved.bytes,
                kind="image",
                metadata=saved.metadata,
            )
        ],
    )
    return record, stored_input


@pytest.fixture
def window(qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool) -> Iterator[MainWindow]:
    with_img2img(ctx)
    first = add_images(ctx, 3)[0]
    add_img2img_output(ctx, ctx.paths.resolve(first.path))
    main = MainWindow(Services(ctx, idle_pool, load_settings(ctx.paths.settings)))
    qtbot.addWidget(main)
    main.show()
    settled(qtbot, main.gallery.model)
    qtbot.waitUntil(lambda: main.gallery.model.loaded_rows() == 4, timeout=WAIT_MS)
    assert main.generate.select_template("test_img2img")
    yield main
    main.shutdown()
    main.thumbnails.shutdown()


def wheel(widget: CompareCanvas, at: QPointF, steps: int) -> None:
    event = QWheelEvent(
        at,
        widget.mapToGlobal(at),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def style_slot_file(qtbot: QtBot, window: MainWindow) -> Path:
    """The file the Style slot (the template's second) ended up holding."""
    slot = window.generate.form.slot_widget("style")
    assert slot is not None
    qtbot.waitUntil(lambda: slot.value() is not None and not slot.busy, timeout=WAIT_MS)
    return window.services.ctx.paths.resolve(str(slot.value()))


def open_pair(qtbot: QtBot, window: MainWindow, rows: list[int]) -> CompareDialog:
    tab = window.gallery
    select_rows(tab, rows)
    records = read_records(qtbot, tab.model, rows)
    action(tab.build_menu(records), "Compare with…").trigger()
    dialog = tab.compare_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.canvas.ready() and dialog.parameters_known(), timeout=WAIT_MS)
    return dialog


# --- the parameters panel ----------------------------------------------------------------------


def test_parameter_rows_mark_only_what_differs_between_two_known_sides() -> None:
    a = describe(GenerationParams("cat", seed=1, cfg=7.0), None)
    b = describe(GenerationParams("cat", seed=2, cfg=7.0, extra={"upscale": "x4"}), None)
    rows = {r.key: r for r in compare_rows(a, b)}
    assert [k for k, r in rows.items() if r.differs] == ["seed", "extra.upscale"]
    assert rows["cfg"].first == rows["cfg"].second == "7"
    unknown = compare_rows(None, b)  # an input file: nothing recorded, nothing "differs"
    assert not any(r.differs for r in unknown) and unknown[0].first is None
    assert value_text([{"name": "detail.safetensors", "strength": 0.8}]) == (
        '[{"name": "detail.safetensors", "strength": 0.8}]'
    )


def panel_texts(panel: ParametersPanel) -> dict[str, tuple[str, str]]:
    """Each row's label with the texts of its two sides, as the user reads them."""
    shown = {}
    for n in range(panel.topLevelItemCount()):
        item = panel.topLevelItem(n)
        assert item is not None
        shown[item.text(0)] = (item.text(1), item.text(2))
    return shown


def test_the_parameters_panel_shows_a_dynamic_prompt_as_typed_and_settings_by_name(
    qtbot: QtBot,
) -> None:
    """Compare listed a dynamic prompt's source as raw JSON under the key "dynamic_prompt", and
    a template's own setting under its key ("scale_by")."""
    typed = GenerationParams(prompt="a {fox|cat}", extra={"scale_by": 2})
    a = describe(job_params(typed, [1])[0], None)
    b = describe(job_params(typed, [2], mode=Mode.COMBINATORIAL)[0], None)
    panel = ParametersPanel()
    qtbot.addWidget(panel)
    panel.show_rows(compare_rows(a, b))
    shown = panel_texts(panel)
    assert shown["Prompt as typed"] == ("a {fox|cat}", "a {fox|cat}")
    assert shown["Variations"] == ("One pick per job", "Every combination")
    assert "Negative as typed" not in shown  # none was typed
    assert shown["Scale by"] == ("2", "2")
    assert not any("{" in text and '"' in text for pair in shown.values() for text in pair)
    assert "dynamic_prompt" not in shown and "Dynamic prompt" not in shown
    panel.show_rows(compare_rows(describe(GenerationParams("a fox"), None), a))
    assert panel_texts(panel)["Variations"] == ("", "One pick per job")  # typed as it ran


def test_compare_shows_graph_options_in_words_and_no_null_or_empty_list(qtbot: QtBot) -> None:
    """What the user saw: "LoRAs []", "VAE null", "CLIP skip null", "Hires null" for a picture
    made without them, and JSON for one made with them."""
    panel = ParametersPanel()
    qtbot.addWidget(panel)
    panel.show_rows(
        compare_rows(describe(WITH_GRAPH_OPTIONS, None), describe(GenerationParams("a fox"), None))
    )
    shown = {}
    for n in range(panel.topLevelItemCount()):
        item = panel.topLevelItem(n)
        assert item is not None
        shown[item.text(0)] = (item.text(1), item.text(2))
    for name, text in SHOWN.items():
        assert shown[name] == (text, "")
    assert set(panel.differing()) >= {"loras", "vae", "clip_skip", "hires"}
    assert not any(t in ("null", "[]") for pair in shown.values() for t in pair)


def test_compare_two_selected_images_highlights_the_parameters_that_differ(
    qtbot: QtBot, window: MainWindow
) -> None:
    tab = window.gallery
    records = read_records(qtbot, tab.model, [1, 3])
    dialog = open_pair(qtbot, window, [1, 3])
    assert [i.path for i in dialog.items] == [
        window.services.ctx.paths.resolve(r.path) for r in records
    ]
    panel = dialog.parameters
    differing = set(panel.differing())
    assert "prompt" in differing and "seed" not in differing
    for n in range(panel.topLevelItemCount()):
        item = panel.topLevelItem(n)
        assert item is not None
        key = item.text(0)
        tinted = item.background(1).style() != Qt.BrushStyle.NoBrush
        assert tinted == bool(item.data(0, DiffersRole)), key  # what is marked is what is seen
    assert "differ" in dialog.summary.text()
    dialog.close()


# --- synced zoom and pan ---------------------------------------------------------------------


def test_wheel_and_drag_on_one_side_zoom_and_pan_both_sides_together(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = open_pair(qtbot, window, [1, 2])
    canvas = dialog.canvas
    assert canvas.fitting
    left, right = canvas.boxes()
    cursor = QPointF(left.width() * 0.3, left.height() * 0.4)
    under = canvas.side_transform(0).inverted()[0].map(cursor)  # the pixel under the cursor
    before = canvas.zoom
    wheel(canvas, cursor, 2)
    assert canvas.zoom == pytest.approx(before * 1.25**2)
    assert canvas.side_transform(0) == canvas.side_transform(1)
    assert canvas.side_transform(0).map(under).x() == pytest.approx(cursor.x())  # about it
    # The wheel over the right-hand side zooms about the point under it, for both.
    wheel(canvas, right.topLeft() + cursor, -1)
    assert canvas.side_transform(0) == canvas.side_transform(1)

    moved_from = canvas.offset()
    start = (right.topLeft() + QPointF(40, 40)).toPoint()
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseMove(canvas, start + QPoint(30, -20))
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=start + QPoint(30, -20))
    assert canvas.offset() == moved_from + QPointF(30, -20)
    assert canvas.side_transform(0) == canvas.side_transform(1)

    dialog.actual_button.click()
    assert canvas.zoom == pytest.approx(1.0) and dialog.zoom_label.text() == "100%"
    middle = (
        canvas.side_transform(0).inverted()[0].map(QPointF(left.width() / 2, left.height() / 2))
    )
    dialog.swipe.click()  # the slider keeps the zoom and the middle; both sides move as one
    whole = canvas.boxes()[0]
    now = canvas.side_transform(0).map(middle)
    assert (now.x(), now.y()) == pytest.approx((whole.width() / 2, whole.height() / 2))
    wheel(canvas, QPointF(100, 100), 1)
    assert canvas.side_transform(0) == canvas.side_transform(1)
    dialog.fit_button.click()
    assert canvas.fitting and canvas.zoom == pytest.approx(canvas.fit_zoom())
    dialog.close()


def test_images_of_different_sizes_line_up_when_zoomed(qtbot: QtBot) -> None:
    from PySide6.QtGui import QImage

    canvas = CompareCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(800, 400)
    small, big = (
        QImage(100, 50, QImage.Format.Format_RGB32),
        QImage(200, 100, QImage.Format.Format_RGB32),
    )
    canvas.set_image(0, small)
    canvas.set_image(1, big)
    wheel(canvas, QPointF(120, 90), 3)
    # The same spot of the picture (its centre) lands on the same place in both boxes.
    a = canvas.side_transform(0).map(QPointF(50, 25))
    b = canvas.side_transform(1).map(QPointF(100, 50))
    assert (a.x(), a.y()) == pytest.approx((b.x(), b.y()))
    assert canvas.side_transform(1) != QTransform()


def test_the_slider_divider_follows_a_drag_and_the_arrow_keys(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = open_pair(qtbot, window, [0, 1])
    canvas = dialog.canvas
    dialog.swipe.click()
    assert canvas.mode is CompareMode.SWIPE
    middle = QPoint(canvas.width() // 2, canvas.height() // 2)
    offset = canvas.offset()
    quarter = QPoint(canvas.width() // 4, canvas.height() // 2)
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, pos=middle)
    QTest.mouseMove(canvas, quarter)
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=quarter)
    assert canvas.split == pytest.approx(0.25, abs=0.01)
    assert canvas.offset() == offset  # dragging the divider does not pan
    canvas.setFocus()
    QTest.keyClick(canvas, Qt.Key.Key_Right)
    assert canvas.split == pytest.approx(0.27, abs=0.01)
    QTest.keyClick(canvas, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert canvas.split == pytest.approx(0.17, abs=0.01)
    dialog.close()


# --- opened from a result and its source, and from the viewer --------------------------------


def source_and_output(qtbot: QtBot, window: MainWindow) -> tuple[ImageRecord, Path]:
    tab = window.gallery
    records = read_records(qtbot, tab.model, list(range(4)))
    output = next(r for r in records if "blue" in tab.model.prompt_of(r))
    return output, window.services.ctx.paths.inputs / "source.png"


def test_gallery_compares_an_output_with_the_source_image_of_its_job(
    qtbot: QtBot, window: MainWindow
) -> None:
    tab = window.gallery
    output, source = source_and_output(qtbot, window)
    row = tab.model.row_of(output.id)
    assert row is not None
    select_rows(tab, [row])
    got: list[list[ImageRecord]] = []
    tab.model.read_records([row], got.append, jobs=True)  # as the context menu reads them
    qtbot.waitUntil(lambda: bool(got), timeout=WAIT_MS)
    action(tab.build_menu(got[0]), "Compare with its source image").trigger()
    qtbot.waitUntil(lambda: tab.compare_dialog is not None, timeout=WAIT_MS)
    dialog = tab.compare_dialog
    assert dialog is not None
    assert [i.path for i in dialog.items] == [
        source,
        window.services.ctx.paths.resolve(output.path),
    ]
    qtbot.waitUntil(lambda: dialog.canvas.ready() and dialog.parameters_known(), timeout=WAIT_MS)
    assert dialog.parameters.differing() == []  # the source's parameters are not known
    assert "Only one image" in dialog.summary.text()
    dialog.close()


def test_history_compares_a_jobs_output_with_its_input(qtbot: QtBot, window: MainWindow) -> None:
    history = window.history
    output, source = source_and_output(qtbot, window)
    qtbot.waitUntil(lambda: history.select_job(output.job_id), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: bool(history.details.shown_images), timeout=WAIT_MS)
    thumb = history.details.outputs.thumbs[0]
    assert thumb.record.id == output.id
    action(
        history.build_output_menu(thumb.record), "Compare the output with its source image"
    ).trigger()
    dialog = history.compare_dialog
    assert dialog is not None
    assert [i.path for i in dialog.items] == [
        source,
        window.services.ctx.paths.resolve(output.path),
    ]
    qtbot.waitUntil(lambda: dialog.canvas.ready() and dialog.parameters_known(), timeout=WAIT_MS)
    keys = [r.key for r in dialog.parameters.rows]
    assert "denoise" in keys and "template" in keys
    dialog.close()


def test_viewer_compares_with_the_next_image(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.gallery
    select_rows(tab, [1])
    tab.open_viewer()
    viewer = tab.viewer
    assert viewer is not None
    qtbot.waitUntil(lambda: viewer.record is not None, timeout=WAIT_MS)
    shown = viewer.record
    assert shown is not None
    action(viewer.compare_menu, "With the next image").trigger()
    qtbot.waitUntil(lambda: tab.compare_dialog is not None, timeout=WAIT_MS)
    dialog = tab.compare_dialog
    assert dialog is not None
    following = read_records(qtbot, tab.model, [2])[0]
    paths = window.services.ctx.paths
    assert [i.path for i in dialog.items] == [
        paths.resolve(shown.path),
        paths.resolve(following.path),
    ]
    dialog.close()
    viewer.close()


# --- send to any image slot, from everywhere -------------------------------------------------


def test_gallery_sends_an_image_to_the_second_slot(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.gallery
    window.tabs.setCurrentWidget(tab)
    select_rows(tab, [2])
    records = read_records(qtbot, tab.model, [2])
    menu = tab.build_menu(records)
    sub = next(a.menu() for a in menu.actions() if a.text() == "Use as source image")
    assert [a.text() for a in sub.actions()] == ["Reference", "Style"]  # type: ignore[union-attr]
    action(menu, "Style").trigger()
    copied = style_slot_file(qtbot, window)
    assert copied.read_bytes() == window.services.ctx.paths.resolve(records[0].path).read_bytes()
    assert window.generate.form.slot_widget("image").value() is None  # type: ignore[union-attr]
    assert window.tabs.currentWidget() is window.generate


def test_viewer_sends_the_shown_image_to_a_chosen_slot(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.gallery
    select_rows(tab, [0])
    tab.open_viewer()
    viewer = tab.viewer
    assert viewer is not None
    qtbot.waitUntil(lambda: viewer.record is not None, timeout=WAIT_MS)
    shown = viewer.record
    assert shown is not None
    viewer.send_menu.aboutToShow.emit()
    assert [a.text() for a in viewer.send_menu.actions()] == ["Reference", "Style"]
    action(viewer.send_menu, "Style").trigger()
    copied = style_slot_file(qtbot, window)
    assert copied.read_bytes() == window.services.ctx.paths.resolve(shown.path).read_bytes()
    viewer.close()


def test_history_sends_a_jobs_output_to_a_chosen_slot(qtbot: QtBot, window: MainWindow) -> None:
    history = window.history
    output, _source = source_and_output(qtbot, window)
    qtbot.waitUntil(lambda: history.select_job(output.job_id), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: bool(history.details.shown_images), timeout=WAIT_MS)
    action(history.build_output_menu(output), "Style").trigger()
    copied = style_slot_file(qtbot, window)
    assert copied.read_bytes() == window.services.ctx.paths.resolve(output.path).read_bytes()


def test_viewer_and_history_drag_their_file_into_a_slot_or_out(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[list[Path]] = []

    class RecordingDrag(send_to.QDrag):
        """The platform's drag loop would block an offscreen test: record what it carries."""

        def exec(self, *actions: Qt.DropAction) -> Qt.DropAction:  # type: ignore[override]
            started.append([Path(u.toLocalFile()) for u in self.mimeData().urls()])
            return Qt.DropAction.CopyAction

    monkeypatch.setattr(send_to, "QDrag", RecordingDrag)
    paths = window.services.ctx.paths
    output, _source = source_and_output(qtbot, window)

    history = window.history
    window.tabs.setCurrentWidget(history)
    qtbot.waitUntil(lambda: history.select_job(output.job_id), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: bool(history.details.outputs.thumbs), timeout=WAIT_MS)
    thumb = history.details.outputs.thumbs[0]
    qtbot.waitUntil(thumb.isVisible, timeout=WAIT_MS)
    QTest.mousePress(thumb, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    QTest.mouseMove(thumb, QPoint(60, 60))
    assert started == [[paths.resolve(output.path)]]

    tab = window.gallery
    window.tabs.setCurrentWidget(tab)
    select_rows(tab, [0])
    tab.open_viewer()
    viewer = tab.viewer
    assert viewer is not None
    qtbot.waitUntil(lambda: viewer.record is not None, timeout=WAIT_MS)
    shown = viewer.record
    assert shown is not None
    handle = viewer.drag_handle
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    QTest.mouseMove(handle, QPoint(40, 30))
    assert started[-1] == [paths.resolve(shown.path)]
    viewer.close()

    # What those drags carry is what a slot takes.
    slot = window.generate.form.slot_widget("style")
    assert slot is not None
    drop_on(slot, send_to.file_mime(started[0]))
    assert style_slot_file(qtbot, window).read_bytes() == paths.resolve(output.path).read_bytes()
