"""Bring a database to the newest schema with Alembic, run from code (no alembic.ini)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from studio_desktop.core.store.engine import IMMEDIATE
from studio_desktop.core.store.errors import SchemaTooNew, translating
from studio_desktop.core.store.models import Base

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    config.attributes["target_metadata"] = Base.metadata
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, db_path: Path, revision: str = "head") -> None:
    """Migrate to `revision` in one write transaction (other processes wait, then see it done).

    Raises SchemaTooNew when the file was written by a newer Studio Desktop.
    """
    scripts = ScriptDirectory.from_config(alembic_config())
    known = {script.revision for script in scripts.walk_revisions()}
    with (
        translating(db_path),
        engine.connect().execution_options(**IMMEDIATE) as connection,
        connection.begin(),
    ):
        current = current_revision(connection)
        if current is not None and current not in known:
            raise SchemaTooNew(db_path, current)
        command.upgrade(alembic_config(connection), revision)
        # A mirror of Alembic's revision for tools that only read the header. Written on every
        # open on purpose: a file we can't write to fails here, at start, not at the first job.
        connection.exec_driver_sql(f"PRAGMA user_version = {_number(current_revision(connection))}")


def _number(revision: str | None) -> int:
    return int(revision) if revision is not None and revision.isdigit() else 0
