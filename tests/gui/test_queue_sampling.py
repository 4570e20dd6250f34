"""Issue 11 (Queue): "'running' counted a job that is only sent and waiting on the server". The
queue row and the status bar tell sampling from waiting in a server's queue, from the job
change events (the window against the fake ComfyUI, busy with another app's prompt first)."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from studio_desktop.core.comfy import ComfyClient
from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import GenerationParams, NewJob
from studio_desktop.core.settings import load_settings
from studio_desktop.ui.main_window import MainWindow
from studio_desktop.ui.services import Services
from tests.fakes.comfy_server import FakeComfyServer
from tests.gui.conftest import ENDLESS, PoolFactory
from tests.integration.helpers import interrupt_all, queue_ids, submit_blocker, wait_until

WAIT_MS = 60_000


def test_running_counts_tell_sampling_from_waiting_on_server(
    qtbot: QtBot,
    fake_comfy_factory: Callable[..., FakeComfyServer],
    make_pool: PoolFactory,
    ctx: AppContext,
) -> None:
    fake = fake_comfy_factory(steps=ENDLESS, step_seconds=0.05)
    fake.faults.busy_with_others = True  # another app's prompt runs there first
    blocker = submit_blocker(fake, ctx)
    wait_until(lambda: queue_ids(fake)[0] == [blocker], what="the other prompt to run")
    pool = make_pool(fake, depth=2)
    window = MainWindow(Services(ctx, pool, load_settings(ctx.paths.settings)))
    qtbot.addWidget(window)
    window.show()
    panel, bar = window.queue_panel, window.status
    try:
        params = GenerationParams(prompt="ours", model=fake.checkpoints[0], steps=2)
        (job,) = pool.enqueue([NewJob("txt2img", params)]).result(timeout=30)

        def row_text() -> str:
            row = panel.model.row_of(job.id)
            if row is None:
                return ""
            entry = panel.model.entry(row)
            return panel.delegate._second_line(entry, panel.model, 1)[0]

        qtbot.waitUntil(lambda: "Waiting on server" in row_text(), timeout=WAIT_MS)
        assert panel.summary.text() == "0 waiting · 0 sampling · 1 waiting on server"
        qtbot.waitUntil(
            lambda: bar._queue.text() == "Queue: 0 waiting · 0 sampling · 1 waiting on server",
            timeout=WAIT_MS,
        )
        panel.grab()  # the row paints its waiting state

        # The other app's prompt ends (stopped there); ours starts sampling.
        fake.faults.busy_with_others = False
        with ComfyClient(fake.url) as client:
            client.interrupt(blocker)
        qtbot.waitUntil(lambda: row_text().startswith("Sampling on"), timeout=WAIT_MS)
        assert panel.summary.text() == "0 waiting · 1 sampling"
        qtbot.waitUntil(
            lambda: bar._queue.text() == "Queue: 0 waiting · 1 sampling", timeout=WAIT_MS
        )
        fake.steps = 1  # let it end
        qtbot.waitUntil(lambda: panel.model.row_of(job.id) is None, timeout=WAIT_MS)
    finally:
        fake.faults.busy_with_others = False
        window.shutdown()
        window.thumbnails.shutdown()
        interrupt_all(fake)
