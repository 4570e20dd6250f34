"""The thin I/O driver around one server's state machine, and the supervisor that keeps it up.

`ServerDriver.run()` is the thread body: it connects, feeds the machine (server events, ticks,
user commands, results of the output stage) and performs the commands the machine returns
against the server and the store, feeding their results back. Every failure of a call becomes
an input (the machine decides what it means for the job); nothing a server sends can end the
loop. If the loop itself fails (a bug, a database that went away), the supervisor in `run()`
gives the jobs back to the queue, says why in the status and the log, and starts it again
after a backoff.
"""

from __future__ import annotations

import collections
import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from studio_desktop.core.comfy import (
    ComfyAuthError,
    ComfyConnectionError,
    ComfyError,
    ComfyTimeout,
    HistoryEntry,
)
from studio_desktop.core.comfy.client import normalize_base_url
from studio_desktop.core.engine import journal, steps
from studio_desktop.core.engine import messages as m
from studio_desktop.core.engine.config import EngineConfig
from studio_desktop.core.engine.events import (
    EngineEvent,
    JobFinished,
    JobStateChanged,
    Listener,
    Notice,
    ServerChanged,
    ServerState,
    ServerStatus,
)
from studio_desktop.core.engine.failures import with_hints
from studio_desktop.core.engine.machine import ServerMachine
from studio_desktop.core.engine.server import ComfyServer, HttpComfyServer
from studio_desktop.core.jobs import IllegalTransition, Job, JobError, JobStatus
from studio_desktop.core.library.files import OutputLibrary
from studio_desktop.core.messages import (
    QT_TRANSLATE_NOOP,
    UserMessage,
    message,
    text_of,
    verbatim,
)
from studio_desktop.core.owners import ProcessOwner
from studio_desktop.core.servers import ServerCapabilities, ServerConfig, record_capabilities
from studio_desktop.core.store import Store
from studio_desktop.core.store.errors import DatabaseUnavailable
from studio_desktop.core.sweeps.axes import CELL_KEY
from studio_desktop.core.workflows import TemplateError, TemplateRegistry

log = logging.getLogger("studio.engine")

# Calls that fail like this mean the server is not there (or refuses us), not that a job is bad.
_SERVER_DOWN = (ComfyConnectionError, ComfyTimeout, ComfyAuthError)
_ENDED_REMEMBERED = 10_000  # ends reported, kept to report each once
_SLICE_S = 0.05  # longest the loop is deaf to wake() and user commands
_PENDING_WAIT_S = 0.001  # reading what already arrived, without waiting for more
_MAX_PENDING_EVENTS = 2000  # a flood of events must not starve the rest of the loop

ServerFactory = Callable[[ServerConfig, EngineConfig], ComfyServer]
NothingToClaim = Callable[["ServerDriver"], None]


def http_server(server: ServerConfig, config: EngineConfig) -> ComfyServer:
    return HttpComfyServer(server, stream_reconnect_s=config.stream_reconnect_s)


def _is_sweep_cell(job: Job) -> bool:
    """A job a sweep made (its cell is in its extra): read from the job, no query."""
    return job.group_id is not None and CELL_KEY in job.params.extra


class ServerDriver:
    """Drives one server. `run()` is the thread body; every other method is thread-safe."""

    def __init__(
        self,
        store: Store,
        library: OutputLibrary,
        templates: TemplateRegistry,
        server: ServerConfig,
        *,
        listener: Listener | None = None,
        config: EngineConfig | None = None,
        accept: Callable[[Job], bool] | None = None,
        server_factory: ServerFactory = http_server,
        owner: ProcessOwner | None = None,
        adopt_orphans: bool = False,
        nothing_to_claim: NothingToClaim | None = None,
    ) -> None:
        """`nothing_to_claim` is called (on this driver's thread) when this server had room
        and found no job it may run: the coordinator's look across servers."""
        self.server = server
        self._nothing_to_claim = nothing_to_claim
        self._owner = owner  # claims and reconciles only this process's jobs (and orphans)
        self._adopt_orphans = adopt_orphans
        self.url = normalize_base_url(server.url)  # as jobs record it
        self._store = store
        self._library = library
        self._templates = templates
        self._listener = listener
        self._config = config or EngineConfig()
        self._accept = accept
        self._comfy = server_factory(replace(server, url=self.url), self._config)
        self._machine = ServerMachine(self.url, server.label, server.pipeline_depth, self._config)
        self._inbox: queue.SimpleQueue[m.Input | _StoreFailed | _CollectDone] = queue.SimpleQueue()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._release = False
        self._caps: ServerCapabilities | None = None
        self._status = ServerStatus(self.url, server.label, ServerState.CONNECTING)
        self._status_lock = threading.Lock()
        self._collector = ThreadPoolExecutor(1, thread_name_prefix=f"output-{server.label}")
        self._held: frozenset[str] = frozenset()  # the machine's jobs, for holds() from anywhere
        self._movable: list[tuple[Job, int]] = []  # the machine's movable(), for other threads
        self._cancels_refused: set[str] = set()  # told the user once; retried quietly
        # Jobs the output thread is saving: a restarted loop must not collect them again.
        self._collecting: set[str] = set()  # jobs on the output thread
        # (job, attempt) found ended elsewhere, oldest first (a dict as an ordered set)
        self._ended_reported: dict[tuple[str, int], None] = {}
        self._collecting_lock = threading.Lock()

    # --- thread-safe API ---

    @property
    def status(self) -> ServerStatus:
        with self._status_lock:
            return self._status

    def stop(self, *, release_jobs: bool = False) -> None:
        """Stop the loop. With `release_jobs` (the server is being removed) its jobs go back to
        the queue for other servers and are taken off this server."""
        self._release = self._release or release_jobs
        self._stop.set()
        self._wake.set()

    def wake(self) -> None:
        self._wake.set()

    def request_cancel(self, job_id: str) -> None:
        """The job is already cancelled in the store; take it off this server too."""
        self._inbox.put(m.CancelRequested(job_id))
        self._wake.set()

    def holds(self, job_id: str) -> bool:
        return job_id in self._held

    @property
    def idle(self) -> bool:
        """Nothing runs or waits on the server (only meaningful on this driver's thread)."""
        return self._machine.idle

    def can_run(self, job: Job) -> bool:
        return self._can_run(job)

    def movable(self) -> list[tuple[Job, int]]:
        """Our prompts waiting behind others on this server, with how many are ahead."""
        return list(self._movable)

    def request_withdraw(self, job_id: str) -> None:
        """An idle server would run this job now: take it off here if it has not started."""
        self._inbox.put(m.Withdraw(job_id))
        self._wake.set()

    # --- the supervisor ---

    def run(self) -> None:
        crashes = 0
        try:
            while not self._stop.is_set():
                try:
                    self._serve()
                    return
                except Exception as exc:
                    crashes += 1
                    low, high = self._config.restart_backoff_s
                    delay = min(low * 2.0 ** (crashes - 1), high)
                    log.exception("the loop for %s failed; restarting in %.0f s", self.url, delay)
                    self._after_crash(exc, delay)
                    self._stop.wait(delay)
        finally:
            self._shutdown()

    def _after_crash(self, exc: Exception, delay: float) -> None:
        """Start over with a fresh machine. The jobs stay recorded as running: once the loop is
        back it finds each on the server (LoadRunning) and follows, collects or requeues it,
        exactly as after a restart of the app, so nothing runs twice."""
        if isinstance(exc, DatabaseUnavailable):
            # Not a bug: the disk filled up, the drive went read-only... Say what to do, whole.
            text = message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages",
                    "paused: the database cannot be written. {error} Every job stays as it was "
                    "saved; trying again in {delay} s.",
                ),
                error=str(exc),
                delay=f"{delay:.0f}",
            )
        else:
            text = message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages",
                    "stopped by an internal error ({kind}: {error}); trying again in {delay} s. "
                    "The log has the details.",
                ),
                kind=type(exc).__name__,
                error=str(exc)[:120],
                delay=f"{delay:.0f}",
            )
        self._machine = ServerMachine(
            self.url, self.server.label, self.server.pipeline_depth, self._config
        )
        self._held = frozenset()
        self._movable = []
        self._comfy.close()
        self._set_status(ServerState.DOWN, message=text)
        notice = message(
            QT_TRANSLATE_NOOP("CoreMessages", "{server}: {reason}"),
            server=self.server.label,
            reason=text,
        )
        self._emit(Notice(str(notice), notice))

    # --- the loop ---

    def _serve(self) -> None:
        backoff = self._config.reconnect_backoff_s[0]
        while not self._stop.is_set():
            if not self._machine.connected:
                if not self._connect():
                    self._stop.wait(backoff)
                    backoff = min(backoff * 2, self._config.reconnect_backoff_s[1])
                    continue
                backoff = self._config.reconnect_backoff_s[0]
            self._drain_inbox()
            if self._machine.busy:
                # Read what the server already sent before the tick may poll: a poll that finds
                # a prompt done while its events wait unread would cut them off.
                self._read_pending_events()
            self._feed(m.Tick())
            self._listen()
            self._update_busy()

    def _connect(self) -> bool:
        self._set_status(ServerState.CONNECTING)
        try:
            caps = self._comfy.connect()
        except ComfyError as exc:
            self._comfy.close()
            self._set_status(ServerState.DOWN, message=text_of(exc) or str(exc))
            record_capabilities(self._store, self.url, None, ServerState.DOWN.value)
            return False
        self._caps = caps
        record_capabilities(self._store, self.url, caps, ServerState.IDLE.value)
        self._set_status(ServerState.IDLE)
        log.info("connected to %s (%s)", self.url, caps.gpu_name)
        self._feed(m.Connected())
        return True

    def _listen(self) -> None:
        """Wait for server events until the poll interval ends, a command arrives or wake()."""
        interval = self._config.event_poll_s if self._machine.busy else self._config.idle_poll_s
        deadline = time.monotonic() + interval
        while not self._stop.is_set() and self._machine.connected:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            try:
                event = self._comfy.next_event(min(remaining, _SLICE_S))
            except _SERVER_DOWN as exc:
                self._feed(m.Disconnected(str(exc), text_of(exc)))
                break
            if event is not None:
                self._feed(m.ServerEvent(event))
            if self._wake.is_set() or not self._inbox.empty():
                break
        self._wake.clear()

    def _read_pending_events(self) -> None:
        for _ in range(_MAX_PENDING_EVENTS):
            try:
                event = self._comfy.next_event(_PENDING_WAIT_S)
            except _SERVER_DOWN as exc:
                self._feed(m.Disconnected(str(exc), text_of(exc)))
                return
            if event is None:
                return
            self._feed(m.ServerEvent(event))

    def _drain_inbox(self) -> None:
        while True:
            try:
                message = self._inbox.get_nowait()
            except queue.Empty:
                return
            if isinstance(message, _StoreFailed):
                raise message.error  # on the loop's thread: the supervisor takes it from here
            if isinstance(message, _CollectDone):
                # Let go of the job only now, on the loop's thread, as the machine hears the
                # result: had the output thread let go, a claim could take the job again in
                # between and the old attempt's result would land on the new one.
                with self._collecting_lock:
                    self._collecting.discard(message.job_id)
                message = message.result
                if isinstance(message, m.StepFailed) and isinstance(message.error, ComfyAuthError):
                    # The server refused our download: it is down for us, and the job goes
                    # back to the queue like the others on it (the machine let go of the save).
                    self._feed(message)
                    message = m.Disconnected(str(message.error), text_of(message.error))
            self._feed(message)

    def _feed(self, message: m.Input) -> None:
        """Hand an input to the machine, perform what it says, feed the results back."""
        work: collections.deque[m.Input] = collections.deque([message])
        while work:
            item = work.popleft()
            was_connected = self._machine.connected
            for command in self._machine.handle(item, time.monotonic()):
                work.extend(self._perform(command))
            if isinstance(item, m.Disconnected) and was_connected:
                self._went_down(item.text or item.reason)
        self._held = frozenset(self._machine.flights)
        self._movable = self._machine.movable()

    def _went_down(self, reason: str | UserMessage) -> None:
        log.warning("%s is down: %s", self.url, reason)
        self._comfy.close()
        self._set_status(ServerState.DOWN, message=reason)
        record_capabilities(self._store, self.url, None, ServerState.DOWN.value)

    # --- commands ---

    def _perform(self, command: m.Command) -> list[m.Input]:
        try:
            return self._do(command)
        except IllegalTransition:
            job_id = _job_of(command)
            current = self._store.get_job(job_id) if job_id else None
            if current is not None and current.status.is_final:
                return [self._ended_elsewhere(current)]
            return []
        except _SERVER_DOWN as exc:
            if isinstance(command, m.CancelOnServer):
                return [
                    *self._cancel_not_taken(command.prompt_ids, exc),
                    m.Disconnected(str(exc), text_of(exc)),
                ]
            return [m.Disconnected(str(exc), text_of(exc))]
        except DatabaseUnavailable:
            # Not the job's fault (a full disk during a submit): it must not cost an attempt.
            raise
        except Exception as exc:
            if not _is_server_call(command):
                raise  # a store write failed: the supervisor restarts the loop
            if isinstance(command, m.Unqueue):
                log.warning("could not move job %s off %s: %s", command.job_id, self.url, exc)
                return [m.Unqueued(command.job_id, still_queued=True, entry=None)]
            if isinstance(command, m.CancelOnServer):
                return self._cancel_not_taken(command.prompt_ids, exc)
            if isinstance(command, m.Forget):
                # Only a safeguard (the machine also ignores the old run's late end marker):
                # the job runs again either way.
                log.warning(
                    "could not clear job %s's earlier run on %s: %s", command.job_id, self.url, exc
                )
                return []
            if isinstance(command, m.Poll):
                log.warning("polling %s failed: %s", self.url, exc)
                return [m.StepFailed(p, exc) for p in command.prompt_ids]
            if isinstance(command, m.RefreshCapabilities | m.RefreshFreeVram):
                log.warning("refreshing what %s offers failed: %s", self.url, exc)
                return []
            job_id = _job_of(command)
            if not isinstance(exc, ComfyError):
                log.warning("job %s: unexpected %s", job_id, type(exc).__name__, exc_info=exc)
            return [m.StepFailed(job_id, exc)] if job_id else []

    def _do(self, command: m.Command) -> list[m.Input]:
        store, comfy = self._store, self._comfy
        match command:
            # First the commands that come with server events, several per job.
            case m.Emit(event):
                self._emit(event)
                return []
            case m.SaveProgress(job_id, fraction, text):
                store.set_progress(job_id, fraction, text)
                return []
            case m.LoadRunning():
                mine = tuple(
                    j
                    for j in self._reconcilable()
                    if j.server == self.url
                    and self._accepts(j)
                    and j.id not in self._collecting_now()
                )
                return [m.RunningJobs(mine)]
            case m.Claim(exclude):
                owner = self._owner
                job = store.claim_next(
                    self.url,
                    owner=owner.token if owner is not None else None,
                    alive=owner.alive if owner is not None else None,
                    can_run=self._can_run,
                    # A job whose earlier attempt's outputs are still being saved stays put:
                    # that save's late result must never land on a new attempt (a Retry
                    # pressed the moment a job failed was failed again by it).
                    exclude={*exclude, *self._collecting_now()},
                )
                if job is not None:
                    self._emit(JobStateChanged(job))
                elif self._nothing_to_claim is not None:
                    self._nothing_to_claim(self)
                return [m.Claimed(job)]
            case m.Locate(job_id):
                entry = comfy.history(job_id)
                waiting = entry is None and comfy.queue().contains(job_id)
                return [m.Located(job_id, entry, waiting)]
            case m.Submit(job):
                recorded = steps.submit(
                    comfy,
                    store,
                    self._library,
                    self._templates,
                    job,
                    preview_method=self._config.preview_method,
                    models=self._caps.models if self._caps is not None else {},
                    object_info=self._caps.info if self._caps is not None else None,
                )
                self._emit(JobStateChanged(recorded))  # sent: now it waits on the server
                return [m.Submitted(recorded)]
            case m.FetchHistory(job_id):
                return [m.HistoryFetched(job_id, comfy.history(job_id))]
            case m.Poll(prompt_ids):
                state = comfy.queue()
                queued = frozenset(p for p in prompt_ids if state.contains(p))
                histories = {p: comfy.history(p) for p in prompt_ids if p not in queued}
                running = frozenset(i.prompt_id for i in state.running)
                pending = tuple(i.prompt_id for i in state.pending)
                return [m.Polled(queued, histories, running, pending)]
            case m.Unqueue(job_id):
                comfy.unqueue([job_id])
                state = comfy.queue()
                if state.contains(job_id):
                    return [m.Unqueued(job_id, still_queued=True, entry=None)]
                entry = comfy.history(job_id)
                if entry is None:
                    log.info("job %s taken off %s for an idle server", job_id, self.url)
                return [m.Unqueued(job_id, still_queued=False, entry=entry)]
            case m.Collect(job, entry):
                with self._collecting_lock:
                    self._collecting.add(job.id)
                self._collector.submit(self._collect, job, entry)
                return []
            case m.Forget(job_id):
                comfy.forget([job_id])
                return []
            case m.CancelOnServer(prompt_ids):
                comfy.cancel(prompt_ids)
                self._cancels_refused.difference_update(prompt_ids)
                return []
            case m.RefreshCapabilities():
                self._caps = comfy.capabilities()
                self._set_status(self.status.state)
                return []
            case m.RefreshFreeVram():
                if self._caps is not None:
                    self._caps = replace(self._caps, vram_free=comfy.free_vram())
                    self._set_status(self.status.state)
                return []
            case m.CheckHeld(job_ids):
                current = [store.get_job(job_id) for job_id in job_ids]
                ended = [j for j in current if j is not None and j.status.is_final]
                return [self._ended_elsewhere(j) for j in ended]
            case m.Fail(job_id, error):
                failed = store.fail(job_id, self._with_hints(job_id, error))
                journal.failed(failed, error, self.url)
                self._emit(JobStateChanged(failed))
                self._emit(JobFinished(failed, ()))
                if _is_sweep_cell(failed):
                    self._collector.submit(self._sweep_grid, failed)
                return []
            case m.MarkRetrying(job_id, error, tries, delay_s):
                retrying = store.move(job_id, JobStatus.RETRYING, error=error)
                journal.retrying(retrying, error, tries, delay_s, self.url)
                self._emit(JobStateChanged(retrying))
                return []
            case m.MarkSampling(job_id):
                sampling = store.mark_sampling(job_id)
                if sampling is not None:
                    self._emit(JobStateChanged(sampling))
                return []
            case m.Resume(job_id):
                resumed = store.move(job_id, JobStatus.RUNNING, expected=JobStatus.RETRYING)
                self._emit(JobStateChanged(resumed))
                return [m.Resumed(resumed)]
            case m.Requeue(job_id, reason):
                requeued = store.requeue(job_id, reason=reason)
                if reason is not None:
                    journal.requeued(requeued, reason, self.url)
                self._emit(JobStateChanged(requeued))
                return []
        raise TypeError(f"not an engine command: {command!r}")

    def _collecting_now(self) -> frozenset[str]:
        with self._collecting_lock:
            return frozenset(self._collecting)

    def _collect(self, job: Job, entry: HistoryEntry) -> None:
        """On the output thread: the result goes back to the loop through the inbox."""
        result: m.Input
        try:
            completed = steps.collect(self._comfy, self._store, self._library, job, entry)
        except IllegalTransition:
            log.info("job %s ended elsewhere while its outputs were saved", job.id)
            current = self._store.get_job(job.id)
            result = m.Overruled(current) if current is not None else m.Collected(job.id)
        except DatabaseUnavailable as exc:
            # Not the job's fault: no attempt is counted. The loop restarts once the database
            # can be written and finds the job finished on the server again.
            with self._collecting_lock:
                self._collecting.discard(job.id)
            self._inbox.put(_StoreFailed(exc))
            self._wake.set()
            return
        except Exception as exc:
            if not isinstance(exc, ComfyError):
                log.warning("saving the outputs of job %s failed", job.id, exc_info=exc)
            result = m.StepFailed(job.id, exc)
        else:
            self._emit(JobStateChanged(completed.job))
            self._emit(JobFinished(completed.job, tuple(completed.images)))
            if completed.follow_up is not None:  # a forever group's next job
                self._emit(JobStateChanged(completed.follow_up))
            result = m.Collected(job.id)
        self._inbox.put(_CollectDone(job.id, result))
        self._wake.set()
        if isinstance(result, m.Collected) and _is_sweep_cell(job):
            self._sweep_grid(job)

    def _sweep_grid(self, job: Job) -> None:
        """On the output thread, after a sweep's cell ended: if it was the sweep's last, make
        its grid (core/sweeps/assemble.py; a no-op while cells are left, and made once
        whichever server ends the last cell). A failure here is logged, never the job's."""
        from studio_desktop.core.sweeps.assemble import assemble_finished

        assert job.group_id is not None
        try:
            assemble_finished(self._store, self._library, [job.group_id])
        except Exception:
            log.warning("could not make the grid of sweep %s", job.group_id, exc_info=True)

    def _ended_elsewhere(self, job: Job) -> m.Input:
        """Another process (or the user through the store) ended a job we hold: report its
        end like any other, so the CLI that queued it counts it, and let the machine let go."""
        # Found by the held-jobs check and by a command the store refused, or by a check that
        # came round before the machine let go: each attempt's end is reported once (the CLI
        # counts ends). A retry is a new attempt, so its own end is reported again.
        key = (job.id, job.attempt)
        if key in self._ended_reported:
            return m.Overruled(job)
        self._ended_reported[key] = None
        if len(self._ended_reported) > _ENDED_REMEMBERED:
            self._ended_reported.pop(next(iter(self._ended_reported)))
        log.info("job %s became %s elsewhere", job.id, job.status.value)
        if job.status is not JobStatus.COMPLETED:
            # Completed is only ever our own output stage's doing: it reports that end itself,
            # with the images (an empty end here would be the one listeners keep).
            self._emit(JobStateChanged(job))
            self._emit(JobFinished(job, ()))
        return m.Overruled(job)

    def _cancel_not_taken(self, prompt_ids: tuple[str, ...], exc: Exception) -> list[m.Input]:
        log.warning("could not cancel %s on %s: %s", prompt_ids, self.url, exc)
        first_time = set(prompt_ids) - self._cancels_refused
        self._cancels_refused.update(prompt_ids)
        if first_time:
            notice = message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages",
                    "{server} did not take the cancel ({error}); the job is cancelled here, and "
                    "the cancel is sent again until the server takes it.",
                ),
                server=self.server.label,
                error=text_of(exc) or verbatim(str(exc)),
            )
            self._emit(Notice(str(notice), notice))
        return [m.CancelFailed(prompt_ids)]

    # --- helpers ---

    def _reconcilable(self) -> list[Job]:
        """Running jobs this process may pick up: with an owner, its own and orphans (taken
        over first where this process adopts them), so two live processes never both do."""
        owner = self._owner
        if owner is None:
            return self._store.jobs_with_status(JobStatus.RUNNING, JobStatus.RETRYING)
        if self._adopt_orphans:
            self._store.adopt_orphans(owner.token, owner.alive)
        return self._store.reconcilable_jobs(owner.token, owner.alive)

    def _with_hints(self, job_id: str, error: JobError) -> JobError:
        """Add the template's download hints to a server's "missing model" error."""
        job = self._store.get_job(job_id)
        if job is None:
            return error
        try:
            template = self._templates.get(job.template)
        except TemplateError:
            return error
        return with_hints(error, template)

    def _accepts(self, job: Job) -> bool:
        return self._accept is None or self._accept(job)

    def _can_run(self, job: Job) -> bool:
        if not self._accepts(job):
            return False
        return self._caps is None or not self._caps.missing_for(job, self._templates)

    def _update_busy(self) -> None:
        state = ServerState.BUSY if self._machine.busy else ServerState.IDLE
        status = self.status
        if status.state != state or status.in_flight != self._machine.in_pipeline:
            self._set_status(state)

    def _set_status(self, state: ServerState, *, message: str | UserMessage = "") -> None:
        caps = self._caps
        connected = state in (ServerState.IDLE, ServerState.BUSY)
        with self._status_lock:
            old = self._status
            new = replace(
                old,
                state=state,
                message=str(message),
                text=message if isinstance(message, UserMessage) else None,
                in_flight=self._machine.in_pipeline,
                gpu_name=caps.gpu_name if caps else old.gpu_name,
                vram_total=caps.vram_total if caps else old.vram_total,
                vram_free=caps.vram_free if caps else old.vram_free,
                capabilities=caps if connected else None,
            )
            self._status = new
        if new != old:
            self._emit(ServerChanged(new))

    def _shutdown(self) -> None:
        if self._release:
            try:
                self._drain_inbox()
                self._feed(m.Release())
            except Exception:
                log.exception("could not give back the jobs of %s", self.url)
        self._collector.shutdown(wait=True)
        self._comfy.close()
        self._set_status(ServerState.STOPPED)

    def _emit(self, event: EngineEvent) -> None:
        if self._listener is None:
            return
        try:
            self._listener(event)
        except Exception:
            log.exception("engine listener failed on %s", type(event).__name__)


class _CollectDone:
    """From the output thread: what saving a job's outputs came to, for the loop to hand on."""

    def __init__(self, job_id: str, result: m.Input) -> None:
        self.job_id = job_id
        self.result = result


class _StoreFailed:
    """From the output thread: the database could not be written; the loop must restart."""

    def __init__(self, error: DatabaseUnavailable) -> None:
        self.error = error


def _job_of(command: m.Command) -> str | None:
    job_id = getattr(command, "job_id", None)
    if isinstance(job_id, str):
        return job_id
    job = getattr(command, "job", None)
    return job.id if isinstance(job, Job) else None


def _is_server_call(command: m.Command) -> bool:
    return isinstance(
        command,
        m.Locate
        | m.Submit
        | m.FetchHistory
        | m.Poll
        | m.Unqueue
        | m.Forget
        | m.CancelOnServer
        | m.RefreshCapabilities
        | m.RefreshFreeVram,
    )
