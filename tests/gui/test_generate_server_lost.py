"""The server dies mid-run (issue 11): the progress panel froze at its last step, Cancel stayed
enabled without saying what it would do, and the elapsed time counted on with "ETA 0:00".

The engine gives a job whose server went away back to the queue (pending, error type
"server_down") and runs it again once a server takes it; the panel must say so, stop the clock,
and keep Cancel meaning "take it out of the queue"."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import JobStatus
from studio_desktop.ui.generate import GenerateTab
from tests.fakes.comfy_server import FakeComfyServer
from tests.gui.conftest import ENDLESS, PoolFactory, TabFactory, db
from tests.gui.test_generate import jobs_in_store, wait_lists

WAIT_MS = 60_000


def _running_at_a_step(
    qtbot: QtBot,
    fake_comfy_factory: Callable[..., FakeComfyServer],
    make_pool: PoolFactory,
    make_tab: TabFactory,
) -> tuple[FakeComfyServer, GenerateTab]:
    fake = fake_comfy_factory(steps=ENDLESS, step_seconds=0.05)
    tab = make_tab(make_pool(fake))
    wait_lists(qtbot, tab, fake)
    tab.queue()
    qtbot.waitUntil(lambda: tab.progress.step_label.text().startswith("Step"), timeout=WAIT_MS)
    return fake, tab


def test_the_progress_panel_says_it_lost_the_server_and_stops_the_clock(
    qtbot: QtBot,
    fake_comfy_factory: Callable[..., FakeComfyServer],
    make_pool: PoolFactory,
    make_tab: TabFactory,
    ctx: AppContext,
) -> None:
    fake, tab = _running_at_a_step(qtbot, fake_comfy_factory, make_pool, make_tab)
    progress = tab.progress
    job_id = progress.current_job

    fake.stop()
    qtbot.waitUntil(lambda: progress.waiting_for_server, timeout=WAIT_MS)
    text = progress.step_label.text()
    assert text.startswith("Lost the server") and "at step" in text, text
    assert text.endswith("waiting for it to come back"), text
    assert progress.bar.isTextVisible() and progress.bar.text() == "The job is back in the queue"
    assert "ETA" not in progress.time_label.text()
    assert progress.time_label.text().startswith("Stopped after")
    assert not progress.clock_running  # the elapsed time no longer counts on
    assert progress.cancel_button.isEnabled()
    assert "queue" in progress.cancel_button.toolTip()
    assert db(ctx).get_job(job_id).status  # type: ignore[union-attr] is JobStatus.PENDING

    fake.steps = 2  # the run it starts on the server that came back ends by itself
    fake.restart()
    qtbot.waitUntil(lambda: progress.step_label.text() == "Finished", timeout=WAIT_MS)
    assert progress.current_job == job_id
    assert not progress.waiting_for_server
    assert not progress.bar.isTextVisible()
    assert jobs_in_store(ctx)[-1].status is JobStatus.COMPLETED


def test_cancel_while_waiting_for_the_lost_server_takes_the_job_out_of_the_queue(
    qtbot: QtBot,
    fake_comfy_factory: Callable[..., FakeComfyServer],
    make_pool: PoolFactory,
    make_tab: TabFactory,
    ctx: AppContext,
) -> None:
    fake, tab = _running_at_a_step(qtbot, fake_comfy_factory, make_pool, make_tab)
    progress = tab.progress
    job_id = progress.current_job
    fake.stop()
    qtbot.waitUntil(lambda: progress.waiting_for_server, timeout=WAIT_MS)

    assert tab.cancel_current()
    qtbot.waitUntil(lambda: progress.step_label.text() == "Cancelled", timeout=WAIT_MS)
    assert db(ctx).get_job(job_id).status  # type: ignore[union-attr] is JobStatus.CANCELLED
    assert not progress.cancel_button.isEnabled()
