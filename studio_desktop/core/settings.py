"""User settings: one typed schema, stored as JSON in the data folder, with versioned upgrades.

Qt-free. The window keeps its geometry and splitter states in `ui_state` (base64 of Qt's bytes),
so everything about a user's setup lives in one file next to their library.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from studio_desktop.core.json_files import JsonFileError, nesting_depth, read_json_file
from studio_desktop.core.messages import QT_TRANSLATE_NOOP, UserMessage, message

log = logging.getLogger("studio.settings")

SCHEMA_VERSION = 2
LANGUAGES = ("system", "en", "zh_CN", "zh_TW")
THEMES = ("system", "light", "dark")
MAX_SETTINGS_BYTES: Final = 16 * 1024 * 1024  # a settings file is a few kB
MAX_FILE_DEPTH: Final = 64  # deeper than any file we write: the file is not ours
MAX_VALUE_DEPTH: Final = 16  # the last form is a few levels deep; the UI walks it recursively
MAX_PIPELINE_DEPTH: Final = 8  # prompts kept waiting on one server, for the window and the CLI


# Ranges of the whole-number settings; a value outside is moved to the nearest end.
_RANGES: Final = {
    "thumbnail_size": (64, 512),
    "pipeline_depth": (1, MAX_PIPELINE_DEPTH),
    "trash_retention_days": (0, 3650),
    "temp_retention_hours": (1, 24 * 365),
    "managed_port": (1, 65535),
}
MANAGED_PRESETS = ("gpu", "lowvram", "cpu")  # core.managed.process.Preset's values
_MANAGED_TEXTS = ("managed_path", "managed_python", "managed_args")


@dataclass
class Settings:
    schema_version: int = SCHEMA_VERSION
    language: str = "system"
    theme: str = "system"  # "light" or "dark" forces one (STUDIO_THEME overrides both)
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
    # The ComfyUI the app runs for the user ("Use this one" in first run or Settings > Servers):
    # its folder ("" when none is chosen), a python ("" for the one found beside it), the port
    # it asks for, the preset, the extra arguments as typed (split with shlex), and whether the
    # window starts it at launch.
    managed_path: str = ""
    managed_python: str = ""
    managed_port: int = 8188
    managed_preset: str = "gpu"
    managed_args: str = ""
    managed_start_at_launch: bool = False

    def validated(self) -> Settings:
        """Clamp values the settings dialog set (the file is checked value by value on read)."""
        self.language = self.language if self.language in LANGUAGES else "system"
        self.theme = self.theme if self.theme in THEMES else "system"
        for name, (low, high) in _RANGES.items():
            setattr(self, name, min(max(int(getattr(self, name)), low), high))
        folder = self.output_folder
        self.output_folder = folder.strip() if isinstance(folder, str) else ""
        if self.managed_preset not in MANAGED_PRESETS:
            self.managed_preset = "gpu"
        return self


@dataclass(frozen=True)
class SettingsLoad:
    """What reading the settings file gave: the settings, and what the user should be told."""

    settings: Settings
    texts: tuple[UserMessage, ...] = ()  # one line each: a value or the whole file was not used
    kept_aside: Path | None = None  # where the file as it was is kept, when it was moved

    @property
    def notices(self) -> tuple[str, ...]:
        """The notices in English (the log, the command line)."""
        return tuple(str(text) for text in self.texts)


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
    """Read settings; a missing or unreadable file gives defaults (see `read_settings`).

    Problems are logged as warnings. `peek=True` neither logs nor changes any file: for a look
    at the settings by code that does not own their start-up reading.
    """
    if peek:
        return read_settings(path, repair=False).settings
    loaded = read_settings(path)
    for notice in loaded.notices:
        log.warning("%s", notice)
    return loaded.settings


def read_settings(path: Path, *, repair: bool = True) -> SettingsLoad:
    """Read the settings file; never raises.

    A file that cannot be used at all (not UTF-8, not JSON, nested too deeply, not an object)
    gives the defaults. A value of the wrong type or outside its range falls back to its
    default (or nearest allowed value) alone. Either way a notice says so, and with `repair`
    the file as it was is renamed `settings.json.bad-<date>-<time>` (so a hand edit is not lost)
    and the settings actually used are written in its place: the next start is clean.
    """
    try:
        data = read_json_file(path, max_bytes=MAX_SETTINGS_BYTES, max_depth=MAX_FILE_DEPTH)
        if not isinstance(data, dict):
            raise JsonFileError("does not hold a JSON object")
    except FileNotFoundError:
        return SettingsLoad(Settings())
    except JsonFileError as exc:
        aside = _keep_aside(path) if repair else None
        if aside is not None:
            notice = message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages",
                    "the settings file {path} {problem} (kept as {aside}); using the default "
                    "settings",
                ),
                path=str(path),
                problem=str(exc),
                aside=aside.name,
            )
        else:
            notice = message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages", "the settings file {path} {problem}; using the default settings"
                ),
                path=str(path),
                problem=str(exc),
            )
        return SettingsLoad(Settings(), (notice,), aside)
    settings, problems = settings_from_dict(data)
    if not problems:
        return SettingsLoad(settings)
    notices = [
        message(
            QT_TRANSLATE_NOOP("CoreMessages", "the settings file {path}: {problem}"),
            path=str(path),
            problem=problem,
        )
        for problem in problems
    ]
    aside = _keep_aside(path) if repair else None
    if aside is not None:
        try:
            save_settings(settings, path)
        except OSError as exc:
            log.debug("could not write the repaired settings to %s: %s", path, exc)
        notices[-1] = message(
            QT_TRANSLATE_NOOP("CoreMessages", "{notice} (the file as it was is kept as {aside})"),
            notice=notices[-1],
            aside=aside.name,
        )
    return SettingsLoad(settings, tuple(notices), aside)


def settings_from_dict(data: dict[str, Any]) -> tuple[Settings, list[UserMessage]]:
    """Settings from a decoded file, value by value: (settings, what fell back and why)."""
    problems: list[UserMessage] = []
    version = data.get("schema_version", 1)
    if type(version) is not int:
        problems.append(
            message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages", "schema_version {value} is not a whole number; read as 1"
                ),
                value=_shown(version),
            )
        )
        version = 1
    while version < SCHEMA_VERSION and version in _UPGRADES:
        data = _UPGRADES[version](dict(data))
        version += 1
    defaults = Settings()
    values: dict[str, Any] = {}
    for spec in fields(Settings):
        if spec.name == "schema_version" or spec.name not in data:
            continue
        default = getattr(defaults, spec.name)
        value, problem = _checked(spec.name, data[spec.name], default)
        if problem is not None:
            problems.append(
                message(
                    QT_TRANSLATE_NOOP("CoreMessages", "{name} {problem}"),
                    name=spec.name,
                    problem=problem,
                )
            )
        values[spec.name] = value
    return Settings(**values), problems


def _checked(name: str, value: Any, default: Any) -> tuple[Any, UserMessage | None]:
    """(the value to use, None or why it is not the one in the file)."""
    shown, default_shown = _shown(value), _shown(default)
    if name in _RANGES:
        if type(value) is not int:
            return default, message(
                QT_TRANSLATE_NOOP("CoreMessages", "{value} is not a whole number; using {default}"),
                value=shown,
                default=default_shown,
            )
        low, high = _RANGES[name]
        if not low <= value <= high:
            near = min(max(value, low), high)
            return near, message(
                QT_TRANSLATE_NOOP("CoreMessages", "{value} is outside {low}–{high}; using {near}"),
                value=shown,
                low=low,
                high=high,
                near=near,
            )
        return value, None
    if isinstance(default, bool):
        if type(value) is not bool:
            return default, message(
                QT_TRANSLATE_NOOP("CoreMessages", "{value} is not true or false; using {default}"),
                value=shown,
                default=default_shown,
            )
        return value, None
    if name in ("language", "theme"):
        allowed = LANGUAGES if name == "language" else THEMES
        if value not in allowed:
            return default, message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages", "{value} is not one of {allowed}; using {default}"
                ),
                value=shown,
                allowed=", ".join(allowed),
                default=default_shown,
            )
        return value, None
    if name == "output_folder":
        if not isinstance(value, str) or "\0" in value or not _can_save(value):
            return default, message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages", "{value} is not a folder path; using {default} (outputs/)"
                ),
                value=shown,
                default=default_shown,
            )
        return value.strip(), None
    if name == "managed_preset":
        if value not in MANAGED_PRESETS:
            return default, message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages", "{value} is not one of {allowed}; using {default}"
                ),
                value=shown,
                allowed=", ".join(MANAGED_PRESETS),
                default=default_shown,
            )
        return value, None
    if name in _MANAGED_TEXTS:
        if not isinstance(value, str) or "\0" in value or not _can_save(value):
            return default, message(
                QT_TRANSLATE_NOOP("CoreMessages", "{value} is not text; using {default}"),
                value=shown,
                default=default_shown,
            )
        return value, None
    if name == "last_form":
        if not isinstance(value, dict) or nesting_depth(value, MAX_VALUE_DEPTH) > MAX_VALUE_DEPTH:
            return default, message(
                QT_TRANSLATE_NOOP("CoreMessages", "is not a saved form; using {default}"),
                default=default_shown,
            )
        if not _can_save(value):
            return default, message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages", "holds text or numbers that cannot be saved; using {default}"
                ),
                default=default_shown,
            )
        return value, None
    if name == "ui_state":
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            return default, message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages", "is not a saved window state; using the default window layout"
                )
            )
        if not _can_save(value):
            return default, message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages",
                    "holds text that cannot be saved; using the default window layout",
                )
            )
        return value, None
    raise AssertionError(f"no check for setting {name}")  # a new field needs one here


def _can_save(value: Any) -> bool:
    """Whether `value` survives save_settings and a strict JSON reader: no lone surrogates,
    no NaN or infinity, no integer too long to write."""
    try:
        json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except (ValueError, RecursionError):  # UnicodeEncodeError is a ValueError
        return False
    return True


def _shown(value: Any) -> str:
    """A value quoted in a notice: short, and never failing (a 5000-digit int cannot be str'd)."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int):
        return repr(value) if abs(value) < 10**30 else "a huge number"
    if isinstance(value, float | str):
        text = repr(value)
        return text if len(text) <= 40 else text[:39] + "…"
    return "a list" if isinstance(value, list) else "an object"


def _keep_aside(path: Path) -> Path | None:
    """Rename `path` to `<name>.bad-<local date>-<time>` (never over an earlier one)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for attempt in range(1, 100):
        suffix = "" if attempt == 1 else f"-{attempt}"
        target = path.with_name(f"{path.name}.bad-{stamp}{suffix}")
        if target.exists():
            continue
        try:
            path.rename(target)
        except OSError as exc:
            log.debug("could not keep %s aside: %s", path, exc)
            return None
        return target
    return None


def save_settings(settings: Settings, path: Path) -> None:
    """Write atomically: a crash while saving keeps the previous file."""
    write_settings_text(settings_text(settings), path)


def settings_text(settings: Settings) -> str:
    """The file's text for `settings` as they are now (a snapshot: later changes are not in it)."""
    return json.dumps(asdict(settings), ensure_ascii=False, indent=2)


def write_settings_text(text: str, path: Path) -> None:
    """Write `text` (from `settings_text`) atomically: a crash while saving keeps the previous
    file."""
    path.parent.mkdir(parents=True, exist_ok=True)
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
