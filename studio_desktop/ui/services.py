"""What every screen is given: the data folder's pieces, the worker pool and the settings.

Screens read through `reads` (in `tasks`) and write through `operations`; none touches the store.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cached_property

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import Job
from studio_desktop.core.settings import Settings
from studio_desktop.core.settings_writer import SettingsWriter
from studio_desktop.core.workflows import TemplateError, shown_fields
from studio_desktop.core.workflows.defaults import is_server_default, model_sent
from studio_desktop.ui.translations import resolve_language
from studio_desktop.workers.managed import ManagedController
from studio_desktop.workers.operations import Operations
from studio_desktop.workers.pool import WorkerPool
from studio_desktop.workers.read_view import ReadView
from studio_desktop.workers.tasks import Task, Tasks

log = logging.getLogger("studio.ui")


@dataclass
class Services:
    ctx: AppContext
    pool: WorkerPool
    settings: Settings
    # The ComfyUI the window runs for the user (None where a screen is built without one).
    managed: ManagedController | None = field(default=None)

    def __post_init__(self) -> None:
        _ = self.language  # read now, as the translator was: a later change waits for a restart

    @cached_property
    def reads(self) -> ReadView:
        """The store's reads, to run in `tasks` (never on the GUI thread)."""
        return ReadView(self.ctx.store)

    @property
    def operations(self) -> Operations:
        """Every database write, run on the pool's operations thread."""
        return self.pool.operations

    @property
    def tasks(self) -> Tasks:
        """The window's one `Tasks` (reads, decodes, probes, exports, housekeeping): the pool's,
        so the outcomes of its operations come back the same way; it stops with the pool,
        before the store closes."""
        return self.pool.tasks

    @cached_property
    def settings_writer(self) -> SettingsWriter:
        """Every write of settings.json goes through this one (it keeps them in order)."""
        return SettingsWriter(self.ctx.paths.settings)

    def save_settings(self) -> None:
        """Write the settings as they are now, before returning (OSError when it cannot)."""
        self.settings_writer.save(self.settings)

    def save_settings_soon(self) -> Task:
        """Write the settings as they are now on the "settings" pool: for saves the user did
        not ask for (the form as they type), which must not wait on the disk on the GUI thread.
        A failure is logged; a newer save (soon or now) replaces this one."""
        writer = self.settings_writer
        snapshot = writer.snapshot(self.settings)

        def failed(exc: Exception) -> None:
            log.warning("could not save the settings to %s: %s", writer.path, exc)

        return self.tasks.run("settings", lambda: writer.write(snapshot), failed=failed)

    @cached_property
    def language(self) -> str:
        """The UI language in effect ("en", "zh_CN", "zh_TW"). Read once, like the translator
        installed at start: a changed setting applies to every string after a restart."""
        return resolve_language(self.settings.language)

    def template_fields(self, template_id: str) -> dict[str, bool] | None:
        """Which standard fields the template uses, as the Generate form shows them (None for a
        template no longer installed)."""
        try:
            return shown_fields(self.ctx.templates.get(template_id))
        except TemplateError:
            return None

    def default_model_used(self, job: Job) -> str | None:
        """The file "the server's default model" became for `job`, read from the graph its
        last attempt sent; None when it named a model itself or nothing was sent yet."""
        if not is_server_default(job.params.model) or job.sent_at is None:
            return None
        try:
            return model_sent(self.ctx.templates.get(job.template), job.workflow)
        except TemplateError:
            return None

    def template_name(self, template_id: str) -> str:
        """The template's name in the UI language; the id of one no longer installed."""
        try:
            template = self.ctx.templates.get(template_id)
        except TemplateError:
            return template_id
        return template.display_name(self.language)
