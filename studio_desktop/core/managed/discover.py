"""Find ComfyUI installs on this computer.

Every function here is pure over a filesystem root and the environment it is given (home
folder, `%APPDATA%`, platform), so tests build the layouts in a temporary folder. Nothing is
run: a python is found by where it lives, not by starting it.

Layouts recognised:

- **git checkout**: `main.py` and `comfy/` in one folder, with a `venv/` or `.venv/` python in
  it or beside it; else the active venv or conda environment, or a conda environment in the
  usual places (`~/miniconda3/envs/*`, ...) that has torch installed (looked for in its
  site-packages); without one the install is listed with no python (the user names one).
- **Windows portable build**: `run_nvidia_gpu.bat` / `run_cpu.bat`, `python_embeded/python.exe`
  and `ComfyUI/main.py` (ComfyUI's own spelling, "embeded").
- **ComfyUI desktop app**: its electron-store settings file `config.json` in the app's user
  data folder (`%APPDATA%/ComfyUI` on Windows, `~/Library/Application Support/ComfyUI` on
  macOS, `~/.config/ComfyUI` on Linux), key `basePath` (Comfy-Org/desktop
  `src/store/desktopSettings.ts`). The base path holds the user's models and a `.venv`; the
  ComfyUI code ships inside the app, so it is started with `--base-directory` (found when the
  app's `resources/ComfyUI` is in a known place; otherwise listed, not startable).
- **a folder the user points at**: any of the above, or the inner `ComfyUI` of a portable build.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Final

PORTABLE_LAUNCHERS = (
    "run_nvidia_gpu.bat",
    "run_cpu.bat",
    "run_nvidia_gpu_fast_fp16_accumulation.bat",
)
DESKTOP_CONFIG = "config.json"
DESKTOP_BASE_PATH_KEY = "basePath"
_VERSION = re.compile(r"""^__version__\s*=\s*["']([^"']{1,40})["']""", re.MULTILINE)
_MAX_SMALL_FILE = 64 * 1024  # comfyui_version.py and config.json are a few hundred bytes


class InstallKind(StrEnum):
    GIT = "git"
    PORTABLE = "portable"
    DESKTOP = "desktop"


@dataclass(frozen=True)
class ComfyInstall:
    """One ComfyUI found on disk."""

    kind: InstallKind
    path: Path  # what the user knows it as: the checkout, the portable folder, the base path
    main_py: Path | None  # None: the code was not found (a desktop app in an unknown place)
    python: Path | None  # None: no python beside it; the user must name one
    version: str | None  # from comfyui_version.py, when readable
    base_directory: Path | None = None  # passed as --base-directory (the desktop app's data)

    @property
    def startable(self) -> bool:
        return self.main_py is not None and self.python is not None

    @property
    def code_dir(self) -> Path | None:
        """The folder ComfyUI runs in (its main.py's)."""
        return None if self.main_py is None else self.main_py.parent


def read_version(code_dir: Path) -> str | None:
    """`__version__` of `comfyui_version.py` (ComfyUI 0.3 and later), or None."""
    text = _read_small(code_dir / "comfyui_version.py")
    if text is None:
        return None
    found = _VERSION.search(text)
    return found.group(1) if found else None


def venv_python(folder: Path) -> Path | None:
    """The python of a `venv` or `.venv` in `folder` (POSIX or Windows layout)."""
    for venv in ("venv", ".venv"):
        for relative in ("bin/python3", "bin/python", "Scripts/python.exe"):
            candidate = folder / venv / relative
            if candidate.is_file():
                return candidate
    return None


def is_code_dir(folder: Path) -> bool:
    """ComfyUI's own code: `main.py` and the `comfy` package."""
    return (folder / "main.py").is_file() and (folder / "comfy").is_dir()


# Where conda puts itself and its environments, under the home folder.
_CONDA_BASES: Final = ("miniconda3", "anaconda3", "miniforge3", "mambaforge", "micromamba")


def environment_pythons(home: Path, env: Mapping[str, str]) -> list[Path]:
    """The pythons of the user's other environments, for a checkout with no venv of its own:
    the active venv and conda environment first, then every conda environment in the usual
    places. File checks only."""
    roots: list[Path] = []
    for variable in ("VIRTUAL_ENV", "CONDA_PREFIX"):
        if env.get(variable):
            roots.append(Path(env[variable]))
    for name in _CONDA_BASES:
        base = home / name
        envs = base / "envs"
        if envs.is_dir():
            with contextlib.suppress(OSError):
                roots.extend(sorted(p for p in envs.iterdir() if p.is_dir()))
        roots.append(base)  # the base environment last: people seldom install ComfyUI there
    pythons: list[Path] = []
    for root in roots:
        for relative in ("bin/python3", "bin/python", "python.exe", "Scripts/python.exe"):
            candidate = root / relative
            if candidate.is_file():
                pythons.append(candidate)
                break
    return pythons


def has_torch(python: Path) -> bool:
    """Whether the environment of `python` has torch (what ComfyUI cannot start without)
    installed: a look at its site-packages, not an import (that takes seconds)."""
    root = python.parent.parent if python.parent.name in ("bin", "Scripts") else python.parent
    patterns = (
        "lib/python3*/site-packages/torch/__init__.py",
        "Lib/site-packages/torch/__init__.py",
    )
    return any(next(iter(root.glob(pattern)), None) is not None for pattern in patterns)


def inspect_folder(
    folder: Path, *, python: Path | None = None, candidates: Sequence[Path] = ()
) -> ComfyInstall | None:
    """What `folder` is, if it is a ComfyUI install. A checkout's python is its venv's (in it
    or beside it), else `python` (the user's choice), else the first of `candidates` (other
    environments: `environment_pythons`) that has torch installed."""
    if _is_portable(folder):
        return _portable(folder)
    if is_code_dir(folder) and _is_portable(folder.parent):
        return _portable(folder.parent)  # the user picked the inner ComfyUI folder
    if is_code_dir(folder):
        found = (
            venv_python(folder)
            or venv_python(folder.parent)
            or python
            or next((c for c in candidates if has_torch(c)), None)
        )
        return ComfyInstall(
            kind=InstallKind.GIT,
            path=folder,
            main_py=folder / "main.py",
            python=found,
            version=read_version(folder),
        )
    return _desktop_base(folder, resource_dirs=(), python=python)


def desktop_config_path(platform: str, home: Path, env: Mapping[str, str]) -> Path | None:
    """Where the ComfyUI desktop app keeps its settings (`platform` as `sys.platform`)."""
    if platform == "win32":
        appdata = env.get("APPDATA")
        return Path(appdata) / "ComfyUI" / DESKTOP_CONFIG if appdata else None
    if platform == "darwin":
        return home / "Library" / "Application Support" / "ComfyUI" / DESKTOP_CONFIG
    config_home = env.get("XDG_CONFIG_HOME") or str(home / ".config")
    return Path(config_home) / "ComfyUI" / DESKTOP_CONFIG


def desktop_resource_dirs(platform: str, home: Path, env: Mapping[str, str]) -> list[Path]:
    """Where the desktop app's bundled ComfyUI code usually is (`resources/ComfyUI`)."""
    if platform == "win32":
        local = env.get("LOCALAPPDATA")
        if not local:
            return []
        programs = Path(local) / "Programs"
        return [
            programs / name / "resources" / "ComfyUI"
            for name in ("@comfyorgcomfyui-electron", "comfyui-electron", "ComfyUI")
        ]
    if platform == "darwin":
        return [
            Path("/Applications/ComfyUI.app/Contents/Resources/ComfyUI"),
            home / "Applications" / "ComfyUI.app" / "Contents" / "Resources" / "ComfyUI",
        ]
    return [home / ".local" / "share" / "ComfyUI" / "resources" / "ComfyUI"]


def read_desktop_base_path(config: Path) -> Path | None:
    """`basePath` from the desktop app's `config.json`, or None (missing, unreadable, junk)."""
    text = _read_small(config)
    if text is None:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    base = data.get(DESKTOP_BASE_PATH_KEY) if isinstance(data, dict) else None
    return Path(base) if isinstance(base, str) and base else None


def find_installs(
    *,
    home: Path,
    platform: str,
    env: Mapping[str, str],
    extra_folders: Iterable[Path] = (),
) -> list[ComfyInstall]:
    """Every install found in the usual places and in `extra_folders`, each once, the desktop
    app's first (a user who installed it most likely means it)."""
    found: list[ComfyInstall] = []
    config = desktop_config_path(platform, home, env)
    base = read_desktop_base_path(config) if config is not None else None
    if base is not None:
        desktop = _desktop_base(
            base, resource_dirs=desktop_resource_dirs(platform, home, env), python=None
        )
        if desktop is not None:
            found.append(desktop)
    candidates = environment_pythons(home, env)
    for folder in (*extra_folders, *_usual_folders(home)):
        install = inspect_folder(folder, candidates=candidates)
        if install is not None:
            found.append(install)
    return _unique(found)


def _usual_folders(home: Path) -> list[Path]:
    """Where guides tell people to unpack or clone ComfyUI."""
    parents = [home, home / "Desktop", home / "Downloads", home / "Documents"]
    names = ["ComfyUI", "ComfyUI_windows_portable", "comfyui"]
    return [parent / name for parent in parents for name in names]


def _is_portable(folder: Path) -> bool:
    return (
        (folder / "python_embeded" / "python.exe").is_file()
        and is_code_dir(folder / "ComfyUI")
        and any((folder / name).is_file() for name in PORTABLE_LAUNCHERS)
    )


def _portable(folder: Path) -> ComfyInstall:
    code = folder / "ComfyUI"
    return ComfyInstall(
        kind=InstallKind.PORTABLE,
        path=folder,
        main_py=code / "main.py",
        python=folder / "python_embeded" / "python.exe",
        version=read_version(code),
    )


def _desktop_base(
    base: Path, *, resource_dirs: Iterable[Path], python: Path | None
) -> ComfyInstall | None:
    """A desktop app's base path: its `.venv` and user folders (`models/`, `user/`)."""
    env_python = venv_python(base)
    if env_python is None or not (base / "models").is_dir():
        return None
    code = next((d for d in resource_dirs if is_code_dir(d)), None)
    return ComfyInstall(
        kind=InstallKind.DESKTOP,
        path=base,
        main_py=None if code is None else code / "main.py",
        python=env_python or python,
        version=None if code is None else read_version(code),
        base_directory=base,
    )


def _unique(installs: list[ComfyInstall]) -> list[ComfyInstall]:
    seen: set[Path] = set()
    kept: list[ComfyInstall] = []
    for install in installs:
        key = _resolved(install.path)
        if key not in seen:
            seen.add(key)
            kept.append(install)
    return kept


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path


def _read_small(path: Path) -> str | None:
    try:
        with path.open("rb") as file:
            data = file.read(_MAX_SMALL_FILE + 1)
    except OSError:
        return None
    if len(data) > _MAX_SMALL_FILE:
        return None
    return data.decode("utf-8", errors="replace")
