"""Dropping or pasting an image file onto Generate restores the parameters it was made with:
our own outputs exactly, ComfyUI's and A1111's as far as they go, and says what it could not."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PIL import Image
from PIL.PngImagePlugin import PngInfo
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import JobStatus
from studio_desktop.core.library.metadata import RestoredParams
from studio_desktop.core.settings import load_settings
from studio_desktop.core.workflows import bind
from studio_desktop.ui.generate import GenerateTab
from studio_desktop.ui.main_window import MainWindow
from studio_desktop.ui.services import Services
from tests.fakes.comfy_server import FakeComfyServer
from tests.gui.conftest import PoolFactory, TabFactory, db

WAIT_MS = 20_000
WORKFLOWS = Path(__file__).resolve().parent.parent / "data" / "workflows"
A1111 = (
    "a red fox in the snow, golden hour\n"
    "Negative prompt: blurry, lowres\n"
    "Steps: 28, Sampler: DPM++ 2M Karras, CFG scale: 6.5, Seed: 123456, Size: 768x512, "
    "Model hash: 31e35c80fc, Model: sd_xl_base_1.0, Version: v1.6.0"
)


def drop_file(widget: QWidget, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    action, button = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton
    modifiers = Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(5, 5), action, mime, button, modifiers)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(5, 5), action, mime, button, modifiers)
    assert widget.event(drop)
    assert drop.isAccepted()


def restore(qtbot: QtBot, tab: GenerateTab, path: Path) -> tuple[RestoredParams, str]:
    """Drop `path` on the tab; the restored parameters and the status message about them."""
    results: list[RestoredParams] = []
    messages: list[str] = []
    tab.parameters_restored.connect(results.append)
    tab.status_message.connect(lambda text, _ms: messages.append(text))
    drop_file(tab, path)
    qtbot.waitUntil(lambda: bool(results), timeout=WAIT_MS)
    return results[0], messages[-1]


def png_with(path: Path, texts: dict[str, str]) -> Path:
    info = PngInfo()
    for key, value in texts.items():
        info.add_text(key, value)
    Image.new("RGB", (64, 48), "navy").save(path, pnginfo=info)
    return path


def test_generate_then_drop_the_output_back_gives_identical_parameters(
    qtbot: QtBot,
    fake_comfy: FakeComfyServer,
    make_pool: PoolFactory,
    make_tab: TabFactory,
    ctx: AppContext,
    tmp_path: Path,
) -> None:
    tab = make_tab(make_pool(fake_comfy))
    qtbot.waitUntil(lambda: tab.object_info() is not None, timeout=WAIT_MS)
    form = tab.form
    form.prompt_edit.setPlainText("a glass greenhouse in the rain, 温室")
    form.negative_edit.setPlainText("people")
    form.steps_spin.setValue(9)
    form.cfg_spin.setValue(4.5)
    form.size_field.set_size(576, 704)
    form.sampler_combo.set_value("dpmpp_2m")
    form.scheduler_combo.set_value("karras")
    form.seed_field.set_seed(987654321)
    form.seed_field.set_locked(True)
    qtbot.waitUntil(tab.queue_button.isEnabled, timeout=WAIT_MS)
    assert tab.queue() == 1

    def completed() -> bool:
        jobs = db(ctx).list_jobs().items
        return bool(jobs) and jobs[0].status is JobStatus.COMPLETED

    qtbot.waitUntil(completed, timeout=WAIT_MS)
    job = db(ctx).list_jobs().items[0]
    (output,) = db(ctx).images_for_job(job.id)
    exported = tmp_path / "exported.png"  # what Export writes: the stored file with its chunks
    exported.write_bytes(ctx.paths.resolve(output.path).read_bytes())

    form.prompt_edit.setPlainText("something else entirely")
    form.steps_spin.setValue(30)
    form.size_field.set_size(1024, 1024)
    form.seed_field.set_seed(1)
    form.seed_field.set_locked(False)
    restored, message = restore(qtbot, tab, exported)

    assert restored.source == "studio"
    assert message == "Restored from Studio Desktop metadata"
    assert form.params() == job.params
    assert form.seed_field.locked()
    assert form.template() is not None and form.template().id == job.template  # type: ignore[union-attr]
    # ... and what Queue would now send is the very graph that ran (issue 17's round trip).
    template = form.template()
    assert template is not None
    assert bind(template, form.params(), job_id=job.id) == job.workflow


def test_an_a1111_png_restores_prompt_sampler_cfg_seed_size_and_model(
    qtbot: QtBot,
    make_pool: PoolFactory,
    make_tab: TabFactory,
    tmp_path: Path,
) -> None:
    tab = make_tab(make_pool())
    restored, message = restore(qtbot, tab, png_with(tmp_path / "a1111.png", {"parameters": A1111}))
    assert restored.source == "a1111"
    assert message == "Restored from A1111/Forge parameters"
    params = tab.form.params()
    assert params.prompt == "a red fox in the snow, golden hour"
    assert params.negative == "blurry, lowres"
    assert (params.steps, params.sampler, params.scheduler) == (28, "dpmpp_2m", "karras")
    assert (params.cfg, params.seed) == (6.5, 123456)
    assert (params.width, params.height) == (768, 512)
    assert params.model == "sd_xl_base_1.0"


def test_a_comfyui_png_says_what_it_could_not_restore(
    qtbot: QtBot,
    make_pool: PoolFactory,
    make_tab: TabFactory,
    tmp_path: Path,
) -> None:
    tab = make_tab(make_pool())
    graph = json.loads((WORKFLOWS / "lora_chain.json").read_text("utf-8"))
    path = png_with(tmp_path / "comfy.png", {"prompt": json.dumps(graph)})
    restored, message = restore(qtbot, tab, path)
    assert restored.source == "comfyui"
    assert message.startswith("Restored from ComfyUI metadata; could not restore: LoRA ")
    sampler = next(n for n in graph.values() if n["class_type"] == "KSampler")["inputs"]
    assert tab.form.params().steps == sampler["steps"]
    assert tab.form.params().sampler == sampler["sampler_name"]


def test_a_studio_png_with_wrong_typed_values_restores_the_rest_and_names_them(
    qtbot: QtBot,
    make_pool: PoolFactory,
    make_tab: TabFactory,
    tmp_path: Path,
) -> None:
    # The window used to fail in the middle of filling the form (prompt=5 reached setPlainText).
    tab = make_tab(make_pool())
    tab.form.prompt_edit.setPlainText("keep me")
    chunk = '{"template": "txt2img", "params": {"prompt": 5, "seed": "abc", "steps": Infinity, '
    chunk += '"cfg": 5.5, "negative": "blurry"}}'
    restored, message = restore(qtbot, tab, png_with(tmp_path / "edited.png", {"studio": chunk}))
    assert restored.source == "studio"
    assert message.startswith("Restored from Studio Desktop metadata; could not restore: prompt")
    assert "seed" in message and "steps" in message
    params = tab.form.params()
    assert (params.prompt, params.negative, params.cfg) == ("keep me", "blurry", 5.5)


def test_a_dropped_video_or_sound_restores_our_tag(
    qtbot: QtBot,
    make_pool: PoolFactory,
    make_tab: TabFactory,
    tmp_path: Path,
) -> None:
    """Videos and sounds carry our `studio` container tag (media_tags): a drop reads it."""
    from tests.fakes.comfy_images import Look
    from tests.fakes.comfy_media import encoded_audio, encoded_video, tagged

    tab = make_tab(make_pool())
    for ext, data in (
        ("mp4", encoded_video("mp4", (32, 32), Look(), 4, 8.0)),
        ("flac", encoded_audio("flac", Look())),
    ):
        chunk = {"template": "txt2img", "params": {"prompt": f"from a {ext}", "steps": 13}}
        path = tmp_path / f"clip.{ext}"
        path.write_bytes(tagged(data, ext, {"studio": json.dumps(chunk)}))
        restored, message = restore(qtbot, tab, path)
        assert restored.source == "studio"
        assert message == "Restored from Studio Desktop metadata"
        assert (tab.form.params().prompt, tab.form.params().steps) == (f"from a {ext}", 13)


def test_an_image_without_metadata_changes_nothing_and_says_so(
    qtbot: QtBot,
    make_pool: PoolFactory,
    make_tab: TabFactory,
    tmp_path: Path,
) -> None:
    tab = make_tab(make_pool())
    tab.form.prompt_edit.setPlainText("keep me")
    before = tab.form_state()
    restored, message = restore(qtbot, tab, png_with(tmp_path / "plain.png", {}))
    assert not restored.found
    assert message == "plain.png has no generation parameters; nothing was changed."
    assert tab.form_state() == before


def test_pasting_an_image_file_outside_a_slot_restores_it(
    qtbot: QtBot,
    make_pool: PoolFactory,
    make_tab: TabFactory,
    tmp_path: Path,
) -> None:
    tab = make_tab(make_pool())
    tab.show()
    path = png_with(tmp_path / "pasted.png", {"parameters": A1111})
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    QGuiApplication.clipboard().setMimeData(mime)
    results: list[Any] = []
    tab.parameters_restored.connect(results.append)
    # A button does not paste: Ctrl+V goes on to the tab.
    QTest.keyClick(tab.queue_button, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(results), timeout=WAIT_MS)
    assert tab.form.prompt_edit.toPlainText() == "a red fox in the snow, golden hour"


def test_an_image_dropped_on_the_window_restores_into_generate(
    qtbot: QtBot, make_pool: PoolFactory, ctx: AppContext, tmp_path: Path
) -> None:
    window = MainWindow(Services(ctx, make_pool(), load_settings(ctx.paths.settings)))
    qtbot.addWidget(window)
    try:
        window.tabs.setCurrentWidget(window.history)
        results: list[Any] = []
        window.generate.parameters_restored.connect(results.append)
        drop_file(window, png_with(tmp_path / "fox.png", {"parameters": A1111}))
        qtbot.waitUntil(lambda: bool(results), timeout=WAIT_MS)
        assert window.tabs.currentWidget() is window.generate
        assert window.generate.form.params().seed == 123456
    finally:
        window.shutdown()
        window.thumbnails.shutdown()
