"""History shows a batch group as one row with its progress; opening it shows its jobs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.groups import NewGroup
from studio_desktop.core.jobs import GenerationParams, NewJob
from studio_desktop.core.settings import Settings
from studio_desktop.ui.history.model import Column
from studio_desktop.ui.history.tab import HistoryTab
from studio_desktop.ui.services import Services
from studio_desktop.ui.thumbnails import ThumbnailLoader
from tests.gui.conftest import PoolFactory, db

WAIT_MS = 20_000
A = "http://a:8188"


@pytest.fixture
def loader(ctx: AppContext) -> Iterator[ThumbnailLoader]:
    thumbs = ThumbnailLoader(ctx.paths)
    yield thumbs
    thumbs.shutdown()


def test_a_group_is_one_row_that_opens_to_its_jobs(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory, loader: ThumbnailLoader
) -> None:
    store = db(ctx)
    store.add_jobs([NewJob("txt2img", GenerationParams("before"))])
    group = NewGroup("cats")
    store.add_jobs(
        [NewJob("txt2img", GenerationParams(f"cat {i}", seed=i)) for i in range(3)], group=group
    )
    store.add_jobs([NewJob("txt2img", GenerationParams("after"))])
    done = store.claim_next(A, can_run=lambda j: j.group_id == group.id)
    assert done is not None
    store.complete(done.id, [])

    tab = HistoryTab(Services(ctx, make_pool(), Settings()), loader)
    qtbot.addWidget(tab)
    tab.resize(1100, 600)
    tab.show()
    qtbot.waitExposed(tab, timeout=WAIT_MS)
    model, table = tab.model, tab.table
    qtbot.waitUntil(lambda: model.rowCount() == 5, timeout=WAIT_MS)

    def visible() -> list[str]:
        return [
            str(model.index(r, Column.PROMPT).data())
            for r in range(model.rowCount())
            if not table.isRowHidden(r)
        ]

    qtbot.waitUntil(lambda: len(visible()) == 3, timeout=WAIT_MS)
    assert visible() == ["after", "▸ 1 of 3 done · cat 2", "before"]

    # A click on the arrow opens it; Left on the row closes it again.
    head = model.row_of(store.group_jobs(group.id)[-1].id)
    assert head is not None and model.group_head(head) == group.id
    rect = table.visualRect(model.index(head, Column.PROMPT))
    QTest.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.x() + 6, rect.center().y())
    )
    qtbot.waitUntil(lambda: len(visible()) == 5, timeout=WAIT_MS)
    assert visible()[1] == "▾ 1 of 3 done · cat 2"
    table.setCurrentIndex(model.index(head, Column.PROMPT))
    QTest.keyClick(table, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: len(visible()) == 3, timeout=WAIT_MS)
