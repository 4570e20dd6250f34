"""Servers and Settings: register servers against the fake ComfyUI (Test, edit, remove, enable)
with the running pool kept in step, and General values that survive a restart."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import DEFAULT_SERVER, AppContext
from studio_desktop.core.engine import JobFinished, ServerState, ServerStatus
from studio_desktop.core.jobs import GenerationParams, NewJob
from studio_desktop.core.servers import ServerConfig, gpu_label
from studio_desktop.core.settings import load_settings
from studio_desktop.ui.services import Services
from studio_desktop.ui.settings.dialog import SettingsDialog
from studio_desktop.ui.settings.server_edit import ServerEditDialog, ServerFields
from studio_desktop.ui.settings.server_model import ServerTableModel
from studio_desktop.workers.tasks import Tasks
from tests.fakes.comfy_server import FakeComfyServer
from tests.gui.conftest import PoolFactory, db

WAIT_MS = 15_000


def dead_url() -> str:
    """An address on this machine where nothing listens (connection refused at once)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def services(ctx: AppContext, make_pool: PoolFactory) -> Services:
    # Like the app with an empty registry: the pool runs the local default.
    pool = make_pool(ServerConfig(DEFAULT_SERVER, "Local ComfyUI"))
    return Services(ctx, pool, load_settings(ctx.paths.settings))


@pytest.fixture
def dialog(qtbot: QtBot, services: Services) -> SettingsDialog:
    widget = SettingsDialog(services)
    qtbot.addWidget(widget)
    return widget


class PoolWatch:
    """The pool's server signals, as they reach the GUI thread."""

    def __init__(self, services: Services) -> None:
        self.states: dict[str, ServerState] = {}
        self.removed: list[str] = []
        services.pool.server_changed.connect(self._changed)
        services.pool.server_removed.connect(self.removed.append)

    def _changed(self, status: ServerStatus) -> None:
        self.states[status.url] = status.state


def accept_with(monkeypatch: pytest.MonkeyPatch, fill: Callable[[ServerEditDialog], None]) -> None:
    """Make the modal Add/Edit dialog fill itself in and press OK."""

    def exec_(self: ServerEditDialog) -> int:
        fill(self)
        self.accept()
        return int(self.result())

    monkeypatch.setattr(ServerEditDialog, "exec", exec_)


def fill(name: str, url: str, auth: str = "") -> Callable[[ServerEditDialog], None]:
    def do(d: ServerEditDialog) -> None:
        d.name_field.setText(name)
        d.url_field.setText(url)
        d.auth_field.setText(auth)

    return do


# --- the Add/Edit dialog's Test button ---


def test_test_button_reports_the_gpu_of_a_live_server(
    qtbot: QtBot, fake_comfy: FakeComfyServer, tasks: Tasks
) -> None:
    edit = ServerEditDialog(set(), tasks=tasks)
    qtbot.addWidget(edit)
    edit.url_field.setText(fake_comfy.url + "/")
    edit.test_button.click()
    assert not edit.test_button.isEnabled()  # busy while the probe runs off the GUI thread
    qtbot.waitUntil(lambda: edit.test_result.ok is not None, timeout=WAIT_MS)

    text = edit.test_result.text()
    assert edit.test_result.ok is True
    assert text.startswith("Connected: ComfyUI 0.3.64, cpu, ")  # the fake's system_stats
    assert "GiB free" in text and "checkpoint" in text
    assert edit.test_button.isEnabled()
    assert edit.prober.wait()


def test_test_button_shows_why_a_server_is_down(qtbot: QtBot, tasks: Tasks) -> None:
    url = dead_url()
    edit = ServerEditDialog(set(), tasks=tasks)
    qtbot.addWidget(edit)
    edit.url_field.setText(url)
    edit.test_button.click()
    qtbot.waitUntil(lambda: edit.test_result.ok is not None, timeout=WAIT_MS)
    assert edit.test_result.ok is False
    assert f"Could not reach ComfyUI at {url}" in edit.test_result.text()
    assert edit.prober.wait()


def test_auth_header_is_a_password_field_and_reaches_the_server(
    qtbot: QtBot, fake_comfy_factory: Callable[..., FakeComfyServer], tasks: Tasks
) -> None:
    server = fake_comfy_factory(require_auth="Bearer s3cret")
    edit = ServerEditDialog(set(), tasks=tasks)
    qtbot.addWidget(edit)
    assert edit.auth_field.echoMode() == edit.auth_field.EchoMode.Password
    edit.url_field.setText(server.url)
    edit.auth_field.setText("Bearer s3cret")
    edit.test_button.click()
    qtbot.waitUntil(lambda: edit.test_result.ok is not None, timeout=WAIT_MS)
    assert edit.test_result.ok is True, edit.test_result.text()
    assert edit.fields().auth_header == "Bearer s3cret"
    assert edit.prober.wait()


def test_bad_and_duplicate_addresses_are_refused(qtbot: QtBot, tasks: Tasks) -> None:
    edit = ServerEditDialog({"http://127.0.0.1:9000"}, tasks=tasks)
    qtbot.addWidget(edit)
    edit.url_field.setText("not a url")
    edit.accept()
    assert edit.result() != QDialog.DialogCode.Accepted
    assert "is not a server address" in edit.test_result.text()
    edit.url_field.setText("http://127.0.0.1:9000/")
    edit.accept()
    assert "already in the list" in edit.test_result.text()
    edit.url_field.setText("http://127.0.0.1:9001")
    edit.accept()
    assert edit.result() == QDialog.DialogCode.Accepted
    assert edit.fields() == ServerFields("127.0.0.1:9001", "http://127.0.0.1:9001", None)


# --- the Servers page: store and pool ---


def press_apply(qtbot: QtBot, dialog: SettingsDialog) -> None:
    """Apply, and wait until the servers' writes have come back."""
    assert dialog.apply_button.isEnabled()
    dialog.apply_button.click()
    qtbot.waitUntil(dialog.servers_applied.done, timeout=WAIT_MS)


def test_add_test_edit_remove_persist_and_reach_the_pool(
    qtbot: QtBot,
    fake_comfy: FakeComfyServer,
    services: Services,
    dialog: SettingsDialog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = dialog.servers
    watch = PoolWatch(services)
    store = db(services.ctx)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.empty, timeout=WAIT_MS)

    accept_with(monkeypatch, fill("Fake GPU", fake_comfy.url))
    page.add_button.click()
    assert page.selected() is not None and store.list_servers() == []  # shown, not written
    press_apply(qtbot, dialog)
    qtbot.waitUntil(lambda: page.selected() is not None, timeout=WAIT_MS)
    [record] = store.list_servers()
    assert (record.name, record.url, record.enabled) == ("Fake GPU", fake_comfy.url, True)
    assert page.stack.currentWidget() is page.table
    selected = page.selected()
    # The registered server, not the whole row: the pool may already have written what it
    # learned on connecting (last state, GPU) after the page read it.
    assert selected is not None and (selected.id, selected.name, selected.url) == (
        record.id,
        record.name,
        record.url,
    )
    # The pool now runs the registered server instead of the implicit local default.
    qtbot.waitUntil(lambda: watch.states.get(fake_comfy.url) == ServerState.IDLE, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: DEFAULT_SERVER in watch.removed, timeout=WAIT_MS)
    model = page.model
    qtbot.waitUntil(lambda: model.index(0, model.STATE).data() == "Connected", timeout=WAIT_MS)
    assert model.index(0, model.GPU).data().startswith("cpu (")

    page.test_button.click()
    qtbot.waitUntil(lambda: page.test_result.ok is not None, timeout=WAIT_MS)
    assert page.test_result.text().startswith("Connected: ComfyUI 0.3.64, cpu")
    assert page.prober.wait()

    accept_with(monkeypatch, fill("Renamed", fake_comfy.url, "Bearer x"))
    page.edit_button.click()
    assert model.index(0, model.NAME).data() == "Renamed"
    press_apply(qtbot, dialog)
    edited = store.get_server(record.id)
    assert edited is not None
    assert (edited.name, edited.auth_header) == ("Renamed", "Bearer x")
    assert model.index(0, model.NAME).data() == "Renamed"

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    watch.removed.clear()
    page.remove_button.click()
    assert page.stack.currentWidget() is page.empty
    press_apply(qtbot, dialog)
    assert store.list_servers() == []
    # With nothing registered the pool falls back to the local default again.
    qtbot.waitUntil(lambda: fake_comfy.url in watch.removed, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: DEFAULT_SERVER in watch.states, timeout=WAIT_MS)


def test_adding_a_server_in_settings_does_not_touch_the_database_on_the_gui_thread(
    qtbot: QtBot,
    services: Services,
    dialog: SettingsDialog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What users saw: Add, Edit, Remove and the Enabled box stalled the dialog on the database
    (and a locked one froze it for the busy timeout). Here a GUI-thread session raises."""
    page = dialog.servers
    watch = PoolWatch(services)
    warnings = Warnings(monkeypatch)
    statuses: list[str] = []
    page.status_message.connect(lambda text, _ms: statuses.append(text))
    url = dead_url()

    page.register(ServerFields("Desk GPU", url, None))
    press_apply(qtbot, dialog)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)
    assert statuses == ["Added Desk GPU"]
    assert page.selected() is not None and page.selected().url == url  # type: ignore[union-attr]
    assert [r.url for r in db(services.ctx).list_servers()] == [url]
    qtbot.waitUntil(lambda: url in watch.states, timeout=WAIT_MS)  # the pool runs it

    # The Add dialog refuses an address in the table; the store still refuses one written
    # meanwhile (by the command line, say): off this thread, said in a message.
    page.register(ServerFields("Again", url, None))
    press_apply(qtbot, dialog)
    qtbot.waitUntil(lambda: bool(warnings.texts), timeout=WAIT_MS)
    assert warnings.texts == ["That address is already in the list."]
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)  # the registry again


def test_unchecking_enabled_stops_using_the_server(
    qtbot: QtBot,
    fake_comfy: FakeComfyServer,
    services: Services,
    dialog: SettingsDialog,
) -> None:
    page = dialog.servers
    watch = PoolWatch(services)
    page.register(ServerFields("Fake", fake_comfy.url, None))
    page.register(ServerFields("Other", dead_url(), None))
    press_apply(qtbot, dialog)
    qtbot.waitUntil(lambda: watch.states.get(fake_comfy.url) == ServerState.IDLE, timeout=WAIT_MS)

    model = page.model
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=WAIT_MS)
    index = model.index(0, model.ENABLED)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    press_apply(qtbot, dialog)
    qtbot.waitUntil(lambda: model.index(0, model.STATE).data() == "Not used", timeout=WAIT_MS)
    record = db(services.ctx).get_server_by_url(fake_comfy.url)
    assert record is not None and not record.enabled
    qtbot.waitUntil(lambda: fake_comfy.url in watch.removed, timeout=WAIT_MS)


def test_server_table_model_passes_the_model_tester(
    qtmodeltester: object, qtbot: QtBot, services: Services, dialog: SettingsDialog
) -> None:
    db(services.ctx).add_server("A", "http://127.0.0.1:9001")
    db(services.ctx).add_server("B", "http://127.0.0.1:9002", enabled=False)
    dialog.servers.reload()
    model = dialog.servers.model
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=WAIT_MS)
    assert model.rowCount() == 2 and model.rowCount(model.index(0, 0)) == 0
    assert model.index(1, model.STATE).data() == "Not used"
    assert model.index(0, model.STATE).data() == "Not checked yet"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Enabled"
    assert not model.setData(QModelIndex(), True)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    empty = ServerTableModel()
    qtmodeltester.check(empty)  # type: ignore[attr-defined]


# --- the General page ---


def test_general_values_persist_across_a_restart(
    qtbot: QtBot, services: Services, dialog: SettingsDialog
) -> None:
    general = dialog.general
    dialog.show_page("general")
    assert not dialog.apply_button.isEnabled()
    assert general.folder_field.text() == str(services.ctx.paths.root)
    assert general.folder_field.isReadOnly()

    general.thumbnail_size.setValue(224)
    general.trash_days.setValue(7)
    general.temp_hours.setValue(48)
    general.pipeline_depth.setValue(3)
    assert not general.language_hint.isVisibleTo(general)
    general.language.setCurrentIndex(general.language.findData("zh_TW"))
    assert general.language.currentText() == "繁體中文"
    assert general.language_hint.isVisibleTo(general)  # "needs a restart"
    general.notify.setChecked(False)
    assert dialog.apply_button.isEnabled()

    with qtbot.waitSignal(dialog.settings_changed, timeout=WAIT_MS):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() == QDialog.DialogCode.Accepted

    saved = load_settings(services.ctx.paths.settings)  # what the next start reads
    assert (saved.thumbnail_size, saved.trash_retention_days, saved.temp_retention_hours) == (
        224,
        7,
        48,
    )
    assert (saved.pipeline_depth, saved.language, saved.notify_when_batch_done) == (
        3,
        "zh_TW",
        False,
    )
    restarted = Services(services.ctx, services.pool, saved)
    again = SettingsDialog(restarted, page="general")
    qtbot.addWidget(again)
    assert again.current_page() is again.general
    assert again.general.values() == general.values()
    assert again.general.language.currentText() == "繁體中文"


def test_cancel_and_unchanged_apply_write_nothing(
    qtbot: QtBot, services: Services, dialog: SettingsDialog, tmp_path: Path
) -> None:
    path = services.ctx.paths.settings
    dialog.general.thumbnail_size.setValue(300)
    dialog.general.thumbnail_size.setValue(services.settings.thumbnail_size)
    assert not dialog.apply_button.isEnabled()  # back to the saved value: nothing to apply
    dialog.general.trash_days.setValue(9)
    dialog.reject()
    assert services.settings.trash_retention_days == 30
    assert not path.exists()


def test_gpu_label_drops_the_torch_device_decorations() -> None:
    assert gpu_label("cuda:0 NVIDIA GeForce RTX 4090 : cudaMallocAsync") == (
        "NVIDIA GeForce RTX 4090"
    )
    assert gpu_label("cpu") == "cpu"
    assert gpu_label("mps") == "mps"
    assert gpu_label(None) == ""


# --- the output folder ---


class Warnings:
    """QMessageBox.warning, recorded instead of shown (a modal box would block the test)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.texts: list[str] = []

        def warning(_parent: QWidget, _title: str, text: str, *_a: object) -> int:
            self.texts.append(text)
            return int(QMessageBox.StandardButton.Ok.value)

        monkeypatch.setattr(QMessageBox, "warning", warning)


def choose_in_dialog(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))


def press_ok(dialog: SettingsDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_output_folder_is_checked_saved_and_used_by_the_next_job(
    qtbot: QtBot,
    fake_comfy: FakeComfyServer,
    ctx: AppContext,
    make_pool: PoolFactory,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    services = Services(ctx, make_pool(fake_comfy), load_settings(ctx.paths.settings))
    dialog = SettingsDialog(services, page="general")
    qtbot.addWidget(dialog)
    row = dialog.general.output_folder
    assert row.field.text() == "" and row.field.placeholderText() == str(ctx.paths.outputs)
    assert not dialog.general.output_folder_warning.isVisibleTo(dialog.general)
    warnings = Warnings(monkeypatch)

    # A folder that cannot be created (a file where its parent should be) is refused.
    blocker = tmp_path / "a file"
    blocker.write_text("in the way")
    choose_in_dialog(monkeypatch, blocker / "images")
    row.choose_button.click()
    assert row.field.text() == str(blocker / "images")
    assert dialog.apply_button.isEnabled()
    press_ok(dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert len(warnings.texts) == 1
    assert f"cannot save images in {blocker / 'images'}" in warnings.texts[0]
    assert ctx.library.output_folder == ctx.paths.outputs
    assert not ctx.paths.settings.exists()

    # A good one is created, saved and handed to the library at once.
    chosen = tmp_path / "Pictures" / "Studio"
    choose_in_dialog(monkeypatch, chosen)
    row.choose_button.click()
    with qtbot.waitSignal(dialog.settings_changed, timeout=WAIT_MS):
        press_ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert len(warnings.texts) == 1
    assert chosen.is_dir() and not list(chosen.iterdir())  # no probe left behind
    assert load_settings(ctx.paths.settings).output_folder == str(chosen)
    assert ctx.library.output_folder == chosen

    job = NewJob(
        "txt2img", GenerationParams(prompt="to my folder", model=fake_comfy.checkpoints[0], steps=2)
    )
    with qtbot.waitSignal(services.pool.outputs_ready, timeout=WAIT_MS) as ready:
        services.pool.enqueue([job]).result(timeout=WAIT_MS / 1000)
    finished = ready.args[0] if ready.args else None
    assert isinstance(finished, JobFinished) and len(finished.images) == 1
    saved = ctx.paths.resolve(finished.images[0].path)
    assert saved.is_file() and saved.is_relative_to(chosen)
    assert Path(finished.images[0].path).is_absolute()

    # The next start shows it; "Use default" goes back.
    again = SettingsDialog(Services(ctx, services.pool, load_settings(ctx.paths.settings)))
    qtbot.addWidget(again)
    again_row = again.general.output_folder
    assert again_row.field.text() == str(chosen)
    assert not again.general.is_dirty()
    again_row.default_button.click()
    assert again_row.field.text() == "" and again.apply_button.isEnabled()
    press_ok(again)
    assert again.result() == QDialog.DialogCode.Accepted
    assert load_settings(ctx.paths.settings).output_folder == ""
    assert ctx.library.output_folder == ctx.paths.outputs


def test_output_folder_refuses_relative_paths_and_the_data_folder(
    qtbot: QtBot, services: Services, dialog: SettingsDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings = Warnings(monkeypatch)
    row = dialog.general.output_folder
    row.set_folder("relative/folder")
    assert not dialog.apply()
    row.set_folder(str(services.ctx.paths.logs))
    assert not dialog.apply()
    assert "is not a full path" in warnings.texts[0]
    assert "is inside the data folder" in warnings.texts[1]
    assert services.settings.output_folder == ""
    assert services.ctx.library.output_folder == services.ctx.paths.outputs
    assert not services.ctx.paths.settings.exists()


def test_a_folder_unusable_at_start_is_shown_and_can_be_retried(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # As after a start with the drive unplugged: the setting names it, the library uses outputs/.
    drive = tmp_path / "usb"
    services.settings.output_folder = str(drive)
    dialog = SettingsDialog(services, page="general")
    qtbot.addWidget(dialog)
    general = dialog.general
    assert general.output_folder_warning.isVisibleTo(general)
    assert str(services.ctx.paths.outputs) in general.output_folder_warning.text()
    assert not general.is_dirty()  # OK for another change does not trip over the folder

    choose_in_dialog(monkeypatch, drive)  # plugged back in: choosing it again retries
    general.output_folder.choose_button.click()
    assert dialog.apply_button.isEnabled()
    assert dialog.apply()
    assert services.ctx.library.output_folder == drive
    assert not general.output_folder_warning.isVisibleTo(general)
    assert not dialog.apply_button.isEnabled()


def test_a_language_chosen_without_restarting_still_offers_the_restart_next_time(
    qtbot: QtBot, services: Services
) -> None:
    """What the user saw: Chinese chosen, OK pressed instead of Restart now; the window stays
    English until the next start, and Settings opened again showed Chinese with no Restart now
    (the hint compared the choice with the saved setting, not the window's language)."""
    running = services.language
    other = "zh_CN" if running != "zh_CN" else "zh_TW"
    first = SettingsDialog(services)
    qtbot.addWidget(first)
    general = first.general
    general.language.setCurrentIndex(general.language.findData(other))
    with qtbot.waitSignal(first.settings_changed, timeout=WAIT_MS):
        first.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert load_settings(services.ctx.paths.settings).language == other

    again = SettingsDialog(services)
    qtbot.addWidget(again)
    general = again.general
    assert general.language.currentData() == other
    assert general.language_hint.isVisibleTo(general)
    assert general.restart_button.isVisibleTo(general)
    general.language.setCurrentIndex(general.language.findData(running))  # back: no restart
    assert not general.language_hint.isVisibleTo(general)
