"""The trash as a new user saw it (issue 11): nothing said what happens to items there, and
there was no way to empty it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import ImageRecord
from studio_desktop.core.store.filters import ImageFilter
from studio_desktop.ui.thumbnails import ThumbnailLoader
from studio_desktop.workers import WorkerPool
from tests.gui import test_gallery
from tests.gui.conftest import db
from tests.gui.test_gallery import WAIT_MS, Gallery, add_images, open_gallery, select_rows, settled

# Fixtures shared with test_gallery.py (pytest finds them by these names).
idle_pool = test_gallery.idle_pool
loader = test_gallery.loader


def files_of(ctx: AppContext, records: Iterable[ImageRecord]) -> list[Path]:
    return [ctx.paths.resolve(p) for r in records for p in (r.path, r.thumb_path) if p is not None]


def open_trash(
    qtbot: QtBot,
    ctx: AppContext,
    pool: WorkerPool,
    thumbs: ThumbnailLoader,
    trashed: list[ImageRecord],
) -> Gallery:
    db(ctx).soft_delete_images([r.id for r in trashed])
    g = open_gallery(qtbot, ctx, pool, thumbs)
    assert not g.tab.trash_banner.isVisible()  # not in the normal view
    g.tab.filter_bar.trash.setChecked(True)
    settled(qtbot, g.tab.model)
    qtbot.waitUntil(lambda: g.tab.model.rowCount() == len(trashed), timeout=WAIT_MS)
    return g


def test_trash_view_says_when_items_are_deleted_for_good(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, loader: ThumbnailLoader
) -> None:
    records = add_images(ctx, 3)
    g = open_trash(qtbot, ctx, idle_pool, loader, records[:2])
    tab = g.tab
    banner = tab.trash_banner
    assert banner.isVisible()
    days = tab._services.settings.trash_retention_days
    assert banner.label.text() == tab.tr(
        "You are looking at the trash — items here are deleted for good after %n day(s).",
        "",
        days,
    )
    assert not banner.restore_button.isEnabled()  # nothing selected yet
    select_rows(tab, [0])
    assert banner.restore_button.isEnabled()
    banner.restore_button.click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: db(ctx).count_images(ImageFilter(deleted=True)) == 1, timeout=WAIT_MS)
    tab.settings_changed()  # the retention setting is read again
    tab._services.settings.trash_retention_days = 7
    tab.settings_changed()
    assert "7" in banner.label.text()
    tab.filter_bar.trash.setChecked(False)
    assert not banner.isVisible()
    tab.shutdown()


def answer(qtbot: QtBot, gallery: Gallery, *, delete: bool) -> str:
    """Wait for the confirmation, answer it; returns what it asked."""
    tab = gallery.tab
    qtbot.waitUntil(lambda: tab.empty_trash_box is not None, timeout=WAIT_MS)
    box = tab.empty_trash_box
    assert box is not None and box.isVisible()
    text = box.text()
    if delete:
        button = next(
            b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
        )
    else:
        button = box.button(QMessageBox.StandardButton.Cancel)
    button.click()
    return text


def test_empty_trash_asks_naming_the_count_then_deletes_rows_before_files(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    ctx: AppContext,
    idle_pool: WorkerPool,
    loader: ThumbnailLoader,
) -> None:
    records = add_images(ctx, 4)
    trashed, kept = records[:3], records[3:]
    g = open_trash(qtbot, ctx, idle_pool, loader, trashed)
    tab = g.tab
    assert all(f.is_file() for f in files_of(ctx, records))

    tab.trash_banner.empty_button.click()
    assert answer(qtbot, g, delete=False) == tab.tr(
        "Delete %n image(s) in the trash for good?", "", 3
    )
    assert db(ctx).count_images(ImageFilter(deleted=True)) == 3  # cancelled: nothing went
    assert all(f.is_file() for f in files_of(ctx, trashed))

    rows_left_when_files_went: list[int] = []
    real_remove = ctx.library.remove_files

    def remove_files(stored: list[str]) -> None:
        rows_left_when_files_went.append(db(ctx).count_images(ImageFilter(deleted=True)))
        real_remove(stored)

    monkeypatch.setattr(ctx.library, "remove_files", remove_files)
    tab.trash_banner.empty_button.click()
    answer(qtbot, g, delete=True)
    qtbot.waitUntil(
        lambda: tab.model.rowCount() == 0 and not tab.model.is_loading_first_page(), timeout=WAIT_MS
    )
    assert rows_left_when_files_went == [0]  # the files went after the rows were committed
    assert db(ctx).count_images(ImageFilter(deleted=True)) == 0
    assert not any(f.exists() for f in files_of(ctx, trashed))
    assert all(f.is_file() for f in files_of(ctx, kept))  # the rest of the library is untouched
    assert db(ctx).count_images(ImageFilter()) == 1
    assert tab.tr("Deleted %n image(s) for good", "", 3) in g.statuses
    assert tab.stack.currentWidget() is tab.empty
    tab.shutdown()
