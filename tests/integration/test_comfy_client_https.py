"""An https:// server still works (issue 12: plain http:// servers now go through http.client,
HTTPS stays on requests), with its certificate checked and the access token sent."""

from __future__ import annotations

import json
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from studio_desktop.core.comfy import ComfyClient, ComfyConnectionError
from studio_desktop.core.comfy.transport import PlainPool, RequestsTransport

TLS = Path(__file__).resolve().parents[1] / "data" / "tls"
QUEUE = {"queue_running": [], "queue_pending": []}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    tokens: ClassVar[list[str | None]] = []

    def do_GET(self) -> None:
        type(self).tokens.append(self.headers.get("Authorization"))
        body = json.dumps(QUEUE).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def https_url() -> Iterator[str]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(TLS / "localhost.crt", TLS / "localhost.key")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    _Handler.tokens = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "HTTP_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


def test_an_https_server_is_reached_with_its_certificate_checked_and_the_token_sent(
    https_url: str, no_proxy: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(TLS / "localhost.crt"))
    with ComfyClient(https_url, auth_header="Bearer s3cret", timeout=10) as client:
        assert isinstance(client._transport, RequestsTransport)
        assert client.queue().running == ()
        assert client.queue().pending == ()
    assert _Handler.tokens == ["Bearer s3cret", "Bearer s3cret"]


def test_an_https_server_with_an_untrusted_certificate_is_refused(
    https_url: str, no_proxy: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    with (
        ComfyClient(https_url, auth_header="Bearer s3cret", timeout=10) as client,
        pytest.raises(ComfyConnectionError) as info,
    ):
        client.queue()
    assert "not trusted" in str(info.value)
    assert _Handler.tokens == []


def test_a_plain_server_reached_directly_goes_through_http_client(no_proxy: None) -> None:
    with ComfyClient("http://127.0.0.1:8188") as client:
        assert isinstance(client._transport, PlainPool)
