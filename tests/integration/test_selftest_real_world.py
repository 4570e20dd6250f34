"""`--self-test` against a server as slow as a real CPU one (issue 13): it failed with its fixed
512x512, 4-step, cfg-7 job and 120 s limit, and left its prompt running on the server.

Runs the real CLI in a subprocess against the fake ComfyUI. No test here depends on timing: a
run either outlasts the given first-step limit by design (and must still pass, the limit scaling
with the measured step time), or never reaches a step at all (and must be cancelled).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import pytest

from studio_desktop.core.comfy import ComfyClient
from studio_desktop.core.workflows import TemplateRegistry
from tests.fakes.comfy_server import ENDLESS_STEPS, FakeComfyServer

WAIT_S = 60.0


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "studio_desktop", "--self-test", *args]


def environment() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}


def self_test(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command(*args), capture_output=True, text=True, timeout=timeout, env=environment()
    )


def last_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stdout.strip().splitlines()
    return lines[-1] if lines else ""


def node_inputs(body: dict[str, Any], class_type: str) -> dict[str, Any]:
    (node,) = [n for n in body["prompt"].values() if n["class_type"] == class_type]
    inputs: dict[str, Any] = node["inputs"]
    return inputs


def wait_until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        time.sleep(0.05)


def bind_for_other_user(graph: Any, checkpoint: str) -> dict[str, Any]:
    """The built-in text-to-image graph as another ComfyUI user might queue it."""
    made: dict[str, Any] = json.loads(json.dumps(graph))
    for node in made.values():
        if node["class_type"] == "CheckpointLoaderSimple":
            node["inputs"]["ckpt_name"] = checkpoint
    return made


def running_ids(server: FakeComfyServer) -> list[str]:
    with ComfyClient(server.url) as client:
        return [item.prompt_id for item in client.queue().running]


def queued_ids(server: FakeComfyServer) -> list[str]:
    with ComfyClient(server.url) as client:
        state = client.queue()
    return [item.prompt_id for item in (*state.running, *state.pending)]


def test_self_test_passes_on_a_server_slower_than_its_first_limit(
    fake_comfy_factory: Callable[..., FakeComfyServer],
) -> None:
    # 10 steps of 2.5 s: 25 s of sampling, longer than the 15 s allowed until the first step.
    # A fixed limit fails here; one scaled with the measured step time lets it finish.
    server = fake_comfy_factory(steps=10, step_seconds=2.5)

    result = self_test("--server", server.url, "--self-test-timeout", "15")

    assert result.returncode == 0, result.stdout + result.stderr
    assert last_line(result).startswith("self-test: ok (")
    (body,) = server.submitted
    # The smallest job an SD1.5-class checkpoint allows: 64x64, one step, no CFG doubling.
    assert node_inputs(body, "EmptyLatentImage")["width"] == 64
    assert node_inputs(body, "EmptyLatentImage")["height"] == 64
    assert node_inputs(body, "KSampler")["steps"] == 1
    assert node_inputs(body, "KSampler")["cfg"] == 1.0


def test_checkpoint_of_unknown_family_gets_256(
    fake_comfy_factory: Callable[..., FakeComfyServer],
) -> None:
    server = fake_comfy_factory(checkpoints=["mystery_model.safetensors"])

    result = self_test("--server", server.url)

    assert result.returncode == 0, result.stdout + result.stderr
    (body,) = server.submitted
    assert node_inputs(body, "EmptyLatentImage")["width"] == 256


def test_timed_out_self_test_interrupts_its_running_prompt(
    fake_comfy_factory: Callable[..., FakeComfyServer],
) -> None:
    server = fake_comfy_factory(steps=1, step_seconds=3600)  # never reaches its first step

    result = self_test("--server", server.url, "--self-test-timeout", "3")

    assert result.returncode == 1
    assert "no sampling step within 3 s" in last_line(result)
    (body,) = server.submitted
    assert body["prompt_id"] in server.interrupts
    assert server.wait_idle(timeout=WAIT_S), "the self-test's prompt still runs on the server"


def test_timed_out_self_test_deletes_its_waiting_prompt(
    fake_comfy_factory: Callable[..., FakeComfyServer],
) -> None:
    server = fake_comfy_factory(steps=ENDLESS_STEPS, step_seconds=0.05)
    blocker = TemplateRegistry(user_dir=None).get("txt2img").graph
    blocker = bind_for_other_user(blocker, server.checkpoints[0])
    with ComfyClient(server.url) as client:
        busy = client.submit(blocker, client_id="someone-else").prompt_id
    wait_until(lambda: running_ids(server) == [busy], "the other prompt runs")

    result = self_test("--server", server.url, "--self-test-timeout", "3")

    assert result.returncode == 1
    # The self-test names its prompt (the job id); the other user let the server pick one.
    (ours,) = [b["prompt_id"] for b in server.submitted if "prompt_id" in b]
    assert ours != busy
    assert ours in server.deleted
    assert queued_ids(server) == [busy], "only the other user's prompt is left"
    assert ours not in server.interrupts and busy not in server.interrupts
    server.steps = 1  # let the other prompt end


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child is a console event there")
def test_interrupted_self_test_cancels_its_prompt(
    fake_comfy_factory: Callable[..., FakeComfyServer],
) -> None:
    server = fake_comfy_factory(steps=ENDLESS_STEPS, step_seconds=0.05)
    process = subprocess.Popen(
        command("--server", server.url),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(),
    )
    try:
        wait_until(lambda: bool(server.submitted), "the self-test submits its prompt")
        ours = server.submitted[0]["prompt_id"]
        wait_until(lambda: running_ids(server) == [ours], "its prompt runs")
        process.send_signal(signal.SIGINT)  # Ctrl+C
        out, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 1, out + err
    assert out.strip().splitlines()[-1] == "self-test: FAILED: interrupted"
    assert ours in server.interrupts
    assert server.wait_idle(timeout=WAIT_S), "the self-test's prompt still runs on the server"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--self-test", "--self-test-timeout", "0"], "must be more than 0 seconds"),
        (["--self-test", "--self-test-timeout", "soon"], "not a number of seconds"),
        (
            ["--self-test-timeout", "30", "servers", "list"],
            "--self-test-timeout goes with --self-test",
        ),
    ],
)
def test_bad_self_test_timeout_is_one_clear_line(args: list[str], message: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "studio_desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment(),
    )
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
