"""Shared helpers for integration tests that drive the real engine against the fake ComfyUI."""

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
from studio_desktop.core.engine import (
    Dispatcher,
    EngineConfig,
    EngineEvent,
    ServerState,
    ServerStatus,
)
from studio_desktop.core.engine.server import HttpComfyServer
from studio_desktop.core.jobs import GenerationParams, Job, JobStatus, NewJob
from studio_desktop.core.servers import ServerConfig
from studio_desktop.core.workflows import bind
from tests.fakes.comfy_server import FakeComfyServer

E = TypeVar("E")

# Small delays so a test that retries still finishes in well under a second.
FAST = EngineConfig(
    max_attempts=3,
    backoff_s=0.05,
    backoff_max_s=0.2,
    event_poll_s=0.05,
    history_poll_s=0.2,
    progress_write_s=0.0,
    idle_poll_s=0.05,
    reconnect_backoff_s=(0.05, 0.3),
    stream_reconnect_s=0.5,
    restart_backoff_s=(0.05, 0.3),
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
    """A thread-safe engine listener that keeps every event."""

    events: list[EngineEvent] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, event: EngineEvent) -> None:
        with self._lock:
            self.events.append(event)

    def of(self, kind: type[E]) -> list[E]:
        with self._lock:
            return [e for e in self.events if isinstance(e, kind)]

    def wait_for(self, kind: type[Any], timeout: float = WAIT_S) -> None:
        wait_until(lambda: bool(self.of(kind)), timeout, f"a {kind.__name__} event")


class Harness:
    """The real engine (a Dispatcher with one driver) on one fake server, restricted to the
    jobs a test hands it, with a Recorder and a ComfyClient of the test's own."""

    def __init__(
        self,
        ctx: AppContext,
        fake: FakeComfyServer,
        *,
        config: EngineConfig,
        auth_header: str | None,
        pipeline_depth: int = 2,
    ) -> None:
        self.ctx = ctx
        self.fake = fake
        self.recorder = Recorder()
        self.client = ComfyClient(fake.url, auth_header=auth_header, timeout=10)
        self._allowed: set[str] = set()
        self.dispatcher = Dispatcher(
            ctx.store,
            ctx.library,
            ctx.templates,
            [ServerConfig(fake.url, auth_header=auth_header, pipeline_depth=pipeline_depth)],
            listener=self.recorder,
            config=config,
            accept=lambda job: job.id in self._allowed,
        )
        self._started = False

    def start(self, job: Job) -> None:
        """Let the engine run `job` (queued, pending) and start it if it is not running."""
        self._allowed.add(job.id)
        if not self._started:
            self._started = True
            self.dispatcher.start()
        else:
            self.dispatcher._wake_all()

    def connect(self) -> None:
        """Start the engine with no job and wait until it is connected to the fake."""
        if not self._started:
            self._started = True
            self.dispatcher.start()
        wait_until(
            lambda: self.status().state in (ServerState.IDLE, ServerState.BUSY),
            what="the engine to connect",
        )

    def status(self) -> ServerStatus:
        (status,) = self.dispatcher.statuses()
        return status

    def run(self, job: Job, timeout: float = WAIT_S) -> Job:
        """Run `job` to a final state and return it as stored."""
        self.start(job)
        return self.final(job.id, timeout)

    def final(self, job_id: str, timeout: float = WAIT_S) -> Job:
        def ended() -> bool:
            current = self.ctx.store.get_job(job_id)
            return current is not None and current.status.is_final

        wait_until(ended, timeout, f"job {job_id} to end")
        # The engine may still be reporting it or taking it off the server: wait until it lets
        # go of the job.
        drivers = list(self.dispatcher._loops.values())
        wait_until(
            lambda: not any(d.holds(job_id) for d in drivers),
            timeout,
            f"the engine to let go of job {job_id}",
        )
        final = self.ctx.store.get_job(job_id)
        assert final is not None
        return final

    def cancel(self, job_id: str) -> Job:
        return self.dispatcher.cancel(job_id)

    @property
    def client_id(self) -> str:
        driver = next(iter(self.dispatcher._loops.values()))
        server = driver._comfy
        assert isinstance(server, HttpComfyServer)
        return server.client_id

    def close(self) -> None:
        self.dispatcher.shutdown(10.0)
        self.client.close()


@contextmanager
def harness(
    ctx: AppContext,
    fake: FakeComfyServer,
    *,
    config: EngineConfig = FAST,
    auth_header: str | None = None,
    pipeline_depth: int = 2,
) -> Iterator[Harness]:
    """The engine wired to `fake` with a Recorder; shut down after."""
    h = Harness(ctx, fake, config=config, auth_header=auth_header, pipeline_depth=pipeline_depth)
    try:
        yield h
    finally:
        h.close()


class Background:
    """`h.run(job)` for a test that acts while the job runs: `result()` waits for its end."""

    def __init__(self, h: Harness, job: Job) -> None:
        self._h = h
        self._job_id = job.id
        h.start(job)

    def result(self, timeout: float = WAIT_S) -> Job:
        return self._h.final(self._job_id, timeout)


def data_files(ctx: AppContext) -> list[Path]:
    """Every file under the data folder, relative to it."""
    root = ctx.paths.root
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())
