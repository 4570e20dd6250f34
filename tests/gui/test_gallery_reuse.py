"""Reusing gallery images (issue 11): "Use as source image", "Copy seed", "Copy parameters",
"Compare with…", and dragging images into a Generate image slot or out to a file manager."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import ImageRecord
from studio_desktop.core.settings import load_settings
from studio_desktop.ui.gallery import compare as compare_module
from studio_desktop.ui.gallery import grid_view
from studio_desktop.ui.gallery.boards import dropped_ids
from studio_desktop.ui.main_window import MainWindow
from studio_desktop.ui.services import Services
from studio_desktop.workers import WorkerPool
from tests.gui import test_gallery
from tests.gui.test_gallery import (
    WAIT_MS,
    Gallery,
    action,
    add_images,
    read_records,
    select_rows,
    settled,
)
from tests.gui.test_generate import with_img2img


@pytest.fixture
def window(
    qtbot: QtBot,
    ctx: AppContext,
    idle_pool: WorkerPool,
) -> Iterator[MainWindow]:
    with_img2img(ctx)
    add_images(ctx, 3)
    main = MainWindow(Services(ctx, idle_pool, load_settings(ctx.paths.settings)))
    qtbot.addWidget(main)
    main.show()
    settled(qtbot, main.gallery.model)
    qtbot.waitUntil(lambda: main.gallery.model.loaded_rows() == 3, timeout=WAIT_MS)
    yield main
    main.shutdown()
    main.thumbnails.shutdown()


# Fixtures shared with test_gallery.py (pytest finds them by these names).
gallery = test_gallery.gallery
idle_pool = test_gallery.idle_pool
loader = test_gallery.loader


def menu_for_rows(
    qtbot: QtBot, window: MainWindow, rows: list[int]
) -> tuple[QMenu, list[ImageRecord]]:
    tab = window.gallery
    select_rows(tab, rows)
    records = read_records(qtbot, tab.model, rows)
    return tab.build_menu(records), records


def test_use_as_source_image_fills_the_generate_image_slot(
    qtbot: QtBot, window: MainWindow, ctx: AppContext
) -> None:
    assert window.generate.select_template("test_img2img")
    window.tabs.setCurrentWidget(window.gallery)
    menu, records = menu_for_rows(qtbot, window, [1])
    action(menu, "Reference").trigger()  # Use as source image ▸ Reference
    slot = window.generate.form.slot_widget("image")
    assert slot is not None
    qtbot.waitUntil(lambda: slot.value() is not None and not slot.busy, timeout=WAIT_MS)
    assert window.tabs.currentWidget() is window.generate
    copied = ctx.paths.resolve(str(slot.value()))
    source = ctx.paths.resolve(records[0].path)
    assert copied != source and copied.read_bytes() == source.read_bytes()


def test_use_as_source_image_on_a_template_without_a_slot_names_those_that_have_one(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.generate.select_template("txt2img")
    window.tabs.setCurrentWidget(window.gallery)
    menu, _records = menu_for_rows(qtbot, window, [0])
    action(menu, "Use as source image").trigger()
    message = window.status.currentMessage()
    assert "takes no source image" in message and "Image to image (test)" in message
    assert window.tabs.currentWidget() is window.gallery  # nothing was changed


def test_copy_seed_and_parameters_put_readable_text_on_the_clipboard(
    qtbot: QtBot,
    gallery: Gallery,
) -> None:
    tab = gallery.tab
    select_rows(tab, [0])
    got: list[list[ImageRecord]] = []
    tab.model.read_records([0], got.append, jobs=True)  # as the context menu reads them
    qtbot.waitUntil(lambda: bool(got), timeout=WAIT_MS)
    records = got[0]
    QGuiApplication.clipboard().clear()
    action(tab.build_menu(records), "Copy seed").trigger()
    assert QGuiApplication.clipboard().text() == "7"
    action(tab.build_menu(records), "Copy parameters").trigger()
    text = QGuiApplication.clipboard().text()
    prompt = tab.model.prompt_of(records[0])
    assert text.splitlines() == [
        f"Prompt: {prompt}",
        "Negative prompt: ",
        f"Template: {tab._services.template_name('txt2img')}",
        "Model: base.safetensors",
        "Seed: 7",
        "Steps: 20",
        "CFG: 7",
        "Sampler: euler",
        "Scheduler: normal",
        "Size: 512 × 512",
    ]
    assert "Parameters copied" in gallery.statuses


def test_compare_two_selected_images_side_by_side_and_swiped(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    gallery: Gallery,
) -> None:
    decoded_on: list[threading.Thread] = []
    real_decode = compare_module.decode_full

    def recording(path: Path) -> QImage:
        decoded_on.append(threading.current_thread())
        return real_decode(path)

    monkeypatch.setattr(compare_module, "decode_full", recording)
    tab = gallery.tab
    select_rows(tab, [0, 2])
    records = read_records(qtbot, tab.model, [0, 2])
    action(tab.build_menu(records), "Compare with…").trigger()
    dialog = tab.compare_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.canvas.ready, timeout=WAIT_MS)
    assert all(side.pixmap is not None for side in dialog.canvas.sides)
    assert len(decoded_on) == 2 and threading.main_thread() not in decoded_on
    assert [item.path for item in dialog.items] == [
        gallery.ctx.paths.resolve(r.path) for r in records
    ]
    dialog.swipe.click()
    assert dialog.canvas.mode is compare_module.CompareMode.SWIPE
    quarter = QPoint(dialog.canvas.width() // 4, 20)
    QTest.mouseClick(dialog.canvas, Qt.MouseButton.LeftButton, pos=quarter)  # puts it there
    assert dialog.canvas.split == pytest.approx(0.25, abs=0.02)
    dialog.close()


def test_compare_with_one_selected_asks_for_the_second_and_takes_the_next_click(
    qtbot: QtBot,
    gallery: Gallery,
) -> None:
    tab = gallery.tab
    select_rows(tab, [0])
    records = read_records(qtbot, tab.model, [0])
    action(tab.build_menu(records), "Compare with…").trigger()
    assert "compare it with" in gallery.statuses[-1]
    assert tab.compare_dialog is None
    second = tab.view.visualRect(tab.model.index(3, 0)).center()
    QTest.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=second)
    qtbot.waitUntil(lambda: tab.compare_dialog is not None, timeout=WAIT_MS)
    assert tab.compare_dialog is not None
    other = read_records(qtbot, tab.model, [3])[0]
    assert [i.path for i in tab.compare_dialog.items] == [
        gallery.ctx.paths.resolve(records[0].path),
        gallery.ctx.paths.resolve(other.path),
    ]
    tab.compare_dialog.close()


def drop_on(widget: QWidget, mime: QMimeData) -> None:
    """A drag entering the widget, which must accept it, then the drop."""
    action_, button = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton
    modifiers = Qt.KeyboardModifier.NoModifier
    try:  # Qt 6.12 takes a QPointF and deprecates the QPoint form; older versions lack it
        enter = QDragEnterEvent(QPointF(20, 20), action_, mime, button, modifiers)  # type: ignore[arg-type,call-overload,unused-ignore]
    except TypeError:
        enter = QDragEnterEvent(QPoint(20, 20), action_, mime, button, modifiers)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(20, 20), action_, mime, button, modifiers)
    assert widget.event(event)
    assert event.isAccepted()


def test_dragging_gallery_images_carries_their_files_into_an_image_slot(
    qtbot: QtBot, window: MainWindow, ctx: AppContext
) -> None:
    tab = window.gallery
    select_rows(tab, [0, 2])
    indexes: list[QModelIndex] = tab.view.selectionModel().selectedIndexes()
    assert all(tab.model.flags(i) & Qt.ItemFlag.ItemIsDragEnabled for i in indexes)
    records = read_records(qtbot, tab.model, [0, 2])
    mime = tab.model.mimeData(indexes)
    files = [Path(url.toLocalFile()) for url in mime.urls()]
    assert files == [ctx.paths.resolve(r.path) for r in records]  # what a file manager copies
    assert all(f.is_file() for f in files)
    assert dropped_ids(mime) == [r.id for r in records]  # what a board in the sidebar takes

    assert window.generate.select_template("test_img2img")
    slot = window.generate.form.slot_widget("image")
    assert slot is not None
    drop_on(slot, mime)
    qtbot.waitUntil(lambda: slot.value() is not None and not slot.busy, timeout=WAIT_MS)
    assert ctx.paths.resolve(str(slot.value())).read_bytes() == files[0].read_bytes()


def test_dragging_out_of_the_grid_starts_a_copy_drag_of_the_selected_files(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    gallery: Gallery,
) -> None:
    started: list[tuple[list[Path], Qt.DropAction]] = []

    class RecordingDrag(grid_view.QDrag):
        """The platform's drag loop would block an offscreen test: record what it was given."""

        def exec(self, *actions: Qt.DropAction) -> Qt.DropAction:  # type: ignore[override]
            mime = self.mimeData()
            started.append(([Path(u.toLocalFile()) for u in mime.urls()], actions[0]))
            return Qt.DropAction.CopyAction

    monkeypatch.setattr(grid_view, "QDrag", RecordingDrag)
    tab = gallery.tab
    select_rows(tab, [1, 3])
    records = read_records(qtbot, tab.model, [1, 3])
    tab.view.startDrag(Qt.DropAction.CopyAction)
    assert started == [
        ([gallery.ctx.paths.resolve(r.path) for r in records], Qt.DropAction.CopyAction)
    ]
