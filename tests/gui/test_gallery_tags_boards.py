"""Issue 11, a new user in the Gallery: "Tags: a tiny exact-match text box, no list, no
autocomplete; the tag dialog is a bare input" and "Add collections (boards) a user can drag
images into". The sidebar, the chip editor and boards against a real store."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.store.filters import ImageFilter
from studio_desktop.ui.gallery.boards import IMAGE_IDS_MIME
from studio_desktop.ui.gallery.tag_editor import TagEditor
from studio_desktop.ui.thumbnails import ThumbnailLoader
from studio_desktop.workers import WorkerPool
from tests.gui.conftest import db
from tests.gui.test_gallery import (
    WAIT_MS,
    Gallery,
    action,
    add_images,
    open_gallery,
    record_at,
    select_rows,
    selected_records,
    settled,
    shown_ids,
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
    images = add_images(ctx, 5)
    store = db(ctx)
    store.set_tags(images[0].id, ["Cat", "night"])
    store.set_tags(images[1].id, ["cat"])
    store.set_tags(images[2].id, ["night"])
    g = open_gallery(qtbot, ctx, idle_pool, loader)
    qtbot.waitUntil(lambda: g.tab.sidebar.tag_rows() != [], timeout=WAIT_MS)
    yield g
    g.tab.shutdown()


def tags_of(gallery: Gallery, image_id: int) -> tuple[str, ...]:
    record = db(gallery.ctx).get_image(image_id)
    assert record is not None
    return record.tags


# --- tags ---------------------------------------------------------------------------------------


def test_the_gallery_lists_every_tag_with_how_many_images_carry_it(gallery: Gallery) -> None:
    """What the user saw: no list of tags at all, only an exact-match text box."""
    assert gallery.tab.sidebar.tag_rows() == [("Cat", 2), ("night", 2)]


def test_choosing_tags_in_the_sidebar_shows_images_having_all_of_them(
    qtbot: QtBot, gallery: Gallery
) -> None:
    tab, model = gallery.tab, gallery.tab.model
    everything = shown_ids(model)
    tab.sidebar.choose_tags(["Cat"])
    settled(qtbot, model)
    assert model.filter.tags == ("Cat",)
    assert shown_ids(model) == everything[-2:]  # the two oldest
    tab.sidebar.choose_tags(["Cat", "night"])
    settled(qtbot, model)
    assert shown_ids(model) == [everything[-1]]
    tab.sidebar.choose_tags([])
    settled(qtbot, model)
    assert shown_ids(model) == everything


def test_tag_counts_follow_tagging_and_the_trash(qtbot: QtBot, gallery: Gallery) -> None:
    tab, model = gallery.tab, gallery.tab.model
    select_rows(tab, [0, 1])  # the two newest: untagged
    records = selected_records(qtbot, tab)
    tab.change_tags(records, add=["sky"], remove=[])
    qtbot.waitUntil(lambda: ("sky", 2) in tab.sidebar.tag_rows(), timeout=WAIT_MS)
    select_rows(tab, [0])
    tab.delete_selected()
    qtbot.waitUntil(lambda: ("sky", 1) in tab.sidebar.tag_rows(), timeout=WAIT_MS)
    assert model.rowCount() == 4


def test_the_tag_dialog_shows_chips_and_completes_from_known_tags(
    qtbot: QtBot, gallery: Gallery
) -> None:
    """What the user saw: the tag dialog was a bare text input."""
    editor = TagEditor(["Cat", "night"], ["Cat", "night", "nightfall"], images=1)
    qtbot.addWidget(editor)
    assert editor.chips() == ["Cat", "night"]
    completer = editor.input.completer()
    assert completer is not None
    completer.setCompletionPrefix("NIG")
    assert completer.completionCount() == 2
    assert completer.currentCompletion() == "night"

    editor.input.setText("Sky, cat ")
    QTest.keyClick(editor.input, Qt.Key.Key_Return)  # adds, does not close the dialog
    assert editor.chips() == ["Cat", "night", "Sky"]  # "cat" is there already
    assert editor.input.text() == ""
    editor.remove_chip("night")
    assert editor.chips() == ["Cat", "Sky"]
    assert editor.added() == ["Sky"] and editor.removed() == ["night"]


def test_tagging_several_images_adds_to_each_instead_of_replacing(
    qtbot: QtBot, gallery: Gallery
) -> None:
    tab, model = gallery.tab, gallery.tab.model
    cat_night, cat = record_at(qtbot, model, 4), record_at(qtbot, model, 3)
    select_rows(tab, [3, 4])
    editor = tab.tag_editor(selected_records(qtbot, tab))
    qtbot.addWidget(editor)
    assert editor.chips() == ["cat", "night"]  # every tag any of them has
    editor.input.setText("pet")
    QTest.keyClick(editor.input, Qt.Key.Key_Return)
    editor.accept()
    qtbot.waitUntil(lambda: tags_of(gallery, cat.id) == ("cat", "pet"), timeout=WAIT_MS)
    assert tags_of(gallery, cat_night.id) == ("Cat", "night", "pet")
    qtbot.waitUntil(
        lambda: [r.tags for r in model.records([3])] == [("cat", "pet")], timeout=WAIT_MS
    )


def test_the_filter_bar_tag_box_autocompletes(qtbot: QtBot, gallery: Gallery) -> None:
    box = gallery.tab.filter_bar.tag
    completer = box.completer()
    assert completer is not None
    qtbot.waitUntil(lambda: completer.model().rowCount() == 2, timeout=WAIT_MS)
    completer.setCompletionPrefix("ca")
    assert completer.currentCompletion() == "Cat"


# --- boards -------------------------------------------------------------------------------------


def boards_of(gallery: Gallery) -> list[tuple[str, int]]:
    return [(b.name, b.count) for b in db(gallery.ctx).list_boards()]


def make_board(qtbot: QtBot, gallery: Gallery, name: str) -> int:
    sidebar = gallery.tab.sidebar
    sidebar.create_board(name)
    qtbot.waitUntil(lambda: name in [n for n, _c in sidebar.board_rows()], timeout=WAIT_MS)
    return next(b.id for b in db(gallery.ctx).list_boards() if b.name == name)


def drop_on_board(gallery: Gallery, board_id: int, mime: QMimeData) -> None:
    tree = gallery.tab.sidebar.boards
    item = gallery.tab.sidebar.board_item(board_id)
    assert item is not None
    point = tree.visualItemRect(item).center()
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    # As a real drag: enter, move over the board, drop.
    for event in (
        QDragEnterEvent(point, Qt.DropAction.CopyAction, mime, buttons, keys),
        QDragMoveEvent(point, Qt.DropAction.CopyAction, mime, buttons, keys),
    ):
        QApplication.sendEvent(tree.viewport(), event)
        assert event.isAccepted()
    drop = QDropEvent(QPointF(point), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(tree.viewport(), drop)
    assert drop.isAccepted()


def test_dropping_gallery_images_on_a_board_adds_them_and_the_grid_shows_the_board(
    qtbot: QtBot, gallery: Gallery
) -> None:
    """What the user asked for: collections (boards) to drag images into."""
    tab, model = gallery.tab, gallery.tab.model
    board = make_board(qtbot, gallery, "Favourite cats")
    ids = shown_ids(model)
    mime = QMimeData()
    mime.setData(IMAGE_IDS_MIME, json.dumps([ids[0], ids[2]]).encode())
    drop_on_board(gallery, board, mime)
    qtbot.waitUntil(lambda: boards_of(gallery) == [("Favourite cats", 2)], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: ("Favourite cats", 2) in tab.sidebar.board_rows(), timeout=WAIT_MS)

    tab.sidebar.choose_board(board)
    settled(qtbot, model)
    assert model.filter == ImageFilter(board=board)  # the store's filter, read by the grid
    assert shown_ids(model) == [ids[0], ids[2]]

    # Files of the library dragged from a file manager count too.
    files = QMimeData()
    record = db(gallery.ctx).get_image(ids[4])
    assert record is not None
    files.setUrls([QUrl.fromLocalFile(str(gallery.ctx.paths.resolve(record.path)))])
    drop_on_board(gallery, board, files)
    qtbot.waitUntil(lambda: boards_of(gallery) == [("Favourite cats", 3)], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: shown_ids(model) == [ids[0], ids[2], ids[4]], timeout=WAIT_MS)

    tab.sidebar.choose_board(None)  # All images
    settled(qtbot, model)
    assert shown_ids(model) == ids


def test_add_to_board_from_the_context_menu_then_rename_and_delete_keeps_the_images(
    qtbot: QtBot, gallery: Gallery
) -> None:
    tab, model = gallery.tab, gallery.tab.model
    board = make_board(qtbot, gallery, "Night")
    select_rows(tab, [1, 3])
    chosen = [r.id for r in selected_records(qtbot, tab)]
    menu = tab.build_menu(selected_records(qtbot, tab))
    submenu = action(menu, "Add to board").menu()
    assert submenu is not None
    action(menu, "Night").trigger()
    qtbot.waitUntil(lambda: boards_of(gallery) == [("Night", 2)], timeout=WAIT_MS)
    tab.sidebar.choose_board(board)
    settled(qtbot, model)
    assert sorted(shown_ids(model)) == sorted(chosen)

    board_menu = tab.sidebar.board_menu(board)
    assert [a.text() for a in board_menu.actions() if a.text()] == ["Rename…", "Delete board"]
    tab.sidebar.rename_board(board, "Nights")
    qtbot.waitUntil(lambda: boards_of(gallery) == [("Nights", 2)], timeout=WAIT_MS)
    tab.sidebar.delete_board(board)
    qtbot.waitUntil(lambda: boards_of(gallery) == [], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: tab.sidebar.board_rows() == [], timeout=WAIT_MS)
    settled(qtbot, model)
    assert model.filter.board is None  # back to All images
    assert model.rowCount() == 5  # no image went with the board
    assert db(gallery.ctx).count_images() == 5


def test_a_board_name_in_use_is_refused_with_one_line(
    qtbot: QtBot, gallery: Gallery, idle_pool: WorkerPool
) -> None:
    make_board(qtbot, gallery, "Cats")
    failures: list[object] = []
    idle_pool.operation_failed.connect(failures.append)  # the status bar shows these
    gallery.tab.sidebar.create_board("cats")
    qtbot.waitUntil(lambda: bool(failures), timeout=WAIT_MS)
    assert str(failures[-1]) == "A board named 'cats' exists already."
    assert boards_of(gallery) == [("Cats", 0)]


def test_board_drop_point_is_on_a_board(gallery: Gallery) -> None:
    # "All images" takes no drop: adding to everything means nothing.
    tree = gallery.tab.sidebar.boards
    all_item = tree.topLevelItem(0)
    assert all_item is not None
    assert gallery.tab.sidebar.board_at(tree.visualItemRect(all_item).center()) is None
    assert gallery.tab.sidebar.board_at(QPoint(-5, -5)) is None
