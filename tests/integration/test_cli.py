"""The headless CLI, run as a real subprocess against the fake ComfyUI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from studio_desktop.core.comfy import ComfyClient
from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import GenerationParams, JobStatus, NewJob
from studio_desktop.core.library.files import read_png_text
from studio_desktop.core.paths import DataPaths
from studio_desktop.core.settings import Settings, save_settings
from studio_desktop.core.workflows import bind
from tests.fakes.comfy_server import FakeComfyServer


def studio(*args: str, data_dir: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.run(
        [sys.executable, "-m", "studio_desktop", *args, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def json_lines(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_generate_runs_jobs_and_prints_paths(fake_comfy: FakeComfyServer, tmp_path: Path) -> None:
    result = studio(
        "generate",
        "a red cat, 一只红猫",
        "--negative",
        "blurry",
        "--server",
        fake_comfy.url,
        "--count",
        "3",
        "--seed",
        "41",
        "--steps",
        "3",
        "--width",
        "320",
        "--height",
        "256",
        data_dir=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    saved = [line.split("saved ", 1)[1] for line in result.stdout.splitlines() if "saved " in line]
    assert len(saved) == 3
    for path in saved:
        assert Path(path).is_file()
        assert Path(path).is_relative_to(tmp_path)
    assert "3 of 3 jobs completed" in result.stdout
    # Each job got its own seed, the model the server lists first, and the sizes asked for.
    prompts = [body["prompt"] for body in fake_comfy.submitted]
    assert sorted(p["3"]["inputs"]["seed"] for p in prompts) == [41, 42, 43]
    assert {p["4"]["inputs"]["ckpt_name"] for p in prompts} == {fake_comfy.checkpoints[0]}
    assert {(p["5"]["inputs"]["width"], p["5"]["inputs"]["height"]) for p in prompts} == {
        (320, 256)
    }
    studio_chunk = json.loads(read_png_text(Path(saved[0]).read_bytes())["studio"])
    assert studio_chunk["params"]["prompt"] == "a red cat, 一只红猫"


def test_generate_json_output(fake_comfy: FakeComfyServer, tmp_path: Path) -> None:
    result = studio(
        "generate", "x", "--server", fake_comfy.url, "--count", "2", "--json", data_dir=tmp_path
    )
    assert result.returncode == 0, result.stderr
    events = json_lines(result.stdout)
    kinds = [e["event"] for e in events]
    assert kinds[0] == "queued" and kinds[-1] == "summary"
    assert kinds.count("finished") == 2 and "progress" in kinds
    finished = [e for e in events if e["event"] == "finished"]
    assert all(e["status"] == "completed" and len(e["images"]) == 1 for e in finished)
    assert events[-1] == {"event": "summary", "completed": 2, "total": 2}
    assert len(events[0]["group"]) == 36  # the batch group `cancel`/`export --group` take


def test_server_down_is_one_clear_line(tmp_path: Path) -> None:
    with FakeComfyServer() as fake:
        url = fake.url
    result = studio("generate", "x", "--server", url, data_dir=tmp_path, timeout=30)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert url in lines[0] and "Start ComfyUI" in lines[0]
    # Nothing was queued for a server we could not reach.
    assert json.loads(studio("jobs", "--json", data_dir=tmp_path).stdout) == []


def test_rejected_prompt_exits_nonzero_with_node_message(
    fake_comfy: FakeComfyServer, tmp_path: Path
) -> None:
    fake_comfy.faults.reject_prompt = True
    result = studio("generate", "x", "--server", fake_comfy.url, data_dir=tmp_path)
    assert result.returncode == 1
    assert "failed" in result.stdout
    jobs = json.loads(studio("jobs", "--status", "failed", "--json", data_dir=tmp_path).stdout)
    assert len(jobs) == 1
    error = jobs[0]["error"]
    assert error["details"] and error["details"][0]["node_id"]
    assert len(fake_comfy.submitted) == 0  # rejected prompts are not retried


def test_unknown_model_is_refused_before_queueing(
    fake_comfy: FakeComfyServer, tmp_path: Path
) -> None:
    result = studio(
        "generate", "x", "--server", fake_comfy.url, "--model", "nope.ckpt", data_dir=tmp_path
    )
    assert result.returncode == 2
    assert "nope.ckpt" in result.stderr and fake_comfy.checkpoints[0] in result.stderr
    assert json.loads(studio("jobs", "--json", data_dir=tmp_path).stdout) == []


def test_jobs_lists_filters_and_searches(fake_comfy: FakeComfyServer, tmp_path: Path) -> None:
    assert (
        studio(
            "generate", "一只猫在屋顶上", "--server", fake_comfy.url, data_dir=tmp_path
        ).returncode
        == 0
    )
    assert (
        studio("generate", "a dog", "--server", fake_comfy.url, data_dir=tmp_path).returncode == 0
    )
    listing = studio("jobs", data_dir=tmp_path)
    assert listing.returncode == 0
    assert "一只猫在屋顶上" in listing.stdout and "a dog" in listing.stdout
    found = json.loads(studio("jobs", "--search", "猫", "--json", data_dir=tmp_path).stdout)
    assert [j["prompt"] for j in found] == ["一只猫在屋顶上"]
    assert (
        json.loads(studio("jobs", "--status", "failed", "--json", data_dir=tmp_path).stdout) == []
    )


def test_resume_reconciles_each_kind_of_leftover(
    fake_comfy: FakeComfyServer, tmp_path: Path
) -> None:
    """DESIGN §3: done there -> fetch outputs; queued there -> follow; unknown -> run again."""
    fake_comfy.step_seconds = 0.05
    with AppContext.open(tmp_path) as ctx:
        client = ComfyClient(fake_comfy.url)
        model = client.object_info().checkpoints[0]
        template = ctx.templates.get("txt2img")
        jobs = ctx.store.add_jobs(
            [
                NewJob(
                    template="txt2img",
                    params=GenerationParams(prompt=f"job {i}", seed=i, steps=3, model=model),
                    server=fake_comfy.url,
                )
                for i in range(3)
            ]
        )
        claimed = [ctx.store.claim_next(fake_comfy.url) for _ in jobs]
        assert all(j is not None for j in claimed)
        done, queued, unknown = jobs
        # Before the "crash": `done` ran to the end, `queued` waits behind another client's long
        # run, `unknown` never reached the server.
        client.submit(
            bind(template, done.params, job_id=done.id), client_id="gone", prompt_id=done.id
        )
        assert fake_comfy.wait_idle(timeout=20)
        fake_comfy.steps = 30
        blocker = GenerationParams(prompt="blocker", seed=999, steps=3, model=model)
        client.submit(bind(template, blocker, job_id="blocker"), client_id="other")
        client.submit(
            bind(template, queued.params, job_id=queued.id), client_id="gone", prompt_id=queued.id
        )
        assert client.queue().position(queued.id) == 1  # next after the running one
        client.close()

    result = studio("resume", "--server", fake_comfy.url, "--json", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr + result.stdout
    with AppContext.open(tmp_path) as ctx:
        for job in jobs:
            final = ctx.store.get_job(job.id)
            assert final is not None and final.status is JobStatus.COMPLETED
            assert len(ctx.store.images_for_job(job.id)) == 1
        # The prompts already on the server were not submitted a second time.
        ids = [body.get("prompt_id") for body in fake_comfy.submitted]
        assert ids.count(done.id) == 1 and ids.count(queued.id) == 1
        assert ids.count(unknown.id) == 1
        assert ctx.store.get_job(unknown.id).attempt == 2  # type: ignore[union-attr]
        assert ctx.store.integrity_check() == "ok"


def test_resume_with_nothing_to_do(tmp_path: Path) -> None:
    result = studio("resume", data_dir=tmp_path)
    assert result.returncode == 0
    assert "nothing to resume" in result.stdout


def test_several_servers_share_a_batch(fake_comfy_factory: Any, tmp_path: Path) -> None:
    fast = fake_comfy_factory(steps=2, step_seconds=0.02)
    slow = fake_comfy_factory(steps=2, step_seconds=0.1)
    result = studio(
        "generate",
        "shared",
        "--server",
        fast.url,
        "--server",
        slow.url,
        "--count",
        "8",
        "--json",
        data_dir=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    ids = [b["prompt_id"] for b in fast.submitted] + [b["prompt_id"] for b in slow.submitted]
    assert len(ids) == len(set(ids)) == 8, "each job ran on exactly one server"
    assert fast.submitted and slow.submitted, "both servers took part"


def test_one_server_down_of_two_is_a_warning(fake_comfy: FakeComfyServer, tmp_path: Path) -> None:
    with FakeComfyServer() as gone:
        dead_url = gone.url
    result = studio(
        "generate", "x", "--server", dead_url, "--server", fake_comfy.url, data_dir=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert f"warning: skipping {dead_url}" in result.stderr


def test_servers_add_list_check_remove(fake_comfy: FakeComfyServer, tmp_path: Path) -> None:
    assert studio("servers", "list", data_dir=tmp_path).stdout.startswith("no servers")
    added = studio("servers", "add", fake_comfy.url, "--name", "desk GPU", data_dir=tmp_path)
    assert added.returncode == 0, added.stderr
    again = studio("servers", "add", fake_comfy.url, data_dir=tmp_path)
    assert again.returncode == 2 and "already registered" in again.stderr
    check = studio("servers", "check", "--json", data_dir=tmp_path)
    assert check.returncode == 0, check.stderr
    report = json_lines(check.stdout)[0]
    assert report["state"] == "connected" and report["checkpoints"] == fake_comfy.checkpoints
    listing = json.loads(studio("servers", "list", "--json", data_dir=tmp_path).stdout)
    assert listing[0]["name"] == "desk GPU" and listing[0]["state"] == "connected"
    assert listing[0]["gpu"]
    # With no --server, generate uses the registered servers.
    assert studio("generate", "x", data_dir=tmp_path).returncode == 0
    assert len(fake_comfy.submitted) == 1
    fake_comfy.stop()
    down = studio("servers", "check", data_dir=tmp_path)
    assert down.returncode == 1 and "down" in down.stdout
    assert studio("servers", "remove", fake_comfy.url, data_dir=tmp_path).returncode == 0
    assert json.loads(studio("servers", "list", "--json", data_dir=tmp_path).stdout) == []


def test_generate_saves_to_the_output_folder_in_the_settings(
    fake_comfy: FakeComfyServer, tmp_path: Path
) -> None:
    data, custom = tmp_path / "data", tmp_path / "My Pictures" / "studio"
    save_settings(Settings(output_folder=str(custom)), DataPaths(data).settings)
    result = studio(
        "generate", "x", "--server", fake_comfy.url, "--count", "2", "--json", data_dir=data
    )
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr
    finished = [e for e in json_lines(result.stdout) if e["event"] == "finished"]
    saved = [Path(p) for e in finished for p in e["images"]]
    assert len(saved) == 2
    assert all(p.is_file() and p.is_relative_to(custom) for p in saved), saved
    assert not list((data / "outputs").rglob("*.png"))
    with AppContext.open(data) as ctx:
        images = [i for e in finished for i in ctx.store.images_for_job(e["id"])]
        assert sorted(ctx.paths.resolve(i.path) for i in images) == sorted(saved)
        assert all(Path(i.path).is_absolute() for i in images)
        thumbs = [ctx.paths.resolve(i.thumb_path) for i in images if i.thumb_path]
        assert len(thumbs) == 2 and all(t.is_relative_to(ctx.paths.thumbnails) for t in thumbs)


def test_generate_with_an_unusable_output_folder_saves_to_the_default(
    fake_comfy: FakeComfyServer, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    blocker = tmp_path / "a file"
    blocker.write_text("in the way")
    save_settings(Settings(output_folder=str(blocker / "out")), DataPaths(data).settings)
    result = studio("generate", "x", "--server", fake_comfy.url, data_dir=data)
    assert result.returncode == 0, result.stderr
    assert f"warning: the output folder {blocker / 'out'}" in result.stderr
    saved = [line.split("saved ", 1)[1] for line in result.stdout.splitlines() if "saved " in line]
    assert len(saved) == 1 and Path(saved[0]).is_relative_to(data / "outputs")
    assert "cannot be written" in (data / "logs" / "studio.log").read_text("utf-8")
