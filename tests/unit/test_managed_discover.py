"""Finding ComfyUI installs: each layout built in tmp_path (core/managed/discover.py)."""

from __future__ import annotations

import json
from pathlib import Path

from studio_desktop.core.managed.discover import (
    InstallKind,
    desktop_config_path,
    environment_pythons,
    find_installs,
    inspect_folder,
    read_desktop_base_path,
)
from tests.fakes.comfy_layouts import code_dir, desktop_base, fake_python, git_checkout, portable


def test_git_checkout_with_its_venv(tmp_path: Path) -> None:
    folder = git_checkout(tmp_path)
    found = inspect_folder(folder)
    assert found is not None
    assert found.kind is InstallKind.GIT
    assert found.main_py == folder / "main.py"
    assert found.python == folder / "venv" / "bin" / "python"
    assert found.version == "0.3.64"
    assert found.startable


def test_git_checkout_with_a_windows_dot_venv(tmp_path: Path) -> None:
    folder = git_checkout(tmp_path, venv=".venv", windows=True)
    found = inspect_folder(folder)
    assert found is not None and found.python == folder / ".venv" / "Scripts" / "python.exe"


def test_git_checkout_with_a_venv_beside_it(tmp_path: Path) -> None:
    folder = git_checkout(tmp_path, venv=None)
    python = fake_python(tmp_path / "venv" / "bin" / "python3")
    found = inspect_folder(folder)
    assert found is not None and found.python == python


def test_git_checkout_without_a_venv_takes_the_python_it_is_given(tmp_path: Path) -> None:
    folder = git_checkout(tmp_path, venv=None)
    alone = inspect_folder(folder)
    assert alone is not None and alone.python is None and not alone.startable
    conda = fake_python(tmp_path / "conda" / "envs" / "comfy" / "bin" / "python")
    given = inspect_folder(folder, python=conda)
    assert given is not None and given.python == conda and given.startable


def test_unreadable_or_missing_version(tmp_path: Path) -> None:
    folder = code_dir(tmp_path / "old", version=None)
    found = inspect_folder(folder)
    assert found is not None and found.version is None
    (folder / "comfyui_version.py").write_text("VERSION = 3\n")
    found = inspect_folder(folder)
    assert found is not None and found.version is None


def test_windows_portable_build(tmp_path: Path) -> None:
    folder = portable(tmp_path, launcher="run_cpu.bat")
    found = inspect_folder(folder)
    assert found is not None
    assert found.kind is InstallKind.PORTABLE
    assert found.python == folder / "python_embeded" / "python.exe"
    assert found.main_py == folder / "ComfyUI" / "main.py"
    assert found.version == "0.3.64"


def test_pointing_at_the_inner_folder_of_a_portable_build_finds_the_build(
    tmp_path: Path,
) -> None:
    folder = portable(tmp_path)
    found = inspect_folder(folder / "ComfyUI")
    assert found is not None and found.kind is InstallKind.PORTABLE and found.path == folder


def test_a_folder_that_is_not_comfyui(tmp_path: Path) -> None:
    (tmp_path / "main.py").write_text("print('hello')\n")
    assert inspect_folder(tmp_path) is None
    assert inspect_folder(tmp_path / "missing") is None


def test_desktop_config_places() -> None:
    home = Path("/home/u")
    assert desktop_config_path("linux", home, {}) == home / ".config/ComfyUI/config.json"
    assert desktop_config_path("linux", home, {"XDG_CONFIG_HOME": "/x"}) == Path(
        "/x/ComfyUI/config.json"
    )
    assert desktop_config_path("darwin", home, {}) == (
        home / "Library/Application Support/ComfyUI/config.json"
    )
    assert desktop_config_path("win32", home, {"APPDATA": "C:/Users/u/AppData/Roaming"}) == Path(
        "C:/Users/u/AppData/Roaming/ComfyUI/config.json"
    )
    assert desktop_config_path("win32", home, {}) is None


def test_desktop_config_that_is_junk_gives_no_base_path(tmp_path: Path) -> None:
    config = tmp_path / "config.json"
    for text in ("{", "[]", '{"basePath": 3}', '{"basePath": ""}', "x" * 100_000):
        config.write_text(text)
        assert read_desktop_base_path(config) is None
    assert read_desktop_base_path(tmp_path / "missing.json") is None


def test_desktop_app_from_its_config(tmp_path: Path) -> None:
    home = tmp_path / "home"
    base = desktop_base(tmp_path / "Documents" / "ComfyUI")
    config = home / ".config" / "ComfyUI" / "config.json"
    config.parent.mkdir(parents=True)
    config.write_text(json.dumps({"basePath": str(base), "installState": "installed"}))
    # The app's bundled code, where the Linux build keeps it.
    code = code_dir(home / ".local/share/ComfyUI/resources/ComfyUI", version="0.3.60")

    found = find_installs(home=home, platform="linux", env={})
    assert [i.kind for i in found] == [InstallKind.DESKTOP]
    desktop = found[0]
    assert desktop.path == base and desktop.base_directory == base
    assert desktop.python == base / ".venv" / "bin" / "python"
    assert desktop.main_py == code / "main.py" and desktop.version == "0.3.60"
    assert desktop.startable


def test_desktop_app_whose_code_is_not_found_is_listed_but_not_startable(tmp_path: Path) -> None:
    home = tmp_path / "home"
    base = desktop_base(tmp_path / "base")
    config = home / "Library/Application Support/ComfyUI/config.json"
    config.parent.mkdir(parents=True)
    config.write_text(json.dumps({"basePath": str(base)}))
    found = find_installs(home=home, platform="darwin", env={})
    assert len(found) == 1 and found[0].main_py is None and not found[0].startable


def test_usual_folders_and_folders_named_by_hand_each_once(tmp_path: Path) -> None:
    home = tmp_path / "home"
    checkout = git_checkout(home)  # ~/ComfyUI
    build = portable(home / "Downloads")
    elsewhere = git_checkout(tmp_path / "disk")
    found = find_installs(home=home, platform="linux", env={}, extra_folders=[elsewhere, checkout])
    assert [i.path for i in found] == [elsewhere, checkout, build]
    assert [i.kind for i in found] == [InstallKind.GIT, InstallKind.GIT, InstallKind.PORTABLE]


def test_nothing_installed(tmp_path: Path) -> None:
    assert find_installs(home=tmp_path, platform="win32", env={"APPDATA": str(tmp_path)}) == []


def torch_env(root: Path, *, windows: bool = False, torch: bool = True) -> Path:
    """A venv/conda environment at `root`; with torch in its site-packages when `torch`."""
    python = fake_python(root / ("python.exe" if windows else "bin/python"))
    if torch:
        site = root / ("Lib/site-packages" if windows else "lib/python3.11/site-packages")
        (site / "torch").mkdir(parents=True)
        (site / "torch" / "__init__.py").write_text("")
    return python


def test_a_checkout_without_a_venv_takes_a_conda_environment_that_has_torch(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    folder = git_checkout(home, venv=None)
    torch_env(home / "miniconda3" / "envs" / "a-plain", torch=False)
    comfy = torch_env(home / "miniconda3" / "envs" / "comfy")
    torch_env(home / "miniconda3")  # the base environment: only when no named one has torch

    assert environment_pythons(home, {})[:2] == [
        home / "miniconda3" / "envs" / "a-plain" / "bin" / "python",
        comfy,
    ]
    found = find_installs(home=home, platform="linux", env={})
    assert [(i.path, i.python) for i in found] == [(folder, comfy)]
    assert found[0].startable


def test_the_active_environment_comes_first_and_windows_conda_layouts_count(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    folder = git_checkout(home, venv=None)
    torch_env(home / "anaconda3" / "envs" / "comfy")
    active = torch_env(tmp_path / "active", windows=True)
    found = find_installs(
        home=home, platform="win32", env={"CONDA_PREFIX": str(tmp_path / "active")}
    )
    assert [(i.path, i.python) for i in found] == [(folder, active)]


def test_no_environment_with_torch_leaves_the_python_to_the_user(tmp_path: Path) -> None:
    home = tmp_path / "home"
    git_checkout(home, venv=None)
    torch_env(home / "miniforge3" / "envs" / "other", torch=False)
    found = find_installs(home=home, platform="linux", env={})
    assert len(found) == 1 and found[0].python is None and not found[0].startable
