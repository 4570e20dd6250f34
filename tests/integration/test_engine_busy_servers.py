"""A server busy with another client's work does not hold our batch while another server idles
(issue 13): found with `generate --server A --server B --count 4` while A ran someone else's
20-step prompt, two jobs sat in A's queue for minutes and B did nothing."""

from __future__ import annotations

from collections.abc import Callable

from studio_desktop.core.context import AppContext
from studio_desktop.core.engine import Dispatcher, JobFinished
from studio_desktop.core.jobs import JobStatus, NewJob
from studio_desktop.core.servers import ServerConfig
from tests.fakes.comfy_server import FakeComfyServer
from tests.integration.helpers import (
    FAST,
    Recorder,
    interrupt_all,
    params_for,
    queue_ids,
    submit_blocker,
    submitted_ids,
    wait_until,
)


def test_a_batch_runs_on_the_idle_server_while_the_other_is_busy_with_someone_elses_prompt(
    ctx: AppContext, fake_comfy_factory: Callable[..., FakeComfyServer]
) -> None:
    busy = fake_comfy_factory()
    free = fake_comfy_factory()
    busy.faults.busy_with_others = True  # another app's prompt runs there for as long as we like
    blocker = submit_blocker(busy, ctx)
    wait_until(lambda: queue_ids(busy)[0] == [blocker], what="the other client's prompt to run")

    recorder = Recorder()
    dispatcher = Dispatcher(
        ctx.store,
        ctx.library,
        ctx.templates,
        [ServerConfig(busy.url, "A", pipeline_depth=2), ServerConfig(free.url, "B")],
        listener=recorder,
        config=FAST,
    )
    jobs = dispatcher.enqueue(
        [NewJob(template="txt2img", params=params_for(busy, seed=i)) for i in range(4)]
    )
    dispatcher.start()
    try:
        wait_until(lambda: len(recorder.of(JobFinished)) == 4, timeout=60, what="the batch")
        # The other client's prompt is still running on A: everything ran on B.
        assert queue_ids(busy)[0] == [blocker]
        for job in jobs:
            final = ctx.store.get_job(job.id)
            assert final is not None and final.status is JobStatus.COMPLETED, final
            assert final.server == free.url
        # Whatever A had taken before it heard of the other prompt was deleted from its queue,
        # never interrupted: the other client's run was not touched.
        ours = {job.id for job in jobs}
        taken_by_a = set(submitted_ids(busy)) - {None}  # the blocker was sent without an id
        assert taken_by_a <= ours
        assert taken_by_a <= set(busy.deleted)
        assert busy.interrupts == []
        assert queue_ids(busy)[1] == []
    finally:
        dispatcher.shutdown(10.0)
        busy.faults.busy_with_others = False
        interrupt_all(busy)
