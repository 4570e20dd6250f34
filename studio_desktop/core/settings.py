"""User settings: one typed schema, stored as JSON in the data folder, with versioned upgrades.

Qt-free. The window keeps its geometry and splitter states in `ui_state` (base64 of Qt's bytes),
so everything about a user's setup lives in one file next to their library.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

log = logging.getLogger("studio.settings")

SCHEMA_VERSION = 2
LANGUAGES = ("system", "en", "zh_CN", "zh_TW")

MAX_PIPELINE_DEPTH = 8  # prompts kept waiting on one server, for the window and the CLI


@dataclass
class Settings:
    schema_version: int = SCHEMA_VERSION
    language: str = "system"
    thumbnail_size: int = 160  # logical pixels in the gallery grid
    pipeline_depth: int = 2
    trash_retention_days: int = 30
    temp_retention_hours: int = 24
    notify_when_batch_done: bool = True
    first_run_done: bool = False
    # Where new outputs are saved; "" means <data folder>/outputs. Files already saved stay put.
    output_folder: str = ""
    # The last Generate form, restored on start (template id, params dict, batch count...).
    last_form: dict[str, Any] = field(default_factory=dict)
    # Window geometry, splitter and header states: opaque strings owned by the UI.
    ui_state: dict[str, str] = field(default_factory=dict)

    def validated(self) -> Settings:
        """Clamp values a hand-edited file may have broken."""
        self.language = self.language if self.language in LANGUAGES else "system"
        self.thumbnail_size = min(max(int(self.thumbnail_size), 64), 512)
        self.pipeline_depth = min(max(int(self.pipeline_depth), 1), MAX_PIPELINE_DEPTH)
        self.trash_retention_days = min(max(int(self.trash_retention_days), 0), 3650)
        self.temp_retention_hours = min(max(int(self.temp_retention_hours), 1), 24 * 365)
        folder = self.output_folder
        self.output_folder = folder.strip() if isinstance(folder, str) else ""
        return self


_UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def upgrade(
    from_version: int,
) -> Callable[
    [Callable[[dict[str, Any]], dict[str, Any]]], Callable[[dict[str, Any]], dict[str, Any]]
]:
    """Register the function that turns a settings dict of `from_version` into the next one."""

    def register(
        func: Callable[[dict[str, Any]], dict[str, Any]],
    ) -> Callable[[dict[str, Any]], dict[str, Any]]:
        _UPGRADES[from_version] = func
        return func

    return register


@upgrade(1)
def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    # Version 1 stored the thumbnail size as a name; version 2 in logical pixels.
    named = {"small": 112, "medium": 160, "large": 240}
    size = data.pop("thumbnails", None)
    if isinstance(size, str) and size in named:
        data["thumbnail_size"] = named[size]
    return data


def load_settings(path: Path, *, peek: bool = False) -> Settings:
    """Read settings; a missing or unreadable file gives defaults (the bad one is kept aside).

    `peek=True` neither logs nor moves a broken file: AppContext.open reads the output folder
    before any log is set up, and the front end's own load reports the problem afterwards.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not an object")
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as exc:
        if not peek:
            log.warning("settings file %s unreadable (%s); using defaults", path, exc)
            with contextlib.suppress(OSError):
                path.replace(path.with_suffix(".broken.json"))
        return Settings()
    try:
        version = int(data.get("schema_version", 1))
        while version < SCHEMA_VERSION and version in _UPGRADES:
            data = _UPGRADES[version](data)
            version += 1
        known = {f.name for f in fields(Settings)}
        values = {k: v for k, v in data.items() if k in known}
        values["schema_version"] = SCHEMA_VERSION
        return Settings(**values).validated()
    except (TypeError, ValueError) as exc:
        if not peek:
            log.warning("settings file %s has bad values (%s); using defaults", path, exc)
        return Settings()


def save_settings(settings: Settings, path: Path) -> None:
    """Write atomically: a crash while saving keeps the previous file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(asdict(settings), ensure_ascii=False, indent=2)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".settings.", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
