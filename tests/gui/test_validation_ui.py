"""Validation before queueing, shown in the Generate form: a wrong list value next to its field,
a missing node class above the Queue button (naming the pack to install), Queue disabled with the
reasons; and the editors built for template-specific slots from the server's /object_info."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtWidgets import QDoubleSpinBox, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import GenerationParams, JobStatus, NewJob
from studio_desktop.core.workflows.validate import IssueKind
from studio_desktop.ui.generate import GenerateTab
from studio_desktop.ui.generate.fields import ListCombo
from studio_desktop.ui.generate.image_slot import ImageSlotWidget
from studio_desktop.workers import WorkerPool
from tests.fakes.comfy_server import FakeComfyServer
from tests.gui.conftest import PoolFactory, TabFactory, db
from tests.integration.test_templates_e2e import full_object_info

WAIT_MS = 20_000
FakeFactory = Callable[..., FakeComfyServer]


@pytest.fixture
def full_info_path(tmp_path: Path) -> Path:
    path = tmp_path / "full_object_info.json"
    path.write_text(json.dumps(full_object_info()), "utf-8")
    return path


def connected_tab(qtbot: QtBot, make_tab: TabFactory, pool: WorkerPool) -> GenerateTab:
    tab = make_tab(pool)
    qtbot.waitUntil(lambda: tab.object_info() is not None, timeout=WAIT_MS)
    return tab


def holds_image(widget: ImageSlotWidget) -> bool:
    return widget.value() is not None and not widget.busy


def fill_images(qtbot: QtBot, tab: GenerateTab, folder: Path) -> None:
    for widget in tab.form.slot_widgets():
        picture = folder / f"{widget.slot.name}.png"
        Image.new("RGB", (64, 64), "purple").save(picture)
        widget.add_file(picture)
        qtbot.waitUntil(partial(holds_image, widget), timeout=WAIT_MS)


def test_a_model_file_the_server_lacks_shows_under_its_field_and_blocks_queue(
    qtbot: QtBot,
    fake_comfy: FakeComfyServer,
    make_pool: PoolFactory,
    make_tab: TabFactory,
    tmp_path: Path,
) -> None:
    tab = connected_tab(qtbot, make_tab, make_pool(fake_comfy))
    assert tab.select_template("pose_change")
    fill_images(qtbot, tab, tmp_path)
    form = tab.form
    qtbot.waitUntil(lambda: bool(form.field_message("controlnet")), timeout=WAIT_MS)

    message = form.field_message("controlnet")
    assert "ControlNet model 'control_v11p_sd15_openpose.pth' is not on this server" in message
    assert "models/controlnet" in message  # says where the download goes
    (issue,) = [i for i in form.issues() if i.slot == "controlnet"]
    assert issue.kind is IssueKind.NOT_IN_LIST
    editor = form.editor("controlnet")
    assert editor is not None and isinstance(editor.input, ListCombo)
    assert message in editor.input.toolTip()  # flagged: tinted, the reason in its tooltip
    assert not tab.queue_button.isEnabled()
    assert "Cannot queue:" in tab.queue_button.toolTip()
    assert message in tab.queue_button.toolTip()
    # Above Queue: the same problem, with a link to its field.
    assert [(p.message, p.field) for p in tab.problem_list.problems()] == [(message, "controlnet")]
    assert tab.queue() == 0 and not fake_comfy.submitted


def test_a_missing_node_class_names_the_pack_above_queue(
    qtbot: QtBot,
    fake_comfy: FakeComfyServer,
    make_pool: PoolFactory,
    make_tab: TabFactory,
    tmp_path: Path,
) -> None:
    tab = connected_tab(qtbot, make_tab, make_pool(fake_comfy))
    assert tab.select_template("head_swap")
    fill_images(qtbot, tab, tmp_path)
    qtbot.waitUntil(lambda: "ReActorFaceSwap" in tab.problem_list.plain_text(), timeout=WAIT_MS)
    text = tab.problem_list.plain_text()
    assert "install the custom node pack ReActor" in text
    assert "https://github.com/Gourieff/ComfyUI-ReActor" in text
    assert not tab.problem_list.isHidden()
    assert not tab.queue_button.isEnabled()
    assert "ReActorFaceSwap" in tab.queue_button.toolTip()
    # Without the node's spec the slot's editor follows the template's own value.
    editor = tab.form.editor("swap_model")
    assert editor is not None and isinstance(editor.input, QLineEdit)
    assert editor.value() == "inswapper_128.onnx"


def test_a_server_with_everything_lets_it_queue_and_an_edit_is_checked_before_queueing(
    qtbot: QtBot,
    fake_comfy_factory: FakeFactory,
    full_info_path: Path,
    make_pool: PoolFactory,
    make_tab: TabFactory,
    ctx: AppContext,
    tmp_path: Path,
) -> None:
    fake = fake_comfy_factory(object_info_path=full_info_path, steps=2, step_seconds=0.0)
    tab = connected_tab(qtbot, make_tab, make_pool(fake))
    assert tab.select_template("pose_change")
    fill_images(qtbot, tab, tmp_path)
    qtbot.waitUntil(tab.queue_button.isEnabled, timeout=WAIT_MS)
    assert tab.form.issues() == []
    assert tab.problem_list.isHidden()
    editor = tab.form.editor("controlnet")
    assert editor is not None and isinstance(editor.input, ListCombo)
    assert "control_v11p_sd15_openpose.pth" in editor.input.names()

    editor.set_value("not_there.pth")  # and queue at once: the debounce must not let it pass
    assert tab.queue() == 0
    assert "not_there.pth" in tab.form.field_message("controlnet")
    editor.set_value("control_v11p_sd15_openpose.pth")
    qtbot.waitUntil(tab.queue_button.isEnabled, timeout=WAIT_MS)
    assert tab.form.field_message("controlnet") == ""
    assert tab.queue() == 1

    def completed() -> bool:
        jobs = db(ctx).list_jobs().items
        return bool(jobs) and jobs[0].status is JobStatus.COMPLETED

    qtbot.waitUntil(completed, timeout=WAIT_MS)
    job = db(ctx).list_jobs().items[0]
    assert job.params.extra["controlnet"] == "control_v11p_sd15_openpose.pth"
    assert job.params.extra["control_strength"] == 1.0


def test_template_specific_editors_follow_the_graph_offline_and_the_server_online(
    qtbot: QtBot,
    fake_comfy_factory: FakeFactory,
    full_info_path: Path,
    make_pool: PoolFactory,
    make_tab: TabFactory,
) -> None:
    offline = make_tab(make_pool())
    form = offline.form
    assert offline.select_template("video_wan")
    frames, fps, unet = form.editor("frames"), form.editor("fps"), form.editor("diffusion_model")
    assert frames is not None and isinstance(frames.input, QSpinBox) and frames.value() == 33
    assert fps is not None and isinstance(fps.input, QDoubleSpinBox) and fps.value() == 16.0
    assert unet is not None and isinstance(unet.input, QLineEdit)
    assert unet.value() == "wan2.1_t2v_1.3B_fp16.safetensors"
    assert form.editor("filename_prefix") is None and form.editor("batch_size") is None
    assert offline.select_template("upscale")
    scale = form.editor("scale_by")
    assert scale is not None and isinstance(scale.input, QDoubleSpinBox)
    assert form.editor("frames") is None  # the video template's fields are gone

    fake = fake_comfy_factory(object_info_path=full_info_path)
    online = make_tab(make_pool(fake))
    qtbot.waitUntil(lambda: online.object_info() is not None, timeout=WAIT_MS)
    assert online.select_template("upscale")
    model = online.form.editor("upscale_model")
    assert model is not None and isinstance(model.input, ListCombo)
    assert "RealESRGAN_x4plus.pth" in model.input.names()
    scale = online.form.editor("scale_by")
    assert scale is not None and isinstance(scale.input, QDoubleSpinBox)
    assert (scale.input.minimum(), scale.input.maximum()) == (0.01, 8.0)
    assert online.select_template("video_wan")
    frames = online.form.editor("frames")
    assert frames is not None and isinstance(frames.input, QSpinBox)
    assert (frames.input.minimum(), frames.input.maximum(), frames.input.singleStep()) == (
        1,
        16384,
        4,
    )


def test_template_specific_values_go_to_extra_form_state_and_remix(
    qtbot: QtBot, make_pool: PoolFactory, make_tab: TabFactory, ctx: AppContext
) -> None:
    tab = make_tab(make_pool())
    assert tab.select_template("video_wan")
    frames = tab.form.editor("frames")
    assert frames is not None
    frames.set_value(49)
    params = tab.form.params()
    assert params.extra["frames"] == 49 and params.extra["fps"] == 16.0
    state = json.loads(json.dumps(tab.form_state()))
    assert state["params"]["extra"]["frames"] == 49

    other = make_tab(make_pool())
    other.restore_form_state(state)
    restored = other.form.editor("frames")
    assert restored is not None and restored.value() == 49
    assert other.form.params().extra == params.extra

    job = db(ctx).add_job(
        NewJob(
            template="upscale_latent",
            params=GenerationParams(prompt="p", extra={"scale_by": 1.5}),
        )
    )
    other.load_job(job)
    scale = other.form.editor("scale_by")
    assert scale is not None and scale.value() == 1.5
    assert other.form.params().extra == {"scale_by": 1.5}
    assert other.form.editor("frames") is None
