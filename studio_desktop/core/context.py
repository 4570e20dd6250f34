"""The pieces every front end opens together: paths, store, output library, templates."""

from __future__ import annotations

import os
from dataclasses import dataclass
from types import TracebackType

from studio_desktop.core.files import OutputLibrary
from studio_desktop.core.paths import DataPaths, data_paths
from studio_desktop.core.servers import DEFAULT_SERVER
from studio_desktop.core.store import Store
from studio_desktop.core.workflows import TemplateRegistry

__all__ = ["DEFAULT_SERVER", "AppContext"]


@dataclass
class AppContext:
    paths: DataPaths
    store: Store
    library: OutputLibrary
    templates: TemplateRegistry

    @classmethod
    def open(cls, data_dir: str | os.PathLike[str] | None = None) -> AppContext:
        paths = data_paths(data_dir).ensure()
        store = Store(paths.database)
        library = OutputLibrary(paths)
        library.clean_temp()  # leftovers of a killed run
        return cls(paths, store, library, TemplateRegistry(user_dir=paths.templates))

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
