"""The seam between the engine and a ComfyUI server.

`ComfyServer` is what the engine needs of a server, nothing more: connect (and learn what it
offers), follow its events, submit, find, cancel, download. `HttpComfyServer` speaks to a real
ComfyUI over HTTP and websocket; unit tests use the scriptable in-memory fake in
tests/fakes/memory_server.py, integration tests the fake HTTP server beside it.

Calls come from one driver thread, except `view` (the output stage's thread), which therefore
has its own HTTP connection.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from studio_desktop.core.comfy import (
    ComfyClient,
    EventStream,
    HistoryEntry,
    OutputFile,
    QueueState,
)
from studio_desktop.core.comfy import events as ev
from studio_desktop.core.servers import ServerCapabilities, ServerConfig, probe


class ComfyServer(Protocol):
    url: str

    def connect(self) -> ServerCapabilities:
        """Reach the server and open its event stream. Raises ComfyError."""
        ...

    def capabilities(self) -> ServerCapabilities:
        """Read again what the server offers (free VRAM changes while it runs)."""
        ...

    def free_vram(self) -> int | None:
        """Read only the first device's free VRAM (cheap: no /object_info). Raises ComfyError."""
        ...

    def next_event(self, timeout: float) -> ev.Event | None: ...

    def upload(self, data: bytes, filename: str) -> str:
        """Upload an input image; returns the name to put in the graph (the server may rename)."""
        ...

    def submit(
        self, graph: Mapping[str, Any], *, prompt_id: str, extra_data: Mapping[str, Any]
    ) -> None: ...

    def history(self, prompt_id: str) -> HistoryEntry | None: ...

    def queue(self) -> QueueState: ...

    def cancel(self, prompt_ids: Sequence[str]) -> None:
        """Take prompts off the server: delete the queued ones, then interrupt a running one."""
        ...

    def unqueue(self, prompt_ids: Sequence[str]) -> None:
        """Delete prompts from the server's queue; one that already runs is left running."""
        ...

    def forget(self, prompt_ids: Sequence[str]) -> None:
        """Drop the prompts' finished runs from the server's history: a job that runs again
        under the same prompt id must not be mistaken for its earlier run."""
        ...

    def view(self, output: OutputFile) -> bytes: ...

    def close(self) -> None: ...


class HttpComfyServer:
    """A real ComfyUI over HTTP and websocket, under one client id for its whole life."""

    def __init__(self, config: ServerConfig, *, stream_reconnect_s: float) -> None:
        self.config = config
        self.url = config.url
        self.client_id = uuid.uuid4().hex
        self._stream_reconnect_s = stream_reconnect_s
        self._client: ComfyClient | None = None
        self._stream: EventStream | None = None
        self._downloads: ComfyClient | None = None
        self._downloads_lock = threading.Lock()

    def _new_client(self) -> ComfyClient:
        return ComfyClient(self.config.url, auth_header=self.config.auth_header)

    @property
    def _http(self) -> ComfyClient:
        if self._client is None:
            self._client = self._new_client()
        return self._client

    def connect(self) -> ServerCapabilities:
        self._disconnect()
        caps = probe(self._http)
        stream = EventStream(
            self.config.url,
            self.client_id,
            auth_header=self.config.auth_header,
            max_reconnect_seconds=self._stream_reconnect_s,
        )
        stream.connect()
        self._stream = stream
        return caps

    def capabilities(self) -> ServerCapabilities:
        return probe(self._http)

    def free_vram(self) -> int | None:
        devices = self._http.system_stats().devices
        return devices[0].vram_free if devices else None

    def next_event(self, timeout: float) -> ev.Event | None:
        if self._stream is None:
            return None
        return self._stream.next_event(timeout)

    def upload(self, data: bytes, filename: str) -> str:
        result = self._http.upload_image(data, filename)
        return f"{result.subfolder}/{result.name}" if result.subfolder else result.name

    def submit(
        self, graph: Mapping[str, Any], *, prompt_id: str, extra_data: Mapping[str, Any]
    ) -> None:
        self._http.submit(
            graph, client_id=self.client_id, prompt_id=prompt_id, extra_data=extra_data
        )

    def history(self, prompt_id: str) -> HistoryEntry | None:
        return self._http.history(prompt_id)

    def queue(self) -> QueueState:
        return self._http.queue()

    def cancel(self, prompt_ids: Sequence[str]) -> None:
        # Delete the queued ones first, in one call, then interrupt the running one: the other
        # order would let the server start a queued prompt we are about to cancel.
        state = self._http.queue()
        queued = [p for p in prompt_ids if any(i.prompt_id == p for i in state.pending)]
        if queued:
            self._http.delete_from_queue(queued)
        for prompt_id in prompt_ids:
            if any(i.prompt_id == prompt_id for i in state.running):
                self._http.interrupt(prompt_id)

    def unqueue(self, prompt_ids: Sequence[str]) -> None:
        self._http.delete_from_queue(list(prompt_ids))

    def forget(self, prompt_ids: Sequence[str]) -> None:
        self._http.delete_history(list(prompt_ids))

    def view(self, output: OutputFile) -> bytes:
        with self._downloads_lock:
            if self._downloads is None:
                self._downloads = self._new_client()
            client = self._downloads
        return client.view(output)

    def close(self) -> None:
        self._disconnect()
        with self._downloads_lock:
            if self._downloads is not None:
                self._downloads.close()
                self._downloads = None

    def _disconnect(self) -> None:
        # The download connection stays: the output stage may be using it right now.
        if self._stream is not None:
            self._stream.close()
            self._stream = None
        if self._client is not None:
            self._client.close()
            self._client = None
