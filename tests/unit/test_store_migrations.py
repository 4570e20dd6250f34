"""Store: schema migrations, connection settings, and a database the app can't use."""

from __future__ import annotations

import errno
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from studio_desktop.core.jobs import GenerationParams, JobStatus, NewImage, NewJob
from studio_desktop.core.store import (
    DatabaseUnavailable,
    ImageFilter,
    SchemaTooNew,
    Store,
    Unavailable,
)
from studio_desktop.core.store import engine as engine_module
from studio_desktop.core.store.engine import make_engine
from studio_desktop.core.store.errors import classify
from studio_desktop.core.store.migrate import (
    HEAD_REVISION,
    current_revision,
    head_revision,
    upgrade,
)
from studio_desktop.core.store.models import Base


def revision_of(db_path: Path) -> str | None:
    engine = make_engine(db_path)
    try:
        with engine.connect() as connection:
            return current_revision(connection)
    finally:
        engine.dispose()


def test_empty_file_is_migrated_to_head(tmp_path: Path) -> None:
    db_path = tmp_path / "new" / "folder" / "studio.sqlite3"
    with Store(db_path) as store:
        assert store.integrity_check() == "ok"
        assert store.has_fts
    assert revision_of(db_path) == head_revision() == "0007"
    with sqlite3.connect(db_path) as raw:
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"jobs", "images", "image_tags", "servers", "jobs_fts", "job_attempts"} <= tables
        assert {"boards", "board_images"} <= tables
        assert raw.execute("PRAGMA user_version").fetchone() == (7,)
    raw.close()
    with Store(db_path) as store:  # opening again changes nothing
        assert store.list_jobs().items == []


def test_upgrade_from_0001_keeps_data(tmp_path: Path) -> None:
    db_path = tmp_path / "studio.sqlite3"
    engine = make_engine(db_path)
    try:
        upgrade(engine, db_path, "0001")
        with engine.begin() as connection:
            tables = {r[0] for r in connection.execute(text("SELECT name FROM sqlite_master"))}
            assert "servers" not in tables
            connection.execute(
                text(
                    "INSERT INTO jobs (id, template, params, prompt, negative, model, inputs,"
                    " status, created_at, updated_at, started_at, finished_at)"
                    " VALUES ('old-job', 'txt2img',"
                    " :params, '一只猫 in the old days', '', 'sd15', '[]', 'completed',"
                    " '2024-01-02 03:04:05.000000', '2024-01-02 03:04:05.000000',"
                    " '2024-01-02 03:04:05.000000', '2024-01-02 03:05:05.000000')"
                ),
                {"params": '{"prompt": "一只猫 in the old days", "model": "sd15", "seed": 9}'},
            )
            connection.execute(
                text(
                    "INSERT INTO images (job_id, idx, path, width, height, bytes, metadata, tags,"
                    " created_at) VALUES ('old-job', 0, 'outputs/old.png', 8, 8, 99, '{}',"
                    " '[\"old\"]', '2024-01-02 03:05:05.000000')"
                )
            )
    finally:
        engine.dispose()
    assert revision_of(db_path) == "0001"

    with Store(db_path) as store:
        job = store.get_job("old-job")
        assert job is not None and job.status is JobStatus.COMPLETED
        assert job.params.seed == 9 and job.created_at.year == 2024
        assert job.created_at.tzinfo is not None and job.duration_s == 60
        assert [j.id for j in store.search_prompts("猫")] == ["old-job"]
        assert [j.id for j in store.search_prompts("old days")] == ["old-job"]
        (image,) = store.images_for_job("old-job")
        assert image.tags == ("old",) and image.bytes == 99
        assert store.add_server("A", "http://127.0.0.1:8188").id == 1
        store.add_job(NewJob("txt2img", GenerationParams("new one")))
        assert store.integrity_check() == "ok"
    assert revision_of(db_path) == "0007"


def test_upgrade_from_0003_adds_boards_and_keeps_images_and_tags(tmp_path: Path) -> None:
    db_path = tmp_path / "studio.sqlite3"
    engine = make_engine(db_path)
    try:
        upgrade(engine, db_path, "0003")
        with engine.begin() as connection:
            tables = {r[0] for r in connection.execute(text("SELECT name FROM sqlite_master"))}
            assert "boards" not in tables and "board_images" not in tables
            connection.execute(
                text(
                    "INSERT INTO jobs (id, template, params, prompt, negative, model, inputs,"
                    " status, created_at, updated_at, revision)"
                    " VALUES ('job-3', 'txt2img', '{\"prompt\": \"a cat\"}', 'a cat', '', '',"
                    " '[]', 'completed', '2025-01-02 03:04:05.000000',"
                    " '2025-01-02 03:04:05.000000', 4)"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO images (id, job_id, idx, path, width, height, bytes, metadata,"
                    " tags, created_at) VALUES (7, 'job-3', 0, 'outputs/cat.png', 8, 8, 99, '{}',"
                    " '[\"Cat\"]', '2025-01-02 03:05:05.000000')"
                )
            )
            connection.execute(text("INSERT INTO image_tags (image_id, tag) VALUES (7, 'cat')"))
    finally:
        engine.dispose()
    assert revision_of(db_path) == "0003"
    with Store(db_path) as store:
        assert [(t.tag, t.count) for t in store.tag_counts()] == [("Cat", 1)]
        assert store.list_boards() == []
        board = store.create_board("Old cats")
        assert store.add_to_board(board.id, [7]) == 1
        assert [i.id for i in store.list_images(ImageFilter(board=board.id)).items] == [7]
        store.delete_board(board.id)
        assert store.get_image(7) is not None
        assert store.integrity_check() == "ok"
    assert revision_of(db_path) == "0007"


def test_upgrade_to_0004_gives_every_taken_job_one_attempt(tmp_path: Path) -> None:
    """Existing jobs keep their one known take (failed ones with their error) in the new list."""
    db_path = tmp_path / "studio.sqlite3"
    engine = make_engine(db_path)
    columns = (
        "INSERT INTO jobs (id, template, params, inputs, status, server, attempt, error,"
        " created_at, updated_at, started_at, finished_at) VALUES"
    )
    try:
        upgrade(engine, db_path, "0003")
        with engine.begin() as connection:
            connection.execute(
                text(
                    f"{columns} ('failed-job', 'txt2img', :params, '[]', 'failed',"
                    " 'http://gpu-box:8188', 2, :error, '2024-01-02 03:04:05', "
                    "'2024-01-02 03:05:00', '2024-01-02 03:04:10', '2024-01-02 03:05:00')"
                ),
                {
                    "params": '{"prompt": "x"}',
                    "error": '{"type": "execution_error", "message": "CUDA out of memory"}',
                },
            )
            connection.execute(
                text(
                    f"{columns} ('waiting-job', 'txt2img', :params, '[]', 'pending', NULL, 0,"
                    " NULL, '2024-01-02 03:04:05', '2024-01-02 03:04:05', NULL, NULL)"
                ),
                {"params": '{"prompt": "y"}'},
            )
    finally:
        engine.dispose()

    with Store(db_path) as store:
        (attempt,) = store.attempts("failed-job")
        assert (attempt.number, attempt.status.value) == (2, "failed")
        assert attempt.server == "http://gpu-box:8188"
        assert attempt.error is not None and attempt.error.message == "CUDA out of memory"
        assert attempt.finished_at is not None and attempt.finished_at.minute == 5
        assert store.attempts("waiting-job") == []
        # The next take of the retried job is a new attempt; the failed one stays.
        store.retry("failed-job")
        assert store.claim_next("http://gpu-box:8188") is not None
        assert [(a.number, a.status.value) for a in store.attempts("failed-job")] == [
            (2, "failed"),
            (3, "running"),
        ]


def test_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    db_path = tmp_path / "studio.sqlite3"
    Store(db_path).close()
    with sqlite3.connect(db_path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '0099'")
    raw.close()
    with pytest.raises(SchemaTooNew, match="newer Studio Desktop") as caught:
        Store(db_path)
    assert caught.value.revision == "0099"


def test_models_match_the_migrations(tmp_path: Path) -> None:
    db_path = tmp_path / "studio.sqlite3"
    Store(db_path).close()
    engine = make_engine(db_path)

    def include_name(name: str | None, kind: str, _parent: Any) -> bool:
        return not (kind == "table" and (name or "").startswith("jobs_fts"))

    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"include_name": include_name, "compare_type": True}
            )
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_connection_settings(tmp_path: Path) -> None:
    with Store(tmp_path / "studio.sqlite3") as store, store._db.read() as session:
        pragma = {
            name: session.execute(text(f"PRAGMA {name}")).scalar()
            for name in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")
        }
    assert pragma == {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "busy_timeout": 5000,
        "synchronous": 1,
    }


def test_foreign_keys_cascade(tmp_path: Path) -> None:
    with Store(tmp_path / "studio.sqlite3") as store:
        job = store.add_job(NewJob("t", GenerationParams("x")))
        store.claim_next("http://127.0.0.1:8188")
        (img,) = store.complete(job.id, [NewImage(0, "outputs/a.png", None, 1, 1, 1)])
        store.set_tags(img.id, ["t"])
        with store._db.write() as session:
            session.execute(text("DELETE FROM jobs WHERE id = :id"), {"id": job.id})
            left = session.execute(text("SELECT count(*) FROM image_tags")).scalar()
        assert store.get_image(img.id) is None and left == 0
        assert store.search_prompts("x") == []
        assert store.integrity_check() == "ok"


@pytest.fixture
def read_only_file(tmp_path: Path) -> Iterator[Path]:
    """A database file this process cannot write, even as root (then via chattr +i)."""
    db_path = tmp_path / "studio.sqlite3"
    with Store(db_path) as store:
        store.add_job(NewJob("t", GenerationParams("x")))
    db_path.chmod(0o444)
    immutable = False
    try:
        with open(db_path, "r+b"):
            pass
    except PermissionError:
        pass
    else:  # root ignores file modes
        chattr = shutil.which("chattr")
        done = chattr and subprocess.run([chattr, "+i", str(db_path)], check=False).returncode
        if not chattr or done != 0:
            pytest.skip("running as root and chattr +i is not available here")
        immutable = True
    try:
        yield db_path
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(db_path)], check=True)
        db_path.chmod(0o644)


def test_read_only_database_is_reported(read_only_file: Path) -> None:
    with pytest.raises(DatabaseUnavailable) as caught:
        Store(read_only_file)
    assert caught.value.reason is Unavailable.READ_ONLY
    assert str(read_only_file) in str(caught.value)
    assert "can't write" in str(caught.value) and "another data folder" in str(caught.value)


def test_corrupt_file_is_reported(tmp_path: Path) -> None:
    db_path = tmp_path / "studio.sqlite3"
    db_path.write_bytes(b"this is not a database, just some text\n" * 200)
    with pytest.raises(DatabaseUnavailable) as caught:
        Store(db_path)
    assert caught.value.reason is Unavailable.CORRUPT
    assert "backup" in str(caught.value)


def test_lock_held_past_busy_timeout_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 100)
    db_path = tmp_path / "studio.sqlite3"
    with Store(db_path) as store:
        holder = sqlite3.connect(db_path, isolation_level=None)
        try:
            holder.execute("BEGIN IMMEDIATE")
            with pytest.raises(DatabaseUnavailable) as caught:
                store.add_job(NewJob("t", GenerationParams("x")))
            assert caught.value.reason is Unavailable.LOCKED
            assert store.list_jobs().items == []  # readers still work under WAL
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert store.add_job(NewJob("t", GenerationParams("x"))).status is JobStatus.PENDING


def test_bugs_are_not_dressed_up(tmp_path: Path) -> None:
    with Store(tmp_path / "studio.sqlite3") as store, store._db.read() as session:
        with pytest.raises(Exception) as caught:
            session.execute(text("SELECT no_such_column FROM jobs"))
        assert not isinstance(caught.value, DatabaseUnavailable)


def test_os_errors_are_classified() -> None:
    assert classify(PermissionError(errno.EACCES, "denied")) is Unavailable.READ_ONLY
    assert classify(OSError(errno.ENOSPC, "full")) is Unavailable.DISK_FULL
    assert classify(OSError(errno.ENOTDIR, "x")) is None
    assert classify(ValueError("bug")) is None


def test_the_head_revision_constant_names_the_newest_migration_file() -> None:
    # Opening an up-to-date database skips Alembic by comparing with this constant.
    assert head_revision() == HEAD_REVISION


def test_opening_an_up_to_date_database_does_not_load_alembic(tmp_path: Path) -> None:
    db_path = tmp_path / "studio.db"
    Store(db_path).close()
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from studio_desktop.core.store import Store\n"
        f"Store(Path({str(db_path)!r})).close()\n"
        "print('alembic' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip() == "False"


def test_upgrade_from_0005_adds_groups_and_pauses_and_downgrades(tmp_path: Path) -> None:
    from alembic import command

    from studio_desktop.core.groups import NewGroup
    from studio_desktop.core.store.migrate import alembic_config

    db_path = tmp_path / "studio.sqlite3"
    engine = make_engine(db_path)
    try:
        upgrade(engine, db_path, "0005")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO jobs (id, template, params, prompt, negative, model, inputs,"
                    " status, created_at, updated_at, revision)"
                    " VALUES ('job-5', 'txt2img', '{\"prompt\": \"a dog\"}', 'a dog', '', '',"
                    " '[]', 'pending', '2026-01-02 03:04:05.000000',"
                    " '2026-01-02 03:04:05.000000', 3)"
                )
            )
    finally:
        engine.dispose()
    with Store(db_path) as store:
        old = store.get_job("job-5")
        assert old is not None and old.group_id is None
        store.pause_queue("http://a:8188")
        group = NewGroup("dogs")
        store.add_jobs([NewJob("txt2img", GenerationParams("b"))], group=group)
        assert store.search_prompts("dog")[0].id == "job-5"  # the FTS triggers survived
        assert store.integrity_check() == "ok"
    assert revision_of(db_path) == "0007"
    engine = make_engine(db_path)
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0005")
        with engine.connect() as connection:
            columns = {r[1] for r in connection.execute(text("PRAGMA table_info(jobs)"))}
            tables = {r[0] for r in connection.execute(text("SELECT name FROM sqlite_master"))}
    finally:
        engine.dispose()
    assert "group_id" not in columns
    assert not {"job_groups", "queue_pauses"} & tables
    with Store(db_path) as store:  # and up again
        assert store.get_job("job-5") is not None
        assert store.queue_pause().any is False
        assert store.search_prompts("dog")[0].id == "job-5"


def test_upgrade_from_0006_adds_the_sweep_column_and_downgrades(tmp_path: Path) -> None:
    from alembic import command

    from studio_desktop.core.groups import GroupKind, NewGroup
    from studio_desktop.core.store.migrate import alembic_config

    db_path = tmp_path / "studio.sqlite3"
    engine = make_engine(db_path)
    try:
        upgrade(engine, db_path, "0006")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO job_groups (id, label, kind, created_at)"
                    " VALUES ('g-6', 'old', 'batch', '2026-01-02 03:04:05.000000')"
                )
            )
    finally:
        engine.dispose()
    with Store(db_path) as store:
        old = store.get_group("g-6")
        assert old is not None and old.sweep is None
        sweep = {"axes": [{"field": "steps", "values": [10, 20], "spec": "steps=10,20"}]}
        group = NewGroup("sweep", kind=GroupKind.SWEEP, sweep=sweep)
        store.add_jobs([NewJob("txt2img", GenerationParams("b"))], group=group)
        new = store.get_group(group.id)
        assert new is not None and new.sweep == sweep
    assert revision_of(db_path) == "0007"
    engine = make_engine(db_path)
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0006")
        with engine.connect() as connection:
            columns = {r[1] for r in connection.execute(text("PRAGMA table_info(job_groups)"))}
    finally:
        engine.dispose()
    assert "sweep" not in columns
    with Store(db_path) as store:  # and up again
        assert store.get_group("g-6") is not None
