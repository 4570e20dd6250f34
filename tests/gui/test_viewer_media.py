"""Video and audio outputs from the fake ComfyUI (the video_wan and audio_stable templates) land
in the gallery with thumbnails, and the viewer plays them instead of showing a still."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import ImageRecord, JobStatus, NewImage, NewJob
from studio_desktop.core.store.filters import ImageFilter
from studio_desktop.ui.gallery.model import GalleryModel
from studio_desktop.ui.gallery.viewer import ImageViewer
from studio_desktop.workers.read_view import ReadView
from tests.fakes.comfy_server import FakeComfyServer
from tests.gui.conftest import PoolFactory, db
from tests.gui.test_gallery import record_at
from tests.integration.test_templates_e2e import full_object_info
from tests.unit.test_builtin_templates import plausible_params

# Where QtMultimedia cannot load (Debian without libpulse0) these tests cannot run; the app itself
# goes on without playback (media_player.HAVE_MULTIMEDIA).
QMediaPlayer = pytest.importorskip(
    "PySide6.QtMultimedia",
    reason="QtMultimedia cannot load here (on Debian: apt-get install libpulse0)",
    exc_type=ImportError,  # a library missing is a reason to skip, not an error (pytest 9)
).QMediaPlayer

WAIT_MS = 20_000


@pytest.fixture
def fake(fake_comfy_factory: object, tmp_path: Path) -> FakeComfyServer:
    path = tmp_path / "object_info.json"
    path.write_text(json.dumps(full_object_info()), "utf-8")
    server: FakeComfyServer = fake_comfy_factory(  # type: ignore[operator]
        object_info_path=path, steps=2, step_seconds=0.0
    )
    return server


@pytest.fixture
def outputs(
    qtbot: QtBot, fake: FakeComfyServer, make_pool: PoolFactory, ctx: AppContext
) -> dict[str, ImageRecord]:
    """One finished video_wan job and one audio_stable job; their output records by kind."""
    pool = make_pool(fake)
    ready: set[str] = set()
    # Outputs are ready when the pool says so: the files are renamed into the library only
    # after the commit that records them, so "completed" in the store comes a moment earlier.
    pool.outputs_ready.connect(lambda finished: ready.add(finished.job.id))
    jobs = [
        NewJob(template=t, params=plausible_params(ctx.templates.get(t)))
        for t in ("video_wan", "audio_stable")
    ]
    pool.enqueue(jobs).result(timeout=WAIT_MS / 1000)

    def done() -> bool:
        found = db(ctx).list_jobs().items
        return len(found) == 2 and all(j.status is JobStatus.COMPLETED for j in found)

    qtbot.waitUntil(done, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: ready >= {job.id for job in jobs}, timeout=WAIT_MS)
    records: dict[str, ImageRecord] = {}
    for job in db(ctx).list_jobs().items:
        (record,) = db(ctx).images_for_job(job.id)
        records[record.kind] = record
    return records


def add_still(ctx: AppContext, folder: Path) -> ImageRecord:
    """An ordinary PNG output next to the media ones (pinned to a server no pool runs)."""
    server = "http://127.0.0.1:1"
    params = plausible_params(ctx.templates.get("txt2img"))
    job = db(ctx).add_job(NewJob("txt2img", params, server=server))
    claimed = db(ctx).claim_next(server, can_run=lambda j: j.id == job.id)
    assert claimed is not None
    source = folder / "still.png"
    Image.new("RGB", (48, 32), "teal").save(source)
    saved = ctx.library.save_output(job.id, 0, source.read_bytes(), created=job.created_at)
    assert saved.thumb_path is not None
    (record,) = db(ctx).complete(
        job.id,
        [
            NewImage(
                index=0,
                path=ctx.paths.relative(saved.path),
                thumb_path=ctx.paths.relative(saved.thumb_path),
                width=saved.width,
                height=saved.height,
                bytes=saved.bytes,
                metadata=saved.metadata,
            )
        ],
    )
    return record


@pytest.fixture
def viewer(qtbot: QtBot, ctx: AppContext) -> Iterator[tuple[ImageViewer, GalleryModel]]:
    model = GalleryModel(ReadView(ctx.store))
    widget = ImageViewer(model, ctx.paths)
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    yield widget, model
    widget.shutdown()
    model.shutdown()


def settled(qtbot: QtBot, model: GalleryModel) -> None:
    """Wait for the filter's first page, read off the GUI thread."""
    qtbot.waitUntil(lambda: not model.is_loading_first_page(), timeout=WAIT_MS)


def test_video_and_audio_land_in_the_gallery_with_thumbnails(
    qtbot: QtBot, outputs: dict[str, ImageRecord], ctx: AppContext
) -> None:
    assert set(outputs) == {"video", "audio"}
    for record in outputs.values():
        assert record.thumb_path is not None and ctx.paths.resolve(record.thumb_path).is_file()
    model = GalleryModel(ReadView(ctx.store))
    try:
        for kind in ("video", "audio"):
            model.set_filter(ImageFilter(kind=kind))
            settled(qtbot, model)
            assert model.rowCount() == 1 and record_at(qtbot, model, 0).kind == kind
    finally:
        model.shutdown()


@pytest.mark.parametrize("kind", ["video", "audio"])
def test_the_viewer_plays_video_and_audio(
    qtbot: QtBot,
    outputs: dict[str, ImageRecord],
    viewer: tuple[ImageViewer, GalleryModel],
    kind: str,
) -> None:
    widget, model = viewer
    model.refresh()
    settled(qtbot, model)
    row = model.row_of(outputs[kind].id)
    assert row is not None
    widget.show_row(row)  # once its record is read (the model's pages hold only cells)
    qtbot.waitUntil(lambda: widget.showing() == "player", timeout=WAIT_MS)
    player = widget.player
    assert player is not None
    assert widget.fit_button.isHidden()  # zoom is for stills
    qtbot.waitUntil(lambda: player.duration_ms > 0 or bool(player.message), timeout=WAIT_MS)
    if not player.available:  # no multimedia backend here: it says so instead of failing
        assert "not available" in player.message
        return
    assert player.duration_ms > 0, player.message
    assert widget.status.text().startswith("Length ")
    player.play()
    qtbot.waitUntil(lambda: player.position.value() > 0, timeout=WAIT_MS)

    other = next(r for r in range(model.rowCount()) if r != row)
    widget.show_row(other)  # moving on stops playback and opens the other file, paused
    qtbot.waitUntil(lambda: widget.record is not None and widget.record.id != outputs[kind].id)
    media = player.player
    assert media is not None
    assert media.playbackState() is not QMediaPlayer.PlaybackState.PlayingState
    assert media.source().toLocalFile().endswith(Path(record_at(qtbot, model, other).path).name)


def test_the_viewer_stops_playback_when_closed_and_shows_stills_again(
    qtbot: QtBot, ctx: AppContext, outputs: dict[str, ImageRecord], tmp_path: Path
) -> None:
    still_record = add_still(ctx, tmp_path)
    model = GalleryModel(ReadView(ctx.store))
    widget = ImageViewer(model, ctx.paths)
    qtbot.addWidget(widget)
    widget.show()
    settled(qtbot, model)
    try:
        video = model.row_of(outputs["video"].id)
        still = model.row_of(still_record.id)
        assert video is not None and still is not None
        widget.show_row(video)
        qtbot.waitUntil(lambda: widget.showing() == "player", timeout=WAIT_MS)
        widget.show_row(still)
        qtbot.waitUntil(lambda: widget.showing() == "image", timeout=WAIT_MS)
        assert not widget.fit_button.isHidden()
        qtbot.waitUntil(lambda: widget.view.pixmap().width() == 48, timeout=WAIT_MS)
        widget.show_row(video)
        qtbot.waitUntil(lambda: widget.showing() == "player", timeout=WAIT_MS)
        widget.close()
        player = widget.player
        assert player is not None and (player.player is None or player.player.source().isEmpty())
    finally:
        widget.shutdown()
        model.shutdown()
