"""Retention removes old trash (rows and files) and leaves everything else."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

from PIL import Image

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import GenerationParams, NewImage, NewJob
from studio_desktop.core.library.retention import run_retention


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), "red").save(buffer, "PNG")
    return buffer.getvalue()


def test_trash_older_than_retention_is_purged(tmp_path: Path) -> None:
    with AppContext.open(tmp_path) as ctx:
        job = ctx.store.add_job(NewJob("txt2img", GenerationParams(prompt="x")))
        ctx.store.claim_next("http://s")
        saved = [ctx.library.save_output(job.id, i, _png()) for i in range(2)]
        images = ctx.store.complete(
            job.id,
            [
                NewImage(
                    index=i,
                    path=ctx.paths.relative(s.path),
                    thumb_path=ctx.paths.relative(s.thumb_path) if s.thumb_path else None,
                    width=s.width,
                    height=s.height,
                    bytes=s.bytes,
                )
                for i, s in enumerate(saved)
            ],
        )
        ctx.store.soft_delete_images([images[0].id])
        stale = ctx.paths.temp / "x.part"
        stale.write_bytes(b"partial")
        old = time.time() - 7200
        os.utime(stale, (old, old))

        kept = run_retention(ctx, trash_days=1, temp_hours=1)
        assert kept.purged_images == 0 and kept.temp_files == 1
        assert saved[0].path.exists()

        report = run_retention(ctx, trash_days=0, temp_hours=1)
        assert report.purged_images == 1
        assert not saved[0].path.exists() and saved[1].path.exists()
        assert ctx.store.get_image(images[0].id) is None
        assert ctx.store.get_image(images[1].id) is not None
