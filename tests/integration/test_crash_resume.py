"""Kill a batch with SIGKILL at chosen moments; `resume` finishes it, nothing lost or doubled."""

from __future__ import annotations

import collections
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import JobStatus
from studio_desktop.core.store import Store
from tests.fakes.comfy_server import FakeComfyServer

BATCH = 20
ROUNDS = 10
# Only a ceiling against a hang: a loaded machine may take many seconds just to import the app.
WAIT_S = 300.0


def _start_generate(url: str, data_dir: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "studio_desktop",
            "generate",
            "crash test",
            "--server",
            url,
            "--count",
            str(BATCH),
            "--steps",
            "2",
            "--data-dir",
            str(data_dir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _files_under(folder: Path) -> set[str]:
    return {p.relative_to(folder.parent).as_posix() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.slow
@pytest.mark.timeout(900)  # 20 interpreter starts: a busy CI machine can need minutes for those
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_sigkill_at_chosen_moments_then_resume(fake_comfy_factory: object, tmp_path: Path) -> None:
    fake: FakeComfyServer = fake_comfy_factory(steps=3, step_seconds=0.04)  # type: ignore[operator]
    rng = random.Random(20261123)
    # Each kill waits for a point in the batch's progress, not for a wall-clock moment: on a busy
    # machine the import alone can outlast any fixed delay. Two rounds hit start-up (importing,
    # creating the store); the rest land after the k-th prompt reached ComfyUI, k spread over the
    # batch, while earlier jobs are running or having their outputs saved.
    after_submits = sorted(rng.sample(range(1, BATCH - 2), ROUNDS - 2))
    mid_batch_kills = 0
    for round_no in range(ROUNDS):
        data_dir = tmp_path / f"round{round_no}"
        already = len(fake.submitted)
        process = _start_generate(fake.url, data_dir)
        db = data_dir / "studio.sqlite3"
        if round_no == 0:
            moment = "while starting"
            _kill_when(process, lambda: True)
        elif round_no == 1:
            moment = "once the store file exists"
            _kill_when(process, db.exists)
        else:
            k = after_submits[round_no - 2]
            moment = f"after submit {k}"
            _kill_when(process, _submits_reach(fake, already + k))
        context = f"round {round_no}, killed {moment}"
        if _interrupted_mid_batch(data_dir):
            mid_batch_kills += 1

        resume = subprocess.run(
            [
                sys.executable,
                "-m",
                "studio_desktop",
                "resume",
                "--server",
                fake.url,
                "--data-dir",
                str(data_dir),
            ],
            capture_output=True,
            text=True,
            timeout=WAIT_S,
        )
        if not (data_dir / "studio.sqlite3").exists():
            # Killed before the store was even created: resume has nothing to do, correctly.
            assert resume.returncode == 0, (context, resume.stderr)
            continue
        assert resume.returncode == 0, (context, resume.stdout, resume.stderr)

        with AppContext.open(data_dir) as ctx:
            jobs = ctx.store.list_jobs(limit=1000).items
            if not jobs:
                continue  # killed before the batch was queued: nothing was promised
            assert len(jobs) == BATCH, context
            assert all(job.status is JobStatus.COMPLETED for job in jobs), (
                context,
                collections.Counter(job.status for job in jobs),
            )
            recorded: set[str] = set()
            for job in jobs:
                images = ctx.store.images_for_job(job.id)
                assert len(images) == 1, (context, job.id, images)
                recorded.update(i.path for i in images)
                thumbs = {i.thumb_path for i in images}
                recorded.update(t for t in thumbs if t)
            on_disk = _files_under(data_dir / "outputs") | _files_under(data_dir / "thumbnails")
            # A kill during an atomic write leaves a hidden temp file, never a half image. Start-up
            # sweeps only old ones (another process may be writing right now); sweep all here.
            debris = {p for p in on_disk if Path(p).name.startswith(".") and p.endswith(".part")}
            assert ctx.library.clean_temp(older_than_s=0) >= len(debris), context
            assert on_disk - debris == recorded, (context, (on_disk - debris) ^ recorded)
            for path in recorded:
                assert (data_dir / path).stat().st_size > 0
            assert ctx.store.integrity_check() == "ok", context
            # Each job reached ComfyUI exactly once: a resumed prompt is found, not resubmitted.
            submits = collections.Counter(body.get("prompt_id") for body in fake.submitted)
            for job in jobs:
                assert submits[job.id] == 1, (context, job.id, submits[job.id])
    # The test means something only if most kills hit a batch that was partly done. A kill after
    # the k-th of 20 submissions (k <= 17) leaves at least three jobs to run, so all eight of
    # those rounds should count; the margin only allows for a test thread stalled for seconds.
    assert mid_batch_kills >= ROUNDS // 2, mid_batch_kills


def _submits_reach(fake: FakeComfyServer, count: int) -> Callable[[], bool]:
    return lambda: len(fake.submitted) >= count


def _kill_when(process: subprocess.Popen[bytes], condition: Callable[[], bool]) -> None:
    """SIGKILL the process as soon as `condition` holds (unless it has ended by itself)."""
    deadline = time.monotonic() + WAIT_S
    while not condition():
        if process.poll() is not None:
            return
        assert time.monotonic() < deadline, f"no kill point within {WAIT_S:g} s"
        time.sleep(0.005)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=WAIT_S)


def _interrupted_mid_batch(data_dir: Path) -> bool:
    db = data_dir / "studio.sqlite3"
    if not db.exists():
        return False
    with Store(db) as store:
        counts = store.count_by_status()
    return sum(counts.values()) > 0 and counts.get(JobStatus.COMPLETED, 0) < BATCH
