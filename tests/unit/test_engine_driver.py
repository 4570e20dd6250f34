"""The driver and its supervisor on a real store with the in-memory server: what a flaky or
hostile server, or a failing database, does to the loop (nothing that stops it)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from studio_desktop.core.comfy import BadResponse, ComfyHTTPError, OutputFile
from studio_desktop.core.comfy import events as ev
from studio_desktop.core.context import AppContext
from studio_desktop.core.engine import (
    EngineConfig,
    EngineEvent,
    JobFinished,
    Notice,
    ServerDriver,
    ServerState,
)
from studio_desktop.core.jobs import GenerationParams, JobStatus, NewJob
from studio_desktop.core.servers import ServerConfig
from studio_desktop.core.store.errors import DatabaseUnavailable, Unavailable
from tests.fakes.memory_server import MemoryServer

FAST = EngineConfig(
    backoff_s=0.01,
    backoff_max_s=0.05,
    event_poll_s=0.02,
    idle_poll_s=0.02,
    history_poll_s=0.05,
    reconnect_backoff_s=(0.01, 0.05),
    restart_backoff_s=(0.01, 0.05),
    held_check_s=0.05,
)
WAIT_S = 15.0


def wait_until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.005)


class Running:
    def __init__(self, ctx: AppContext, server: MemoryServer) -> None:
        self.ctx = ctx
        self.server = server
        self.events: list[EngineEvent] = []
        self._lock = threading.Lock()
        self.driver = ServerDriver(
            ctx.store,
            ctx.library,
            ctx.templates,
            ServerConfig(server.url),
            listener=self._record,
            config=FAST,
            server_factory=lambda _config, _engine: server,
        )
        self.thread = threading.Thread(target=self.driver.run, name="driver-under-test")

    def _record(self, event: EngineEvent) -> None:
        with self._lock:
            self.events.append(event)

    def of(self, kind: type) -> list[EngineEvent]:
        with self._lock:
            return [e for e in self.events if isinstance(e, kind)]

    def queue(self, count: int = 1) -> list[str]:
        jobs = [
            NewJob("txt2img", GenerationParams(prompt=f"p{i}", seed=i, model="model.safetensors"))
            for i in range(count)
        ]
        ids = [j.id for j in self.ctx.store.add_jobs(jobs)]
        self.driver.wake()
        return ids

    def status_of(self, job_id: str) -> JobStatus:
        job = self.ctx.store.get_job(job_id)
        assert job is not None
        return job.status


@pytest.fixture
def run(tmp_path: Path) -> Iterator[Running]:
    with AppContext.open(tmp_path / "data") as ctx:
        running = Running(ctx, MemoryServer())
        running.thread.start()
        try:
            yield running
        finally:
            running.driver.stop()
            running.thread.join(10)
            assert not running.thread.is_alive()


def test_a_job_runs_from_claim_to_recorded_outputs(run: Running) -> None:
    (job_id,) = run.queue()
    wait_until(lambda: job_id in run.server.submitted, "the submit")
    run.server.finish(job_id)
    wait_until(lambda: run.status_of(job_id) is JobStatus.COMPLETED, "completion")
    (image,) = run.ctx.store.images_for_job(job_id)
    # The staged file is renamed into place only after the commit that records it, so a
    # reader can see "completed" a moment before the file is there (a loaded run did).
    wait_until(lambda: run.ctx.paths.resolve(image.path).is_file(), "the output in place")


@pytest.mark.parametrize(
    "error",
    [
        ComfyHTTPError("http://memory:8188", 500, "trouble"),
        BadResponse("m", "<html>"),
        OverflowError(),
    ],
)
def test_errors_from_the_queue_and_history_do_not_stop_the_server(
    run: Running, error: Exception
) -> None:
    """One HTTP 500 or non-JSON answer from /history or /queue used to stop that server until
    the app restarted, with its job marked running and later jobs waiting for ever."""
    (job_id,) = run.queue()
    wait_until(lambda: job_id in run.server.submitted, "the submit")
    run.server.fail_next("queue", error)
    run.server.fail_next("history", error)
    wait_until(lambda: run.server.calls.count("queue") >= 2, "polls after the failure")
    assert run.driver.status.state is ServerState.BUSY
    run.server.finish(job_id)
    wait_until(lambda: run.status_of(job_id) is JobStatus.COMPLETED, "completion")
    (later,) = run.queue()
    wait_until(lambda: later in run.server.submitted, "the next job taken")


def test_a_failing_database_restarts_the_loop_and_says_why(
    run: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = run.ctx.store
    real = store.set_progress
    calls = {"n": 0}

    def broken(*args: object, **kwargs: object) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            raise DatabaseUnavailable(store.path, Unavailable.IO, "disk I/O error")
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "set_progress", broken)
    (job_id,) = run.queue()
    wait_until(lambda: job_id in run.server.submitted, "the submit")
    from studio_desktop.core.comfy import events as ev

    run.server.push(ev.Progress(prompt_id=job_id, value=1, max=2, node="3"))
    wait_until(lambda: bool(run.of(Notice)), "a notice")
    notice = run.of(Notice)[0]
    assert isinstance(notice, Notice) and "database cannot be written" in notice.message
    # The loop came back: the job was given back, found on the server and followed to the end.
    wait_until(lambda: run.driver.status.state in (ServerState.IDLE, ServerState.BUSY), "up")
    wait_until(lambda: run.status_of(job_id) is JobStatus.RUNNING, "taken again")
    run.server.finish(job_id)
    wait_until(lambda: run.status_of(job_id) is JobStatus.COMPLETED, "completion")
    assert run.server.submitted.count(job_id) == 1  # found again, not submitted twice


def test_a_job_cancelled_by_another_process_is_stopped_on_the_server(run: Running) -> None:
    (job_id,) = run.queue()
    wait_until(lambda: job_id in run.server.submitted, "the submit")
    run.ctx.store.cancel(job_id)  # as a window would, in another process: no request_cancel
    wait_until(lambda: job_id in run.server.cancelled, "the cancel on the server")
    # ... and reported as finished here, so the CLI that queued it counts every job of its batch.
    wait_until(lambda: bool(run.of(JobFinished)), "the report")
    (finished,) = run.of(JobFinished)
    assert isinstance(finished, JobFinished) and finished.job.status is JobStatus.CANCELLED


class SlowDownloads(MemoryServer):
    """Downloads wait for `gate`: a job's outputs are being saved for as long as a test wants."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()
        self.downloading = threading.Event()

    def view(self, output: OutputFile) -> bytes:
        self.downloading.set()
        assert self.gate.wait(WAIT_S), "the test never opened the gate"
        return super().view(output)


def test_a_retry_pressed_while_the_last_outputs_are_saved_waits_for_the_save(
    tmp_path: Path,
) -> None:
    """Seen under load: Retry pressed the moment a job failed was failed again by the late
    result of the earlier attempt's output step, which landed on the new attempt."""
    with AppContext.open(tmp_path / "data") as ctx:
        server = SlowDownloads()
        run = Running(ctx, server)
        run.thread.start()
        try:
            (first,) = run.queue()
            wait_until(lambda: first in server.submitted, "the submit")
            server.finish(first)
            assert server.downloading.wait(WAIT_S)
            ctx.store.cancel(first)  # ended elsewhere while its outputs are saved...
            ctx.store.retry(first)  # ...and retried at once
            (second,) = run.queue()  # queued after it: taken only if the retry is passed over
            wait_until(lambda: second in server.submitted, "the next job's submit")
            assert run.status_of(first) is JobStatus.PENDING
            server.gate.set()
            # Once the save is over the retry is taken. The run it finds on the server had
            # succeeded, so it is picked up rather than run twice: the retry may pass through
            # RUNNING too quickly to be seen, so its end is what is waited on.
            wait_until(lambda: run.status_of(first) is JobStatus.COMPLETED, "the retry done")
            retried = ctx.store.get_job(first)
            assert retried is not None and retried.attempt == 2
            assert len(ctx.store.images_for_job(first)) == 1  # the overruled save left nothing
            assert server.submitted.count(first) == 1
        finally:
            server.gate.set()
            run.driver.stop()
            run.thread.join(10)


def test_a_retry_pressed_at_once_is_not_failed_by_the_last_run_s_end_marker(run: Running) -> None:
    """Seen under load: Retry pressed the moment a job failed; the failed run's end marker came
    after the new submission, the old history record was read, and the retry failed too."""
    (job_id,) = run.queue()
    wait_until(lambda: job_id in run.server.submitted, "the submit")
    run.server.fail(job_id)
    wait_until(lambda: run.status_of(job_id) is JobStatus.FAILED, "the failure")
    run.ctx.store.retry(job_id)
    run.driver.wake()
    wait_until(lambda: run.server.submitted.count(job_id) == 2, "the second submit")
    assert "forget" in run.server.calls
    assert job_id not in run.server.history_entries  # cleared before the new run
    run.server.push(ev.Executing(prompt_id=job_id, node=None))  # the old run's late end
    wait_until(lambda: run.server.events_waiting() == 0, "the late marker read")
    calls = len(run.server.calls)
    # A later read of the stream means the marker has been handled.
    wait_until(lambda: run.server.calls[calls:].count("next_event") >= 1, "the stream read on")
    assert run.status_of(job_id) is JobStatus.RUNNING
    run.server.finish(job_id)
    wait_until(lambda: run.status_of(job_id) is JobStatus.COMPLETED, "the retry completed")


def test_a_server_that_cannot_clear_the_old_run_still_runs_the_retry(run: Running) -> None:
    (job_id,) = run.queue()
    wait_until(lambda: job_id in run.server.submitted, "the submit")
    run.server.fail(job_id)
    wait_until(lambda: run.status_of(job_id) is JobStatus.FAILED, "the failure")
    run.server.fail_next("forget", ComfyHTTPError("http://memory:8188", 500, "trouble"))
    run.ctx.store.retry(job_id)
    run.driver.wake()
    wait_until(lambda: run.server.submitted.count(job_id) == 2, "the second submit")
    run.server.push(ev.ExecutionStart(prompt_id=job_id))
    run.server.finish(job_id)
    wait_until(lambda: run.status_of(job_id) is JobStatus.COMPLETED, "the retry completed")
