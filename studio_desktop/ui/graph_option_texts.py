"""A job's graph options (core/workflows/graph_options.py: the LoRA stack, a VAE instead of the
checkpoint's, CLIP skip, the hires pass) in words, for every place that lists an image's
parameters: History's details, the viewer, Copy parameters and Compare. Only what the job used
is listed: a switched-off LoRA was never loaded, and an option left off has no row."""

from __future__ import annotations

from typing import Final, NamedTuple

from PySide6.QtCore import QCoreApplication

from studio_desktop.core.jobs import LATENT_UPSCALE, GenerationParams, HiresFix, LoraChoice


class OptionRow(NamedTuple):
    key: str  # the GenerationParams field
    name: str
    text: str


OPTION_KEYS: Final = ("loras", "vae", "clip_skip", "hires")


def option_name(key: str) -> str:
    """The name of a graph option (one of OPTION_KEYS), as the Generate form calls it."""
    names = {
        "loras": QCoreApplication.translate("GenerateForm", "LoRAs"),
        "vae": QCoreApplication.translate("GenerateForm", "VAE"),
        "clip_skip": QCoreApplication.translate("GenerateForm", "CLIP skip"),
        "hires": QCoreApplication.translate("GenerateForm", "Hires fix"),
    }
    return names[key]


def graph_option_rows(params: GenerationParams) -> list[OptionRow]:
    """The graph options `params` used, each as (field, name, words)."""
    texts = {
        "loras": ", ".join(lora_text(lora) for lora in params.loras if lora.enabled),
        "vae": params.vae or "",
        "clip_skip": str(params.clip_skip or ""),
        "hires": hires_text(params.hires) if params.hires is not None else "",
    }
    return [OptionRow(key, option_name(key), texts[key]) for key in OPTION_KEYS if texts[key]]


def lora_text(lora: LoraChoice) -> str:
    """`name (0.8)`, or `name (1, CLIP 0.5)` when the text encoder's strength differs."""
    if lora.clip_strength == lora.model_strength:
        return QCoreApplication.translate("GraphOptionTexts", "{name} ({strength})").format(
            name=lora.name, strength=f"{lora.model_strength:g}"
        )
    return QCoreApplication.translate(
        "GraphOptionTexts", "{name} ({strength}, CLIP {clip})"
    ).format(name=lora.name, strength=f"{lora.model_strength:g}", clip=f"{lora.clip_strength:g}")


def hires_text(hires: HiresFix) -> str:
    """`×1.5 with <upscaler>, denoise 0.5, 20 steps` (steps 0: as many as the first pass)."""
    upscaler = (
        QCoreApplication.translate("GenerateForm", "Latent (no model)")
        if hires.upscaler == LATENT_UPSCALE
        else hires.upscaler
    )
    values = {"scale": f"{hires.scale:g}", "upscaler": upscaler, "denoise": f"{hires.denoise:g}"}
    if hires.steps:
        return QCoreApplication.translate(
            "GraphOptionTexts", "×{scale} with {upscaler}, denoise {denoise}, {steps} steps"
        ).format(steps=hires.steps, **values)
    return QCoreApplication.translate(
        "GraphOptionTexts",
        "×{scale} with {upscaler}, denoise {denoise}, as many steps as the first pass",
    ).format(**values)
