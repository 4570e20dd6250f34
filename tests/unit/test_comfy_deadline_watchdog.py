"""Every deadline of the process is watched by one thread (issue 12: a timer thread per call
cost more than a call to a local ComfyUI)."""

from __future__ import annotations

import socket
import threading

from studio_desktop.core.comfy.deadline import Deadline, call_later

WAIT = 10.0  # generous: a loaded CI machine may be slow to schedule the watchdog


def test_many_deadlines_start_no_thread_each() -> None:
    with Deadline(60):  # the watchdog exists from here on
        pass
    before = threading.active_count()
    for _ in range(200):
        with Deadline(60):
            assert threading.active_count() == before


def test_an_earlier_deadline_set_after_a_later_one_still_fires_first() -> None:
    late = threading.Event()
    early = threading.Event()
    later = call_later(3600, late.set)
    call_later(0.01, early.set)
    try:
        assert early.wait(WAIT)
        assert not late.is_set()
    finally:
        later.cancel()


def test_a_cancelled_callback_never_runs() -> None:
    ran = threading.Event()
    marker = threading.Event()
    call_later(0.01, ran.set).cancel()
    call_later(0.02, marker.set)  # runs after the cancelled one would have
    assert marker.wait(WAIT)
    assert not ran.is_set()


def test_an_expired_deadline_cuts_the_socket_it_watches() -> None:
    left, right = socket.socketpair()
    try:
        left.settimeout(WAIT * 2)
        with Deadline(0.01) as deadline:
            deadline.watch(left)
            assert left.recv(1) == b""  # the blocked read returns once the socket is cut
        assert deadline.expired
    finally:
        left.close()
        right.close()


def test_thousands_of_cancelled_deadlines_do_not_pile_up() -> None:
    from studio_desktop.core.comfy import deadline as module

    for _ in range(5000):
        with Deadline(3600):
            pass
    assert len(module._watchdog._heap) < 1000
