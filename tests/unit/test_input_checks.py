"""The checks every front end runs on what a user types: server addresses, access tokens,
seeds and numbers; and what happens if a value no request can carry gets through anyway."""

from __future__ import annotations

import argparse
import math
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from studio_desktop.cli.common import CliError
from studio_desktop.cli.images import SlotImage, chosen_images, slot_image
from studio_desktop.core.comfy import ComfyClient, ComfyConnectionError, ComfyError
from studio_desktop.core.context import AppContext
from studio_desktop.core.engine import Dispatcher, EngineConfig
from studio_desktop.core.engine.dispatcher import ENQUEUE_CHUNK
from studio_desktop.core.engine.events import EngineEvent, JobStateChanged
from studio_desktop.core.engine.failures import GiveUp, decide
from studio_desktop.core.jobs import SEED_MAX, GenerationParams, JobStatus, NewJob
from studio_desktop.core.urls import check_auth_header, normalize_base_url
from studio_desktop.core.workflows import TemplateError, TemplateRegistry, bind

NOWHERE = "http://127.0.0.1:9"  # nothing is sent: requests refuses before connecting


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("http://127.0.0.1:8188/", "http://127.0.0.1:8188"),
        ("  https://gpu.example.org/comfy/  ", "https://gpu.example.org/comfy"),
        ("http://[::1]:8188", "http://[::1]:8188"),
        # Without a scheme, as ComfyUI prints it and people type it (issue 11).
        ("127.0.0.1:18412", "http://127.0.0.1:18412"),
        ("localhost:8188/", "http://localhost:8188"),
    ],
)
def test_good_addresses_are_normalised(typed: str, stored: str) -> None:
    assert normalize_base_url(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "http://",
        "http://[::1",
        "http://127.0.0.1:8188/?query=1",
        "http://127.0.0.1:8188/#top",
        "http://127.0.0.1:99999",
        "http://127.0.0.1:port",
        "http://my host:8188",
        "http://host\r\n:8188",
        "http://:8188",
    ],
)
def test_bad_addresses_raise_one_line(typed: str) -> None:
    with pytest.raises(ValueError) as caught:
        normalize_base_url(typed)
    message = str(caught.value)
    assert message and "\n" not in message and "\r" not in message


def test_a_name_that_is_no_host_without_a_scheme_says_how_an_address_starts() -> None:
    with pytest.raises(ValueError) as caught:
        normalize_base_url("comfy")
    assert "must start with http:// or https://" in str(caught.value)


@pytest.mark.parametrize(
    ("typed", "kept"),
    [(None, None), ("", None), ("   ", None), ("  Bearer abc  ", "Bearer abc")],
)
def test_good_tokens(typed: str | None, kept: str | None) -> None:
    assert check_auth_header(typed) == kept


@pytest.mark.parametrize(
    "typed", ["Bearer a\r\nX-Evil: 1", "Bearer a\nb", "Bearer\x00secret", "Bearer 令牌"]
)
def test_bad_tokens_are_refused_without_echoing_them(typed: str) -> None:
    with pytest.raises(ValueError) as caught:
        check_auth_header(typed)
    message = str(caught.value)
    assert "\n" not in message and "secret" not in message and "Evil" not in message


# --- seeds and numbers: refused when a job is made, and again when a graph is bound ---


@pytest.mark.parametrize(
    "params",
    [
        GenerationParams(prompt="x", cfg=math.nan),
        GenerationParams(prompt="x", cfg=math.inf),
        GenerationParams(prompt="x", denoise=-math.inf),
        GenerationParams(prompt="x", extra={"scale_by": math.nan}),
        GenerationParams(prompt="x", seed=SEED_MAX + 1),
        GenerationParams(prompt="x", seed=-1),
    ],
    ids=["cfg-nan", "cfg-inf", "denoise-inf", "extra-nan", "seed-high", "seed-negative"],
)
def test_new_job_refuses_values_no_server_takes(params: GenerationParams) -> None:
    with pytest.raises(ValueError):
        NewJob(template="txt2img", params=params)


def test_new_job_takes_the_whole_seed_range() -> None:
    for seed in (0, SEED_MAX):
        NewJob(template="txt2img", params=GenerationParams(prompt="x", seed=seed))


def test_binding_refuses_a_number_that_is_not_finite() -> None:
    template = TemplateRegistry().get("txt2img")
    params = GenerationParams(prompt="x", model="m.safetensors", cfg=math.nan)
    with pytest.raises(TemplateError, match="cfg"):
        bind(template, params, job_id="j")
    with pytest.raises(TemplateError, match="denoise"):
        bind(template, replace(params, cfg=7.0, denoise=math.inf), job_id="j")


def test_a_graph_json_cannot_carry_fails_the_job_at_once() -> None:
    with ComfyClient(NOWHERE) as client, pytest.raises(ComfyError) as caught:
        client.submit({"3": {"class_type": "KSampler", "inputs": {"cfg": math.nan}}}, client_id="c")
    assert not isinstance(caught.value, ComfyConnectionError)
    assert "Could not reach" not in str(caught.value)
    assert isinstance(decide(EngineConfig(), 1, caught.value), GiveUp)


def test_a_token_no_header_can_carry_is_not_called_unreachable() -> None:
    client = ComfyClient(NOWHERE, auth_header="Bearer a\r\nsecret")
    with client, pytest.raises(ComfyError) as caught:
        client.system_stats()
    assert not isinstance(caught.value, ComfyConnectionError)
    assert "secret" not in str(caught.value)


# --- a large batch is written in chunks, each committed before the next is made ---


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    with AppContext.open(tmp_path / "data") as context:
        yield context


def test_enqueue_commits_each_chunk_before_reading_the_next(ctx: AppContext) -> None:
    total = ENQUEUE_CHUNK * 2 + 7
    stored_when_asked: dict[int, int] = {}
    events: list[EngineEvent] = []

    def jobs() -> Iterator[NewJob]:
        for i in range(total):
            if i % ENQUEUE_CHUNK == 0:
                stored_when_asked[i] = len(ctx.store.jobs_with_status(JobStatus.PENDING))
            yield NewJob(template="txt2img", params=GenerationParams(prompt=f"p{i}", seed=i))

    dispatcher = Dispatcher(ctx.store, ctx.library, ctx.templates, listener=events.append)
    added = dispatcher.enqueue(jobs())
    assert [job.params.seed for job in added] == list(range(total))
    assert stored_when_asked == {
        0: 0,
        ENQUEUE_CHUNK: ENQUEUE_CHUNK,
        2 * ENQUEUE_CHUNK: 2 * ENQUEUE_CHUNK,
    }
    assert len([e for e in events if isinstance(e, JobStateChanged)]) == total
    assert len(ctx.store.jobs_with_status(JobStatus.PENDING)) == total


# --- generate's image options: which slot each file is for ---


def test_image_option_needs_slot_and_path() -> None:
    assert slot_image(" Source image =C:/pics/a=b.png") == SlotImage(
        "Source image", "C:/pics/a=b.png"
    )
    for typed in ("photo.png", "=photo.png", "source="):
        with pytest.raises(argparse.ArgumentTypeError, match="SLOT=PATH"):
            slot_image(typed)


def test_slots_are_found_by_id_or_label_in_any_case() -> None:
    template = TemplateRegistry().get("img2img")
    for typed in ("source", "SOURCE", "source image", "Source Image"):
        assert chosen_images(template, [SlotImage(typed, "a.png")], None) == {
            "source": Path("a.png")
        }
    assert chosen_images(template, [], "b.png") == {"source": Path("b.png")}


@pytest.mark.parametrize(
    ("images", "first", "fragment"),
    [
        ([SlotImage("mask", "a.png")], None, "no image slot 'mask'; its image slots: source"),
        ([SlotImage("source", "a.png")], "b.png", "two images"),
        ([], None, "needs an image for source (Source image): pass --input PATH"),
    ],
)
def test_wrong_or_missing_slots_say_which_there_are(
    images: list[SlotImage], first: str | None, fragment: str
) -> None:
    template = TemplateRegistry().get("img2img")
    with pytest.raises(CliError) as caught:
        chosen_images(template, images, first)
    assert fragment in str(caught.value)


def test_a_template_without_slots_takes_no_images() -> None:
    template = TemplateRegistry().get("txt2img")
    assert chosen_images(template, [], None) == {}
    with pytest.raises(CliError, match="takes no images"):
        chosen_images(template, [], "a.png")
