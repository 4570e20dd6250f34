"""A job made with every graph option (LoRAs, VAE, CLIP skip, hires fix), and the words each
place that lists an image's parameters (History's details, the viewer, Copy parameters,
Compare) shows for them."""

from __future__ import annotations

from typing import Final

from studio_desktop.core.jobs import GenerationParams, HiresFix, LoraChoice

WITH_GRAPH_OPTIONS: Final = GenerationParams(
    prompt="a fox in snow",
    model="sd15.safetensors",
    seed=3,
    loras=(
        LoraChoice("detail.safetensors", 0.8, 0.8),
        LoraChoice("style.safetensors", 1.0, 0.5),
        LoraChoice("switched-off.safetensors", enabled=False),  # not loaded: not listed
    ),
    vae="kl-f8.safetensors",
    clip_skip=2,
    hires=HiresFix(scale=1.5, denoise=0.45, steps=0, upscaler="4x-UltraSharp.pth"),
)

SHOWN: Final = {
    "LoRAs": "detail.safetensors (0.8), style.safetensors (1, CLIP 0.5)",
    "VAE": "kl-f8.safetensors",
    "CLIP skip": "2",
    "Hires fix": "×1.5 with 4x-UltraSharp.pth, denoise 0.45, as many steps as the first pass",
}
