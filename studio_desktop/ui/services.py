"""What every screen is given: the data folder's pieces, the worker pool and the settings."""

from __future__ import annotations

from dataclasses import dataclass

from studio_desktop.core.context import AppContext
from studio_desktop.core.settings import Settings, save_settings
from studio_desktop.workers.pool import WorkerPool


@dataclass
class Services:
    ctx: AppContext
    pool: WorkerPool
    settings: Settings

    def save_settings(self) -> None:
        save_settings(self.settings, self.ctx.paths.settings)
