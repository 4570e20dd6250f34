"""The one name each generation field goes by in the window, in the user's language: the
Generate form's rows, the sweep's axis chooser and the sweep grid's headers all ask here, so a
field reads "CFG" (or its translation) everywhere rather than its key ("cfg", "extra.scale_by").

The texts keep the "GenerateForm" translation context: they were written for that form. The
table's are marked for lupdate and translated through `texts.show_text`, the one place that
translates a text held in a variable.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from PySide6.QtCore import QCoreApplication

from studio_desktop.core.messages import QT_TRANSLATE_NOOP, UserMessage
from studio_desktop.core.sweeps.axes import EXTRA_PREFIX, LORA_PREFIX
from studio_desktop.ui.texts import show_text

CONTEXT: Final = "GenerateForm"

# `GenerationParams` fields, then the template slots no standard field covers.
_LABELS: Final[Mapping[str, str]] = {
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


def field_label(key: str) -> str:
    """The label of a `GenerationParams` field, a sweep axis's field (`lora:NAME`: that LoRA's
    strength; `extra.NAME`: the template's own setting NAME) or a template slot's name."""
    if key.startswith(LORA_PREFIX) and len(key) > len(LORA_PREFIX):
        name = key[len(LORA_PREFIX) :]
        stem = name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
        return QCoreApplication.translate("GenerateForm", "LoRA strength: {name}").format(name=stem)
    if key.startswith(EXTRA_PREFIX) and len(key) > len(EXTRA_PREFIX):
        key = key[len(EXTRA_PREFIX) :]
    return slot_label(key)


def slot_label(name: str) -> str:
    """A readable label for a template slot: its field's, or one made from its name."""
    if name in _LABELS:
        return show_text(UserMessage(_LABELS[name], context=CONTEXT))
    if name.startswith("lora_"):
        number, _, rest = name[len("lora_") :].partition("_")
        if number.isdigit() and rest == "strength":
            return QCoreApplication.translate("GenerateForm", "LoRA {n} strength").format(n=number)
        if number.isdigit() and not rest:
            return QCoreApplication.translate("GenerateForm", "LoRA {n}").format(n=number)
    return name.replace("_", " ").capitalize()
