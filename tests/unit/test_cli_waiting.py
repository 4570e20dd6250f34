"""The give-up clock of a CLI batch whose servers went away (issue 10): pure, with given times."""

from __future__ import annotations

from studio_desktop.cli.waiting import Countdown, ServerWatch, clock
from studio_desktop.core.engine import ServerState, ServerStatus

A = "http://a:8188"
B = "http://b:8188"


def status(url: str, state: ServerState) -> ServerStatus:
    return ServerStatus(url, url, state, message="refused" if state is ServerState.DOWN else "")


def test_a_server_on_its_first_connection_is_not_given_up_on() -> None:
    watch = ServerWatch(wait_s=0, now=0.0)
    assert watch.waiting([status(A, ServerState.CONNECTING)], now=5.0) is None
    waiting = watch.waiting([status(A, ServerState.DOWN)], now=6.0)
    assert waiting is not None and waiting.expired


def test_flapping_between_connecting_and_down_does_not_restart_the_clock() -> None:
    watch = ServerWatch(wait_s=10, now=0.0)
    assert watch.waiting([status(A, ServerState.BUSY)], now=1.0) is None
    for second in range(2, 11):
        state = ServerState.CONNECTING if second % 2 else ServerState.DOWN
        waiting = watch.waiting([status(A, state)], now=float(second))
        assert waiting is not None and not waiting.expired
    gave_up = watch.waiting([status(A, ServerState.CONNECTING)], now=11.5)
    assert gave_up is not None and gave_up.expired


def test_the_clock_runs_from_when_the_last_server_was_last_usable() -> None:
    watch = ServerWatch(wait_s=10, now=0.0)
    watch.observe([status(A, ServerState.DOWN), status(B, ServerState.IDLE)], now=1.0)
    watch.observe([status(B, ServerState.BUSY)], now=7.5)
    watch.observe([status(B, ServerState.DOWN)], now=8.0)  # last seen usable at 7.5
    waiting = watch.waiting([status(A, ServerState.DOWN), status(B, ServerState.DOWN)], 9.0)
    assert waiting is not None and waiting.remaining_s == 8.5
    waiting = watch.waiting([status(A, ServerState.DOWN), status(B, ServerState.DOWN)], 18.5)
    assert waiting is not None and waiting.expired


def test_a_short_connection_between_two_looks_counts_as_usable() -> None:
    watch = ServerWatch(wait_s=10, now=0.0)
    watch.observe([status(A, ServerState.DOWN)], now=1.0)
    watch.observe([status(A, ServerState.IDLE)], now=15.0)  # reported by the listener
    waiting = watch.waiting([status(A, ServerState.DOWN)], now=16.0)
    assert waiting is not None and not waiting.expired


def test_wait_zero_gives_up_as_soon_as_no_server_is_usable() -> None:
    watch = ServerWatch(wait_s=0, now=0.0)
    watch.observe([status(A, ServerState.IDLE)], now=1.0)
    waiting = watch.waiting([status(A, ServerState.DOWN)], now=1.5)
    assert waiting is not None and waiting.expired


def test_the_waiting_line_names_the_servers_the_time_left_and_resume() -> None:
    watch = ServerWatch(wait_s=150, now=0.0)
    watch.observe([status(A, ServerState.DOWN)], now=0.0)
    waiting = watch.waiting([status(A, ServerState.DOWN)], now=0.0)
    assert waiting is not None
    line = waiting.line()
    assert A in line and "refused" in line and ", giving up in 2:30;" in line
    assert "studio-desktop resume" in line
    assert clock(0.2) == "0:01" and clock(-3) == "0:00"


def test_the_countdown_line_is_printed_when_waiting_starts_then_now_and_then() -> None:
    watch = ServerWatch(wait_s=300, now=0.0)
    countdown = Countdown()
    down = [status(A, ServerState.DOWN)]
    watch.observe(down, now=0.0)
    printed = [t for t in range(0, 100) if countdown.due(watch.waiting(down, float(t)), float(t))]
    assert printed == [0, 30, 60, 90]
    assert not countdown.due(None, 100.0) and not countdown.active
