"""Store: claiming is atomic across threads and processes sharing one database file."""

from __future__ import annotations

import multiprocessing
import threading
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from studio_desktop.core.jobs import GenerationParams, NewJob
from studio_desktop.core.store import Store

JOBS = 200
THREADS = 4
PROCESSES = 2
WAIT_S = 60.0


def _wait_for(path: Path) -> None:
    deadline = time.monotonic() + WAIT_S
    while not path.exists():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{path} never appeared")
        time.sleep(0.01)


def claim_all(db_path: Path, name: str) -> list[str]:
    """Claim until the queue is empty. Runs in a thread or a spawned process."""
    claimed: list[str] = []
    with Store(db_path) as store:
        (db_path.parent / f"ready-{name}").touch()
        _wait_for(db_path.parent / "go")
        while (job := store.claim_next(f"http://{name}")) is not None:
            claimed.append(job.id)
    return claimed


def test_every_job_is_claimed_exactly_once(tmp_path: Path) -> None:
    db_path = tmp_path / "studio.sqlite3"
    with Store(db_path) as store:
        added = store.add_jobs(
            [NewJob("txt2img", GenerationParams(prompt=f"job {i}")) for i in range(JOBS)]
        )
    results: dict[str, list[str]] = {}

    def in_thread(name: str) -> None:
        results[name] = claim_all(db_path, name)

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(PROCESSES, mp_context=context) as pool:
        futures = {f"p{i}": pool.submit(claim_all, db_path, f"p{i}") for i in range(PROCESSES)}
        threads = [threading.Thread(target=in_thread, args=(f"t{i}",)) for i in range(THREADS)]
        for thread in threads:
            thread.start()
        # Start everyone at once, after the slow process start-up, so the claims interleave.
        for name in [*futures, *(f"t{i}" for i in range(THREADS))]:
            _wait_for(tmp_path / f"ready-{name}")
        (tmp_path / "go").touch()
        for thread in threads:
            thread.join(WAIT_S)
            assert not thread.is_alive()
        for name, future in futures.items():
            results[name] = future.result(timeout=WAIT_S)

    counts = Counter(job_id for claimed in results.values() for job_id in claimed)
    assert set(counts) == {job.id for job in added}
    assert set(counts.values()) == {1}
    with Store(db_path) as store:
        jobs = store.list_jobs(limit=JOBS).items
        assert all(job.attempt == 1 for job in jobs)
        by_claimer = {name: len(claimed) for name, claimed in results.items()}
        assert sum(by_claimer.values()) == JOBS
        for job in jobs:
            assert job.server is not None and job.id in results[job.server.removeprefix("http://")]
        assert store.integrity_check() == "ok"
