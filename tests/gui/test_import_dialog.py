"""File > Import workflow: real-world API workflows become templates that queue and run on the
fake ComfyUI; every broken file gives one clear message and never a traceback."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import JobStatus
from studio_desktop.core.settings import load_settings
from studio_desktop.core.workflows import bind
from studio_desktop.core.workflows.ui_format import EXPORT_HELP
from studio_desktop.ui.generate.image_slot import ImageSlotWidget
from studio_desktop.ui.import_dialog import ImportDialog, default_name
from studio_desktop.ui.main_window import MainWindow
from studio_desktop.ui.services import Services
from studio_desktop.workers.tasks import Tasks
from tests.fakes.comfy_server import FakeComfyServer
from tests.gui.conftest import PoolFactory, TabFactory, db

WAIT_MS = 20_000
DATA = Path(__file__).resolve().parent.parent / "data"
WORKFLOWS = DATA / "workflows"
GOOD = ("sd15_basic", "sdxl_refiner", "img2img", "controlnet", "lora_chain")
FakeFactory = Callable[..., FakeComfyServer]


def raw_object_info() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / "object_info.json").read_text("utf-8"))
    return data


def object_info_for(*graphs: dict[str, Any]) -> dict[str, Any]:
    """The captured /object_info whose lists also hold every file name the graphs use (their
    checkpoints, LoRAs, ControlNets exist on this imaginary server)."""
    info = copy.deepcopy(raw_object_info())
    view = ObjectInfo(info)
    for graph in graphs:
        for node in graph.values():
            class_type = node["class_type"]
            for name, value in node["inputs"].items():
                spec = view.input_spec(class_type, name)
                if spec is None or spec[0] != "COMBO" or isinstance(value, list):
                    continue
                sections = info[class_type]["input"]
                raw = sections.get("required", {}).get(name) or sections["optional"][name]
                options = raw[0] if isinstance(raw[0], list) else raw[1].setdefault("options", [])
                if value not in options:
                    options.append(value)
    return info


def graph_of(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((WORKFLOWS / f"{name}.json").read_text("utf-8"))
    return data


def holds_image(widget: ImageSlotWidget) -> bool:
    return widget.value() is not None and not widget.busy


def open_dialog(
    qtbot: QtBot, tasks: Tasks, path: Path, user_dir: Path, info: ObjectInfo | None = None
) -> ImportDialog:
    dialog = ImportDialog(path, user_dir, info, tasks=tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.loading, timeout=WAIT_MS)
    return dialog


@pytest.fixture
def dialogs() -> Iterator[list[ImportDialog]]:
    opened: list[ImportDialog] = []
    yield opened
    for dialog in opened:
        dialog.shutdown()


# --- good workflows ---


@pytest.mark.parametrize("name", GOOD)
def test_a_real_workflow_is_imported_then_queued_and_run_on_the_fake(
    qtbot: QtBot,
    name: str,
    fake_comfy_factory: FakeFactory,
    make_pool: PoolFactory,
    make_tab: TabFactory,
    ctx: AppContext,
    tmp_path: Path,
    dialogs: list[ImportDialog],
    tasks: Tasks,
) -> None:
    info_path = tmp_path / "object_info.json"
    info_path.write_text(json.dumps(object_info_for(graph_of(name))), "utf-8")
    fake = fake_comfy_factory(object_info_path=info_path, steps=2, step_seconds=0.0)
    tab = make_tab(make_pool(fake))
    qtbot.waitUntil(lambda: tab.object_info() is not None, timeout=WAIT_MS)

    dialog = open_dialog(
        qtbot, tasks, WORKFLOWS / f"{name}.json", ctx.paths.templates, tab.object_info()
    )
    dialogs.append(dialog)
    assert dialog.error() == ""
    names = dialog.slot_names()
    assert {"prompt", "negative", "seed", "steps", "cfg", "sampler", "model"} <= set(names)
    assert dialog.table.rowCount() == len(names)
    assert dialog.save_button.isEnabled()
    if name == "lora_chain":
        assert {"lora_1", "lora_2", "lora_1_strength"} <= set(names)
    if name in ("img2img", "controlnet"):
        assert {"img2img": "source", "controlnet": "control"}[name] in names
    dialog.name_edit.setText(f"My {name}")

    saved: list[str] = []
    dialog.imported.connect(saved.append)
    dialog.save()
    qtbot.waitUntil(lambda: bool(saved), timeout=WAIT_MS)
    template_id = saved[0]
    assert (ctx.paths.templates / f"{template_id}.json").is_file()
    ctx.templates.reload()
    tab.reload_templates()
    assert tab.select_template(template_id)
    template = ctx.templates.get(template_id)
    assert template.name == f"My {name}"

    form = tab.form
    if name == "lora_chain":  # LoRAs are template-specific fields with the server's list
        editor = form.editor("lora_1")
        lora_node = graph_of(name)[template.slots["lora_1"][0].node]
        assert editor is not None and editor.value() == lora_node["inputs"]["lora_name"]
    for widget in form.slot_widgets():
        picture = tmp_path / f"{widget.slot.name}.png"
        Image.new("RGB", (64, 64), "orange").save(picture)
        widget.add_file(picture)
        qtbot.waitUntil(partial(holds_image, widget), timeout=WAIT_MS)
    form.prompt_edit.setPlainText("a harbour at night")
    qtbot.waitUntil(tab.queue_button.isEnabled, timeout=WAIT_MS)
    assert form.issues() == []
    assert tab.queue() == 1

    def completed() -> bool:
        jobs = db(ctx).list_jobs().items
        return bool(jobs) and jobs[0].status is JobStatus.COMPLETED

    qtbot.waitUntil(completed, timeout=WAIT_MS)
    job = db(ctx).list_jobs().items[0]
    assert job.template == template_id
    (submitted,) = fake.submitted
    prompt_target = template.slots["prompt"][0]
    assert submitted["prompt"][prompt_target.node]["inputs"][prompt_target.input] == (
        "a harbour at night"
    )
    assert db(ctx).images_for_job(job.id)


def test_slots_can_be_renamed_and_dropped(
    qtbot: QtBot, ctx: AppContext, dialogs: list[ImportDialog], tasks: Tasks
) -> None:
    dialog = open_dialog(qtbot, tasks, WORKFLOWS / "lora_chain.json", ctx.paths.templates)
    dialogs.append(dialog)
    assert dialog.name_edit.text() == "Lora chain"
    dialog.rename("lora_1", "style_lora")
    dialog.set_used("lora_2", False)
    dialog.set_used("lora_2_strength", False)
    dialog.rename("lora_1_strength", "style_lora")  # a clash
    assert not dialog.save_button.isEnabled()
    assert "both named 'style_lora'" in dialog.problem.text()
    dialog.rename("lora_1_strength", "Bad Name")
    assert "is not valid" in dialog.problem.text()
    dialog.rename("lora_1_strength", "style_strength")
    dialog.name_edit.setText("")
    assert "name" in dialog.problem.text() and not dialog.save_button.isEnabled()
    dialog.name_edit.setText("Styled")
    assert dialog.save_button.isEnabled()

    saved: list[str] = []
    dialog.imported.connect(saved.append)
    dialog.save()
    qtbot.waitUntil(lambda: bool(saved), timeout=WAIT_MS)
    ctx.templates.reload()
    template = ctx.templates.get(saved[0])
    assert template.has_slot("style_lora") and template.has_slot("style_strength")
    assert not template.has_slot("lora_2") and not template.has_slot("lora_1")
    # A second import of the same name never replaces the first.
    again = open_dialog(qtbot, tasks, WORKFLOWS / "lora_chain.json", ctx.paths.templates)
    dialogs.append(again)
    again.name_edit.setText("Styled")
    more: list[str] = []
    again.imported.connect(more.append)
    again.save()
    qtbot.waitUntil(lambda: bool(more), timeout=WAIT_MS)
    assert more[0] != saved[0]
    assert default_name(Path("sdxl_refiner-v2.json")) == "Sdxl refiner v2"


# --- broken files ---

BROKEN = {
    "broken_not_json": "is not valid JSON (line 1, column 29)",
    "ui_format": EXPORT_HELP,
    "broken_cycle": "Nodes form a loop",
    "broken_dangling": "which is not in the workflow",
    "broken_empty": "is an empty workflow",
    "broken_unknown_node": "The server has no 'FaceDetailer' node",
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_file_gives_one_clear_message(
    qtbot: QtBot, name: str, ctx: AppContext, dialogs: list[ImportDialog], tasks: Tasks
) -> None:
    info = ObjectInfo(raw_object_info()) if name == "broken_unknown_node" else None
    dialog = open_dialog(qtbot, tasks, WORKFLOWS / f"{name}.json", ctx.paths.templates, info)
    dialogs.append(dialog)
    text = dialog.message.text()
    assert BROKEN[name] in text
    assert text == dialog.error()
    assert "Traceback" not in text and 'File "' not in text
    assert not dialog.save_button.isEnabled()
    assert dialog.table.isHidden()
    assert not list(ctx.paths.templates.glob("*.json"))


def test_a_file_that_is_not_text_or_missing_says_so(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path, dialogs: list[ImportDialog], tasks: Tasks
) -> None:
    binary = tmp_path / "picture.json"
    binary.write_bytes(b"\x00\x01\xfe\xff\x81")
    missing = tmp_path / "gone.json"
    for path, expected in ((binary, "not a text file"), (missing, "Cannot read gone.json")):
        dialog = open_dialog(qtbot, tasks, path, ctx.paths.templates)
        dialogs.append(dialog)
        assert expected in dialog.error()


# --- the window: File > Import and drops ---


def _drop(widget: Any, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    action, button = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton
    modifiers = Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPointF(30, 30).toPoint(), action, mime, button, modifiers)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(30, 30), action, mime, button, modifiers)
    assert widget.event(drop)
    assert drop.isAccepted()


def test_dropping_a_workflow_on_the_window_imports_it_and_selects_it(
    qtbot: QtBot, make_pool: PoolFactory, ctx: AppContext
) -> None:
    window = MainWindow(Services(ctx, make_pool(), load_settings(ctx.paths.settings)))
    qtbot.addWidget(window)
    try:
        import_action = next(a for a in window.actions() if a.text() == "Import workflow…")
        assert import_action.shortcut().toString() == "Ctrl+I"
        window.tabs.setCurrentWidget(window.history)
        _drop(window, WORKFLOWS / "sd15_basic.json")
        dialog = window.import_dialog
        assert dialog is not None
        qtbot.waitUntil(lambda: not dialog.loading, timeout=WAIT_MS)
        dialog.name_edit.setText("Dropped")
        dialog.save()
        qtbot.waitUntil(lambda: window.import_dialog is None, timeout=WAIT_MS)
        assert window.tabs.currentWidget() is window.generate
        template = window.generate.form.template()
        assert template is not None and template.name == "Dropped"
        assert window.generate.form.template_combo.currentText() == "Dropped"
        bind(template, window.generate.form.params(), job_id="x")  # a usable template
    finally:
        window.shutdown()
        window.thumbnails.shutdown()


# --- ComfyUI's own format: UI JSON and a PNG with only a workflow chunk (issue 17) ---


def _window_with_server(qtbot: QtBot, make_pool: PoolFactory, ctx: AppContext, fake: Any) -> Any:
    window = MainWindow(Services(ctx, make_pool(fake), load_settings(ctx.paths.settings)))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.generate.object_info() is not None, timeout=WAIT_MS)
    return window


def _save_dropped(qtbot: QtBot, window: Any, name: str) -> dict[str, Any]:
    """Save what the import dialog opened by a drop shows; the template's graph."""
    qtbot.waitUntil(lambda: window.import_dialog is not None, timeout=WAIT_MS)
    dialog = window.import_dialog
    qtbot.waitUntil(lambda: not dialog.loading, timeout=WAIT_MS)
    assert dialog.error() == ""
    assert {"prompt", "negative", "seed", "model"} <= set(dialog.slot_names())
    dialog.name_edit.setText(name)
    dialog.save()
    qtbot.waitUntil(lambda: window.import_dialog is None, timeout=WAIT_MS)
    template = window.generate.form.template()
    assert template is not None and template.name == name
    return {
        k: {"class_type": v["class_type"], "inputs": v["inputs"]} for k, v in template.graph.items()
    }


@pytest.mark.parametrize("kind", ["ui_json", "png_workflow_chunk"])
def test_dropping_comfyuis_own_format_is_converted_with_the_servers_node_list(
    qtbot: QtBot,
    kind: str,
    fake_comfy_factory: FakeFactory,
    make_pool: PoolFactory,
    ctx: AppContext,
    tmp_path: Path,
) -> None:
    """A workflow saved with ComfyUI's Save, as a file or inside a picture ComfyUI wrote, dropped
    onto the window: the import dialog converts it with the connected server's /object_info."""
    ui_file = WORKFLOWS / "ui_edge_reroute.json"
    expected = json.loads((WORKFLOWS / "ui_edge_reroute.api.json").read_text("utf-8"))
    dropped = ui_file
    if kind == "png_workflow_chunk":
        info = PngInfo()
        info.add_text("workflow", ui_file.read_text("utf-8"))  # no prompt, no studio chunk
        dropped = tmp_path / "from comfy.png"
        Image.new("RGB", (16, 16), "green").save(dropped, pnginfo=info)
    window = _window_with_server(qtbot, make_pool, ctx, fake_comfy_factory())
    try:
        _drop(window, dropped)
        assert _save_dropped(qtbot, window, f"Dropped {kind}") == expected
        assert window.tabs.currentWidget() is window.generate
    finally:
        window.shutdown()
        window.thumbnails.shutdown()
