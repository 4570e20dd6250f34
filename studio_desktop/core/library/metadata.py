"""Generation parameters read back from an output file, for "drop a picture onto Generate".

Three sources, best first: our own `studio` PNG chunk, WebP EXIF entry, GIF comment or
video/audio container tag (exact template and parameters), ComfyUI's `prompt` chunk or tag (the
API graph: slots are detected and their values read), and the `parameters` text A1111/Forge
write (PNG text, or EXIF UserComment in JPEG/WebP). What cannot be restored is
listed in words the user can act on.

Every file is someone else's: reading is bounded (text chunks of at most METADATA_TEXT_BYTES,
JSON nested at most 64 deep (bounded_json), A1111 text scanned in one pass) and every value is
checked for the type and range the form takes; a value that fails is left out and named in
`not_restored`, and the rest is kept. Nothing here raises.
"""

from __future__ import annotations

import io
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Final

from PIL import Image

from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.jobs import GenerationParams, HiresFix, LoraChoice
from studio_desktop.core.library.bounded_json import MAX_INT_DIGITS, load_json
from studio_desktop.core.library.image_tags import read_gif_tag, read_webp_tag
from studio_desktop.core.library.imaging import read_png_text, sniff_kind
from studio_desktop.core.workflows.detect import detect_slots

STUDIO_KEY: Final = "studio"
MAX_FILE_BYTES: Final = 256 * 1024 * 1024
# Why 8 MB: the chunks we read (`studio`, `prompt`, `parameters`) are a few KB; a ComfyUI prompt
# graph of a thousand nodes is under 1 MB. A bigger one is not a generation record we can use.
METADATA_TEXT_BYTES: Final = 8 * 1024 * 1024
# Longer integer literals are not a seed or a size (see bounded_json).
_MAX_INT_DIGITS: Final = MAX_INT_DIGITS
_TEXT_KEYS: Final = (STUDIO_KEY, "prompt", "parameters")
_PARAM_NAMES: Final = frozenset(f.name for f in fields(GenerationParams)) - {"extra"}
_TEXTS: Final = frozenset({"prompt", "negative", "sampler", "scheduler", "model"})
# The ranges ComfyUI's own nodes accept (nodes.py: MAX_RESOLUTION, KSampler's inputs); outside
# them a value is junk, and the form's spin boxes (32-bit) could not even take it.
_INTS: Final[Mapping[str, tuple[int, int]]] = {
    "seed": (0, 2**64 - 1),
    "steps": (1, 10_000),
    "width": (1, 16_384),
    "height": (1, 16_384),
    "batch_size": (1, 4_096),
}
_FLOATS: Final[Mapping[str, tuple[float, float]]] = {"cfg": (0.0, 100.0), "denoise": (0.0, 1.0)}
# Template ids are file stems; anything else is not one of ours.
_TEMPLATE_ID: Final = re.compile(r"[\w.-]{1,100}")

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
# A1111's settings keys. Only ever matched whole against one key (fullmatch), never searched for:
# A1111's own findall pattern retried at every position and took seconds on a long line.
_A1111_KEY: Final = re.compile(r"\w[\w \-/+.]*")
# A quoted value: may contain commas and escaped quotes, ends at a comma or the line's end. Tried
# only where a value starts; its two branches cannot both match a character, so a failed attempt
# costs one pass over the quoted part.
_A1111_QUOTED: Final = re.compile(r'"(?:\\.|[^\\"])+"(?=,|$)', re.DOTALL)
_SIZE: Final = re.compile(r"([0-9]{1,6})\s*x\s*([0-9]{1,6})")
_DIGITS: Final = re.compile(rf"-?[0-9]{{1,{_MAX_INT_DIGITS}}}")
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
        # The graph options are kept as the chunk writes them (JSON); typed here.
        if "loras" in known:
            loras = (LoraChoice.from_dict(x) for x in known["loras"])
            known["loras"] = tuple(lora for lora in loras if lora is not None)
        if "hires" in known:
            known["hires"] = HiresFix.from_dict(known["hires"])
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
    texts = read_png_text(data, keys=_TEXT_KEYS, max_bytes=METADATA_TEXT_BYTES)
    texts = texts or {**_exif_texts(data), **_picture_tag(data)} or _container_texts(data)
    if STUDIO_KEY in texts:
        restored = parse_studio(texts[STUDIO_KEY])
        if restored.found:
            return restored
    if "prompt" in texts:
        graph = load_json(texts["prompt"])  # the text is at most METADATA_TEXT_BYTES
        if isinstance(graph, Mapping):
            restored = parse_comfy_prompt(graph, object_info)
            if restored.found:
                return restored
    if "parameters" in texts:
        return parse_a1111(texts["parameters"], checkpoints=checkpoints)
    return RestoredParams("none", not_restored=("the image has no generation parameters",))


# --- our own chunk ------------------------------------------------------------------------------


def parse_studio(text: str) -> RestoredParams:
    """Our `studio` chunk: exactly the template and parameters the job ran with.

    A value of the wrong type or out of range (the chunk was edited, or is not ours) is left out
    and named in `not_restored`; the others are kept.
    """
    data = load_json(text) if len(text) <= METADATA_TEXT_BYTES else None
    if not isinstance(data, Mapping) or not isinstance(data.get("params"), Mapping):
        return RestoredParams("none")
    params: Mapping[str, Any] = data["params"]
    values: dict[str, Any] = {}
    missing: list[str] = []
    for name in (f.name for f in fields(GenerationParams)):
        if name not in params:
            continue
        if name == "extra":
            extra, dropped = _checked_extra(params[name])
            values["extra"] = extra
            missing += [f"{key} (not a valid value in the file)" for key in dropped]
            continue
        if name in _OPTIONS:
            ok, option = checked_option(name, params[name])
            if ok:
                values[name] = option
            else:
                missing.append(f"{name} (not a valid value in the file)")
            continue
        value = checked_value(name, params[name])
        if value is None:
            missing.append(f"{name} (not a valid value in the file)")
        else:
            values[name] = value
    if not values.get("extra"):
        values.pop("extra", None)
    if not values:
        return RestoredParams("none")
    template = data.get("template")
    if not (isinstance(template, str) and _TEMPLATE_ID.fullmatch(template)):
        template = None
    if template not in (None, "txt2img", "video_wan", "audio_stable"):
        missing.append("input images (they are not stored in the output)")
    return RestoredParams("studio", template=template, values=values, not_restored=tuple(missing))


def checked_value(name: str, value: Any) -> Any:
    """`value` if it has the type and range GenerationParams.`name` takes, else None.

    A whole-number float is taken for an int field and an int for a float field (JSON does not
    tell them apart reliably); nothing is converted from text: that is a ComfyUI widget's job
    (see _coerce).
    """
    if name in _TEXTS:
        return value if isinstance(value, str) else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if name in _INTS:
        if isinstance(value, float):
            if not value.is_integer():  # also NaN and infinities
                return None
            value = int(value)
        low, high = _INTS[name]
        return value if low <= value <= high else None
    if name in _FLOATS:
        low_f, high_f = _FLOATS[name]
        if isinstance(value, int) and not -(2**53) <= value <= 2**53:
            return None  # float() of a huge int raises OverflowError
        number = float(value)
        return number if math.isfinite(number) and low_f <= number <= high_f else None
    return None


_OPTIONS: Final = frozenset({"loras", "vae", "clip_skip", "hires"})
_MAX_LORAS: Final = 100
_STRENGTH: Final = 100.0  # LoraLoader's range


def checked_option(name: str, value: Any) -> tuple[bool, Any]:
    """(valid, value) of a graph option in the chunk, as JSON (`RestoredParams.apply` types
    it); null is valid (the option was off)."""
    if value is None:
        return True, [] if name == "loras" else None
    if name == "vae":
        return isinstance(value, str), value or None
    if name == "clip_skip":
        ok = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 24
        return ok, value
    if name == "hires":
        hires = HiresFix.from_dict(value)
        ok = (
            hires is not None
            and math.isfinite(hires.scale)
            and 1.0 <= hires.scale <= 8.0
            and 0.0 < hires.denoise <= 1.0
            and 0 <= hires.steps <= 10_000
        )
        return ok, hires.to_dict() if hires is not None else None
    if not isinstance(value, list) or len(value) > _MAX_LORAS:
        return False, None
    loras = [LoraChoice.from_dict(item) for item in value]
    ok = all(
        lora is not None
        and all(
            math.isfinite(x) and abs(x) <= _STRENGTH
            for x in (lora.model_strength, lora.clip_strength)
        )
        for lora in loras
    )
    return ok, [lora.to_dict() for lora in loras if lora is not None]


def _checked_extra(value: Any) -> tuple[dict[str, Any], list[str]]:
    """Template values (extra): only text-keyed scalars a form editor can show."""
    if not isinstance(value, Mapping):
        return {}, ["extra"]
    kept: dict[str, Any] = {}
    dropped: list[str] = []
    for key, item in value.items():
        if not isinstance(key, str):
            continue  # JSON keys are always text; a Mapping from elsewhere may not be
        if (
            isinstance(item, str | bool)
            or (isinstance(item, int) and -(2**63) <= item < 2**64)
            or (isinstance(item, float) and math.isfinite(item))
        ):
            kept[key] = item
        else:
            dropped.append(key)
    return kept, dropped


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
        coerced = _coerce(name, _input_value(graph, targets[0].node, targets[0].input))
        if coerced is not None:
            values[name] = coerced
    if not values:
        return RestoredParams("none")
    for name in names:
        if name not in values:
            missing.append(name)
    for name, targets in detected.slots.items():
        if name.startswith("lora_") and not name.endswith("_strength"):
            missing.append(f"LoRA {_input_value(graph, targets[0].node, targets[0].input)}")
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


def _input_value(graph: Mapping[str, Any], node_id: str, name: str) -> Any:
    node = graph.get(node_id)
    inputs = node.get("inputs") if isinstance(node, Mapping) else None
    return inputs.get(name) if isinstance(inputs, Mapping) else None


def _coerce(name: str, value: Any) -> Any:
    """A ComfyUI widget value as GenerationParams.`name` takes it, or None (a link, nothing, or
    junk). Widgets may hold numbers as text, and a prompt may be a number."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None  # a link (a list), nothing, or junk: the value lives elsewhere or nowhere
    if name in _TEXTS:
        return value if isinstance(value, str) else str(value)
    if isinstance(value, str):
        value = _number(value)
    return checked_value(name, value)


def _number(text: str) -> int | float | None:
    text = text.strip()
    if _DIGITS.fullmatch(text):
        return int(text)
    if len(text) > 64:
        return None  # float() is linear, but no number is this long
    try:
        return float(text)
    except ValueError:
        return None


# --- A1111 / Forge ------------------------------------------------------------------------------


def parse_a1111(text: str, *, checkpoints: Sequence[str] | None = None) -> RestoredParams:
    """A1111/Forge `parameters` text: prompt, negative, then one line of `Key: value, ...`."""
    lines = text.strip().replace("\r\n", "\n").split("\n")
    settings_line = ""
    if lines and lines[-1].lstrip().startswith("Steps:"):
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
    settings = {k.lower(): _unquote(v.strip()) for k, v in a1111_settings(settings_line)}

    for key, name in (("steps", "steps"), ("seed", "seed"), ("cfg scale", "cfg")):
        if key in settings:
            _put_number(values, missing, name, settings[key], label=key)
    if "size" in settings:
        size = _SIZE.fullmatch(settings["size"])
        width = checked_value("width", int(size[1])) if size else None
        height = checked_value("height", int(size[2])) if size else None
        if width is not None and height is not None:
            values["width"], values["height"] = width, height
        else:
            missing.append(f"size {_shown(settings['size'])}")
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
        strength = settings["denoising strength"]
        _put_number(values, missing, "denoise", strength, label="denoising strength")
        missing.append("the source image (it is not stored in the output)")
    if "<lora:" in values["prompt"]:
        missing.append("LoRA tags in the prompt (<lora:...>): ComfyUI does not read them")
    for key in settings:
        if key not in _USED_A1111_KEYS:
            missing.append(f"{key} ({settings[key]})")
    if not settings_line:
        missing.append("steps, sampler, CFG, seed and size (the text has no settings line)")
    return RestoredParams("a1111", template=template, values=values, not_restored=tuple(missing))


def a1111_settings(line: str) -> list[tuple[str, str]]:
    """The `Key: value` pairs of A1111's settings line, in one pass over it.

    Values may be quoted (and then hold commas); a value ends at the next comma otherwise. A
    piece without a colon, or whose key is not a word, is skipped, as A1111's own parser does.
    """
    pairs: list[tuple[str, str]] = []
    pos, end = 0, len(line)
    while pos < end:
        # Every search stops at the next comma, so each character is looked at a bounded number
        # of times (a quoted value's match stops at the next quote: a value never starts with \").
        comma = line.find(",", pos)
        stop = end if comma < 0 else comma
        colon = line.find(":", pos, stop)
        if colon < 0:  # a piece without a colon: skip it
            pos = stop + 1
            continue
        key = line[pos:colon].strip()
        start = colon + 1
        while start < stop and line[start].isspace():
            start += 1
        quoted = _A1111_QUOTED.match(line, start) if line.startswith('"', start) else None
        if quoted is not None:
            value, pos = quoted[0], quoted.end() + 1
        else:
            value, pos = line[start:stop], stop + 1
        if _A1111_KEY.fullmatch(key):
            pairs.append((key, value))
    return pairs


def _put_number(
    values: dict[str, Any], missing: list[str], name: str, text: str, *, label: str
) -> None:
    """values[name] = the number in `text` if it is valid there, else a note in `missing`."""
    checked = checked_value(name, _number(text))
    if checked is None:
        missing.append(f"{label} {_shown(text)}")
    else:
        values[name] = checked


def _shown(value: str) -> str:
    """A value from the file, short enough to quote in the status bar."""
    return repr(value if len(value) <= 40 else value[:40] + "…")


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


def _picture_tag(data: bytes) -> dict[str, str]:
    """Our `studio` text in a WebP's EXIF or a GIF's comment (image_tags writes them), and the
    `prompt:` EXIF entry ComfyUI's SaveAnimatedWEBP writes."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        found = {
            key: read_webp_tag(data, key, METADATA_TEXT_BYTES) for key in (STUDIO_KEY, "prompt")
        }
    elif data[:6] in (b"GIF87a", b"GIF89a"):
        found = {STUDIO_KEY: read_gif_tag(data, STUDIO_KEY, METADATA_TEXT_BYTES)}
    else:
        return {}
    return {key: text for key, text in found.items() if text is not None}


def _container_texts(data: bytes) -> dict[str, str]:
    """A video's or sound's tags: our `studio` (media_tags writes it into every output format
    that keeps one) and ComfyUI's `prompt`, as their savers write them."""
    sniffed = sniff_kind(data)
    if sniffed is None or sniffed[0] not in ("video", "audio"):
        return {}
    from studio_desktop.core.library.media import container_texts  # PyAV: only when needed

    try:
        texts = container_texts(data, _TEXT_KEYS)
    except Exception:  # any broken or hostile file: nothing to restore
        return {}
    return {key: text for key, text in texts.items() if len(text) <= METADATA_TEXT_BYTES}


def _exif_texts(data: bytes) -> dict[str, str]:
    """A1111 stores `parameters` in EXIF UserComment for JPEG and WebP."""
    if not (data.startswith(b"\xff\xd8") or data[8:12] == b"WEBP"):
        return {}
    try:
        with Image.open(io.BytesIO(data)) as image:
            comment = image.getexif().get_ifd(0x8769).get(0x9286)
    except Exception:  # any broken or hostile file: nothing to restore
        return {}
    if isinstance(comment, bytes | str) and len(comment) > METADATA_TEXT_BYTES:
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
