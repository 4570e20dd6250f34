"""A failed job on the Generate tab (issue 11): the previous job's image stayed under the failed
caption, the error text was clipped over "Took 0:00" and widened the panel (the form shrank), and
a job ComfyUI refused at once showed only in the queue panel while the preview still said
"Finished" for the job before."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.ui.generate.progress import Shown
from tests.fakes.comfy_server import FakeComfyServer
from tests.gui.conftest import PoolFactory, TabFactory, db
from tests.gui.test_generate import jobs_in_store, wait_lists

WAIT_MS = 20_000
LONG_REASON_PROMPT = "a lighthouse " * 40


def test_a_failed_job_shows_its_own_failure_not_the_last_image(
    qtbot: QtBot,
    fake_comfy_factory: Callable[..., FakeComfyServer],
    make_pool: PoolFactory,
    make_tab: TabFactory,
    ctx: AppContext,
) -> None:
    fake = fake_comfy_factory(steps=2, step_seconds=0.02)
    tab = make_tab(make_pool(fake))
    tab.show()
    qtbot.waitExposed(tab)
    wait_lists(qtbot, tab, fake)
    progress = tab.progress
    tab.form.prompt_edit.setPlainText("first, fine")
    tab.queue()
    qtbot.waitUntil(lambda: progress.shown is Shown.RESULT, timeout=WAIT_MS)
    form_width = tab.scroll_area.width()

    fake.faults.runtime_error = True
    tab.form.prompt_edit.setPlainText(LONG_REASON_PROMPT)
    tab.queue()
    qtbot.waitUntil(lambda: progress.step_label.text().startswith("Failed"), timeout=WAIT_MS)
    failed = jobs_in_store(ctx)[-1]
    reason = db(ctx).get_job(failed.id).error.message  # type: ignore[union-attr]
    assert progress.current_job == failed.id
    assert progress.view.pixmap() is None  # not the first job's picture
    assert reason in progress.view.hint  # said in full where there is room, wrapped
    assert progress.step_label.toolTip() == reason
    qtbot.waitUntil(lambda: tab.scroll_area.width() == form_width, timeout=WAIT_MS)


def test_a_job_comfyui_refuses_at_once_is_shown_as_failed(
    qtbot: QtBot,
    fake_comfy_factory: Callable[..., FakeComfyServer],
    make_pool: PoolFactory,
    make_tab: TabFactory,
    ctx: AppContext,
) -> None:
    fake = fake_comfy_factory(steps=2, step_seconds=0.02)
    tab = make_tab(make_pool(fake))
    wait_lists(qtbot, tab, fake)
    progress = tab.progress
    tab.queue()
    qtbot.waitUntil(lambda: progress.step_label.text() == "Finished", timeout=WAIT_MS)

    fake.faults.reject_prompt = True
    tab.queue()
    qtbot.waitUntil(lambda: progress.step_label.text().startswith("Failed"), timeout=WAIT_MS)
    refused = jobs_in_store(ctx)[-1]
    assert progress.current_job == refused.id
    assert progress.view.pixmap() is None
