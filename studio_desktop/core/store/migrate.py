"""Bring a database to the newest schema with Alembic, run from code (no alembic.ini).

Alembic is imported only when a database is not at HEAD_REVISION already: it costs a fifth of a
second at every start of the window and of each command, for nothing on an up-to-date file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import OperationalError

from studio_desktop.core.store.engine import IMMEDIATE
from studio_desktop.core.store.errors import SchemaTooNew, translating
from studio_desktop.core.store.models import Base

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# The newest file in migrations/versions (a test checks that Alembic agrees). Adding a migration
# means raising this; forgetting it fails that test, never a user's start.
HEAD_REVISION = "0007"


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    config.attributes["target_metadata"] = Base.metadata
    return config


def head_revision() -> str:
    """The newest revision as Alembic reads it from the migration files."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, db_path: Path, revision: str = "head") -> None:
    """Migrate to `revision` in one write transaction (other processes wait, then see it done).

    Raises SchemaTooNew when the file was written by a newer Studio Desktop.
    """
    if revision == "head" and _at_head(engine, db_path):
        return
    from alembic import command
    from alembic.script import ScriptDirectory

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


def _at_head(engine: Engine, db_path: Path) -> bool:
    """True (and the header's mirror written) when the file is at HEAD_REVISION already."""
    with (
        translating(db_path),
        engine.connect().execution_options(**IMMEDIATE) as connection,
        connection.begin(),
    ):
        try:
            rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
        except OperationalError:  # no such table: a new file
            return False
        if [row[0] for row in rows] != [HEAD_REVISION]:
            return False
        # Written on every open on purpose: a file we can't write to fails here, at start,
        # not at the first job.
        connection.exec_driver_sql(f"PRAGMA user_version = {_number(HEAD_REVISION)}")
        return True


def _number(revision: str | None) -> int:
    return int(revision) if revision is not None and revision.isdigit() else 0
