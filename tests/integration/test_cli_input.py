"""Bad input to the CLI: one `error:` line, exit code 2, nothing queued; and the CLI checks a
batch the way the window does (the server's lists and limits, the template's image slots)."""

from __future__ import annotations

import io
import json
import math
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from studio_desktop.cli.common import MAX_COUNT, MAX_JOBS_LIMIT
from studio_desktop.core.jobs import SEED_MAX, JobStatus, NewJob
from tests.conftest import REPO_ROOT
from tests.fakes.comfy_server import FakeComfyServer
from tests.integration.helpers import Harness, params_for
from tests.integration.test_cli import json_lines, studio

# Refused before any connection is tried, so no server is needed (nothing listens there).
NOWHERE = "http://127.0.0.1:9"


def assert_one_error(result: subprocess.CompletedProcess[str], *fragments: str) -> str:
    """Exit code 2 and exactly one line on stderr, `error: ...`, naming each fragment."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 2, (result.returncode, result.stderr, result.stdout)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), lines[0]
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]


def nothing_queued(data_dir: Path) -> bool:
    listing = studio("jobs", "--json", data_dir=data_dir)
    return listing.returncode == 0 and json.loads(listing.stdout) == []


def png_file(path: Path, size: tuple[int, int] = (48, 32)) -> Path:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path


# --- 1. addresses, templates and limits that used to end in a traceback ---

BAD_ADDRESSES = [
    ("file:///etc/passwd", "http"),
    ("javascript:alert(1)", "http"),
    ("http://[::1", "IPv6"),
    ("", "empty"),
    ("http://", "host"),
    ("http://127.0.0.1:8188/?query=1", "query"),
    ("http://127.0.0.1:99999", "port"),
    ("http://my host:8188", "space"),
]


@pytest.mark.parametrize(("address", "why"), BAD_ADDRESSES)
def test_generate_with_a_bad_server_address_is_one_line(
    address: str, why: str, tmp_path: Path
) -> None:
    result = studio("generate", "x", "--server", address, data_dir=tmp_path)
    assert_one_error(result, "--server", why)
    assert nothing_queued(tmp_path)


@pytest.mark.parametrize(
    "args",
    [
        ["servers", "add", "file:///x"],
        ["servers", "check", "http://[::1"],
        ["servers", "remove", "javascript:"],
        ["resume", "--server", "file://"],
        ["generate", "x", "--template", "nope", "--server", NOWHERE],
        ["generate", "x", "--template", "../..", "--server", NOWHERE],
        ["jobs", "--limit", str(10**20)],
        ["jobs", "--limit", "0"],
        ["generate", "x", "--pipeline-depth", str(10**20), "--server", NOWHERE],
    ],
    ids=[
        "servers-add-file",
        "servers-check-ipv6",
        "servers-remove-javascript",
        "resume-file",
        "template-unknown",
        "template-dotdot",
        "jobs-limit-huge",
        "jobs-limit-zero",
        "pipeline-depth-huge",
    ],
)
def test_bad_argument_is_one_line(args: list[str], tmp_path: Path) -> None:
    assert_one_error(studio(*args, data_dir=tmp_path))
    assert nothing_queued(tmp_path)


def test_unknown_template_names_the_known_ones(tmp_path: Path) -> None:
    result = studio("generate", "x", "--template", "../..", "--server", NOWHERE, data_dir=tmp_path)
    assert_one_error(result, "'../..'", "txt2img", "img2img")


def test_jobs_limit_says_the_range(tmp_path: Path) -> None:
    result = studio("jobs", "--limit", str(10**20), data_dir=tmp_path)
    assert_one_error(result, "--limit", f"{MAX_JOBS_LIMIT}")


# --- 2. seeds ---


@pytest.mark.parametrize("seed", [str(2**64 + 5), str(SEED_MAX + 1), "-2"])
def test_seed_out_of_range_is_refused_with_the_range(seed: str, tmp_path: Path) -> None:
    result = studio("generate", "x", "--seed", seed, "--server", NOWHERE, data_dir=tmp_path)
    assert_one_error(result, "--seed", f"0 to {SEED_MAX}", "-1")


def test_seed_minus_one_is_random_and_printed(fake_comfy: FakeComfyServer, tmp_path: Path) -> None:
    result = studio(
        "generate",
        "x",
        "--seed",
        "-1",
        "--count",
        "2",
        "--server",
        fake_comfy.url,
        data_dir=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    seeds = sorted(body["prompt"]["3"]["inputs"]["seed"] for body in fake_comfy.submitted)
    assert all(0 <= s <= SEED_MAX for s in seeds) and len(seeds) == 2
    seed_lines = [line for line in result.stdout.splitlines() if line.startswith("random seed")]
    assert len(seed_lines) == 1, result.stdout
    assert str(seeds[0]) in seed_lines[0]


def test_seed_help_says_minus_one_is_random(tmp_path: Path) -> None:
    result = studio("generate", "--help", data_dir=tmp_path)
    assert result.returncode == 0
    assert "-1" in result.stdout and "random" in result.stdout


def test_highest_seed_is_accepted(fake_comfy: FakeComfyServer, tmp_path: Path) -> None:
    result = studio(
        "generate", "x", "--seed", str(SEED_MAX), "--server", fake_comfy.url, data_dir=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert [b["prompt"]["3"]["inputs"]["seed"] for b in fake_comfy.submitted] == [SEED_MAX]


# --- 3. numbers that are not numbers ---


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "NaN", "1e999"])
def test_cfg_not_finite_is_refused(value: str, tmp_path: Path) -> None:
    result = studio("generate", "x", f"--cfg={value}", "--server", NOWHERE, data_dir=tmp_path)
    assert_one_error(result, "--cfg", "finite")
    assert nothing_queued(tmp_path)


# --- 4. the size of a batch ---


def test_count_above_the_maximum_is_refused(tmp_path: Path) -> None:
    result = studio(
        "generate", "x", "--count", str(MAX_COUNT + 1), "--server", NOWHERE, data_dir=tmp_path
    )
    assert_one_error(result, "--count", f"1 to {MAX_COUNT}")


def test_count_of_a_hundred_thousand_is_refused_at_once(tmp_path: Path) -> None:
    result = studio("generate", "x", "--count", "100000", "--server", NOWHERE, data_dir=tmp_path)
    assert_one_error(result, "--count")
    assert nothing_queued(tmp_path)


# --- 5. the access token ---


@pytest.mark.parametrize("token", ["Bearer a\r\nX-Evil: 1", "Bearer a\nb", "Bearer\x1ba"])
def test_auth_with_a_line_break_is_refused_clearly(token: str, tmp_path: Path) -> None:
    result = studio("generate", "x", "--auth", token, "--server", NOWHERE, data_dir=tmp_path)
    line = assert_one_error(result, "--auth")
    assert "Could not reach" not in line
    assert "X-Evil" not in line  # the token is a secret: not echoed


def test_servers_add_with_a_bad_token_is_refused(tmp_path: Path) -> None:
    result = studio("servers", "add", NOWHERE, "--auth", "a\r\nb", data_dir=tmp_path)
    assert_one_error(result, "--auth")
    listing = studio("servers", "list", "--json", data_dir=tmp_path)
    assert json.loads(listing.stdout) == []


# --- 6. the same checks as the window, against the server's lists and limits ---


def test_unknown_sampler_lists_the_choices_before_queueing(
    fake_comfy: FakeComfyServer, tmp_path: Path
) -> None:
    result = studio(
        "generate", "x", "--sampler", "bogus", "--server", fake_comfy.url, data_dir=tmp_path
    )
    line = assert_one_error(result, "Sampler 'bogus'", "euler", "more")
    assert "list of length" not in line
    assert fake_comfy.submitted == []
    assert nothing_queued(tmp_path)


def test_unknown_scheduler_lists_the_choices(fake_comfy: FakeComfyServer, tmp_path: Path) -> None:
    result = studio(
        "generate", "x", "--scheduler", "nope", "--server", fake_comfy.url, data_dir=tmp_path
    )
    assert_one_error(result, "Scheduler 'nope'", "karras")
    assert fake_comfy.submitted == []


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["--width", "20000"], ["Width", "at most 16384"]),
        (["--height", "8"], ["Height", "at least 16"]),
        (["--steps", "20000"], ["Steps", "at most 10000"]),
        (["--cfg", "500"], ["Cfg", "at most 100"]),
    ],
    ids=["width", "height", "steps", "cfg"],
)
def test_out_of_the_server_range_is_refused(
    args: list[str], fragments: list[str], fake_comfy: FakeComfyServer, tmp_path: Path
) -> None:
    result = studio("generate", "x", *args, "--server", fake_comfy.url, data_dir=tmp_path)
    assert_one_error(result, *fragments)
    assert fake_comfy.submitted == []
    assert nothing_queued(tmp_path)


def test_unknown_model_names_what_the_server_has(
    fake_comfy: FakeComfyServer, tmp_path: Path
) -> None:
    result = studio(
        "generate", "x", "--model", "nope.ckpt", "--server", fake_comfy.url, data_dir=tmp_path
    )
    assert_one_error(result, "nope.ckpt", fake_comfy.checkpoints[0])


def test_a_server_that_refuses_the_batch_is_skipped_when_another_takes_it(
    fake_comfy_factory: object, tmp_path: Path
) -> None:
    make = fake_comfy_factory
    assert callable(make)
    plain = make(checkpoints=["plain.safetensors"])
    special = make(checkpoints=["special.safetensors"])
    result = studio(
        "generate",
        "x",
        "--model",
        "special.safetensors",
        "--server",
        plain.url,
        "--server",
        special.url,
        data_dir=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert f"warning: skipping {plain.url}" in result.stderr
    assert plain.submitted == [] and len(special.submitted) == 1


# --- 7. image templates ---


def test_img2img_with_input_runs_and_uploads_the_image(
    fake_comfy: FakeComfyServer, tmp_path: Path
) -> None:
    source = png_file(tmp_path / "x.png")
    result = studio(
        "generate",
        "a red square",
        "--template",
        "img2img",
        "--input",
        str(source),
        "--server",
        fake_comfy.url,
        "--json",
        data_dir=tmp_path / "data",
    )
    assert result.returncode == 0, result.stderr
    finished = [e for e in json_lines(result.stdout) if e["event"] == "finished"]
    assert [e["status"] for e in finished] == ["completed"]
    (body,) = fake_comfy.submitted
    uploaded_name = body["prompt"]["10"]["inputs"]["image"]
    assert fake_comfy.read_input(uploaded_name) == source.read_bytes()


@pytest.mark.parametrize("slot", ["source", "SOURCE", "Source image", "source IMAGE"])
def test_image_by_slot_id_or_label(slot: str, fake_comfy: FakeComfyServer, tmp_path: Path) -> None:
    source = png_file(tmp_path / "in.png")
    result = studio(
        "generate",
        "x",
        "--template",
        "img2img",
        "--image",
        f"{slot}={source}",
        "--server",
        fake_comfy.url,
        data_dir=tmp_path / "data",
    )
    assert result.returncode == 0, result.stderr
    (body,) = fake_comfy.submitted
    assert fake_comfy.read_input(body["prompt"]["10"]["inputs"]["image"]) == source.read_bytes()


def test_img2img_without_an_image_names_the_slot(tmp_path: Path) -> None:
    result = studio(
        "generate", "x", "--template", "img2img", "--server", NOWHERE, data_dir=tmp_path
    )
    assert_one_error(result, "source", "Source image", "--input")
    assert nothing_queued(tmp_path)


def test_unknown_image_slot_lists_the_slots(tmp_path: Path) -> None:
    source = png_file(tmp_path / "in.png")
    result = studio(
        "generate",
        "x",
        "--template",
        "img2img",
        "--image",
        f"mask={source}",
        "--server",
        NOWHERE,
        data_dir=tmp_path / "data",
    )
    assert_one_error(result, "'mask'", "source", "Source image")


def test_image_without_a_slot_says_the_form(tmp_path: Path) -> None:
    source = png_file(tmp_path / "in.png")
    result = studio(
        "generate",
        "x",
        "--template",
        "img2img",
        "--image",
        str(source),
        "--server",
        NOWHERE,
        data_dir=tmp_path / "data",
    )
    assert_one_error(result, "--image", "SLOT=PATH")


def test_missing_image_file_is_one_line(tmp_path: Path) -> None:
    result = studio(
        "generate",
        "x",
        "--template",
        "img2img",
        "--input",
        str(tmp_path / "missing.png"),
        "--server",
        NOWHERE,
        data_dir=tmp_path / "data",
    )
    assert_one_error(result, "missing.png")


def test_a_file_that_is_not_an_image_is_one_line(tmp_path: Path) -> None:
    text = tmp_path / "notes.png"
    text.write_text("not a picture", encoding="utf-8")
    result = studio(
        "generate",
        "x",
        "--template",
        "img2img",
        "--input",
        str(text),
        "--server",
        NOWHERE,
        data_dir=tmp_path / "data",
    )
    assert_one_error(result, "notes.png", "not an image")


def test_input_for_a_template_without_image_slots(tmp_path: Path) -> None:
    source = png_file(tmp_path / "in.png")
    result = studio(
        "generate", "x", "--input", str(source), "--server", NOWHERE, data_dir=tmp_path / "data"
    )
    assert_one_error(result, "txt2img", "no image")


# --- 3b. a graph constant no JSON can carry (an imported workflow with NaN in it) ---


def test_a_graph_with_nan_fails_once_instead_of_being_retried(
    h: Harness, fake_comfy: FakeComfyServer
) -> None:
    builtin = json.loads((REPO_ROOT / "resources" / "templates" / "txt2img.json").read_text())
    builtin["id"] = "nan_workflow"
    del builtin["slots"]["denoise"]  # so the graph's own value is sent
    builtin["graph"]["3"]["inputs"]["denoise"] = math.nan  # JSON files may spell NaN
    h.ctx.paths.templates.mkdir(parents=True, exist_ok=True)
    (h.ctx.paths.templates / "nan_workflow.json").write_text(json.dumps(builtin))
    h.ctx.templates.reload()
    job = h.ctx.store.add_job(
        NewJob(template="nan_workflow", params=params_for(fake_comfy), server=fake_comfy.url)
    )
    final = h.run(job)
    assert final.status is JobStatus.FAILED
    assert final.error is not None and "Could not reach" not in final.error.message
    assert "NaN" in final.error.message or "finite" in final.error.message
    assert final.attempt == 1 and fake_comfy.submitted == []
