"""Scheduling across a shared server, as pure decisions (issue 13): the pipeline depth counts
other clients' prompts, a prompt waiting behind others moves to an idle server only if it has
not started, and a waiting job no server can run is reported with the reason per server."""

from __future__ import annotations

from dataclasses import replace

from studio_desktop.core.comfy import events as ev
from studio_desktop.core.engine import messages as m
from studio_desktop.core.engine.events import ServerState
from studio_desktop.core.engine.machine import Phase
from studio_desktop.core.engine.placement import ServerView, blocked, pick_move
from studio_desktop.core.jobs import GenerationParams, Job
from studio_desktop.core.servers import ServerCapabilities
from studio_desktop.core.workflows import TemplateRegistry
from tests.unit.test_engine_machine import CONFIG, URL, Script, entry, job, kinds

OTHERS = "someone-elses-prompt"


def polled(s: Script, running: tuple[str, ...], pending: tuple[str, ...]) -> list[m.Command]:
    """The poll's answer: the server's whole queue; ours among it are queued."""
    ours = frozenset(p for p in (*running, *pending) if p in s.machine.flights)
    return s(m.Polled(ours, {}, frozenset(running), pending))


# --- the depth counts the whole server queue ---


def test_a_server_busy_with_another_clients_prompt_takes_one_of_ours_not_two() -> None:
    s = Script(depth=2)
    assert kinds(s(m.Connected())) == ["LoadRunning"]
    assert kinds(s(m.ServerEvent(ev.Status(queue_remaining=1)))) == ["Claim"]  # another's run
    assert s(m.RunningJobs(())) == []
    assert kinds(s(m.Claimed(job("a")))) == ["Submit"]  # no second claim: the queue is full
    assert s.machine.room == 0


def test_a_server_whose_queue_is_full_of_others_work_takes_none_until_it_drains() -> None:
    s = Script(depth=2)
    s(m.Connected())
    s(m.ServerEvent(ev.Status(queue_remaining=3)))
    assert s(m.RunningJobs(())) == []
    assert s(m.ServerEvent(ev.Status(queue_remaining=2))) == []
    assert kinds(s(m.ServerEvent(ev.Status(queue_remaining=1)))) == ["Claim"]


def test_our_own_prompts_in_the_queue_are_not_counted_twice() -> None:
    s = Script(depth=2)
    s.connect()
    s.on_server("a")
    # That is "a" itself: room for one more.
    assert kinds(s(m.ServerEvent(ev.Status(queue_remaining=1)))) == ["Claim"]
    assert s.machine.foreign == 0


# --- moving a waiting prompt to an idle server ---


def test_a_prompt_waiting_behind_another_clients_run_is_offered_to_idle_servers() -> None:
    s = Script(depth=2)
    s.connect()
    a = s.on_server("a")
    polled(s, running=(OTHERS,), pending=("a",))
    assert s.machine.movable() == [(a, 1)]
    assert not s.machine.idle


def test_the_prompt_that_runs_next_on_an_empty_server_is_not_moved() -> None:
    s = Script(depth=2)
    s.connect()
    s.on_server("a")
    polled(s, running=(), pending=("a",))
    assert s.machine.movable() == []


def test_a_withdrawn_prompt_goes_back_to_the_queue_and_is_not_claimed_back_here() -> None:
    s = Script(depth=2)
    s.connect()
    s.on_server("a")
    polled(s, running=(OTHERS,), pending=("a",))
    assert s(m.Withdraw("a")) == [m.Unqueue("a")]
    assert s(m.Withdraw("a")) == []  # asked twice: one delete
    out = s(m.Unqueued("a", still_queued=False, entry=None))
    assert out[0] == m.Requeue("a", None)
    assert m.Claim(("a",)) in out  # this server may claim, but not that job
    assert not s.machine.holds("a")
    s(m.Claimed(None))
    s.now += CONFIG.moved_hold_s + 1
    assert m.Claim(()) in s(m.Tick())  # later anyone may take it again


def test_a_prompt_that_started_before_the_delete_landed_stays() -> None:
    s = Script(depth=2)
    s.connect()
    s.on_server("a")
    polled(s, running=(OTHERS,), pending=("a",))
    s(m.Withdraw("a"))
    assert s(m.Unqueued("a", still_queued=True, entry=None)) == []
    assert s.machine.flights["a"].phase is Phase.ON_SERVER
    # ... and it is followed as before: its events still count.
    started = s(m.ServerEvent(ev.ExecutionStart(prompt_id="a")))
    assert kinds(started) == ["MarkSampling", "Emit"]


def test_a_prompt_that_finished_before_the_delete_landed_is_collected() -> None:
    s = Script(depth=2)
    s.connect()
    a = s.on_server("a")
    polled(s, running=(OTHERS,), pending=("a",))
    s(m.Withdraw("a"))
    done = entry("a")
    assert m.Collect(a, done) in s(m.Unqueued("a", still_queued=False, entry=done))


def test_a_started_prompt_is_never_withdrawn() -> None:
    s = Script(depth=2)
    s.connect()
    s.on_server("a")
    polled(s, running=(OTHERS,), pending=("a",))
    s(m.ServerEvent(ev.ExecutionStart(prompt_id="a")))  # it started since the poll
    assert s.machine.movable() == []
    assert s(m.Withdraw("a")) == []


def test_the_idle_server_takes_the_prompt_that_would_wait_longest() -> None:
    a, b, c = job("a"), job("b"), job("c")
    choice = pick_move([("A", a, 1), ("A", b, 2), ("C", c, 0)], lambda _job: True)
    assert choice == ("A", "b")


def test_no_move_of_a_pinned_job_nor_one_the_idle_server_cannot_run() -> None:
    pinned = replace(job("a"), pinned=True)
    assert pick_move([("A", pinned, 3)], lambda _job: True) is None
    assert pick_move([("A", job("b"), 3)], lambda _job: False) is None
    assert pick_move([("A", job("c"), 0)], lambda _job: True) is None


# --- jobs no server can run ---

TEMPLATES = TemplateRegistry(user_dir=None)
BASIC = frozenset(
    {"CheckpointLoaderSimple", "CLIPTextEncode", "EmptyLatentImage", "KSampler", "VAEDecode"}
    | {"SaveImage", "CLIPLoader"}
)


def caps(nodes: frozenset[str] = BASIC) -> ServerCapabilities:
    return ServerCapabilities(None, None, None, "0.3.64", nodes, {"checkpoints": ("m.ckpt",)})


def audio() -> Job:
    return replace(
        job("audio"), template="audio_stable", params=GenerationParams(prompt="p", model="m.ckpt")
    )


def test_a_job_every_connected_server_lacks_nodes_for_is_blocked_for_good() -> None:
    servers = [
        ServerView(URL, "A", ServerState.IDLE, caps()),
        ServerView("http://b", "B", ServerState.BUSY, caps()),
    ]
    verdict = blocked(audio(), servers, TEMPLATES)
    assert verdict is not None and verdict.final
    assert [server for server, _ in verdict.reasons] == ["A", "B"]
    assert "EmptyLatentAudio" in verdict.message and "audio dependencies" in verdict.message


def test_a_blocked_job_waits_while_a_server_is_not_connected() -> None:
    servers = [
        ServerView(URL, "A", ServerState.IDLE, caps()),
        ServerView("http://b", "B", ServerState.CONNECTING, None),
        ServerView("http://c", "C", ServerState.DOWN, None),
    ]
    verdict = blocked(audio(), servers, TEMPLATES)
    assert verdict is not None and not verdict.final
    assert str(dict(verdict.reasons)["B"]) == "connecting"
    assert str(dict(verdict.reasons)["C"]) == "not reachable"


def test_a_job_one_server_can_run_is_not_blocked() -> None:
    audio_nodes = frozenset({"ConditioningStableAudio", "EmptyLatentAudio"})
    full = BASIC | audio_nodes | {"VAEDecodeAudio", "SaveAudio"}
    servers = [
        ServerView(URL, "A", ServerState.IDLE, caps()),
        ServerView("http://b", "B", ServerState.IDLE, caps(full)),
    ]
    assert blocked(audio(), servers, TEMPLATES) is None


def test_a_missing_model_names_the_model() -> None:
    lacking = replace(job("x"), params=GenerationParams(prompt="p", model="other.ckpt"))
    verdict = blocked(lacking, [ServerView(URL, "A", ServerState.IDLE, caps())], TEMPLATES)
    assert verdict is not None and verdict.final and "other.ckpt" in verdict.message
