"""A user-chosen output folder: outputs land there and are stored absolute, thumbnails stay in
the data folder, purging and temp sweeping reach it (and nothing else), and a folder that cannot
be written never costs an output."""

from __future__ import annotations

import io
import json
import logging
import os
import time
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import GenerationParams, ImageRecord, NewImage, NewJob
from studio_desktop.core.library.files import OutputLibrary, SavedOutput, SaveError
from studio_desktop.core.library.output_folder import (
    FolderProblem,
    OutputFolderError,
    check_output_folder,
    folder_of_setting,
)
from studio_desktop.core.library.retention import run_retention
from studio_desktop.core.paths import DataPaths
from studio_desktop.core.settings import Settings, save_settings

JOB = "3f2b8c1e-0d4a-4e8b-9c1f-2a6d7e8f9a0b"


def png_bytes(colour: str = "red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, "PNG")
    return buffer.getvalue()


def open_with(data: Path, output_folder: str) -> AppContext:
    """Open a data folder whose settings.json names `output_folder`, as the next start would."""
    save_settings(Settings(output_folder=output_folder), DataPaths(data).settings)
    return AppContext.open(data)


def blocked_folder(tmp_path: Path) -> Path:
    """A folder that can never be created: a regular file sits where its parent should be
    (works as root too, unlike permission bits)."""
    blocker = tmp_path / "not-a-folder.txt"
    blocker.write_text("in the way")
    return blocker / "outputs"


def record_output(ctx: AppContext, saved: SavedOutput, job_id: str) -> ImageRecord:
    """Record a saved output the way the runner does (paths.stored)."""
    (record,) = ctx.store.complete(
        job_id,
        [
            NewImage(
                index=0,
                path=ctx.paths.stored(saved.path),
                thumb_path=ctx.paths.relative(saved.thumb_path) if saved.thumb_path else None,
                width=saved.width,
                height=saved.height,
                bytes=saved.bytes,
            )
        ],
    )
    return record


def new_job(ctx: AppContext) -> str:
    job = ctx.store.add_job(NewJob("txt2img", GenerationParams(prompt="x")))
    claimed = ctx.store.claim_next("http://127.0.0.1:1")
    assert claimed is not None and claimed.id == job.id
    return job.id


def parts_files(folder: Path) -> list[Path]:
    return list(folder.rglob("*.part"))


# --- saving and storing -----------------------------------------------------------------------


def test_output_lands_in_the_custom_folder_and_is_stored_absolute(tmp_path: Path) -> None:
    custom = tmp_path / "Pictures" / "Studio"  # does not exist yet: the start-up check makes it
    with open_with(tmp_path / "data", str(custom)) as ctx:
        assert ctx.output_folder_error is None
        assert ctx.library.output_folder == custom and custom.is_dir()
        assert not list(custom.iterdir()), "the folder check left its probe behind"

        job_id = new_job(ctx)
        saved = ctx.library.save_output(job_id, 0, png_bytes())
        assert saved.path.parent.parent == custom  # <folder>/YYYY-MM-DD/<job>_00.png
        assert saved.path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert saved.thumb_path is not None
        assert saved.thumb_path.is_relative_to(ctx.paths.thumbnails)
        assert parts_files(custom) == []  # atomic write: temp name, then renamed

        record = record_output(ctx, saved, job_id)
        assert Path(record.path).is_absolute() and "\\" not in record.path
        assert record.path == saved.path.as_posix()
        assert ctx.paths.resolve(record.path) == saved.path
        assert record.thumb_path is not None and not Path(record.thumb_path).is_absolute()
        assert ctx.paths.resolve(record.thumb_path) == saved.thumb_path


def test_old_relative_rows_still_resolve(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    library = OutputLibrary(paths)
    saved = library.save_output(JOB, 0, png_bytes())
    stored = paths.stored(saved.path)
    assert stored.startswith("outputs/") and stored == paths.relative(saved.path)
    assert paths.resolve(stored) == saved.path
    old_row = "outputs/2023-01-02/x_00.png"  # as every database before the setting has them
    assert paths.resolve(old_row) == paths.root / "outputs" / "2023-01-02" / "x_00.png"


def test_a_folder_inside_outputs_is_stored_relative(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    library = OutputLibrary(paths, check_output_folder(paths, paths.outputs / "mine"))
    saved = library.save_output(JOB, 0, png_bytes())
    assert paths.stored(saved.path).startswith("outputs/mine/")
    library.remove_files([paths.stored(saved.path)])
    assert not saved.path.exists()


def test_changing_the_folder_applies_to_the_next_output(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    library = OutputLibrary(paths)
    first = library.save_output(JOB, 0, png_bytes())
    library.output_folder = tmp_path / "elsewhere"
    second = library.save_output(JOB, 1, png_bytes("blue"))
    assert first.path.is_relative_to(paths.outputs) and first.path.exists()
    assert second.path.is_relative_to(tmp_path / "elsewhere")


# --- a folder that cannot be written ----------------------------------------------------------


def test_unwritable_folder_falls_back_to_the_default_and_loses_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    # As if the folder went away after it was checked (an unplugged drive).
    library = OutputLibrary(paths, blocked_folder(tmp_path))
    data = png_bytes()
    with caplog.at_level(logging.WARNING, logger="studio_desktop.core.library.files"):
        saved = library.save_output(JOB, 0, data)
    assert saved.path.is_relative_to(paths.outputs)
    assert Image.open(saved.path).size == (40, 30)
    assert saved.thumb_path is not None and saved.thumb_path.exists()
    assert "could not save" in caplog.text and str(paths.outputs) in caplog.text
    assert library.output_folder == blocked_folder(tmp_path)  # the next output tries it again


def test_a_full_disk_in_the_custom_folder_falls_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    custom = tmp_path / "usb"
    library = OutputLibrary(paths, custom)
    real = OutputLibrary._write_if_changed

    def full(self: OutputLibrary, dest: Path, data: bytes, staging: Any = None) -> bool:
        if dest.is_relative_to(custom):
            raise OSError(28, "No space left on device")
        return real(self, dest, data, staging)

    monkeypatch.setattr(OutputLibrary, "_write_if_changed", full)
    saved = library.save_output(JOB, 0, png_bytes())
    assert saved.path.is_relative_to(paths.outputs) and saved.path.exists()


def test_the_default_folder_failing_is_still_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    library = OutputLibrary(paths)

    def broken(self: OutputLibrary, dest: Path, data: bytes, staging: Any = None) -> bool:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(OutputLibrary, "_write_if_changed", broken)
    with pytest.raises(SaveError, match="read-only"):
        library.save_output(JOB, 0, png_bytes())


def test_a_bad_configured_folder_is_reported_and_the_default_used(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    bad = blocked_folder(tmp_path)
    with open_with(tmp_path / "data", str(bad)) as ctx:
        assert ctx.library.output_folder == ctx.paths.outputs
        error = ctx.output_folder_error
        assert error is not None and error.problem is FolderProblem.NOT_WRITABLE
        assert error.folder == bad and error.detail
        with caplog.at_level(logging.WARNING, logger="studio.context"):
            ctx.log_start_problems()
        assert str(bad) in caplog.text and str(ctx.paths.outputs) in caplog.text
        saved = ctx.library.save_output(new_job(ctx), 0, png_bytes())
        assert saved.path.is_relative_to(ctx.paths.outputs)


def test_a_broken_settings_file_is_kept_aside_and_reported_as_a_start_problem(
    tmp_path: Path,
) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    paths.settings.write_text("{not json", "utf-8")
    with AppContext.open(paths.root) as ctx:
        assert ctx.library.output_folder == paths.outputs and ctx.output_folder_error is None
        assert [p for p in ctx.start_problems if str(paths.settings) in str(p)]
    assert not paths.settings.exists() and list(paths.root.glob("settings.json.bad-*"))


def test_check_refuses_relative_paths_and_the_data_folder(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    with pytest.raises(OutputFolderError) as relative:
        check_output_folder(paths, Path("relative/folder"))
    assert relative.value.problem is FolderProblem.NOT_ABSOLUTE
    for inside in (paths.root, paths.logs, paths.thumbnails, paths.root / "mine"):
        with pytest.raises(OutputFolderError) as refused:
            check_output_folder(paths, inside)
        assert refused.value.problem is FolderProblem.INSIDE_DATA, inside
    assert not (paths.root / "mine").exists()
    assert check_output_folder(paths, paths.outputs) == paths.outputs
    assert folder_of_setting(paths, "") == paths.outputs
    assert folder_of_setting(paths, "  ") == paths.outputs
    assert folder_of_setting(paths, "~/x") == Path.home() / "x"


def test_check_refuses_a_file_in_the_way(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    file = tmp_path / "file.png"
    file.write_bytes(b"x")
    for folder in (file, blocked_folder(tmp_path)):
        with pytest.raises(OutputFolderError) as refused:
            check_output_folder(paths, folder)
        assert refused.value.problem is FolderProblem.NOT_WRITABLE and refused.value.detail


# --- purging and temp files -------------------------------------------------------------------


def test_purge_deletes_files_in_the_output_folder_only(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    with open_with(tmp_path / "data", str(first)) as ctx:
        old_job = new_job(ctx)
        old = ctx.library.save_output(old_job, 0, png_bytes())
        old_record = record_output(ctx, old, old_job)
        ctx.library.output_folder = check_output_folder(ctx.paths, second)  # the user moved on
        job_id = new_job(ctx)
        saved = ctx.library.save_output(job_id, 0, png_bytes("green"))
        record = record_output(ctx, saved, job_id)
        assert saved.path.is_relative_to(second) and saved.thumb_path is not None

        ctx.store.soft_delete_images([record.id, old_record.id])
        with caplog.at_level(logging.WARNING, logger="studio_desktop.core.library.files"):
            report = run_retention(ctx, trash_days=0, temp_hours=1)
        assert report.purged_images == 2
        assert not saved.path.exists() and not saved.thumb_path.exists()
        # A file in a folder used before: its row is gone, the file is left and logged.
        assert old.path.exists()
        assert old_record.path in caplog.text


def test_remove_files_stays_strict_with_absolute_paths(tmp_path: Path) -> None:
    # The output folder holds the data folder: absolute paths into the data folder are not ours.
    paths = DataPaths(tmp_path / "home" / "data").ensure()
    library = OutputLibrary(paths, tmp_path / "home")
    saved = library.save_output(JOB, 0, png_bytes())
    paths.database.write_bytes(b"db")
    in_outputs = OutputLibrary(paths).save_output(JOB, 1, png_bytes())
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me")
    folder = tmp_path / "home" / "2024-01-01"
    folder.mkdir()
    library.remove_files(
        [
            str(paths.database),
            paths.database.as_posix(),
            str(in_outputs.path),
            str(outside),
            str(tmp_path / "home" / ".." / "precious.txt"),
            str(folder),
            "",
            "\0",
        ]
    )
    assert paths.database.exists() and in_outputs.path.exists()
    assert outside.read_text() == "keep me" and folder.is_dir()
    library.remove_files([paths.stored(saved.path)])
    assert not saved.path.exists()


def test_remove_files_does_not_follow_a_symlinked_folder_out_of_the_output_folder(
    tmp_path: Path,
) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    custom = tmp_path / "custom"
    custom.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    victim = elsewhere / "v.png"
    victim.write_bytes(b"x")
    try:
        (custom / "link").symlink_to(elsewhere, target_is_directory=True)
    except OSError:
        pytest.skip("no symlinks here")
    OutputLibrary(paths, custom).remove_files([(custom / "link" / "v.png").as_posix()])
    assert victim.exists()


def _age(path: Path, seconds: float) -> None:
    old = time.time() - seconds
    os.utime(path, (old, old))


def test_clean_temp_sweeps_the_output_folder_where_we_write(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    custom = tmp_path / "custom"
    library = OutputLibrary(paths, custom)
    kept = library.save_output(JOB, 0, png_bytes())
    stale = [
        kept.path.parent / f".{kept.path.name}.abc123.part",  # a killed atomic write
        custom / ".studio-probe.0011aa.part",  # a killed folder check
    ]
    fresh = kept.path.parent / f".{kept.path.name}.fff000.part"
    # Not where we write: the user's own files are never walked or touched.
    theirs = custom / "holiday" / "2019" / ".draft.part"
    for path in [*stale, fresh, theirs]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"partial")
    for path in [*stale, theirs]:
        _age(path, 7200)
    assert library.clean_temp(older_than_s=3600) == len(stale)
    assert not any(p.exists() for p in stale)
    assert fresh.exists() and theirs.exists() and kept.path.exists()


def test_clean_temp_with_a_missing_output_folder(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    library = OutputLibrary(paths, blocked_folder(tmp_path))
    assert library.clean_temp(older_than_s=0) == 0


def test_settings_file_names_the_folder(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_settings(Settings(output_folder="/mnt/pictures"), path)
    assert json.loads(path.read_text("utf-8"))["output_folder"] == "/mnt/pictures"
