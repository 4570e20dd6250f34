"""Issue 11, a new user in the viewer: "favourite/delete/tag buttons; the parameters panel must
not scroll sideways (long paths wrap or elide)"."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import GenerationParams, NewImage, NewJob
from studio_desktop.ui.gallery.detail_text import ElidedPath, WrappedText
from studio_desktop.ui.gallery.parameters_text import parameters_text
from studio_desktop.ui.gallery.tag_editor import TagEditor
from studio_desktop.ui.gallery.viewer import ImageViewer
from studio_desktop.ui.thumbnails import ThumbnailLoader
from studio_desktop.workers import WorkerPool
from tests.gui.conftest import db
from tests.gui.graph_options_shown import SHOWN, WITH_GRAPH_OPTIONS
from tests.gui.test_gallery import (
    WAIT_MS,
    Gallery,
    add_image,
    add_images,
    open_gallery,
    select_rows,
)


@pytest.fixture
def loader(ctx: AppContext) -> Iterator[ThumbnailLoader]:
    thumbs = ThumbnailLoader(ctx.paths)
    yield thumbs
    thumbs.shutdown()


@pytest.fixture
def idle_pool(ctx: AppContext) -> Iterator[WorkerPool]:
    pool = WorkerPool(ctx, [])
    pool.start()
    yield pool
    assert pool.shutdown(10)


@pytest.fixture
def gallery(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, loader: ThumbnailLoader
) -> Iterator[Gallery]:
    add_images(ctx, 3)
    g = open_gallery(qtbot, ctx, idle_pool, loader)
    yield g
    g.tab.shutdown()


def open_viewer(qtbot: QtBot, gallery: Gallery, row: int) -> ImageViewer:
    select_rows(gallery.tab, [row])
    gallery.tab.open_viewer()
    viewer = gallery.tab.viewer
    assert viewer is not None
    # The record is read off the GUI thread (the grid's pages hold only what it paints).
    qtbot.waitUntil(lambda: viewer.record is not None, timeout=10_000)
    return viewer


def wait_active(qtbot: QtBot, viewer: ImageViewer) -> None:
    """Its shortcuts work once it is the active window, as when the user opened it."""
    viewer.activateWindow()
    qtbot.waitUntil(viewer.isActiveWindow, timeout=WAIT_MS)


def test_the_viewer_has_favourite_delete_and_tag_buttons_with_their_keys(
    qtbot: QtBot, gallery: Gallery
) -> None:
    """What the user saw: nothing in the viewer to favourite, delete or tag the image."""
    viewer = open_viewer(qtbot, gallery, 1)
    record = viewer.record
    assert record is not None
    assert not viewer.favourite_button.isChecked()
    assert viewer.favourite_button.toolTip() == "Favourite (Ctrl+D)"
    assert viewer.delete_button.toolTip() == "Move to trash (Del)"
    assert viewer.tags_button.toolTip() == "Edit tags (T)"

    viewer.favourite_button.click()
    qtbot.waitUntil(lambda: viewer.favourite_button.isChecked(), timeout=WAIT_MS)
    assert viewer.favourite_button.toolTip() == "Remove from favourites (Ctrl+D)"
    qtbot.waitUntil(lambda: db(gallery.ctx).get_image(record.id).favourite, timeout=WAIT_MS)  # type: ignore[union-attr]
    wait_active(qtbot, viewer)
    QTest.keyClick(viewer, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not viewer.favourite_button.isChecked(), timeout=WAIT_MS)

    viewer.delete_button.click()  # trashed, with the grid's Undo; the next image is shown
    qtbot.waitUntil(lambda: db(gallery.ctx).get_image(record.id).deleted, timeout=WAIT_MS)  # type: ignore[union-attr]
    assert gallery.undos and gallery.undos[-1][0] == "Moved 1 image(s) to the trash"
    # The next image's record may still be on its way (read off the GUI thread): wait for it.
    qtbot.waitUntil(
        lambda: viewer.record is not None and viewer.record.id != record.id, timeout=WAIT_MS
    )
    assert viewer.isVisible()
    gallery.undos[-1][1]()
    qtbot.waitUntil(lambda: not db(gallery.ctx).get_image(record.id).deleted, timeout=WAIT_MS)  # type: ignore[union-attr]
    viewer.close()


def test_the_viewer_tags_button_opens_the_chip_editor(qtbot: QtBot, gallery: Gallery) -> None:
    viewer = open_viewer(qtbot, gallery, 0)
    record = viewer.record
    assert record is not None
    wait_active(qtbot, viewer)
    QTest.keyClick(viewer, Qt.Key.Key_T)
    qtbot.waitUntil(lambda: bool(viewer.findChildren(TagEditor)), timeout=WAIT_MS)
    editor = viewer.findChildren(TagEditor)[0]
    editor.input.setText("sunset")
    QTest.keyClick(editor.input, Qt.Key.Key_Return)
    editor.accept()
    qtbot.waitUntil(
        lambda: db(gallery.ctx).get_image(record.id).tags == ("sunset",), timeout=WAIT_MS
    )  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: "sunset" in viewer.details_text(), timeout=WAIT_MS)
    viewer.close()


def test_the_parameters_panel_never_scrolls_sideways(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, loader: ThumbnailLoader
) -> None:
    """What the user saw: a long file path (and a long prompt) made the parameters panel scroll
    sideways. Now the prompt wraps and the path is elided in the middle, whole in its tooltip."""
    words = [f"word{i % 97}" for i in range(300)]
    prompt = (" ".join(words) + " " + "x" * 300)[:2000]
    assert len(prompt) == 2000
    job = db(ctx).add_job(NewJob("txt2img", GenerationParams(prompt=prompt, seed=1)))
    assert db(ctx).claim_next("http://127.0.0.1:1") is not None
    deep = "/".join(["a-long-folder-name-" + "d" * 40] * 5)
    stored = f"outputs/{deep}/image.png"
    db(ctx).complete(job.id, [NewImage(0, stored, None, 64, 64, 10)])
    full = str(ctx.paths.resolve(stored))
    assert len(full) >= 300
    gallery = open_gallery(qtbot, ctx, idle_pool, loader)
    try:
        viewer = open_viewer(qtbot, gallery, 0)
        qtbot.waitExposed(viewer, timeout=WAIT_MS)
        scroll = viewer.details_scroll
        qtbot.waitUntil(  # the prompt comes with the job, read in the background
            lambda: prompt in [t.toPlainText() for t in viewer.details.findChildren(WrappedText)],
            timeout=WAIT_MS,
        )
        # Laid out at the viewer's default size: nothing is wider than the panel.
        qtbot.waitUntil(
            lambda: viewer.details.width() <= scroll.viewport().width(), timeout=WAIT_MS
        )
        assert scroll.horizontalScrollBar().maximum() == 0
        assert viewer.details.minimumSizeHint().width() <= scroll.viewport().width()
        (path,) = viewer.details.findChildren(ElidedPath)
        assert path.toolTip() == full
        assert "…" in path.shown_text() and path.shown_text() != full
        assert path.geometry().right() <= scroll.viewport().width()
        texts = viewer.details.findChildren(WrappedText)
        prompt_box = next(t for t in texts if t.toPlainText() == prompt)
        assert prompt_box.geometry().right() <= scroll.viewport().width()
        assert prompt_box.height() > 10 * prompt_box.fontMetrics().height()  # wrapped, whole

        # The wheel over the prompt is left to the panel (the text box never scrolls itself;
        # Qt passes a real, unaccepted wheel event on to the parents, a synthesised one not).
        at = QPoint(10, 10)
        wheel = QWheelEvent(
            QPointF(at),
            QPointF(prompt_box.viewport().mapToGlobal(at)),
            QPoint(0, 0),
            QPoint(0, -120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(prompt_box.viewport(), wheel)
        assert not wheel.isAccepted()
        viewer.close()
    finally:
        gallery.tab.shutdown()


def test_the_viewer_lists_the_loras_vae_clip_skip_and_hires_fix_of_the_picture(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, loader: ThumbnailLoader
) -> None:
    """What the user saw: the parameters panel left out the LoRAs and the hires pass a
    picture was made with; Copy parameters too."""
    add_image(ctx, "", params=WITH_GRAPH_OPTIONS)
    gallery = open_gallery(qtbot, ctx, idle_pool, loader)
    try:
        viewer = open_viewer(qtbot, gallery, 0)
        qtbot.waitUntil(lambda: "LoRAs" in viewer.details_text(), timeout=WAIT_MS)
        lines = viewer.details_text().splitlines()
        for name, text in SHOWN.items():
            assert f"{name}: {text}" in lines
        viewer.close()
    finally:
        gallery.tab.shutdown()
    copied = parameters_text(WITH_GRAPH_OPTIONS).splitlines()
    for name, text in SHOWN.items():
        assert f"{name}: {text}" in copied
    assert not any(name in parameters_text(GenerationParams("a fox")) for name in SHOWN)
