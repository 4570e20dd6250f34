"""Each process runs its own batch: a job belongs to the process that queued it while that
process lives (an OS file lock, released even on kill -9); then anyone may adopt it.

Users saw `generate --count 10` print 5 of 10 results because the open window ran the rest."""

from __future__ import annotations

import functools
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from studio_desktop.core.jobs import GenerationParams, JobStatus, NewJob
from studio_desktop.core.owners import (
    LivenessCache,
    ProcessOwner,
    lock_path,
    owner_alive,
    sweep_dead_owners,
)
from studio_desktop.core.store import Store

REPO_ROOT = Path(__file__).resolve().parents[2]
SERVER = "http://127.0.0.1:8188"
WAIT_S = 30

_HOLD_OWNER = (
    "import sys\n"
    "from pathlib import Path\n"
    "from studio_desktop.core.owners import ProcessOwner\n"
    "owner = ProcessOwner(Path(sys.argv[1]))\n"
    "print(owner.token, flush=True)\n"
    "sys.stdin.read()\n"  # hold the lock until killed (or stdin closes)
)


@contextmanager
def owner_process(folder: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """Another process holding an owner token; yields it and the token."""
    process = subprocess.Popen(
        [sys.executable, "-c", _HOLD_OWNER, str(folder)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO_ROOT,
    )
    try:
        assert process.stdout is not None
        token = process.stdout.readline().strip()  # returns once the lock is held
        assert token, "the owner process failed to start"
        yield process, token
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(WAIT_S)
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                stream.close()


def kill(process: subprocess.Popen[str]) -> None:
    """kill -9: no clean-up runs; the OS alone releases the lock."""
    process.kill()
    process.wait(WAIT_S)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def db(folder: Path) -> Path:
    return folder / "studio.sqlite3"


@pytest.fixture
def window(folder: Path) -> Iterator[ProcessOwner]:
    """This process's owner; ttl 0 so liveness is asked afresh each time (no waiting here)."""
    with ProcessOwner(folder, ttl_s=0) as owner:
        yield owner


def batch(count: int, prompt: str = "a red cat") -> list[NewJob]:
    return [NewJob("txt2img", GenerationParams(prompt=f"{prompt} {i}")) for i in range(count)]


def claim_all(store: Store, owner: str | None, alive: Callable[[str], bool] | None) -> list[str]:
    claimed = []
    while (job := store.claim_next(SERVER, owner=owner, alive=alive)) is not None:
        claimed.append(job.id)
    return claimed


# --- the lock ------------------------------------------------------------------------------------


def test_an_owner_is_alive_until_killed_and_its_lock_file_then_goes(folder: Path) -> None:
    with owner_process(folder) as (process, token):
        assert owner_alive(folder, token)
        assert lock_path(folder, token).is_file()
        kill(process)
        assert not owner_alive(folder, token)
        assert not lock_path(folder, token).exists()
        assert not owner_alive(folder, token)  # and stays dead


def test_closing_an_owner_releases_it(folder: Path) -> None:
    owner = ProcessOwner(folder)
    assert owner.alive(owner.token)
    assert owner_alive(folder, owner.token)  # a second open file description sees the lock
    owner.close()
    owner.close()  # idempotent
    assert owner.closed
    assert not lock_path(folder, owner.token).exists()
    assert not owner_alive(folder, owner.token)
    assert not owner.alive(owner.token)


def test_a_new_owner_sweeps_the_lock_files_of_killed_ones(folder: Path) -> None:
    with owner_process(folder) as (dead, dead_token), owner_process(folder) as (_, live_token):
        kill(dead)
        assert lock_path(folder, dead_token).exists()  # nobody cleaned up after kill -9
        with ProcessOwner(folder) as owner:
            assert not lock_path(folder, dead_token).exists()
            assert lock_path(folder, live_token).exists()
            assert lock_path(folder, owner.token).exists()
        assert sweep_dead_owners(folder) == 0


def test_liveness_is_cached_while_alive_and_final_once_dead(folder: Path) -> None:
    now = [0.0]
    cache = LivenessCache(folder, ttl_s=2.0, clock=lambda: now[0])
    with owner_process(folder) as (process, token):
        assert cache(token)
        kill(process)
        assert cache(token)  # still within the ttl: not asked again
        assert lock_path(folder, token).exists()
        now[0] = 2.5
        assert not cache(token)
        lock_path(folder, token).parent.mkdir(parents=True, exist_ok=True)
        lock_path(folder, token).touch()  # even a file reappearing cannot revive a dead token
        assert not cache(token)


# --- claiming ------------------------------------------------------------------------------------


def test_a_job_queued_by_a_live_process_is_not_claimed_by_another(
    folder: Path, db: Path, window: ProcessOwner
) -> None:
    with (
        owner_process(folder) as (_, cli_token),
        Store(db) as cli_store,
        Store(db) as window_store,
    ):
        queued = cli_store.add_jobs(batch(10), owner=cli_token)
        assert {j.owner for j in queued} == {cli_token}

        assert claim_all(window_store, window.token, window.alive) == []
        assert window_store.reconcilable_jobs(window.token, window.alive) == []
        assert window_store.adopt_orphans(window.token, window.alive) == 0

        # The CLI claims its own batch, all ten of them.
        cli_alive = functools.partial(owner_alive, folder)
        assert claim_all(cli_store, cli_token, cli_alive) == [j.id for j in queued]
        running = window_store.jobs_with_status(JobStatus.RUNNING)
        assert {j.owner for j in running} == {cli_token}
        # Running jobs of a live process are not the window's to reconcile either.
        assert window_store.reconcilable_jobs(window.token, window.alive) == []


def test_once_the_owner_is_gone_its_jobs_are_claimable_and_take_the_new_owner(
    folder: Path, db: Path, window: ProcessOwner
) -> None:
    with owner_process(folder) as (process, cli_token), Store(db) as store:
        waiting = store.add_jobs(batch(2), owner=cli_token)
        store.claim_next(SERVER, owner=cli_token)  # one was running when it died
        kill(process)

        (orphan,) = store.reconcilable_jobs(window.token, window.alive)
        assert orphan.id == waiting[0].id and orphan.status is JobStatus.RUNNING
        claimed = store.claim_next(SERVER, owner=window.token, alive=window.alive)
        assert claimed is not None and claimed.id == waiting[1].id
        assert claimed.owner == window.token


def test_resume_adopts_the_jobs_of_a_killed_process_and_then_holds_them(
    folder: Path, db: Path, window: ProcessOwner
) -> None:
    with (
        owner_process(folder) as (killed, cli_token),
        owner_process(folder) as (_, other_token),
        Store(db) as store,
    ):
        left = store.add_jobs(batch(3), owner=cli_token)
        store.claim_next(SERVER, owner=cli_token)
        done = store.add_job(batch(1, "finished")[0], owner=cli_token)
        store.claim_next(SERVER, owner=cli_token, exclude=[j.id for j in left])
        store.cancel(done.id)
        others = store.add_jobs(batch(2, "other"), owner=other_token)
        kill(killed)

        with ProcessOwner(folder, ttl_s=0) as resume:
            assert store.adopt_orphans(resume.token, resume.alive) == 3
            adopted = [store.get_job(j.id) for j in left]
            assert {j.owner for j in adopted if j is not None} == {resume.token}
            finished = store.get_job(done.id)
            assert finished is not None and finished.owner == cli_token  # finished: left alone
            assert {j.owner for j in store.jobs_with_status(JobStatus.PENDING)} == {
                resume.token,
                other_token,
            }
            # The resumed batch is now held by a live process: the window leaves it alone,
            # and the live other process's jobs too.
            assert claim_all(store, window.token, window.alive) == []
            assert store.adopt_orphans(window.token, window.alive) == 0
            assert {j.id for j in store.reconcilable_jobs(resume.token, resume.alive)} == {
                left[0].id
            }
            assert sorted(claim_all(store, resume.token, resume.alive)) == sorted(
                j.id for j in left[1:]
            )
        assert {j.owner for j in store.jobs_with_status(JobStatus.PENDING)} == {other_token}
        assert [j.id for j in store.jobs_with_status(JobStatus.PENDING)] == [o.id for o in others]


def test_jobs_without_an_owner_are_claimable_by_anyone(
    folder: Path, db: Path, window: ProcessOwner
) -> None:
    with owner_process(folder) as (_, cli_token), Store(db) as first, Store(db) as second:
        legacy = first.add_jobs(batch(3))
        assert {j.owner for j in legacy} == {None}
        cli_alive = functools.partial(owner_alive, folder)
        a = second.claim_next(SERVER, owner=cli_token, alive=cli_alive)
        b = first.claim_next(SERVER, owner=window.token, alive=window.alive)
        c = first.claim_next(SERVER)  # no owner at all: the old behaviour
        assert [j.id for j in (a, b, c) if j is not None] == [j.id for j in legacy]
        assert [j.owner for j in (a, b, c) if j is not None] == [cli_token, window.token, None]
        # A claimed job is its claimer's: the running one is not the window's to reconcile.
        reconcilable = first.reconcilable_jobs(window.token, window.alive)
        assert {j.id for j in reconcilable} == {legacy[1].id, legacy[2].id}


def test_without_an_owner_claims_are_unrestricted(folder: Path, db: Path) -> None:
    with owner_process(folder) as (_, cli_token), Store(db) as store:
        queued = store.add_jobs(batch(2), owner=cli_token)
        claimed = claim_all(store, None, None)
        assert claimed == [j.id for j in queued]
        assert {j.owner for j in store.jobs_with_status(JobStatus.RUNNING)} == {cli_token}


def test_claims_and_adoption_take_revisions(folder: Path, db: Path, window: ProcessOwner) -> None:
    with owner_process(folder) as (process, cli_token), Store(db) as store:
        (job,) = store.add_jobs(batch(1), owner=cli_token)
        kill(process)
        assert store.adopt_orphans(window.token, window.alive) == 1
        (changed,) = store.job_changes_since(job.revision)
        assert changed.owner == window.token and changed.revision == job.revision + 1
