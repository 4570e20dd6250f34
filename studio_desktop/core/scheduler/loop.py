"""One scheduling loop per ComfyUI server.

A loop keeps up to `pipeline_depth` prompts submitted (the next one is already queued on the
server when the current one ends), follows all of them over one websocket, and hands finished
prompts to an output stage (its own thread, `output.py`) that downloads, stores and thumbnails
them while the GPU is already on the next prompt. A server that goes away puts its unfinished jobs
back to pending for any other server, and is used again when it comes back.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from studio_desktop.core.comfy import (
    ComfyClient,
    ComfyConnectionError,
    ComfyError,
    ComfyTimeout,
    EventStream,
    EventType,
    PromptRejected,
)
from studio_desktop.core.comfy import events as ev
from studio_desktop.core.comfy.client import normalize_base_url
from studio_desktop.core.comfy.errors import ComfyAuthError
from studio_desktop.core.jobs import IllegalTransition, Job, JobError, JobStatus
from studio_desktop.core.library.files import OutputLibrary, OutputRejected
from studio_desktop.core.runner import (
    JobFinished,
    JobPreview,
    JobProgress,
    JobRetrying,
    JobRunner,
    JobStarted,
    StepTimer,
    node_types,
    rejection_error,
)
from studio_desktop.core.scheduler.config import SchedulerConfig
from studio_desktop.core.scheduler.events import (
    JobStateChanged,
    Notice,
    SchedulerEvent,
    SchedulerListener,
    ServerChanged,
    ServerState,
    ServerStatus,
)
from studio_desktop.core.scheduler.output import OutputStage
from studio_desktop.core.servers import (
    ServerCapabilities,
    ServerConfig,
    probe,
    record_capabilities,
)
from studio_desktop.core.store import Store
from studio_desktop.core.workflows import TemplateError, TemplateRegistry

log = logging.getLogger("studio.scheduler")


@dataclass
class _InFlight:
    job: Job
    node_types: dict[str, str]
    adopted: bool = False  # submitted by an earlier run: its events go to another client id
    started: bool = False
    timer: StepTimer = field(default_factory=StepTimer)


class _ServerDown(Exception):
    pass


class ServerLoop:
    """Drives one server. `run()` is the thread body; every other method is thread-safe."""

    def __init__(
        self,
        store: Store,
        library: OutputLibrary,
        templates: TemplateRegistry,
        server: ServerConfig,
        *,
        listener: SchedulerListener | None = None,
        config: SchedulerConfig | None = None,
        accept: Callable[[Job], bool] | None = None,
    ) -> None:
        self.server = server
        self.url = normalize_base_url(server.url)  # as jobs record it
        self._store = store
        self._library = library
        self._templates = templates
        self._listener = listener
        self._config = config or SchedulerConfig()
        self._accept = accept
        self._client_id = uuid.uuid4().hex
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._commands: queue.SimpleQueue[str] = queue.SimpleQueue()  # job ids to cancel
        self._in_flight: dict[str, _InFlight] = {}
        self._retry_at: dict[str, float] = {}
        self._attempts: dict[str, int] = {}
        self._abandoned: set[str] = set()
        self._caps: ServerCapabilities | None = None
        self._status = ServerStatus(self.url, server.label, ServerState.CONNECTING)
        self._status_lock = threading.Lock()
        self._runner: JobRunner | None = None
        self._stream: EventStream | None = None
        self._output = OutputStage(
            store,
            self._config,
            server.label,
            stop=self._stop,
            wake=self._wake,
            emit=self._emit,
            fail=self._fail,
        )
        self._last_history_poll = 0.0
        self._release_on_stop = False

    # --- thread-safe API ---

    @property
    def status(self) -> ServerStatus:
        with self._status_lock:
            return self._status

    def stop(self, *, release_jobs: bool = False) -> None:
        """Stop the loop. With `release_jobs` (the server is being removed) its unfinished jobs
        go back to pending for other servers and are taken off this server."""
        self._release_on_stop = self._release_on_stop or release_jobs
        self._stop.set()
        self._wake.set()

    def wake(self) -> None:
        self._wake.set()

    def request_cancel(self, job_id: str) -> None:
        """The job is already cancelled in the store; take it off this server too."""
        self._commands.put(job_id)
        self._wake.set()

    def holds(self, job_id: str) -> bool:
        return job_id in self._in_flight or job_id in self._retry_at

    # --- the loop ---

    def run(self) -> None:
        backoff = self._config.reconnect_backoff_s[0]
        try:
            while not self._stop.is_set():
                if self._stream is None:
                    if not self._connect():
                        self._stop.wait(backoff)
                        backoff = min(backoff * 2, self._config.reconnect_backoff_s[1])
                        continue
                    backoff = self._config.reconnect_backoff_s[0]
                try:
                    self._step()
                except (_ServerDown, ComfyConnectionError, ComfyTimeout, ComfyAuthError) as exc:
                    self._server_down(str(exc))
        except Exception:
            log.exception("server loop for %s crashed", self.url)
            self._server_down("internal error; see the log")
            raise
        finally:
            self._shutdown()

    def _step(self) -> None:
        self._handle_cancels()
        self._resume_retries()
        self._fill_pipeline()
        self._pump_events()
        self._poll_history()
        self._update_busy()

    # --- connecting ---

    def _connect(self) -> bool:
        self._set_status(ServerState.CONNECTING)
        client = ComfyClient(self.server.url, auth_header=self.server.auth_header)
        try:
            caps = probe(client)
            stream = EventStream(
                self.server.url,
                self._client_id,
                auth_header=self.server.auth_header,
                max_reconnect_seconds=self._config.stream_reconnect_s,
            )
            stream.connect()
        except ComfyError as exc:
            client.close()
            self._set_status(ServerState.DOWN, message=str(exc))
            record_capabilities(self._store, self.url, None, ServerState.DOWN.value)
            return False
        self._caps = caps
        self._stream = stream
        self._runner = self._make_runner(client)
        self._output.runner = self._make_runner(
            ComfyClient(self.server.url, auth_header=self.server.auth_header)
        )
        record_capabilities(self._store, self.url, caps, ServerState.IDLE.value)
        self._set_status(ServerState.IDLE, caps=caps)
        log.info("connected to %s (%s)", self.url, caps.gpu_name)
        self._forget_abandoned()
        self._reconcile()
        return True

    def _make_runner(self, client: ComfyClient) -> JobRunner:
        return JobRunner(
            self._store,
            self._library,
            self._templates,
            client,
            client_id=self._client_id,
            config=self._config.runner,
            listener=self._emit,
        )

    def _reconcile(self) -> None:
        """DESIGN §3, on start and on reconnect: jobs recorded as running on this server."""
        runner = self._require_runner()
        for job in self._store.jobs_with_status(JobStatus.RUNNING, JobStatus.RETRYING):
            if job.server != self.url or self.holds(job.id):
                continue
            if self._accept is not None and not self._accept(job):
                continue
            self._place(runner, job)

    def _place(self, runner: JobRunner, job: Job) -> None:
        """Find a claimed job on the server: collect it, follow it, or (unknown) requeue it."""
        location, entry = runner.locate(job.id)
        if location == "unknown":
            log.info("job %s unknown to %s: back to pending", job.id, self.url)
            self._emit(JobStateChanged(self._store.requeue(job.id)))
            return
        if job.status is JobStatus.RETRYING:
            job = self._store.move(job.id, JobStatus.RUNNING, expected=JobStatus.RETRYING)
        if entry is not None:
            self._output.collect(job, entry)
        else:
            self._in_flight[job.id] = _InFlight(job, node_types(self._graph(job)), adopted=True)

    def _forget_abandoned(self) -> None:
        """Prompts we gave up on while the server was away must not run now for nothing."""
        if not self._abandoned:
            return
        runner = self._require_runner()
        for prompt_id in list(self._abandoned):
            job = self._store.get_job(prompt_id)
            if job is None or job.status is not JobStatus.RUNNING or job.server != self.url:
                runner.cancel_on_server(prompt_id)
        self._abandoned.clear()

    def _server_down(self, reason: str) -> None:
        """Give every unfinished job back to the queue so other servers can take it."""
        log.warning("%s is down: %s", self.url, reason)
        for job_id in [*self._in_flight, *self._retry_at]:
            try:
                job = self._store.requeue(
                    job_id, reason=JobError(type="server_down", message=reason)
                )
            except IllegalTransition:
                continue  # cancelled or finished meanwhile
            self._abandoned.add(job_id)
            self._emit(JobStateChanged(job))
        self._in_flight.clear()
        self._retry_at.clear()
        self._close_connection()
        self._set_status(ServerState.DOWN, message=reason)
        record_capabilities(self._store, self.url, None, ServerState.DOWN.value)
        if not self._stop.is_set():
            self._emit(Notice(f"{self.server.label} is not reachable: {reason}"))

    # --- claiming and submitting ---

    def _can_run(self, job: Job) -> bool:
        if self._accept is not None and not self._accept(job):
            return False
        return self._caps is None or not self._caps.missing_for(job, self._templates)

    def _fill_pipeline(self) -> None:
        depth = max(1, self.server.pipeline_depth)
        while len(self._in_flight) < depth and not self._stop.is_set():
            job = self._store.claim_next(self.url, can_run=self._can_run)
            if job is None:
                return
            self._emit(JobStateChanged(job))
            runner = self._require_runner()
            if job.attempt > 1:
                # It ran somewhere before; if it was here, pick it up rather than run it twice.
                self._place_or_submit(runner, job)
            else:
                self._submit(job)

    def _place_or_submit(self, runner: JobRunner, job: Job) -> None:
        location, entry = runner.locate(job.id)
        if entry is not None and not (entry.completed and entry.status_str == "success"):
            # The server's record of an earlier, failed attempt (the user pressed Retry, or a
            # dead server's prompt errored): this attempt runs the prompt again.
            location, entry = "unknown", None
        if location == "unknown":
            self._submit(job)
        elif entry is not None:
            self._output.collect(job, entry)
        else:
            self._in_flight[job.id] = _InFlight(job, node_types(self._graph(job)), adopted=True)

    def _submit(self, job: Job) -> None:
        runner = self._require_runner()
        try:
            runner.submit(job)
        except PromptRejected as exc:
            self._fail(job.id, rejection_error(exc))
        except (TemplateError, OutputRejected) as exc:
            self._fail(job.id, JobError(type="template", message=str(exc)))
        except (ComfyConnectionError, ComfyTimeout, ComfyAuthError):
            self._in_flight[job.id] = _InFlight(job, {})  # so _server_down requeues it
            raise
        except ComfyError as exc:
            self._retry_later(job.id, exc)
        else:
            fresh = self._store.get_job(job.id) or job
            self._in_flight[job.id] = _InFlight(fresh, node_types(self._graph(fresh)))

    def _retry_later(self, job_id: str, exc: ComfyError) -> None:
        attempts = self._attempts.get(job_id, 0) + 1
        self._attempts[job_id] = attempts
        cfg = self._config.runner
        if not exc.transient or attempts >= cfg.max_attempts:
            message = str(exc)
            if exc.transient:
                message = f"{message} (gave up after {attempts} attempts)"
            self._fail(job_id, JobError(type=type(exc).__name__, message=message))
            return
        delay = min(cfg.backoff_s * 2 ** (attempts - 1), cfg.backoff_max_s)
        try:
            job = self._store.move(
                job_id, JobStatus.RETRYING, error=JobError(type="transient", message=str(exc))
            )
        except IllegalTransition:
            return
        self._retry_at[job_id] = time.monotonic() + delay
        self._emit(JobStateChanged(job))
        self._emit(JobRetrying(job_id, attempts, delay, str(exc)))

    def _resume_retries(self) -> None:
        now = time.monotonic()
        for job_id, due in list(self._retry_at.items()):
            if due > now:
                continue
            del self._retry_at[job_id]
            try:
                job = self._store.move(job_id, JobStatus.RUNNING, expected=JobStatus.RETRYING)
            except IllegalTransition:
                continue  # cancelled while waiting
            self._emit(JobStateChanged(job))
            self._place_or_submit(self._require_runner(), job)

    # --- following ---

    def _pump_events(self) -> None:
        stream = self._stream
        if stream is None:
            raise _ServerDown("not connected")
        busy = bool(self._in_flight)
        deadline = time.monotonic() + (
            self._config.runner.event_poll_s if busy else self._config.idle_poll_s
        )
        while not self._stop.is_set():
            remaining = deadline - time.monotonic()
            if remaining <= 0 or (not busy and self._wake.is_set()):
                break
            event = stream.next_event(min(remaining, 0.05) if not busy else remaining)
            if event is not None:
                self._dispatch(event)
                if not self._commands.empty():
                    break
        self._wake.clear()

    def _dispatch(self, event: ev.Event) -> None:
        kind = event.type
        prompt_id = getattr(event, "prompt_id", None)
        if kind is EventType.RECONNECTED:
            self._last_history_poll = 0.0  # events may have been lost: look now
            return
        if kind is EventType.PREVIEW and prompt_id is None:
            prompt_id = self._running_prompt()  # type-1 previews carry no prompt id
        item = self._in_flight.get(prompt_id or "")
        if item is None:
            return
        job_id = item.job.id
        if kind is EventType.EXECUTION_START:
            item.started = True
            self._emit(JobStarted(job_id, self.url))
        elif kind is EventType.PROGRESS:
            assert isinstance(event, ev.Progress)
            item.started = True
            node_type = item.node_types.get(event.node or "")
            eta = item.timer.step(event.node, event.value, event.max)
            self._emit(JobProgress(job_id, event.value, event.max, event.node, node_type, eta))
            if event.value >= event.max or event.value % 4 == 0:
                fraction = event.value / event.max if event.max else 0.0
                text = f"{node_type or 'step'} {event.value}/{event.max}"
                self._store.set_progress(job_id, fraction, text)
        elif kind is EventType.PREVIEW:
            assert isinstance(event, ev.Preview)
            self._emit(JobPreview(job_id, event.image, event.format))
        elif kind is EventType.EXECUTING:
            assert isinstance(event, ev.Executing)
            if event.node is None:
                self._finish_from_history(job_id)
        elif kind is EventType.EXECUTION_ERROR:
            assert isinstance(event, ev.ExecutionError)
            del self._in_flight[job_id]
            self._fail(
                job_id,
                JobError(
                    type=event.exception_type or "execution_error",
                    message=f"{event.node_type} (node {event.node_id}) failed: "
                    f"{event.exception_message}".strip(),
                    node_id=event.node_id,
                    details=event.traceback,
                ),
            )
        elif kind is EventType.EXECUTION_INTERRUPTED:
            del self._in_flight[job_id]
            self._fail(
                job_id,
                JobError(
                    type="interrupted",
                    message="The run was interrupted on the server (from another client?). "
                    "Retry the job to run it again.",
                ),
            )

    def _running_prompt(self) -> str | None:
        started = [job_id for job_id, item in self._in_flight.items() if item.started]
        return started[0] if len(started) == 1 else None

    def _finish_from_history(self, job_id: str) -> bool:
        entry = self._require_runner().client.history(job_id)
        if entry is None:
            return False
        item = self._in_flight.pop(job_id)
        self._output.collect(item.job, entry)
        return True

    def _poll_history(self) -> None:
        """Safety net: prompts whose end we did not hear about (adopted, lost events)."""
        now = time.monotonic()
        if (
            not self._in_flight
            or now - self._last_history_poll < self._config.runner.history_poll_s
        ):
            return
        self._last_history_poll = now
        runner = self._require_runner()
        server_queue = runner.client.queue()
        for job_id in list(self._in_flight):
            if server_queue.contains(job_id):
                continue
            if self._finish_from_history(job_id):
                continue
            # Neither queued nor in history: the server restarted and forgot it.
            item = self._in_flight.pop(job_id)
            log.info("job %s lost by %s; submitting again", job_id, self.url)
            self._submit(item.job)

    # --- cancelling ---

    def _handle_cancels(self) -> None:
        on_server: list[str] = []
        while not self._commands.empty():
            job_id = self._commands.get_nowait()
            self._retry_at.pop(job_id, None)
            if self._in_flight.pop(job_id, None) is not None:
                on_server.append(job_id)
        if on_server:
            self._cancel_on_server(on_server)

    def _cancel_on_server(self, prompt_ids: list[str]) -> None:
        """Delete the queued ones first, in one call, then interrupt the running one: the other
        order would let the server start a queued prompt we are about to cancel."""
        client = self._require_runner().client
        try:
            server_queue = client.queue()
            queued = [p for p in prompt_ids if any(i.prompt_id == p for i in server_queue.pending)]
            if queued:
                client.delete_from_queue(queued)
            for prompt_id in prompt_ids:
                if any(i.prompt_id == prompt_id for i in server_queue.running):
                    client.interrupt(prompt_id)
        except ComfyError as exc:
            log.warning("could not cancel %s on %s: %s", prompt_ids, self.url, exc)
            self._emit(
                Notice(
                    f"{self.server.label} did not take the cancel ({exc}); the job is cancelled "
                    "here but the server may still finish it."
                )
            )

    # --- helpers ---

    def _fail(self, job_id: str, error: JobError) -> None:
        try:
            job = self._store.fail(job_id, error)
        except IllegalTransition:
            return  # cancelled meanwhile
        self._emit(JobStateChanged(job))
        self._emit(JobFinished(job, ()))

    def _graph(self, job: Job) -> dict[str, object]:
        if job.workflow is not None:
            return dict(job.workflow)
        try:
            return dict(self._templates.get(job.template).graph)
        except TemplateError:
            return {}

    def _require_runner(self) -> JobRunner:
        if self._runner is None:
            raise _ServerDown("not connected")
        return self._runner

    def _update_busy(self) -> None:
        state = ServerState.BUSY if self._in_flight or self._output.collecting else ServerState.IDLE
        if self.status.state != state or self.status.in_flight != len(self._in_flight):
            self._set_status(state)

    def _set_status(
        self, state: ServerState, *, message: str = "", caps: ServerCapabilities | None = None
    ) -> None:
        caps = caps or self._caps
        with self._status_lock:
            old = self._status
            new = replace(
                old,
                state=state,
                message=message,
                in_flight=len(self._in_flight),
                gpu_name=caps.gpu_name if caps else old.gpu_name,
                vram_total=caps.vram_total if caps else old.vram_total,
                vram_free=caps.vram_free if caps else old.vram_free,
            )
            self._status = new
        if new != old:
            self._emit(ServerChanged(new))

    def _release_jobs(self) -> None:
        held = [*self._in_flight, *self._retry_at]
        if held and self._runner is not None:
            self._cancel_on_server(list(self._in_flight))
        for job_id in held:
            try:
                self._emit(JobStateChanged(self._store.requeue(job_id)))
            except IllegalTransition:
                continue
        self._in_flight.clear()
        self._retry_at.clear()

    def _close_connection(self) -> None:
        if self._stream is not None:
            self._stream.close()
            self._stream = None
        for runner in (self._runner, self._output.runner):
            if runner is not None:
                runner.client.close()
        self._runner = None
        # The output stage's runner stays until the stage is idle; it reconnects per request.

    def _shutdown(self) -> None:
        if self._release_on_stop:
            self._release_jobs()
        self._output.shutdown()
        self._close_connection()
        self._set_status(ServerState.STOPPED)

    def _emit(self, event: SchedulerEvent) -> None:
        if self._listener is None:
            return
        try:
            self._listener(event)
        except Exception:
            log.exception("scheduler listener failed on %s", type(event).__name__)
