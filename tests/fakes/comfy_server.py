"""A faithful fake ComfyUI server for tests and benchmarks.

Mirrors ComfyUI 0.3.64 (commit a125cd84) as recorded in ``tests/data/traces`` (the truth), with
ComfyUI's ``server.py``/``execution.py``/``main.py`` as tiebreaker. Built on aiohttp like ComfyUI,
on its own asyncio loop in a daemon thread, bound to 127.0.0.1.

Reproduced: every route also under ``/api``; ``/system_stats``, ``/object_info[/{class}]``,
``/queue`` (GET, POST delete/clear), ``/prompt`` (GET, POST with ComfyUI's validation and 400
shapes, client ``prompt_id``, ``front``, ``number``, numbers consumed by rejected prompts too),
``/interrupt`` (global or by running prompt id), ``/history[/{id}]`` (GET, POST clear/delete),
``/view`` (ComfyUI's traversal checks: 400 for ``..``/absolute names, 403 for escaping
subfolders, 404 if missing, ``preview=webp``), ``/upload/image`` (rename ``x (1).png``, same bytes
keep the name, 400 on escape), ``/models[/{folder}]``, ``/embeddings``, ``/features``,
``/extensions``, ``/ws`` (``status`` with ``sid`` on connect, reconnect with the same clientId
re-routes and replays ``executing {node}``, ``feature_flags`` as first message). One worker runs
prompts in PromptQueue heap order; messages go through one ordered outbox like ComfyUI's
``send_sync``; per-prompt events only to the prompt's client_id (none without one, except what
ComfyUI broadcasts then: ``progress``, ``progress_state``, type-1 previews,
``execution_interrupted``); type 3 progress text (GetImageSize, broadcast); output cache by input
signature (identical resubmit -> ``execution_cached`` + cached ``executed``, no new file);
SaveImage/PreviewImage PNGs with ``prompt``/``extra_pnginfo`` text chunks and ComfyUI's
``{prefix}_{counter:05}_.png`` naming; SaveImage prefix escaping the output folder fails like
traces 17/41.

Not reproduced: real pixels (images only have the right size and a deterministic look); the
sampler's step count and timing come from ``steps``/``step_seconds`` (not the prompt's ``steps``)
and images decoded from latents have ``output_size`` (not the latent's size); custom nodes,
subgraph expansion, lazy inputs, async nodes; other VALIDATE_INPUTS than LoadImage's;
``/upload/mask``, ``/userdata``, ``/settings``, ``/internal/*``, the frontend; files live in
memory (they survive ``restart`` like files on disk; queue, history, cache and numbers do not);
the real server's quirk that closing a replaced (old) socket of a reconnected clientId un-routes
the new one (the fake only forgets a socket that is still the current one for its id).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import copy
import heapq
import json
import logging
import mimetypes
import posixpath
import signal
import struct
import threading
import time
import uuid
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import Any

from aiohttp import WSMsgType, web

from tests.fakes.comfy_exec import CacheEntry, MaskVal, PromptRun
from tests.fakes.comfy_faults import Faults
from tests.fakes.comfy_images import (
    GRAIN_PHOTO,
    Look,
    decompression_bomb_png,
    png_bytes,
    webp_preview,
)
from tests.fakes.comfy_validate import Validation, input_spec, validate_prompt

__all__ = ["FakeComfyServer", "Faults"]

JSON = dict[str, Any]
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEFAULT_OBJECT_INFO = DATA_DIR / "object_info.json"
# The recorded server lists one checkpoint (and the trace tests hold the fake to that); a test
# or the command line that wants an inpainting model beside it passes WITH_INPAINT_CHECKPOINT
# as `checkpoints` (the recorded one stays first, the server's default).
RECORDED_CHECKPOINT = "random_sd15.safetensors"
INPAINT_CHECKPOINT = "sd15_inpainting.safetensors"
WITH_INPAINT_CHECKPOINT: tuple[str, ...] = (RECORDED_CHECKPOINT, INPAINT_CHECKPOINT)
SYSTEM_STATS = DATA_DIR / "system_stats.json"
ROOTS = {
    "input": "/opt/ComfyUI/input",
    "output": "/opt/ComfyUI/output",
    "temp": "/opt/ComfyUI/temp",
}
SERVER_TROUBLE = "500 Internal Server Error\n\nServer got itself in trouble"
SERVER_FEATURES: JSON = {"supports_preview_metadata": True, "max_upload_size": 104857600}
SENSITIVE_EXTRA_DATA_KEYS = ("auth_token_comfy_org", "api_key_comfy_org")
MAXIMUM_HISTORY_SIZE = 10000
# Sampler steps for a run a test wants to act on while it runs (hours at any step_seconds a test
# uses): it ends by an interrupt or when the test lowers `steps`, never by finishing first on a
# slow machine.
ENDLESS_STEPS = 100_000
MODEL_FOLDERS = [
    "checkpoints", "configs", "loras", "vae", "text_encoders", "diffusion_models", "clip_vision",
    "style_models", "embeddings", "diffusers", "vae_approx", "controlnet", "gligen",
    "upscale_models", "custom_nodes", "hypernetworks", "photomaker", "classifiers",
    "model_patches", "audio_encoders",
]  # fmt: skip
EXTENSIONS = [
    "/extensions/core/groupNode.js", "/extensions/core/maskEditorOld.js",
    "/extensions/core/clipspace.js", "/extensions/core/maskEditorLayerFilenames.js",
    "/extensions/core/widgetInputs.js", "/extensions/core/groupNodeManage.js",
    "/extensions/core/load3d/NodeStorage.js", "/extensions/core/load3d/ViewHelperManager.js",
    "/extensions/core/load3d/ControlsManager.js", "/extensions/core/load3d/RecordingManager.js",
    "/extensions/core/load3d/ModelExporter.js", "/extensions/core/load3d/AnimationManager.js",
    "/extensions/core/load3d/LoaderManager.js", "/extensions/core/load3d/LightingManager.js",
    "/extensions/core/load3d/CameraManager.js", "/extensions/core/load3d/SceneModelManager.js",
    "/extensions/core/load3d/SceneManager.js", "/extensions/core/load3d/PreviewManager.js",
    "/extensions/core/load3d/EventManager.js",
]  # fmt: skip
# A model library for tests of the LoRA stack, VAE choice and hires fix (the traced server had
# none): `FakeComfyServer(models=SAMPLE_MODELS)`, `--sample-models` on the command line. Folder
# -> file names as ComfyUI lists them (embeddings without their extension, like /embeddings).
SAMPLE_MODELS: dict[str, list[str]] = {
    "loras": [
        "add_detail.safetensors",
        "style/watercolor_v2.safetensors",
        "old_format.pt",
    ],
    "vae": ["vae-ft-mse-840000-ema-pruned.safetensors", "sdxl_vae.safetensors"],
    "upscale_models": ["4x-UltraSharp.pth", "RealESRGAN_x2.pth"],
    "embeddings": ["EasyNegative", "bad-hands-5", "style/charturnerv2"],
}
# The safetensors headers' `__metadata__` /view_metadata returns: every value a string, as
# kohya's trainer writes them (ss_tag_frequency is JSON inside the string).
SAMPLE_LORA_METADATA: dict[str, dict[str, str]] = {
    "add_detail.safetensors": {
        "ss_network_module": "networks.lora",
        "ss_tag_frequency": json.dumps(
            {"10_detail": {"detailed": 40, "intricate details": 22, "1girl": 3}}
        ),
    },
    "style/watercolor_v2.safetensors": {
        "modelspec.architecture": "stable-diffusion-v1/lora",
        "modelspec.title": "Watercolor v2",
        "modelspec.trigger_phrase": "watercolor, wet paint",
    },
}
_DROP = "__drop_all_websockets__"
FileKey = tuple[str, str, str]  # (type, subfolder, filename)


@lru_cache(maxsize=4)
def _read_text(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def _annotated(name: str) -> tuple[str, str | None]:
    """ComfyUI's annotated_filepath: 'x.png [output]' -> ('x.png', 'output')."""
    for kind in ("output", "input", "temp"):
        suffix = f" [{kind}]"
        if name.endswith(suffix):
            return name[: -len(suffix)], kind
    return name, None


def _inside(root: str, path: str) -> bool:
    return posixpath.commonpath((root, path)) == root


class FakeComfyServer:
    """A ComfyUI 0.3.64 look-alike on 127.0.0.1, running in a background thread."""

    def __init__(
        self,
        *,
        port: int = 0,
        steps: int = 4,
        step_seconds: float = 0.02,
        output_size: tuple[int, int] = (64, 64),
        output_grain: int = 0,
        checkpoints: list[str] | None = None,
        object_info_path: Path | None = None,
        require_auth: str | None = None,
        preview_method: str = "none",
        models: dict[str, list[str]] | None = None,
        lora_metadata: dict[str, dict[str, str]] | None = None,
    ) -> None:
        """Configure (not start) a server.

        ``steps``/``step_seconds``: sampler steps and their duration (both read at every step,
        so a test can let a deliberately endless run finish by lowering ``steps``, instead of
        guessing how long a run must last to outlive a slow machine); ``output_size``: size of
        images decoded from latents; ``output_grain``: noise blended into them (see
        comfy_images.Look; benchmarks use GRAIN_PHOTO for realistic sizes); ``checkpoints``:
        replaces every ``ckpt_name`` list in /object_info; ``require_auth``: exact
        ``Authorization`` header every route needs (else 401); ``preview_method``: server
        default like ComfyUI's ``--preview-method`` (the traced server ran with ``auto``),
        overridden per prompt by ``extra_data.preview_method``; ``models``: model files per
        folder ("loras", "vae", "upscale_models", "embeddings"; SAMPLE_MODELS is a set) put in
        /object_info's loader lists, /models/{folder} and /embeddings (default: none, as traced);
        ``lora_metadata``: safetensors metadata per LoRA for /view_metadata/loras (default with
        SAMPLE_MODELS: SAMPLE_LORA_METADATA).
        """
        self.faults = Faults()
        self.port = port
        self.steps = steps
        self.step_seconds = step_seconds
        self.output_size = output_size
        self.output_grain = output_grain
        if output_grain:
            # The one photo-like picture every output uses, encoded before the first prompt.
            png_bytes(output_size, Look(grain=output_grain))
        self.require_auth = require_auth
        # Server-wide default like ComfyUI's --preview-method; extra_data.preview_method wins.
        self.preview_method = preview_method
        # What /system_stats reports as the first device's free VRAM; None: the recorded figure.
        # A test changes it to see the window follow a server whose free memory moves.
        self.vram_free: int | None = None
        self._info: JSON = json.loads(_read_text(str(object_info_path or DEFAULT_OBJECT_INFO)))
        ckpt = self._info.get("CheckpointLoaderSimple", {})
        original = input_spec(ckpt, "ckpt_name")[0] if ckpt else None
        self.checkpoints: list[str] = list(
            checkpoints if checkpoints is not None else (original or [])
        )
        if checkpoints is not None:
            self._replace_combo("ckpt_name", original, list(checkpoints))
        self.models: dict[str, list[str]] = {k: list(v) for k, v in (models or {}).items()}
        if lora_metadata is None and models is SAMPLE_MODELS:
            lora_metadata = SAMPLE_LORA_METADATA
        self.lora_metadata: dict[str, dict[str, str]] = dict(lora_metadata or {})
        for folder, input_name in (
            ("loras", "lora_name"),
            ("upscale_models", "model_name"),
        ):
            if folder in self.models:
                self._replace_combo(input_name, None, self.models[folder])
        if "vae" in self.models:
            vae = self._info.get("VAELoader", {})
            listed = input_spec(vae, "vae_name")[0] if vae else None
            extras = list(listed) if isinstance(listed, list) else []
            # ComfyUI lists the files, then the approximations and "pixel_space".
            self._replace_combo("vae_name", None, self.models["vae"] + extras)
        self._info_text: str | None = None
        self._files: dict[FileKey, bytes] = {}
        # input file name -> the MASK LoadImage last derived from it (its alpha, like ComfyUI)
        self.loaded_masks: dict[str, MaskVal] = {}
        self._aliases: dict[FileKey, FileKey] = {}
        self._records_lock = threading.Lock()
        self._submitted: list[JSON] = []
        self.server_errors_served = 0  # 500s answered because of faults.server_error
        self._interrupts: list[str | None] = []
        self._deleted: list[str] = []
        self._history_reads: list[str] = []
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._reset_state()

    # ------------------------------------------------------------------ public API
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def submitted(self) -> list[JSON]:
        """Every accepted POST /prompt body, in order (a copy)."""
        with self._records_lock:
            return copy.deepcopy(self._submitted)

    @property
    def interrupts(self) -> list[str | None]:
        """The prompt_id of every POST /interrupt (None for a global one)."""
        with self._records_lock:
            return list(self._interrupts)

    @property
    def history_reads(self) -> list[str]:
        """The prompt id of every GET /history/{id}, in order."""
        with self._records_lock:
            return list(self._history_reads)

    @property
    def deleted(self) -> list[str]:
        """Every prompt id a client asked POST /queue to delete."""
        with self._records_lock:
            return list(self._deleted)

    def start(self) -> FakeComfyServer:
        """Start listening (blocks until ready); returns self."""
        if self._thread is not None:
            return self
        ready = threading.Event()
        errors: list[BaseException] = []
        loop = asyncio.new_event_loop()
        self._loop = loop

        def main() -> None:
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(self._startup())
            except BaseException as ex:
                errors.append(ex)
                ready.set()
                loop.close()
                return
            ready.set()
            try:
                loop.run_forever()
            finally:
                pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
                for task in pending:
                    task.cancel()
                if pending:
                    loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
                loop.run_until_complete(loop.shutdown_asyncgens())
                loop.close()

        thread = threading.Thread(target=main, name="FakeComfyServer", daemon=True)
        thread.start()
        if not ready.wait(timeout=15):
            raise RuntimeError("fake ComfyUI did not start")
        if errors:
            thread.join(timeout=5)
            self._loop = None
            raise errors[0]
        self._thread = thread
        return self

    def stop(self) -> None:
        """Close all sockets, stop the loop and join the thread; idempotent."""
        thread, loop = self._thread, self._loop
        if thread is None or loop is None:
            return
        try:
            asyncio.run_coroutine_threadsafe(self._shutdown(), loop).result(timeout=15)
        finally:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(timeout=15)
            self._thread = None
            self._loop = None

    def restart(self) -> None:
        """Stop, then start again on the same port; queue, history and cache are lost."""
        self.stop()
        self._reset_state()
        self.start()

    def wait_idle(self, timeout: float = 10) -> bool:
        """True once nothing is queued or running and every message was sent."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self._queue and not self._running and self._out_pending == 0:
                return True
            time.sleep(0.005)
        return False

    def __enter__(self) -> FakeComfyServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # ------------------------------------------------------------------ state
    def _reset_state(self) -> None:
        self._queue: list[tuple[Any, ...]] = []
        self._running: dict[int, tuple[Any, ...]] = {}
        self._task_counter = 0
        self._history: dict[str, JSON] = {}
        self._number = 0
        self.cache: dict[str, CacheEntry] = {}
        self._sockets: dict[str, web.WebSocketResponse] = {}
        self._socket_meta: dict[str, JSON] = {}
        self._all_ws: dict[web.WebSocketResponse, asyncio.BaseTransport | None] = {}
        self._client_id: str | None = None
        self._last_node_id: str | None = None
        self._out_pending = 0
        self._tasks: list[asyncio.Task[None]] = []

    async def _startup(self) -> None:
        self._outbox: asyncio.Queue[tuple[str | int, Any, str | None]] = asyncio.Queue()
        self._wakeup = asyncio.Event()
        self.interrupt_event = asyncio.Event()
        app = web.Application(middlewares=[self._middleware], client_max_size=104857600)
        routes: list[tuple[str, str, Any]] = [
            ("GET", "/ws", self._ws),
            ("GET", "/system_stats", self._system_stats),
            ("GET", "/object_info", self._object_info),
            ("GET", "/object_info/{node_class}", self._object_info_node),
            ("GET", "/queue", self._get_queue),
            ("POST", "/queue", self._post_queue),
            ("GET", "/prompt", self._get_prompt),
            ("POST", "/prompt", self._post_prompt),
            ("POST", "/interrupt", self._post_interrupt),
            ("GET", "/history", self._get_history),
            ("GET", "/history/{prompt_id}", self._get_history_id),
            ("POST", "/history", self._post_history),
            ("GET", "/view", self._view),
            ("POST", "/upload/image", self._upload_image),
            ("GET", "/embeddings", self._embeddings),
            ("GET", "/view_metadata/{folder}", self._view_metadata),
            ("GET", "/models", self._models),
            ("GET", "/models/{folder}", self._models_folder),
            ("GET", "/features", self._features),
            ("GET", "/extensions", self._extensions),
        ]
        for prefix in ("/api", ""):
            for method, path, handler in routes:
                app.router.add_route(method, prefix + path, handler)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", self.port)
        await site.start()
        self._runner = runner
        self.port = int(runner.addresses[0][1])
        self._tasks = [
            asyncio.create_task(self._worker(), name="fake-comfy-worker"),
            asyncio.create_task(self._publisher(), name="fake-comfy-publisher"),
        ]

    async def _shutdown(self) -> None:
        # Cancel until they end: on Python 3.11 asyncio.wait_for (the interruptible sleep of a
        # running prompt) can swallow a cancel that lands as its inner wait completes, e.g. when
        # a test interrupts the prompt just before stopping the server (fixed in 3.12).
        while pending := [task for task in self._tasks if not task.done()]:
            for task in pending:
                task.cancel()
            await asyncio.wait(pending, timeout=0.5)
        sockets = list(self._all_ws.items())

        async def close(ws: web.WebSocketResponse, transport: asyncio.BaseTransport | None) -> None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(ws.close(code=1001, message=b"Server shutdown"), 0.3)
            if transport is not None:
                transport.close()

        await asyncio.gather(*(close(ws, t) for ws, t in sockets), return_exceptions=True)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # ------------------------------------------------------------------ Host protocol
    def emit(self, event: str | int, data: Any, sid: str | None) -> None:
        """Queue a message like ComfyUI's send_sync (sid None = every socket)."""
        self._out_pending += 1
        self._outbox.put_nowait((event, data, sid))

    def emit_drop(self) -> None:
        self.emit(_DROP, None, None)

    def supports_preview_metadata(self, sid: str | None) -> bool:
        if sid is None:
            return False
        flags = self._socket_meta.get(sid, {}).get("feature_flags", {})
        return isinstance(flags, dict) and bool(flags.get("supports_preview_metadata", False))

    def set_last_node(self, node_id: str | None) -> None:
        self._last_node_id = node_id

    def object_info_class(self, class_type: str) -> JSON:
        info: JSON = self._info[class_type]
        return info

    def default_preview_method(self) -> str:
        return self.preview_method

    def record_mask(self, name: str, mask: MaskVal) -> None:
        """LoadImage derived `mask` from input `name` (the newest load of each name is kept)."""
        self.loaded_masks[name] = mask

    def read_input(self, name: str) -> bytes | None:
        name, kind = _annotated(name)
        root = ROOTS[kind or "input"]
        path = posixpath.normpath(posixpath.join(root, name))
        if not _inside(root, path) or path == root:
            return None
        sub = posixpath.relpath(posixpath.dirname(path), root)
        return self._files.get(
            (kind or "input", "" if sub == "." else sub, posixpath.basename(path))
        )

    def next_counter(self, kind: str, subfolder: str, prefix: str) -> int:
        best = 0
        n = len(prefix)
        for k, sub, name in self._files:
            if k != kind or sub != subfolder:
                continue
            if name[:n] != prefix or name[n : n + 1] != "_":
                continue
            try:
                best = max(best, int(name[n + 1 :].split("_")[0]))
            except ValueError:
                continue
        return best + 1

    def file_names(self, kind: str, subfolder: str) -> list[str]:
        """Names stored in one folder (custom nodes like VHS number their files themselves)."""
        return [name for k, sub, name in self._files if k == kind and sub == subfolder]

    def store_file(self, kind: str, subfolder: str, filename: str, data: bytes) -> None:
        self._files[(kind, subfolder, filename)] = data

    def add_alias(self, kind: str, subfolder: str, filename: str, real: FileKey) -> None:
        self._aliases[(kind, subfolder, filename)] = real

    # ------------------------------------------------------------------ messages
    def _queue_info(self) -> JSON:
        return {"exec_info": {"queue_remaining": len(self._queue) + len(self._running)}}

    def _queue_updated(self) -> None:
        self.emit("status", {"status": self._queue_info()}, None)

    async def _publisher(self) -> None:
        while True:
            event, data, sid = await self._outbox.get()
            try:
                if event == _DROP:
                    for transport in list(self._all_ws.values()):
                        if transport is not None:
                            transport.close()
                    continue
                targets = (
                    list(self._sockets.values())
                    if sid is None
                    else ([self._sockets[sid]] if sid in self._sockets else [])
                )
                if isinstance(event, int):
                    payload = struct.pack(">I", event) + bytes(data)
                    for ws in targets:
                        with contextlib.suppress(Exception):
                            await ws.send_bytes(payload)
                else:
                    text = json.dumps({"type": event, "data": data})
                    for ws in targets:
                        with contextlib.suppress(Exception):
                            await ws.send_str(text)
            finally:
                self._out_pending -= 1

    async def _ws(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(timeout=1.0)
        await ws.prepare(request)
        sid = request.query.get("clientId", "")
        if sid:
            self._sockets.pop(sid, None)
        else:
            sid = uuid.uuid4().hex
        self._sockets[sid] = ws
        self._socket_meta[sid] = {"feature_flags": {}}
        self._all_ws[ws] = request.transport
        try:
            await ws.send_str(
                json.dumps({"type": "status", "data": {"status": self._queue_info(), "sid": sid}})
            )
            if self._client_id == sid and self._last_node_id is not None:
                await ws.send_str(
                    json.dumps({"type": "executing", "data": {"node": self._last_node_id}})
                )
            first = True
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                try:
                    data = json.loads(msg.data)
                except ValueError:
                    continue
                if first and isinstance(data, dict) and data.get("type") == "feature_flags":
                    flags = data.get("data", {})
                    if self._sockets.get(sid) is ws:
                        self._socket_meta[sid]["feature_flags"] = flags
                    await ws.send_str(
                        json.dumps({"type": "feature_flags", "data": SERVER_FEATURES})
                    )
                first = False
        finally:
            if self._sockets.get(sid) is ws:
                del self._sockets[sid]
                self._socket_meta.pop(sid, None)
            self._all_ws.pop(ws, None)
        return ws

    # ------------------------------------------------------------------ worker
    async def _worker(self) -> None:
        while True:
            while not self._queue:
                self._wakeup.clear()
                await self._wakeup.wait()
            item = heapq.heappop(self._queue)
            item_id = self._task_counter
            self._task_counter += 1
            self._running[item_id] = item
            self._queue_updated()
            _, prompt_id, prompt, extra_data, outputs, sensitive = item
            extra = {**extra_data, **sensitive}
            self._client_id = extra.get("client_id")
            method = extra.get("preview_method")
            if method in (None, "default"):
                extra["preview_method"] = self.preview_method
            run = PromptRun(self, prompt_id, prompt, extra, list(outputs))
            try:
                await run.run()
            except Exception:
                # A bug in the fake must not wedge the queue: record the prompt as failed.
                logging.getLogger(__name__).exception("fake ComfyUI failed running %s", prompt_id)
                run.success = False
                self._last_node_id = None
            self._running.pop(item_id, None)
            if len(self._history) > MAXIMUM_HISTORY_SIZE:
                self._history.pop(next(iter(self._history)))
            entry: JSON = {
                "prompt": list(item[:5]),
                "outputs": {},
                "status": {
                    "status_str": "success" if run.success else "error",
                    "completed": run.success,
                    "messages": [[event, data] for event, data in run.messages],
                },
            }
            entry.update(run.history_result)
            self._history[prompt_id] = entry
            self._queue_updated()
            if run.client_id is not None:
                self.emit("executing", {"node": None, "prompt_id": prompt_id}, run.client_id)

    # ------------------------------------------------------------------ middleware
    @web.middleware
    async def _middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        path = request.path[4:] if request.path.startswith("/api/") else request.path
        is_ws = path == "/ws"
        faults = self.faults
        response: web.StreamResponse
        if self.require_auth is not None and (
            request.headers.get("Authorization") != self.require_auth
        ):
            response = web.Response(status=401, text="401: Unauthorized")
        elif faults.server_error:
            self.server_errors_served += 1
            response = web.Response(status=500, text=SERVER_TROUBLE)
        elif faults.junk_json and self._is_json_route(request.method, path):
            response = web.Response(
                status=200,
                text="<html><body><h1>Welcome to nginx!</h1></body></html>",
                content_type="text/html",
            )
        else:
            response = await handler(request)
        if faults.slow_seconds > 0 and not is_ws:
            await asyncio.sleep(faults.slow_seconds)
        return response

    @staticmethod
    def _is_json_route(method: str, path: str) -> bool:
        if path in ("/ws", "/view"):
            return False
        return not (method == "POST" and path in ("/queue", "/interrupt", "/history"))

    # ------------------------------------------------------------------ GET routes
    async def _system_stats(self, request: web.Request) -> web.Response:
        text = _read_text(str(SYSTEM_STATS))
        vram_free = self.vram_free
        if vram_free is not None:
            stats = json.loads(text)
            stats["devices"][0]["vram_free"] = stats["devices"][0]["torch_vram_free"] = vram_free
            text = json.dumps(stats)
        return web.Response(text=text, content_type="application/json")

    def _object_info_json(self) -> str:
        if self._info_text is None:
            files = sorted(
                name
                for kind, sub, name in self._files
                if kind == "input"
                and sub == ""
                and mimetypes.guess_type(name)[0] is not None
                and str(mimetypes.guess_type(name)[0]).startswith("image/")
            )
            for class_type in ("LoadImage", "LoadImageMask"):
                spec = self._info.get(class_type, {}).get("input", {}).get("required", {})
                if "image" in spec and isinstance(spec["image"][0], list):
                    spec["image"][0] = files
            self._info_text = json.dumps(self._info)
        return self._info_text

    def _present_info(self) -> JSON:
        """The node classes the server has now (faults.missing_nodes left out)."""
        missing = self.faults.missing_nodes
        if not missing:
            return self._info
        return {k: v for k, v in self._info.items() if k not in missing}

    async def _object_info(self, request: web.Request) -> web.Response:
        text = self._object_info_json()
        if self.faults.missing_nodes:
            text = json.dumps(self._present_info())
        return web.Response(text=text, content_type="application/json")

    async def _object_info_node(self, request: web.Request) -> web.Response:
        node_class = request.match_info["node_class"]
        out: JSON = {}
        if node_class in self._present_info():
            self._object_info_json()  # refresh LoadImage's file list
            out[node_class] = self._info[node_class]
        return web.json_response(out)

    async def _get_queue(self, request: web.Request) -> web.Response:
        return web.json_response(
            {
                "queue_running": [list(x[:5]) for x in self._running.values()],
                "queue_pending": [list(x[:5]) for x in self._queue],
            }
        )

    async def _get_prompt(self, request: web.Request) -> web.Response:
        return web.json_response(self._queue_info())

    async def _get_history(self, request: web.Request) -> web.Response:
        query = request.query
        max_items = int(query["max_items"]) if "max_items" in query else None
        offset = int(query["offset"]) if "offset" in query else -1
        if offset < 0 and max_items is not None:
            offset = len(self._history) - max_items
        out: JSON = {}
        for i, key in enumerate(self._history):
            if i >= offset:
                out[key] = self._history[key]
                if max_items is not None and len(out) >= max_items:
                    break
        return web.json_response(out)

    async def _get_history_id(self, request: web.Request) -> web.Response:
        prompt_id = request.match_info["prompt_id"]
        with self._records_lock:
            self._history_reads.append(prompt_id)
        if self.faults.history_of_others:
            others = {k: v for k, v in self._history.items() if k != prompt_id}
            return web.json_response(others)
        if prompt_id in self._history:
            return web.json_response({prompt_id: self._history[prompt_id]})
        return web.json_response({})

    async def _embeddings(self, request: web.Request) -> web.Response:
        return web.json_response(self.models.get("embeddings", []))

    async def _view_metadata(self, request: web.Request) -> web.Response:
        # ComfyUI's server.py: 404 for a folder or file it does not know and for a file that is
        # not .safetensors; the header's __metadata__ (an empty one: 404 too).
        folder = request.match_info["folder"]
        name = request.query.get("filename", "")
        if folder not in MODEL_FOLDERS or name not in self.models.get(folder, []):
            return web.Response(status=404)
        if not name.endswith(".safetensors"):
            return web.Response(status=404)
        metadata = self.lora_metadata.get(name) if folder == "loras" else None
        if not metadata:
            return web.Response(status=404)
        return web.json_response(metadata)

    async def _models(self, request: web.Request) -> web.Response:
        return web.json_response(MODEL_FOLDERS)

    async def _models_folder(self, request: web.Request) -> web.Response:
        folder = request.match_info["folder"]
        if folder not in MODEL_FOLDERS:
            return web.Response(status=404)
        if folder == "checkpoints":
            return web.json_response(self.checkpoints)
        return web.json_response(self.models.get(folder, []))

    async def _features(self, request: web.Request) -> web.Response:
        return web.json_response(SERVER_FEATURES)

    async def _extensions(self, request: web.Request) -> web.Response:
        return web.json_response(EXTENSIONS)

    async def _view(self, request: web.Request) -> web.Response:
        query = request.query
        if "filename" not in query:
            return web.Response(status=404)
        raw_name = query["filename"]
        key: FileKey | None = None
        if self.faults.hostile_filenames is not None:
            key = self._aliases.get(
                (query.get("type", "output"), query.get("subfolder", ""), raw_name)
            )
        if key is None:
            filename, kind = _annotated(raw_name)
            if not filename:
                return web.Response(status=400)
            if filename[0] == "/" or ".." in filename:
                return web.Response(status=400)
            kind = kind or query.get("type", "output")
            root = ROOTS.get(kind)
            if root is None:
                return web.Response(status=400)
            sub = ""
            if "subfolder" in query:
                full = posixpath.normpath(posixpath.join(root, query["subfolder"]))
                if not _inside(root, full):
                    return web.Response(status=403)
                sub = posixpath.relpath(full, root)
                sub = "" if sub == "." else sub
            key = (kind, sub, posixpath.basename(filename))
        data = self._files.get(key)
        if data is None:
            return web.Response(status=404)
        name = key[2]
        if key[0] in ("output", "temp"):
            if self.faults.huge_image_output:
                data = decompression_bomb_png()
            elif self.faults.non_image_output:
                data = b"<html><body>Not an image: the disk is full</body></html>\n"
        disposition = {"Content-Disposition": f'filename="{name}"'}
        if "preview" in query:
            webp = webp_preview(data)
            if webp is not None:
                return web.Response(body=webp, content_type="image/webp", headers=disposition)
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return web.Response(body=data, content_type=content_type, headers=disposition)

    # ------------------------------------------------------------------ POST routes
    async def _post_prompt(self, request: web.Request) -> web.Response:
        json_data = await request.json()  # invalid JSON -> aiohttp's 500 page (trace 16)
        if "number" in json_data:
            number: float = float(json_data["number"])
        else:
            number = self._number
            if json_data.get("front"):
                number = -number
            self._number += 1
        if "prompt" not in json_data:
            error = {
                "type": "no_prompt",
                "message": "No prompt provided",
                "details": "No prompt provided",
                "extra_info": {},
            }
            return web.json_response({"error": error, "node_errors": {}}, status=400)
        prompt = copy.deepcopy(json_data["prompt"])
        raw_id = json_data.get("prompt_id")
        prompt_id = str(uuid.uuid4()) if raw_id is None else str(raw_id)
        if self.faults.wrong_prompt_id:
            prompt_id = str(uuid.uuid4())
        valid = validate_prompt(
            prompt, self._present_info(), lambda n: self.read_input(n) is not None
        )
        if valid.ok and self.faults.reject_prompt:
            valid = self._fault_rejection(prompt, valid.outputs)
        extra_data: JSON = dict(json_data.get("extra_data") or {})
        if "client_id" in json_data:
            extra_data["client_id"] = json_data["client_id"]
        if not valid.ok:
            return web.json_response(
                {"error": valid.error, "node_errors": valid.node_errors}, status=400
            )
        sensitive = {k: extra_data.pop(k) for k in SENSITIVE_EXTRA_DATA_KEYS if k in extra_data}
        item = (number, prompt_id, prompt, extra_data, valid.outputs, sensitive)
        with self._records_lock:
            self._submitted.append(copy.deepcopy(json_data))
        if self.faults.silent_after_submit:
            # Wedged: listed as running for ever, never run, nothing said (not even status).
            self._running[-1 - len(self._running)] = item
        elif not self.faults.forget_prompts:
            heapq.heappush(self._queue, item)
            self._queue_updated()
            self._wakeup.set()
        return web.json_response(
            {"prompt_id": prompt_id, "number": number, "node_errors": valid.node_errors}
        )

    def _fault_rejection(self, prompt: JSON, outputs: list[str]) -> Validation:
        """A realistic per-node rejection of an otherwise valid prompt (faults.reject_prompt)."""
        chosen: tuple[str, str, Any, bool] | None = None
        for node_id, node in prompt.items():
            info = self._info[node["class_type"]]
            for name, value in node["inputs"].items():
                if isinstance(value, list):
                    continue
                kind = input_spec(info, name)[0]
                is_combo = isinstance(kind, list) or kind == "COMBO"
                if chosen is None or (is_combo and not chosen[3]):
                    chosen = (node_id, name, value, is_combo)
        node_id, name, value, is_combo = chosen or (outputs[0], "images", None, False)
        if is_combo:
            error: JSON = {
                "type": "value_not_in_list",
                "message": "Value not in list",
                "details": f"{name}: '{value}' not in []",
                "extra_info": {"input_name": name, "input_config": None, "received_value": value},
            }
        else:
            error = {
                "type": "custom_validation_failed",
                "message": "Custom validation failed for node",
                "details": f"{name} - Rejected by FakeComfyServer (faults.reject_prompt)",
                "extra_info": {"input_name": name},
            }
        top_details = f"{error['message']}: {error['details']}" if node_id in outputs else ""
        return Validation(
            False,
            {
                "type": "prompt_outputs_failed_validation",
                "message": "Prompt outputs failed validation",
                "details": top_details,
                "extra_info": {},
            },
            [],
            {
                node_id: {
                    "errors": [error],
                    "dependent_outputs": list(outputs),
                    "class_type": prompt[node_id]["class_type"],
                }
            },
        )

    def _delete_queue_item(self, prompt_id: str) -> bool:
        for i, item in enumerate(self._queue):
            if item[1] == prompt_id:
                if len(self._queue) == 1:
                    self._queue = []
                    self._queue_updated()
                else:
                    self._queue.pop(i)
                    heapq.heapify(self._queue)
                self._queue_updated()
                return True
        return False

    async def _post_queue(self, request: web.Request) -> web.Response:
        json_data = await request.json()
        if json_data.get("clear"):
            self._queue = []
            self._queue_updated()
        if "delete" in json_data:
            for prompt_id in json_data["delete"]:
                with self._records_lock:
                    self._deleted.append(prompt_id)
                self._delete_queue_item(prompt_id)
        return web.Response(status=200)

    async def _post_interrupt(self, request: web.Request) -> web.Response:
        try:
            json_data = await request.json()
        except ValueError:
            json_data = {}
        prompt_id = json_data.get("prompt_id") if isinstance(json_data, dict) else None
        with self._records_lock:
            self._interrupts.append(prompt_id)
        if prompt_id:
            if any(item[1] == prompt_id for item in self._running.values()):
                self.interrupt_event.set()
        else:
            self.interrupt_event.set()
        return web.Response(status=200)

    async def _post_history(self, request: web.Request) -> web.Response:
        json_data = await request.json()
        if json_data.get("clear"):
            self._history.clear()
        for prompt_id in json_data.get("delete", []):
            self._history.pop(prompt_id, None)
        return web.Response(status=200)

    async def _upload_image(self, request: web.Request) -> web.Response:
        post = await request.post()
        image = post.get("image")
        overwrite = post.get("overwrite")
        kind = str(post.get("type") or "input")
        root = ROOTS[kind]  # an unknown type is a 500 in ComfyUI too
        if not isinstance(image, web.FileField) or not image.filename:
            return web.Response(status=400)
        filename = image.filename
        subfolder = str(post.get("subfolder", ""))
        folder = posixpath.normpath(posixpath.join(root, posixpath.normpath(subfolder)))
        path = posixpath.normpath(posixpath.join(folder, filename))
        if not _inside(root, path) or path == root:
            return web.Response(status=400)
        content = image.file.read()
        split = posixpath.splitext(filename)

        def key_for(p: str) -> FileKey:
            sub = posixpath.relpath(posixpath.dirname(p), root)
            return kind, "" if sub == "." else sub, posixpath.basename(p)

        duplicate = False
        if overwrite not in ("true", "1"):
            i = 1
            while key_for(path) in self._files:
                if self._files[key_for(path)] == content:
                    duplicate = True
                    break
                filename = f"{split[0]} ({i}){split[1]}"
                path = posixpath.normpath(posixpath.join(folder, filename))
                i += 1
        if not duplicate:
            self._files[key_for(path)] = content
            self._info_text = None
        return web.json_response({"name": filename, "subfolder": subfolder, "type": kind})

    # ------------------------------------------------------------------ helpers
    def _replace_combo(self, input_name: str, original: Any, options: list[str]) -> None:
        for info in self._info.values():
            for category in ("required", "optional"):
                spec = info.get("input", {}).get(category, {}).get(input_name)
                if spec is None:
                    continue
                if isinstance(spec[0], list) and (original is None or spec[0] == original):
                    spec[0] = list(options)
                elif spec[0] == "COMBO" and len(spec) > 1 and isinstance(spec[1], dict):
                    spec[1]["options"] = list(options)


def main(argv: list[str] | None = None) -> int:
    """CLI: run a fake ComfyUI until Ctrl-C or SIGTERM."""
    parser = argparse.ArgumentParser(description="Fake ComfyUI 0.3.64 server for tests")
    parser.add_argument("--port", type=int, default=8188)
    parser.add_argument("--steps", type=int, default=4)
    parser.add_argument("--step-seconds", type=float, default=0.02)
    parser.add_argument("--output-size", default="64x64", help="WxH of decoded images")
    parser.add_argument(
        "--output-look",
        choices=("gradient", "photo"),
        default="gradient",
        help="photo: outputs as large and slow to decode as real ones (~1.5 MiB at 1024x1024)",
    )
    parser.add_argument("--preview-method", default="none")
    parser.add_argument("--checkpoint", action="append", dest="checkpoints")
    parser.add_argument(
        "--inpaint-checkpoint",
        action="store_true",
        help=f"list {INPAINT_CHECKPOINT} after the recorded checkpoint",
    )
    parser.add_argument(
        "--sample-models",
        action="store_true",
        help="list LoRAs, VAEs, upscale models and embeddings (SAMPLE_MODELS)",
    )
    args = parser.parse_args(argv)
    if args.inpaint_checkpoint:
        args.checkpoints = [*(args.checkpoints or [RECORDED_CHECKPOINT]), INPAINT_CHECKPOINT]
    width, height = (int(x) for x in args.output_size.lower().split("x"))
    server = FakeComfyServer(
        port=args.port,
        steps=args.steps,
        step_seconds=args.step_seconds,
        output_size=(width, height),
        output_grain=GRAIN_PHOTO if args.output_look == "photo" else 0,
        checkpoints=args.checkpoints,
        preview_method=args.preview_method,
        models=SAMPLE_MODELS if args.sample_models else None,
    )
    done = threading.Event()

    def on_signal(signum: int, frame: Any) -> None:
        done.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    server.start()
    print(server.url, flush=True)
    try:
        while not done.wait(0.5):
            pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
