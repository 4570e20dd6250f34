"""How file paths are recorded: `DataPaths.relative`/`stored` for files the library named itself
(`ours=True`, which resolves each folder once) agree with a full resolve, whatever links lead
to the data folder or out of it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from studio_desktop.core.paths import DataPaths


def _link(link: Path, target: Path) -> None:
    try:
        link.symlink_to(target, target_is_directory=True)
    except (OSError, NotImplementedError):
        pytest.skip("no symlinks here")


def _both(paths: DataPaths, path: Path) -> tuple[str, str]:
    return paths.stored(path, ours=True), paths.stored(path)


def test_files_in_a_data_folder_reached_through_a_link_are_recorded_relative(
    tmp_path: Path,
) -> None:
    real = tmp_path / "real"
    (real / "outputs" / "2026-01-02").mkdir(parents=True)
    _link(tmp_path / "link", real)
    paths = DataPaths(tmp_path / "link")  # the platform's folder, not resolved
    for root in (tmp_path / "link", real):  # the link's spelling and the real one
        output = root / "outputs" / "2026-01-02" / "job_00.png"
        thumb = root / "thumbnails" / "jo" / "job_00.jpg"  # a shard not made yet
        assert _both(paths, output) == ("outputs/2026-01-02/job_00.png",) * 2
        assert paths.relative(thumb, ours=True) == "thumbnails/jo/job_00.jpg"
        assert paths.relative(thumb) == "thumbnails/jo/job_00.jpg"


def test_an_output_folder_outside_the_data_folder_is_recorded_absolute(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data")
    (tmp_path / "data").mkdir()
    output = tmp_path / "pictures" / "2026-01-02" / "job_00.png"
    stored, full = _both(paths, output)
    assert stored == full == output.as_posix()


def test_an_outputs_folder_linked_out_of_the_data_folder_is_recorded_as_before(
    tmp_path: Path,
) -> None:
    """outputs/ moved to a bigger disk and linked back: recorded as a full resolve records it
    (absolute, under the name the user chose)."""
    data = tmp_path / "data"
    data.mkdir()
    (tmp_path / "big").mkdir()
    _link(data / "outputs", tmp_path / "big")
    paths = DataPaths(data)
    output = data / "outputs" / "2026-01-02" / "job_00.png"
    stored, full = _both(paths, output)
    assert stored == full == output.as_posix()
    with pytest.raises(ValueError):
        paths.relative(data / "outputs" / "x.png", ours=True)


def test_dot_dot_and_relative_paths_are_resolved_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    (data / "outputs").mkdir(parents=True)
    paths = DataPaths(data)
    escaping = data / "outputs" / ".." / ".." / "elsewhere.png"
    assert _both(paths, escaping) == ((tmp_path / "elsewhere.png").as_posix(),) * 2
    monkeypatch.chdir(data)
    relative = Path("outputs") / "job_00.png"
    assert paths.relative(relative, ours=True) == paths.relative(relative) == "outputs/job_00.png"
    upward = data / "outputs" / ".."
    assert paths.relative(upward, ours=True) == paths.relative(upward) == "."


def test_a_folder_is_resolved_once_for_every_file_in_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    (data / "outputs" / "2026-01-02").mkdir(parents=True)
    paths = DataPaths(data)
    looked_up: list[str] = []
    real_lstat = os.lstat

    def counting_lstat(path: str | os.PathLike[str], *args: object, **kwargs: object) -> object:
        looked_up.append(os.fspath(path))  # type: ignore[arg-type]
        return real_lstat(path, *args, **kwargs)  # type: ignore[arg-type]

    paths.relative(data / "outputs" / "2026-01-02" / "warm.png", ours=True)
    monkeypatch.setattr(os, "lstat", counting_lstat)
    for index in range(5):
        paths.stored(data / "outputs" / "2026-01-02" / f"job_{index:02}.png", ours=True)
    assert looked_up == []
    # A new day's folder (not made yet): one lstat, its parent is known.
    assert paths.relative(data / "outputs" / "2026-01-03" / "a.png", ours=True) == (
        "outputs/2026-01-03/a.png"
    )
    monkeypatch.undo()
    assert looked_up == [str(data / "outputs" / "2026-01-03")]
