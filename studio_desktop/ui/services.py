"""What every screen is given: the data folder's pieces, the worker pool, the settings and the
one `Tasks` that runs the window's background work (reads, decodes, probes, exports)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from studio_desktop.core.context import AppContext
from studio_desktop.core.settings import Settings, save_settings
from studio_desktop.core.workflows import TemplateError
from studio_desktop.ui.translations import resolve_language
from studio_desktop.workers.pool import WorkerPool
from studio_desktop.workers.tasks import Tasks


@dataclass
class Services:
    ctx: AppContext
    pool: WorkerPool
    settings: Settings
    # The app passes its own and shuts it down before the store closes; a Services made
    # without one (tests, benchmarks) gets a fresh one, shut down by whoever made it.
    tasks: Tasks = field(default_factory=Tasks)

    def save_settings(self) -> None:
        save_settings(self.settings, self.ctx.paths.settings)

    @cached_property
    def language(self) -> str:
        """The UI language in effect ("en", "zh_CN", "zh_TW"). Read once, like the translator
        installed at start: a changed setting applies to every string after a restart."""
        return resolve_language(self.settings.language)

    def template_name(self, template_id: str) -> str:
        """The template's name in the UI language; the id of one no longer installed."""
        try:
            template = self.ctx.templates.get(template_id)
        except TemplateError:
            return template_id
        return template.display_name(self.language)
