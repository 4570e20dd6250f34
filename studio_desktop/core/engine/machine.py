"""One server's scheduling logic as a pure state machine.

`ServerMachine.handle(input, now)` returns the commands to perform; it never calls the network,
the store or a clock. The driver performs the commands and feeds their results back. So every
race (a cancel during a claim, a 500 from /history, a prompt the server forgot, an event of
another client's prompt) is a few lines of inputs in a unit test, with no threads or sockets.

A job this server holds is a `Flight` in one phase:

    LOCATING    an earlier take may have reached the server: ask where its prompt is
    SUBMITTING  uploading inputs and queueing the prompt
    ON_SERVER   queued or running there; events and the safety-net poll follow it
    COLLECTING  finished; the output stage downloads, stages, records and publishes its files
    WAITING     a step failed and is tried again after a backoff (the job shows "retrying")

Pipelining: up to `depth` prompts wait or run on the server at once, so the next prompt already
waits there while one runs, and collecting overlaps the next run. The depth counts the server's
whole queue (`status` events' queue_remaining, the poll's /queue): a server busy with other
clients' prompts takes fewer of ours, and a prompt of ours it has not started can be withdrawn
(`Withdraw`: delete it from its queue, never interrupt it) for an idle server to run.

Bounds: a prompt the server forgets is submitted again at most `max_resubmits` times; one it
lists as running while saying nothing about it for `stall_s` is stopped and failed.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from studio_desktop.core.comfy import ComfyAuthError, EventType, HistoryEntry, OutputFile
from studio_desktop.core.comfy import events as ev
from studio_desktop.core.engine import messages as m
from studio_desktop.core.engine.config import EngineConfig
from studio_desktop.core.engine.events import (
    JobPreview,
    JobProgress,
    JobRetrying,
    JobStarted,
    Notice,
)
from studio_desktop.core.engine.failures import (
    GiveUp,
    decide,
    execution_error,
    interrupted_error,
)
from studio_desktop.core.jobs import Job, JobError, JobStatus
from studio_desktop.core.messages import QT_TRANSLATE_NOOP, UserMessage, message, verbatim


class Phase(enum.Enum):
    LOCATING = "locating"
    SUBMITTING = "submitting"
    ON_SERVER = "on_server"
    COLLECTING = "collecting"
    WAITING = "waiting"

    # Members are singletons compared by identity, so the identity hash is consistent with
    # equality; Enum's own __hash__ hashes the name in Python, a call per lookup in PIPELINE
    # (counted for every flight each time the machine asks how full the pipeline is).
    __hash__ = object.__hash__


# Phases that hold a place in the server's pipeline.
PIPELINE = frozenset({Phase.LOCATING, Phase.SUBMITTING, Phase.ON_SERVER})


class StepTimer:
    """ETA from the pace of sampler steps on the current node (times come from the caller)."""

    def __init__(self) -> None:
        self._node: str | None = None
        self._start = 0.0
        self._start_value = 0

    def step(self, node: str | None, value: int, maximum: int, now: float) -> float | None:
        if node != self._node or value < self._start_value:
            self._node, self._start, self._start_value = node, now, value
            return None
        done = value - self._start_value
        if done <= 0:
            return None
        return (now - self._start) / done * max(maximum - value, 0)


@dataclass
class Flight:
    job: Job
    phase: Phase
    adopted: bool = False  # found running at connect: an unknown prompt goes back to the queue
    attempts: int = 0  # failures of the current step, for the retry policy
    resubmits: int = 0  # times the server forgot the prompt and it was submitted again
    retry_at: float = 0.0
    retry_phase: Phase = Phase.LOCATING  # where a WAITING flight goes when its retry is due
    entry: HistoryEntry | None = None  # kept for a collection that is retried
    fraction: float = 0.0
    heard_at: float = float("-inf")  # last sign of life from the server about it
    # For the stall bound: like heard_at, but a reconnect of the stream does not reset it.
    quiet_since: float = float("-inf")
    started: bool = False  # the server began running it (an event about it, or /queue says so)
    sampling_saved: bool = False  # MarkSampling was sent for this submission
    withdrawing: bool = False  # being deleted from the server's queue for an idle server
    # Runs again under the prompt id of a failed earlier run: that run's late end marker may
    # still be on its way and must not end this one.
    rerun: bool = False
    progress_saved_at: float = float("-inf")
    # The newest progress text not written yet (it came within progress_write_s of the last
    # write): written once that time is up (`_tick`), dropped if the job ends first.
    unsaved: str | None = None
    timer: StepTimer = field(default_factory=StepTimer)
    # What the stream told of this run, to collect it without asking /history: the files of
    # its `executed` events, and whether every event since its execution_start was heard (a
    # reconnect may have lost some; then /history is read at the end marker, as for servers
    # that send no execution_success).
    heard_outputs: dict[str, tuple[OutputFile, ...]] = field(default_factory=dict)
    heard_whole_run: bool = False
    # node_types of the graph it was read from: asked on every progress event and node marker,
    # and a job's graph only changes with a new Job (a resubmission records it again).
    _types_of: tuple[Mapping[str, Any] | None, dict[str, str]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @property
    def node_types(self) -> dict[str, str]:
        graph = self.job.workflow
        if self._types_of is None or self._types_of[0] is not graph:
            self._types_of = (graph, node_types(graph or {}))
        return self._types_of[1]


def node_types(graph: Mapping[str, Any]) -> dict[str, str]:
    return {
        str(node_id): str(node.get("class_type", ""))
        for node_id, node in graph.items()
        if isinstance(node, Mapping)
    }


class ServerMachine:
    """The decisions for one server. Not thread-safe: one driver thread feeds it."""

    def __init__(self, url: str, label: str, depth: int, config: EngineConfig) -> None:
        self.url = url
        self.label = label
        self.depth = max(1, depth)
        self.config = config
        self.connected = False
        self._vram_read_at = float("-inf")  # when a job's end last asked for the free VRAM
        self.flights: dict[str, Flight] = {}
        self._claiming = False
        self._abandoned: set[str] = set()  # prompts left on the server when it went away
        self._running_prompt: str | None = None  # what the server executes now, as last heard
        self._polled_at = float("-inf")
        self._refreshed_at = float("-inf")
        self._cancel_again_at = float("-inf")
        self._held_checked_at = float("-inf")
        self._now = float("-inf")  # of the input being handled
        # The server's queue as last heard: its length (everyone's prompts, running included)
        # and, from the last poll, which prompts run and which wait there, in order.
        self._queue_remaining = 0
        self._server_running: frozenset[str] = frozenset()
        self._server_pending: tuple[str, ...] = ()
        self._moved_away: dict[str, float] = {}  # job id -> until when not to claim it back

    # --- queries for the driver ---

    @property
    def busy(self) -> bool:
        return bool(self.flights)

    @property
    def in_pipeline(self) -> int:
        return sum(1 for f in self.flights.values() if f.phase in PIPELINE)

    def holds(self, job_id: str) -> bool:
        return job_id in self.flights

    @property
    def foreign(self) -> int:
        """Prompts of other clients on the server (running or waiting), as last heard: its
        queue length less ours there (one still being submitted is not in it yet)."""
        ours = sum(1 for f in self.flights.values() if f.phase is Phase.ON_SERVER)
        return max(0, self._queue_remaining - ours)

    @property
    def room(self) -> int:
        """How many more prompts the pipeline takes: the depth counts the whole server queue."""
        return self.depth - self.in_pipeline - self.foreign

    @property
    def idle(self) -> bool:
        """Connected, and nothing runs or waits on the server, ours or anyone's."""
        return self.connected and self.in_pipeline == 0 and self._queue_remaining == 0

    def movable(self) -> list[tuple[Job, int]]:
        """Our prompts the server lists as waiting behind others (not started), with how many
        prompts are ahead of each: candidates to move to an idle server."""
        out: list[tuple[Job, int]] = []
        for index, prompt_id in enumerate(self._server_pending):
            flight = self.flights.get(prompt_id)
            if flight is None or flight.phase is not Phase.ON_SERVER:
                continue
            if flight.started or flight.withdrawing:
                continue
            ahead = len(self._server_running) + index
            if ahead >= 1:
                out.append((flight.job, ahead))
        return out

    # --- the one entry point ---

    def handle(self, message: m.Input, now: float) -> list[m.Command]:
        self._now = now
        match message:
            # First: one comes with every frame the server sends, most of what is handled.
            case m.ServerEvent(event):
                return self._event(event, now)
            case m.Connected():
                return self._connected(now)
            case m.Disconnected(reason, text):
                return self._disconnected(reason, text)
            case m.Tick():
                return self._tick(now)
            case m.RunningJobs(jobs):
                return self._adopt(jobs)
            case m.Claimed(job):
                return self._claimed(job)
            case m.Located(job_id, entry, queued):
                return self._located(job_id, entry, queued)
            case m.Submitted(job) | m.Resumed(job):
                return self._advanced(message, job, now)
            case m.StepFailed(job_id, error):
                return self._step_failed(job_id, error, now)
            case m.HistoryFetched(job_id, entry):
                return self._history(job_id, entry)
            case m.Polled(queued, histories, running, pending):
                return self._polled(queued, histories, running, pending, now)
            case m.Withdraw(job_id):
                return self._withdraw(job_id)
            case m.Unqueued(job_id, still_queued, entry):
                return self._unqueued(job_id, still_queued, entry, now)
            case m.Collected(job_id):
                self.flights.pop(job_id, None)
                return [*self._refresh_free_vram(now), *self._fill()]
            case m.Overruled(job):
                return self._overruled(job)
            case m.CancelRequested(job_id):
                return self._cancel(job_id)
            case m.CancelFailed(prompt_ids):
                self._abandoned.update(prompt_ids)
                self._cancel_again_at = now + self.config.history_poll_s
                return []
            case m.Release():
                return self._release()
        raise TypeError(f"not an engine input: {message!r}")

    # --- connection ---

    def _forget_queue(self) -> None:
        self._queue_remaining = 0
        self._server_running = frozenset()
        self._server_pending = ()

    def _connected(self, now: float) -> list[m.Command]:
        self.connected = True
        self._running_prompt = None
        self._forget_queue()
        self._polled_at = self._refreshed_at = now
        out: list[m.Command] = []
        if self._abandoned:
            # Given back to the queue when the server went away: they must not run here too.
            out.append(m.CancelOnServer(tuple(sorted(self._abandoned))))
            self._abandoned.clear()
        out.append(m.LoadRunning())
        return out

    def _disconnected(self, reason: str, text: UserMessage | None = None) -> list[m.Command]:
        was_connected = self.connected
        self.connected = False
        self._claiming = False
        self._running_prompt = None
        self._forget_queue()
        out: list[m.Command] = []
        error = JobError(type="server_down", message=reason, text=text)
        for job_id, flight in list(self.flights.items()):
            if flight.phase is Phase.COLLECTING:
                continue  # the output stage retries its downloads; nothing runs on the GPU
            del self.flights[job_id]
            self._abandoned.add(job_id)
            out.append(m.Requeue(job_id, error))
        if was_connected:
            if text is not None and self.label == self.url and text.args.get("url") == self.url:
                notice = text  # the client's sentence names this server already (no name)
            else:
                notice = message(
                    QT_TRANSLATE_NOOP("CoreMessages", "{server} is not reachable: {reason}"),
                    server=self.label,
                    reason=text or verbatim(reason),
                )
            out.append(m.Emit(Notice(str(notice), notice)))
        return out

    def _release(self) -> list[m.Command]:
        on_server = [
            job_id for job_id, f in self.flights.items() if f.phase is not Phase.COLLECTING
        ]
        out: list[m.Command] = []
        if on_server and self.connected:
            out.append(m.CancelOnServer(tuple(on_server)))
        for job_id in on_server:
            del self.flights[job_id]
            out.append(m.Requeue(job_id, None))
        return out

    # --- time ---

    def _tick(self, now: float) -> list[m.Command]:
        out: list[m.Command] = []
        if not self.connected:
            return out
        if self._abandoned and now >= self._cancel_again_at:
            out.append(m.CancelOnServer(tuple(sorted(self._abandoned))))
            self._abandoned.clear()
        for job_id, flight in self.flights.items():
            if flight.phase is Phase.WAITING and flight.retry_at <= now:
                flight.phase = flight.retry_phase
                out.append(m.Resume(job_id))
        out += self._stalled(now)
        out += self._overdue_progress(now)
        # Only prompts the event stream has been quiet about: a poll that finds a prompt done
        # while its progress events are still on their way would cut them off.
        quiet = now - self.config.history_poll_s
        watched = tuple(
            j
            for j, f in self.flights.items()
            if f.phase is Phase.ON_SERVER and f.retry_at <= now and f.heard_at <= quiet
        )
        if watched and now - self._polled_at >= self.config.history_poll_s:
            self._polled_at = now
            out.append(m.Poll(watched))
        # A collecting job's end is the output stage's to report (with its images).
        held = tuple(j for j, f in self.flights.items() if f.phase is not Phase.COLLECTING)
        if held and now - self._held_checked_at >= self.config.held_check_s:
            self._held_checked_at = now
            out.append(m.CheckHeld(held))
        if now - self._refreshed_at >= self.config.capabilities_refresh_s:
            self._refreshed_at = now
            out.append(m.RefreshCapabilities())
        out += self._fill()
        return out

    # --- taking jobs ---

    def _fill(self) -> list[m.Command]:
        if not self.connected or self._claiming or self.room <= 0:
            return []
        self._claiming = True
        now = self._now
        self._moved_away = {j: until for j, until in self._moved_away.items() if until > now}
        return [m.Claim(tuple(sorted(self._moved_away)))]

    def _adopt(self, jobs: tuple[Job, ...]) -> list[m.Command]:
        out: list[m.Command] = []
        for job in jobs:
            if job.id in self.flights:
                continue
            self.flights[job.id] = Flight(job, Phase.LOCATING, adopted=True)
            out.append(m.Locate(job.id))
        return out + self._fill()

    def _claimed(self, job: Job | None) -> list[m.Command]:
        self._claiming = False
        if job is None:
            return []
        if job.attempt > 1:
            # It ran somewhere before; if that was here, pick it up rather than run it twice.
            self.flights[job.id] = Flight(job, Phase.LOCATING)
            return [m.Locate(job.id), *self._fill()]
        self.flights[job.id] = Flight(job, Phase.SUBMITTING)
        return [m.Submit(job), *self._fill()]

    def _located(self, job_id: str, entry: HistoryEntry | None, queued: bool) -> list[m.Command]:
        flight = self.flights.get(job_id)
        if flight is None or flight.phase is not Phase.LOCATING:
            return []
        succeeded = entry is not None and entry.completed and entry.status_str == "success"
        if entry is not None and (flight.adopted or succeeded):
            # Adopted: the record of that very run, success or not. Otherwise only a success
            # counts: a failed earlier attempt (the user pressed Retry) runs again.
            return self._collect(flight, entry)
        if queued:
            flight.phase = Phase.ON_SERVER
            flight.quiet_since = self._now
            return []
        if flight.adopted:
            del self.flights[job_id]
            return [m.Requeue(job_id, None), *self._fill()]
        flight.phase = Phase.SUBMITTING
        if entry is None:
            return [m.Submit(flight.job)]
        # The record of a failed earlier attempt: off the server's history first, so that the
        # new run's end is not read from it (the prompt id is the job's, on every attempt).
        flight.rerun = True
        return [m.Forget(job_id), m.Submit(flight.job)]

    def _advanced(self, message: m.Input, job: Job, now: float) -> list[m.Command]:
        flight = self.flights.get(job.id)
        if flight is None:
            return []
        flight.job = job
        if isinstance(message, m.Submitted):
            flight.phase = Phase.ON_SERVER
            flight.attempts = 0
            flight.heard_at = flight.quiet_since = now
            flight.started = False
            flight.sampling_saved = False
            flight.unsaved = None  # of an earlier run of the prompt
            flight.heard_outputs = {}
            flight.heard_whole_run = False
            return []
        # Resumed after a backoff: a collection is simply retried; any other step first asks
        # the server, since the failed call may have reached it.
        if flight.phase is Phase.COLLECTING and flight.entry is not None:
            return [m.Collect(job, flight.entry)]
        flight.phase = Phase.LOCATING
        return [m.Locate(job.id)]

    # --- following ---

    def _event(self, event: ev.Event, now: float) -> list[m.Command]:
        kind = event.type
        if isinstance(event, ev.Status):
            # Sent to every client whenever the server's queue changes, anyone's prompts.
            self._queue_remaining = event.queue_remaining
            return self._fill()
        if kind is EventType.RECONNECTED:
            self._running_prompt = None  # we cannot tell what ran while we were away
            self._polled_at = float("-inf")  # events may have been lost: look at once
            for followed in self.flights.values():
                followed.heard_at = float("-inf")
                followed.heard_whole_run = False
            return []
        if isinstance(event, ev.Executed) and not event.readable:
            # Files were named that we could not read, and maybe not whose: every run
            # followed now reads its outputs from /history.
            for followed in self.flights.values():
                followed.heard_whole_run = False
            return []
        prompt_id = event.prompt_id
        if prompt_id is not None and kind in _EXECUTION_EVENTS:
            ended = isinstance(event, ev.Executing) and event.node is None
            self._running_prompt = None if ended else prompt_id
        if kind is EventType.PREVIEW and prompt_id is None:
            # Type-1 previews name no prompt: they belong to whatever the server runs now.
            prompt_id = self._running_prompt
        flight = self.flights.get(prompt_id or "")
        if flight is None or flight.phase is not Phase.ON_SERVER:
            return []
        end = _is_end(event)
        if end and flight.rerun and not flight.started:
            # Before any sign of this run: the end of the failed run this one repeats.
            return []
        flight.heard_at = flight.quiet_since = now
        flight.started = True
        # ComfyUI sends execution_start when it takes our prompt from its queue (the traces:
        # status, execution_start, execution_cached, executing...); any sign of it running
        # counts, since a reconnect may have lost that one. An end marker is no start.
        began = [] if end or flight.sampling_saved else self._sampling(flight)
        if kind is EventType.PROGRESS_STATE:
            return began  # a sign of life, the most frequent frame of a run; nothing else
        job_id = flight.job.id
        if isinstance(event, ev.ExecutionStart):
            flight.heard_outputs = {}
            flight.heard_whole_run = True
            return [*began, m.Emit(JobStarted(job_id, self.url))]
        if isinstance(event, ev.Executed):
            # By node, the last word kept: as the history keeps each node's UI output once.
            flight.heard_outputs[event.node] = event.outputs
            return began
        if isinstance(event, ev.ExecutionSuccess):
            if not flight.heard_whole_run:
                return []  # the end marker that follows reads /history
            # ComfyUI records in its history what these events said (an `executed` for every
            # node with files, cached ones included): one request a job saved.
            files = tuple(f for outputs in flight.heard_outputs.values() for f in outputs)
            heard = HistoryEntry(job_id, "success", True, files, (), None)
            return self._collect(flight, heard)
        if isinstance(event, ev.Progress):
            return [*began, *self._progress(flight, event, now)]
        if isinstance(event, ev.Preview):
            return [*began, m.Emit(JobPreview(job_id, event.image, event.format))]
        if isinstance(event, ev.Executing):
            if event.node is None:
                return [m.FetchHistory(job_id)]  # ComfyUI writes history before this marker
            # Only the window's live view needs every node (it follows the events); the stored
            # copy, for other processes, is written at most every progress_write_s like step
            # progress: a fast graph sends a marker per node.
            text = flight.node_types.get(event.node, event.node)
            return [*began, *self._save_progress(flight, text, now)]
        if isinstance(event, ev.ExecutionError):
            return self._end(job_id, execution_error(event))
        if isinstance(event, ev.ExecutionInterrupted):
            return self._end(job_id, interrupted_error(event.node_id))
        return began

    def _refresh_free_vram(self, now: float) -> list[m.Command]:
        """A job's end frees (or keeps) GPU memory: read the figure again when the server
        comes to rest, and while it stays busy at most every vram_refresh_s (one GET per job
        was a quarter of the client's calls on a fast GPU)."""
        if not self.connected:
            return []
        if self.flights and now - self._vram_read_at < self.config.vram_refresh_s:
            return []
        self._vram_read_at = now
        return [m.RefreshFreeVram()]

    def _sampling(self, flight: Flight) -> list[m.Command]:
        """Record once per submission when the server began executing the prompt. That write
        is what another process sees of the job starting, so it counts as its progress write
        of this `progress_write_s` (a fast graph's first node or step waits for the next)."""
        if flight.sampling_saved:
            return []
        flight.sampling_saved = True
        flight.progress_saved_at = self._now
        return [m.MarkSampling(flight.job.id)]

    def _save_progress(self, flight: Flight, text: str, now: float) -> list[m.Command]:
        """Store the job's progress at most every `progress_write_s` (the window follows the
        events; the database is read by other processes, about once a second, and never for
        recovery): within that time of the last write the newest text waits in the flight
        and is written when the time is up (`_overdue_progress`), unless the job ends first
        (its completion says 100%). A fast job so writes none: two or three transactions
        less a job (issue 12)."""
        if now - flight.progress_saved_at < self.config.progress_write_s:
            flight.unsaved = text
            return []
        flight.progress_saved_at = now
        flight.unsaved = None
        return [m.SaveProgress(flight.job.id, flight.fraction, text)]

    def _overdue_progress(self, now: float) -> list[m.Command]:
        """Progress that waited its `progress_write_s` (collecting included: a long download
        still shows the last step)."""
        out: list[m.Command] = []
        for flight in self.flights.values():
            text = flight.unsaved
            if text is not None and now - flight.progress_saved_at >= self.config.progress_write_s:
                out += self._save_progress(flight, text, now)
        return out

    def _progress(self, flight: Flight, event: ev.Progress, now: float) -> list[m.Command]:
        job_id = flight.job.id
        node_type = flight.node_types.get(event.node or "")
        eta = flight.timer.step(event.node, event.value, event.max, now)
        flight.fraction = event.value / event.max if event.max else 0.0
        text = f"{node_type or 'step'} {event.value}/{event.max}"
        return [
            m.Emit(JobProgress(job_id, event.value, event.max, event.node, node_type, eta)),
            *self._save_progress(flight, text, now),
        ]

    def _history(self, job_id: str, entry: HistoryEntry | None) -> list[m.Command]:
        flight = self.flights.get(job_id)
        if flight is None or flight.phase is not Phase.ON_SERVER or entry is None:
            return []  # not written yet: the poll looks again
        return self._collect(flight, entry)

    def _polled(
        self,
        queued: frozenset[str],
        histories: Mapping[str, HistoryEntry | None],
        running: frozenset[str] | None,
        pending: tuple[str, ...],
        now: float,
    ) -> list[m.Command]:
        out: list[m.Command] = []
        if running is not None:
            self._server_running, self._server_pending = running, pending
            self._queue_remaining = len(running) + len(pending)
        for job_id in queued:
            flight = self.flights.get(job_id)
            if flight is not None:
                flight.attempts = 0  # the server answered about it: poll failures start over
                if running is not None and job_id in running and not flight.started:
                    # Running there although no event said so: the stall bound starts now.
                    flight.started = True
                    flight.quiet_since = now
                    out += self._sampling(flight)
        for job_id, entry in histories.items():
            flight = self.flights.get(job_id)
            if flight is None or flight.phase is not Phase.ON_SERVER or job_id in queued:
                continue
            if entry is not None:
                out += self._collect(flight, entry)
                continue
            # Neither queued nor in history: the server restarted and forgot it.
            flight.resubmits += 1
            if flight.resubmits > self.config.max_resubmits:
                out += self._end(
                    job_id,
                    JobError(
                        type="lost",
                        message=f"{self.label} forgot the prompt {flight.resubmits} times "
                        "after accepting it (is ComfyUI restarting over and over?); gave up.",
                    ),
                )
                continue
            flight.phase = Phase.SUBMITTING
            out.append(m.Submit(flight.job))
        return out

    def _stalled(self, now: float) -> list[m.Command]:
        """Prompts the server runs while saying nothing about them for `stall_s`: stop them
        there and fail them, so a wedged server cannot hold a job for ever."""
        out: list[m.Command] = []
        limit = self.config.stall_s
        for job_id, flight in list(self.flights.items()):
            if flight.phase is not Phase.ON_SERVER or not flight.started:
                continue
            if now - flight.quiet_since < limit:
                continue
            error = JobError(
                type="stalled",
                message=f"{self.label} ran this job without a word about it (no progress, no "
                f"node finishing) for {limit:.0f} s; it was stopped there. Is ComfyUI hung? "
                "Retry the job to run it again.",
            )
            out += [m.CancelOnServer((job_id,)), *self._end(job_id, error)]
        return out

    # --- moving a waiting prompt to an idle server ---

    def _withdraw(self, job_id: str) -> list[m.Command]:
        flight = self.flights.get(job_id)
        if flight is None or not self.connected or flight.phase is not Phase.ON_SERVER:
            return []
        if flight.started or flight.withdrawing or job_id not in self._server_pending:
            return []  # only a prompt the server lists as waiting, never a running one
        flight.withdrawing = True
        return [m.Unqueue(job_id)]

    def _unqueued(
        self, job_id: str, still_queued: bool, entry: HistoryEntry | None, now: float
    ) -> list[m.Command]:
        flight = self.flights.get(job_id)
        if flight is None:
            return []
        flight.withdrawing = False
        if flight.phase is not Phase.ON_SERVER or still_queued:
            return []  # it started before the delete landed (or was not deleted): it stays
        if entry is not None:
            return self._collect(flight, entry)  # it even finished meanwhile
        del self.flights[job_id]
        self._server_pending = tuple(p for p in self._server_pending if p != job_id)
        self._queue_remaining = max(0, self._queue_remaining - 1)  # we just took it out
        # Back to the queue for the idle server; this one must not take it straight back.
        self._moved_away[job_id] = now + self.config.moved_hold_s
        return [m.Requeue(job_id, None), *self._fill()]

    def _collect(self, flight: Flight, entry: HistoryEntry) -> list[m.Command]:
        flight.phase = Phase.COLLECTING
        flight.entry = entry
        flight.attempts = 0
        if self._running_prompt == flight.job.id:
            self._running_prompt = None
        return [m.Collect(flight.job, entry), *self._fill()]

    # --- failures and cancels ---

    def _step_failed(self, job_id: str, error: BaseException, now: float) -> list[m.Command]:
        flight = self.flights.get(job_id)
        if flight is None:
            return []
        if flight.phase is Phase.COLLECTING and isinstance(error, ComfyAuthError):
            # Refused mid-download (a token revoked): not the job's fault, and no download
            # retry helps. It goes back to the queue as on a server that went down; the
            # driver reports the server down next (driver._drain_inbox).
            flight.phase = Phase.ON_SERVER
            return []
        flight.attempts += 1
        flight.withdrawing = False
        verdict = decide(self.config, flight.attempts, error)
        on_server = flight.phase is Phase.ON_SERVER
        if isinstance(verdict, GiveUp):
            # A prompt we give up following must not keep the GPU busy for nothing.
            stop = [m.CancelOnServer((job_id,))] if on_server and self.connected else []
            return [*stop, *self._end(job_id, verdict.error)]
        if on_server:
            # A poll or history read failed: it runs on there; look again after a backoff.
            flight.retry_at = now + verdict.delay_s
            return []
        flight.retry_phase = flight.phase
        flight.phase = Phase.WAITING
        flight.retry_at = now + verdict.delay_s
        return [
            m.MarkRetrying(job_id, verdict.error, flight.attempts, verdict.delay_s),
            m.Emit(
                JobRetrying(
                    job_id,
                    flight.attempts,
                    verdict.delay_s,
                    verdict.error.message,
                    verdict.error.text,
                )
            ),
            *self._fill(),
        ]

    def _end(self, job_id: str, error: JobError) -> list[m.Command]:
        self.flights.pop(job_id, None)
        if self._running_prompt == job_id:
            self._running_prompt = None
        return [m.Fail(job_id, error), *self._fill()]

    def _cancel(self, job_id: str) -> list[m.Command]:
        flight = self.flights.pop(job_id, None)
        if flight is None:
            return []
        out: list[m.Command] = []
        if flight.phase is not Phase.COLLECTING and self.connected:
            # Even while SUBMITTING or WAITING: the prompt may have reached the server.
            out.append(m.CancelOnServer((job_id,)))
        return out + self._fill()

    def _overruled(self, job: Job) -> list[m.Command]:
        """Someone else ended the job in the store while we worked on it: theirs is the last
        word. A cancel must also stop our prompt on the server."""
        if job.status is JobStatus.CANCELLED:
            return self._cancel(job.id)
        self.flights.pop(job.id, None)
        return self._fill()


def _is_end(event: ev.Event) -> bool:
    """Whether the event says the prompt's run is over (not that it runs)."""
    if isinstance(event, ev.Executing):
        return event.node is None
    return event.type in _END_EVENTS


_END_EVENTS = frozenset(
    {EventType.EXECUTION_SUCCESS, EventType.EXECUTION_ERROR, EventType.EXECUTION_INTERRUPTED}
)


_EXECUTION_EVENTS = frozenset(
    {
        EventType.EXECUTION_START,
        EventType.EXECUTING,
        EventType.EXECUTION_CACHED,
        EventType.PROGRESS,
        EventType.EXECUTED,
    }
)
