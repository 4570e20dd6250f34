"""Shared helpers for integration tests that drive the real runner against the fake ComfyUI."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

import requests

from studio_desktop.core.comfy import ComfyClient
from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import GenerationParams, Job, JobStatus, NewJob
from studio_desktop.core.runner import JobRunner, RunnerConfig, RunnerEvent
from studio_desktop.core.workflows import bind
from tests.fakes.comfy_server import FakeComfyServer

E = TypeVar("E")

# Small delays so a test that retries still finishes in well under a second.
FAST = RunnerConfig(
    max_attempts=3,
    backoff_s=0.05,
    backoff_max_s=0.2,
    event_poll_s=0.05,
    history_poll_s=0.2,
    progress_write_s=0.0,
)
WAIT_S = 15.0  # generous ceiling for any condition a test waits on


def wait_until(condition: Callable[[], bool], timeout: float = WAIT_S, what: str = "") -> None:
    """Poll `condition` until it holds; AssertionError after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what or condition}")
        time.sleep(0.01)


def open_context(root: Path) -> AppContext:
    """An AppContext on a data folder nested three levels under `root`.

    The nesting means a server-made name like ``../../evil.png`` that escaped the data folder
    would still land inside `root`, where a test can look for it.
    """
    return AppContext.open(root / "home" / "user" / "data")


def params_for(fake: FakeComfyServer, **overrides: Any) -> GenerationParams:
    """txt2img parameters the fake accepts (its first checkpoint), with `overrides` applied."""
    base = GenerationParams(prompt="a red cat", negative="blurry", seed=7, steps=3)
    return replace(base, model=fake.checkpoints[0], **overrides)


def queue_job(ctx: AppContext, fake: FakeComfyServer, **overrides: Any) -> Job:
    """Add one pending txt2img job pinned to `fake`."""
    return ctx.store.add_job(
        NewJob(template="txt2img", params=params_for(fake, **overrides), server=fake.url)
    )


def claim(ctx: AppContext, fake: FakeComfyServer, job: Job) -> Job:
    """Claim exactly `job` for `fake`, as a worker would (pending -> running)."""
    claimed = ctx.store.claim_next(fake.url, can_run=lambda j: j.id == job.id)
    assert claimed is not None and claimed.id == job.id
    assert claimed.status is JobStatus.RUNNING
    return claimed


def queue_and_claim(ctx: AppContext, fake: FakeComfyServer, **overrides: Any) -> Job:
    return claim(ctx, fake, queue_job(ctx, fake, **overrides))


def status_of(ctx: AppContext, job_id: str) -> JobStatus:
    job = ctx.store.get_job(job_id)
    assert job is not None
    return job.status


def submit_direct(
    fake: FakeComfyServer,
    ctx: AppContext,
    job: Job,
    *,
    client_id: str = "someone-else",
) -> None:
    """Queue the job's bound graph on the fake ourselves under the job id, as a crashed app had."""
    graph = bind(ctx.templates.get(job.template), job.params, job_id=job.id)
    with ComfyClient(fake.url) as client:
        client.submit(graph, client_id=client_id, prompt_id=job.id)


def submit_blocker(fake: FakeComfyServer, ctx: AppContext, *, previews: bool = False) -> str:
    """Queue a prompt from another app with plain `requests` and no client id; return its id.

    Without a client id ComfyUI broadcasts its progress and (type 1) previews to every socket.
    """
    params = params_for(fake, prompt="someone else's picture", seed=999)
    graph = bind(ctx.templates.get("txt2img"), params, job_id="blocker")
    body: dict[str, Any] = {"prompt": graph}
    if previews:
        body["extra_data"] = {"preview_method": "auto"}
    response = requests.post(f"{fake.url}/prompt", json=body, timeout=10)
    try:
        response.raise_for_status()
        prompt_id: str = response.json()["prompt_id"]
    finally:
        response.close()
    return prompt_id


def queue_ids(fake: FakeComfyServer) -> tuple[list[str], list[str]]:
    """(running, pending) prompt ids on the fake."""
    with ComfyClient(fake.url) as client:
        queue = client.queue()
    return [i.prompt_id for i in queue.running], [i.prompt_id for i in queue.pending]


def interrupt_all(fake: FakeComfyServer) -> None:
    with ComfyClient(fake.url) as client:
        client.clear_queue()
        client.interrupt()


def submitted_ids(fake: FakeComfyServer) -> list[str | None]:
    return [body.get("prompt_id") for body in fake.submitted]


@dataclass
class Recorder:
    """A thread-safe runner listener that keeps every event."""

    events: list[RunnerEvent] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, event: RunnerEvent) -> None:
        with self._lock:
            self.events.append(event)

    def of(self, kind: type[E]) -> list[E]:
        with self._lock:
            return [e for e in self.events if isinstance(e, kind)]

    def wait_for(self, kind: type[Any], timeout: float = WAIT_S) -> None:
        wait_until(lambda: bool(self.of(kind)), timeout, f"a {kind.__name__} event")


@dataclass
class Harness:
    """A runner on one fake server, with its client, listener and cancel switch."""

    ctx: AppContext
    fake: FakeComfyServer
    client: ComfyClient
    runner: JobRunner
    recorder: Recorder
    cancel: threading.Event


@contextmanager
def harness(
    ctx: AppContext,
    fake: FakeComfyServer,
    *,
    config: RunnerConfig = FAST,
    auth_header: str | None = None,
) -> Iterator[Harness]:
    """A JobRunner wired to `fake` with a Recorder; closes the runner and client after."""
    client = ComfyClient(fake.url, auth_header=auth_header, timeout=10)
    recorder = Recorder()
    runner = JobRunner(
        ctx.store, ctx.library, ctx.templates, client, config=config, listener=recorder
    )
    try:
        yield Harness(ctx, fake, client, runner, recorder, threading.Event())
    finally:
        runner.close()
        client.close()


class Background:
    """`runner.run(job, cancel)` on its own thread; `result()` joins and returns the final job."""

    def __init__(self, h: Harness, job: Job) -> None:
        self._result: Job | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._main, args=(h, job), name="runner-under-test", daemon=True
        )
        self._thread.start()

    def _main(self, h: Harness, job: Job) -> None:
        try:
            self._result = h.runner.run(job, h.cancel)
        except BaseException as exc:  # handed to the test thread by result()
            self._error = exc

    def result(self, timeout: float = WAIT_S) -> Job:
        self._thread.join(timeout)
        assert not self._thread.is_alive(), "runner did not return"
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result


def data_files(ctx: AppContext) -> list[Path]:
    """Every file under the data folder, relative to it."""
    root = ctx.paths.root
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())
