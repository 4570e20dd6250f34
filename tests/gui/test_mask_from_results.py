""" "Edit mask" from a gallery image and from a result of the batch: the picture goes into the
masked slot (the Inpaint template is picked when the form masks nothing) and the mask editor
opens on it."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import GenerationParams, JobStatus
from studio_desktop.ui.generate.image_slot import ImageSlotWidget
from studio_desktop.ui.main_window import MainWindow
from tests.fakes.comfy_server import FakeComfyServer
from tests.gui import test_gallery_reuse
from tests.gui.conftest import PoolFactory, TabFactory
from tests.gui.test_gallery import WAIT_MS, action
from tests.gui.test_gallery_reuse import menu_for_rows
from tests.gui.test_generate import jobs_in_store, slot, wait_lists

# Fixtures shared with test_gallery_reuse.py (pytest finds them by these names).
window = test_gallery_reuse.window
gallery = test_gallery_reuse.gallery
idle_pool = test_gallery_reuse.idle_pool
loader = test_gallery_reuse.loader


def editor_opened_on(qtbot: QtBot, widget: ImageSlotWidget, picture_bytes: bytes) -> None:
    qtbot.waitUntil(lambda: widget.mask_editor is not None, timeout=WAIT_MS)
    dialog = widget.mask_editor
    assert dialog is not None
    qtbot.waitUntil(dialog.canvas.has_image, timeout=WAIT_MS)
    assert widget.value() is not None
    assert widget._library.paths.resolve(widget.value() or "").read_bytes() == picture_bytes
    dialog.reject()


def test_edit_mask_from_the_gallery_picks_inpaint_and_opens_the_editor(
    qtbot: QtBot, window: MainWindow, ctx: AppContext
) -> None:
    assert window.generate.select_template("txt2img")  # masks nothing
    window.tabs.setCurrentWidget(window.gallery)
    menu, records = menu_for_rows(qtbot, window, [1])
    action(menu, "Edit mask…").trigger()
    assert window.tabs.currentWidget() is window.generate
    template = window.generate.form.template()
    assert template is not None and template.id == "inpaint"
    source = window.generate.form.slot_widget("source")
    assert source is not None
    editor_opened_on(qtbot, source, ctx.paths.resolve(records[0].path).read_bytes())


def test_edit_mask_from_a_batch_result(
    qtbot: QtBot,
    fake_comfy_factory: Callable[..., FakeComfyServer],
    make_pool: PoolFactory,
    make_tab: TabFactory,
    ctx: AppContext,
) -> None:
    fake = fake_comfy_factory(steps=2, step_seconds=0.0)
    tab = make_tab(make_pool(fake))
    tab.show()
    wait_lists(qtbot, tab, fake)
    tab.form.load_params(None, GenerationParams(prompt="a harbour"))
    assert tab.queue() == 1
    qtbot.waitUntil(
        lambda: [j.status for j in jobs_in_store(ctx)] == [JobStatus.COMPLETED], timeout=WAIT_MS
    )
    strip = tab.progress.strip
    qtbot.waitUntil(lambda: len(strip.thumbs) == 1, timeout=WAIT_MS)
    thumb = strip.thumbs[0]
    assert thumb.mask_button.isEnabled()
    thumb.mask_button.click()
    template = tab.form.template()
    assert template is not None and template.id == "inpaint"
    editor_opened_on(qtbot, slot(tab, "source"), ctx.paths.resolve(thumb.record.path).read_bytes())
