"""A scriptable in-memory ComfyServer for unit tests of the engine's driver.

No sockets: a test decides what each call answers (`fail_next`), which events arrive (`push`),
and when a prompt finishes (`finish`). It follows the engine's `ComfyServer` protocol; the HTTP
fake in comfy_server.py stays the one for integration tests.
"""

from __future__ import annotations

import io
import queue
import threading
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from PIL import Image

from studio_desktop.core.comfy import HistoryEntry, OutputFile, QueueItem, QueueState
from studio_desktop.core.comfy import events as ev
from studio_desktop.core.servers import ServerCapabilities


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 120, 200)).save(out, "PNG")
    return out.getvalue()


PNG = _png()


class MemoryServer:
    """Implements `ComfyServer`. Thread-safe: the driver and its output thread call it."""

    def __init__(self, url: str = "http://memory:8188", *, checkpoints: Sequence[str] = ()) -> None:
        self.url = url
        self.caps = ServerCapabilities(
            gpu_name="Memory GPU",
            vram_total=8 << 30,
            vram_free=6 << 30,
            comfyui_version="0.3.64",
            node_classes=frozenset(
                {
                    "CheckpointLoaderSimple",
                    "CLIPTextEncode",
                    "EmptyLatentImage",
                    "KSampler",
                    "VAEDecode",
                    "SaveImage",
                }
            ),
            models={"checkpoints": tuple(checkpoints or ("model.safetensors",))},
        )
        self._lock = threading.Lock()
        self._events: queue.SimpleQueue[ev.Event] = queue.SimpleQueue()
        self._failures: dict[str, list[BaseException]] = defaultdict(list)
        self.submitted: list[str] = []
        self.cancelled: list[str] = []
        self.queued: list[str] = []
        self.history_entries: dict[str, HistoryEntry] = {}
        self.calls: list[str] = []
        self.connected = threading.Event()

    # --- scripting ---

    def fail_next(self, method: str, *errors: BaseException) -> None:
        """The next calls of `method` raise these, in order."""
        with self._lock:
            self._failures[method].extend(errors)

    def push(self, event: ev.Event) -> None:
        self._events.put(event)

    def finish(self, prompt_id: str) -> None:
        """The prompt ran: one output in history, then the end marker."""
        with self._lock:
            if prompt_id in self.queued:
                self.queued.remove(prompt_id)
            self.history_entries[prompt_id] = HistoryEntry(
                prompt_id,
                "success",
                True,
                (OutputFile("9", f"{prompt_id[:8]}.png", "", "output", "images"),),
                (),
                None,
            )
        self.push(ev.Executing(prompt_id=prompt_id, node=None))

    def fail(self, prompt_id: str) -> None:
        """The prompt's run failed: an error record in history, then the error event (the end
        marker is left to the test: ComfyUI sends it later, on its own)."""
        with self._lock:
            if prompt_id in self.queued:
                self.queued.remove(prompt_id)
            self.history_entries[prompt_id] = HistoryEntry(prompt_id, "error", True, (), (), None)
        self.push(
            ev.ExecutionError(
                prompt_id=prompt_id,
                node_id="3",
                node_type="KSampler",
                exception_type="RuntimeError",
                exception_message="CUDA out of memory",
                traceback="",
            )
        )

    def events_waiting(self) -> int:
        return self._events.qsize()

    def _call(self, method: str) -> None:
        with self._lock:
            self.calls.append(method)
            failures = self._failures[method]
            error = failures.pop(0) if failures else None
        if error is not None:
            raise error

    # --- ComfyServer ---

    def connect(self) -> ServerCapabilities:
        self._call("connect")
        self.connected.set()
        return self.caps

    def capabilities(self) -> ServerCapabilities:
        self._call("capabilities")
        return self.caps

    def free_vram(self) -> int | None:
        self._call("free_vram")
        return self.caps.vram_free

    def next_event(self, timeout: float) -> ev.Event | None:
        self._call("next_event")
        try:
            return self._events.get(timeout=timeout)
        except queue.Empty:
            return None

    def upload(self, data: bytes, filename: str) -> str:
        self._call("upload")
        return filename

    def submit(
        self, graph: Mapping[str, Any], *, prompt_id: str, extra_data: Mapping[str, Any]
    ) -> None:
        self._call("submit")
        with self._lock:
            self.submitted.append(prompt_id)
            self.queued.append(prompt_id)

    def history(self, prompt_id: str) -> HistoryEntry | None:
        self._call("history")
        with self._lock:
            return self.history_entries.get(prompt_id)

    def queue(self) -> QueueState:
        self._call("queue")
        with self._lock:
            items = tuple(QueueItem(n, p, None) for n, p in enumerate(self.queued))
        return QueueState(running=items[:1], pending=items[1:])

    def cancel(self, prompt_ids: Sequence[str]) -> None:
        self._call("cancel")
        with self._lock:
            self.cancelled.extend(prompt_ids)
            self.queued = [p for p in self.queued if p not in prompt_ids]

    def forget(self, prompt_ids: Sequence[str]) -> None:
        self._call("forget")
        with self._lock:
            for prompt_id in prompt_ids:
                self.history_entries.pop(prompt_id, None)

    def unqueue(self, prompt_ids: Sequence[str]) -> None:
        self._call("unqueue")
        with self._lock:
            # The first queued prompt counts as running (see queue()): a delete leaves it.
            running = self.queued[:1]
            self.queued = running + [p for p in self.queued[1:] if p not in prompt_ids]

    def view(self, output: OutputFile) -> bytes:
        self._call("view")
        return PNG

    def close(self) -> None:
        pass
