"""ComfyClient against a tiny scripted HTTP server: every failure maps to the right ComfyError,
requests are shaped like ComfyUI expects, and nothing local leaks to the server."""

from __future__ import annotations

import base64
import hashlib
import json
import select
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from studio_desktop.core.comfy import (
    BadResponse,
    ComfyAuthError,
    ComfyClient,
    ComfyConnectionError,
    ComfyError,
    ComfyHTTPError,
    ComfyTimeout,
    Disconnected,
    EventStream,
    NodeError,
    NodeErrorDetail,
    OutputFile,
    PromptRejected,
    ws_url,
)

TRACES = Path(__file__).resolve().parents[1] / "data" / "traces"
START_HINT = "Start ComfyUI (python main.py) or check the server address"

Script = Callable[["_Handler"], None]


@dataclass
class Seen:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    client_port: int


@dataclass
class ScriptedServer:
    """Routes map a path to a function that writes the whole answer."""

    httpd: ThreadingHTTPServer
    routes: dict[str, Script] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def json(self, path: str, body: Any, status: int = 200) -> None:
        self.routes[path] = lambda h: h.reply(status, json.dumps(body).encode(), "application/json")

    def raw(self, path: str, body: bytes, status: int = 200, ctype: str = "text/plain") -> None:
        self.routes[path] = lambda h: h.reply(status, body, ctype)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like aiohttp
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def reply(self, status: int, body: bytes, ctype: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _handle(self) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        scripted = self.server.scripted
        scripted.seen.append(
            Seen(
                self.command,
                parts.path,
                parse_qs(parts.query),
                {k.lower(): v for k, v in self.headers.items()},
                body,
                self.client_address[1],
            )
        )
        script = scripted.routes.get(parts.path)
        if script is None:
            self.reply(404, b"404: Not Found", "text/plain")
        else:
            script(self)

    do_GET = _handle
    do_POST = _handle


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    scripted: ScriptedServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that timed out on purpose has hung up before the late answer: expected
        # here, so not printed as a traceback in the middle of the test output.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    scripted = ScriptedServer(httpd)
    httpd.scripted = scripted
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield scripted
    finally:
        scripted.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


@pytest.fixture
def client(server: ScriptedServer) -> Iterator[ComfyClient]:
    with ComfyClient(server.url, timeout=5.0) as c:
        yield c


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- connection-level failures -------------------------------------------------------------


def test_refused_connection_says_how_to_start_comfyui() -> None:
    url = f"http://127.0.0.1:{_free_port()}"
    with ComfyClient(url, timeout=5.0) as c, pytest.raises(ComfyConnectionError) as info:
        c.system_stats()
    err = info.value
    assert err.transient and err.url == url
    assert url in str(err) and START_HINT in str(err)
    assert "refused" in str(err)


def test_slow_server_times_out(server: ScriptedServer) -> None:
    def stall(h: _Handler) -> None:
        server.release.wait(10)
        h.reply(200, b"{}")

    server.routes["/queue"] = stall
    with ComfyClient(server.url, timeout=0.3) as c, pytest.raises(ComfyTimeout) as info:
        c.queue()
    assert info.value.transient and server.url in str(info.value)
    server.release.set()


def test_connection_closed_without_answer(server: ScriptedServer, client: ComfyClient) -> None:
    def hang_up(h: _Handler) -> None:
        h.close_connection = True
        h.connection.shutdown(socket.SHUT_RDWR)

    server.routes["/queue"] = hang_up
    with pytest.raises(ComfyConnectionError) as info:
        client.queue()
    assert info.value.transient


def test_body_cut_short(server: ScriptedServer, client: ComfyClient) -> None:
    def truncated(h: _Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", "1000")
        h.end_headers()
        h.wfile.write(b'{"queue_running": [')
        h.wfile.flush()
        h.close_connection = True
        h.connection.shutdown(socket.SHUT_RDWR)

    server.routes["/queue"] = truncated
    with pytest.raises(ComfyConnectionError) as info:
        client.queue()
    assert info.value.transient


# --- HTTP statuses -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "transient"), [(500, True), (502, True), (503, True), (429, True), (404, False)]
)
def test_http_errors(
    server: ScriptedServer, client: ComfyClient, status: int, transient: bool
) -> None:
    text = _trace("16_invalid_not_json.json")["text"]
    server.raw("/system_stats", text.encode(), status)
    with pytest.raises(ComfyHTTPError) as info:
        client.system_stats()
    err = info.value
    assert type(err) is ComfyHTTPError
    assert (err.status, err.transient, err.body) == (status, transient, text)
    assert str(status) in str(err) and server.url in str(err)


@pytest.mark.parametrize("status", [401, 403])
def test_auth_errors(server: ScriptedServer, client: ComfyClient, status: int) -> None:
    server.raw("/object_info", b"401: Unauthorized", status)
    with pytest.raises(ComfyAuthError) as info:
        client.object_info()
    assert info.value.status == status and not info.value.transient
    assert "token" in str(info.value)
    assert isinstance(info.value, ComfyHTTPError)


def test_auth_header_is_sent(server: ScriptedServer) -> None:
    server.json("/queue", {"queue_running": [], "queue_pending": []})
    with ComfyClient(server.url, auth_header="Bearer s3cret") as c:
        c.queue()
    assert server.seen[-1].headers["authorization"] == "Bearer s3cret"
    with ComfyClient(server.url) as c:
        c.queue()
    assert "authorization" not in server.seen[-1].headers


# --- garbled answers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("route", "call", "body"),
    [
        ("/system_stats", "system_stats", b"<html>proxy says hi</html>"),
        ("/system_stats", "system_stats", b"[1, 2, 3]"),
        ("/object_info", "object_info", b"{truncated"),
        ("/object_info", "object_info", b'"a string"'),
        ("/queue", "queue", b'{"queue_running": 5, "queue_pending": []}'),
        ("/queue", "queue", b"{}"),
        ("/queue", "queue", b""),
    ],
)
def test_junk_becomes_bad_response(
    server: ScriptedServer, client: ComfyClient, route: str, call: str, body: bytes
) -> None:
    server.raw(route, body, 200, "application/json")
    with pytest.raises(BadResponse) as info:
        getattr(client, call)()
    assert info.value.transient and server.url in str(info.value)


def test_submit_answer_without_prompt_id(server: ScriptedServer, client: ComfyClient) -> None:
    server.json("/prompt", {"number": 3})
    with pytest.raises(BadResponse):
        client.submit({}, client_id="c")


# --- rejected prompts ----------------------------------------------------------------------


def _trace(name: str) -> Any:
    return json.loads((TRACES / name).read_text(encoding="utf-8"))


def _rejections() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for path in sorted(TRACES.glob("*invalid*.json")):
        trace = json.loads(path.read_text(encoding="utf-8"))
        status = trace.get("http_status", trace.get("status"))
        body = trace.get("response", trace.get("json"))
        if status == 400 and isinstance(body, dict):
            found.append((path.name, body))
    return found


REJECTIONS = _rejections()


def test_all_rejection_traces_found() -> None:
    assert len(REJECTIONS) == 10


@pytest.mark.parametrize(("name", "body"), REJECTIONS, ids=[n for n, _ in REJECTIONS])
def test_every_recorded_rejection(
    server: ScriptedServer, client: ComfyClient, name: str, body: dict[str, Any]
) -> None:
    server.json("/prompt", body, 400)
    with pytest.raises(PromptRejected) as info:
        client.submit({"1": {"class_type": "X", "inputs": {}}}, client_id="c")
    err = info.value
    assert not err.transient and err.url == server.url
    assert err.error_type == body["error"]["type"]
    assert err.error_message == body["error"]["message"]
    assert err.details == body["error"]["details"]
    assert [n.node_id for n in err.node_errors] == list(body["node_errors"])
    for node in err.node_errors:
        raw = body["node_errors"][node.node_id]
        assert node.class_type == raw["class_type"]
        assert [e.type for e in node.errors] == [e["type"] for e in raw["errors"]]
        for detail, raw_err in zip(node.errors, raw["errors"], strict=True):
            assert detail.input_name == raw_err["extra_info"].get("input_name")
            assert f"{node.class_type} (node {node.node_id}): {detail.message}" in str(err)
    assert str(err).startswith(body["error"]["message"])


def test_rejection_summary_reads_well() -> None:
    body = _trace("46_invalid_value_not_in_list.json")["json"]
    err = PromptRejected.from_body("http://x", body)
    assert err is not None
    assert str(err) == (
        "Prompt outputs failed validation:\n"
        "CheckpointLoaderSimple (node 4): Value not in list: ckpt_name: 'nope.safetensors' "
        "not in ['random_sd15.safetensors']\n"
        "KSampler (node 3): Value not in list: sampler_name: 'bogus' not in (list of length 42)"
    )
    assert err.node_errors[0] == NodeError(
        "4",
        "CheckpointLoaderSimple",
        (
            NodeErrorDetail(
                "value_not_in_list",
                "Value not in list",
                "ckpt_name: 'nope.safetensors' not in ['random_sd15.safetensors']",
                "ckpt_name",
            ),
        ),
    )
    no_nodes = PromptRejected.from_body(
        "http://x", _trace("09_invalid_missing_class.json")["response"]
    )
    assert str(no_nodes) == "Cannot execute because node NoSuchNode does not exist. Node ID '#1'"


@pytest.mark.parametrize("body", [None, [], "x", {}, {"error": 5}, {"node_errors": {}}])
def test_not_a_rejection_body(body: Any) -> None:
    assert PromptRejected.from_body("http://x", body) is None


def test_400_that_is_not_a_rejection(server: ScriptedServer, client: ComfyClient) -> None:
    server.raw("/prompt", b"400: Bad Request", 400)
    with pytest.raises(ComfyHTTPError) as info:
        client.submit({}, client_id="c")
    assert info.value.status == 400 and not info.value.transient


def test_error_hierarchy_and_flags() -> None:
    for cls in (ComfyConnectionError, ComfyTimeout, ComfyHTTPError, BadResponse, PromptRejected):
        assert issubclass(cls, ComfyError)
    assert ComfyConnectionError.transient and ComfyTimeout.transient and BadResponse.transient
    assert not PromptRejected.transient
    assert issubclass(ComfyAuthError, ComfyHTTPError)


# --- request shapes ------------------------------------------------------------------------


def test_base_url_prefix_and_trailing_slash(server: ScriptedServer) -> None:
    server.json("/comfy/queue", {"queue_running": [], "queue_pending": []})
    with ComfyClient(server.url + "/comfy/") as c:
        assert c.base_url == server.url + "/comfy"
        assert c.queue().pending == ()
    assert server.seen[-1].path == "/comfy/queue"


def test_host_and_port_without_a_scheme_gets_http() -> None:
    with ComfyClient("127.0.0.1:8188") as c:
        assert c.base_url == "http://127.0.0.1:8188"


@pytest.mark.parametrize("url", ["", "comfy", "ftp://host", "http://", "http://h/?q=1"])
def test_bad_base_urls(url: str) -> None:
    with pytest.raises(ValueError, match="address"):
        ComfyClient(url)


def test_connections_are_reused(server: ScriptedServer, client: ComfyClient) -> None:
    server.json("/queue", {"queue_running": [], "queue_pending": []})
    for _ in range(5):
        client.queue()
    assert len({s.client_port for s in server.seen}) == 1


def test_a_kept_alive_connection_the_server_closed_while_idle_is_replaced(
    server: ScriptedServer, client: ComfyClient
) -> None:
    """ComfyUI (aiohttp) closes idle connections after its keep-alive timeout; the next call
    must open a new one, not fail on the dead one."""
    queue = json.dumps({"queue_running": [], "queue_pending": []}).encode()

    def answer_then_hang_up(h: _Handler) -> None:
        h.reply(200, queue)
        h.close_connection = True  # no "Connection: close": the client learns it later

    server.routes["/queue"] = answer_then_hang_up
    client.queue()
    idle = client._transport._idle  # type: ignore[attr-defined]
    assert len(idle) == 1
    readable, _, _ = select.select([idle[0].sock], [], [], 10)  # the server's FIN arrived
    assert readable
    server.json("/queue", {"queue_running": [], "queue_pending": []})
    assert client.queue().running == ()
    assert len({s.client_port for s in server.seen}) == 2


def test_submit_body(server: ScriptedServer, client: ComfyClient) -> None:
    server.json("/prompt", {"prompt_id": "p-1", "number": 7, "node_errors": {}})
    prompt = {"1": {"class_type": "EmptyImage", "inputs": {}}}
    result = client.submit(prompt, client_id="cid")
    assert (result.prompt_id, result.number) == ("p-1", 7)
    assert json.loads(server.seen[-1].body) == {"prompt": prompt, "client_id": "cid"}
    client.submit(
        prompt, client_id="cid", prompt_id="p-2", extra_data={"preview_method": "auto"}, front=True
    )
    assert json.loads(server.seen[-1].body) == {
        "prompt": prompt,
        "client_id": "cid",
        "prompt_id": "p-2",
        "extra_data": {"preview_method": "auto"},
        "front": True,
    }


def test_queue_control_bodies(server: ScriptedServer, client: ComfyClient) -> None:
    server.raw("/queue", b"", 200)
    server.raw("/interrupt", b"", 200)
    client.delete_from_queue(["a", "b"])
    client.clear_queue()
    client.interrupt()
    client.interrupt("p-1")
    bodies = [(s.path, json.loads(s.body)) for s in server.seen]
    assert bodies == [
        ("/queue", {"delete": ["a", "b"]}),
        ("/queue", {"clear": True}),
        ("/interrupt", {}),
        ("/interrupt", {"prompt_id": "p-1"}),
    ]


def test_history(server: ScriptedServer, client: ComfyClient) -> None:
    trace = _trace("01_invert.json")
    ((prompt_id, _),) = trace["history"].items()
    server.json("/history/unknown", {})
    server.json(f"/history/{prompt_id}", trace["history"])
    assert client.history("unknown") is None
    entry = client.history(prompt_id)
    assert entry is not None and entry.completed
    assert entry.outputs == (OutputFile("3", "invert_00002_.png", "peer", "output", "images"),)


def test_view_params_and_size_limit(server: ScriptedServer, client: ComfyClient) -> None:
    server.raw("/view", b"x" * 1000, 200, "image/png")
    out = OutputFile("9", "a b&c.png", "sub/dir", "temp", "images")
    assert client.view(out) == b"x" * 1000
    assert server.seen[-1].query == {
        "filename": ["a b&c.png"],
        "subfolder": ["sub/dir"],
        "type": ["temp"],
    }
    assert client.view("plain.png") == b"x" * 1000
    assert server.seen[-1].query == {"filename": ["plain.png"], "type": ["output"]}
    with pytest.raises(BadResponse, match="larger"):
        client.view("plain.png", max_bytes=999)
    assert client.view("plain.png", max_bytes=1000) == b"x" * 1000


def test_view_size_limit_without_content_length(
    server: ScriptedServer, client: ComfyClient
) -> None:
    def chunked(h: _Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "image/png")
        h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        for _ in range(50):
            h.wfile.write(b"1000\r\n" + b"y" * 0x1000 + b"\r\n")
        h.wfile.write(b"0\r\n\r\n")

    server.routes["/view"] = chunked
    assert len(client.view("big.png")) == 50 * 0x1000
    with pytest.raises(BadResponse, match="larger"):
        client.view("big.png", max_bytes=10 * 0x1000)


def test_view_missing_file(server: ScriptedServer, client: ComfyClient) -> None:
    with pytest.raises(ComfyHTTPError) as info:
        client.view("gone.png")
    assert info.value.status == 404 and not info.value.transient


@pytest.mark.parametrize(
    "local_name", ["/home/me/secret/cat.png", "C:\\Users\\me\\secret\\cat.png", "cat.png"]
)
def test_upload_never_sends_local_paths(
    server: ScriptedServer, client: ComfyClient, local_name: str
) -> None:
    server.json("/upload/image", {"name": "cat (1).png", "subfolder": "in", "type": "input"})
    uploaded = client.upload_image(b"PNGDATA", local_name, subfolder="in", overwrite=True)
    assert (uploaded.name, uploaded.subfolder, uploaded.type) == ("cat (1).png", "in", "input")
    seen = server.seen[-1]
    assert seen.headers["content-type"].startswith("multipart/form-data")
    assert b'name="image"; filename="cat.png"' in seen.body
    assert b"secret" not in seen.body and b"PNGDATA" in seen.body
    assert b'name="overwrite"\r\n\r\ntrue' in seen.body
    assert b'name="subfolder"\r\n\r\nin' in seen.body


# --- the websocket against a peer that goes silent -----------------------------------------


class SilentPeer:
    """Accepts one websocket handshake, then never answers (a dead host without a FIN)."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        self.request = b""
        self.frames = b""
        self.thread = threading.Thread(target=self._serve)
        self.thread.start()

    def _serve(self) -> None:
        conn, _ = self.listener.accept()
        with conn:
            while b"\r\n\r\n" not in self.request:
                self.request += conn.recv(4096)
            key = next(
                line.split(b":", 1)[1].strip()
                for line in self.request.split(b"\r\n")
                if line.lower().startswith(b"sec-websocket-key:")
            )
            accept = base64.b64encode(hashlib.sha1(key + WS_GUID).digest())
            conn.sendall(
                b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                b"Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept + b"\r\n\r\n"
            )
            while chunk := conn.recv(4096):
                self.frames += chunk

    def first_text_frame(self) -> str:
        data = self.frames
        assert data[0] == 0x81  # FIN + text
        length = data[1] & 0x7F
        assert data[1] & 0x80 and length < 126  # masked, short
        mask, payload = data[2:6], data[6 : 6 + length]
        return bytes(b ^ mask[i % 4] for i, b in enumerate(payload)).decode()

    def stop(self) -> None:
        self.listener.close()
        self.thread.join(timeout=10)


WS_GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def test_silent_peer_is_detected_and_handshake_is_right() -> None:
    peer = SilentPeer()
    stream = EventStream(
        f"http://127.0.0.1:{peer.port}/", "cid-1", auth_header="Bearer z", max_reconnect_seconds=60
    )
    stream.PING_AFTER_SECONDS = 0.2
    stream.PONG_TIMEOUT_SECONDS = 0.3
    try:
        stream.connect()
        peer.listener.close()  # reconnecting must not reach it again
        events: list[Any] = []
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not events:
            event = stream.next_event(0.5)
            if event is not None:
                events.append(event)
        assert events == [Disconnected(reason="the server stopped answering")]
    finally:
        stream.close()
        peer.stop()
    head = peer.request.decode()
    assert head.startswith("GET /ws?clientId=cid-1 HTTP/1.1\r\n")
    assert "\r\nAuthorization: Bearer z\r\n" in head
    assert json.loads(peer.first_text_frame()) == {
        "type": "feature_flags",
        "data": {"supports_preview_metadata": True},
    }
    assert b"\x89" in peer.frames  # the ping that went unanswered (opcode 9, FIN set)


def test_https_base_becomes_wss() -> None:
    assert ws_url("https://gpu.example:8443/comfy/", "a b") == (
        "wss://gpu.example:8443/comfy/ws?clientId=a%20b"
    )
    assert ws_url("http://127.0.0.1:8188", "x") == "ws://127.0.0.1:8188/ws?clientId=x"


def test_next_event_before_connect_is_a_bug() -> None:
    stream = EventStream("http://127.0.0.1:1", "x")
    with pytest.raises(RuntimeError):
        stream.next_event(0)
    stream.close()
    assert stream.next_event(0) is None
