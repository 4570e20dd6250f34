"""The real ComfyClient and EventStream against a hostile ComfyUI look-alike (raw HTTP and
websocket framing): junk answers, absurd numbers, slowloris, huge frames, endless messages,
cross-origin redirects and poisoned error text. Each test is named after what the user saw."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest

from studio_desktop.core.comfy import (
    BadResponse,
    ComfyClient,
    ComfyConnectionError,
    ComfyHTTPError,
    ComfyTimeout,
    Disconnected,
    Event,
    EventStream,
    ExecutionError,
    Progress,
    PromptRejected,
    RedirectRefused,
    ResponseTooLarge,
    Status,
)
from studio_desktop.core.engine.config import EngineConfig
from studio_desktop.core.engine.failures import GiveUp, decide, is_transient
from tests.fakes.hostile_server import (
    BINARY,
    CLOSE,
    TEXT,
    Counter,
    HostileServer,
    endless_body,
    endless_continuations,
    frame,
    huge_frame,
    redirect,
    respond,
    send_frames,
    trickle,
    websocket,
)

WAIT = 60.0  # generous: only ever reached when something is broken
TOKEN = "Bearer secret-token"
T = TypeVar("T")


@pytest.fixture
def hostile() -> Iterator[HostileServer]:
    with HostileServer() as server:
        yield server


@pytest.fixture
def elsewhere() -> Iterator[HostileServer]:
    """A second origin (another port): it must never see our requests or our token."""
    with HostileServer() as server:
        yield server


def finishes(call: Callable[[], T]) -> T | BaseException:
    """Run `call` in a thread; its result or exception, or fail if it is still going after WAIT."""
    box: list[T | BaseException] = []

    def run() -> None:
        try:
            box.append(call())
        except BaseException as exc:
            box.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(WAIT)
    assert box, f"still running after {WAIT:g} s"
    return box[0]


def raised(call: Callable[[], object]) -> BaseException:
    outcome = finishes(call)
    assert isinstance(outcome, BaseException), f"no error; returned {outcome!r}"
    return outcome


def history_answer(hostile: HostileServer, body: bytes, **kwargs: object) -> BaseException:
    hostile.route("/history/p1", respond(200, body, **kwargs))  # type: ignore[arg-type]
    with ComfyClient(hostile.url) as client:
        return raised(lambda: client.history("p1"))


def ws_events(hostile: HostileServer, count: int, **kwargs: object) -> list[Event]:
    with EventStream(hostile.url, "cid", preview_metadata=False, **kwargs) as stream:  # type: ignore[arg-type]
        found: list[Event] = []

        def collect() -> list[Event]:
            while len(found) < count:
                event = stream.next_event(1.0)
                if event is not None:
                    found.append(event)
            return found

        outcome = finishes(collect)
    assert not isinstance(outcome, BaseException), outcome
    return outcome


def text(type_: str, data: object) -> bytes:
    return frame(TEXT, json.dumps({"type": type_, "data": data}).encode())


# --- junk where JSON was expected ------------------------------------------------------------


def test_history_that_is_an_html_page_is_a_bad_answer(hostile: HostileServer) -> None:
    exc = history_answer(hostile, b"<html><body>Login</body></html>", content_type="text/html")
    assert isinstance(exc, BadResponse)


def test_history_with_a_500_is_a_retryable_http_error(hostile: HostileServer) -> None:
    hostile.route("/history/p1", respond(500, b"Internal Server Error", content_type="text/plain"))
    with ComfyClient(hostile.url) as client:
        exc = raised(lambda: client.history("p1"))
    assert isinstance(exc, ComfyHTTPError) and exc.status == 500 and exc.transient


def test_truncated_history_json_is_a_bad_answer(hostile: HostileServer) -> None:
    assert isinstance(history_answer(hostile, b'{"p1": {"outputs": {"9": '), BadResponse)


def test_history_whose_length_lies_is_a_dropped_connection(hostile: HostileServer) -> None:
    exc = history_answer(hostile, b'{"p1": {', content_length=5000)
    assert isinstance(exc, ComfyConnectionError | BadResponse)


def test_history_that_is_a_list_is_a_bad_answer(hostile: HostileServer) -> None:
    assert isinstance(history_answer(hostile, b"[1, 2, 3]"), BadResponse)


def test_deeply_nested_history_is_a_bad_answer_not_a_crash(hostile: HostileServer) -> None:
    exc = history_answer(hostile, b'{"p1": ' + b"[" * 200_000 + b"]" * 200_000 + b"}")
    assert isinstance(exc, BadResponse)


def test_prompt_numbered_1e999_is_a_bad_answer_not_a_crash(hostile: HostileServer) -> None:
    hostile.route("/prompt", respond(200, b'{"prompt_id": "p1", "number": 1e999}'))
    with ComfyClient(hostile.url) as client:
        exc = raised(lambda: client.submit({}, client_id="c"))
    assert isinstance(exc, BadResponse)


@pytest.mark.parametrize("huge", ["1e999", "-1e999", str(10**400)])
def test_progress_with_an_absurd_number_is_skipped_and_the_stream_goes_on(
    hostile: HostileServer, huge: str
) -> None:
    absurd = f'{{"type": "progress", "data": {{"value": {huge}, "max": 20}}}}'.encode()
    queue = f'{{"exec_info": {{"queue_remaining": {huge}}}}}'
    status = f'{{"type": "status", "data": {{"status": {queue}}}}}'
    frames = [
        frame(TEXT, absurd),
        frame(TEXT, status.encode()),
        text("progress", {"value": 3, "max": 20}),
    ]
    hostile.route("/ws", websocket(send_frames(*frames)))
    (event,) = ws_events(hostile, 1)
    assert isinstance(event, Progress) and (event.value, event.max) == (3, 20)


def test_a_frame_with_a_reserved_opcode_drops_the_connection(hostile: HostileServer) -> None:
    hostile.route("/ws", websocket(send_frames(frame(0x3, b"??"))))
    (event,) = ws_events(hostile, 1)
    assert isinstance(event, Disconnected)


# --- slowloris --------------------------------------------------------------------------------


@pytest.mark.parametrize("in_headers", [True, False], ids=["headers", "body"])
def test_a_server_answering_one_byte_at_a_time_times_out(
    hostile: HostileServer, in_headers: bool
) -> None:
    hostile.route("/queue", trickle(interval=0.2, in_headers=in_headers))
    # The per-read timeout (30 s) is never reached: each byte comes well within it.
    with ComfyClient(hostile.url, timeout=30.0, deadline=2.0) as client:
        exc = raised(client.queue)
    assert isinstance(exc, ComfyTimeout)


# --- memory bounds ----------------------------------------------------------------------------


def test_a_websocket_frame_declared_as_1_gib_is_refused_before_reading_it(
    hostile: HostileServer,
) -> None:
    counter = Counter()
    hostile.route("/ws", websocket(huge_frame(1 << 30, counter)))
    (event,) = ws_events(hostile, 1, max_message_bytes=1 << 20)
    assert isinstance(event, Disconnected) and "too large" in event.reason
    assert counter.done.wait(WAIT)
    assert counter.sent < 64 << 20  # what the socket buffers held, not the gigabyte


def test_an_endless_websocket_message_is_cut_at_the_limit(hostile: HostileServer) -> None:
    counter = Counter()
    hostile.route("/ws", websocket(endless_continuations(counter)))
    (event,) = ws_events(hostile, 1, max_message_bytes=4 << 20)
    assert isinstance(event, Disconnected) and "too large" in event.reason
    assert counter.done.wait(WAIT)
    assert counter.sent < 64 << 20


def test_an_endless_download_is_cut_and_not_retried(hostile: HostileServer) -> None:
    counter = Counter()
    hostile.route("/view", endless_body(counter=counter))
    with ComfyClient(hostile.url) as client:
        exc = raised(lambda: client.view("big.png", max_bytes=2 << 20))
    assert isinstance(exc, ResponseTooLarge)
    assert not is_transient(exc)
    assert isinstance(decide(EngineConfig(), 1, exc), GiveUp)  # the first try is the last
    assert counter.done.wait(WAIT)


def test_a_huge_json_answer_is_cut_at_the_limit(hostile: HostileServer) -> None:
    counter = Counter()
    hostile.route("/object_info", endless_body(content_type="application/json", counter=counter))
    with ComfyClient(hostile.url, max_json_bytes=2 << 20) as client:
        exc = raised(client.object_info)
    assert isinstance(exc, ResponseTooLarge)


# --- origins and credentials ------------------------------------------------------------------


def test_a_download_redirected_to_another_server_is_refused_without_the_token(
    hostile: HostileServer, elsewhere: HostileServer
) -> None:
    elsewhere.route("/steal", respond(200, b"PNG", content_type="image/png"))
    hostile.route("/view", redirect(f"{elsewhere.url}/steal"))
    with ComfyClient(hostile.url, auth_header=TOKEN) as client:
        exc = raised(lambda: client.view("a.png"))
    assert isinstance(exc, RedirectRefused) and not is_transient(exc)
    assert elsewhere.requests == []


def test_a_redirect_within_the_same_server_is_followed(hostile: HostileServer) -> None:
    hostile.route("/queue", redirect("/queue2"))
    hostile.route("/queue2", respond(200, b'{"queue_running": [], "queue_pending": []}'))
    with ComfyClient(hostile.url, auth_header=TOKEN) as client:
        state = finishes(client.queue)
    assert not isinstance(state, BaseException), state
    assert [r.headers.get("authorization") for r in hostile.requests] == [TOKEN, TOKEN]


def test_an_event_stream_redirected_to_another_server_never_sends_it_the_token(
    hostile: HostileServer, elsewhere: HostileServer
) -> None:
    elsewhere.route("/ws", websocket(send_frames(text("execution_start", {"prompt_id": "p"}))))
    hostile.route("/ws", redirect(f"ws://127.0.0.1:{elsewhere.port}/ws?clientId=cid"))
    stream = EventStream(hostile.url, "cid", auth_header=TOKEN)
    try:
        exc = raised(stream.connect)
    finally:
        stream.close()
    assert isinstance(exc, ComfyConnectionError) and "redirect" in str(exc)
    assert all("authorization" not in r.headers for r in elsewhere.requests)
    assert elsewhere.requests == []


# --- what the server says, as we show it ------------------------------------------------------

POISON = "\x1b[2J\x1b]0;pwned\x07boom\r\x00"


def assert_clean(shown: str, *, limit: int = 2_100) -> None:
    assert not any(ord(c) < 32 and c not in "\n\t" for c in shown), repr(shown[:200])
    assert "\x7f" not in shown
    assert len(shown) <= limit


def test_a_node_error_full_of_escape_codes_and_2_mb_long_is_shown_clean_and_short(
    hostile: HostileServer,
) -> None:
    error = {
        "prompt_id": "p",
        "node_id": "3",
        "node_type": "KSampler" + POISON,
        "exception_type": "RuntimeError" + POISON,
        "exception_message": POISON + "x" * 2_000_000,
        "traceback": [POISON] * 1000,
    }
    hostile.route("/ws", websocket(send_frames(text("execution_error", error))))
    (event,) = ws_events(hostile, 1)
    assert isinstance(event, ExecutionError)
    for shown in (event.exception_message, event.exception_type, event.node_type or ""):
        assert_clean(shown)
    assert event.exception_message.endswith("more characters)")
    assert "boom" in event.exception_message
    assert_clean(event.traceback, limit=20_100)


def test_an_error_page_full_of_escape_codes_is_shown_clean(hostile: HostileServer) -> None:
    body = (POISON * 10 + "y" * 2_000_000).encode()
    hostile.route("/queue", respond(500, body, content_type="text/plain"))
    with ComfyClient(hostile.url) as client:
        exc = raised(client.queue)
    assert isinstance(exc, ComfyHTTPError)
    assert_clean(str(exc), limit=3_000)


def test_a_rejected_prompt_with_poisoned_2_mb_messages_is_shown_clean_and_short(
    hostile: HostileServer,
) -> None:
    body = {
        "error": {"type": "prompt_outputs_failed_validation", "message": POISON * 3},
        "node_errors": {
            "3": {
                "class_type": "KSampler" + POISON,
                "errors": [{"type": "x", "message": POISON, "details": "z" * 2_000_000}],
            }
        },
    }
    hostile.route("/prompt", respond(400, json.dumps(body).encode()))
    with ComfyClient(hostile.url) as client:
        exc = raised(lambda: client.submit({}, client_id="c"))
    assert isinstance(exc, PromptRejected)
    assert_clean(str(exc), limit=10_000)
    assert "more characters)" in str(exc)


def test_a_close_after_a_junk_binary_frame_is_a_disconnect(hostile: HostileServer) -> None:
    hostile.route("/ws", websocket(send_frames(frame(BINARY, b"\0\0"), frame(CLOSE, b""))))
    (event,) = ws_events(hostile, 1)
    assert isinstance(event, Disconnected)


def test_status_is_still_understood(hostile: HostileServer) -> None:
    status = {"status": {"exec_info": {"queue_remaining": 2}}, "sid": "cid"}
    hostile.route("/ws", websocket(send_frames(text("status", status))))
    (event,) = ws_events(hostile, 1)
    assert isinstance(event, Status) and event.queue_remaining == 2
