"""Starting Studio Desktop again (a second double-click) brings the open window forward
instead of opening a second window on the same data folder; after a crash, the next start
opens a window as usual.

Found by using the app: a second start opened a second window; both ran the queue and both
wrote settings.json, so the last to close put back its own form over the other's.
"""

from __future__ import annotations

from pathlib import Path

from studio_desktop.core.settings import Settings, save_settings

from .window_process import end, log_text, start_window, wait_for, wait_until_ready

STARTING = "starting, data folder"


def test_a_second_start_brings_the_open_window_forward_and_a_crash_leaves_no_claim(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    save_settings(Settings(first_run_done=True), data / "settings.json")
    first = start_window(data)
    try:
        wait_until_ready(first, data)
        second = start_window(data)
        try:
            wait_for(lambda: second.poll() is not None, "the second start to end")
        finally:
            stderr = end(second)
        assert second.returncode == 0, stderr
        assert "already open with this data folder" in stderr
        assert "another start of Studio Desktop asked for this window" in log_text(data)
        assert first.poll() is None, "the first window must run on"
        assert log_text(data).count(STARTING) == 1, "the second start opened a window"

        first.kill()  # a crash: nothing of ours runs
        first.wait(60)
        third = start_window(data)
        try:
            wait_until_ready(third, data, starts=2)
            assert third.poll() is None, end(third)
            assert log_text(data).count(STARTING) == 2
        finally:
            end(third)
    finally:
        end(first)
