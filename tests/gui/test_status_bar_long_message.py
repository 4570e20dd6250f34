"""A long server error ran into the status bar's fixed widgets, cut off mid-word with no way to
read the rest (issue 11): it is elided before them, and the whole text is the tooltip."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from studio_desktop.core.engine import ServerState, ServerStatus
from studio_desktop.ui.status_bar import StudioStatusBar

LONG_ERROR = (
    "Local ComfyUI is not reachable: HTTPConnectionPool(host='127.0.0.1', port=8188): Max "
    "retries exceeded with url: /prompt (Caused by NewConnectionError('<urllib3.connection."
    "HTTPConnection object at 0x7f>: Failed to establish a new connection: [Errno 111] "
    "Connection refused')) — start ComfyUI or fix the server address in Settings."
)


def test_a_long_server_error_is_elided_before_the_status_widgets_with_the_whole_in_a_tip(
    qtbot: QtBot,
) -> None:
    bar = StudioStatusBar()
    qtbot.addWidget(bar)
    bar.resize(700, 30)
    bar.show()
    qtbot.waitExposed(bar)
    bar.showMessage(LONG_ERROR, 60_000)
    # The fixed widgets change after the message came: a server appears, the counts grow.
    bar.show_server(ServerStatus(url="http://127.0.0.1:8188", name="Local", state=ServerState.DOWN))
    bar.set_queue_counts(12, 1)

    def fits() -> bool:
        visible = [w.geometry().left() for w in bar.permanent_widgets() if w.isVisible()]
        return bar.fontMetrics().horizontalAdvance(bar.shown_message()) < min(visible)

    qtbot.waitUntil(fits, timeout=10_000)
    assert bar.currentMessage() == LONG_ERROR
    assert bar.shown_message().endswith("…")
    assert bar.toolTip() == LONG_ERROR

    bar.resize(3600, 30)  # room enough: the whole message, no tip needed
    qtbot.waitUntil(lambda: bar.shown_message() == LONG_ERROR, timeout=10_000)
    assert bar.toolTip() == ""

    bar.clearMessage()
    assert bar.toolTip() == ""
    bar.showMessage("Queued 4 jobs", 3000)
    assert bar.shown_message() == "Queued 4 jobs" and bar.toolTip() == ""
