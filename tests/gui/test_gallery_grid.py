"""The gallery grid as a new user saw it (issue 11): columns that fill the width at every
thumbnail size, and a date header above each day's images."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QEvent, QLocale, QObject, QPoint, Qt
from PySide6.QtGui import QPaintEvent, QRegion
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import ImageRecord
from studio_desktop.core.store import store as store_module
from studio_desktop.ui.gallery import GalleryModel
from studio_desktop.ui.gallery.grid_view import day_label
from studio_desktop.ui.thumbnails import ThumbnailLoader
from studio_desktop.workers import WorkerPool
from studio_desktop.workers.read_view import ReadView
from tests.gui import test_gallery
from tests.gui.test_gallery import (
    WAIT_MS,
    Gallery,
    add_image,
    add_images,
    load_all,
    open_gallery,
    settled,
)

# Fixtures shared with test_gallery.py (pytest finds them by these names).
idle_pool = test_gallery.idle_pool
loader = test_gallery.loader


def add_image_made_at(
    ctx: AppContext, monkeypatch: pytest.MonkeyPatch, prompt: str, when: datetime
) -> ImageRecord:
    """An image the store records as made at `when` (the store's clock, set for the write)."""
    with monkeypatch.context() as patch:
        patch.setattr(store_module, "utcnow", lambda: when)
        return add_image(ctx, prompt)


@pytest.fixture
def many(
    qtbot: QtBot,
    ctx: AppContext,
    idle_pool: WorkerPool,
    loader: ThumbnailLoader,
) -> Iterator[Gallery]:
    add_images(ctx, 40)
    g = open_gallery(qtbot, ctx, idle_pool, loader)
    qtbot.waitUntil(lambda: g.tab.model.loaded_rows() == 40, timeout=WAIT_MS)
    yield g
    g.tab.shutdown()


def right_gap(gallery: Gallery) -> int:
    """Pixels between the right edge of the widest line of cells and the viewport's edge."""
    view = gallery.tab.view
    width = view.viewport().width()
    rights = [view.visualRect(view.model().index(r, 0)).right() + 1 for r in range(40)]
    return width - max(rights)


@pytest.mark.parametrize("size", [64, 128, 240, 512])
@pytest.mark.parametrize("width", [940, 1013, 1280, 1650])  # the tab is 936 wide at least
def test_grid_leaves_no_empty_columns_at_the_right(
    qtbot: QtBot, many: Gallery, size: int, width: int
) -> None:
    tab = many.tab
    tab.size_slider.setValue(size)
    tab.resize(width, 700)
    qtbot.waitUntil(lambda: tab.view.viewport().width() < width, timeout=WAIT_MS)
    view = tab.view
    viewport = view.viewport().width()
    cell = tab.delegate.cell_size().width()
    assert view.columns() == max(1, viewport // cell)  # as many as fit, no fewer
    assert 0 <= right_gap(many) < 1  # the columns are stretched to the edge
    assert view.gridSize().width() >= cell  # never smaller than the thumbnail asks


def test_grid_follows_the_scroll_bar_appearing(qtbot: QtBot, many: Gallery) -> None:
    tab = many.tab
    tab.size_slider.setValue(128)
    tab.resize(900, 2400)  # every image fits: no scroll bar
    qtbot.waitUntil(lambda: not tab.view.verticalScrollBar().isVisible(), timeout=WAIT_MS)
    assert right_gap(many) == 0
    tab.resize(900, 300)  # now it scrolls: the viewport narrows
    qtbot.waitUntil(tab.view.verticalScrollBar().isVisible, timeout=WAIT_MS)
    assert right_gap(many) == 0


def test_gallery_groups_images_under_date_headers(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    ctx: AppContext,
    idle_pool: WorkerPool,
    loader: ThumbnailLoader,
) -> None:
    now = datetime.now(UTC)
    local_today = now.astimezone().date()
    long_ago = now - timedelta(days=40)
    for i in range(3):
        add_image_made_at(ctx, monkeypatch, f"old {i}", long_ago)
    add_image_made_at(ctx, monkeypatch, "yesterday", now - timedelta(days=1))
    for i in range(5):
        add_image(ctx, f"today {i}")
    g = open_gallery(qtbot, ctx, idle_pool, loader)
    tab = g.tab
    tab.resize(1600, 600)  # today's five images on one line beside the sidebar
    qtbot.waitUntil(lambda: tab.view.viewport().width() > 1200, timeout=WAIT_MS)
    qtbot.waitUntil(tab.model.is_counted, timeout=WAIT_MS)
    sections = tab.view.sections()
    labels = [s.label for s in sections]
    old_day = long_ago.astimezone().date()
    assert labels == [
        "Today",
        "Yesterday",
        day_label(old_day, local_today, QLocale()),
    ]
    assert labels[2] == QLocale().toString(
        QLocale().toDate(labels[2], QLocale.FormatType.LongFormat), QLocale.FormatType.LongFormat
    )
    assert [(s.first, s.end) for s in sections] == [(0, 5), (5, 6), (6, 9)]
    # A header takes its own line across the width: the next day starts a new line of cells.
    view = tab.view
    yesterday = view.visualRect(tab.model.index(5, 0))
    assert yesterday.left() == 0
    assert yesterday.top() > view.visualRect(tab.model.index(4, 0)).bottom()
    assert not view.indexAt(QPoint(10, sections[1].header_y + 2 - view.verticalOffset())).isValid()
    # Down from the last of today lands on yesterday's image; the count counts images only.
    view.setFocus()
    view.setCurrentIndex(tab.model.index(0, 0))
    QTest.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 5
    expected = [tab.tr("%n image(s)", "", 9), tab.tr("%n selected", "", 1)]
    assert tab.selection_label.text() == " · ".join(expected)
    tab.shutdown()


def test_date_headers_without_any_image_read_twice(
    qtbot: QtBot,
    ctx: AppContext,
    idle_pool: WorkerPool,
    loader: ThumbnailLoader,
) -> None:
    add_images(ctx, 12)
    g = open_gallery(qtbot, ctx, idle_pool, loader, page_size=5)
    tab = g.tab
    qtbot.waitUntil(lambda: tab.model.loaded_rows() == 12, timeout=WAIT_MS)
    settled(qtbot, tab.model)
    assert [(s.label, s.first, s.end) for s in tab.view.sections()] == [("Today", 0, 12)]
    tab.shutdown()


def test_headers_arriving_above_keep_the_images_on_screen_where_they_were(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    ctx: AppContext,
    idle_pool: WorkerPool,
    loader: ThumbnailLoader,
) -> None:
    now = datetime.now(UTC)
    for days in (9, 6, 3):  # oldest first: ids follow the dates
        for i in range(15):
            add_image_made_at(ctx, monkeypatch, f"{days} days ago {i}", now - timedelta(days=days))
    add_images(ctx, 15)
    g = open_gallery(qtbot, ctx, idle_pool, loader, page_size=5)
    tab = g.tab
    tab.size_slider.setValue(64)
    tab.resize(940 + tab.sidebar.width(), 300)  # a grid 940 px wide, beside the sidebar
    qtbot.waitUntil(tab.model.is_counted, timeout=WAIT_MS)
    view, bar = tab.view, tab.view.verticalScrollBar()
    bar.setValue(bar.maximum() * 2 // 3)  # into rows not read yet: one day's run so far
    top = view.indexAt(QPoint(view.gridSize().width() // 2, 5))
    assert top.isValid()
    row, y = top.row(), view.visualRect(top).top()
    assert len(view.sections()) < 4  # the oldest day is not read yet
    qtbot.waitUntil(lambda: tab.model.loaded_rows() == 60, timeout=WAIT_MS)
    assert len(view.sections()) == 4  # the other days' headers arrived above
    assert view.visualRect(tab.model.index(row, 0)).top() == y  # the same image, same place
    tab.shutdown()


def test_day_starts_follow_pages_appended_and_rows_taken_out(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, ctx: AppContext
) -> None:
    """The day runs are worked out as pages arrive (not again over every row read for each
    page) and afresh when rows are taken out."""
    now = datetime.now(UTC)
    ids: dict[int, list[int]] = {}
    for days in (6, 3, 1):  # oldest first: ids follow the dates
        ids[days] = [
            add_image_made_at(ctx, monkeypatch, f"{days} {i}", now - timedelta(days=days)).id
            for i in range(3)
        ]
    model = GalleryModel(ReadView(ctx.store), page_size=2)
    try:
        settled(qtbot, model)
        day = {d: (now - timedelta(days=d)).astimezone().date().toordinal() for d in ids}
        assert model.day_starts() == [(0, day[1])]
        load_all(qtbot, model)  # page by page
        assert model.loaded_rows() == 9
        assert model.day_starts() == [(0, day[1]), (3, day[3]), (6, day[6])]
        model.remove_ids(ids[3])  # the middle day goes
        assert model.day_starts() == [(0, day[1]), (3, day[6])]
    finally:
        model.shutdown()


class PaintEvents(QObject):
    """Records each paint event a widget gets (its region), to which its painting appends."""

    def __init__(self, events: list[tuple[QRegion, list[int]]]) -> None:
        super().__init__()
        self.events = events

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QPaintEvent):
            self.events.append((QRegion(event.region()), []))
        return False


def test_a_decoded_thumbnail_repaints_only_the_cells_showing_it(
    qtbot: QtBot, many: Gallery, monkeypatch: pytest.MonkeyPatch
) -> None:
    # While scrolling, thumbnails arrive a few at a time; repainting the whole screen for each
    # batch painted every cell on it again.
    tab, loader = many.tab, many.thumbs
    view, model = tab.view, tab.model
    area = view.viewport().rect()
    on_screen = [r for r in range(40) if view.visualRect(model.index(r, 0)).intersects(area)]
    size = round(tab.delegate.thumb_size * view.devicePixelRatioF())

    def shown(row: int) -> bool:
        rel = model.thumb_at(row)
        return rel is None or loader.failed(rel) or loader.pixmap(rel, size) is not None

    qtbot.waitUntil(lambda: all(shown(r) for r in on_screen), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not tab._repaint_timer.isActive(), timeout=WAIT_MS)
    # Each paint event of the grid with the rows it painted.
    events: list[tuple[QRegion, list[int]]] = []
    watch = PaintEvents(events)
    view.viewport().installEventFilter(watch)
    paint = tab.delegate.paint
    monkeypatch.setattr(
        tab.delegate, "paint", lambda p, o, i: (events[-1][1].append(i.row()), paint(p, o, i))
    )
    assert {1, 3} <= set(on_screen)
    others = [view.visualRect(model.index(r, 0)) for r in on_screen if r not in (1, 3)]

    def only_ours(region: QRegion) -> bool:
        return not any(region.intersects(rect) for rect in others)

    arrived = {rel for r in (1, 3) if (rel := model.thumb_at(r)) is not None}

    def repainted_alone() -> bool:
        # Under load another repaint (a layout, a late page) can land in the same paint event
        # as ours and paint the whole screen: ask again until one paint event is ours alone.
        if any(only_ours(region) and {1, 3} <= set(rows) for region, rows in events):
            return True
        view.thumbnails_ready(arrived)
        return False

    qtbot.waitUntil(repainted_alone, timeout=WAIT_MS)
    view.viewport().removeEventFilter(watch)
    # Within what was asked, only the two cells were painted (not the rows between them).
    for region, rows in events:
        if only_ours(region):
            assert set(rows) <= {1, 3}
