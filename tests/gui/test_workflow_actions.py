"""Export and copy a job's workflow from History and the Gallery, in ComfyUI's UI format and the
API format, against a real pool, store and the fake ComfyUI. What lands on the clipboard or in
the file is parsed as JSON and, for the UI format, converted back with the converter: it must be
the API graph the job sent."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu
from pytestqt.qtbot import QtBot

from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import GenerationParams, Job, JobStatus, NewJob
from studio_desktop.core.messages import message
from studio_desktop.core.settings import Settings
from studio_desktop.core.workflows.export import NO_OBJECT_INFO
from studio_desktop.core.workflows.ui_graph.convert import convert_ui_workflow
from studio_desktop.ui.gallery import GalleryTab
from studio_desktop.ui.history import HistoryTab
from studio_desktop.ui.services import Services
from studio_desktop.ui.texts import show_text
from studio_desktop.ui.thumbnails import ThumbnailLoader
from studio_desktop.ui.translations import compile_ts, install_translator, ts_file
from studio_desktop.ui.workflow_actions import add_workflow_actions
from studio_desktop.workers import WorkerPool
from tests.fakes.comfy_server import DEFAULT_OBJECT_INFO, FakeComfyServer
from tests.gui.conftest import PoolFactory, db
from tests.gui.test_gallery import action

WAIT_MS = 20_000
INFO = ObjectInfo(json.loads(DEFAULT_OBJECT_INFO.read_text(encoding="utf-8")))


def graph_of(api: Mapping[str, Any]) -> dict[str, Any]:
    return {str(k): {"class_type": v["class_type"], "inputs": v["inputs"]} for k, v in api.items()}


def converted(text: str) -> dict[str, Any]:
    """The API graph of a UI-format workflow as JSON text (what ComfyUI would queue)."""
    return graph_of(convert_ui_workflow(json.loads(text), INFO, "exported"))


@pytest.fixture
def loader(ctx: AppContext) -> Iterator[ThumbnailLoader]:
    thumbs = ThumbnailLoader(ctx.paths)
    yield thumbs
    thumbs.shutdown()


@dataclass
class SaveDialog:
    """The save dialog, patched: it answers with the next of `answers` and records the file
    name it suggested."""

    answers: list[Path] = field(default_factory=list)
    suggested: list[str] = field(default_factory=list)

    def __call__(self, *args: Any, **_kwargs: Any) -> tuple[str, str]:
        self.suggested.append(Path(str(args[2])).name)
        return str(self.answers.pop(0)), str(args[3])


@pytest.fixture
def save_as(monkeypatch: pytest.MonkeyPatch) -> SaveDialog:
    dialog = SaveDialog()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    return dialog


def clipboard_after(qtbot: QtBot, trigger: Any) -> str:
    QGuiApplication.clipboard().clear()
    trigger()
    qtbot.waitUntil(lambda: bool(QGuiApplication.clipboard().text()), timeout=WAIT_MS)
    return QGuiApplication.clipboard().text()


def run_one_job(qtbot: QtBot, ctx: AppContext, pool: WorkerPool, model: str) -> Job:
    params = GenerationParams(prompt="a lighthouse, 灯塔", model=model, steps=2, seed=7)
    (job,) = pool.enqueue([NewJob("txt2img", params)]).result(timeout=WAIT_MS / 1000)

    def completed() -> bool:
        found = db(ctx).get_job(job.id)
        return found is not None and found.status is JobStatus.COMPLETED

    qtbot.waitUntil(completed, timeout=WAIT_MS)
    done = db(ctx).get_job(job.id)
    assert done is not None and done.workflow is not None
    return done


def test_history_and_gallery_export_and_copy_both_formats(
    qtbot: QtBot,
    fake_comfy: FakeComfyServer,
    make_pool: PoolFactory,
    ctx: AppContext,
    loader: ThumbnailLoader,
    save_as: SaveDialog,
    tmp_path: Path,
) -> None:
    pool = make_pool(fake_comfy)
    job = run_one_job(qtbot, ctx, pool, fake_comfy.checkpoints[0])
    sent = graph_of(job.workflow or {})
    services = Services(ctx, pool, Settings())

    # History: the details pane's Workflow menu and the table's context menu.
    history = HistoryTab(services, loader)
    qtbot.addWidget(history)
    statuses: list[str] = []
    history.status_message.connect(lambda text, _ms: statuses.append(text))
    history.show()
    qtbot.waitUntil(lambda: history.select_job(job.id), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not history.busy, timeout=WAIT_MS)
    menu = history.details.workflow_menu
    assert converted(clipboard_after(qtbot, action(menu, "Copy workflow").trigger)) == sent
    assert "Workflow copied: paste it into ComfyUI" in statuses
    api = clipboard_after(qtbot, action(menu, "Copy API workflow").trigger)
    assert json.loads(api) == job.workflow

    ui_file, api_file = tmp_path / "flow.json", tmp_path / "flow-api"
    save_as.answers.extend([ui_file, api_file])
    action(menu, "UI format (opens in ComfyUI)…").trigger()
    qtbot.waitUntil(ui_file.is_file, timeout=WAIT_MS)
    assert converted(ui_file.read_text(encoding="utf-8")) == sent
    action(menu, "API format…").trigger()
    api_json = api_file.with_suffix(".json")  # the .json a name without one gets
    qtbot.waitUntil(api_json.is_file, timeout=WAIT_MS)
    assert json.loads(api_json.read_text(encoding="utf-8")) == job.workflow
    assert save_as.suggested[0].endswith(f"-{job.id[:8]}.json")
    assert save_as.suggested[1].endswith(f"-{job.id[:8]}-api.json")
    qtbot.waitUntil(lambda: statuses[-1].startswith("Workflow saved to"), timeout=WAIT_MS)

    # The same entries in the table's context menu, for the selected row.
    row_menu = QMenu()
    add_workflow_actions(row_menu, history._workflow_action_selected)
    assert converted(clipboard_after(qtbot, action(row_menu, "Copy workflow").trigger)) == sent

    # Gallery: the image's context menu.
    gallery = GalleryTab(services, loader)
    qtbot.addWidget(gallery)
    gallery.show()
    qtbot.waitUntil(lambda: gallery.model.loaded_rows() == 1, timeout=WAIT_MS)
    got: list[Any] = []
    gallery.model.read_records([0], got.append, jobs=True)
    qtbot.waitUntil(lambda: bool(got), timeout=WAIT_MS)
    image_menu = gallery.build_menu(got[0])
    assert converted(clipboard_after(qtbot, action(image_menu, "Copy workflow").trigger)) == sent
    api = clipboard_after(qtbot, action(image_menu, "Copy API workflow").trigger)
    assert json.loads(api) == job.workflow
    gallery_file = tmp_path / "from gallery.json"
    save_as.answers.append(gallery_file)
    action(image_menu, "UI format (opens in ComfyUI)…").trigger()
    qtbot.waitUntil(gallery_file.is_file, timeout=WAIT_MS)
    assert converted(gallery_file.read_text(encoding="utf-8")) == sent
    gallery.shutdown()


def test_without_a_server_the_ui_format_says_why_and_the_api_format_works(
    qtbot: QtBot,
    make_pool: PoolFactory,
    ctx: AppContext,
    loader: ThumbnailLoader,
    save_as: SaveDialog,
    tmp_path: Path,
) -> None:
    pool = make_pool()
    sent = {"3": {"class_type": "KSampler", "inputs": {"seed": 7, "text": "一只猫"}}}
    job = db(ctx).add_job(NewJob("txt2img", GenerationParams(prompt="sent, no output yet")))
    claimed = db(ctx).claim_next("http://127.0.0.1:1", can_run=lambda j: j.id == job.id)
    assert claimed is not None
    db(ctx).set_workflow(job.id, sent)
    waiting = db(ctx).add_job(NewJob("txt2img", GenerationParams(prompt="never sent")))
    history = HistoryTab(Services(ctx, pool, Settings()), loader)
    qtbot.addWidget(history)
    statuses: list[str] = []
    history.status_message.connect(lambda text, _ms: statuses.append(text))
    history.show()
    qtbot.waitUntil(lambda: history.select_job(job.id), timeout=WAIT_MS)
    menu = history.details.workflow_menu

    action(menu, "Copy workflow").trigger()
    qtbot.waitUntil(lambda: bool(statuses), timeout=WAIT_MS)
    assert statuses[-1].startswith("The UI format needs a connected ComfyUI server")
    assert QGuiApplication.clipboard().text() == ""
    assert json.loads(clipboard_after(qtbot, action(menu, "Copy API workflow").trigger)) == sent
    target = tmp_path / "sent.json"
    save_as.answers.append(target)
    action(menu, "API format…").trigger()
    qtbot.waitUntil(target.is_file, timeout=WAIT_MS)
    assert json.loads(target.read_text(encoding="utf-8")) == sent

    # A job not sent yet has no workflow: it says so, and asks for no file.
    assert history.select_job(waiting.id)
    action(history.details.workflow_menu, "API format…").trigger()
    assert len(save_as.suggested) == 1
    assert statuses[-1].startswith("This job has no workflow yet")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("zh_CN", ["导出工作流", "复制工作流", "复制 API 工作流"]),
        ("zh_TW", ["匯出工作流程", "複製工作流程", "複製 API 工作流程"]),
    ],
)
def test_the_workflow_entries_are_translated(
    code: str, expected: list[str], qapp: QApplication, tmp_path: Path
) -> None:
    compile_ts(ts_file(code), tmp_path / f"studio_{code}.qm")
    installed = install_translator(qapp, code, tmp_path)
    try:
        menu = QMenu()
        add_workflow_actions(menu, lambda _action: None)
        assert [a.text() for a in menu.actions()] == expected
        missing = message(NO_OBJECT_INFO)
        assert show_text(missing) != str(missing)  # the core's message, in Chinese
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
