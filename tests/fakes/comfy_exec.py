"""One prompt's execution in the fake ComfyUI, after ComfyUI 0.3.64 ``PromptExecutor``.

Node order follows ComfyUI's ExecutionList (DFS from each output, then ``ux_friendly_pick_node``);
messages, their routing and progress_state snapshots follow traces 01/02/05/17/30-45. Pixels are
not computed: values only carry sizes and a "look" so outputs are plausible PNGs of the right size.

Video and audio outputs are real, tiny files (comfy_media), reported under the history keys
ComfyUI 0.3.64 and the video pack use:

- ``SaveWEBM`` (``_00001_.webm``), ``SaveVideo`` (``_00001_.mp4``) and ``SaveAnimatedPNG``:
  ``{"images": [...], "animated": [true]}`` (comfy_api ``ui.PreviewVideo`` and nodes_images.py);
  ``SaveAnimatedWEBP``: the same with ``"animated": [len(images) != 1]``.
- ``SaveAudio``/``SaveAudioMP3``/``SaveAudioOpus`` (default prefix ``audio/ComfyUI``, one
  ``_00001_.flac|mp3|opus`` per batch item) and ``PreviewAudio`` (temp): ``{"audio": [...]}``.
- ``VHS_VideoCombine`` (ComfyUI-VideoHelperSuite): ``{"gifs": [{filename, subfolder, type,
  format, frame_rate, workflow, fullpath}]}``, named ``{prefix}_{counter:05}.{ext}`` (no trailing
  underscore; VHS counts its own files) with a first-frame PNG ``{prefix}_{counter:05}.png`` named
  in ``workflow``; ``type`` is temp unless ``save_output``. Formats: image/gif, image/webp,
  video/webm and video/*-mp4 (any other video/* format is written as H.264 MP4: a guess).
- An IMAGE batch is a clip's frames; latents made with a ``length`` input (EmptyHunyuanLatentVideo
  and the other video latents) decode to ``batch_size * length`` frames. AUDIO values always last
  ``comfy_media.AUDIO_SECONDS``, whatever the latent asked for.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import posixpath
import random
import re
import string
import struct
import time
from dataclasses import dataclass, field
from typing import Any, Protocol

from tests.fakes.comfy_faults import Faults
from tests.fakes.comfy_images import Look, image_size, jpeg_preview, load_image_mask, png_bytes
from tests.fakes.comfy_media import encoded_audio, encoded_video, tagged
from tests.fakes.comfy_validate import is_link

JSON = dict[str, Any]
OUTPUT_DIR = "/opt/ComfyUI/output"
TEMP_DIR = "/opt/ComfyUI/temp"
SAMPLER_CLASSES = frozenset(
    {"KSampler", "KSamplerAdvanced", "SamplerCustom", "SamplerCustomAdvanced"}
)
PREVIEW_CLASSES = frozenset({"PreviewImage"})
# class -> (container written, history "animated" flag is len(images) != 1 instead of true)
ANIMATED_SAVERS = {
    "SaveWEBM": ("webm", False),
    "SaveAnimatedPNG": ("apng", False),
    "SaveAnimatedWEBP": ("webp", True),
}
AUDIO_SAVERS = {"SaveAudio": "flac", "SaveAudioMP3": "mp3", "SaveAudioOpus": "opus"}
# VHS_VideoCombine format -> file extension / fake container
VHS_FORMATS = {"image/gif": "gif", "image/webp": "webp", "video/webm": "webm"}


@dataclass(frozen=True)
class MaskVal:
    """A MASK as LoadImage makes it from the input's alpha: real pixels (255 = repaint), so a
    test can check the mask the server derived is the one painted."""

    width: int
    height: int
    pixels: bytes


@dataclass(frozen=True)
class ImageVal:
    """An IMAGE batch: only its size and look are modelled."""

    width: int
    height: int
    batch: int
    look: Look

    def __str__(self) -> str:
        return f"tensor(<image batch {self.batch}x{self.height}x{self.width}x3>)"


@dataclass(frozen=True)
class LatentVal:
    """A LATENT batch; ``key`` decides the look of the images decoded from it."""

    width: int
    height: int
    batch: int
    key: str

    def __str__(self) -> str:
        shape = f"{self.batch}x4x{self.height // 8}x{self.width // 8}"
        return f"{{'samples': tensor(<latent {shape}>)}}"


@dataclass(frozen=True)
class VideoVal:
    """A VIDEO (CreateVideo's output): frames of one look at a frame rate."""

    width: int
    height: int
    frames: int
    fps: float
    look: Look

    def __str__(self) -> str:
        return f"<VideoFromComponents {self.width}x{self.height} {self.frames} frames>"


@dataclass(frozen=True)
class AudioVal:
    """An AUDIO dict: a batch of fake sounds of one look."""

    batch: int
    look: Look
    sample_rate: int = 44100
    channels: int = 2

    def __str__(self) -> str:
        shape = f"{self.batch}x{self.channels}x{self.sample_rate}"
        return f"{{'waveform': tensor(<audio {shape}>), 'sample_rate': {self.sample_rate}}}"


@dataclass(frozen=True)
class Opaque:
    """Any other value (MODEL, CLIP, CONDITIONING, ...)."""

    kind: str

    def __str__(self) -> str:
        return f"<{self.kind} object at 0x7f00fake>"


@dataclass
class CacheEntry:
    outputs: tuple[Any, ...]
    ui: JSON | None  # {"meta": ..., "output": ...}


class Interrupted(Exception):
    pass


class NodeFailure(Exception):
    def __init__(self, exception_type: str, message: str, traceback: list[str]) -> None:
        super().__init__(message)
        self.exception_type = exception_type
        self.message = message
        self.traceback = traceback


class Host(Protocol):
    """What a run needs from the server (all called on the server's event loop)."""

    faults: Faults
    steps: int
    step_seconds: float
    output_size: tuple[int, int]
    output_grain: int
    cache: dict[str, CacheEntry]
    interrupt_event: asyncio.Event

    def emit(self, event: str | int, data: Any, sid: str | None) -> None: ...
    def emit_drop(self) -> None: ...
    def supports_preview_metadata(self, sid: str | None) -> bool: ...
    def set_last_node(self, node_id: str | None) -> None: ...
    def object_info_class(self, class_type: str) -> JSON: ...
    def read_input(self, name: str) -> bytes | None: ...
    def record_mask(self, name: str, mask: MaskVal) -> None: ...
    def next_counter(self, kind: str, subfolder: str, prefix: str) -> int: ...
    def file_names(self, kind: str, subfolder: str) -> list[str]: ...
    def store_file(self, kind: str, subfolder: str, filename: str, data: bytes) -> None: ...
    def add_alias(
        self, kind: str, subfolder: str, filename: str, real: tuple[str, str, str]
    ) -> None: ...


def node_signatures(prompt: JSON, read_input: Any) -> dict[str, str]:
    """Input signature per node (class, constants, upstream signatures): ComfyUI's cache key."""
    memo: dict[str, str] = {}

    def sig(node_id: str) -> str:
        if node_id in memo:
            return memo[node_id]
        memo[node_id] = f"<cycle {node_id}>"
        node = prompt[node_id]
        inputs: JSON = {}
        for name, value in sorted(node.get("inputs", {}).items()):
            if is_link(value) and value[0] in prompt:
                inputs[name] = ["<link>", sig(value[0]), value[1]]
            else:
                inputs[name] = value
        changed = ""
        if node["class_type"] in ("LoadImage", "LoadImageMask"):
            data = read_input(str(node.get("inputs", {}).get("image", "")))
            changed = hashlib.sha256(data or b"").hexdigest()
        blob = json.dumps([node["class_type"], changed, inputs], sort_keys=True, default=str)
        memo[node_id] = hashlib.sha256(blob.encode("utf-8")).hexdigest()
        return memo[node_id]

    for node_id in prompt:
        sig(node_id)
    return memo


def _format_value(x: Any) -> Any:
    if x is None or isinstance(x, bool | int | float | str):
        return x
    return str(x)


def _now_ms() -> int:
    return int(time.time() * 1000)


def _compute_vars(prefix: str, width: int, height: int) -> str:
    now = time.localtime()
    for key, value in {
        "%width%": str(width),
        "%height%": str(height),
        "%year%": str(now.tm_year),
        "%month%": f"{now.tm_mon:02}",
        "%day%": f"{now.tm_mday:02}",
        "%hour%": f"{now.tm_hour:02}",
        "%minute%": f"{now.tm_min:02}",
        "%second%": f"{now.tm_sec:02}",
    }.items():
        prefix = prefix.replace(key, value)
    return prefix


@dataclass
class PromptRun:
    """Runs one queue item: (number, prompt_id, prompt, extra_data, outputs_to_execute)."""

    host: Host
    prompt_id: str
    prompt: JSON
    extra_data: JSON
    outputs: list[str]
    client_id: str | None = None
    messages: list[tuple[str, JSON]] = field(default_factory=list)
    success: bool = True
    history_result: JSON = field(default_factory=dict)
    _progress: dict[str, JSON] = field(default_factory=dict)
    _values: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    _ui: dict[str, JSON] = field(default_factory=dict)
    _executed: list[str] = field(default_factory=list)
    _sigs: dict[str, str] = field(default_factory=dict)
    _dropped: bool = False
    _has_sampler: bool = False
    _fault_fired: bool = False
    _current_inputs: JSON = field(default_factory=dict)

    # ----------------------------------------------------------------- messages
    def add_message(self, event: str, data: JSON, *, broadcast: bool) -> None:
        data = {**data, "timestamp": _now_ms()}
        self.messages.append((event, data))
        if self.client_id is not None or broadcast:
            self.host.emit(event, data, self.client_id)

    def _send_progress_state(self) -> None:
        nodes = {k: dict(v) for k, v in self._progress.items()}
        data = {"prompt_id": self.prompt_id, "nodes": nodes}
        self.host.emit("progress_state", data, self.client_id)

    def _set_progress(self, node_id: str, value: float, maximum: float, state: str) -> None:
        self._progress[node_id] = {
            "value": value,
            "max": maximum,
            "state": state,
            "node_id": node_id,
            "prompt_id": self.prompt_id,
            "display_node_id": node_id,
            "parent_node_id": None,
            "real_node_id": node_id,
        }
        self._send_progress_state()

    def _finish_progress(self, node_id: str) -> None:
        entry = self._progress.get(node_id)
        if entry is None:
            self._set_progress(node_id, 1, 1, "finished")
        else:
            self._set_progress(node_id, entry["max"], entry["max"], "finished")

    def _maybe_drop(self) -> None:
        if self.host.faults.drop_websocket_mid_run and not self._dropped:
            self._dropped = True
            self.host.emit_drop()

    # ----------------------------------------------------------------- graph
    def _class(self, node_id: str) -> JSON:
        return self.host.object_info_class(self.prompt[node_id]["class_type"])

    def _is_output(self, node_id: str) -> bool:
        return self._class(node_id).get("output_node") is True

    def _is_sampler(self, node_id: str) -> bool:
        class_type = self.prompt[node_id]["class_type"]
        info = self._class(node_id)
        category = str(info.get("category", ""))
        return class_type in SAMPLER_CLASSES or (
            category.startswith("sampling") and "LATENT" in info.get("output", [])
        )

    async def run(self) -> None:
        """Execute the prompt, emitting ComfyUI's messages; fills messages/success/history."""
        host = self.host
        self.client_id = self.extra_data.get("client_id")
        host.interrupt_event.clear()
        self.add_message("execution_start", {"prompt_id": self.prompt_id}, broadcast=False)

        self._sigs = node_signatures(self.prompt, host.read_input)
        live = set(self._sigs.values())
        for key in [k for k in host.cache if k not in live]:
            del host.cache[key]
        cached = [n for n in self.prompt if self._sigs[n] in host.cache]
        self.add_message(
            "execution_cached", {"nodes": cached, "prompt_id": self.prompt_id}, broadcast=False
        )

        pending: dict[str, None] = {}
        block_count: dict[str, int] = {}
        blocking: dict[str, dict[str, None]] = {}

        def is_cached(node_id: str) -> bool:
            return self._sigs[node_id] in host.cache

        def add_node(start: str) -> None:
            stack = [start]
            links: list[tuple[str, str]] = []
            while stack:
                node_id = stack.pop()
                if node_id in pending:
                    continue
                pending[node_id] = None
                block_count[node_id] = 0
                blocking[node_id] = {}
                for value in self.prompt[node_id]["inputs"].values():
                    if is_link(value):
                        if not is_cached(value[0]):
                            stack.append(value[0])
                        links.append((value[0], node_id))
            for src, dst in links:
                if not is_cached(src):
                    add_node(src)
                    if dst not in blocking[src]:
                        blocking[src][dst] = None
                        block_count[dst] += 1

        for output in self.outputs:
            add_node(output)
        self._has_sampler = any(self._is_sampler(n) for n in pending)

        def pick(ready: list[str]) -> str:
            for node_id in ready:
                if self._is_output(node_id):
                    return node_id
            for node_id in ready:
                if any(self._is_output(b) for b in blocking[node_id]):
                    return node_id
            for node_id in ready:
                for b in blocking[node_id]:
                    if any(self._is_output(b2) for b2 in blocking.get(b, {})):
                        return node_id
            return ready[0]

        failed = False
        while pending:
            ready = [n for n in pending if block_count[n] == 0]
            node_id = pick(ready)
            try:
                await self._execute(node_id)
            except Interrupted:
                self._on_error(node_id, None)
                failed = True
                break
            except NodeFailure as failure:
                self._on_error(node_id, failure)
                failed = True
                break
            del pending[node_id]
            for blocked in blocking[node_id]:
                block_count[blocked] -= 1
            await asyncio.sleep(0)
        if not failed and not self.host.faults.no_execution_success:
            self.add_message("execution_success", {"prompt_id": self.prompt_id}, broadcast=False)
        self.success = not failed
        self.history_result = {
            "outputs": {n: ui["output"] for n, ui in self._ui.items()},
            "meta": {n: ui["meta"] for n, ui in self._ui.items()},
        }
        host.set_last_node(None)

    def _on_error(self, node_id: str, failure: NodeFailure | None) -> None:
        mes: JSON = {
            "prompt_id": self.prompt_id,
            "node_id": node_id,
            "node_type": self.prompt[node_id]["class_type"],
            "executed": list(self._executed),
        }
        if failure is None:
            self.add_message("execution_interrupted", mes, broadcast=True)
            return
        mes.update(
            {
                "exception_message": failure.message,
                "exception_type": failure.exception_type,
                "traceback": failure.traceback,
                "current_inputs": self._current_inputs,
                "current_outputs": list(self.prompt),
            }
        )
        self.add_message("execution_error", mes, broadcast=False)

    # ----------------------------------------------------------------- nodes
    async def _execute(self, node_id: str) -> None:
        host = self.host
        sig = self._sigs[node_id]
        entry = host.cache.get(sig)
        if entry is not None:
            if entry.ui is not None:
                self._ui[node_id] = entry.ui
                if self.client_id is not None:
                    host.emit(
                        "executed",
                        {
                            "node": node_id,
                            "display_node": node_id,
                            "output": entry.ui["output"],
                            "prompt_id": self.prompt_id,
                        },
                        self.client_id,
                    )
            self._finish_progress(node_id)
            self._values[node_id] = entry.outputs
            return

        self._set_progress(node_id, 0.0, 1.0, "running")
        if self.client_id is not None:
            host.set_last_node(node_id)
            host.emit(
                "executing",
                {"node": node_id, "display_node": node_id, "prompt_id": self.prompt_id},
                self.client_id,
            )
        if not self._has_sampler:
            self._maybe_drop()
        inputs = self._resolve_inputs(node_id)
        self._check_interrupt()
        outputs, ui = await self._simulate(node_id, inputs)
        cache_ui: JSON | None = None
        if ui:
            meta = {
                "node_id": node_id,
                "display_node": node_id,
                "parent_node": None,
                "real_node_id": node_id,
            }
            cache_ui = {"meta": meta, "output": ui}
            self._ui[node_id] = cache_ui
            if self.client_id is not None:
                executed = {
                    "node": node_id,
                    "display_node": node_id,
                    "output": ui,
                    "prompt_id": self.prompt_id,
                }
                if host.faults.unreadable_executed:
                    del executed["node"]
                host.emit("executed", executed, self.client_id)
        host.cache[sig] = CacheEntry(outputs, cache_ui)
        self._values[node_id] = outputs
        self._finish_progress(node_id)
        self._executed.append(node_id)

    def _resolve_inputs(self, node_id: str) -> JSON:
        resolved: JSON = {}
        formatted: JSON = {}
        for name, value in self.prompt[node_id]["inputs"].items():
            if is_link(value):
                outs = self._values.get(value[0]) or self._cached_outputs(value[0])
                obj = outs[value[1]] if value[1] < len(outs) else None
                resolved[name] = obj
                formatted[name] = [_format_value(obj)]
            else:
                resolved[name] = value
                formatted[name] = [_format_value(value)]
        hidden = self._class(node_id).get("input", {}).get("hidden", {})
        for name, kind in hidden.items():
            if kind == "PROMPT":
                formatted[name] = [str(self.prompt)]
            elif kind == "EXTRA_PNGINFO":
                formatted[name] = [_format_value(self.extra_data.get("extra_pnginfo"))]
            elif kind == "UNIQUE_ID":
                formatted[name] = [node_id]
        self._current_inputs = formatted
        return resolved

    def _cached_outputs(self, node_id: str) -> tuple[Any, ...]:
        # A cached upstream node is never scheduled, so its values come from the cache, as in
        # ComfyUI (this used to give None: an output node re-run alone saved nothing).
        entry = self.host.cache.get(self._sigs.get(node_id, ""))
        return entry.outputs if entry is not None else ()

    def _check_interrupt(self) -> None:
        if self.host.interrupt_event.is_set():
            raise Interrupted()

    async def _sleep(self, seconds: float) -> None:
        if seconds <= 0:
            await asyncio.sleep(0)
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.host.interrupt_event.wait(), seconds)

    def _maybe_runtime_error(self, node_id: str) -> None:
        if not self.host.faults.runtime_error or self._fault_fired:
            return
        if self._is_sampler(node_id) or (not self._has_sampler and self._is_output(node_id)):
            self._fault_fired = True
            raise NodeFailure(
                "RuntimeError",
                "Injected failure (FakeComfyServer faults.runtime_error): CUDA error: "
                "an illegal memory access was encountered\n",
                [
                    '  File "/opt/ComfyUI/comfy/samplers.py", line 1042, in sample\n'
                    "    raise RuntimeError(message)\n"
                ],
            )

    async def _simulate(self, node_id: str, inputs: JSON) -> tuple[tuple[Any, ...], JSON | None]:
        class_type: str = self.prompt[node_id]["class_type"]
        info = self._class(node_id)
        self._maybe_runtime_error(node_id)
        if self._is_sampler(node_id):
            return await self._sample(node_id, inputs, info), None
        media_ui = self._save_media(class_type, inputs)
        if media_ui is not None:
            return tuple(Opaque(str(k)) for k in info.get("output", [])), media_ui
        if info.get("output_node") is True and isinstance(inputs.get("images"), ImageVal):
            return (), self._save_images(node_id, class_type, inputs)
        return self._compute(node_id, class_type, inputs, info), None

    async def _sample(self, node_id: str, inputs: JSON, info: JSON) -> tuple[Any, ...]:
        host = self.host
        steps = max(1, int(host.steps))
        sig = self._sigs[node_id]
        latent = next((v for v in inputs.values() if isinstance(v, LatentVal)), None)
        result = LatentVal(
            latent.width if latent else host.output_size[0],
            latent.height if latent else host.output_size[1],
            latent.batch if latent else 1,
            sig,
        )
        method = self.extra_data.get("preview_method")
        previews = isinstance(method, str) and method not in ("", "none")
        metadata_client = host.supports_preview_metadata(self.client_id)
        step = 0
        while step < steps:
            if host.faults.busy_with_others and self.client_id is None:
                # Another client's long run (faults.busy_with_others): it does not advance.
                self._check_interrupt()
                await self._sleep(max(host.step_seconds, 0.01))
                continue
            step += 1
            self._check_interrupt()
            await self._sleep(host.step_seconds)
            self._check_interrupt()
            # Read live: a test may end a long run early by lowering host.steps.
            steps = max(1, int(host.steps))
            if step > steps:
                break
            self._progress[node_id] = {**self._progress[node_id], "value": step, "max": steps}
            self._send_progress_state()
            jpeg = jpeg_preview(host.output_size, Look.from_key(sig)) if previews else b""
            if previews and self.client_id is not None and metadata_client:
                meta = json.dumps(
                    {
                        "node_id": node_id,
                        "prompt_id": self.prompt_id,
                        "display_node_id": node_id,
                        "parent_node_id": None,
                        "real_node_id": node_id,
                        "image_type": "image/jpeg",
                    }
                ).encode("utf-8")
                host.emit(4, struct.pack(">I", len(meta)) + meta + jpeg, self.client_id)
            host.emit(
                "progress",
                {"value": step, "max": steps, "prompt_id": self.prompt_id, "node": node_id},
                self.client_id,
            )
            if previews and not (self.client_id is not None and metadata_client):
                host.emit(1, struct.pack(">I", 1) + jpeg, self.client_id)
            self._maybe_drop()
        outs: list[Any] = []
        for kind in info.get("output", []):
            outs.append(result if kind == "LATENT" else Opaque(str(kind)))
        return tuple(outs)

    def _compute(self, node_id: str, class_type: str, inputs: JSON, info: JSON) -> tuple[Any, ...]:
        host = self.host
        sig = self._sigs[node_id]
        image = next((v for v in inputs.values() if isinstance(v, ImageVal)), None)
        latent = next((v for v in inputs.values() if isinstance(v, LatentVal)), None)

        def num(name: str, default: int) -> int:
            value = inputs.get(name, default)
            return int(value) if isinstance(value, int | float) else default

        if class_type == "EmptyImage":
            color = num("color", 0)
            return (
                ImageVal(
                    num("width", 512),
                    num("height", 512),
                    num("batch_size", 1),
                    Look.from_color(color),
                ),
            )
        if class_type == "LoadImage":
            name = str(inputs.get("image", ""))
            data = host.read_input(name) or b""
            size = image_size(data) or host.output_size
            look = Look.from_key(hashlib.sha256(data).hexdigest())
            loaded = load_image_mask(data)
            if loaded is None:
                return ImageVal(size[0], size[1], 1, look), Opaque("MASK")
            mask = MaskVal(*loaded)
            host.record_mask(name, mask)
            return ImageVal(size[0], size[1], 1, look), mask
        if class_type == "ImageInvert" and image is not None:
            return (ImageVal(image.width, image.height, image.batch, image.look.inverted()),)
        if class_type == "ImageScale" and image is not None:
            width, height = num("width", 0), num("height", 0)
            if width == 0 and height == 0:
                width, height = image.width, image.height
            elif width == 0:
                width = max(1, round(image.width * height / max(image.height, 1)))
            elif height == 0:
                height = max(1, round(image.height * width / max(image.width, 1)))
            return (ImageVal(width, height, image.batch, image.look),)
        if class_type == "ImageScaleBy" and image is not None:
            scale = float(inputs.get("scale_by", 1.0))
            return (
                ImageVal(
                    max(1, round(image.width * scale)),
                    max(1, round(image.height * scale)),
                    image.batch,
                    image.look,
                ),
            )
        if class_type == "GetImageSize" and image is not None:
            text = f"width: {image.width}, height: {image.height}\n batch size: {image.batch}"
            node = node_id.encode("utf-8")
            host.emit(3, struct.pack(">I", len(node)) + node + text.encode("utf-8"), None)
            return image.width, image.height, image.batch
        if class_type == "RepeatLatentBatch" and latent is not None:
            amount = latent.batch * max(1, num("amount", 1))
            return (LatentVal(latent.width, latent.height, amount, sig),)
        if class_type == "EmptyLatentImage":
            return (LatentVal(num("width", 512), num("height", 512), num("batch_size", 1), sig),)
        if class_type == "CreateVideo" and image is not None:
            fps = float(inputs.get("fps", 30.0))
            return (VideoVal(image.width, image.height, image.batch, fps, image.look),)

        outs: list[Any] = []
        for kind in info.get("output", []):
            if kind == "IMAGE":
                if image is not None:
                    outs.append(image)
                elif latent is not None:
                    outs.append(
                        ImageVal(
                            host.output_size[0],
                            host.output_size[1],
                            latent.batch,
                            Look.from_key(latent.key, host.output_grain),
                        )
                    )
                else:
                    outs.append(
                        ImageVal(
                            host.output_size[0],
                            host.output_size[1],
                            1,
                            Look.from_key(sig, host.output_grain),
                        )
                    )
            elif kind == "LATENT":
                if latent is not None:
                    outs.append(LatentVal(latent.width, latent.height, latent.batch, sig))
                elif image is not None:  # VAEEncode: one latent per image of the batch
                    outs.append(LatentVal(image.width, image.height, image.batch, sig))
                else:
                    # A video latent's frames decode to one image each.
                    frames = num("batch_size", 1) * max(1, num("length", 1))
                    outs.append(LatentVal(num("width", 512), num("height", 512), frames, sig))
            elif kind == "VIDEO":
                source = image or ImageVal(*host.output_size, 16, Look.from_key(sig))
                outs.append(VideoVal(source.width, source.height, source.batch, 16.0, source.look))
            elif kind == "AUDIO":
                key = latent.key if latent is not None else sig
                outs.append(AudioVal(latent.batch if latent else 1, Look.from_key(key)))
            elif kind == "INT":
                outs.append(0)
            elif kind == "FLOAT":
                outs.append(0.0)
            elif kind == "STRING":
                outs.append("")
            elif kind == "BOOLEAN":
                outs.append(False)
            else:
                outs.append(Opaque(kind if isinstance(kind, str) else "COMBO"))
        return tuple(outs)

    def _texts(self) -> dict[str, str]:
        """ComfyUI's metadata: the prompt and each extra_pnginfo entry, as JSON text."""
        texts = {"prompt": json.dumps(self.prompt)}
        extra_pnginfo = self.extra_data.get("extra_pnginfo")
        if isinstance(extra_pnginfo, dict):
            for key, value in extra_pnginfo.items():
                texts[str(key)] = json.dumps(value)
        return texts

    def _save_media(self, class_type: str, inputs: JSON) -> JSON | None:
        """The ui dict of a video, animation or audio saver; None for any other node."""
        images = inputs.get("images")
        if class_type in ANIMATED_SAVERS and isinstance(images, ImageVal):
            fmt, webp_flag = ANIMATED_SAVERS[class_type]
            fps = float(inputs.get("fps", 24.0 if fmt == "webm" else 6.0))
            ext = "png" if fmt == "apng" else fmt
            saved = self._write_clip(images, fmt, ext, fps, str(inputs.get("filename_prefix")))
            return {"images": [saved], "animated": [images.batch != 1 if webp_flag else True]}
        video = inputs.get("video")
        if class_type == "SaveVideo" and isinstance(video, VideoVal):
            clip = ImageVal(video.width, video.height, video.frames, video.look)
            prefix = str(inputs.get("filename_prefix", "video/ComfyUI"))
            return {
                "images": [self._write_clip(clip, "mp4", "mp4", video.fps, prefix)],
                "animated": [True],
            }
        if class_type == "VHS_VideoCombine" and isinstance(images, ImageVal):
            return {"gifs": [self._video_combine(images, inputs)]}
        audio = inputs.get("audio")
        if isinstance(audio, AudioVal) and (
            class_type in AUDIO_SAVERS or class_type == "PreviewAudio"
        ):
            return {"audio": self._write_audio(class_type, audio, inputs)}
        return None

    def _write_clip(self, clip: ImageVal, fmt: str, ext: str, fps: float, prefix: str) -> JSON:
        subfolder, filename = self._target(prefix, OUTPUT_DIR, clip.width, clip.height)
        counter = self.host.next_counter("output", subfolder, filename)
        name = f"{filename}_{counter:05}_.{ext}"
        data = encoded_video(fmt, (clip.width, clip.height), clip.look, clip.batch, fps)
        self.host.store_file("output", subfolder, name, tagged(data, fmt, self._texts()))
        return {"filename": name, "subfolder": subfolder, "type": "output"}

    def _video_combine(self, images: ImageVal, inputs: JSON) -> JSON:
        save = bool(inputs.get("save_output", True))
        kind, root = ("output", OUTPUT_DIR) if save else ("temp", TEMP_DIR)
        prefix = str(inputs.get("filename_prefix", "AnimateDiff"))
        subfolder, filename = self._target(prefix, root, images.width, images.height)
        fmt_name = str(inputs.get("format", "image/gif"))
        fmt = VHS_FORMATS.get(fmt_name, "mp4")
        # VHS counts its own `{prefix}_{counter:05}.*` files (ComfyUI's counter skips them).
        pattern = re.compile(rf"{re.escape(filename)}_(\d+)\D*\..+", re.IGNORECASE)
        found = (pattern.fullmatch(n) for n in self.host.file_names(kind, subfolder))
        counter = max((int(m.group(1)) for m in found if m), default=0) + 1
        name = f"{filename}_{counter:05}.{fmt}"
        first = f"{filename}_{counter:05}.png"
        fps = float(inputs.get("frame_rate", 8.0))
        data = encoded_video(fmt, (images.width, images.height), images.look, images.batch, fps)
        texts = self._texts()
        self.host.store_file(kind, subfolder, name, tagged(data, fmt, texts))
        self.host.store_file(
            kind, subfolder, first, png_bytes((images.width, images.height), images.look, texts)
        )
        return {
            "filename": name,
            "subfolder": subfolder,
            "type": kind,
            "format": fmt_name,
            "frame_rate": fps,
            "workflow": first,
            "fullpath": posixpath.join(root, subfolder, name),
        }

    def _write_audio(self, class_type: str, audio: AudioVal, inputs: JSON) -> list[JSON]:
        fmt = AUDIO_SAVERS.get(class_type, "flac")
        if class_type == "PreviewAudio":
            kind, root = "temp", TEMP_DIR
            suffix = "".join(random.choice(string.ascii_lowercase) for _ in range(5))
            prefix = f"ComfyUI_temp_{suffix}"
        else:
            kind, root = "output", OUTPUT_DIR
            prefix = str(inputs.get("filename_prefix", "audio/ComfyUI"))
        subfolder, filename = self._target(prefix, root, 0, 0)
        counter = self.host.next_counter(kind, subfolder, filename)
        data = tagged(
            encoded_audio(fmt, audio.look, audio.sample_rate, audio.channels), fmt, self._texts()
        )
        results: list[JSON] = []
        for batch_number in range(audio.batch):
            name = f"{filename.replace('%batch_num%', str(batch_number))}_{counter:05}_.{fmt}"
            self.host.store_file(kind, subfolder, name, data)
            results.append({"filename": name, "subfolder": subfolder, "type": kind})
            counter += 1
        return results

    def _target(self, prefix: str, root: str, width: int, height: int) -> tuple[str, str]:
        """(subfolder, filename) like folder_paths.get_save_image_path, which refuses a prefix
        that leaves the output folder."""
        if "%" in prefix:
            prefix = _compute_vars(prefix, width, height)
        norm = posixpath.normpath(prefix)
        subfolder = posixpath.dirname(norm)
        filename = posixpath.basename(norm)
        full = posixpath.normpath(posixpath.join(root, subfolder))
        common = posixpath.commonpath((root, full))
        if common != root:
            raise NodeFailure(
                "Exception",
                "**** ERROR: Saving image outside the output folder is not allowed."
                f"\n full_output_folder: {full}"
                f"\n         output_dir: {root}"
                f"\n         commonpath: {common}\n",
                [
                    '  File "/opt/ComfyUI/folder_paths.py", line 397, in get_save_image_path\n'
                    "    raise Exception(err)\n"
                ],
            )
        return subfolder, filename

    def _save_images(self, node_id: str, class_type: str, inputs: JSON) -> JSON:
        host = self.host
        images: ImageVal = inputs["images"]
        preview = class_type in PREVIEW_CLASSES
        if preview:
            kind, root = "temp", TEMP_DIR
            suffix = "".join(random.choice(string.ascii_lowercase) for _ in range(5))
            prefix = f"ComfyUI_temp_{suffix}"
        else:
            kind, root = "output", OUTPUT_DIR
            prefix = str(inputs.get("filename_prefix", "ComfyUI"))
        subfolder, filename = self._target(prefix, root, images.width, images.height)
        counter = host.next_counter(kind, subfolder, filename)
        data = png_bytes((images.width, images.height), images.look, self._texts())
        results: list[JSON] = []
        hostile = host.faults.hostile_filenames
        for batch_number in range(images.batch):
            name = f"{filename.replace('%batch_num%', str(batch_number))}_{counter:05}_.png"
            host.store_file(kind, subfolder, name, data)
            report = {"filename": name, "subfolder": subfolder, "type": kind}
            if hostile in ("dotdot", "absolute"):
                tail = "" if batch_number == 0 else f"_{batch_number}"
                if hostile == "dotdot":
                    report = {
                        "filename": f"../../evil{tail}.png",
                        "subfolder": "../..",
                        "type": kind,
                    }
                else:
                    report = {"filename": f"/etc/evil{tail}.png", "subfolder": "", "type": kind}
                host.add_alias(
                    kind, report["subfolder"], report["filename"], (kind, subfolder, name)
                )
            results.append(report)
            counter += 1
        return {"images": results}
