"""The one name each generation field goes by, as an English message the window translates.

The Generate form's rows, the sweep's axis chooser, the sweep grid's headers and the command
line's sweep grids all ask here, so a field reads "CFG" (or its translation) everywhere rather
than its key ("cfg", "extra.scale_by"). `str()` of a title is its English text (the command
line); `ui.field_labels` shows it in the user's language.

The texts keep the "GenerateForm" translation context: they were written for that form.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from studio_desktop.core.messages import QT_TRANSLATE_NOOP, UserMessage, verbatim
from studio_desktop.core.sweeps.axes import EXTRA_PREFIX, LORA_PREFIX

CONTEXT: Final = "GenerateForm"

# `GenerationParams` fields, then the template slots no standard field covers.
_TITLES: Final[Mapping[str, str]] = {
    "prompt": QT_TRANSLATE_NOOP("GenerateForm", "Prompt"),
    "negative": QT_TRANSLATE_NOOP("GenerateForm", "Negative prompt"),
    "model": QT_TRANSLATE_NOOP("GenerateForm", "Model"),
    "sampler": QT_TRANSLATE_NOOP("GenerateForm", "Sampler"),
    "scheduler": QT_TRANSLATE_NOOP("GenerateForm", "Scheduler"),
    "vae": QT_TRANSLATE_NOOP("GenerateForm", "VAE"),
    "clip_skip": QT_TRANSLATE_NOOP("GenerateForm", "CLIP skip"),
    "loras": QT_TRANSLATE_NOOP("GenerateForm", "LoRAs"),
    "size": QT_TRANSLATE_NOOP("GenerateForm", "Size"),
    "width": QT_TRANSLATE_NOOP("GenerateForm", "Width"),
    "height": QT_TRANSLATE_NOOP("GenerateForm", "Height"),
    "steps": QT_TRANSLATE_NOOP("GenerateForm", "Steps"),
    "cfg": QT_TRANSLATE_NOOP("GenerateForm", "CFG"),
    "denoise": QT_TRANSLATE_NOOP("GenerateForm", "Denoise"),
    "seed": QT_TRANSLATE_NOOP("GenerateForm", "Seed"),
    "controlnet": QT_TRANSLATE_NOOP("GenerateForm", "ControlNet model"),
    "control_strength": QT_TRANSLATE_NOOP("GenerateForm", "Control strength"),
    "strength": QT_TRANSLATE_NOOP("GenerateForm", "Strength"),
    "upscale_model": QT_TRANSLATE_NOOP("GenerateForm", "Upscale model"),
    "scale_by": QT_TRANSLATE_NOOP("GenerateForm", "Scale by"),
    "frames": QT_TRANSLATE_NOOP("GenerateForm", "Frames"),
    "length": QT_TRANSLATE_NOOP("GenerateForm", "Frames"),
    "fps": QT_TRANSLATE_NOOP("GenerateForm", "Frames per second"),
    "seconds": QT_TRANSLATE_NOOP("GenerateForm", "Seconds"),
    "diffusion_model": QT_TRANSLATE_NOOP("GenerateForm", "Diffusion model"),
    "edge_grow": QT_TRANSLATE_NOOP("GenerateForm", "Edge grow (px)"),
    "mask_grow": QT_TRANSLATE_NOOP("GenerateForm", "Mask grow (px)"),
    "mask_feather": QT_TRANSLATE_NOOP("GenerateForm", "Mask feather (px)"),
    "swap_model": QT_TRANSLATE_NOOP("GenerateForm", "Swap model"),
    "face_restore_model": QT_TRANSLATE_NOOP("GenerateForm", "Face restore model"),
}


def _title(template: str, **args: str) -> UserMessage:
    return UserMessage(template, args, context=CONTEXT)


def field_title(key: str) -> UserMessage:
    """The title of a `GenerationParams` field, a sweep axis's field (`lora:NAME`: that LoRA's
    strength; `extra.NAME`: the template's own setting NAME) or a template slot's name."""
    if key.startswith(LORA_PREFIX) and len(key) > len(LORA_PREFIX):
        name = key[len(LORA_PREFIX) :]
        stem = name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
        return _title(QT_TRANSLATE_NOOP("GenerateForm", "LoRA strength: {name}"), name=stem)
    if key.startswith(EXTRA_PREFIX) and len(key) > len(EXTRA_PREFIX):
        key = key[len(EXTRA_PREFIX) :]
    return slot_title(key)


def slot_title(name: str) -> UserMessage:
    """A readable title for a template slot: its field's, or one made from its name."""
    if name in _TITLES:
        return _title(_TITLES[name])
    if name.startswith("lora_"):
        number, _, rest = name[len("lora_") :].partition("_")
        if number.isdigit() and rest == "strength":
            return _title(QT_TRANSLATE_NOOP("GenerateForm", "LoRA {n} strength"), n=number)
        if number.isdigit() and not rest:
            return _title(QT_TRANSLATE_NOOP("GenerateForm", "LoRA {n}"), n=number)
    # Made from the name, shown as it is: as a template of its own, a "{" would be misread.
    return verbatim(name.replace("_", " ").capitalize())
