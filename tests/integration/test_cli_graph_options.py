"""`generate --lora/--vae/--clip-skip/--hires/--batch-size` end to end on the fake ComfyUI with a
model library: the graph that reaches the server, the images out, the `studio` chunk that
restores the options; bad values are one line and exit 2 before anything is queued."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from studio_desktop.core.jobs import GenerationParams, HiresFix, LoraChoice
from studio_desktop.core.library.files import read_png_text
from studio_desktop.core.server_info import fetch_lists, fetch_trigger_words
from studio_desktop.core.servers import ServerConfig
from tests.fakes.comfy_server import SAMPLE_MODELS, FakeComfyServer
from tests.integration.test_cli import studio

LORA_A, LORA_B = SAMPLE_MODELS["loras"][0], SAMPLE_MODELS["loras"][1]
VAE = SAMPLE_MODELS["vae"][0]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def library_comfy(fake_comfy_factory: Callable[..., FakeComfyServer]) -> FakeComfyServer:
    return fake_comfy_factory(models=SAMPLE_MODELS)


def classes(prompt: dict[str, dict[str, object]], class_type: str) -> list[str]:
    return [k for k, v in prompt.items() if v["class_type"] == class_type]


def test_two_loras_vae_clip_skip_hires_and_batch_two_give_two_images(
    library_comfy: FakeComfyServer, tmp_path: Path
) -> None:
    result = studio(
        "generate",
        "a lighthouse",
        "--server",
        library_comfy.url,
        "--seed",
        "5",
        "--lora",
        f"{LORA_A}:0.7:0.4",
        "--lora",
        LORA_B,
        "--vae",
        VAE,
        "--clip-skip",
        "2",
        "--hires",
        "1.5:0.4",
        "--batch-size",
        "2",
        data_dir=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    saved = [line.split("saved ", 1)[1] for line in result.stdout.splitlines() if "saved " in line]
    assert len(saved) == 2 and all(Path(p).is_file() for p in saved)
    (body,) = library_comfy.submitted
    prompt = body["prompt"]
    loras = classes(prompt, "LoraLoader")
    assert [prompt[n]["inputs"]["lora_name"] for n in loras] == [LORA_A, LORA_B]
    assert prompt[loras[0]]["inputs"]["strength_clip"] == 0.4
    assert len(classes(prompt, "KSampler")) == 2 and classes(prompt, "LatentUpscaleBy")
    assert prompt["5"]["inputs"]["batch_size"] == 2
    (skip,) = classes(prompt, "CLIPSetLastLayer")
    assert prompt[skip]["inputs"]["stop_at_clip_layer"] == -2
    (vae,) = classes(prompt, "VAELoader")
    assert prompt["8"]["inputs"]["vae"] == [vae, 0]
    # The picture carries the options; reading it back gives the same parameters.
    chunk = json.loads(read_png_text(Path(saved[0]).read_bytes())["studio"])
    params = GenerationParams.from_dict(chunk["params"])
    assert params.loras == (LoraChoice(LORA_A, 0.7, 0.4), LoraChoice(LORA_B, 1.0, 1.0))
    assert (params.vae, params.clip_skip, params.batch_size) == (VAE, 2, 2)
    assert params.hires == HiresFix(scale=1.5, denoise=0.4)


def test_hires_with_an_upscale_model(library_comfy: FakeComfyServer, tmp_path: Path) -> None:
    model = SAMPLE_MODELS["upscale_models"][1]
    result = studio(
        "generate",
        "x",
        "--server",
        library_comfy.url,
        "--hires",
        "2",
        "--hires-upscaler",
        model,
        data_dir=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    prompt = library_comfy.submitted[0]["prompt"]
    (loader,) = classes(prompt, "UpscaleModelLoader")
    assert prompt[loader]["inputs"]["model_name"] == model
    (resize,) = classes(prompt, "ImageScaleBy")
    assert prompt[resize]["inputs"]["scale_by"] == 1.0  # a 2x model, 2x asked


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--lora", ":0.5"], "--lora"),
        (["--clip-skip", "0"], "1 to 24"),
        (["--clip-skip", "x"], "whole number"),
        (["--hires", "9"], "scale must be 1 to 8"),
        (["--hires", "1.5:0"], "denoise"),
        (["--hires", "big"], "SCALE[:DENOISE]"),
        (["--batch-size", "0"], "1 to 64"),
        (["--lora", "a.safetensors:nan"], "finite"),
    ],
)
def test_bad_values_are_one_line_and_exit_2(args: list[str], words: str, tmp_path: Path) -> None:
    result = studio("generate", "x", "--server", "http://127.0.0.1:9", *args, data_dir=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], result.stderr


def test_a_lora_the_server_lacks_is_refused_before_queueing(
    library_comfy: FakeComfyServer, tmp_path: Path
) -> None:
    result = studio(
        "generate", "x", "--server", library_comfy.url, "--lora", "nope.safetensors",
        data_dir=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2
    assert "nope.safetensors" in result.stderr and LORA_A in result.stderr
    assert library_comfy.submitted == []
    upscaler = studio(
        "generate", "x", "--server", library_comfy.url, "--hires-upscaler", "m.pth",
        data_dir=tmp_path,
    )  # fmt: skip
    assert upscaler.returncode == 2 and "--hires" in upscaler.stderr


def test_server_lists_embeddings_and_trigger_words_from_the_fake(
    library_comfy: FakeComfyServer,
) -> None:
    lists = fetch_lists(ServerConfig(library_comfy.url))
    assert lists.loras == tuple(SAMPLE_MODELS["loras"])
    assert lists.vaes == tuple(SAMPLE_MODELS["vae"])  # without pixel_space
    assert lists.upscale_models == tuple(SAMPLE_MODELS["upscale_models"])
    assert lists.embeddings == tuple(SAMPLE_MODELS["embeddings"])
    server = ServerConfig(library_comfy.url)
    assert fetch_trigger_words(server, LORA_B) == ("watercolor", "wet paint")
    assert fetch_trigger_words(server, "old_format.pt") == ()  # not safetensors: 404
    assert fetch_trigger_words(server, "missing.safetensors") == ()


def test_a_template_without_a_checkpoint_loader_refuses_loras_in_one_line(
    library_comfy: FakeComfyServer, tmp_path: Path
) -> None:
    source = tmp_path / "in.png"
    source.write_bytes((ROOT / "resources" / "icons" / "studio.png").read_bytes())
    result = studio(
        "generate", "x", "--template", "upscale", "--input", str(source), "--server",
        library_comfy.url, "--lora", LORA_A, data_dir=tmp_path / "data",
    )  # fmt: skip
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no checkpoint loader" in lines[0], result.stderr
    assert library_comfy.submitted == []
