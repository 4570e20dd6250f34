"""The job store: SQLAlchemy on SQLite, migrated by Alembic. The only code that writes SQL."""

from studio_desktop.core.store.errors import (
    DatabaseUnavailable,
    DuplicateServer,
    ImageNotFound,
    JobNotFound,
    SchemaTooNew,
    ServerNotFound,
    StoreError,
    Unavailable,
    WrongThread,
)
from studio_desktop.core.store.filters import ImageFilter, JobFilter, Page, ServerRecord
from studio_desktop.core.store.store import KEEP, Store

__all__ = [
    "KEEP",
    "DatabaseUnavailable",
    "DuplicateServer",
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
    "Unavailable",
    "WrongThread",
]
