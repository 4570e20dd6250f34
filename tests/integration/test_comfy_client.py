"""ComfyClient and EventStream against the fake ComfyUI server: every route, full runs,
rejections, runtime errors, interrupts, dropped sockets, a stopped server, auth and faults."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import pytest
import websocket

from studio_desktop.core.comfy import (
    BadResponse,
    ComfyAuthError,
    ComfyClient,
    ComfyConnectionError,
    ComfyHTTPError,
    ComfyTimeout,
    Disconnected,
    Event,
    EventStream,
    Executed,
    Executing,
    ExecutionError,
    ExecutionInterrupted,
    ExecutionStart,
    ExecutionSuccess,
    Preview,
    Progress,
    PromptRejected,
    Reconnected,
    Status,
)
from tests.fakes.comfy_server import ENDLESS_STEPS, FakeComfyServer
from tests.fakes.fixtures import fake_comfy, fake_comfy_factory  # noqa: F401

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
WAIT = 20.0  # generous: only ever reached when something is broken

Factory = Callable[..., FakeComfyServer]
E = TypeVar("E")


def txt2img(seed: int, *, ckpt: str = "random_sd15.safetensors") -> dict[str, Any]:
    """Trace 30's graph, with a seed so every run makes a new image."""
    return {
        "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": ckpt}},
        "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "a cat", "clip": ["4", 1]}},
        "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "blurry", "clip": ["4", 1]}},
        "5": {
            "class_type": "EmptyLatentImage",
            "inputs": {"width": 64, "height": 64, "batch_size": 1},
        },
        "3": {
            "class_type": "KSampler",
            "inputs": {
                "model": ["4", 0],
                "seed": seed,
                "steps": 4,
                "cfg": 7.0,
                "sampler_name": "euler",
                "scheduler": "normal",
                "positive": ["6", 0],
                "negative": ["7", 0],
                "latent_image": ["5", 0],
                "denoise": 1.0,
            },
        },
        "8": {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0], "vae": ["4", 2]}},
        "9": {
            "class_type": "SaveImage",
            "inputs": {"images": ["8", 0], "filename_prefix": "studio/test"},
        },
    }


def new_client_id() -> str:
    return uuid.uuid4().hex


@pytest.fixture
def client(fake_comfy: FakeComfyServer) -> Iterator[ComfyClient]:  # noqa: F811
    with ComfyClient(fake_comfy.url, timeout=10.0) as c:
        yield c


def collect(
    stream: EventStream,
    until: Callable[[Event], bool],
    timeout: float = WAIT,
) -> list[Event]:
    """Events up to and including the first one `until` accepts."""
    events: list[Event] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        event = stream.next_event(0.5)
        if event is None:
            continue
        events.append(event)
        if until(event):
            return events
    raise AssertionError(f"condition not met in {timeout} s; got {[e.type for e in events]}")


def greeting(stream: EventStream) -> Status:
    """The `status` ComfyUI sends on every (re)connect, naming our client id as `sid`."""
    event = collect(stream, lambda e: isinstance(e, Status))[-1]
    assert isinstance(event, Status)
    return event


def run_end(prompt_id: str) -> Callable[[Event], bool]:
    return lambda e: isinstance(e, Executing) and e.node is None and e.prompt_id == prompt_id


def of(events: list[Event], kind: type[Any], prompt_id: str | None = None) -> list[Any]:
    return [
        e for e in events if isinstance(e, kind) and (prompt_id is None or e.prompt_id == prompt_id)
    ]


# --- plain routes --------------------------------------------------------------------------


def test_system_stats(client: ComfyClient) -> None:
    stats = client.system_stats()
    assert stats.comfyui_version == "0.3.64"
    assert stats.devices and stats.devices[0].name == "cpu"


def test_object_info(client: ComfyClient) -> None:
    info = client.object_info()
    assert info.has("KSampler") and info.has("SaveImage")
    assert info.checkpoints == ["random_sd15.safetensors"]
    assert "euler" in info.samplers


def test_checkpoints_from_factory(fake_comfy_factory: Factory) -> None:  # noqa: F811
    server = fake_comfy_factory(checkpoints=["a.safetensors", "b.safetensors"])
    with ComfyClient(server.url) as c:
        assert c.object_info().checkpoints == ["a.safetensors", "b.safetensors"]


def test_empty_queue_and_unknown_history(client: ComfyClient) -> None:
    state = client.queue()
    assert state.running == () and state.pending == ()
    assert client.history(str(uuid.uuid4())) is None


def test_api_prefix_base_url(fake_comfy: FakeComfyServer) -> None:  # noqa: F811
    """A path prefix (here ComfyUI's own /api) is kept for HTTP and the websocket."""
    cid = new_client_id()
    with (
        ComfyClient(fake_comfy.url + "/api/") as c,
        EventStream(fake_comfy.url + "/api", cid) as stream,
    ):
        assert c.system_stats().comfyui_version == "0.3.64"
        assert greeting(stream).sid == cid


def test_upload_and_view_input(client: ComfyClient) -> None:
    first = client.upload_image(PNG_SIGNATURE + b"one", "/home/me/pics/ref.png")
    assert (first.name, first.subfolder, first.type) == ("ref.png", "", "input")
    same = client.upload_image(PNG_SIGNATURE + b"one", "ref.png")
    assert same.name == "ref.png"  # same bytes keep the name
    other = client.upload_image(PNG_SIGNATURE + b"two", "C:\\Users\\me\\ref.png")
    assert other.name == "ref (1).png"  # a different file is renamed: use the returned name
    sub = client.upload_image(PNG_SIGNATURE + b"three", "ref.png", subfolder="studio")
    assert (sub.name, sub.subfolder) == ("ref.png", "studio")
    assert client.view(other.name, type="input") == PNG_SIGNATURE + b"two"
    assert client.view("ref.png", subfolder="studio", type="input") == PNG_SIGNATURE + b"three"
    replaced = client.upload_image(PNG_SIGNATURE + b"four", "ref.png", overwrite=True)
    assert replaced.name == "ref.png"
    assert client.view("ref.png", type="input") == PNG_SIGNATURE + b"four"


def test_view_missing_file(client: ComfyClient) -> None:
    with pytest.raises(ComfyHTTPError) as info:
        client.view("nope.png")
    assert info.value.status == 404 and not info.value.transient


# --- a full run ----------------------------------------------------------------------------


def test_full_run_events_history_and_view(
    fake_comfy: FakeComfyServer,  # noqa: F811
    client: ComfyClient,
) -> None:
    cid = new_client_id()
    with EventStream(fake_comfy.url, cid) as stream:
        assert greeting(stream).sid == cid
        result = client.submit(txt2img(1), client_id=cid, extra_data={"preview_method": "auto"})
        pid = result.prompt_id
        assert result.number >= 0
        events = collect(stream, run_end(pid))

    assert of(events, ExecutionStart, pid)
    progress = of(events, Progress, pid)
    assert [p.value for p in progress] == [1, 2, 3, 4] and {p.max for p in progress} == {4}
    assert all(p.node == "3" for p in progress)
    previews = of(events, Preview, pid)  # type-4 frames: they name their prompt
    assert len(previews) == 4
    assert all(p.format in ("jpeg", "png") and p.image and p.metadata for p in previews)
    (executed,) = of(events, Executed, pid)
    assert executed.node == "9" and len(executed.outputs) == 1
    assert of(events, ExecutionSuccess, pid)
    assert not of(events, ExecutionError) and not of(events, Disconnected)

    entry = client.history(pid)
    assert entry is not None
    assert (entry.status_str, entry.completed, entry.error) == ("success", True, None)
    assert entry.outputs == executed.outputs
    (out,) = entry.outputs
    assert (out.node_id, out.kind, out.type, out.subfolder) == ("9", "images", "output", "studio")
    data = client.view(out)
    assert data.startswith(PNG_SIGNATURE)
    with pytest.raises(BadResponse, match="larger"):
        client.view(out, max_bytes=len(data) - 1)
    assert not client.queue().contains(pid)
    assert fake_comfy.submitted[-1]["client_id"] == cid

    client.delete_history([pid])  # a retried job must not find this run under its id
    assert client.history(pid) is None


def test_previews_without_metadata(fake_comfy: FakeComfyServer, client: ComfyClient) -> None:  # noqa: F811
    cid = new_client_id()
    with EventStream(fake_comfy.url, cid, preview_metadata=False) as stream:
        pid = client.submit(
            txt2img(2), client_id=cid, extra_data={"preview_method": "auto"}
        ).prompt_id
        events = collect(stream, run_end(pid))
    previews = of(events, Preview)
    assert previews and all(p.metadata is None and p.prompt_id is None for p in previews)


def test_client_supplied_prompt_id(fake_comfy: FakeComfyServer, client: ComfyClient) -> None:  # noqa: F811
    cid, pid = new_client_id(), str(uuid.uuid4())
    with EventStream(fake_comfy.url, cid) as stream:
        assert client.submit(txt2img(3), client_id=cid, prompt_id=pid).prompt_id == pid
        collect(stream, run_end(pid))
    entry = client.history(pid)
    assert entry is not None and entry.completed


# --- failures of a prompt ------------------------------------------------------------------


def test_invalid_prompt_is_rejected(client: ComfyClient) -> None:
    with pytest.raises(PromptRejected) as info:
        client.submit(txt2img(4, ckpt="nope.safetensors"), client_id=new_client_id())
    err = info.value
    assert not err.transient
    assert err.error_type == "prompt_outputs_failed_validation"
    (node,) = err.node_errors
    assert (node.node_id, node.class_type) == ("4", "CheckpointLoaderSimple")
    assert node.errors[0].type == "value_not_in_list"
    assert node.errors[0].input_name == "ckpt_name"
    assert "CheckpointLoaderSimple (node 4): Value not in list" in str(err)


def test_rejection_fault(fake_comfy: FakeComfyServer, client: ComfyClient) -> None:  # noqa: F811
    fake_comfy.faults.reject_prompt = True
    with pytest.raises(PromptRejected) as info:
        client.submit(txt2img(5), client_id=new_client_id())
    err = info.value
    assert err.error_message and err.node_errors
    assert all(n.class_type and n.errors for n in err.node_errors)
    assert all(f"(node {n.node_id})" in str(err) for n in err.node_errors)
    assert fake_comfy.submitted == []


def test_runtime_error(fake_comfy: FakeComfyServer, client: ComfyClient) -> None:  # noqa: F811
    fake_comfy.faults.runtime_error = True
    cid = new_client_id()
    with EventStream(fake_comfy.url, cid) as stream:
        pid = client.submit(txt2img(6), client_id=cid).prompt_id
        events = collect(stream, run_end(pid))
    (error,) = of(events, ExecutionError, pid)
    assert error.node_id and error.node_type and error.exception_message
    assert not of(events, ExecutionSuccess, pid)
    entry = client.history(pid)
    assert entry is not None and not entry.completed and entry.status_str == "error"
    assert entry.error is not None and not entry.error.interrupted
    assert (entry.error.node_id, entry.error.exception_message) == (
        error.node_id,
        error.exception_message,
    )


def test_interrupt_running_prompt(fake_comfy_factory: Factory) -> None:  # noqa: F811
    server = fake_comfy_factory(steps=ENDLESS_STEPS, step_seconds=0.05)
    cid = new_client_id()
    with ComfyClient(server.url) as c, EventStream(server.url, cid) as stream:
        pid = c.submit(txt2img(7), client_id=cid).prompt_id
        collect(stream, lambda e: isinstance(e, Progress) and e.prompt_id == pid)
        assert c.queue().position(pid) == 0
        c.interrupt(pid)
        events = collect(stream, run_end(pid))
        (stopped,) = of(events, ExecutionInterrupted, pid)
        assert stopped.node_id == "3" and stopped.node_type == "KSampler"
        entry = c.history(pid)
    assert server.interrupts == [pid]
    assert entry is not None and entry.error is not None and entry.error.interrupted


def test_queue_operations(fake_comfy_factory: Factory) -> None:  # noqa: F811
    server = fake_comfy_factory(steps=ENDLESS_STEPS, step_seconds=0.05)
    cid = new_client_id()
    with ComfyClient(server.url) as c, EventStream(server.url, cid) as stream:
        running = c.submit(txt2img(10), client_id=cid).prompt_id
        collect(stream, lambda e: isinstance(e, Progress) and e.prompt_id == running)
        a = c.submit(txt2img(11), client_id=cid)
        b = c.submit(txt2img(12), client_id=cid)
        front = c.submit(txt2img(13), client_id=cid, front=True)
        assert front.number < 0 < a.number < b.number

        state = c.queue()
        assert [i.prompt_id for i in state.running] == [running]
        assert [i.prompt_id for i in state.pending] == [front.prompt_id, a.prompt_id, b.prompt_id]
        assert all(i.client_id == cid for i in state.pending)
        assert state.position(front.prompt_id) == 1 and state.position(b.prompt_id) == 3

        c.delete_from_queue([a.prompt_id])
        assert server.deleted == [a.prompt_id]
        assert not c.queue().contains(a.prompt_id)

        c.clear_queue()
        state = c.queue()
        assert state.pending == () and state.contains(running)

        c.interrupt()
        collect(stream, run_end(running))
    assert server.interrupts == [None]
    assert server.wait_idle()


# --- the websocket -------------------------------------------------------------------------


def test_drop_mid_run_reconnects_with_same_client_id(
    fake_comfy: FakeComfyServer,  # noqa: F811
    client: ComfyClient,
) -> None:
    fake_comfy.faults.drop_websocket_mid_run = True
    cid = new_client_id()
    with EventStream(fake_comfy.url, cid, reconnect_backoff=(0.05, 0.5)) as stream:
        pid = client.submit(txt2img(20), client_id=cid).prompt_id
        events = collect(stream, run_end(pid))
    kinds = [type(e) for e in events]
    assert kinds.count(Disconnected) == 1 and kinds.count(Reconnected) == 1
    assert kinds.index(Disconnected) + 1 == kinds.index(Reconnected)
    after = events[kinds.index(Reconnected) :]
    # The server greets the same client id again and keeps routing our prompt's events to it.
    assert any(isinstance(e, Status) and e.sid == cid for e in after)
    assert of(after, Executed, pid) and of(after, ExecutionSuccess, pid)
    entry = client.history(pid)
    assert entry is not None and entry.completed


def test_quiet_but_alive_socket_is_kept(
    fake_comfy: FakeComfyServer,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Liveness pings on an idle socket are answered (aiohttp auto-pongs): no false drop."""
    pings: list[object] = []
    send_ping = websocket.WebSocket.ping

    def counted(ws: websocket.WebSocket, payload: str | bytes = "") -> None:
        pings.append(ws)
        send_ping(ws, payload)

    monkeypatch.setattr(websocket.WebSocket, "ping", counted)
    with EventStream(fake_comfy.url, new_client_id()) as stream:
        stream.PING_AFTER_SECONDS = 0.05
        # Generous, so that a busy machine's slow pong is not taken for a dead server; what
        # matters is that pongs come back, counted below.
        stream.PONG_TIMEOUT_SECONDS = 10.0
        greeting(stream)
        # The stream sends a new ping only once something (here: the pong) came back, so the
        # tenth ping means nine answered ones, however long each took.
        deadline = time.monotonic() + WAIT
        while len(pings) < 10:
            assert time.monotonic() < deadline, f"only {len(pings)} pings in {WAIT:g} s"
            event = stream.next_event(0.1)
            assert not isinstance(event, Disconnected | Reconnected), event
        assert stream.connected


def test_close_from_another_thread_wakes_the_reader(fake_comfy: FakeComfyServer) -> None:  # noqa: F811
    stream = EventStream(fake_comfy.url, new_client_id())
    stream.connect()
    collect(stream, lambda e: isinstance(e, Status))
    waiting = threading.Event()
    result: list[Event | None] = []

    def read() -> None:
        waiting.set()
        result.append(stream.next_event(60))

    reader = threading.Thread(target=read)
    reader.start()
    assert waiting.wait(WAIT)
    stream.close()
    reader.join(WAIT)
    # Still blocked, the reader would wait 60 s; it ended, and with None, so close() woke it.
    assert not reader.is_alive() and result == [None]
    assert not stream.connected
    assert stream.next_event(0.1) is None  # closed stays closed


def test_server_stop_and_restart(fake_comfy: FakeComfyServer) -> None:  # noqa: F811
    cid = new_client_id()
    with (
        ComfyClient(fake_comfy.url, timeout=5.0) as c,
        EventStream(fake_comfy.url, cid, reconnect_backoff=(0.05, 0.2)) as stream,
    ):
        collect(stream, lambda e: isinstance(e, Status))
        fake_comfy.stop()
        with pytest.raises(ComfyConnectionError) as info:
            c.system_stats()
        assert info.value.transient and fake_comfy.url in str(info.value)
        assert "python main.py" in str(info.value)
        collect(stream, lambda e: isinstance(e, Disconnected))
        assert stream.next_event(0.3) is None  # still down: nothing, no exception
        fake_comfy.restart()
        collect(stream, lambda e: isinstance(e, Reconnected))
        assert greeting(stream).sid == cid
        assert c.system_stats().comfyui_version == "0.3.64"


def test_reconnect_gives_up_after_the_limit(fake_comfy: FakeComfyServer) -> None:  # noqa: F811
    with EventStream(
        fake_comfy.url, new_client_id(), reconnect_backoff=(0.05, 0.2), max_reconnect_seconds=0.5
    ) as stream:
        collect(stream, lambda e: isinstance(e, Status))
        fake_comfy.stop()
        collect(stream, lambda e: isinstance(e, Disconnected))
        deadline = time.monotonic() + WAIT
        with pytest.raises(ComfyConnectionError) as info:
            while time.monotonic() < deadline:
                stream.next_event(0.2)
    # How long it tried is part of the sentence, translated with it: the reason in brackets is
    # the transport's own words only (it read "connection refused; gave up reconnecting after
    # 10 s", English inside the Chinese notice).
    assert info.value.text is not None
    assert info.value.text.args["seconds"] == "0.5"
    assert "{seconds}" in info.value.text.template and "gave up" not in info.value.reason
    assert f"Could not reach ComfyUI at {fake_comfy.url} for 0.5 s (" in str(info.value)


def test_first_connect_failure(fake_comfy: FakeComfyServer) -> None:  # noqa: F811
    url = fake_comfy.url
    fake_comfy.stop()
    stream = EventStream(url, new_client_id())
    with pytest.raises(ComfyConnectionError) as info:
        stream.connect()
    assert "python main.py" in str(info.value)
    stream.close()


# --- auth and faults -----------------------------------------------------------------------


def test_auth(fake_comfy_factory: Factory) -> None:  # noqa: F811
    server = fake_comfy_factory(require_auth="Bearer t0ken")
    with ComfyClient(server.url) as anonymous, pytest.raises(ComfyAuthError) as info:
        anonymous.queue()
    assert info.value.status == 401 and not info.value.transient
    with pytest.raises(ComfyAuthError):
        EventStream(server.url, new_client_id()).connect()

    cid = new_client_id()
    with (
        ComfyClient(server.url, auth_header="Bearer t0ken") as c,
        EventStream(server.url, cid, auth_header="Bearer t0ken") as stream,
    ):
        pid = c.submit(txt2img(30), client_id=cid).prompt_id
        events = collect(stream, run_end(pid))
        (executed,) = of(events, Executed, pid)
        assert c.view(executed.outputs[0]).startswith(PNG_SIGNATURE)


def test_junk_json(fake_comfy: FakeComfyServer, client: ComfyClient) -> None:  # noqa: F811
    fake_comfy.faults.junk_json = True
    for call in (client.system_stats, client.queue, client.object_info):
        with pytest.raises(BadResponse) as info:
            call()
        assert info.value.transient
    with pytest.raises(BadResponse):
        client.submit(txt2img(40), client_id=new_client_id())
    fake_comfy.faults.junk_json = False
    assert client.queue().running == ()


def test_server_error(fake_comfy: FakeComfyServer, client: ComfyClient) -> None:  # noqa: F811
    fake_comfy.faults.server_error = True
    with pytest.raises(ComfyHTTPError) as info:
        client.system_stats()
    assert info.value.status == 500 and info.value.transient
    assert "Server got itself in trouble" in info.value.body
    with pytest.raises(ComfyHTTPError):
        client.submit(txt2img(41), client_id=new_client_id())
    with pytest.raises(ComfyConnectionError):
        EventStream(fake_comfy.url, new_client_id()).connect()


def test_slow_server_times_out(fake_comfy: FakeComfyServer) -> None:  # noqa: F811
    fake_comfy.faults.slow_seconds = 1.0
    with ComfyClient(fake_comfy.url, timeout=0.2) as c, pytest.raises(ComfyTimeout) as info:
        c.queue()
    assert info.value.transient


@pytest.mark.parametrize("mode", ["dotdot", "absolute"])
def test_hostile_output_names_are_passed_through_verbatim(
    fake_comfy: FakeComfyServer,  # noqa: F811
    client: ComfyClient,
    mode: str,
) -> None:
    """The client reports what the server said; the file library decides where to save."""
    fake_comfy.faults.hostile_filenames = mode
    cid = new_client_id()
    with EventStream(fake_comfy.url, cid) as stream:
        pid = client.submit(txt2img(50 + len(mode)), client_id=cid).prompt_id
        events = collect(stream, run_end(pid))
    (executed,) = of(events, Executed, pid)
    (out,) = executed.outputs
    assert "/" in out.filename or ".." in out.subfolder or out.filename.startswith("/")
