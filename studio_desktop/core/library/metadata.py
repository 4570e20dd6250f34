"""Generation parameters read back from an image file, for "drop a picture onto Generate".

Three sources, best first: our own `studio` PNG chunk (exact template and parameters), ComfyUI's
`prompt` chunk (the API graph: slots are detected and their values read), and the `parameters`
text A1111/Forge write (PNG text, or EXIF UserComment in JPEG/WebP). What cannot be restored is
listed in words the user can act on.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Final

from PIL import Image

from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.jobs import GenerationParams
from studio_desktop.core.library.imaging import read_png_text
from studio_desktop.core.workflows.detect import detect_slots

STUDIO_KEY: Final = "studio"
MAX_FILE_BYTES: Final = 256 * 1024 * 1024
_PARAM_NAMES: Final = frozenset(f.name for f in fields(GenerationParams)) - {"extra"}
_INTS: Final = frozenset({"seed", "steps", "width", "height", "batch_size"})
_FLOATS: Final = frozenset({"cfg", "denoise"})

# A1111/Forge sampler names -> ComfyUI sampler_name. A trailing scheduler word ("Karras") is
# split off first; newer versions write it as "Schedule type" instead.
A1111_SAMPLERS: Final = {
    "euler": "euler",
    "euler a": "euler_ancestral",
    "heun": "heun",
    "lms": "lms",
    "dpm2": "dpm_2",
    "dpm2 a": "dpm_2_ancestral",
    "dpm++ 2s a": "dpmpp_2s_ancestral",
    "dpm++ 2m": "dpmpp_2m",
    "dpm++ sde": "dpmpp_sde",
    "dpm++ 2m sde": "dpmpp_2m_sde",
    "dpm++ 2m sde gpu": "dpmpp_2m_sde_gpu",
    "dpm++ 3m sde": "dpmpp_3m_sde",
    "dpm fast": "dpm_fast",
    "dpm adaptive": "dpm_adaptive",
    "lcm": "lcm",
    "ddim": "ddim",
    "ddpm": "ddpm",
    "unipc": "uni_pc",
    "ipndm": "ipndm",
    "deis": "deis",
}
A1111_SCHEDULERS: Final = {
    "karras": "karras",
    "exponential": "exponential",
    "sgm uniform": "sgm_uniform",
    "simple": "simple",
    "normal": "normal",
    "ddim": "ddim_uniform",
    "beta": "beta",
    "kl optimal": "kl_optimal",
}
_SCHEDULER_SUFFIXES: Final = ("karras", "exponential", "sgm uniform")
# A1111's own key/value pattern: values may be quoted and then contain commas.
_PARAM_RE: Final = re.compile(r'\s*([\w][\w \-/+.]*):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)')
_USED_A1111_KEYS: Final = frozenset(
    {
        "steps",
        "sampler",
        "schedule type",
        "cfg scale",
        "seed",
        "size",
        "model",
        "denoising strength",
        "model hash",
        "version",
    }
)


@dataclass(frozen=True)
class RestoredParams:
    """What an image says about how it was made."""

    source: str  # studio | comfyui | a1111 | none
    template: str | None = None
    values: Mapping[str, Any] = field(default_factory=dict)  # GenerationParams names (+extra)
    not_restored: tuple[str, ...] = ()
    graph: Mapping[str, Any] | None = None  # ComfyUI's graph, so the UI can offer to import it

    @property
    def found(self) -> bool:
        return self.source != "none"

    def apply(self, base: GenerationParams) -> GenerationParams:
        """`base` with every restored value put in (unknown names go into `extra`)."""
        known = {k: v for k, v in self.values.items() if k in _PARAM_NAMES}
        extra = {**dict(base.extra), **dict(self.values.get("extra", {}))}
        extra.update({k: v for k, v in self.values.items() if k not in _PARAM_NAMES | {"extra"}})
        return replace(base, **known, extra=extra)


def read_generation_info_file(
    path: Path,
    *,
    checkpoints: Sequence[str] | None = None,
    object_info: ObjectInfo | None = None,
) -> RestoredParams:
    """Like read_generation_info, for a file (bounded read; unreadable reads as nothing found)."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return RestoredParams("none", not_restored=("the file is too large to inspect",))
        data = path.read_bytes()
    except OSError as exc:
        return RestoredParams("none", not_restored=(f"cannot read {path.name}: {exc.strerror}",))
    return read_generation_info(data, checkpoints=checkpoints, object_info=object_info)


def read_generation_info(
    data: bytes,
    *,
    checkpoints: Sequence[str] | None = None,
    object_info: ObjectInfo | None = None,
) -> RestoredParams:
    """The parameters stored in an image's metadata, best source first. Never raises."""
    texts = read_png_text(data) or _exif_texts(data)
    if STUDIO_KEY in texts:
        restored = parse_studio(texts[STUDIO_KEY])
        if restored.found:
            return restored
    if "prompt" in texts:
        try:
            graph = json.loads(texts["prompt"])
        except json.JSONDecodeError:
            graph = None
        if isinstance(graph, Mapping):
            restored = parse_comfy_prompt(graph, object_info)
            if restored.found:
                return restored
    if "parameters" in texts:
        return parse_a1111(texts["parameters"], checkpoints=checkpoints)
    return RestoredParams("none", not_restored=("the image has no generation parameters",))


# --- our own chunk ------------------------------------------------------------------------------


def parse_studio(text: str) -> RestoredParams:
    """Our `studio` chunk: exactly the template and parameters the job ran with."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return RestoredParams("none")
    if not isinstance(data, Mapping) or not isinstance(data.get("params"), Mapping):
        return RestoredParams("none")
    try:
        params = GenerationParams.from_dict(data["params"])
    except TypeError:
        return RestoredParams("none")
    template = data.get("template")
    return RestoredParams(
        "studio",
        template=template if isinstance(template, str) else None,
        values=params.to_dict(),
        not_restored=("input images (they are not stored in the output)",)
        if template not in (None, "txt2img", "video_wan", "audio_stable")
        else (),
    )


# --- ComfyUI ------------------------------------------------------------------------------------


def parse_comfy_prompt(
    graph: Mapping[str, Any], object_info: ObjectInfo | None = None
) -> RestoredParams:
    """ComfyUI's `prompt` chunk: detect the slots of its graph and read their values."""
    try:
        detected = detect_slots(graph, object_info)
    except (TypeError, ValueError, AttributeError):  # junk someone wrote into the chunk
        return RestoredParams("none")
    values: dict[str, Any] = {}
    missing: list[str] = []
    names = ("prompt", "negative", "seed", "steps", "cfg", "sampler", "scheduler", "model")
    for name in (*names, "width", "height", "batch_size", "denoise"):
        targets = detected.slots.get(name)
        if not targets:
            continue
        node = graph.get(targets[0].node)
        value = node.get("inputs", {}).get(targets[0].input) if isinstance(node, Mapping) else None
        coerced = _coerce(name, value)
        if coerced is not None:
            values[name] = coerced
    if not values:
        return RestoredParams("none")
    for name in names:
        if name not in values:
            missing.append(name)
    for name, targets in detected.slots.items():
        if name.startswith("lora_") and not name.endswith("_strength"):
            node = graph.get(targets[0].node, {})
            missing.append(f"LoRA {node.get('inputs', {}).get(targets[0].input)}")
    if detected.images:
        missing.append("input images (they are not stored in the output)")
    if detected.main_sampler is not None and any(
        t.node != detected.main_sampler for t in detected.slots.get("seed", ())
    ):
        missing.append("the second sampler's settings (refiner or hires pass)")
    image_names = {i.name for i in detected.images}
    if not image_names:
        template: str | None = "txt2img"
    elif image_names == {"source"}:
        template = "img2img"
    else:
        template = None
        missing.append("the workflow's own layout (import it to run it as it is)")
    return RestoredParams(
        "comfyui", template=template, values=values, not_restored=tuple(missing), graph=graph
    )


def _coerce(name: str, value: Any) -> Any:
    if isinstance(value, bool) or value is None or isinstance(value, list):
        return None  # a link, or nothing: the value lives in another node
    try:
        if name in _INTS:
            return int(value)
        if name in _FLOATS:
            return float(value)
    except (TypeError, ValueError):
        return None
    return str(value)


# --- A1111 / Forge ------------------------------------------------------------------------------


def parse_a1111(text: str, *, checkpoints: Sequence[str] | None = None) -> RestoredParams:
    """A1111/Forge `parameters` text: prompt, negative, then one line of `Key: value, ...`."""
    lines = text.strip().replace("\r\n", "\n").split("\n")
    settings_line = ""
    if lines and _PARAM_RE.findall(lines[-1]) and lines[-1].lstrip().startswith("Steps:"):
        settings_line = lines.pop()
    prompt_lines: list[str] = []
    negative_lines: list[str] = []
    target = prompt_lines
    for line in lines:
        if line.startswith("Negative prompt:"):
            target = negative_lines
            line = line[len("Negative prompt:") :].lstrip()
        target.append(line)
    values: dict[str, Any] = {"prompt": "\n".join(prompt_lines).strip()}
    if negative_lines:
        values["negative"] = "\n".join(negative_lines).strip()
    missing: list[str] = []
    settings = {k.strip().lower(): _unquote(v.strip()) for k, v in _PARAM_RE.findall(settings_line)}

    for key, name in (("steps", "steps"), ("seed", "seed")):
        if key in settings and settings[key].lstrip("-").isdigit():
            values[name] = int(settings[key])
    if "cfg scale" in settings:
        try:
            values["cfg"] = float(settings["cfg scale"])
        except ValueError:
            missing.append(f"CFG scale {settings['cfg scale']!r}")
    size = re.fullmatch(r"(\d+)\s*x\s*(\d+)", settings.get("size", ""))
    if size:
        values["width"], values["height"] = int(size[1]), int(size[2])
    _sampler(settings, values, missing)
    if "model" in settings:
        model = _match_checkpoint(settings["model"], checkpoints)
        if model is not None:
            values["model"] = model
        else:
            missing.append(f"model {settings['model']} (not on this server)")
    hires = any(k.startswith("hires") for k in settings)
    template = "txt2img"
    if "denoising strength" in settings and not hires:
        template = "img2img"
        try:
            values["denoise"] = float(settings["denoising strength"])
        except ValueError:
            missing.append("denoising strength")
        missing.append("the source image (it is not stored in the output)")
    if "<lora:" in values["prompt"]:
        missing.append("LoRA tags in the prompt (<lora:...>): ComfyUI does not read them")
    for key in settings:
        if key not in _USED_A1111_KEYS:
            missing.append(f"{key} ({settings[key]})")
    if not settings_line:
        missing.append("steps, sampler, CFG, seed and size (the text has no settings line)")
    return RestoredParams("a1111", template=template, values=values, not_restored=tuple(missing))


def comfy_sampler(a1111_name: str) -> tuple[str | None, str | None]:
    """ComfyUI (sampler_name, scheduler) for an A1111 sampler name like "DPM++ 2M Karras"."""
    name = " ".join(a1111_name.strip().lower().split())
    scheduler = None
    for suffix in _SCHEDULER_SUFFIXES:
        if name.endswith(" " + suffix):
            name, scheduler = name[: -len(suffix) - 1], A1111_SCHEDULERS[suffix]
            break
    return A1111_SAMPLERS.get(name), scheduler


def _sampler(settings: Mapping[str, str], values: dict[str, Any], missing: list[str]) -> None:
    if "sampler" in settings:
        sampler, scheduler = comfy_sampler(settings["sampler"])
        if sampler is None:
            missing.append(f"sampler {settings['sampler']} (ComfyUI has no equivalent)")
        else:
            values["sampler"] = sampler
        if scheduler is not None:
            values["scheduler"] = scheduler
    if "schedule type" in settings:
        mapped = A1111_SCHEDULERS.get(settings["schedule type"].strip().lower())
        if mapped is None:
            missing.append(f"schedule type {settings['schedule type']}")
        else:
            values["scheduler"] = mapped
    elif "sampler" in settings and "scheduler" not in values:
        values["scheduler"] = "normal"  # A1111's plain "Euler a" etc. use the normal schedule


def _match_checkpoint(name: str, checkpoints: Sequence[str] | None) -> str | None:
    """The server's file for A1111's model name (it writes the stem, without folder or .ext)."""
    if checkpoints is None:
        return name
    wanted = name.strip().lower()
    for candidate in checkpoints:
        stem = candidate.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0].lower()
        if candidate.lower() == wanted or stem == wanted:
            return candidate
    return None


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == '"':
        try:
            decoded = json.loads(value)
        except json.JSONDecodeError:
            return value[1:-1]
        return decoded if isinstance(decoded, str) else value[1:-1]
    return value


def _exif_texts(data: bytes) -> dict[str, str]:
    """A1111 stores `parameters` in EXIF UserComment for JPEG and WebP."""
    if not (data.startswith(b"\xff\xd8") or data[8:12] == b"WEBP"):
        return {}
    try:
        with Image.open(io.BytesIO(data)) as image:
            comment = image.getexif().get_ifd(0x8769).get(0x9286)
    except Exception:  # any broken or hostile file: nothing to restore
        return {}
    if isinstance(comment, bytes):
        head, body = comment[:8], comment[8:]
        if head.startswith(b"UNICODE"):
            # piexif (A1111) writes UTF-16 big-endian, some tools little-endian: the right one
            # reads as mostly ASCII (the settings line always is).
            text = max(
                (body.decode(codec, errors="replace") for codec in ("utf-16-be", "utf-16-le")),
                key=lambda decoded: sum(c.isascii() for c in decoded),
            )
        else:
            text = body.decode("utf-8", errors="replace")
        comment = text
    return {"parameters": comment.strip("\x00")} if isinstance(comment, str) and comment else {}
