"""Every built-in template runs end to end on the fake ComfyUI through the real JobRunner.

The fake serves the captured 0.3.64 /object_info plus what a server able to run all templates
would have: the model files the templates declare, the ReActor pack's node and the stock audio
nodes that did not load on the captured server (their specs follow ComfyUI's and ReActor's source).
Video and audio templates produce real WebM/FLAC files there and land as kind video/audio with a
first-frame thumbnail or a waveform picture.
"""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import InputImage, JobStatus, NewJob
from studio_desktop.core.library.files import strip_png_text
from studio_desktop.core.library.media import WAVEFORM_SIZE
from studio_desktop.core.library.metadata import read_generation_info
from studio_desktop.core.workflows import Template, TemplateRegistry
from tests.fakes.comfy_server import FakeComfyServer
from tests.integration.helpers import harness
from tests.unit.test_builtin_templates import RAW, plausible_params, with_models

TEMPLATES = sorted(t.id for t in TemplateRegistry(user_dir=None).all())

_INDEX = ["STRING", {"default": "0"}]
EXTRA_CLASSES: dict[str, Any] = {
    "ReActorFaceSwap": {
        "input": {
            "required": {
                "enabled": ["BOOLEAN", {"default": True}],
                "input_image": ["IMAGE"],
                "swap_model": [["inswapper_128.onnx"]],
                "facedetection": [["retinaface_resnet50", "retinaface_mobile0.25", "YOLOv5l"]],
                "face_restore_model": [["none", "codeformer-v0.1.0.pth", "GFPGANv1.4.pth"]],
                "face_restore_visibility": ["FLOAT", {"default": 1, "min": 0.1, "max": 1}],
                "codeformer_weight": ["FLOAT", {"default": 0.5, "min": 0.0, "max": 1.0}],
                "detect_gender_input": [["no", "female", "male"]],
                "detect_gender_source": [["no", "female", "male"]],
                "input_faces_index": _INDEX,
                "source_faces_index": _INDEX,
                "console_log_level": [[0, 1, 2], {"default": 1}],
            },
            "optional": {"source_image": ["IMAGE"], "face_model": ["FACE_MODEL"]},
        },
        "output": ["IMAGE", "FACE_MODEL"],
        "output_node": False,
        "category": "🌌 ReActor",
    },
    "EmptyLatentAudio": {
        "input": {
            "required": {
                "seconds": ["FLOAT", {"default": 47.6, "min": 1.0, "max": 1000.0}],
                "batch_size": ["INT", {"default": 1, "min": 1, "max": 4096}],
            }
        },
        "output": ["LATENT"],
        "output_node": False,
        "category": "latent/audio",
    },
    "ConditioningStableAudio": {
        "input": {
            "required": {
                "positive": ["CONDITIONING"],
                "negative": ["CONDITIONING"],
                "seconds_start": ["FLOAT", {"default": 0.0, "min": 0.0, "max": 1000.0}],
                "seconds_total": ["FLOAT", {"default": 47.0, "min": 0.0, "max": 1000.0}],
            }
        },
        "output": ["CONDITIONING", "CONDITIONING"],
        "output_node": False,
        "category": "conditioning",
    },
    "VAEDecodeAudio": {
        "input": {"required": {"samples": ["LATENT"], "vae": ["VAE"]}},
        "output": ["AUDIO"],
        "output_node": False,
        "category": "latent/audio",
    },
    "SaveAudio": {
        "input": {
            "required": {
                "audio": ["AUDIO"],
                "filename_prefix": ["STRING", {"default": "audio/ComfyUI"}],
            }
        },
        "output": [],
        "output_node": True,
        "category": "audio",
    },
}


def full_object_info() -> dict[str, Any]:
    info = copy.deepcopy(RAW)
    info.update(copy.deepcopy(EXTRA_CLASSES))
    for template in TemplateRegistry(user_dir=None).all():
        info = with_models(info, template)
    return info


@pytest.fixture(scope="module")
def object_info_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("object-info") / "object_info.json"
    path.write_text(json.dumps(full_object_info()), encoding="utf-8")
    return path


@pytest.fixture
def fake(fake_comfy_factory: Any, object_info_path: Path) -> FakeComfyServer:
    server: FakeComfyServer = fake_comfy_factory(
        object_info_path=object_info_path, steps=2, step_seconds=0.0
    )
    return server


def input_images(ctx: AppContext, template: Template, folder: Path) -> tuple[InputImage, ...]:
    images = []
    for number, slot in enumerate(template.images):
        mode = "RGBA" if slot.mask_from_alpha else "RGB"
        picture = Image.new(mode, (96 + 16 * number, 80), (200, 40 * number, 90, 255))
        if slot.mask_from_alpha:  # transparent border around an opaque subject
            picture.putalpha(0)
            picture.paste((10, 200, 10, 255), (24, 16, 72, 64))
        buffer = io.BytesIO()
        picture.save(buffer, "PNG")
        source = folder / f"{slot.name}.png"
        source.write_bytes(buffer.getvalue())
        stored = ctx.library.copy_input(source)
        images.append(InputImage(slot=slot.name, path=ctx.paths.relative(stored)))
    return tuple(images)


def run_template(ctx: AppContext, fake: FakeComfyServer, template_id: str, folder: Path) -> Any:
    template = ctx.templates.get(template_id)
    job = ctx.store.add_job(
        NewJob(
            template=template_id,
            params=plausible_params(template),
            inputs=input_images(ctx, template, folder),
            server=fake.url,
        )
    )
    with harness(ctx, fake) as h:
        finished = h.run(job)
    return template, finished


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_template_runs_on_the_fake(
    ctx: AppContext, fake: FakeComfyServer, template_id: str, tmp_path: Path
) -> None:
    template, job = run_template(ctx, fake, template_id, tmp_path)
    assert job.status is JobStatus.COMPLETED, job.error
    (body,) = fake.submitted
    for slot in template.images:  # each image went to its slot under the server's name
        name = body["prompt"][slot.node]["inputs"][slot.input]
        assert name.startswith(f"studio_{job.id[:8]}_{slot.name}")
    outputs = ctx.store.images_for_job(job.id)
    assert len(outputs) == 1
    assert (ctx.paths.root / outputs[0].path).is_file()
    assert outputs[0].thumb_path is not None
    assert (ctx.paths.root / outputs[0].thumb_path).is_file()


def test_audio_template_records_an_audio_file(
    ctx: AppContext, fake: FakeComfyServer, tmp_path: Path
) -> None:
    _, job = run_template(ctx, fake, "audio_stable", tmp_path)
    (output,) = ctx.store.images_for_job(job.id)
    assert (output.kind, output.path.endswith(".flac")) == ("audio", True)
    assert output.thumb_path is not None and (ctx.paths.root / output.thumb_path).is_file()
    with Image.open(ctx.paths.root / output.thumb_path) as waveform:
        assert waveform.size == WAVEFORM_SIZE
    assert output.metadata["media"]["duration_s"] > 0
    assert output.metadata["prompt"]["19"]["class_type"] == "SaveAudio"  # ComfyUI's tag, kept


def test_video_template_records_a_video_with_its_first_frame(
    ctx: AppContext, fake: FakeComfyServer, tmp_path: Path
) -> None:
    _, job = run_template(ctx, fake, "video_wan", tmp_path)
    (output,) = ctx.store.images_for_job(job.id)
    assert (output.kind, output.path.endswith(".webm")) == ("video", True)
    assert (output.width, output.height) == fake.output_size  # decoded frames have that size
    assert output.thumb_path is not None
    with Image.open(ctx.paths.root / output.thumb_path) as thumb:
        assert thumb.format == "JPEG" and thumb.size == fake.output_size
    assert job.workflow is not None
    assert output.metadata["media"]["frames"] == job.workflow["40"]["inputs"]["length"]
    assert output.metadata["prompt"]["9"]["class_type"] == "SaveWEBM"


def test_metadata_round_trip(ctx: AppContext, fake: FakeComfyServer, tmp_path: Path) -> None:
    """Generate, take the file as exported, drop it back: the same template and parameters."""
    template, job = run_template(ctx, fake, "img2img", tmp_path)
    (output,) = ctx.store.images_for_job(job.id)
    exported = (ctx.paths.root / output.path).read_bytes()
    restored = read_generation_info(exported)
    assert restored.source == "studio" and restored.template == template.id
    assert restored.apply(plausible_params(template)) == job.params
    expected = job.params.to_dict()
    if not expected["extra"]:
        del expected["extra"]  # the values read back leave out an empty `extra`
    assert restored.values == expected
    assert not read_generation_info(strip_png_text(exported)).found  # "without metadata"
