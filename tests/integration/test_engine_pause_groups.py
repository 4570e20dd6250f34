"""Pausing the queue with jobs in flight on two servers, a restart while paused, a group
pinned to one server, and a forever group (issue 15)."""

from __future__ import annotations

import collections
import threading
from collections.abc import Callable, Iterator

import pytest

from studio_desktop.core.context import AppContext
from studio_desktop.core.engine import Dispatcher, JobFinished
from studio_desktop.core.engine.coordinator import Coordinator, Seat
from studio_desktop.core.groups import GroupKind, NewGroup
from studio_desktop.core.jobs import JobStatus, NewJob
from studio_desktop.core.prompts.jobs import job_params
from studio_desktop.core.servers import ServerConfig
from tests.fakes.comfy_server import ENDLESS_STEPS, FakeComfyServer
from tests.integration.helpers import FAST, Recorder, params_for, queue_ids, wait_until


class ClaimsSeen:
    """How often each server's driver found nothing to claim: the engine's own callback,
    counted and passed on, so a test can wait for "it looked and took nothing" instead of
    sleeping."""

    def __init__(self) -> None:
        self.counts: collections.Counter[str] = collections.Counter()
        self._lock = threading.Lock()

    def __getitem__(self, url: str) -> int:
        with self._lock:
            return self.counts[url]

    def saw(self, url: str) -> None:
        with self._lock:
            self.counts[url] += 1

    def wait_for_more(self, urls: list[str], looks: int = 3) -> None:
        """Until every server has looked for work `looks` more times."""
        start = {u: self[u] for u in urls}
        wait_until(lambda: all(self[u] >= start[u] + looks for u in urls), what="servers to look")


@pytest.fixture
def claims(monkeypatch: pytest.MonkeyPatch) -> Iterator[ClaimsSeen]:
    seen = ClaimsSeen()
    original = Coordinator.nothing_to_claim

    def counting(self: Coordinator, seat: Seat) -> None:
        original(self, seat)
        seen.saw(seat.url)

    monkeypatch.setattr(Coordinator, "nothing_to_claim", counting)
    yield seen


def _dispatcher(ctx: AppContext, fakes: list[FakeComfyServer], recorder: Recorder) -> Dispatcher:
    return Dispatcher(
        ctx.store,
        ctx.library,
        ctx.templates,
        [ServerConfig(f.url, f"S{i}", pipeline_depth=1) for i, f in enumerate(fakes)],
        listener=recorder,
        config=FAST,
    )


def _statuses(ctx: AppContext, group_id: str) -> collections.Counter[JobStatus]:
    return collections.Counter(j.status for j in ctx.store.group_jobs(group_id))


def test_pause_lets_running_jobs_finish_takes_nothing_new_and_survives_a_restart(
    ctx: AppContext,
    fake_comfy_factory: Callable[..., FakeComfyServer],
    claims: ClaimsSeen,
) -> None:
    fakes = [fake_comfy_factory(steps=ENDLESS_STEPS) for _ in range(2)]
    urls = [f.url for f in fakes]
    recorder = Recorder()
    dispatcher = _dispatcher(ctx, fakes, recorder)
    group = NewGroup("six cats")
    jobs = [NewJob("txt2img", params_for(fakes[0], seed=i)) for i in range(6)]
    dispatcher.enqueue(jobs, group=group)
    dispatcher.start()
    try:
        # One job runs on each server (depth 1), endlessly until the test lets it end.
        wait_until(lambda: all(queue_ids(f)[0] for f in fakes), what="a job on each server")
        dispatcher.pause()
        for fake in fakes:
            fake.steps = 2
        wait_until(lambda: _statuses(ctx, group.id)[JobStatus.COMPLETED] == 2, what="running jobs")
        claims.wait_for_more(urls)
        assert _statuses(ctx, group.id) == {JobStatus.COMPLETED: 2, JobStatus.PENDING: 4}
        assert all(queue_ids(f) == ([], []) for f in fakes)
    finally:
        assert dispatcher.shutdown(10.0)

    # A restart while paused stays paused.
    assert ctx.store.queue_pause().all_servers
    dispatcher = _dispatcher(ctx, fakes, recorder)
    dispatcher.start()
    try:
        claims.wait_for_more(urls)
        assert _statuses(ctx, group.id)[JobStatus.PENDING] == 4
        # The second server paused on its own, the queue as a whole resumed: the first runs
        # the rest, the second stays paused.
        dispatcher.pause(urls[1])
        assert not dispatcher.resume().all_servers
        wait_until(
            lambda: _statuses(ctx, group.id)[JobStatus.COMPLETED] == 6, what="the rest to run"
        )
        assert {j.server for j in ctx.store.group_jobs(group.id)[2:]} == {urls[0]}
    finally:
        assert dispatcher.shutdown(10.0)
    (progress,) = ctx.store.group_progress([group.id])
    assert (progress.done, progress.total) == (6, 6)
    assert len(recorder.of(JobFinished)) == 6


def test_a_group_pinned_to_one_server_runs_there_only(
    ctx: AppContext, fake_comfy_factory: Callable[..., FakeComfyServer]
) -> None:
    fakes = [fake_comfy_factory() for _ in range(2)]
    recorder = Recorder()
    dispatcher = _dispatcher(ctx, fakes, recorder)
    group = NewGroup("pinned")
    dispatcher.pause()
    dispatcher.enqueue(
        [NewJob("txt2img", params_for(fakes[0], seed=i)) for i in range(4)], group=group
    )
    dispatcher.pin_group(group.id, fakes[1].url)
    dispatcher.start()
    try:
        dispatcher.resume()
        wait_until(lambda: _statuses(ctx, group.id)[JobStatus.COMPLETED] == 4, what="the group")
        assert {j.server for j in ctx.store.group_jobs(group.id)} == {fakes[1].url}
    finally:
        assert dispatcher.shutdown(10.0)


def test_a_forever_group_runs_with_new_seeds_until_cancelled(
    ctx: AppContext, fake_comfy_factory: Callable[..., FakeComfyServer]
) -> None:
    fake = fake_comfy_factory()
    recorder = Recorder()
    dispatcher = _dispatcher(ctx, [fake], recorder)
    group = NewGroup("forever", kind=GroupKind.FOREVER)
    dispatcher.enqueue([NewJob("txt2img", params_for(fake, seed=1))], group=group)
    dispatcher.start()
    try:
        wait_until(
            lambda: _statuses(ctx, group.id)[JobStatus.COMPLETED] >= 3, what="three in a row"
        )
        dispatcher.cancel_group(group.id)
        wait_until(
            lambda: not {JobStatus.PENDING, JobStatus.RUNNING} & set(_statuses(ctx, group.id)),
            what="the group to stop",
        )
    finally:
        assert dispatcher.shutdown(10.0)
    jobs = ctx.store.group_jobs(group.id)
    assert len({j.params.seed for j in jobs}) == len(jobs)  # a new seed each time
    assert ctx.store.jobs_with_status(JobStatus.PENDING) == []


def test_generate_forever_picks_each_prompt_again_from_the_dynamic_template(
    ctx: AppContext, fake_comfy_factory: Callable[..., FakeComfyServer]
) -> None:
    """A forever group from `a {c0|...|c39} cat` used to send the first pick again and again.
    Each job the server gets is the template expanded with that job's seed: with 40 choices the
    old behaviour (the first pick with a new seed) fails this for all but 1 in 40 seeds each."""
    fake = fake_comfy_factory()
    recorder = Recorder()
    dispatcher = _dispatcher(ctx, [fake], recorder)
    template = "a {" + "|".join(f"c{i}" for i in range(40)) + "} cat"
    group = NewGroup("forever", kind=GroupKind.FOREVER)
    (first,) = job_params(params_for(fake, prompt=template), [1])
    dispatcher.enqueue([NewJob("txt2img", first)], group=group)
    dispatcher.start()
    try:
        wait_until(
            lambda: _statuses(ctx, group.id)[JobStatus.COMPLETED] >= 3, what="three in a row"
        )
        dispatcher.cancel_group(group.id)
        wait_until(
            lambda: not {JobStatus.PENDING, JobStatus.RUNNING} & set(_statuses(ctx, group.id)),
            what="the group to stop",
        )
    finally:
        assert dispatcher.shutdown(10.0)
    done = [j for j in ctx.store.group_jobs(group.id) if j.status is JobStatus.COMPLETED]
    assert len(done) >= 3
    sent = {body["prompt_id"]: body["prompt"]["6"]["inputs"]["text"] for body in fake.submitted}
    for job in done[:3]:
        expected = job_params(params_for(fake, prompt=template), [job.params.seed])[0].prompt
        assert job.params.prompt == expected and sent[job.id] == expected
