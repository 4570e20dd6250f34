"""Runs one job on one ComfyUI server, from upload to recorded outputs.

Blocking and cancellable: a worker thread calls `JobRunner.run(job, cancel)`; another thread sets
`cancel` to stop it. The steps are separate methods (`locate`, `submit`, `follow`, `collect`) so
a pipelining scheduler can submit the next prompt while this one runs.

Every state change goes through the store as one transaction, so a kill at any moment leaves a
job that `resume` can finish: the job id is also ComfyUI's `prompt_id`, which lets a restarted
app find its prompt on the server (queued, running or done) instead of running it twice.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from studio_desktop import __version__
from studio_desktop.core.comfy import (
    ComfyClient,
    ComfyError,
    EventStream,
    EventType,
    HistoryEntry,
    PromptRejected,
)
from studio_desktop.core.comfy import events as ev
from studio_desktop.core.jobs import (
    IllegalTransition,
    ImageRecord,
    Job,
    JobError,
    JobStatus,
    NewImage,
)
from studio_desktop.core.library.files import OutputLibrary, OutputRejected
from studio_desktop.core.store import Store
from studio_desktop.core.workflows import TemplateError, TemplateRegistry, bind

log = logging.getLogger("studio.runner")

# Output keys in ComfyUI's history that hold files (images, animated, video, audio).
FILE_OUTPUT_KEYS = ("images", "gifs", "video", "videos", "audio")


class Cancelled(Exception):
    """The user cancelled the job; the server side has been told."""


class ExecutionFailed(Exception):
    """ComfyUI ran the prompt and it failed; retrying the same graph would fail again."""

    def __init__(self, error: JobError) -> None:
        super().__init__(error.message)
        self.error = error


@dataclass(frozen=True)
class RunnerConfig:
    max_attempts: int = 3
    backoff_s: float = 1.0  # first retry delay; doubles up to backoff_max_s
    backoff_max_s: float = 30.0
    event_poll_s: float = 0.2  # how often a blocked follow() looks at `cancel`
    history_poll_s: float = 2.0  # safety net for missed events (reconnects, adopted prompts)
    progress_write_s: float = 0.5  # at most this often a progress UPDATE hits the database
    preview_method: str = "auto"


# --- what the runner tells its listener (the CLI prints these; the Qt worker re-emits them) ---


@dataclass(frozen=True)
class JobStarted:
    job_id: str
    server: str


@dataclass(frozen=True)
class JobProgress:
    job_id: str
    value: int
    max: int
    node: str | None
    node_type: str | None
    eta_s: float | None

    @property
    def fraction(self) -> float:
        return self.value / self.max if self.max else 0.0


@dataclass(frozen=True)
class JobPreview:
    job_id: str
    image: bytes
    format: str


@dataclass(frozen=True)
class JobRetrying:
    job_id: str
    attempt: int
    delay_s: float
    reason: str


@dataclass(frozen=True)
class JobFinished:
    job: Job
    images: tuple[ImageRecord, ...]


RunnerEvent = JobStarted | JobProgress | JobPreview | JobRetrying | JobFinished
Listener = Callable[[RunnerEvent], None]


# Made by EventStream itself, not by the server: they belong to no prompt and are never filtered.
_STREAM_EVENTS = frozenset({EventType.DISCONNECTED, EventType.RECONNECTED})


class _Location:
    """Where a prompt is on the server right now."""

    UNKNOWN = "unknown"
    QUEUED = "queued"
    DONE = "done"


def rejection_error(exc: PromptRejected) -> JobError:
    """A rejected prompt, as a job error that keeps the server's per-node, per-input messages."""
    nodes = [
        {
            "node_id": node.node_id,
            "class_type": node.class_type,
            "errors": [
                {
                    "type": d.type,
                    "message": d.message,
                    "details": d.details,
                    "input_name": d.input_name,
                }
                for d in node.errors
            ],
        }
        for node in exc.node_errors
    ]
    first = exc.node_errors[0].node_id if exc.node_errors else None
    return JobError(type=exc.error_type, message=str(exc), node_id=first, details=nodes)


def studio_metadata(job: Job) -> dict[str, Any]:
    """What we write into every output PNG as the `studio` chunk: enough to remix it."""
    return {
        "app": f"studio-desktop/{__version__}",
        "job_id": job.id,
        "template": job.template,
        "params": job.params.to_dict(),
    }


class JobRunner:
    """Runs claimed jobs on one server. Not thread-safe: one runner per worker thread."""

    def __init__(
        self,
        store: Store,
        library: OutputLibrary,
        templates: TemplateRegistry,
        client: ComfyClient,
        *,
        client_id: str | None = None,
        config: RunnerConfig | None = None,
        listener: Listener | None = None,
    ) -> None:
        self.store = store
        self.library = library
        self.templates = templates
        self.client = client
        self.client_id = client_id or uuid.uuid4().hex
        self.config = config or RunnerConfig()
        self._listener = listener
        self._stream: EventStream | None = None
        self._last_progress_write = 0.0
        self._fraction = 0.0  # last progress of the followed job, so text updates need no read
        # Whether the current job's prompt may be on the server: then a cancel must reach it there
        # too, even when it comes during a retry backoff (else it runs on, or runs later).
        self._maybe_on_server = False

    @property
    def server(self) -> str:
        return self.client.base_url

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()
            self._stream = None

    # --- the whole run ---

    def run(self, job: Job, cancel: threading.Event | None = None) -> Job:
        """Run a claimed (running) job to a final state and return it. Never raises for job
        failures: they are recorded on the job. Raises only for bugs."""
        cancel = cancel or threading.Event()
        self._maybe_on_server = False
        self._emit(JobStarted(job.id, self.server))
        attempt = 0
        while True:
            attempt += 1
            try:
                images = self._attempt(job, cancel)
                finished = self._require(job.id)
                self._emit(JobFinished(finished, tuple(images)))
                return finished
            except Cancelled:
                return self._finish_cancel(job.id)
            except PromptRejected as exc:
                log.info("job %s rejected by %s: %s", job.id, self.server, exc)
                return self._fail(job.id, rejection_error(exc))
            except ExecutionFailed as exc:
                if cancel.is_set():  # e.g. the interrupt our own cancel caused
                    return self._cancel_everywhere(job.id)
                return self._fail(job.id, exc.error)
            except (OutputRejected, TemplateError) as exc:
                kind = "output_rejected" if isinstance(exc, OutputRejected) else "template"
                return self._fail(job.id, JobError(type=kind, message=str(exc)))
            except IllegalTransition as exc:
                return self._overruled(job.id, exc)
            except ComfyError as exc:
                if cancel.is_set():
                    return self._cancel_everywhere(job.id)
                if not exc.transient or attempt >= self.config.max_attempts:
                    message = str(exc)
                    if exc.transient:
                        message = f"{message} (gave up after {attempt} attempts)"
                    return self._fail(job.id, JobError(type=type(exc).__name__, message=message))
                try:
                    self._backoff(job.id, attempt, exc, cancel)
                except IllegalTransition as illegal:
                    return self._overruled(job.id, illegal)
                if cancel.is_set():
                    return self._cancel_everywhere(job.id)

    def _attempt(self, job: Job, cancel: threading.Event) -> list[ImageRecord]:
        self._ensure_stream()
        location, entry = self.locate(job.id)
        if location == _Location.UNKNOWN:
            self._check_cancel(job.id, cancel, submitted=False)
            self.submit(job)
        else:
            self._maybe_on_server = True
        if entry is None:
            entry = self.follow(job, cancel)
        return self.collect(job, entry)

    # --- steps ---

    def locate(self, prompt_id: str) -> tuple[str, HistoryEntry | None]:
        """Is this prompt already on the server (after a crash or a dropped connection)?"""
        entry = self.client.history(prompt_id)
        if entry is not None:
            return _Location.DONE, entry
        if self.client.queue().contains(prompt_id):
            return _Location.QUEUED, None
        return _Location.UNKNOWN, None

    def submit(self, job: Job, *, front: bool = False) -> None:
        """Upload the job's input images, bind the template and queue the prompt."""
        template = self.templates.get(job.template)
        uploaded: dict[str, str] = {}
        for image in job.inputs:
            path = self.library.paths.resolve(image.path)
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise TemplateError(
                    f"The reference image for '{image.slot}' is gone ({path.name}): "
                    "add it again and retry."
                ) from exc
            result = self.client.upload_image(
                data, f"studio_{job.id[:8]}_{image.slot}{path.suffix.lower() or '.png'}"
            )
            uploaded[image.slot] = (
                f"{result.subfolder}/{result.name}" if result.subfolder else result.name
            )
        graph = bind(template, job.params, job_id=job.id, uploaded=uploaded)
        self.store.set_workflow(job.id, graph)
        self._maybe_on_server = True  # even if this call fails: the server may have queued it
        self.client.submit(
            graph,
            client_id=self.client_id,
            prompt_id=job.id,
            extra_data={"preview_method": self.config.preview_method},
            front=front,
        )
        log.info("job %s submitted to %s", job.id, self.server)

    def follow(self, job: Job, cancel: threading.Event) -> HistoryEntry:
        """Wait for the prompt to finish, relaying progress and previews."""
        stream = self._ensure_stream()
        types_by_node = node_types(job.workflow or self.templates.get(job.template).graph)
        timer = StepTimer()
        self._fraction = job.progress
        last_history_check = time.monotonic()
        # Whether our prompt is the one the server runs now. ComfyUI broadcasts type-1 previews
        # (and progress text) of prompts queued without a client id to every socket, and they name
        # no prompt: such events are ours only while ours runs (the server runs one at a time).
        ours_running = False
        while True:
            self._check_cancel(job.id, cancel, submitted=True)
            event = stream.next_event(self.config.event_poll_s)
            now = time.monotonic()
            check_history = now - last_history_check >= self.config.history_poll_s
            if event is None or event.type in _STREAM_EVENTS:
                if event is not None and event.type is EventType.RECONNECTED:
                    ours_running = False  # we cannot tell what ran while we were away
            elif event.prompt_id == job.id:
                ours_running = not (isinstance(event, ev.Executing) and event.node is None)
            elif event.prompt_id is not None or not ours_running:
                event = None  # another prompt's event (another client, a pipelined neighbour)
            if event is None:
                pass
            elif event.type is EventType.PROGRESS:
                assert isinstance(event, ev.Progress)
                node_type = types_by_node.get(event.node or "")
                eta = timer.step(event.node, event.value, event.max)
                self._progress(job.id, event.value, event.max, event.node, node_type, eta)
            elif event.type is EventType.EXECUTING:
                assert isinstance(event, ev.Executing)
                if event.node is None:
                    check_history = True  # ComfyUI writes history before this end marker
                else:
                    self._progress_text(job.id, types_by_node.get(event.node, event.node))
            elif event.type is EventType.PREVIEW:
                assert isinstance(event, ev.Preview)
                self._emit(JobPreview(job.id, event.image, event.format))
            elif event.type is EventType.EXECUTION_ERROR:
                assert isinstance(event, ev.ExecutionError)
                raise ExecutionFailed(
                    JobError(
                        type=event.exception_type or "execution_error",
                        message=(
                            f"{event.node_type} (node {event.node_id}) failed: "
                            f"{event.exception_message}".strip()
                        ),
                        node_id=event.node_id,
                        details=event.traceback,
                    )
                )
            elif event.type is EventType.EXECUTION_INTERRUPTED:
                assert isinstance(event, ev.ExecutionInterrupted)
                self._check_cancel(job.id, cancel, submitted=True)
                raise ExecutionFailed(_interrupted_error(event.node_id))
            elif event.type in (EventType.RECONNECTED, EventType.EXECUTION_SUCCESS):
                check_history = True
            if check_history:
                last_history_check = now
                entry = self.client.history(job.id)
                if entry is not None:
                    return entry
                if event is None and not self.client.queue().contains(job.id):
                    # Gone from queue and history: the server restarted and forgot it.
                    # One more history look closes the race with a run that just ended.
                    entry = self.client.history(job.id)
                    if entry is not None:
                        return entry
                    raise _PromptLost(self.server, job.id)

    def collect(self, job: Job, entry: HistoryEntry) -> list[ImageRecord]:
        """Download the outputs, store them under our own names, record them in one go."""
        if not entry.completed or entry.status_str != "success":
            raise ExecutionFailed(_history_error(entry))
        files = [f for f in entry.outputs if f.kind in FILE_OUTPUT_KEYS and f.type == "output"]
        if not files:
            # A graph that only previews: keep its temp images rather than nothing.
            files = [f for f in entry.outputs if f.kind in FILE_OUTPUT_KEYS]
        metadata = studio_metadata(job)
        new_images: list[NewImage] = []
        for index, output in enumerate(files):
            data = self.client.view(output)
            saved = self.library.save_output(
                job.id,
                index,
                data,
                server_filename=output.filename,
                extra_metadata=metadata,
                created=job.created_at,  # same date folder when a resumed job saves again
            )
            paths = self.library.paths
            new_images.append(
                NewImage(
                    index=index,
                    path=paths.stored(saved.path),  # absolute when outside the data folder
                    thumb_path=paths.relative(saved.thumb_path) if saved.thumb_path else None,
                    width=saved.width,
                    height=saved.height,
                    bytes=saved.bytes,
                    kind=saved.kind,
                    metadata=saved.metadata,
                )
            )
        return self.store.complete(job.id, new_images)

    # --- helpers ---

    def _ensure_stream(self) -> EventStream:
        if self._stream is None:
            stream = EventStream(
                self.client.base_url, self.client_id, auth_header=self.client.auth_header
            )
            stream.connect()
            self._stream = stream
        return self._stream

    def _check_cancel(self, job_id: str, cancel: threading.Event, *, submitted: bool) -> None:
        if not cancel.is_set():
            return
        if submitted:
            self.cancel_on_server(job_id)
        raise Cancelled(job_id)

    def cancel_on_server(self, prompt_id: str) -> None:
        """Take the prompt off the server: delete it if queued, interrupt it if running."""
        try:
            queue = self.client.queue()
            if any(item.prompt_id == prompt_id for item in queue.pending):
                self.client.delete_from_queue([prompt_id])
            elif any(item.prompt_id == prompt_id for item in queue.running):
                self.client.interrupt(prompt_id)
        except ComfyError as exc:
            # The job is cancelled here either way; the server may still finish it.
            log.warning("could not cancel %s on %s: %s", prompt_id, self.server, exc)

    def _cancel_everywhere(self, job_id: str) -> Job:
        """A cancel noticed outside follow(): the prompt may still be queued or running there."""
        if self._maybe_on_server:
            self.cancel_on_server(job_id)
        return self._finish_cancel(job_id)

    def _overruled(self, job_id: str, exc: IllegalTransition) -> Job:
        """Someone else (the UI, another process) finished the job in the store while we worked
        on it: theirs is the last word. If they cancelled it, stop our prompt on the server too."""
        current = self._require(job_id)
        if not current.status.is_final:
            raise exc
        log.info("job %s became %s elsewhere; stopping", job_id, current.status.value)
        if current.status is JobStatus.CANCELLED and self._maybe_on_server:
            self.cancel_on_server(job_id)
        return current

    def _finish_cancel(self, job_id: str) -> Job:
        current = self._require(job_id)
        if current.status.is_final:
            return current
        job = self.store.cancel(job_id)
        self._emit(JobFinished(job, ()))
        return job

    def _fail(self, job_id: str, error: JobError) -> Job:
        current = self._require(job_id)
        if current.status.is_final:
            return current
        job = self.store.fail(job_id, error)
        self._emit(JobFinished(job, ()))
        return job

    def _backoff(self, job_id: str, attempt: int, exc: ComfyError, cancel: threading.Event) -> None:
        delay = min(self.config.backoff_s * 2 ** (attempt - 1), self.config.backoff_max_s)
        log.info("job %s: %s; retry %d in %.1fs", job_id, exc, attempt, delay)
        self.store.move(
            job_id, JobStatus.RETRYING, error=JobError(type="transient", message=str(exc))
        )
        self._emit(JobRetrying(job_id, attempt, delay, str(exc)))
        self.close()  # the next attempt reconnects from scratch
        if cancel.wait(delay):
            return
        self.store.move(job_id, JobStatus.RUNNING, expected=JobStatus.RETRYING)

    def _progress(
        self,
        job_id: str,
        value: int,
        maximum: int,
        node: str | None,
        node_type: str | None,
        eta: float | None,
    ) -> None:
        self._emit(JobProgress(job_id, value, maximum, node, node_type, eta))
        self._fraction = value / maximum if maximum else 0.0
        now = time.monotonic()
        if now - self._last_progress_write >= self.config.progress_write_s or value >= maximum:
            self._last_progress_write = now
            self.store.set_progress(
                job_id, self._fraction, f"{node_type or 'step'} {value}/{maximum}"
            )

    def _progress_text(self, job_id: str, text: str) -> None:
        # One write, no read: the fraction is the one we last reported (set_progress ignores a
        # job that is no longer running).
        self.store.set_progress(job_id, self._fraction, text)

    def _require(self, job_id: str) -> Job:
        job = self.store.get_job(job_id)
        if job is None:
            raise LookupError(f"job {job_id} vanished from the store")
        return job

    def _emit(self, event: RunnerEvent) -> None:
        if self._listener is not None:
            try:
                self._listener(event)
            except Exception:  # a broken listener must not break the job
                log.exception("runner listener failed on %r", type(event).__name__)


class _PromptLost(ComfyError):
    """The server forgot a prompt it had accepted (it restarted). Submitting again is safe."""

    transient = True

    def __init__(self, url: str, prompt_id: str) -> None:
        super().__init__(
            f"{url} lost prompt {prompt_id} (did ComfyUI restart?); it will be submitted again."
        )
        self.url = url


class StepTimer:
    """ETA from the pace of sampler steps on the current node."""

    def __init__(self) -> None:
        self._node: str | None = None
        self._start = 0.0
        self._start_value = 0

    def step(self, node: str | None, value: int, maximum: int) -> float | None:
        now = time.monotonic()
        if node != self._node or value < self._start_value:
            self._node, self._start, self._start_value = node, now, value
            return None
        done = value - self._start_value
        if done <= 0:
            return None
        per_step = (now - self._start) / done
        return per_step * max(maximum - value, 0)


def node_types(graph: Mapping[str, Any]) -> dict[str, str]:
    return {
        str(node_id): str(node.get("class_type", ""))
        for node_id, node in graph.items()
        if isinstance(node, Mapping)
    }


def _interrupted_error(node_id: str | None) -> JobError:
    return JobError(
        type="interrupted",
        message="The run was interrupted on the server (from another client?). "
        "Retry the job to run it again.",
        node_id=node_id,
    )


def _history_error(entry: HistoryEntry) -> JobError:
    if entry.error is not None and entry.error.interrupted:
        # Same error as when follow() saw the interrupt live (the socket may have been down).
        return _interrupted_error(entry.error.node_id)
    if entry.error is not None:
        info = entry.error
        return JobError(
            type=info.exception_type or entry.status_str or "error",
            message=f"{info.node_type} (node {info.node_id}) failed: {info.exception_message}",
            node_id=info.node_id,
            details=info.traceback,
        )
    return JobError(
        type=entry.status_str or "error",
        message=f"ComfyUI reports the run as '{entry.status_str}' without outputs.",
    )
