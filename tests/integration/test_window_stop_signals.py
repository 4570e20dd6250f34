"""A window told to stop by the system (a logout, `kill`, Ctrl+C in its terminal) quits as the
user's Quit does: its state and form are saved and queued jobs stay queued.

Before, SIGTERM ended the process on the spot (exit status -15, nothing saved) and SIGINT did
nothing until the mouse moved over the window. The real app runs in a child process here, on
Qt's offscreen platform, with no ComfyUI: its jobs can only wait.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pytest

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import GenerationParams, JobStatus, NewJob
from studio_desktop.core.settings import Settings, load_settings, save_settings

from .window_process import end, log_text, start_window, wait_for, wait_until_ready

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals to a child")


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_window_stopped_by_a_signal_saves_its_state_and_keeps_the_queue(
    tmp_path: Path, number: signal.Signals
) -> None:
    data = tmp_path / "data"
    save_settings(
        Settings(first_run_done=True, last_form={"params": {"prompt": "a fox in the snow"}}),
        data / "settings.json",
    )
    ctx = AppContext.open(data)
    try:
        [queued] = ctx.store.add_jobs([NewJob("txt2img", GenerationParams(prompt="waits"))])
    finally:
        ctx.close()

    window = start_window(data)
    try:
        # Sent as soon as the handlers are in place: a signal that arrives before the event
        # loop runs waits in the socket and is read when it starts.
        wait_until_ready(window, data)
        window.send_signal(number)
        wait_for(lambda: window.poll() is not None, "the window to quit")
    finally:
        stderr = end(window)

    assert window.returncode == 0, stderr
    assert f"{number.name} received: quitting, queued jobs stay queued" in log_text(data)
    saved = load_settings(data / "settings.json")
    assert {"geometry", "window_state"} <= set(saved.ui_state)
    assert saved.last_form["params"]["prompt"] == "a fox in the snow"
    ctx = AppContext.open(data)
    try:
        after = ctx.store.get_job(queued.id)
        assert after is not None and after.status is JobStatus.PENDING
    finally:
        ctx.close()
