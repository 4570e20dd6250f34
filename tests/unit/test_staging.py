"""Outputs are staged and published only after the commit that records them: a cancel during
collection leaves no orphan file, a kill at any moment leaves a state the next start finishes."""

from __future__ import annotations

import errno
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from PIL import Image

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import GenerationParams, JobStatus, NewImage, NewJob
from studio_desktop.core.library.files import OutputLibrary
from studio_desktop.core.library.staging import Staging


def _png(colour: tuple[int, int, int] = (200, 10, 10)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(out, "PNG")
    return out.getvalue()


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (10, 200, 10)).save(out, "JPEG", quality=95)
    return out.getvalue()


def _library_files(ctx: AppContext) -> set[Path]:
    roots = (ctx.paths.outputs, ctx.paths.thumbnails)
    return {p for root in roots for p in root.rglob("*") if p.is_file()}


def _running_job(ctx: AppContext) -> str:
    job = ctx.store.add_job(NewJob(template="txt2img", params=GenerationParams(prompt="p")))
    claimed = ctx.store.claim_next("http://s")
    assert claimed is not None and claimed.id == job.id
    return job.id


def _stage_all(
    library: OutputLibrary, job_id: str, outputs: list[bytes]
) -> tuple[Staging, list[NewImage]]:
    """What `steps.collect` does before its commit: stage every output, then seal."""
    staging = library.staging(job_id)
    images = []
    for index, data in enumerate(outputs):
        saved = library.save_output(job_id, index, data, staging=staging)
        images.append(
            NewImage(
                index=index,
                path=library.paths.stored(saved.path, ours=True),
                thumb_path=(
                    library.paths.relative(saved.thumb_path, ours=True)
                    if saved.thumb_path
                    else None
                ),
                width=saved.width,
                height=saved.height,
                bytes=saved.bytes,
            )
        )
    staging.seal()
    return staging, images


def _stage(
    library: OutputLibrary, job_id: str, data: bytes | None = None
) -> tuple[Staging, NewImage]:
    staging, images = _stage_all(library, job_id, [data if data is not None else _png()])
    return staging, images[0]


def test_staged_files_are_not_in_the_library_until_published(tmp_path: Path) -> None:
    with AppContext.open(tmp_path / "data") as ctx:
        job_id = _running_job(ctx)
        staging, image = _stage(ctx.library, job_id)
        assert _library_files(ctx) == set()
        ctx.store.complete(job_id, [image])
        staging.publish()
        assert ctx.paths.resolve(image.path).is_file()
        assert image.thumb_path and ctx.paths.resolve(image.thumb_path).is_file()
        assert not any((ctx.paths.temp / "staging").iterdir())


def test_a_cancel_during_collection_leaves_no_orphan_files(tmp_path: Path) -> None:
    """Users saw the PNG and thumbnail of a cancelled job stay on disk for ever."""
    with AppContext.open(tmp_path / "data") as ctx:
        job_id = _running_job(ctx)
        staging, _image = _stage(ctx.library, job_id)
        ctx.store.cancel(job_id)  # the commit would now be refused; the engine discards
        staging.discard()
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
    kill (no commit yet) is deleted with its folder."""
    data = tmp_path / "data"
    with AppContext.open(data) as ctx:
        job_id = _running_job(ctx)
        staging = ctx.library.staging(job_id)
        staging.slot("output", 0).write(ctx.paths.outputs / "x.png", _png())
        (staging.folder / "thumb-0").write_bytes(_png()[:10])  # the kill came here
        ctx.store.requeue(job_id)
    with AppContext.open(data) as ctx:
        assert _library_files(ctx) == set()
        assert not (ctx.paths.temp / "staging" / job_id).exists()


def _old_version_staging(ctx: AppContext, job_id: str, data: bytes) -> NewImage:
    """A staging folder as versions before this one left it: numbered files and a manifest.json
    naming each one's destination. The image row records the same destinations."""
    output = ctx.library.output_path(job_id, 0, "png")
    thumb = ctx.library.thumb_path(job_id, 0)
    folder = ctx.paths.temp / "staging" / job_id
    folder.mkdir(parents=True)
    (folder / f"000_{output.name}").write_bytes(data)
    (folder / f"001_{thumb.name}").write_bytes(b"thumbnail")
    entries = [
        {"staged": f"000_{output.name}", "dest": str(output)},
        {"staged": f"001_{thumb.name}", "dest": str(thumb)},
    ]
    (folder / "manifest.json").write_text(json.dumps(entries), encoding="utf-8")
    return NewImage(
        index=0,
        path=ctx.paths.stored(output),
        thumb_path=ctx.paths.relative(thumb),
        width=64,
        height=48,
        bytes=len(data),
    )


def test_a_manifest_cut_short_before_the_commit_is_cleaned_at_the_next_start(
    tmp_path: Path,
) -> None:
    """A staging folder of the previous version (it wrote a manifest) whose job never
    committed."""
    data = tmp_path / "data"
    with AppContext.open(data) as ctx:
        job_id = _running_job(ctx)
        _old_version_staging(ctx, job_id, _png())
        manifest = ctx.paths.temp / "staging" / job_id / "manifest.json"
        manifest.write_bytes(manifest.read_bytes()[:5])  # the kill came mid-seal
        ctx.store.requeue(job_id)
    with AppContext.open(data) as ctx:
        assert _library_files(ctx) == set()
        assert not (ctx.paths.temp / "staging" / job_id).exists()


def test_outputs_the_previous_version_staged_and_committed_are_published_after_an_upgrade(
    tmp_path: Path,
) -> None:
    """Killed after the commit by the version that wrote manifests, started with this one."""
    data = tmp_path / "data"
    png = _png()
    with AppContext.open(data) as ctx:
        job_id = _running_job(ctx)
        image = _old_version_staging(ctx, job_id, png)
        ctx.store.complete(job_id, [image])
    with AppContext.open(data) as ctx:
        assert ctx.paths.resolve(image.path).read_bytes() == png
        assert image.thumb_path
        assert ctx.paths.resolve(image.thumb_path).read_bytes() == b"thumbnail"
        assert not (ctx.paths.temp / "staging" / job_id).exists()


def test_a_jpeg_output_and_its_thumbnail_of_the_same_name_each_reach_their_place_after_a_kill(
    tmp_path: Path,
) -> None:
    """`<job>_00.jpg` is both the output's and the thumbnail's name: the staged names say which
    recorded path each file belongs to, so neither takes the other's place."""
    data = tmp_path / "data"
    jpeg = _jpeg()
    with AppContext.open(data) as ctx:
        job_id = _running_job(ctx)
        _staging, image = _stage(ctx.library, job_id, jpeg)
        assert image.thumb_path is not None
        assert Path(image.path).name == Path(image.thumb_path).name
        ctx.store.complete(job_id, [image])  # ... and the process dies before publishing
    with AppContext.open(data) as ctx:
        assert ctx.paths.resolve(image.path).read_bytes() == jpeg
        thumb = ctx.paths.resolve(image.thumb_path).read_bytes()
        assert thumb != jpeg and thumb.startswith(b"\xff\xd8")
        with Image.open(ctx.paths.resolve(image.thumb_path)) as im:
            assert max(im.size) < 640  # the thumbnail, not the output
        assert not (ctx.paths.temp / "staging" / job_id).exists()


def test_a_kill_in_the_middle_of_publishing_is_finished_at_the_next_start(
    tmp_path: Path,
) -> None:
    """The output was already renamed into place, the thumbnail not yet."""
    data = tmp_path / "data"
    png = _png()
    with AppContext.open(data) as ctx:
        job_id = _running_job(ctx)
        staging, image = _stage(ctx.library, job_id, png)
        ctx.store.complete(job_id, [image])
        output = ctx.paths.resolve(image.path)
        output.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging.folder / "output-0", output)  # the kill came after this rename
    with AppContext.open(data) as ctx:
        assert output.read_bytes() == png
        assert image.thumb_path and ctx.paths.resolve(image.thumb_path).is_file()
        assert not (ctx.paths.temp / "staging" / job_id).exists()


def test_an_uncommitted_earlier_collection_is_not_published_with_the_next_one(
    tmp_path: Path,
) -> None:
    """A kill left two staged outputs of a job that never committed; the job ran again, made
    one output, committed, and the process died before publishing: only the new one counts."""
    data = tmp_path / "data"
    first, second = _png((1, 2, 3)), _png((4, 5, 6))
    with AppContext.open(data) as ctx:
        job_id = _running_job(ctx)
        _stage_all(ctx.library, job_id, [first, first])  # killed before its commit
        staging, image = _stage(ctx.library, job_id, second)
        assert sorted(p.name for p in staging.folder.iterdir()) == ["output-0", "thumb-0"]
        ctx.store.complete(job_id, [image])
    with AppContext.open(data) as ctx:
        assert ctx.paths.resolve(image.path).read_bytes() == second
        assert not ctx.library.output_path(job_id, 1, "png").exists()
        assert not (ctx.paths.temp / "staging" / job_id).exists()


def test_a_staged_file_no_committed_row_names_is_deleted_not_published(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with AppContext.open(data) as ctx:
        job_id = _running_job(ctx)
        _staging, images = _stage_all(ctx.library, job_id, [_png(), _png((9, 9, 9))])
        ctx.store.complete(job_id, images[:1])  # the record names output 0 only
    with AppContext.open(data) as ctx:
        assert ctx.paths.resolve(images[0].path).is_file()
        assert not ctx.paths.resolve(images[1].path).exists()
        assert not (ctx.paths.temp / "staging" / job_id).exists()


def test_a_date_folder_deleted_while_the_app_runs_is_made_again(tmp_path: Path) -> None:
    """The library remembers the folders it made; one the user deleted since is made again,
    whether it goes before the next output is staged or before it is published."""
    with AppContext.open(tmp_path / "data") as ctx:
        for attempt in range(3):
            job_id = _running_job(ctx)
            staging, image = _stage(ctx.library, job_id, _png((attempt, 0, 0)))
            if attempt == 2:  # deleted between staging and publishing
                shutil.rmtree(ctx.paths.resolve(image.path).parent)
            ctx.store.complete(job_id, [image])
            staging.publish()
            assert ctx.paths.resolve(image.path).is_file()
            shutil.rmtree(ctx.paths.resolve(image.path).parent)  # before the next is staged


def test_a_staged_image_costs_one_fsync_per_file_and_per_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Output and thumbnail once each, the staging folder once, then the output's and the
    thumbnail's folders once each: 5 (was 8: every file and the folder after each; 6 with a
    manifest file, which the committed image rows replace)."""
    with AppContext.open(tmp_path / "data") as ctx:
        job_id = _running_job(ctx)
        synced: list[int] = []
        real_fsync = os.fsync

        def counting_fsync(fd: int) -> None:
            synced.append(fd)
            real_fsync(fd)

        monkeypatch.setattr(os, "fsync", counting_fsync)
        staging, image = _stage(ctx.library, job_id)
        assert sorted(p.name for p in staging.folder.iterdir()) == ["output-0", "thumb-0"]
        staging.publish()
        monkeypatch.undo()
        assert len(synced) == 5
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
        staged.publish()
        monkeypatch.undo()
        assert ctx.paths.resolve(image.path).read_bytes().startswith(b"\x89PNG")
        assert not (ctx.paths.temp / "staging" / job_id).exists()
