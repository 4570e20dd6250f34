"""The job store: SQLAlchemy on SQLite, migrated by Alembic. The only code that writes SQL."""

from studio_desktop.core.store.errors import (
    BadBoardName,
    BoardNotFound,
    DatabaseUnavailable,
    DuplicateBoard,
    DuplicateServer,
    GroupNotFound,
    ImageNotFound,
    JobNotFound,
    SchemaTooNew,
    ServerNotFound,
    StoreError,
    Unavailable,
    WrongThread,
)
from studio_desktop.core.store.filters import (
    BoardRecord,
    ImageFilter,
    JobFilter,
    Page,
    ServerRecord,
    TagCount,
)
from studio_desktop.core.store.store import KEEP, Store

__all__ = [
    "KEEP",
    "BadBoardName",
    "BoardNotFound",
    "BoardRecord",
    "DatabaseUnavailable",
    "DuplicateBoard",
    "DuplicateServer",
    "GroupNotFound",
    "ImageFilter",
    "ImageNotFound",
    "JobFilter",
    "JobNotFound",
    "Page",
    "SchemaTooNew",
    "ServerNotFound",
    "ServerRecord",
    "Store",
    "StoreError",
    "TagCount",
    "Unavailable",
    "WrongThread",
]
