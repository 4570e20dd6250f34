"""Finds templates: the built-in ones shipped in resources/, then the user's own."""

from __future__ import annotations

import logging
from pathlib import Path

from studio_desktop.core.paths import resources_dir
from studio_desktop.core.workflows.template import Template, TemplateError, load_template

log = logging.getLogger("studio.workflows")


class TemplateRegistry:
    def __init__(self, user_dir: Path | None = None, builtin_dir: Path | None = None) -> None:
        self._builtin_dir = builtin_dir or resources_dir() / "templates"
        self._user_dir = user_dir
        self._templates: dict[str, Template] = {}
        self.problems: list[str] = []  # templates that failed to load, for the UI to show
        self.reload()

    def reload(self) -> None:
        self._templates.clear()
        self.problems.clear()
        for folder in (self._builtin_dir, self._user_dir):
            if folder is None or not folder.is_dir():
                continue
            for path in sorted(folder.glob("*.json")):
                try:
                    template = load_template(path)
                except TemplateError as exc:
                    # Info, not warning: at start-up this runs before logging is set up, and
                    # AppContext reports `problems` as start problems (a warning each) instead.
                    log.info("skipping template %s: %s", path, exc)
                    self.problems.append(str(exc))
                    continue
                self._templates[template.id] = template

    def get(self, template_id: str) -> Template:
        try:
            return self._templates[template_id]
        except KeyError:
            known = ", ".join(sorted(self._templates)) or "none"
            raise TemplateError(f"No template named {template_id!r} (known: {known}).") from None

    def all(self) -> list[Template]:
        return sorted(self._templates.values(), key=lambda t: t.name.lower())
