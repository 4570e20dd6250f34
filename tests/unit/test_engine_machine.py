"""The per-server state machine, race by race: inputs in, commands out. No threads, no sockets,
no clock: each race is written as the order in which things happen."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from studio_desktop.core.comfy import (
    BadResponse,
    ComfyAuthError,
    ComfyConnectionError,
    ComfyHTTPError,
    HistoryEntry,
    OutputFile,
    PromptRejected,
    parse_text,
)
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
from studio_desktop.core.engine.failures import ExecutionFailed, history_error
from studio_desktop.core.engine.machine import Phase, ServerMachine
from studio_desktop.core.jobs import GenerationParams, Job, JobStatus
from studio_desktop.core.workflows import TemplateError

URL = "http://gpu:8188"
CONFIG = EngineConfig(
    max_attempts=3,
    backoff_s=1.0,
    backoff_max_s=8.0,
    history_poll_s=2.0,
    progress_write_s=0.5,
    max_resubmits=2,
    capabilities_refresh_s=1000.0,
)


def job(name: str, *, attempt: int = 1, status: JobStatus = JobStatus.RUNNING) -> Job:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    return Job(
        id=name,
        seq=1,
        template="txt2img",
        params=GenerationParams(prompt="p"),
        workflow={"3": {"class_type": "KSampler", "inputs": {}}},
        inputs=(),
        status=status,
        server=URL,
        pinned=False,
        attempt=attempt,
        priority=0,
        progress=0.0,
        progress_text="",
        error=None,
        created_at=now,
        started_at=now,
        finished_at=None,
        deleted=False,
    )


def entry(prompt_id: str, status: str = "success") -> HistoryEntry:
    return HistoryEntry(prompt_id, status, True, (), (), None)


def kinds(commands: list[m.Command]) -> list[str]:
    return [type(c).__name__ for c in commands]


def emitted(commands: list[m.Command]) -> list[object]:
    return [c.event for c in commands if isinstance(c, m.Emit)]


class Script:
    """A machine and the commands it answered, with a hand-driven clock."""

    def __init__(self, depth: int = 2, config: EngineConfig = CONFIG) -> None:
        self.machine = ServerMachine(URL, "GPU", depth, config)
        self.now = 100.0

    def __call__(self, message: m.Input) -> list[m.Command]:
        return self.machine.handle(message, self.now)

    def connect(self) -> None:
        assert kinds(self(m.Connected())) == ["LoadRunning"]
        assert kinds(self(m.RunningJobs(()))) == ["Claim"]

    def claim(self, claimed: Job) -> list[m.Command]:
        """Hand the machine `claimed` for its outstanding Claim; answer its next Claim with
        "nothing waiting", so each test states the claims it cares about."""
        out = self(m.Claimed(claimed))
        if m.Claim() in out:
            self(m.Claimed(None))
            out.remove(m.Claim())
        return out

    def on_server(self, name: str) -> Job:
        """Claim `name`, submit it: it is then followed on the server."""
        claimed = job(name)
        assert self.claim(claimed) == [m.Submit(claimed)]
        assert self(m.Submitted(claimed)) == []
        return claimed


# --- taking jobs ---------------------------------------------------------------------------------


def test_keeps_the_pipeline_full_to_its_depth_and_no_further() -> None:
    s = Script(depth=2)
    s.connect()
    assert kinds(s(m.Claimed(job("a")))) == ["Submit", "Claim"]
    assert kinds(s(m.Claimed(job("b")))) == ["Submit"]  # two in the pipeline: no more claims
    assert s(m.Submitted(job("a"))) == []
    assert s(m.Claimed(None)) == []
    assert s.machine.in_pipeline == 2


def test_a_job_taken_again_is_looked_for_on_the_server_before_it_is_submitted() -> None:
    s = Script()
    s.connect()
    again = job("a", attempt=2)
    assert kinds(s(m.Claimed(again))) == ["Locate", "Claim"]
    # A failed record of an earlier attempt (the user pressed Retry): off the server's
    # history first, then run it again.
    out = s(m.Located("a", entry("a", "error"), queued=False))
    assert out == [m.Forget("a"), m.Submit(again)]


def test_a_job_never_run_before_is_submitted_without_clearing_anything() -> None:
    s = Script()
    s.connect()
    s.claim(job("a", attempt=2))
    assert s(m.Located("a", None, queued=False)) == [m.Submit(job("a", attempt=2))]


def test_a_retried_job_ignores_the_late_end_of_its_failed_run() -> None:
    """Seen under load: Retry pressed at once after a failure; the failed run's end marker
    arrived after the new submission, the old history was read, and the retry failed too."""
    s = Script()
    s.connect()
    again = job("a", attempt=2)
    s.claim(again)
    s(m.Located("a", entry("a", "error"), queued=False))
    assert s(m.Submitted(again)) == []
    assert s(m.ServerEvent(ev.Executing(prompt_id="a", node=None))) == []
    assert s(m.ServerEvent(ev.ExecutionSuccess(prompt_id="a"))) == []
    assert s.machine.holds("a") and not s.machine.flights["a"].started
    # The new run starts: from now on its end is its own.
    assert kinds(s(m.ServerEvent(ev.ExecutionStart(prompt_id="a")))) == ["MarkSampling", "Emit"]
    assert s(m.ServerEvent(ev.Executing(prompt_id="a", node=None))) == [m.FetchHistory("a")]


def test_a_progress_state_frame_alone_shows_the_job_running_and_nothing_more() -> None:
    # Read as ComfyUI writes it (its node map left undecoded): a sign of life for its prompt,
    # once "sampling", with no progress of its own; another prompt's is nobody's business.
    s = Script()
    s.connect()
    s.on_server("a")
    frame = json.dumps(
        {
            "type": "progress_state",
            "data": {"prompt_id": "a", "nodes": {"3": {"value": 4, "max": 20}}},
        }
    ).encode()
    state = parse_text(frame)
    assert isinstance(state, ev.ProgressState)
    s.now += 30.0
    assert s(m.ServerEvent(state)) == [m.MarkSampling("a")]
    flight = s.machine.flights["a"]
    assert flight.started and flight.heard_at == flight.quiet_since == s.now
    assert s(m.ServerEvent(state)) == []
    other = parse_text(frame.replace(b'"a"', b'"b"'))
    assert other is not None and s(m.ServerEvent(other)) == []


def test_a_successful_earlier_run_is_collected_not_run_twice() -> None:
    s = Script()
    s.connect()
    s.claim(job("a", attempt=2))
    done = entry("a")
    assert kinds(s(m.Located("a", done, queued=False))) == ["Collect", "Claim"]


def test_reconnect_adopts_running_jobs_and_requeues_the_ones_the_server_forgot() -> None:
    s = Script()
    assert kinds(s(m.Connected())) == ["LoadRunning"]
    out = s(m.RunningJobs((job("known"), job("forgotten"), job("finished"))))
    assert kinds(out) == ["Locate", "Locate", "Locate"]  # the pipeline is full of them
    assert s(m.Located("known", None, queued=True)) == []
    assert s.machine.flights["known"].phase is Phase.ON_SERVER
    assert kinds(s(m.Located("forgotten", None, queued=False))) == ["Requeue"]  # still full
    # Adopted: the record of that very run counts, success or not.
    failed = entry("finished", "error")
    assert m.Collect(job("finished"), failed) in s(m.Located("finished", failed, queued=False))


# --- following -----------------------------------------------------------------------------------


def saved(commands: list[m.Command]) -> list[str]:
    return [c.text for c in commands if isinstance(c, m.SaveProgress)]


def test_progress_is_reported_at_once_and_written_at_most_every_half_second() -> None:
    s = Script()
    s.connect()
    s.on_server("a")
    first = s(m.ServerEvent(ev.Progress(prompt_id="a", value=1, max=4, node="3")))
    # The first sign of the prompt running records when its wait in the queue ended: that
    # write also counts as the job's progress write of this half second.
    assert kinds(first) == ["MarkSampling", "Emit"]
    progress = emitted(first)[0]
    assert isinstance(progress, JobProgress) and progress.node_type == "KSampler"
    s.now += 0.1
    assert kinds(s(m.ServerEvent(ev.Progress(prompt_id="a", value=2, max=4, node="3")))) == ["Emit"]
    s.now += 0.1
    last = s(m.ServerEvent(ev.Progress(prompt_id="a", value=4, max=4, node="3")))
    assert kinds(last) == ["Emit"]
    s.now += 0.2
    assert saved(s(m.Tick())) == []
    # Half a second after the last write, the newest progress is written (another window
    # reads it about once a second): the last step is never lost.
    s.now += 0.2
    assert saved(s(m.Tick())) == ["KSampler 4/4"]
    s.now += 1.0
    assert saved(s(m.Tick())) == []  # nothing new since
    s.now += 0.1
    assert saved(s(m.ServerEvent(ev.Executing(prompt_id="a", node="8")))) == ["8"]


def test_a_job_that_ends_within_half_a_second_of_starting_writes_no_progress() -> None:
    # Its sampling mark and its completion are what another window can see of it anyway.
    s = Script()
    s.connect()
    s.on_server("a")
    out: list[m.Command] = []
    out += s(m.ServerEvent(ev.ExecutionStart(prompt_id="a")))
    for node in ("4", "6", "3"):
        s.now += 0.02
        out += s(m.ServerEvent(ev.Executing(prompt_id="a", node=node)))
    for step in (1, 2):
        s.now += 0.02
        out += s(m.ServerEvent(ev.Progress(prompt_id="a", value=step, max=2, node="3")))
    s.now += 0.02
    out += s(m.Tick())
    out += s(m.ServerEvent(ev.Executing(prompt_id="a", node=None)))
    out += s(m.HistoryFetched("a", entry("a")))
    s.now += 0.02
    out += s(m.Tick())
    out += s(m.Collected("a"))
    s.now += 1.0
    out += s(m.Tick())
    assert kinds(out).count("MarkSampling") == 1
    assert saved(out) == []


def test_progress_waiting_to_be_written_is_still_written_while_the_outputs_are_saved() -> None:
    s = Script()
    s.connect()
    s.on_server("a")
    s(m.ServerEvent(ev.Progress(prompt_id="a", value=4, max=4, node="3")))
    s.now += 0.1
    s(m.ServerEvent(ev.Executing(prompt_id="a", node=None)))
    assert "Collect" in kinds(s(m.HistoryFetched("a", entry("a"))))
    s.now += 0.4  # a long download
    assert saved(s(m.Tick())) == ["KSampler 4/4"]


def test_progress_names_the_node_type_of_the_graph_the_job_has_now() -> None:
    # The node types are read once per graph: a job submitted again with another graph (its
    # recorded Job replaced) must be named from the new one.
    s = Script()
    s.connect()
    first = s.on_server("a")
    out = s(m.ServerEvent(ev.Progress(prompt_id="a", value=1, max=4, node="3")))
    assert [e.node_type for e in emitted(out) if isinstance(e, JobProgress)] == ["KSampler"]
    changed = replace(first, workflow={"3": {"class_type": "SamplerCustom", "inputs": {}}})
    assert s(m.Submitted(changed)) == []
    s.now += 1
    out = s(m.ServerEvent(ev.Progress(prompt_id="a", value=2, max=4, node="3")))
    assert [e.node_type for e in emitted(out) if isinstance(e, JobProgress)] == ["SamplerCustom"]
    s.now += 1  # (the new run's sampling mark was this half second's write)
    assert saved(s(m.Tick())) == ["SamplerCustom 2/4"]


def test_a_fast_graph_writes_its_node_changes_at_most_every_half_second() -> None:
    # Each node's `executing` marker used to be one database write: six or seven a job, the
    # largest part of the client's fixed cost per job on a fast GPU.
    s = Script()
    s.connect()
    s.on_server("a")
    first = s(m.ServerEvent(ev.Executing(prompt_id="a", node="4")))
    assert kinds(first) == ["MarkSampling"]
    for node in ("6", "7", "5"):
        s.now += 0.05
        assert kinds(s(m.ServerEvent(ev.Executing(prompt_id="a", node=node)))) == []
    s.now += 0.5
    assert saved(s(m.ServerEvent(ev.Executing(prompt_id="a", node="3")))) == ["KSampler"]
    s.now += 0.1
    assert kinds(s(m.ServerEvent(ev.Executing(prompt_id="a", node="8")))) == []
    s.now += 0.4
    assert saved(s(m.Tick())) == ["8"]


def test_a_busy_server_reads_its_free_memory_once_per_interval_not_after_every_job() -> None:
    # GET /system_stats after every job was a quarter of the client's HTTP calls per job.
    s = Script(depth=3)
    s.connect()
    for name in ("a", "b", "c"):
        s.on_server(name)
        s(m.ServerEvent(ev.Executing(prompt_id=name, node=None)))
        s(m.HistoryFetched(name, entry(name)))
    assert m.RefreshFreeVram() in s(m.Collected("a"))  # the first figure after a job
    s.now += 0.3
    assert m.RefreshFreeVram() not in s(m.Collected("b"))  # "c" still runs: soon enough later
    assert m.RefreshFreeVram() in s(m.Collected("c"))  # the last job: the figure at rest


def test_the_end_marker_fetches_the_history_and_collects() -> None:
    s = Script()
    s.connect()
    a = s.on_server("a")
    assert emitted(s(m.ServerEvent(ev.ExecutionStart(prompt_id="a")))) == [JobStarted("a", URL)]
    assert s(m.ServerEvent(ev.Executing(prompt_id="a", node=None))) == [m.FetchHistory("a")]
    assert s(m.HistoryFetched("a", None)) == []  # not written yet: the poll looks again
    done = entry("a")
    assert kinds(s(m.HistoryFetched("a", done))) == ["Collect", "Claim"]  # a free place
    s(m.Claimed(None))
    assert s.machine.flights["a"].phase is Phase.COLLECTING
    # The job's end frees (or keeps) GPU memory: the status bar's figure is read again.
    assert s(m.Collected("a")) == [m.RefreshFreeVram(), m.Claim()]
    assert not s.machine.holds(a.id)


SAVED = OutputFile("9", "ComfyUI_00001_.png", "", "output", "images")
CACHED = OutputFile("12", "ComfyUI_00002_.png", "", "output", "images")


def test_a_run_heard_from_start_to_success_is_collected_without_reading_history() -> None:
    s = Script()
    s.connect()
    a = s.on_server("a")
    s(m.ServerEvent(ev.ExecutionStart(prompt_id="a")))
    s(m.ServerEvent(ev.Executed(prompt_id="a", node="12", outputs=(CACHED,))))  # a cached one
    s(m.ServerEvent(ev.Executed(prompt_id="a", node="9", outputs=(SAVED,))))
    out = s(m.ServerEvent(ev.ExecutionSuccess(prompt_id="a")))
    heard = HistoryEntry("a", "success", True, (CACHED, SAVED), (), None)
    assert out[0] == m.Collect(a, heard)
    assert s.machine.flights["a"].phase is Phase.COLLECTING
    # The end marker that follows changes nothing: the job is being saved.
    assert s(m.ServerEvent(ev.Executing(prompt_id="a", node=None))) == []


def test_a_node_heard_twice_counts_its_last_files_once_as_the_history_does() -> None:
    s = Script()
    s.connect()
    a = s.on_server("a")
    s(m.ServerEvent(ev.ExecutionStart(prompt_id="a")))
    s(m.ServerEvent(ev.Executed(prompt_id="a", node="9", outputs=(CACHED,))))
    s(m.ServerEvent(ev.Executed(prompt_id="a", node="9", outputs=(SAVED,))))
    out = s(m.ServerEvent(ev.ExecutionSuccess(prompt_id="a")))
    assert out[0] == m.Collect(a, HistoryEntry("a", "success", True, (SAVED,), (), None))


def test_a_run_whose_events_may_be_lost_by_a_reconnect_reads_the_history() -> None:
    s = Script()
    s.connect()
    s.on_server("a")
    s(m.ServerEvent(ev.ExecutionStart(prompt_id="a")))
    s(m.ServerEvent(ev.Reconnected()))  # an `executed` may have gone while we were away
    s(m.ServerEvent(ev.Executed(prompt_id="a", node="9", outputs=(SAVED,))))
    assert s(m.ServerEvent(ev.ExecutionSuccess(prompt_id="a"))) == []
    assert s(m.ServerEvent(ev.Executing(prompt_id="a", node=None))) == [m.FetchHistory("a")]


def test_a_run_with_an_executed_frame_we_could_not_read_reads_the_history() -> None:
    s = Script()
    s.connect()
    s.on_server("a")
    s(m.ServerEvent(ev.ExecutionStart(prompt_id="a")))
    s(m.ServerEvent(ev.UNREADABLE_EXECUTED))  # whose files? not ours to guess
    s(m.ServerEvent(ev.Executed(prompt_id="a", node="9", outputs=(SAVED,))))
    assert s(m.ServerEvent(ev.ExecutionSuccess(prompt_id="a"))) == []
    assert s(m.ServerEvent(ev.Executing(prompt_id="a", node=None))) == [m.FetchHistory("a")]


def test_a_run_whose_start_was_not_heard_reads_the_history() -> None:
    """Connected while it ran: earlier nodes' `executed` events went to nobody."""
    s = Script()
    s.connect()
    s.on_server("a")
    s(m.ServerEvent(ev.Executing(prompt_id="a", node="9")))
    s(m.ServerEvent(ev.Executed(prompt_id="a", node="9", outputs=(SAVED,))))
    assert s(m.ServerEvent(ev.ExecutionSuccess(prompt_id="a"))) == []
    assert s(m.ServerEvent(ev.Executing(prompt_id="a", node=None))) == [m.FetchHistory("a")]


def test_a_resubmitted_run_collects_only_its_own_outputs() -> None:
    s = Script()
    s.connect()
    a = s.on_server("a")
    s(m.ServerEvent(ev.ExecutionStart(prompt_id="a")))
    s(m.ServerEvent(ev.Executed(prompt_id="a", node="12", outputs=(CACHED,))))
    assert s(m.Submitted(a)) == []  # sent again (the server forgot it): a new run
    s(m.ServerEvent(ev.ExecutionStart(prompt_id="a")))
    s(m.ServerEvent(ev.Executed(prompt_id="a", node="9", outputs=(SAVED,))))
    out = s(m.ServerEvent(ev.ExecutionSuccess(prompt_id="a")))
    assert out[0] == m.Collect(a, HistoryEntry("a", "success", True, (SAVED,), (), None))


def test_a_download_refused_by_the_server_gives_the_job_back_without_a_retry() -> None:
    """A token revoked after the run: no download retry helps and the job is not at fault;
    once the driver reports the server down, the job goes back to the queue."""
    s = Script()
    s.connect()
    s.on_server("a")
    s(m.ServerEvent(ev.ExecutionStart(prompt_id="a")))
    s(m.ServerEvent(ev.Executed(prompt_id="a", node="9", outputs=(SAVED,))))
    s(m.ServerEvent(ev.ExecutionSuccess(prompt_id="a")))
    assert s(m.StepFailed("a", ComfyAuthError("http://x/view", 401))) == []
    out = s(m.Disconnected("refused", None))
    assert [c.job_id for c in out if isinstance(c, m.Requeue)] == ["a"]
    assert not s.machine.holds("a")


def test_other_clients_previews_do_not_leak_into_our_job() -> None:
    """ComfyUI broadcasts type-1 previews (no prompt id) of prompts queued without a client id;
    while another prompt runs they are not ours, once ours runs they are."""
    s = Script()
    s.connect()
    s.on_server("ours")
    s(m.ServerEvent(ev.ExecutionStart(prompt_id="theirs")))
    preview = ev.Preview(image=b"x", format="jpeg")
    assert s(m.ServerEvent(preview)) == []
    s(m.ServerEvent(ev.Executing(prompt_id="theirs", node=None)))
    assert s(m.ServerEvent(preview)) == []  # nothing runs that we know of
    s(m.ServerEvent(ev.ExecutionStart(prompt_id="ours")))
    assert emitted(s(m.ServerEvent(preview))) == [JobPreview("ours", b"x", "jpeg")]
    s(m.ServerEvent(ev.Reconnected()))
    assert s(m.ServerEvent(preview)) == []  # what runs now is unknown after a reconnect


def test_a_node_error_fails_the_job_with_the_node_and_message() -> None:
    s = Script()
    s.connect()
    s.on_server("a")
    out = s(
        m.ServerEvent(
            ev.ExecutionError(
                prompt_id="a",
                node_id="3",
                node_type="KSampler",
                exception_type="RuntimeError",
                exception_message="CUDA out of memory",
                traceback="tb",
            )
        )
    )
    (fail,) = [c for c in out if isinstance(c, m.Fail)]
    assert fail.error.node_id == "3" and "CUDA out of memory" in fail.error.message
    assert not s.machine.holds("a")


def test_an_error_event_while_the_outputs_are_collected_leaves_the_end_to_the_collection() -> None:
    """Seen under load: the history (read by the end marker or a poll) was being collected when
    ComfyUI's execution_error arrived; both ended the job, and the collection's late end landed
    on the attempt a Retry had started meanwhile."""
    s = Script()
    s.connect()
    s.on_server("a")
    assert kinds(s(m.HistoryFetched("a", entry("a", "error")))) == ["Collect", "Claim"]
    s(m.Claimed(None))
    error = ev.ExecutionError(
        prompt_id="a",
        node_id="3",
        node_type="KSampler",
        exception_type="RuntimeError",
        exception_message="CUDA out of memory",
        traceback="tb",
    )
    assert s(m.ServerEvent(error)) == []
    assert s.machine.holds("a")  # the collection says how it ended
    out = s(m.StepFailed("a", ExecutionFailed(history_error(entry("a", "error")))))
    assert [c.job_id for c in out if isinstance(c, m.Fail)] == ["a"]
    assert not s.machine.holds("a")


# --- the safety-net poll -------------------------------------------------------------------------


def test_only_prompts_the_stream_was_quiet_about_are_polled() -> None:
    s = Script()
    s.connect()
    s.on_server("a")
    s.now += 1.9
    s(m.ServerEvent(ev.Progress(prompt_id="a", value=1, max=9, node="3")))
    s.now += 1.0
    assert m.Poll(("a",)) not in s(m.Tick())  # heard of 1 s ago
    s.now += 2.0
    assert m.Poll(("a",)) in s(m.Tick())


def test_a_prompt_the_server_forgot_is_submitted_again_a_bounded_number_of_times() -> None:
    """A server that forgets the prompt (restarts, lists other prompts only) used to get it
    resubmitted for ever."""
    s = Script()
    s.connect()
    a = s.on_server("a")
    for _ in range(CONFIG.max_resubmits):
        assert s(m.Polled(frozenset(), {"a": None})) == [m.Submit(a)]
        s(m.Submitted(a))
    out = s(m.Polled(frozenset(), {"a": None}))
    (fail,) = [c for c in out if isinstance(c, m.Fail)]
    assert fail.error.type == "lost" and "3 times" in fail.error.message


def test_a_500_from_history_neither_stops_the_server_nor_strands_the_job() -> None:
    """One HTTP 500 from /history used to end the server's loop until restart."""
    s = Script()
    s.connect()
    s.on_server("a")
    error = ComfyHTTPError(URL, 500, "Server got itself in trouble")
    assert s(m.StepFailed("a", error)) == []  # it runs on there; look again after a backoff
    assert s.machine.connected and s.machine.flights["a"].phase is Phase.ON_SERVER
    s.now += 10
    assert m.Poll(("a",)) in s(m.Tick())
    assert s(m.Polled(frozenset({"a"}), {})) == []  # answered: the failures start over
    assert s.machine.flights["a"].attempts == 0


def test_a_server_that_keeps_failing_polls_fails_the_job_and_stops_its_prompt() -> None:
    s = Script()
    s.connect()
    s.on_server("a")
    junk = BadResponse(URL, "not JSON")
    s(m.StepFailed("a", junk))
    s(m.StepFailed("a", junk))
    out = s(m.StepFailed("a", junk))
    assert out[0] == m.CancelOnServer(("a",))
    (fail,) = [c for c in out if isinstance(c, m.Fail)]
    assert "gave up after 3 attempts" in fail.error.message


# --- retries -------------------------------------------------------------------------------------


def test_a_transient_submit_failure_waits_then_asks_the_server_before_submitting_again() -> None:
    s = Script()
    s.connect()
    a = job("a")
    s.claim(a)
    out = s(m.StepFailed("a", ComfyHTTPError(URL, 503)))
    assert kinds(out) == ["MarkRetrying", "Emit", "Claim"]  # its place goes to another job
    s(m.Claimed(None))
    (retrying,) = emitted(out)
    assert isinstance(retrying, JobRetrying) and retrying.delay_s == 1.0
    s.now += 0.5
    assert m.Resume("a") not in s(m.Tick())
    s.now += 0.6
    assert m.Resume("a") in s(m.Tick())
    # The failed POST may have reached the server: look before submitting again.
    assert s(m.Resumed(a)) == [m.Locate("a")]


@pytest.mark.parametrize(
    "error",
    [
        PromptRejected(URL, "prompt_outputs_failed_validation", "Prompt outputs failed", ()),
        TemplateError("no such template"),
    ],
)
def test_a_permanent_failure_fails_at_once(error: Exception) -> None:
    s = Script()
    s.connect()
    s.claim(job("a"))
    out = s(m.StepFailed("a", error))
    assert kinds(out)[0] == "Fail" and not s.machine.holds("a")


def test_an_unexpected_error_is_retried_then_fails_with_a_reason() -> None:
    s = Script()
    s.connect()
    s.claim(job("a"))
    for _ in range(2):
        assert kinds(s(m.StepFailed("a", OverflowError("1e999"))))[0] == "MarkRetrying"
        s.now += 100
        s(m.Tick())
        s(m.Resumed(job("a")))
        s(m.Located("a", None, queued=False))
    out = s(m.StepFailed("a", OverflowError("1e999")))
    (fail,) = [c for c in out if isinstance(c, m.Fail)]
    assert fail.error.type == "internal" and "OverflowError" in fail.error.message


# --- cancels -------------------------------------------------------------------------------------


def test_a_cancel_reaches_the_server_in_any_phase_but_collecting() -> None:
    s = Script()
    s.connect()
    s.claim(job("submitting"))
    s.on_server("running")
    assert s(m.CancelRequested("submitting")) == [m.CancelOnServer(("submitting",)), m.Claim()]
    s(m.Claimed(None))
    assert m.CancelOnServer(("running",)) in s(m.CancelRequested("running"))
    s(m.Claimed(None))
    s.on_server("done")
    s(m.HistoryFetched("done", entry("done")))
    s(m.Claimed(None))
    assert s(m.CancelRequested("done")) == [m.Claim()]  # the store refuses its outputs


def test_a_cancel_the_server_refused_is_sent_again_later() -> None:
    s = Script()
    s.connect()
    s.on_server("a")
    s(m.CancelRequested("a"))
    assert s(m.CancelFailed(("a",))) == []
    assert m.CancelOnServer(("a",)) not in s(m.Tick())
    s.now += CONFIG.history_poll_s
    assert m.CancelOnServer(("a",)) in s(m.Tick())


def test_a_job_ended_elsewhere_is_let_go_and_a_cancel_stops_its_prompt() -> None:
    s = Script()
    s.connect()
    a = s.on_server("a")
    cancelled = replace(a, status=JobStatus.CANCELLED)
    assert m.CancelOnServer(("a",)) in s(m.Overruled(cancelled))
    s.on_server("b")
    failed = replace(job("b"), status=JobStatus.FAILED)
    assert m.CancelOnServer(("b",)) not in s(m.Overruled(failed))
    assert not s.machine.holds("b")


def test_events_of_a_cancelled_job_are_ignored() -> None:
    s = Script()
    s.connect()
    s.on_server("a")
    s(m.CancelRequested("a"))
    assert s(m.ServerEvent(ev.Progress(prompt_id="a", value=1, max=2, node="3"))) == []
    assert (
        s(m.ServerEvent(ev.ExecutionInterrupted(prompt_id="a", node_id="3", node_type="K"))) == []
    )


# --- a server that goes away ---------------------------------------------------------------------


def test_a_server_going_away_gives_its_jobs_back_and_cancels_them_when_it_returns() -> None:
    s = Script()
    s.connect()
    s.on_server("queued")
    s.on_server("collecting")
    s(m.HistoryFetched("collecting", entry("collecting")))
    out = s(m.Disconnected("connection refused"))
    requeued = [c.job_id for c in out if isinstance(c, m.Requeue)]
    assert requeued == ["queued"]  # the output stage keeps downloading the finished one
    assert s.machine.holds("collecting")
    assert s(m.Tick()) == []  # nothing is claimed while down
    out = s(m.Connected())
    assert out[0] == m.CancelOnServer(("queued",))  # it must not run there as well


def test_jobs_being_collected_are_not_checked_for_ends_elsewhere() -> None:
    """The CLI printed 2 of 3 "saved" lines: a check found a job completed by its own output
    stage and reported it as ended elsewhere, without its images, before the stage did."""
    s = Script()
    s.connect()
    s.on_server("running")
    s.on_server("saving")
    s(m.HistoryFetched("saving", entry("saving")))
    s(m.Claimed(None))
    s.now += CONFIG.held_check_s
    checks = [c for c in s(m.Tick()) if isinstance(c, m.CheckHeld)]
    assert checks == [m.CheckHeld(("running",))]


def test_waiting_on_the_server_ends_at_the_first_event_of_our_prompt() -> None:
    """'running' counted a job only sent and waiting on the server: the machine records when
    ComfyUI starts executing OUR prompt, once per submission, never on an end marker."""
    s = Script()
    s.connect()
    s.on_server("a")
    # Another client's prompt runs: nothing about ours.
    assert "MarkSampling" not in kinds(s(m.ServerEvent(ev.ExecutionStart(prompt_id="other"))))
    started = s(m.ServerEvent(ev.ExecutionStart(prompt_id="a")))
    assert kinds(started) == ["MarkSampling", "Emit"]
    assert started[0] == m.MarkSampling("a")
    again = s(m.ServerEvent(ev.Executing(prompt_id="a", node="3")))
    assert "MarkSampling" not in kinds(again)

    s2 = Script()
    s2.connect()
    s2.on_server("b")
    # Only the end marker heard (the stream reconnected meanwhile): no sampling start from it.
    assert "MarkSampling" not in kinds(s2(m.ServerEvent(ev.Executing(prompt_id="b", node=None))))


def test_a_server_without_a_name_is_named_once_when_it_goes_away() -> None:
    """Seen in the status bar: "http://127.0.0.1:8199 is not reachable: Could not reach ComfyUI
    at http://127.0.0.1:8199 (connection refused). ..." The client's sentence names the server
    already; a server with a name of its own keeps it in front."""
    lost = ComfyConnectionError("http://gpu:8188", "connection refused")
    for label, expected in (
        ("http://gpu:8188", str(lost)),
        ("GPU", f"GPU is not reachable: {lost}"),
    ):
        machine = ServerMachine("http://gpu:8188", label, 2, EngineConfig())
        machine.handle(m.Connected(), 0.0)
        out = machine.handle(m.Disconnected(str(lost), lost.text), 1.0)
        [notice] = [c.event for c in out if isinstance(c, m.Emit) and isinstance(c.event, Notice)]
        assert notice.message == expected
        assert notice.message.count("http://gpu:8188") == 1
    # A reason that does not name the server keeps the server's name in front.
    machine = ServerMachine("http://gpu:8188", "http://gpu:8188", 2, EngineConfig())
    machine.handle(m.Connected(), 0.0)
    out = machine.handle(m.Disconnected("the server stopped answering"), 1.0)
    [notice] = [c.event for c in out if isinstance(c, m.Emit) and isinstance(c.event, Notice)]
    assert notice.message == "http://gpu:8188 is not reachable: the server stopped answering"
