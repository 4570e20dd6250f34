"""Restoring parameters from an image: our own chunk, ComfyUI's prompt, A1111/Forge text."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image

from studio_desktop.core.jobs import GenerationParams
from studio_desktop.core.library.imaging import add_png_text, strip_png_text
from studio_desktop.core.library.metadata import (
    comfy_sampler,
    parse_a1111,
    read_generation_info,
    read_generation_info_file,
)

WORKFLOWS = Path(__file__).resolve().parents[1] / "data" / "workflows"


def png(texts: dict[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    data = buffer.getvalue()
    for key, value in (texts or {}).items():
        data = add_png_text(data, key, value)
    return data


def test_studio_chunk_restores_everything_exactly() -> None:
    params = GenerationParams(
        prompt="一只红色的猫\nsecond line",
        negative="blurry",
        seed=2**40 + 3,
        steps=33,
        cfg=6.5,
        sampler="dpmpp_2m",
        scheduler="karras",
        model="sd15.safetensors",
        width=640,
        height=384,
        batch_size=2,
        denoise=0.55,
        extra={"scale_by": 1.5},
    )
    chunk = {"app": "studio-desktop/0", "job_id": "j", "template": "img2img"}
    data = png({"studio": json.dumps({**chunk, "params": params.to_dict()}, ensure_ascii=False)})
    restored = read_generation_info(data)
    assert restored.source == "studio" and restored.template == "img2img"
    assert restored.apply(GenerationParams(prompt="")) == params
    assert any("input images" in n for n in restored.not_restored)


def test_studio_chunk_wins_over_comfy_prompt() -> None:
    graph = json.loads((WORKFLOWS / "sd15_basic.json").read_text())
    studio = json.dumps({"template": "txt2img", "params": {"prompt": "mine", "seed": 5}})
    restored = read_generation_info(png({"prompt": json.dumps(graph), "studio": studio}))
    assert restored.source == "studio" and restored.values["prompt"] == "mine"
    assert restored.not_restored == ()


def test_comfy_prompt_chunk() -> None:
    graph = json.loads((WORKFLOWS / "lora_chain.json").read_text())
    restored = read_generation_info(png({"prompt": json.dumps(graph), "workflow": "{}"}))
    assert restored.source == "comfyui" and restored.template == "txt2img"
    assert restored.values == {
        "prompt": "portrait of a knight, detailed armor",
        "negative": "blurry, deformed",
        "seed": 851616030078638,
        "steps": 25,
        "cfg": 6.5,
        "sampler": "dpmpp_2m",
        "scheduler": "karras",
        "model": "realisticVisionV60B1_v51VAE.safetensors",
        "width": 512,
        "height": 768,
        "batch_size": 2,
        "denoise": 1.0,
    }
    assert "LoRA add_detail.safetensors" in restored.not_restored
    assert restored.graph == graph


def test_comfy_img2img_and_refiner_notes() -> None:
    img2img = json.loads((WORKFLOWS / "img2img.json").read_text())
    restored = read_generation_info(png({"prompt": json.dumps(img2img)}))
    assert restored.template == "img2img" and restored.values["denoise"] == 0.87
    sdxl = json.loads((WORKFLOWS / "sdxl_refiner.json").read_text())
    restored = read_generation_info(png({"prompt": json.dumps(sdxl)}))
    assert restored.values["seed"] == 721897303308196
    assert any("second sampler" in n for n in restored.not_restored)


A1111_SAMPLES = [
    (
        "masterpiece, best quality, 1girl, <lora:add_detail:0.5>\nsilver hair\n"
        "Negative prompt: lowres, bad anatomy, (worst quality:1.4)\n"
        "Steps: 28, Sampler: DPM++ 2M Karras, CFG scale: 7.5, Seed: 3294871234, Size: 512x768, "
        "Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, Clip skip: 2, "
        'Lora hashes: "add_detail: 7c6bad76eb54", Version: v1.6.0',
        {
            "prompt": "masterpiece, best quality, 1girl, <lora:add_detail:0.5>\nsilver hair",
            "negative": "lowres, bad anatomy, (worst quality:1.4)",
            "steps": 28,
            "sampler": "dpmpp_2m",
            "scheduler": "karras",
            "cfg": 7.5,
            "seed": 3294871234,
            "width": 512,
            "height": 768,
            "model": "v1-5-pruned-emaonly.safetensors",
        },
        "txt2img",
    ),
    (
        "a cat\nSteps: 20, Sampler: Euler a, Schedule type: Automatic, CFG scale: 5, Seed: 1, "
        "Size: 1024x1024, Model: sd_xl_base_1.0, Denoising strength: 0.45, Version: f2.0.1",
        {
            "prompt": "a cat",
            "steps": 20,
            "sampler": "euler_ancestral",
            "cfg": 5.0,
            "seed": 1,
            "width": 1024,
            "height": 1024,
            "model": "sd_xl_base_1.0.safetensors",
            "denoise": 0.45,
        },
        "img2img",
    ),
    (
        "portrait\nNegative prompt: ugly\nSteps: 30, Sampler: DPM++ SDE, Schedule type: Karras, "
        "CFG scale: 4, Seed: 42, Size: 832x1216, Model: sd_xl_base_1.0, "
        "Denoising strength: 0.3, Hires upscale: 1.5, Hires upscaler: Latent",
        {
            "prompt": "portrait",
            "negative": "ugly",
            "steps": 30,
            "sampler": "dpmpp_sde",
            "scheduler": "karras",
            "cfg": 4.0,
            "seed": 42,
            "width": 832,
            "height": 1216,
            "model": "sd_xl_base_1.0.safetensors",
        },
        "txt2img",
    ),
]


@pytest.mark.parametrize(("text", "expected", "template"), A1111_SAMPLES)
def test_a1111_samples(text: str, expected: dict[str, object], template: str) -> None:
    checkpoints = ["v1-5-pruned-emaonly.safetensors", "SDXL/sd_xl_base_1.0.safetensors"]
    restored = parse_a1111(text, checkpoints=[c.split("/")[-1] for c in checkpoints])
    assert restored.source == "a1111" and restored.template == template
    assert restored.values == expected
    assert all(isinstance(note, str) and note for note in restored.not_restored)


def test_a1111_notes_what_it_could_not_use() -> None:
    restored = parse_a1111(A1111_SAMPLES[0][0], checkpoints=[])
    notes = " | ".join(restored.not_restored)
    assert "model v1-5-pruned-emaonly (not on this server)" in notes
    assert "clip skip (2)" in notes and "<lora:" in notes
    restored = parse_a1111(A1111_SAMPLES[1][0])
    assert "schedule type Automatic" in " | ".join(restored.not_restored)


@pytest.mark.parametrize(
    ("name", "sampler", "scheduler"),
    [
        ("DPM++ 2M Karras", "dpmpp_2m", "karras"),
        ("Euler a", "euler_ancestral", None),
        ("DPM++ 2M SDE Exponential", "dpmpp_2m_sde", "exponential"),
        ("DPM++ 3M SDE", "dpmpp_3m_sde", None),
        ("UniPC", "uni_pc", None),
        ("PLMS", None, None),
    ],
)
def test_sampler_names(name: str, sampler: str | None, scheduler: str | None) -> None:
    assert comfy_sampler(name) == (sampler, scheduler)


def test_a1111_text_in_png_and_jpeg(tmp_path: Path) -> None:
    text = A1111_SAMPLES[0][0]
    assert read_generation_info(png({"parameters": text})).source == "a1111"
    image = Image.new("RGB", (8, 8))
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9286] = b"UNICODE\0" + text.encode("utf-16-be")
    path = tmp_path / "a.jpg"
    image.save(path, "JPEG", exif=exif)
    restored = read_generation_info_file(path)
    assert restored.source == "a1111" and restored.values["seed"] == 3294871234


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not an image",
        png(),
        png({"studio": "{broken"}),
        png({"prompt": "[1, 2]"}),
        png({"prompt": json.dumps({"1": {"class_type": "KSampler", "inputs": 5}})}),
        strip_png_text(png({"studio": json.dumps({"params": {"prompt": "x"}})})),
        b"\xff\xd8\xff\xe0 truncated jpeg",
    ],
)
def test_nothing_to_restore_never_raises(data: bytes) -> None:
    restored = read_generation_info(data)
    assert not restored.found and restored.values == {}


def test_missing_file(tmp_path: Path) -> None:
    assert not read_generation_info_file(tmp_path / "gone.png").found


# --- videos and sounds --------------------------------------------------------------------------


def media(ext: str, tags: dict[str, str]) -> bytes:
    """A real video or sound file with `tags` in its container, as ComfyUI's savers write them."""
    from tests.fakes.comfy_images import Look
    from tests.fakes.comfy_media import encoded_audio, encoded_video, tagged

    if ext in ("mp4", "webm"):
        return tagged(encoded_video(ext, (32, 32), Look(), 4, 8.0), ext, tags)
    return tagged(encoded_audio(ext, Look()), "ogg" if ext == "opus" else ext, tags)


@pytest.mark.parametrize("ext", ["mp4", "webm", "flac", "mp3", "opus"])
def test_studio_tag_of_a_video_or_sound_restores_everything(ext: str, tmp_path: Path) -> None:
    params = GenerationParams(prompt="rain on a tin roof, 雨", seed=2**33, steps=50, cfg=7.0)
    studio = {"template": "audio_stable", "params": params.to_dict()}
    graph = json.loads((WORKFLOWS / "sd15_basic.json").read_text())
    data = media(ext, {"prompt": json.dumps(graph), "studio": json.dumps(studio)})
    path = tmp_path / f"out.{ext}"
    path.write_bytes(data)
    for restored in (read_generation_info(data), read_generation_info_file(path)):
        assert restored.source == "studio" and restored.template == "audio_stable"
        assert restored.apply(GenerationParams(prompt="")) == params
        assert restored.not_restored == ()


def test_comfy_prompt_tag_of_a_video_is_read_when_ours_is_missing() -> None:
    graph = json.loads((WORKFLOWS / "sd15_basic.json").read_text())
    restored = read_generation_info(media("webm", {"PROMPT": json.dumps(graph)}))
    assert restored.source == "comfyui" and restored.graph == graph


@pytest.mark.parametrize(
    "tags",
    [{}, {"studio": "{broken"}, {"studio": json.dumps({"params": "x"})}, {"comment": "hello"}],
)
def test_video_without_usable_tags_restores_nothing(tags: dict[str, str]) -> None:
    restored = read_generation_info(media("mp4", tags))
    assert not restored.found and restored.values == {}


def test_oversized_studio_tag_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    from studio_desktop.core.library import metadata

    monkeypatch.setattr(metadata, "METADATA_TEXT_BYTES", 64)
    studio = json.dumps({"template": "txt2img", "params": {"prompt": "x" * 100}})
    assert not read_generation_info(media("flac", {"studio": studio})).found


def test_a_comfyui_webp_restores_from_its_prompt_exif_entry() -> None:
    # ComfyUI's SaveAnimatedWEBP writes "prompt:<json>" into EXIF 0x0110 (and the workflow into
    # 0x010f); a dropped WebP restored nothing from it, only A1111's UserComment was read.
    graph = json.loads((WORKFLOWS / "sd15_basic.json").read_text())
    exif = Image.Exif()
    exif[0x0110] = "prompt:" + json.dumps(graph)
    exif[0x010F] = "workflow:{}"
    buf = io.BytesIO()
    Image.new("RGB", (32, 32), "teal").save(buf, "WEBP", exif=exif.tobytes())
    restored = read_generation_info(buf.getvalue())
    assert restored.source == "comfyui" and restored.graph == graph
