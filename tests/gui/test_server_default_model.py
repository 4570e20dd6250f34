"""The Generate form's "Server's default model" choice: what a job queued before any server was
seen asks for, instead of the template's placeholder, against a real pool, store and the fake
ComfyUI."""

from __future__ import annotations

import html
import json
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import (
    GenerationParams,
    ImageRecord,
    Job,
    JobStatus,
    NewImage,
    NewJob,
)
from studio_desktop.core.servers import DEFAULT_SERVER_NAME, ServerConfig
from studio_desktop.core.settings import Settings
from studio_desktop.core.workflows import SERVER_DEFAULT_MODEL, resolve_defaults
from studio_desktop.core.workflows.defaults import server_models
from studio_desktop.ui.generate import GenerateTab
from studio_desktop.ui.history.details import JobDetails
from studio_desktop.ui.history.model import Column, HistoryModel
from studio_desktop.ui.history.table import JobTable, ModelCell
from studio_desktop.ui.services import Services
from studio_desktop.ui.thumbnails import ThumbnailLoader
from studio_desktop.ui.translations import compile_ts, install_translator, ts_file
from studio_desktop.workers.read_view import ReadView
from studio_desktop.workers.tasks import Tasks
from tests.fakes.comfy_server import FakeComfyServer
from tests.gui.conftest import PoolFactory, TabFactory, db
from tests.gui.test_gallery import action, open_gallery
from tests.gui.test_viewer_actions import open_viewer
from tests.gui.test_viewer_sweep_grid import details as viewer_rows

WAIT_MS = 20_000
DEFAULT_LABEL = "Server's default model"
FakeFactory = Callable[..., FakeComfyServer]
DATA = Path(__file__).resolve().parents[1] / "data"
RAW: dict[str, Any] = json.loads((DATA / "object_info.json").read_text(encoding="utf-8"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def closed_port_url() -> str:
    """The address of a ComfyUI that is not running (a port nothing listens on)."""
    return f"http://127.0.0.1:{free_port()}"


@pytest.fixture
def late_fake() -> Iterator[FakeComfyServer]:
    """A fake ComfyUI with a fixed port that the test starts later (request it before
    make_pool, so the pools stop first)."""
    fake = FakeComfyServer(
        port=free_port(), checkpoints=["first.safetensors", "second.safetensors"]
    )
    try:
        yield fake
    finally:
        fake.stop()


def jobs_in_store(ctx: AppContext) -> list[Job]:
    return list(reversed(db(ctx).list_jobs().items))  # oldest first


def wait_lists(qtbot: QtBot, tab: GenerateTab) -> None:
    qtbot.waitUntil(lambda: "Lists from" in tab.form.server_hint.text(), timeout=WAIT_MS)


def test_jobs_queued_offline_on_a_fresh_install_ask_for_the_servers_default_model(
    qtbot: QtBot, make_pool: PoolFactory, make_tab: TabFactory, ctx: AppContext
) -> None:
    # A fresh data folder; the one server (ComfyUI's usual address) has never answered.
    pool = make_pool(ServerConfig(closed_port_url(), DEFAULT_SERVER_NAME))
    tab = make_tab(pool)
    combo = tab.form.model_combo
    assert combo.currentText() == DEFAULT_LABEL
    assert combo.value() == SERVER_DEFAULT_MODEL
    tab.form.prompt_edit.setPlainText("a red cat, watercolor")
    assert tab.queue_button.isEnabled()

    assert tab.queue() == 1

    qtbot.waitUntil(lambda: len(jobs_in_store(ctx)) == 1, timeout=WAIT_MS)
    (job,) = jobs_in_store(ctx)
    assert job.params.model == SERVER_DEFAULT_MODEL
    assert "model.safetensors" not in json.dumps(job.params.to_dict())
    # The server that claims it later fills in its own first checkpoint.
    template = ctx.templates.get(job.template)
    resolved = resolve_defaults(job.params, template, server_models(ObjectInfo(RAW)))
    assert resolved.model == "random_sd15.safetensors"


def test_jobs_queued_offline_on_a_fresh_install_run_once_the_server_comes_up(
    qtbot: QtBot,
    late_fake: FakeComfyServer,
    make_pool: PoolFactory,
    make_tab: TabFactory,
    ctx: AppContext,
) -> None:
    pool = make_pool(ServerConfig(late_fake.url, DEFAULT_SERVER_NAME))
    tab = make_tab(pool)
    tab.form.prompt_edit.setPlainText("a red cat, watercolor")
    assert tab.queue() == 1
    qtbot.waitUntil(lambda: len(jobs_in_store(ctx)) == 1, timeout=WAIT_MS)
    (job,) = jobs_in_store(ctx)

    late_fake.start()

    def finished() -> bool:
        current = db(ctx).get_job(job.id)
        return current is not None and current.status.is_final

    qtbot.waitUntil(finished, timeout=WAIT_MS)
    done = db(ctx).get_job(job.id)
    assert done is not None
    assert done.status is JobStatus.COMPLETED, done.error
    assert done.params.model == SERVER_DEFAULT_MODEL  # a retry or remix asks the server again
    (submitted,) = late_fake.submitted
    assert submitted["prompt"]["4"]["inputs"]["ckpt_name"] == "first.safetensors"


def test_a_remix_of_a_job_on_the_servers_default_model_shows_that_choice(
    qtbot: QtBot,
    fake_comfy_factory: FakeFactory,
    make_pool: PoolFactory,
    make_tab: TabFactory,
) -> None:
    fake = fake_comfy_factory(checkpoints=["sdxl_base.safetensors", "sd15.safetensors"])
    pool = make_pool(fake)
    params = GenerationParams(prompt="a fox", model=SERVER_DEFAULT_MODEL)
    # Pinned to a server that is down, so it waits in the queue while it is remixed.
    (job,) = pool.enqueue([NewJob("txt2img", params, server=closed_port_url())]).result(timeout=10)
    tab = make_tab(pool)
    wait_lists(qtbot, tab)
    combo = tab.form.model_combo
    combo.set_value("sd15.safetensors")

    tab.load_job(job)

    assert combo.currentText() == DEFAULT_LABEL
    assert tab.form.params().model == SERVER_DEFAULT_MODEL
    (again,) = tab.form.new_jobs()
    assert again.params.model == SERVER_DEFAULT_MODEL
    # The check against the server accepts it: that server's first checkpoint stands in.
    tab.form.validate_now()
    assert tab.form.issues() == []
    assert tab.queue_button.isEnabled()


def test_with_a_server_the_default_is_the_first_option_before_its_models(
    qtbot: QtBot,
    fake_comfy_factory: FakeFactory,
    make_pool: PoolFactory,
    make_tab: TabFactory,
) -> None:
    fake = fake_comfy_factory(checkpoints=["sdxl_base.safetensors", "sd15.safetensors"])
    tab = make_tab(make_pool(fake))
    wait_lists(qtbot, tab)
    combo = tab.form.model_combo

    assert combo.names() == ["sdxl_base.safetensors", "sd15.safetensors"]
    items = [combo.itemText(i) for i in range(combo.count()) if combo.itemText(i)]
    assert items == [DEFAULT_LABEL, "sdxl_base.safetensors", "sd15.safetensors"]
    # A form that never had a model list takes the server's first name, as before.
    assert combo.value() == "sdxl_base.safetensors"

    combo.setCurrentIndex(0)
    assert combo.value() == SERVER_DEFAULT_MODEL
    tab.form.prompt_edit.setPlainText("x")
    qtbot.waitUntil(tab.queue_button.isEnabled, timeout=WAIT_MS)
    # New lists from the server keep a default the user chose.
    tab.refresh_server_lists()
    wait_lists(qtbot, tab)
    assert combo.value() == SERVER_DEFAULT_MODEL


def test_a_server_without_checkpoints_says_why_the_default_model_cannot_queue(
    qtbot: QtBot,
    fake_comfy_factory: FakeFactory,
    make_pool: PoolFactory,
    make_tab: TabFactory,
) -> None:
    fake = fake_comfy_factory(checkpoints=[])
    tab = make_tab(make_pool(fake))
    wait_lists(qtbot, tab)
    tab.form.prompt_edit.setPlainText("x")
    assert tab.form.model_combo.value() == SERVER_DEFAULT_MODEL

    why = "ComfyUI lists no checkpoints: put a model file in ComfyUI/models/checkpoints."
    qtbot.waitUntil(lambda: not tab.queue_button.isEnabled(), timeout=WAIT_MS)
    assert why in tab.queue_button.toolTip()
    assert tab.form.field_message("model") == why
    assert tab.queue() == 0
    assert not fake.submitted


@pytest.mark.parametrize(
    ("language", "label"), [("zh_CN", "服务器默认模型"), ("zh_TW", "伺服器預設模型")]
)
def test_the_default_choice_is_translated(
    language: str,
    label: str,
    qapp: QApplication,
    tmp_path: Path,
    make_pool: PoolFactory,
    make_tab: TabFactory,
) -> None:
    folder = tmp_path / "qm"
    compile_ts(ts_file(language), folder / f"studio_{language}.qm")
    installed = install_translator(qapp, language, folder)
    try:
        tab = make_tab(make_pool())
        assert tab.form.model_combo.currentText() == label
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


def details_text(details: JobDetails) -> str:
    return html.unescape(details.parameters.text())


def test_history_names_the_file_the_servers_default_model_was(
    qtbot: QtBot,
    fake_comfy_factory: FakeFactory,
    make_pool: PoolFactory,
    ctx: AppContext,
    thumbnails: ThumbnailLoader,
) -> None:
    """Seen by trying the app: a job queued from the command line without --model said only
    "Server's default model" in History, so nobody could tell which checkpoint made it."""
    fake = fake_comfy_factory(checkpoints=["sdxl_base.safetensors", "sd15.safetensors"])
    pool = make_pool(fake)
    services = Services(ctx, pool, Settings())
    params = GenerationParams(prompt="a fox", model=SERVER_DEFAULT_MODEL)
    (job,) = pool.enqueue([NewJob("txt2img", params)]).result(timeout=10)
    details = JobDetails(thumbnails, default_model_used=services.default_model_used)
    qtbot.addWidget(details)
    details.show_job(job)  # still waiting: no server has chosen yet
    assert "Server's default model" in details_text(details)

    def finished() -> bool:
        current = db(ctx).get_job(job.id)
        return current is not None and current.status.is_final

    qtbot.waitUntil(finished, timeout=WAIT_MS)
    done = db(ctx).get_job(job.id)
    assert done is not None and done.status is JobStatus.COMPLETED, done
    details.show_job(done)
    assert "sdxl_base.safetensors (the server's default)" in details_text(details)


def test_the_file_the_default_model_was_is_named_in_chinese(
    qtbot: QtBot,
    ctx: AppContext,
    make_pool: PoolFactory,
    thumbnails: ThumbnailLoader,
    simplified_chinese: None,
) -> None:
    services = Services(ctx, make_pool(), Settings())
    sent = sent_on_the_servers_default(ctx)
    details = JobDetails(thumbnails, default_model_used=services.default_model_used)
    qtbot.addWidget(details)
    details.show_job(sent)
    assert "a.safetensors（服务器默认模型）" in details_text(details)


def sent_on_the_servers_default(ctx: AppContext, file: str = "a.safetensors") -> Job:
    """A job on the server's default model, sent with a graph whose loader names `file`."""
    params = GenerationParams(prompt="x", model=SERVER_DEFAULT_MODEL)
    job = db(ctx).add_job(NewJob("txt2img", params))
    assert db(ctx).claim_next("http://127.0.0.1:1") is not None
    loader = {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": file}}
    return db(ctx).mark_sent(job.id, {"4": loader})


def add_default_model_image(ctx: AppContext, file: str = "a.safetensors") -> None:
    """An image of a job on the server's default model that the server ran with `file`."""
    job = sent_on_the_servers_default(ctx, file)
    metadata = {"studio": {"job_id": job.id, "params": job.params.to_dict()}}
    db(ctx).complete(job.id, [NewImage(0, "outputs/x.png", None, 64, 64, 10, "image", metadata)])


def test_the_viewer_names_the_file_the_servers_default_model_was(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory, thumbnails: ThumbnailLoader
) -> None:
    """The viewer left the Model row out for such an image (an empty model name)."""
    add_default_model_image(ctx)
    gallery = open_gallery(qtbot, ctx, make_pool(), thumbnails)
    viewer = open_viewer(qtbot, gallery, 0)
    try:  # the job is read in the background
        qtbot.waitUntil(
            lambda: viewer_rows(viewer).get("Model") == "a.safetensors (the server's default)",
            timeout=WAIT_MS,
        )
    finally:
        viewer.close()
        gallery.tab.shutdown()


def test_copy_parameters_names_the_file_the_servers_default_model_was(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory, thumbnails: ThumbnailLoader
) -> None:
    """Pasted into a chat, "Model: Server's default model" says nothing about the image."""
    add_default_model_image(ctx)
    gallery = open_gallery(qtbot, ctx, make_pool(), thumbnails)
    tab = gallery.tab
    try:
        got: list[list[ImageRecord]] = []
        tab.model.read_records([0], got.append, jobs=True)  # as the context menu reads them
        qtbot.waitUntil(lambda: bool(got), timeout=WAIT_MS)
        QGuiApplication.clipboard().clear()
        action(tab.build_menu(got[0]), "Copy parameters").trigger()
        assert "Model: a.safetensors (the server's default)" in (
            QGuiApplication.clipboard().text().splitlines()
        )
    finally:
        tab.shutdown()


def test_historys_model_column_names_the_file_the_servers_default_model_was(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory, tasks: Tasks
) -> None:
    """The column stayed empty for every job on the server's default model."""
    add_default_model_image(ctx)
    waiting = db(ctx).add_job(NewJob("txt2img", GenerationParams(prompt="y", model="")))
    services = Services(ctx, make_pool(), Settings())
    model = HistoryModel(ReadView(ctx.store), tasks, default_model_used=services.default_model_used)
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=WAIT_MS)

    def shown(row: int, role: Qt.ItemDataRole) -> object:
        return model.data(model.index(row, Column.MODEL), role)

    assert model.job(0).id == waiting.id  # newest first
    assert shown(0, Qt.ItemDataRole.DisplayRole) == ""  # not sent anywhere yet
    assert shown(0, Qt.ItemDataRole.ToolTipRole) == "Server's default model"
    assert shown(1, Qt.ItemDataRole.DisplayRole) == "a (default)"
    assert shown(1, Qt.ItemDataRole.ToolTipRole) == "a.safetensors (the server's default)"


def test_a_narrow_model_column_still_says_the_model_was_the_servers_default(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory, tasks: Tasks
) -> None:
    """What the user saw: "random_sd15 (default)" cut to "random_sd15…" in a column of the
    usual width, so nothing said the job had run on the server's default."""
    add_default_model_image(ctx, "dreamshaper_8_pruned_fp16.safetensors")
    services = Services(ctx, make_pool(), Settings())
    model = HistoryModel(ReadView(ctx.store), tasks, default_model_used=services.default_model_used)
    table = JobTable()
    qtbot.addWidget(table)
    table.setModel(model)
    table.fit_columns()
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=WAIT_MS)
    index = model.index(0, Column.MODEL)
    delegate = table.itemDelegateForColumn(Column.MODEL)
    assert isinstance(delegate, ModelCell)
    option = QStyleOptionViewItem()
    option.initFrom(table)
    option.widget = table
    option.rect = table.visualRect(index)
    delegate.initStyleOption(option, index)
    shown = option.text
    assert shown != "dreamshaper_8_pruned_fp16 (default)", "the usual width is too narrow for it"
    assert shown.startswith("dr") and shown.endswith("… (default)")
    assert option.fontMetrics.horizontalAdvance(shown) <= option.rect.width()
