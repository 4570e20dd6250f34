"""A small threaded HTTP file server on 127.0.0.1 for the model downloader's tests.

Serves `files` (path -> bytes) with Content-Length, an ETag and, unless `ranges` is off,
`Range` requests (206 with Content-Range; `If-Range` honoured against the ETag). `cut_after`
drops the connection after that many body bytes of the next response (once), so a resume can
be tested without timing; `requests` records each request's headers.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class FileServerState:
    files: dict[str, bytes]
    ranges: bool = True
    cut_after: int | None = None  # drop the next response after this many body bytes
    block_after: int | None = None  # send this many bytes, then wait for `release`
    release: threading.Event = field(default_factory=threading.Event)
    blocked: threading.Event = field(default_factory=threading.Event)
    requests: list[dict[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def etag(self, path: str) -> str:
        return '"' + hashlib.sha256(self.files[path]).hexdigest()[:16] + '"'


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        return

    def do_GET(self) -> None:
        state = self.server.state
        with state.lock:
            state.requests.append({k: v for k, v in self.headers.items()})
            cut, state.cut_after = state.cut_after, None
            block, state.block_after = state.block_after, None
        body = state.files.get(self.path)
        if body is None:
            self._plain(404, b"not found")
            return
        etag = state.etag(self.path)
        start = 0
        wanted = self.headers.get("Range")
        if_range = self.headers.get("If-Range")
        status = 200
        if state.ranges and wanted and (if_range is None or if_range == etag):
            found = re.match(r"bytes=(\d+)-$", wanted)
            if found:
                start = int(found.group(1))
                if start >= len(body):
                    self.send_response(416)
                    self.send_header("Content-Range", f"bytes */{len(body)}")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                status = 206
        part = body[start:]
        self.send_response(status)
        self.send_header("Content-Length", str(len(part)))
        self.send_header("ETag", etag)
        if state.ranges:
            self.send_header("Accept-Ranges", "bytes")
        if status == 206:
            self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
        self.end_headers()
        if cut is not None:
            self.wfile.write(part[:cut])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)  # the client sees a short body
            return
        if block is not None:
            self.wfile.write(part[:block])
            self.wfile.flush()
            state.blocked.set()
            state.release.wait(30)
            part = part[block:]
        self.wfile.write(part)

    def _plain(self, code: int, text: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Length", str(len(text)))
        self.end_headers()
        self.wfile.write(text)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, state: FileServerState) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.state = state


@contextmanager
def file_server(
    files: Mapping[str, bytes], *, ranges: bool = True
) -> Iterator[tuple[str, FileServerState]]:
    """(base URL, state) of a running server; stopped on exit."""
    state = FileServerState(dict(files), ranges=ranges)
    server = _Server(state)
    thread = threading.Thread(target=server.serve_forever, name="file-server", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host!s}:{port}", state
    finally:
        state.release.set()
        server.shutdown()
        server.server_close()
        thread.join(5)
