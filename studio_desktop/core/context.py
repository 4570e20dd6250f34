"""The pieces every front end opens together: paths, store, output library, templates."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from types import TracebackType

from studio_desktop.core.library.files import OutputLibrary
from studio_desktop.core.library.output_folder import (
    OutputFolderError,
    check_output_folder,
    folder_of_setting,
)
from studio_desktop.core.logs import LogSetup, setup_logging
from studio_desktop.core.messages import QT_TRANSLATE_NOOP, UserMessage, message, verbatim
from studio_desktop.core.paths import DataPaths, data_paths
from studio_desktop.core.settings import Settings, read_settings
from studio_desktop.core.store import Store
from studio_desktop.core.urls import DEFAULT_SERVER
from studio_desktop.core.workflows import TemplateRegistry

__all__ = ["DEFAULT_SERVER", "AppContext"]

log = logging.getLogger("studio.context")


def _status_of(store: Store, job_id: str) -> str | None:
    job = store.get_job(job_id)
    return None if job is None else job.status.value


def _images_of(store: Store, job_id: str) -> list[tuple[int, str, str | None]]:
    """A job's recorded outputs as (index, path, thumb_path): where its staged files go."""
    return [(i.index, i.path, i.thumb_path) for i in store.images_for_job(job_id)]


@dataclass
class AppContext:
    paths: DataPaths
    store: Store
    library: OutputLibrary
    templates: TemplateRegistry
    # Why the configured output folder is not in use (the default is), for the front end to show.
    output_folder_error: OutputFolderError | None = None
    # The settings as read at open (a bad file already kept aside): front ends start from these.
    settings: Settings = field(default_factory=Settings)
    # What `open` and `start_logging` had to work around, one line each, for the user to see
    # (CLI: a warning line each; the window: the status bar). Logged by log_start_problems.
    # Messages, so the window shows them in its language; str() of one is the English line.
    start_problems: list[UserMessage] = field(default_factory=list)

    @classmethod
    def open(cls, data_dir: str | os.PathLike[str] | None = None) -> AppContext:
        paths = data_paths(data_dir).ensure()
        store = Store(paths.database, wildcards_dir=paths.wildcards)
        library = OutputLibrary(paths)
        error: OutputFolderError | None = None
        # Read here, not by each front end, so the CLI and the window save to the same place.
        # A bad file is kept aside now, before logging is set up: its notice waits in problems.
        loaded = read_settings(paths.settings)
        problems = list(loaded.texts)
        setting = loaded.settings.output_folder
        if setting:
            try:
                folder = check_output_folder(paths, folder_of_setting(paths, setting))
                library.output_folder = folder
            except OutputFolderError as exc:
                error = exc  # keep the default: new outputs must not be lost
                problems.append(
                    message(
                        QT_TRANSLATE_NOOP(
                            "CoreMessages", "the output folder {problem}; saving to {folder}"
                        ),
                        problem=str(exc),
                        folder=str(library.output_folder),
                    )
                )
        library.clean_temp()  # leftovers of a killed run
        library.recover_staged(
            lambda job_id: _status_of(store, job_id),
            lambda job_id: _images_of(store, job_id),
        )
        templates = TemplateRegistry(user_dir=paths.templates)
        problems += [
            message(
                QT_TRANSLATE_NOOP("CoreMessages", "a template was skipped: {problem}"),
                problem=problem,
            )
            for problem in templates.problems
        ]
        return cls(
            paths,
            store,
            library,
            templates,
            output_folder_error=error,
            settings=loaded.settings,
            start_problems=problems,
        )

    def start_logging(self, *, console_level: int = logging.WARNING) -> LogSetup:
        """Set up logging into this data folder's logs/, then log the start problems."""
        setup = setup_logging(self.paths.logs, console_level=console_level)
        if setup.problem is not None:
            self.start_problems.append(verbatim(setup.problem))
        self.log_start_problems()
        return setup

    def log_start_problems(self) -> None:
        """Log what `open` had to work around; call it once logging is set up (after `open`)."""
        for problem in self.start_problems:
            log.warning("%s", problem)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> AppContext:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
