"""Outputs are staged and published only after the commit that records them: a cancel during
collection leaves no orphan file, a kill at any moment leaves a state the next start finishes."""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path

import pytest
from PIL import Image

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import GenerationParams, JobStatus, NewImage, NewJob
from studio_desktop.core.library.files import OutputLibrary


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 10, 10)).save(out, "PNG")
    return out.getvalue()


def _library_files(ctx: AppContext) -> set[Path]:
    roots = (ctx.paths.outputs, ctx.paths.thumbnails)
    return {p for root in roots for p in root.rglob("*") if p.is_file()}


def _running_job(ctx: AppContext) -> str:
    job = ctx.store.add_job(NewJob(template="txt2img", params=GenerationParams(prompt="p")))
    claimed = ctx.store.claim_next("http://s")
    assert claimed is not None and claimed.id == job.id
    return job.id


def _stage(library: OutputLibrary, job_id: str) -> tuple[object, NewImage]:
    staging = library.staging(job_id)
    saved = library.save_output(job_id, 0, _png(), staging=staging)
    staging.seal()
    image = NewImage(
        index=0,
        path=library.paths.stored(saved.path),
        thumb_path=library.paths.relative(saved.thumb_path) if saved.thumb_path else None,
        width=saved.width,
        height=saved.height,
        bytes=saved.bytes,
    )
    return staging, image


def test_staged_files_are_not_in_the_library_until_published(tmp_path: Path) -> None:
    with AppContext.open(tmp_path / "data") as ctx:
        job_id = _running_job(ctx)
        staging, image = _stage(ctx.library, job_id)
        assert _library_files(ctx) == set()
        ctx.store.complete(job_id, [image])
        staging.publish()  # type: ignore[attr-defined]
        assert ctx.paths.resolve(image.path).is_file()
        assert image.thumb_path and ctx.paths.resolve(image.thumb_path).is_file()
        assert not any((ctx.paths.temp / "staging").iterdir())


def test_a_cancel_during_collection_leaves_no_orphan_files(tmp_path: Path) -> None:
    """Users saw the PNG and thumbnail of a cancelled job stay on disk for ever."""
    with AppContext.open(tmp_path / "data") as ctx:
        job_id = _running_job(ctx)
        staging, _image = _stage(ctx.library, job_id)
        ctx.store.cancel(job_id)  # the commit would now be refused; the engine discards
        staging.discard()  # type: ignore[attr-defined]
        assert _library_files(ctx) == set()
        assert not (ctx.paths.temp / "staging" / job_id).exists()


def test_a_kill_after_the_commit_is_finished_at_the_next_start(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with AppContext.open(data) as ctx:
        job_id = _running_job(ctx)
        _staging, image = _stage(ctx.library, job_id)
        ctx.store.complete(job_id, [image])  # ... and the process dies before publishing
        assert _library_files(ctx) == set()
    with AppContext.open(data) as ctx:
        assert ctx.paths.resolve(image.path).is_file()
        assert not (ctx.paths.temp / "staging" / job_id).exists()


def test_a_kill_before_the_commit_is_cleaned_at_the_next_start(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with AppContext.open(data) as ctx:
        job_id = _running_job(ctx)
        _stage(ctx.library, job_id)
        ctx.store.requeue(job_id)  # the next start gave the job back to the queue
    with AppContext.open(data) as ctx:
        assert _library_files(ctx) == set()
        assert not (ctx.paths.temp / "staging" / job_id).exists()
        job = ctx.store.get_job(job_id)
        assert job is not None and job.status is JobStatus.PENDING


def test_staging_of_a_job_still_running_is_left_to_its_owner(tmp_path: Path) -> None:
    """Another process may be collecting it right now."""
    data = tmp_path / "data"
    with AppContext.open(data) as ctx:
        job_id = _running_job(ctx)
        _stage(ctx.library, job_id)
    with AppContext.open(data) as ctx:
        assert (ctx.paths.temp / "staging" / job_id).is_dir()


def test_a_kill_while_a_file_was_being_staged_is_cleaned_at_the_next_start(
    tmp_path: Path,
) -> None:
    """Staged files are written under their own name, not renamed into it: one cut short by a
    kill (no manifest yet, no commit) is deleted with its folder."""
    data = tmp_path / "data"
    with AppContext.open(data) as ctx:
        job_id = _running_job(ctx)
        staging = ctx.library.staging(job_id)
        staging.write(ctx.paths.outputs / "x.png", _png())
        (staging.folder / "001_half.png").write_bytes(_png()[:10])  # the kill came here
        ctx.store.requeue(job_id)
    with AppContext.open(data) as ctx:
        assert _library_files(ctx) == set()
        assert not (ctx.paths.temp / "staging" / job_id).exists()


def test_a_manifest_cut_short_before_the_commit_is_cleaned_at_the_next_start(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    with AppContext.open(data) as ctx:
        job_id = _running_job(ctx)
        _staging, _image = _stage(ctx.library, job_id)
        manifest = ctx.paths.temp / "staging" / job_id / "manifest.json"
        manifest.write_bytes(manifest.read_bytes()[:5])  # the kill came mid-seal
        ctx.store.requeue(job_id)
    with AppContext.open(data) as ctx:
        assert _library_files(ctx) == set()
        assert not (ctx.paths.temp / "staging" / job_id).exists()


def test_a_staged_image_costs_one_fsync_per_file_and_per_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Output, thumbnail and manifest once each, the staging folder once, then the output's and
    the thumbnail's folders once each: 6 (was 8: every file and the folder after each)."""
    with AppContext.open(tmp_path / "data") as ctx:
        job_id = _running_job(ctx)
        synced: list[int] = []
        real_fsync = os.fsync

        def counting_fsync(fd: int) -> None:
            synced.append(fd)
            real_fsync(fd)

        monkeypatch.setattr(os, "fsync", counting_fsync)
        staging, image = _stage(ctx.library, job_id)
        staging.publish()  # type: ignore[attr-defined]
        monkeypatch.undo()
        assert len(synced) == 6
        ctx.store.complete(job_id, [image])
        assert ctx.paths.resolve(image.path).is_file()


def test_an_output_folder_on_another_drive_gets_its_files_copied_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rename across drives fails (EXDEV): the staged file is copied atomically instead."""
    real_replace = os.replace

    def across_drives(src: str | os.PathLike[str], dest: str | os.PathLike[str]) -> None:
        if ".part" not in str(src):  # the staged file's rename, not the copy's own
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        real_replace(src, dest)

    with AppContext.open(tmp_path / "data") as ctx:
        job_id = _running_job(ctx)
        staged, image = _stage(ctx.library, job_id)
        ctx.store.complete(job_id, [image])
        monkeypatch.setattr(os, "replace", across_drives)
        staged.publish()  # type: ignore[attr-defined]
        monkeypatch.undo()
        assert ctx.paths.resolve(image.path).read_bytes().startswith(b"\x89PNG")
        assert not (ctx.paths.temp / "staging" / job_id).exists()
