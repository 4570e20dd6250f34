"""Housekeeping: empty the trash of old items and remove temp files killed runs left behind.

Runs at start and on a timer, off the GUI thread.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # context opens the library: a runtime import would be a cycle
    from studio_desktop.core.context import AppContext

log = logging.getLogger("studio.retention")


@dataclass(frozen=True)
class RetentionReport:
    purged_images: int
    temp_files: int


def run_retention(ctx: AppContext, *, trash_days: int, temp_hours: int) -> RetentionReport:
    """Delete images trashed more than `trash_days` ago (rows and files) and stale temp files."""
    cutoff = datetime.now(UTC) - timedelta(days=trash_days)
    purged = ctx.store.purge_deleted_images(older_than=cutoff)
    files = [p for record in purged for p in (record.path, record.thumb_path) if p]
    ctx.library.remove_files(files)
    temp = ctx.library.clean_temp(older_than_s=temp_hours * 3600)
    if purged or temp:
        log.info("retention: purged %d trashed images, %d temp files", len(purged), temp)
    return RetentionReport(purged_images=len(purged), temp_files=temp)
