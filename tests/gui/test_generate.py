"""The Generate tab against the fake ComfyUI and a real WorkerPool and store: queueing from the
form, progress/preview/result, seeds, remix, image slots (drop, paste, non-images), server lists
and the form state round trip."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import GenerationParams, InputImage, Job, JobStatus, NewJob
from studio_desktop.ui.generate import GenerateTab
from studio_desktop.ui.generate.image_slot import ImageSlotWidget
from studio_desktop.ui.generate.progress import Shown
from tests.fakes.comfy_server import FakeComfyServer
from tests.gui.conftest import ENDLESS, PoolFactory, TabFactory, db

WAIT_MS = 20_000
FakeFactory = Callable[..., FakeComfyServer]

IMG2IMG = {
    "format": 1,
    "id": "test_img2img",
    "name": "Image to image (test)",
    "description": "Repaints a reference image.",
    "slots": {
        "model": {"node": "4", "input": "ckpt_name"},
        "prompt": {"node": "6", "input": "text"},
        "negative": {"node": "7", "input": "text"},
        "seed": {"node": "3", "input": "seed"},
        "steps": {"node": "3", "input": "steps"},
        "cfg": {"node": "3", "input": "cfg"},
        "sampler": {"node": "3", "input": "sampler_name"},
        "scheduler": {"node": "3", "input": "scheduler"},
        "denoise": {"node": "3", "input": "denoise"},
        "filename_prefix": {"node": "9", "input": "filename_prefix"},
    },
    "images": [
        {"name": "image", "label": "Reference", "node": "10", "input": "image"},
        {"name": "style", "label": "Style", "node": "11", "input": "image", "required": False},
    ],
    "graph": {
        "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "m.safetensors"}},
        "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "", "clip": ["4", 1]}},
        "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "", "clip": ["4", 1]}},
        "10": {"class_type": "LoadImage", "inputs": {"image": "x.png"}},
        "11": {"class_type": "LoadImage", "inputs": {"image": "y.png"}},
        "12": {"class_type": "VAEEncode", "inputs": {"pixels": ["10", 0], "vae": ["4", 2]}},
        "3": {
            "class_type": "KSampler",
            "inputs": {
                "model": ["4", 0],
                "seed": 0,
                "steps": 20,
                "cfg": 7.0,
                "sampler_name": "euler",
                "scheduler": "normal",
                "positive": ["6", 0],
                "negative": ["7", 0],
                "latent_image": ["12", 0],
                "denoise": 0.6,
            },
        },
        "8": {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0], "vae": ["4", 2]}},
        "9": {"class_type": "SaveImage", "inputs": {"images": ["8", 0], "filename_prefix": "x"}},
    },
}


def with_img2img(ctx: AppContext) -> None:
    (ctx.paths.templates / "test_img2img.json").write_text(json.dumps(IMG2IMG), "utf-8")
    ctx.templates.reload()


def png(path: Path, size: tuple[int, int] = (96, 64), color: str = "teal") -> Path:
    Image.new("RGB", size, color).save(path)
    return path


def drop(widget: ImageSlotWidget, *paths: Path) -> None:
    """What the platform delivers when files from the file manager are dropped: a drag enter
    the slot must accept, then the drop (handed to the widget's own event(), since
    QApplication only routes a Drop that its drag manager started)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    action, button = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton
    modifiers = Qt.KeyboardModifier.NoModifier
    try:  # Qt 6.12 takes a QPointF and deprecates the QPoint form; older versions lack it
        enter = QDragEnterEvent(QPointF(20, 20), action, mime, button, modifiers)  # type: ignore[arg-type,call-overload,unused-ignore]
    except TypeError:
        enter = QDragEnterEvent(QPoint(20, 20), action, mime, button, modifiers)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(20, 20), action, mime, button, modifiers)
    assert widget.event(event)
    assert event.isAccepted()


def wait_lists(qtbot: QtBot, tab: GenerateTab, fake: FakeComfyServer) -> None:
    qtbot.waitUntil(lambda: tab.form.model_combo.names() == fake.checkpoints, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "Lists from" in tab.form.server_hint.text(), timeout=WAIT_MS)


def jobs_in_store(ctx: AppContext) -> list[Job]:
    return list(reversed(db(ctx).list_jobs().items))  # oldest first


def slot(tab: GenerateTab, name: str) -> ImageSlotWidget:
    widget = tab.form.slot_widget(name)
    assert widget is not None
    return widget


# --- queueing and following a job ---


def test_queue_from_the_form_shows_progress_preview_then_result(
    qtbot: QtBot,
    fake_comfy_factory: FakeFactory,
    make_pool: PoolFactory,
    make_tab: TabFactory,
    ctx: AppContext,
) -> None:
    fake = fake_comfy_factory(steps=6, step_seconds=0.05)
    pool = make_pool(fake)
    tab = make_tab(pool)
    wait_lists(qtbot, tab, fake)
    form = tab.form
    form.prompt_edit.setPlainText("a lighthouse at dusk, oil painting")
    form.negative_edit.setPlainText("blurry")
    form.steps_spin.setValue(7)
    form.cfg_spin.setValue(5.5)
    form.size_field.set_size(640, 768)
    form.seed_field.set_seed(123456789)
    form.seed_field.set_locked(True)
    shown: list[Shown] = []
    bar_values: list[int] = []
    tab.progress.shown_changed.connect(shown.append)
    tab.progress.bar.valueChanged.connect(bar_values.append)
    messages: list[str] = []
    tab.status_message.connect(lambda text, _ms: messages.append(text))

    assert tab.queue_button.isEnabled()
    assert tab.queue() == 1
    assert messages == ["Queued 1 job"]

    qtbot.waitUntil(lambda: tab.progress.shown is Shown.RESULT, timeout=WAIT_MS)
    assert Shown.PREVIEW in shown
    assert shown[-1] is Shown.RESULT
    assert shown.index(Shown.PREVIEW) < shown.index(Shown.RESULT)
    assert tab.progress.bar.maximum() == fake.steps
    assert bar_values == sorted(bar_values) and bar_values[-1] == fake.steps
    assert tab.progress.step_label.text() == "Finished"
    assert not tab.progress.cancel_button.isEnabled()
    pixmap = tab.progress.view.pixmap()
    assert pixmap is not None and not pixmap.isNull()

    (job,) = jobs_in_store(ctx)
    assert tab.progress.current_job == job.id
    qtbot.waitUntil(
        lambda: db(ctx).get_job(job.id).status is JobStatus.COMPLETED,  # type: ignore[union-attr]
        timeout=WAIT_MS,
    )
    images = db(ctx).images_for_job(job.id)
    assert images and all(ctx.paths.resolve(i.path).is_file() for i in images)

    graph = fake.submitted[0]["prompt"]
    assert graph["6"]["inputs"]["text"] == "a lighthouse at dusk, oil painting"
    assert graph["7"]["inputs"]["text"] == "blurry"
    assert graph["3"]["inputs"]["steps"] == 7
    assert graph["3"]["inputs"]["cfg"] == 5.5
    assert graph["3"]["inputs"]["seed"] == 123456789
    assert graph["5"]["inputs"]["width"] == 640
    assert graph["5"]["inputs"]["height"] == 768
    assert graph["4"]["inputs"]["ckpt_name"] == fake.checkpoints[0]


def test_locked_seed_and_batch_of_three_gives_consecutive_seeds(
    qtbot: QtBot, make_pool: PoolFactory, make_tab: TabFactory, ctx: AppContext
) -> None:
    tab = make_tab(make_pool())  # no server: the jobs wait in the store
    messages: list[str] = []
    tab.status_message.connect(lambda text, _ms: messages.append(text))
    tab.form.seed_field.set_seed(2**32 - 2)
    tab.form.seed_field.set_locked(True)
    tab.form.batch_spin.setValue(3)
    assert tab.queue_button.text() == "Queue 3 jobs"

    assert tab.queue() == 3
    qtbot.waitUntil(lambda: len(jobs_in_store(ctx)) == 3, timeout=WAIT_MS)
    seeds = [job.params.seed for job in jobs_in_store(ctx)]
    assert seeds == [2**32 - 2, 2**32 - 1, 0]  # wraps within ComfyUI's seed range
    assert all(job.status is JobStatus.PENDING for job in jobs_in_store(ctx))
    assert messages == ["Queued 3 jobs; they run once a server is connected"]
    assert "No server added" in tab.form.server_hint.text()


def test_random_seed_gives_each_job_its_own_and_shows_the_first(
    qtbot: QtBot, make_pool: PoolFactory, make_tab: TabFactory, ctx: AppContext
) -> None:
    tab = make_tab(make_pool())
    tab.form.seed_field.set_locked(False)
    tab.form.batch_spin.setValue(4)
    tab.queue()
    qtbot.waitUntil(lambda: len(jobs_in_store(ctx)) == 4, timeout=WAIT_MS)
    seeds = [job.params.seed for job in jobs_in_store(ctx)]
    assert len(set(seeds)) == 4
    assert all(0 <= s < 2**32 for s in seeds)
    assert tab.form.seed_field.seed() == seeds[0]


def test_cancel_current_stops_the_running_job(
    qtbot: QtBot,
    fake_comfy_factory: FakeFactory,
    make_pool: PoolFactory,
    make_tab: TabFactory,
    ctx: AppContext,
) -> None:
    fake = fake_comfy_factory(steps=ENDLESS, step_seconds=0.05)
    tab = make_tab(make_pool(fake))
    wait_lists(qtbot, tab, fake)
    assert not tab.cancel_current()  # nothing running yet
    tab.queue()
    qtbot.waitUntil(lambda: tab.progress.bar.value() >= 1, timeout=WAIT_MS)
    assert tab.progress.cancel_button.isEnabled()
    assert "Step" in tab.progress.step_label.text()
    assert "Elapsed" in tab.progress.time_label.text()

    assert tab.cancel_current()
    (job,) = jobs_in_store(ctx)
    qtbot.waitUntil(lambda: tab.progress.step_label.text() == "Cancelled", timeout=WAIT_MS)
    assert db(ctx).get_job(job.id).status is JobStatus.CANCELLED  # type: ignore[union-attr]
    assert not tab.progress.cancel_button.isEnabled()


# --- server lists ---


def test_a_model_the_server_lacks_is_flagged_and_blocks_queueing(
    qtbot: QtBot,
    fake_comfy_factory: FakeFactory,
    make_pool: PoolFactory,
    make_tab: TabFactory,
    ctx: AppContext,
) -> None:
    fake = fake_comfy_factory(checkpoints=["sdxl_base.safetensors", "sd15.safetensors"])
    tab = make_tab(make_pool(fake))
    tab.restore_form_state({"params": {"prompt": "x", "model": "gone.safetensors"}})
    wait_lists(qtbot, tab, fake)

    combo = tab.form.model_combo
    assert combo.value() == "gone.safetensors"  # kept, not silently replaced
    assert "gone.safetensors is not on server" in combo.toolTip()
    assert combo.palette() != tab.form.sampler_combo.palette()  # tinted
    assert not tab.queue_button.isEnabled()
    assert "gone.safetensors is not on server" in tab.queue_button.toolTip()
    assert tab.problem_list.plain_text().startswith("gone.safetensors is not on server")
    assert tab.queue() == 0
    assert not fake.submitted

    combo.set_value("sd15.safetensors")
    qtbot.waitUntil(tab.queue_button.isEnabled, timeout=WAIT_MS)  # once the edits pause
    assert "not on server" not in combo.toolTip()
    assert combo.names() == ["sdxl_base.safetensors", "sd15.safetensors"]


def test_offline_the_combos_keep_the_last_known_names_and_say_how_to_connect(
    qtbot: QtBot, make_pool: PoolFactory, make_tab: TabFactory
) -> None:
    tab = make_tab(make_pool())
    tab.restore_form_state(
        {
            "params": {"model": "old.safetensors", "sampler": "dpmpp_2m"},
            "lists": {
                "checkpoints": ["old.safetensors", "other.safetensors"],
                "samplers": ["euler", "dpmpp_2m"],
                "schedulers": ["karras"],
            },
        }
    )
    assert tab.form.model_combo.names() == ["old.safetensors", "other.safetensors"]
    assert tab.form.model_combo.value() == "old.safetensors"
    assert tab.form.sampler_combo.value() == "dpmpp_2m"
    assert tab.queue_button.isEnabled()  # nothing can be checked offline: jobs just wait
    assert "127.0.0.1:8188" in tab.form.server_hint.text()
    assert not tab.form.refresh_button.isEnabled()


# --- remix and form state ---


def test_load_job_restores_every_parameter_template_and_images(
    qtbot: QtBot, make_pool: PoolFactory, make_tab: TabFactory, ctx: AppContext, tmp_path: Path
) -> None:
    with_img2img(ctx)
    pool = make_pool()
    tab = make_tab(pool)
    reference = ctx.paths.relative(ctx.library.copy_input(png(tmp_path / "ref.png")))
    params = GenerationParams(
        prompt="a fox in the snow\nsecond line",
        negative="people",
        seed=3_000_000_000,
        steps=33,
        cfg=4.5,
        sampler="dpmpp_2m",
        scheduler="karras",
        model="remixed.safetensors",
        width=896,
        height=1152,
        batch_size=2,
        denoise=0.45,
        extra={"upscale_model": "4x.pth"},
    )
    (job,) = pool.enqueue(
        [NewJob("test_img2img", params, inputs=(InputImage("image", reference),))]
    ).result(timeout=10)

    tab.load_job(job)

    form = tab.form
    template = form.template()
    assert template is not None and template.id == "test_img2img"
    assert form.params() == params
    assert form.seed_field.locked()
    assert form.inputs() == (InputImage("image", reference),)
    qtbot.waitUntil(lambda: slot(tab, "image").area.pixmap is not None, timeout=WAIT_MS)
    assert slot(tab, "style").value() is None
    (again,) = form.new_jobs()
    assert again.params == params and again.template == "test_img2img"
    assert again.inputs == job.inputs


def test_form_state_round_trips_through_json(
    qtbot: QtBot, make_pool: PoolFactory, make_tab: TabFactory, ctx: AppContext, tmp_path: Path
) -> None:
    with_img2img(ctx)
    pool = make_pool()
    first = make_tab(pool)
    form = first.form
    form.set_template("test_img2img")
    drop(slot(first, "image"), png(tmp_path / "a.png"))
    qtbot.waitUntil(lambda: slot(first, "image").value() is not None, timeout=WAIT_MS)
    form.prompt_edit.setPlainText("castle, 雪, fog")
    form.negative_edit.setPlainText("modern")
    form.sampler_combo.set_value("heun")
    form.scheduler_combo.set_value("karras")
    form.steps_spin.setValue(12)
    form.cfg_spin.setValue(3.5)
    form.denoise_spin.setValue(0.55)
    form.seed_field.set_seed(77)
    form.seed_field.set_locked(True)
    form.batch_spin.setValue(5)
    form.size_field.set_locked(True)
    state = json.loads(json.dumps(first.form_state()))

    second = make_tab(pool)
    second.restore_form_state(state)

    assert second.form_state() == state
    assert second.form.template().id == "test_img2img"  # type: ignore[union-attr]
    assert second.form.params() == form.params()
    assert second.form.inputs() == form.inputs()
    assert second.form.batch_spin.value() == 5
    assert second.form.size_field.locked()


def test_restore_ignores_garbage(
    qtbot: QtBot, make_pool: PoolFactory, make_tab: TabFactory
) -> None:
    tab = make_tab(make_pool())
    before = tab.form_state()
    tab.restore_form_state(
        {"template": 3, "params": {"steps": "many"}, "lists": {"samplers": "euler"}, "images": 1}
    )
    after = tab.form_state()
    assert after["template"] == before["template"]
    assert after["lists"] == before["lists"]


# --- size ---


def test_size_presets_ratio_lock_swap_and_multiples_of_eight(
    qtbot: QtBot, make_pool: PoolFactory, make_tab: TabFactory
) -> None:
    size = make_tab(make_pool()).form.size_field
    index = size.preset_combo.findData("832x1216")
    size.preset_combo.setCurrentIndex(index)
    size.preset_combo.activated.emit(index)
    assert size.dimensions() == (832, 1216)
    size.set_locked(True)
    size.width_spin.setValue(416)
    assert size.dimensions() == (416, 608)
    size.swap()
    assert size.dimensions() == (608, 416)
    size.set_locked(False)
    size.height_spin.setValue(1001)
    assert size.dimensions() == (608, 1000)
    assert size.preset_combo.currentIndex() == 0  # "Custom size"
    size.set_size(1024, 1024)
    assert size.preset_combo.currentData() == "1024x1024"


# --- image slots ---


def test_dropping_a_png_fills_the_slot_and_the_job_carries_it(
    qtbot: QtBot, make_pool: PoolFactory, make_tab: TabFactory, ctx: AppContext, tmp_path: Path
) -> None:
    with_img2img(ctx)
    tab = make_tab(make_pool())
    assert tab.form.set_template("test_img2img")
    assert not tab.queue_button.isEnabled()
    assert "Add an image for Reference." in tab.queue_button.toolTip()
    assert tab.form.denoise_spin.isVisibleTo(tab.form)
    assert not tab.form.size_field.isVisibleTo(tab.form)  # no width/height slot

    target = slot(tab, "image")
    drop(target, png(tmp_path / "photo.png"))
    qtbot.waitUntil(lambda: target.value() is not None, timeout=WAIT_MS)

    rel = target.value()
    assert rel is not None and rel.startswith("inputs/")
    assert ctx.paths.resolve(rel).read_bytes() == (tmp_path / "photo.png").read_bytes()
    assert target.area.pixmap is not None and not target.area.pixmap.isNull()
    assert target.message() == ""
    assert tab.queue_button.isEnabled()
    assert tab.queue() == 1
    qtbot.waitUntil(lambda: len(jobs_in_store(ctx)) == 1, timeout=WAIT_MS)
    assert jobs_in_store(ctx)[0].inputs == (InputImage("image", rel),)

    target.clear()
    assert target.value() is None and target.area.pixmap is None
    assert not tab.queue_button.isEnabled()


def test_dropping_a_text_file_says_so_and_keeps_the_image(
    qtbot: QtBot, make_pool: PoolFactory, make_tab: TabFactory, ctx: AppContext, tmp_path: Path
) -> None:
    with_img2img(ctx)
    tab = make_tab(make_pool())
    tab.form.set_template("test_img2img")
    target = slot(tab, "image")
    drop(target, png(tmp_path / "kept.png"))
    qtbot.waitUntil(lambda: target.value() is not None, timeout=WAIT_MS)
    kept = target.value()

    notes = tmp_path / "notes.txt"
    notes.write_text("not a picture", "utf-8")
    drop(target, notes)

    assert target.message() == "That file is not an image: notes.txt"
    assert target.message_label.isVisibleTo(target)
    assert target.value() == kept
    assert target.area.pixmap is not None


def test_a_file_named_png_that_is_not_one_is_refused_with_the_libraries_reason(
    qtbot: QtBot, make_pool: PoolFactory, make_tab: TabFactory, ctx: AppContext, tmp_path: Path
) -> None:
    with_img2img(ctx)
    tab = make_tab(make_pool())
    tab.form.set_template("test_img2img")
    target = slot(tab, "image")
    fake_png = tmp_path / "fake.png"
    fake_png.write_bytes(b"plain text pretending")
    drop(target, fake_png)
    qtbot.waitUntil(lambda: not target.busy, timeout=WAIT_MS)
    assert target.value() is None
    assert "fake.png" in target.message() and "not an image" in target.message()


def test_paste_an_image_from_the_clipboard(
    qtbot: QtBot, make_pool: PoolFactory, make_tab: TabFactory, ctx: AppContext
) -> None:
    with_img2img(ctx)
    tab = make_tab(make_pool())
    tab.form.set_template("test_img2img")
    target = slot(tab, "style")
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkMagenta)
    clipboard = QGuiApplication.clipboard()
    clipboard.setImage(image)
    if not clipboard.mimeData().hasImage():
        pytest.skip("this platform plugin has no clipboard")
    QTest.keyClick(target, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: target.value() is not None, timeout=WAIT_MS)
    rel = target.value()
    assert rel is not None and ctx.paths.resolve(rel).is_file()
    assert not list(ctx.paths.temp.glob("paste-*"))  # the temporary PNG is gone
    clipboard.clear()
