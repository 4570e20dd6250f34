"""Template names, descriptions and image-slot labels follow the UI language setting."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import GenerationParams, NewJob
from studio_desktop.core.settings import Settings
from studio_desktop.ui.gallery import GalleryTab
from studio_desktop.ui.history.details import JobDetails
from studio_desktop.ui.history.model import Column
from studio_desktop.ui.history.tab import HistoryTab
from studio_desktop.ui.queue.panel import QueuePanel
from studio_desktop.ui.services import Services
from studio_desktop.ui.thumbnails import ThumbnailLoader
from tests.gui.conftest import PoolFactory, TabFactory, db
from tests.gui.test_gallery import add_image


@pytest.fixture
def loader(ctx: AppContext) -> Iterator[ThumbnailLoader]:
    thumbs = ThumbnailLoader(ctx.paths)
    yield thumbs
    thumbs.shutdown()


def test_generate_form_in_simplified_chinese(make_tab: TabFactory, make_pool: PoolFactory) -> None:
    form = make_tab(make_pool(), Settings(language="zh_CN")).form
    assert form.template_combo.currentData() == "txt2img"
    assert form.template_combo.currentText() == "文生图"
    assert form.description.text().startswith("Checkpoint 加载器")
    assert form.set_template("img2img")
    source = form.slot_widget("source")
    assert source is not None and source.title.text() == "源图片"


def test_generate_form_in_traditional_chinese_and_english(
    make_tab: TabFactory, make_pool: PoolFactory
) -> None:
    traditional = make_tab(make_pool(), Settings(language="zh_TW"))
    assert traditional.form.template_combo.currentText() == "文字轉圖片"
    english = make_tab(make_pool(), Settings(language="en"))
    assert english.form.template_combo.currentText() == "Text to image"


def test_history_details_name_the_template_in_the_ui_language(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory, loader: ThumbnailLoader
) -> None:
    db(ctx).add_job(NewJob("txt2img", GenerationParams(prompt="a fox")))
    db(ctx).add_job(NewJob("gone", GenerationParams(prompt="an old one")))
    tab = HistoryTab(Services(ctx, make_pool(), Settings(language="zh_TW")), loader)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: not tab.busy)  # the first page is read off the GUI thread
    jobs = {job.template: job for job in db(ctx).list_jobs().items}
    tab.details.show_job(jobs["txt2img"])
    assert "文字轉圖片" in tab.details.parameters.text()
    tab.details.show_job(jobs["gone"])  # no longer installed: its id
    assert ">gone<" in tab.details.parameters.text()
    column = Column.TEMPLATE
    shown = {tab.model.index(r, column).data() for r in range(tab.model.rowCount())}
    assert shown == {"文字轉圖片", "gone"}


def test_queue_panel_names_the_template_in_the_ui_language(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory
) -> None:
    db(ctx).add_job(NewJob("txt2img", GenerationParams(prompt="a fox", seed=7)))
    panel = QueuePanel(Services(ctx, make_pool(start=False), Settings(language="zh_CN")))
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.model.is_loaded)  # the jobs are read off the GUI thread
    tooltip = panel.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "文生图" in tooltip and "txt2img" not in tooltip


def test_details_without_a_lookup_show_the_id(
    qtbot: QtBot, ctx: AppContext, loader: ThumbnailLoader
) -> None:
    details = JobDetails(loader)
    qtbot.addWidget(details)
    details.show_job(db(ctx).add_job(NewJob("txt2img", GenerationParams(prompt="x"))))
    assert ">txt2img<" in details.parameters.text()


def test_gallery_filter_and_viewer_name_the_template_in_the_ui_language(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory, loader: ThumbnailLoader
) -> None:
    add_image(ctx, "a fox")
    tab = GalleryTab(Services(ctx, make_pool(start=False), Settings(language="zh_CN")), loader)
    qtbot.addWidget(tab)
    try:
        combo = tab.filter_bar.template
        assert combo.itemText(combo.findData("txt2img")) == "文生图"
        qtbot.waitUntil(lambda: tab.model.rowCount() == 1)  # the first page, read off this thread
        tab.view.setCurrentIndex(tab.model.index(0, 0))
        tab.open_viewer()
        viewer = tab.viewer
        assert viewer is not None

        def values() -> list[str]:
            return [line.partition(": ")[2] for line in viewer.details_text().splitlines()]

        qtbot.waitUntil(lambda: "文生图" in values())  # once the image's job is read
        assert "文生图" in values() and "txt2img" not in values()
        viewer.close()
    finally:
        tab.shutdown()
