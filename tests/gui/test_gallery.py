"""The Gallery tab against a real store: paging, filters, delete/undo, favourites, export, live
outputs from a real job, the viewer, and thumbnails decoded off the GUI thread."""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import GenerationParams, ImageRecord, NewImage, NewJob
from studio_desktop.core.library.files import read_png_text
from studio_desktop.core.settings import Settings
from studio_desktop.core.store import WrongThread
from studio_desktop.core.store.filters import ImageFilter
from studio_desktop.ui import thumbnails as thumbnails_module
from studio_desktop.ui.gallery import GalleryModel, GalleryTab
from studio_desktop.ui.gallery import model as model_module
from studio_desktop.ui.gallery.delegate import ThumbnailDelegate
from studio_desktop.ui.gallery.export import MANIFEST, numbered
from studio_desktop.ui.gallery.model import CellRole, ImageIdRole, LoadedRole, PromptRole
from studio_desktop.ui.gallery.tab import GalleryView
from studio_desktop.ui.services import Services
from studio_desktop.ui.thumbnails import ThumbnailLoader
from studio_desktop.workers import WorkerPool
from studio_desktop.workers.read_view import ReadView
from tests.fakes.comfy_server import FakeComfyServer
from tests.gui.conftest import PoolFactory, db

WAIT_MS = 10_000

# The store refuses every session on the GUI thread in every test here (tests/gui/conftest.py):
# the model reads on Tasks' "read" pool; the test body checks the database through `db(ctx)`.


# --- building a library -----------------------------------------------------------------------


def png_bytes(colour: tuple[int, int, int], size: tuple[int, int] = (48, 32)) -> bytes:
    """A small PNG with a ComfyUI-style `prompt` text chunk."""
    info = PngInfo()
    info.add_text("prompt", '{"3": {"class_type": "KSampler"}}')
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def add_image(
    ctx: AppContext,
    prompt: str,
    *,
    kind: str = "image",
    model: str = "base.safetensors",
    colour: tuple[int, int, int] = (200, 80, 40),
    params: GenerationParams | None = None,
) -> ImageRecord:
    """Queue, claim and complete a job with one real output saved through the library
    (`params`: the job's, instead of `prompt` and `model` with seed 7)."""
    params = params or GenerationParams(prompt=prompt, model=model, seed=7)
    job = db(ctx).add_job(NewJob("txt2img", params))
    claimed = db(ctx).claim_next("http://127.0.0.1:1")
    assert claimed is not None and claimed.id == job.id
    saved = ctx.library.save_output(
        job.id,
        0,
        png_bytes(colour),
        extra_metadata={"job_id": job.id, "template": "txt2img", "params": params.to_dict()},
        created=job.created_at,
    )
    assert saved.thumb_path is not None
    paths = ctx.paths
    (record,) = db(ctx).complete(
        job.id,
        [
            NewImage(
                index=0,
                path=paths.stored(saved.path),  # as the runner records it
                thumb_path=paths.relative(saved.thumb_path),
                width=saved.width,
                height=saved.height,
                bytes=saved.bytes,
                kind=kind,
                metadata=saved.metadata,
            )
        ],
    )
    return record


def add_images(ctx: AppContext, count: int, prompt: str = "a red cat") -> list[ImageRecord]:
    return [add_image(ctx, f"{prompt} {i}", colour=(i * 7 % 256, 90, 160)) for i in range(count)]


# --- fixtures ---------------------------------------------------------------------------------


@dataclass
class Gallery:
    tab: GalleryTab
    ctx: AppContext
    thumbs: ThumbnailLoader
    statuses: list[str]
    undos: list[tuple[str, Any]]
    remixes: list[str]


@pytest.fixture
def loader(ctx: AppContext) -> Iterator[ThumbnailLoader]:
    thumbs = ThumbnailLoader(ctx.paths)
    yield thumbs
    thumbs.shutdown()


@pytest.fixture
def idle_pool(ctx: AppContext) -> Iterator[WorkerPool]:
    """A pool with no servers (the gallery must work without one)."""
    pool = WorkerPool(ctx, [])
    pool.start()
    yield pool
    assert pool.shutdown(10)


def open_gallery(
    qtbot: QtBot,
    ctx: AppContext,
    pool: WorkerPool,
    thumbs: ThumbnailLoader,
    *,
    page_size: int = 200,
) -> Gallery:
    tab = GalleryTab(Services(ctx, pool, Settings()), thumbs, page_size=page_size)
    qtbot.addWidget(tab)
    gallery = Gallery(tab, ctx, thumbs, [], [], [])
    tab.status_message.connect(lambda text, _ms: gallery.statuses.append(text))
    tab.undo_available.connect(lambda text, undo: gallery.undos.append((text, undo)))
    tab.remix_requested.connect(gallery.remixes.append)
    tab.resize(900, 600)
    tab.show()
    qtbot.waitExposed(tab, timeout=WAIT_MS)
    settled(qtbot, tab.model)
    return gallery


@pytest.fixture
def gallery(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, loader: ThumbnailLoader
) -> Iterator[Gallery]:
    add_images(ctx, 6)
    g = open_gallery(qtbot, ctx, idle_pool, loader)
    yield g
    g.tab.shutdown()


def shown_ids(model: GalleryModel) -> list[int]:
    return [model.index(row, 0).data(ImageIdRole) for row in range(model.rowCount())]


def record_at(qtbot: QtBot, model: GalleryModel, row: int) -> ImageRecord:
    """The row's full record: pages hold only what the grid shows, records are read by id."""
    (record,) = read_records(qtbot, model, [row])
    return record


def selected_records(qtbot: QtBot, tab: GalleryTab) -> list[ImageRecord]:
    """The selection's full records (read off the GUI thread unless the model holds them)."""
    rows = [i.row() for i in tab.view.selectionModel().selectedIndexes()]
    return read_records(qtbot, tab.model, rows) if rows else []


def hearts(model: GalleryModel, rows: Sequence[int]) -> list[bool]:
    """Whether each row's cell paints the favourite heart (what the grid shows, not a record)."""
    return [model.index(row, 0).data(CellRole).favourite for row in rows]


def select_rows(tab: GalleryTab, rows: Sequence[int]) -> None:
    selection = tab.view.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(tab.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select)
    tab.view.setCurrentIndex(tab.model.index(rows[0], 0))
    for row in rows:
        selection.select(tab.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select)


def set_filter_text(qtbot: QtBot, gallery: Gallery, text: str) -> None:
    bar = gallery.tab.filter_bar
    with qtbot.waitSignal(bar.filter_changed, timeout=WAIT_MS):
        bar.search.setText(text)  # debounced
    settled(qtbot, gallery.tab.model)


def settled(qtbot: QtBot, model: GalleryModel) -> None:
    """Wait for the filter's first page, read off the GUI thread."""
    qtbot.waitUntil(lambda: not model.is_loading_first_page(), timeout=WAIT_MS)


def load_all(qtbot: QtBot, model: GalleryModel) -> None:
    """Page the whole filter in, as a view scrolled to the end would (in the background)."""

    def done() -> bool:
        if model.canFetchMore():
            model.fetchMore()
            return False
        return True

    qtbot.waitUntil(done, timeout=WAIT_MS)


def read_records(qtbot: QtBot, model: GalleryModel, rows: Sequence[int]) -> list[ImageRecord]:
    got: list[list[ImageRecord]] = []
    model.read_records(rows, got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=WAIT_MS)
    return got[0]


def action(menu: QMenu, text: str) -> QAction:
    for candidate in menu.actions():
        if candidate.text() == text:
            return candidate
        sub = candidate.menu()
        if isinstance(sub, QMenu):
            for inner in sub.actions():
                if inner.text() == text:
                    return inner
    raise AssertionError(f"no action {text!r} in {[a.text() for a in menu.actions()]}")


# --- the model --------------------------------------------------------------------------------


def wait_counted(qtbot: QtBot, model: GalleryModel) -> None:
    qtbot.waitUntil(model.is_counted, timeout=WAIT_MS)


def test_model_passes_qtmodeltester(qtmodeltester: Any, qtbot: QtBot, ctx: AppContext) -> None:
    add_images(ctx, 7)
    model = GalleryModel(ReadView(ctx.store), page_size=3)
    settled(qtbot, model)
    assert model.rowCount() == 3 and model.canFetchMore()
    qtmodeltester.check(model)
    wait_counted(qtbot, model)  # the count arrives: placeholder rows for the rest
    assert model.rowCount() == 7
    qtmodeltester.check(model)  # asks for every row: the rest is read in the background
    qtbot.waitUntil(lambda: not model.canFetchMore(), timeout=WAIT_MS)
    assert model.loaded_rows() == model.rowCount() == 7
    qtmodeltester.check(model)
    model.set_filter(ImageFilter(favourites_only=True))
    qtmodeltester.check(model)
    settled(qtbot, model)
    qtmodeltester.check(model)
    model.shutdown()


def test_model_pages_newest_first_without_duplicates(qtbot: QtBot, ctx: AppContext) -> None:
    records = add_images(ctx, 11)
    model = GalleryModel(ReadView(ctx.store), page_size=4)
    load_all(qtbot, model)
    assert shown_ids(model) == sorted((r.id for r in records), reverse=True)
    model.shutdown()


def test_rows_are_counted_up_front_and_filled_in_the_background(
    qtbot: QtBot, ctx: AppContext
) -> None:
    records = add_images(ctx, 30)
    newest_first = sorted((r.id for r in records), reverse=True)
    model = GalleryModel(ReadView(ctx.store), page_size=4)
    with qtbot.waitSignal(model.rowsInserted, timeout=WAIT_MS):
        pass  # the background count: one insert of every row not read yet
    assert model.rowCount() == 30
    inserted: list[int] = []
    model.rowsInserted.connect(lambda _p, first, _last: inserted.append(first))
    qtbot.waitUntil(lambda: model.loaded_rows() > 8, timeout=WAIT_MS)  # read ahead
    far = model.index(25, 0)
    if model.loaded_rows() <= 25:
        assert far.data(CellRole) is None and far.data(LoadedRole) is False
        with qtbot.waitSignal(
            model.dataChanged,
            timeout=WAIT_MS,
            check_params_cb=lambda top, bottom, *_: top.row() <= 25 <= bottom.row(),
        ):
            far.data(CellRole)  # asking is enough: read in the background, announced by dataChanged
    assert far.data(LoadedRole) is True
    assert far.data(ImageIdRole) == newest_first[25]
    assert model.rowCount() == 30 and inserted == []  # filling rows never inserts any
    assert shown_ids(model) == newest_first
    model.shutdown()


def test_count_is_corrected_by_the_last_page(qtbot: QtBot, ctx: AppContext) -> None:
    records = add_images(ctx, 12)
    model = GalleryModel(ReadView(ctx.store), page_size=4)
    wait_counted(qtbot, model)
    assert model.rowCount() == 12
    oldest = sorted(r.id for r in records)[:2]
    db(ctx).soft_delete_images(oldest)  # behind the model's back, below the rows read
    load_all(qtbot, model)
    model.shutdown()
    assert model.rowCount() == 10
    assert shown_ids(model) == sorted((r.id for r in records if r.id not in oldest), reverse=True)


def test_records_read_again_once_dropped_from_the_cache(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, ctx: AppContext
) -> None:
    monkeypatch.setattr(model_module, "RECENT_RECORDS", 3)
    records = {r.id: r for r in add_images(ctx, 10)}
    model = GalleryModel(ReadView(ctx.store), page_size=4)
    wait_counted(qtbot, model)
    load_all(qtbot, model)
    rows = [0, 1, 2, 5, 6, 9]
    got = read_records(qtbot, model, rows)  # runs of neighbouring rows, one query each
    assert [r.id for r in got] == [model.index(r, 0).data(ImageIdRole) for r in rows]
    assert all(r == records[r.id] for r in got)
    assert read_records(qtbot, model, [0])[0] == records[model.index(0, 0).data(ImageIdRole)]
    # Asking for a dropped record's prompt reads it in the background (announced by dataChanged).
    qtbot.waitUntil(
        lambda: str(model.index(1, 0).data(PromptRole)).startswith("a red cat"), timeout=WAIT_MS
    )
    model.shutdown()


def test_filling_rows_does_not_lay_out_the_grid_again(
    qtbot: QtBot, ctx: AppContext, loader: ThumbnailLoader
) -> None:
    layouts: list[int] = []

    class CountingView(GalleryView):
        def doItemsLayout(self) -> None:
            layouts.append(1)
            super().doItemsLayout()

    add_images(ctx, 5)
    model = GalleryModel(ReadView(ctx.store), page_size=2)
    wait_counted(qtbot, model)
    view = CountingView()
    qtbot.addWidget(view)
    view.setItemDelegate(ThumbnailDelegate(loader, 64, view))
    view.setModel(model)
    view.show()
    qtbot.waitExposed(view, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: model.loaded_rows() == 5, timeout=WAIT_MS)
    qtbot.wait(20)
    layouts.clear()
    model.dataChanged.emit(model.index(0, 0), model.index(4, 0))
    model.dataChanged.emit(model.index(2, 0), model.index(2, 0))
    qtbot.wait(20)
    assert layouts == []
    model.shutdown()


def test_view_fetches_more_pages_on_scroll(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, loader: ThumbnailLoader
) -> None:
    records = add_images(ctx, 45)
    g = open_gallery(qtbot, ctx, idle_pool, loader, page_size=10)
    model = g.tab.model
    assert model.loaded_rows() < 45
    bar = g.tab.view.verticalScrollBar()

    def scrolled_to_end() -> bool:
        bar.setValue(bar.maximum())  # the view asks the model for more at the bottom
        return model.rowCount() == 45 and not model.canFetchMore()

    qtbot.waitUntil(scrolled_to_end, timeout=WAIT_MS)
    ids = shown_ids(model)
    assert ids == sorted((r.id for r in records), reverse=True)
    assert len(set(ids)) == len(ids)
    g.tab.shutdown()


# --- filters ----------------------------------------------------------------------------------


def test_text_search_and_filters_change_rows(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, loader: ThumbnailLoader
) -> None:
    cat = add_image(ctx, "a red cat on a roof")
    dog = add_image(ctx, "a brown dog", model="other.safetensors")
    chinese = add_image(ctx, "一只可爱的猫在屋顶上")
    video = add_image(ctx, "moving clouds", kind="video")
    g = open_gallery(qtbot, ctx, idle_pool, loader)
    model, bar = g.tab.model, g.tab.filter_bar
    assert set(shown_ids(model)) == {cat.id, dog.id, chinese.id, video.id}

    set_filter_text(qtbot, g, "cat")
    assert shown_ids(model) == [cat.id]
    set_filter_text(qtbot, g, "猫")  # one CJK character: the LIKE path
    assert shown_ids(model) == [chinese.id]
    set_filter_text(qtbot, g, "可爱的猫")  # trigram FTS path
    assert shown_ids(model) == [chinese.id]
    set_filter_text(qtbot, g, "nothing like this")
    assert model.rowCount() == 0
    assert g.tab.stack.currentWidget() is g.tab.empty
    assert g.tab.clear_filters_button.isVisibleTo(g.tab)
    g.tab.clear_filters_button.click()
    settled(qtbot, model)
    assert model.rowCount() == 4
    assert g.tab.stack.currentWidget() is g.tab.view

    db(ctx).set_favourite([dog.id], True)
    bar.favourites.setChecked(True)
    settled(qtbot, model)
    assert shown_ids(model) == [dog.id]
    bar.favourites.setChecked(False)

    bar.kind.setCurrentIndex(bar.kind.findData("video"))
    settled(qtbot, model)
    assert shown_ids(model) == [video.id]
    bar.kind.setCurrentIndex(0)
    settled(qtbot, model)

    bar.set_choices([("txt2img", "Text to image")], ["base.safetensors", "other.safetensors"])
    bar.model.setCurrentIndex(bar.model.findData("other.safetensors"))
    settled(qtbot, model)
    assert shown_ids(model) == [dog.id]
    bar.model.setCurrentIndex(0)
    settled(qtbot, model)

    cat_row = model.row_of(cat.id) or 0
    g.tab.apply_tags([record_at(qtbot, model, cat_row)], ["Roof", "red"], replace_all=True)
    qtbot.waitUntil(lambda: [r.tags for r in model.records([cat_row])] == [("Roof", "red")])
    with qtbot.waitSignal(bar.filter_changed, timeout=WAIT_MS):
        bar.tag.setText("roof")
    settled(qtbot, model)
    assert shown_ids(model) == [cat.id]
    assert record_at(qtbot, model, 0).tags == ("Roof", "red")
    g.tab.shutdown()


# --- delete, trash, undo, favourites ----------------------------------------------------------


def test_delete_then_undo_restores_rows(qtbot: QtBot, gallery: Gallery) -> None:
    tab, model = gallery.tab, gallery.tab.model
    before = shown_ids(model)
    select_rows(tab, [1, 3])
    doomed = {before[1], before[3]}
    tab.delete_selected()  # once the selection's records are read (the grid holds only cells)
    qtbot.waitUntil(lambda: shown_ids(model) == [i for i in before if i not in doomed])
    qtbot.waitUntil(lambda: all(deleted(gallery, i) for i in doomed))
    assert gallery.undos and "trash" in gallery.undos[-1][0]
    assert tab.view.currentIndex().row() == 1  # the selection moved on, not to the top

    gallery.undos[-1][1]()
    qtbot.waitUntil(lambda: shown_ids(model) == before)
    assert not any(deleted(gallery, i) for i in doomed)


def deleted(gallery: Gallery, image_id: int) -> bool:
    record = db(gallery.ctx).get_image(image_id)
    return record is not None and record.deleted


def favourite(gallery: Gallery, image_id: int) -> bool:
    record = db(gallery.ctx).get_image(image_id)
    return record is not None and record.favourite


def test_trash_view_restores(qtbot: QtBot, gallery: Gallery) -> None:
    tab, model = gallery.tab, gallery.tab.model
    before = shown_ids(model)
    select_rows(tab, [0])
    tab.delete_selected()
    qtbot.waitUntil(lambda: deleted(gallery, before[0]))  # written before the trash is read
    tab.filter_bar.trash.setChecked(True)
    settled(qtbot, model)
    assert shown_ids(model) == [before[0]]
    menu = tab.build_menu(selected_records(qtbot, tab) or [record_at(qtbot, model, 0)])
    assert "Restore" in [a.text() for a in menu.actions()]
    select_rows(tab, [0])
    tab.delete_selected()  # in the Trash view, Delete restores
    assert model.rowCount() == 0
    assert tab.empty_label.text() == "The trash is empty."
    qtbot.waitUntil(lambda: not deleted(gallery, before[0]))
    tab.filter_bar.trash.setChecked(False)
    settled(qtbot, model)
    assert shown_ids(model) == before


def test_favourite_toggles(qtbot: QtBot, gallery: Gallery) -> None:
    tab, model = gallery.tab, gallery.tab.model
    select_rows(tab, [0, 2])
    ids = [record_at(qtbot, model, 0).id, record_at(qtbot, model, 2).id]
    tab.toggle_favourite()
    assert hearts(model, [0, 1, 2]) == [True, False, True]  # shown before the write is done
    assert record_at(qtbot, model, 0).favourite and record_at(qtbot, model, 2).favourite
    qtbot.waitUntil(lambda: all(favourite(gallery, i) for i in ids))
    # The write's refresh may have dropped the records the model held; the toggle then reads
    # them off the GUI thread first. Read them here, so the hearts can be checked at once.
    read_records(qtbot, model, [0, 2])
    tab.toggle_favourite()
    assert hearts(model, [0, 1, 2]) == [False, False, False]
    assert not record_at(qtbot, model, 0).favourite
    qtbot.waitUntil(lambda: not any(favourite(gallery, i) for i in ids))


def test_favouriting_an_image_in_the_gallery_writes_on_the_operations_thread_not_the_gui_thread(
    qtbot: QtBot, gallery: Gallery
) -> None:
    """What users saw: Ctrl+D (and trash, restore, tags) stalled the window while SQLite took
    the write lock; here a write on the GUI thread raises WrongThread and fails the test."""
    tab, model = gallery.tab, gallery.tab.model
    with pytest.raises(WrongThread):
        gallery.ctx.store.set_favourite([record_at(qtbot, model, 0).id], True)  # the guard is on
    select_rows(tab, [1])
    image_id = record_at(qtbot, model, 1).id
    tab.toggle_favourite()
    assert hearts(model, [1]) == [True]  # shown at once
    assert record_at(qtbot, model, 1).favourite
    assert gallery.statuses[-1] == "Added 1 image(s) to favourites"
    qtbot.waitUntil(lambda: favourite(gallery, image_id))

    tab.apply_tags([record_at(qtbot, model, 1)], ["sky"], replace_all=True)
    qtbot.waitUntil(lambda: [r.tags for r in model.records([1])] == [("sky",)])
    tab.delete_selected()
    qtbot.waitUntil(lambda: deleted(gallery, image_id))
    gallery.undos[-1][1]()
    qtbot.waitUntil(lambda: not deleted(gallery, image_id))
    qtbot.waitUntil(lambda: model.row_of(image_id) is not None)  # back once read again


def test_context_menu_remix_and_copy_prompt(qtbot: QtBot, gallery: Gallery) -> None:
    tab = gallery.tab
    select_rows(tab, [0])
    record = selected_records(qtbot, tab)[0]
    menu = tab.build_menu([record])
    action(menu, "Remix").trigger()
    assert gallery.remixes == [record.job_id]
    action(menu, "Copy prompt").trigger()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == tab.model.prompt_of(record)


# --- export -----------------------------------------------------------------------------------


def test_export_to_folder_with_and_without_metadata(
    qtbot: QtBot, gallery: Gallery, tmp_path: Path
) -> None:
    tab = gallery.tab
    select_rows(tab, [0, 1])
    records = selected_records(qtbot, tab)
    out = tmp_path / "export"

    # The export starts once the jobs behind the images are read (off the GUI thread).
    with qtbot.waitSignal(tab.status_message, timeout=WAIT_MS, check_params_cb=_exported):
        tab.export_selected(out, as_zip=False, keep_metadata=True)
    assert tab.wait_for_export(WAIT_MS)
    with qtbot.waitSignal(tab.status_message, timeout=WAIT_MS, check_params_cb=_exported):
        tab.export_selected(out, as_zip=False, keep_metadata=False)
    assert tab.wait_for_export(WAIT_MS)

    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 4, names
    stems = {
        f"{r.created_at.astimezone():%Y-%m-%d_%H%M%S}_seed7_00_{tab.model.prompt_of(r)}"
        for r in records
    }
    plain = [n for n in names if " (1)" not in n]
    again = [n for n in names if " (1)" in n]  # never overwritten: numbered
    assert {n.removesuffix(".png") for n in plain} == stems
    assert len(again) == 2
    for name in plain:
        texts = read_png_text((out / name).read_bytes())
        assert "prompt" in texts and "studio" in texts
    for name in again:
        assert read_png_text((out / name).read_bytes()) == {}
    assert len(records) == 2


def test_export_to_zip_with_and_without_metadata(
    qtbot: QtBot, gallery: Gallery, tmp_path: Path
) -> None:
    tab = gallery.tab
    select_rows(tab, [0, 1, 2])
    with qtbot.waitSignal(tab.status_message, timeout=WAIT_MS, check_params_cb=_exported):
        tab.export_selected(tmp_path / "out.zip", as_zip=True, keep_metadata=True)
    with qtbot.waitSignal(tab.status_message, timeout=WAIT_MS, check_params_cb=_exported):
        tab.export_selected(tmp_path / "out.zip", as_zip=True, keep_metadata=False)
    assert (tmp_path / "out (1).zip").exists()

    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        names = archive.namelist()
        assert MANIFEST in names and len(names) == 4
        for name in names:
            if name != MANIFEST:
                texts = read_png_text(archive.read(name))
                assert {"prompt", "studio"} <= texts.keys()
    with zipfile.ZipFile(tmp_path / "out (1).zip") as archive:
        names = archive.namelist()
        assert MANIFEST not in names and len(names) == 3
        assert all(read_png_text(archive.read(n)) == {} for n in names)
    assert not list(tmp_path.glob(".*.part"))


def _exported(text: str, _ms: int) -> bool:
    return text.startswith("Exported")


def test_numbered_names() -> None:
    assert numbered("a.png", {"a.png"}) == "a (1).png"
    assert numbered("a.png", {"a.png", "a (1).png"}) == "a (2).png"
    assert numbered("noext", {"noext"}) == "noext (1)"


# --- live outputs -----------------------------------------------------------------------------


def test_new_output_from_a_real_job_appears_at_top(
    qtbot: QtBot,
    ctx: AppContext,
    fake_comfy: FakeComfyServer,
    make_pool: PoolFactory,
    loader: ThumbnailLoader,
) -> None:
    add_images(ctx, 3)
    pool = make_pool(fake_comfy)
    g = open_gallery(qtbot, ctx, pool, loader)
    model = g.tab.model
    assert model.rowCount() == 3
    job = NewJob(
        "txt2img",
        GenerationParams(prompt="fresh from the server", model=fake_comfy.checkpoints[0], steps=2),
    )
    with qtbot.waitSignal(pool.outputs_ready, timeout=WAIT_MS * 2):
        pool.enqueue([job]).result(timeout=WAIT_MS / 1000)
    qtbot.waitUntil(lambda: model.rowCount() == 4, timeout=WAIT_MS)
    top = record_at(qtbot, model, 0)
    assert top.job_id == job.id
    assert model.prompt_of(top) == "fresh from the server"
    g.tab.shutdown()


def test_new_output_outside_the_filter_is_not_inserted(qtbot: QtBot, gallery: Gallery) -> None:
    model = gallery.tab.model

    def add(records: list[ImageRecord]) -> int:
        added: list[int] = []
        model.add_records(records, added.append)  # checked against the filter in the background
        qtbot.waitUntil(lambda: bool(added), timeout=WAIT_MS)
        return added[0]

    model.set_filter(ImageFilter(text="zebra"))
    settled(qtbot, model)
    record = add_image(gallery.ctx, "a red cat again")
    assert add([record]) == 0
    model.set_filter(ImageFilter())
    settled(qtbot, model)
    zebra = add_image(gallery.ctx, "a zebra")
    model.set_filter(ImageFilter(text="zebra"))
    settled(qtbot, model)
    newer = add_image(gallery.ctx, "another zebra")
    assert add([record, newer]) == 1
    assert shown_ids(model) == [newer.id, zebra.id]


# --- viewer -----------------------------------------------------------------------------------


def test_viewer_opens_and_walks(qtbot: QtBot, gallery: Gallery) -> None:
    tab, model = gallery.tab, gallery.tab.model
    select_rows(tab, [1])
    tab.open_viewer()
    viewer = tab.viewer
    assert viewer is not None and viewer.isVisible()
    qtbot.waitUntil(lambda: viewer.record == record_at(qtbot, model, 1), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: viewer.view.pixmap().width() == 48, timeout=WAIT_MS)  # full image
    QTest.keyClick(viewer, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: viewer.record == record_at(qtbot, model, 2), timeout=WAIT_MS)
    assert tab.view.currentIndex().row() == 2  # the grid follows
    QTest.keyClick(viewer, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: viewer.record == record_at(qtbot, model, 1), timeout=WAIT_MS)
    QTest.keyClick(viewer, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: viewer.record == record_at(qtbot, model, 0), timeout=WAIT_MS)
    assert not viewer.previous_button.isEnabled()
    viewer.actual_button.click()
    assert viewer.view.zoom == pytest.approx(1.0)
    viewer.view.zoom_by(2.0)
    assert viewer.view.zoom == pytest.approx(2.0) and not viewer.view.fitting
    viewer.fit_button.click()
    assert viewer.view.fitting
    viewer.remix_button.click()
    assert gallery.remixes == [record_at(qtbot, model, 0).job_id]
    viewer.close()


def test_arrow_keys_change_image_while_the_picture_has_focus(
    qtbot: QtBot, gallery: Gallery
) -> None:
    """Clicking the picture focused it, and then ← → PgUp PgDn scrolled it instead of changing
    image (only Space and Backspace worked)."""
    tab, model = gallery.tab, gallery.tab.model
    select_rows(tab, [2])
    tab.open_viewer()
    viewer = tab.viewer
    assert viewer is not None
    qtbot.waitExposed(viewer, timeout=WAIT_MS)
    viewer.activateWindow()
    viewer.view.setFocus()
    qtbot.waitUntil(viewer.view.hasFocus, timeout=WAIT_MS)
    # The Ctrl ones first: Qt keeps the modifiers of the last key event as the keyboard's state,
    # which later tests (a selection that reads Ctrl) would inherit.
    steps = [
        (Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier, 3),
        (Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier, 2),
        (Qt.Key.Key_Right, Qt.KeyboardModifier.NoModifier, 3),
        (Qt.Key.Key_PageDown, Qt.KeyboardModifier.NoModifier, 4),
        (Qt.Key.Key_PageUp, Qt.KeyboardModifier.NoModifier, 3),
        (Qt.Key.Key_Left, Qt.KeyboardModifier.NoModifier, 2),
    ]
    for key, modifier, row in steps:
        QTest.keyClick(viewer.view, key, modifier)
        qtbot.waitUntil(lambda row=row: [viewer.record] == model.records([row]), timeout=WAIT_MS)
    viewer.close()


def test_the_viewer_keeps_the_zoom_the_user_chose_for_the_next_image(
    qtbot: QtBot, gallery: Gallery
) -> None:
    tab, model = gallery.tab, gallery.tab.model
    select_rows(tab, [0])
    tab.open_viewer()
    viewer = tab.viewer
    assert viewer is not None
    qtbot.waitUntil(lambda: viewer.view.pixmap().width() == 48, timeout=WAIT_MS)
    viewer.view.zoom_by(3.0)
    chosen = viewer.view.zoom
    viewer.show_next()
    qtbot.waitUntil(lambda: [viewer.record] == model.records([1]), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: viewer.status.text() == "", timeout=WAIT_MS)  # full image in
    assert not viewer.view.fitting
    assert viewer.view.zoom == pytest.approx(chosen)
    viewer.fit_button.click()
    viewer.show_next()
    qtbot.waitUntil(lambda: [viewer.record] == model.records([2]), timeout=WAIT_MS)
    assert viewer.view.fitting
    viewer.close()


def test_the_viewer_title_is_the_prompt_not_a_file_name(qtbot: QtBot, gallery: Gallery) -> None:
    tab, model = gallery.tab, gallery.tab.model
    select_rows(tab, [0])
    tab.open_viewer()
    viewer = tab.viewer
    assert viewer is not None
    prompt = model.prompt_of(record_at(qtbot, model, 0))
    qtbot.waitUntil(lambda: prompt in viewer.windowTitle(), timeout=WAIT_MS)
    assert Path(record_at(qtbot, model, 0).path).name not in viewer.windowTitle()
    viewer.close()


def test_the_gallery_says_how_many_images_it_shows(qtbot: QtBot, gallery: Gallery) -> None:
    """No result count anywhere (issue 11)."""
    tab = gallery.tab
    label = tab.selection_label
    qtbot.waitUntil(lambda: label.text() == "6 image(s)", timeout=WAIT_MS)
    select_rows(tab, [0, 1])
    qtbot.waitUntil(lambda: label.text() == "6 image(s) · 2 selected", timeout=WAIT_MS)
    set_filter_text(qtbot, gallery, "cat 3")
    tab.view.selectionModel().clearSelection()
    qtbot.waitUntil(lambda: label.text() == "1 image(s)", timeout=WAIT_MS)


def test_keyboard_selection_moves(qtbot: QtBot, gallery: Gallery) -> None:
    tab = gallery.tab
    tab.select_next()
    assert tab.view.currentIndex().row() == 0
    tab.select_next()
    tab.select_next()
    assert tab.view.currentIndex().row() == 2
    tab.select_previous()
    assert tab.view.currentIndex().row() == 1
    assert len(selected_records(qtbot, tab)) == 1


# --- thumbnails -------------------------------------------------------------------------------


def test_thumbnails_decode_off_the_gui_thread(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    ctx: AppContext,
    idle_pool: WorkerPool,
    loader: ThumbnailLoader,
) -> None:
    threads: list[int] = []
    real = thumbnails_module.decode_thumbnail

    def spy(path: Path, size: int) -> Any:
        threads.append(threading.get_ident())
        return real(path, size)

    monkeypatch.setattr(thumbnails_module, "decode_thumbnail", spy)
    add_images(ctx, 4)
    g = open_gallery(qtbot, ctx, idle_pool, loader)
    qtbot.waitUntil(lambda: g.tab.delegate.pixmaps_painted >= 4, timeout=WAIT_MS)
    assert threads and threading.get_ident() not in threads
    g.tab.shutdown()


def test_loader_cache_follows_what_the_screens_show(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, ctx: AppContext
) -> None:
    """The cache keeps a few screens of thumbnails, not a fixed 128 MiB: its bound follows the
    screen sizes the views report, within the ceiling."""
    monkeypatch.setattr(thumbnails_module, "MIN_CACHE_BYTES", 0)
    monkeypatch.setattr(thumbnails_module, "SCREENS", 1)
    records = add_images(ctx, 4)
    one = 48 * 32 * 4  # one of these thumbnails (48x32, decoded at 64)
    thumbs = ThumbnailLoader(ctx.paths, max_cache_bytes=3 * one)
    try:
        thumbs.fit_screen("grid", 2 * one)
        assert thumbs.max_cache_bytes == 2 * one
        thumbs.fit_screen("list", 5 * one)  # two views: their sum, within the ceiling
        assert thumbs.max_cache_bytes == 3 * one
        thumbs.fit_screen("list", 0)  # that view shows none any more
        for record in records:
            assert record.thumb_path is not None
            with qtbot.waitSignal(thumbs.loaded, timeout=WAIT_MS):
                thumbs.pixmap(record.thumb_path, 64)
            assert thumbs.cache_bytes <= 2 * one
        assert thumbs.cache_bytes == 2 * one
        thumbs.fit_screen("grid", one)  # a smaller window: the oldest go at once
        assert thumbs.cache_bytes == one
        assert thumbs.pixmap(records[-1].thumb_path or "", 64) is not None  # the newest stays
    finally:
        thumbs.shutdown()


def test_gallery_sizes_the_cache_to_its_screen(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    ctx: AppContext,
    idle_pool: WorkerPool,
    loader: ThumbnailLoader,
) -> None:
    monkeypatch.setattr(thumbnails_module, "MIN_CACHE_BYTES", 0)
    g = open_gallery(qtbot, ctx, idle_pool, loader)
    qtbot.waitUntil(lambda: loader.max_cache_bytes > 0, timeout=WAIT_MS)
    small = loader.max_cache_bytes
    assert small < thumbnails_module.MAX_CACHE_BYTES
    g.tab.size_slider.setValue(320)  # bigger thumbnails: more bytes a screen
    qtbot.waitUntil(lambda: loader.max_cache_bytes > small, timeout=WAIT_MS)
    g.tab.shutdown()


def test_loader_cache_is_bounded(qtbot: QtBot, ctx: AppContext) -> None:
    records = add_images(ctx, 6)
    bound = 3 * 48 * 32 * 4  # three of these 48x32 thumbnails
    thumbs = ThumbnailLoader(ctx.paths, max_cache_bytes=bound)
    try:
        for record in records:
            assert record.thumb_path is not None
            with qtbot.waitSignal(thumbs.loaded, timeout=WAIT_MS):
                assert thumbs.pixmap(record.thumb_path, 64) is None
            assert thumbs.pixmap(record.thumb_path, 64) is not None
            assert thumbs.cache_bytes <= bound
        assert thumbs.pixmap(records[0].thumb_path or "", 64) is None  # evicted, queued again
        missing = "thumbnails/missing.jpg"
        with qtbot.waitSignal(
            thumbs.loaded, timeout=WAIT_MS, check_params_cb=lambda rel: rel == missing
        ):
            assert thumbs.pixmap(missing, 64) is None
        assert thumbs.failed(missing)
    finally:
        thumbs.shutdown()


def test_an_image_in_a_custom_output_folder_shows_and_exports(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, loader: ThumbnailLoader, tmp_path: Path
) -> None:
    ctx.library.output_folder = tmp_path / "custom"
    record = add_image(ctx, "kept outside the data folder")
    assert Path(record.path).is_absolute()
    assert ctx.paths.resolve(record.path).is_relative_to(tmp_path / "custom")
    # Its full picture decodes through the stored absolute path (the viewer and the History
    # details use it when there is no thumbnail).
    with qtbot.waitSignal(loader.loaded, timeout=WAIT_MS):
        assert loader.pixmap(record.path, 64) is None
    assert loader.pixmap(record.path, 64) is not None and not loader.failed(record.path)

    g = open_gallery(qtbot, ctx, idle_pool, loader)
    qtbot.waitUntil(lambda: g.tab.delegate.pixmaps_painted >= 1, timeout=WAIT_MS)
    select_rows(g.tab, [0])
    out = tmp_path / "export"
    with qtbot.waitSignal(g.tab.status_message, timeout=WAIT_MS, check_params_cb=_exported):
        g.tab.export_selected(out, as_zip=False, keep_metadata=True)
    assert g.tab.wait_for_export(WAIT_MS)
    made = record.created_at.astimezone()
    assert [p.name for p in out.iterdir()] == [
        f"{made:%Y-%m-%d_%H%M%S}_seed7_00_kept outside the data folder.png"
    ]
    g.tab.shutdown()


def test_thumbnail_size_slider_updates_settings(gallery: Gallery) -> None:
    tab = gallery.tab
    tab.size_slider.setValue(240)
    assert tab._services.settings.thumbnail_size == 240
    assert tab.delegate.cell_size().height() == 240 + 12
    assert tab.view.gridSize().height() == 252


def test_empty_library_says_what_to_do(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, loader: ThumbnailLoader
) -> None:
    g = open_gallery(qtbot, ctx, idle_pool, loader)
    assert g.tab.stack.currentWidget() is g.tab.empty
    assert "Generate" in g.tab.empty_label.text()
    assert not g.tab.clear_filters_button.isVisibleTo(g.tab)
    g.tab.shutdown()
