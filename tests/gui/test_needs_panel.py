"""Missing models and node packs in the Generate tab: for a server we do not run, the URL and
the folder with Copy buttons; for the ComfyUI we run, Download with a progress bar into its
models/ folder (against a local HTTP server), cancel and a resuming retry; a missing pack's
repository and install commands."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from studio_desktop.core.workflows.needs import MissingPack
from studio_desktop.core.workflows.template import ModelFile, NodePack
from studio_desktop.ui.generate.needs_panel import NeedsPanel, file_size
from studio_desktop.workers.tasks import Tasks
from tests.fakes.comfy_server import FakeComfyServer
from tests.fakes.file_server import file_server
from tests.gui.conftest import PoolFactory, TabFactory
from tests.gui.test_validation_ui import WAIT_MS, connected_tab, fill_images

BODY = bytes(range(256)) * 800  # 200 KiB


def test_a_remote_server_gets_the_url_and_folder_to_copy(
    qtbot: QtBot,
    fake_comfy: FakeComfyServer,
    make_pool: PoolFactory,
    make_tab: TabFactory,
    tmp_path: Path,
) -> None:
    tab = connected_tab(qtbot, make_tab, make_pool(fake_comfy))
    assert tab.select_template("pose_change")
    fill_images(qtbot, tab, tmp_path)
    qtbot.waitUntil(lambda: bool(tab.needs.model_rows), timeout=WAIT_MS)
    (row,) = tab.needs.model_rows
    assert row.model.name == "control_v11p_sd15_openpose.pth"
    assert row.download_button is None  # not our ComfyUI: nothing to download into
    assert row.url_field is not None and row.folder_field is not None
    assert row.url_field.text() == row.model.url
    assert row.folder_field.text() == "models/controlnet"
    row.folder_field.button.click()
    assert QGuiApplication.clipboard().text() == "models/controlnet"
    row.url_field.button.click()
    assert QGuiApplication.clipboard().text() == row.model.url


def test_a_missing_pack_shows_its_repository_and_commands(
    qtbot: QtBot,
    fake_comfy: FakeComfyServer,
    make_pool: PoolFactory,
    make_tab: TabFactory,
    tmp_path: Path,
) -> None:
    tab = connected_tab(qtbot, make_tab, make_pool(fake_comfy))
    assert tab.select_template("head_swap")
    fill_images(qtbot, tab, tmp_path)
    qtbot.waitUntil(lambda: bool(tab.needs.pack_rows), timeout=WAIT_MS)
    (row,) = tab.needs.pack_rows
    assert "ReActor" in row.title.text()
    assert "github.com" in row.title.text()
    assert [c.text() for c in row.commands] == [
        "python custom_nodes/ComfyUI-Manager/cm-cli.py install comfyui-reactor",
        "comfy node install comfyui-reactor",
    ]
    row.commands[1].button.click()
    assert QGuiApplication.clipboard().text() == "comfy node install comfyui-reactor"
    # Its two model files are named with their folders (the template gives no address).
    assert [r.model.folder for r in tab.needs.model_rows] == ["insightface", "facerestore_models"]
    assert "comfyui-reactor" in tab.problem_list.plain_text()  # the message says it too


def _panel(qtbot: QtBot, tasks: Tasks, root: Path, model: ModelFile) -> NeedsPanel:
    panel = NeedsPanel(tasks)
    qtbot.addWidget(panel)
    panel.set_models_root(root)
    panel.set_needs([model], [])
    return panel


def test_download_into_the_managed_models_folder(qtbot: QtBot, tmp_path: Path) -> None:
    tasks = Tasks()
    root = tmp_path / "ComfyUI" / "models"
    try:
        with file_server({"/x.pth": BODY}) as (base, _state):
            model = ModelFile(
                "controlnet", "x.pth", url=base + "/x.pth", sha256=hashlib.sha256(BODY).hexdigest()
            )
            panel = _panel(qtbot, tasks, root, model)
            row = panel.row(model)
            assert row is not None and row.download_button is not None and row.bar is not None
            assert row.download_button.isVisibleTo(panel)
            with qtbot.waitSignal(panel.downloaded, timeout=WAIT_MS):
                row.download_button.click()
            state = panel.download_state("controlnet/x.pth")
            assert state is not None and state.done
            assert state.progress is not None and state.progress.done == len(BODY)
            assert row.bar.value() == row.bar.maximum()
            assert "100%" in row.bar.format()
            assert (root / "controlnet" / "x.pth").read_bytes() == BODY
    finally:
        tasks.shutdown()


def test_a_failed_download_says_why_and_retry_resumes(qtbot: QtBot, tmp_path: Path) -> None:
    tasks = Tasks()
    root = tmp_path / "models"
    try:
        with file_server({"/x.pth": BODY}) as (base, state):
            state.cut_after = 150_000  # two whole 64 KiB chunks reach the .part
            model = ModelFile("vae", "x.pth", url=base + "/x.pth")
            panel = _panel(qtbot, tasks, root, model)
            row = panel.row(model)
            assert row is not None and row.download_button is not None
            row.download_button.click()
            qtbot.waitUntil(lambda: bool(row.status.text()), timeout=WAIT_MS)
            assert "dropped" in row.status.text()
            assert row.download_button.text() == "Retry"
            with qtbot.waitSignal(panel.downloaded, timeout=WAIT_MS):
                row.download_button.click()
            assert state.requests[-1]["Range"].startswith("bytes=")
            assert (root / "vae" / "x.pth").read_bytes() == BODY
    finally:
        tasks.shutdown()


def test_cancel_stops_the_download_and_keeps_the_part(qtbot: QtBot, tmp_path: Path) -> None:
    tasks = Tasks()
    root = tmp_path / "models"
    try:
        with file_server({"/x.pth": BODY}) as (base, state):
            state.block_after = 20_000  # holds the rest until released
            model = ModelFile("vae", "x.pth", url=base + "/x.pth")
            panel = _panel(qtbot, tasks, root, model)
            row = panel.row(model)
            assert row is not None and row.download_button is not None
            assert row.cancel_button is not None
            row.download_button.click()
            assert state.blocked.wait(10)
            qtbot.waitUntil(lambda: row.cancel_button.isVisibleTo(panel), timeout=WAIT_MS)
            row.cancel_button.click()
            state.release.set()  # the worker sees the stop at its next chunk
            qtbot.waitUntil(lambda: "Cancelled" in row.status.text(), timeout=WAIT_MS)
            assert (root / "vae" / "x.pth.part").exists()
            assert not (root / "vae" / "x.pth").exists()
    finally:
        tasks.shutdown()


def test_sizes_read_like_download_pages() -> None:
    assert file_size(512) == "512 B"
    assert file_size(1_500_000) == "1.5 MB"
    assert file_size(4_200_000_000) == "4.2 GB"


def test_a_hinted_pack_shows_its_hint_and_no_command(qtbot: QtBot) -> None:
    tasks = Tasks()
    try:
        panel = NeedsPanel(tasks)
        qtbot.addWidget(panel)
        pack = NodePack("Audio", "https://github.com/x/y", ("A",), hint="install torchaudio")
        panel.set_needs([], [MissingPack(pack, ("A",))])
        (row,) = panel.pack_rows
        assert row.commands == []
    finally:
        tasks.shutdown()


def test_the_managed_server_gets_a_download_button(
    qtbot: QtBot,
    fake_comfy: FakeComfyServer,
    make_pool: PoolFactory,
    make_tab: TabFactory,
    tmp_path: Path,
) -> None:
    tab = connected_tab(qtbot, make_tab, make_pool(fake_comfy))
    root = tmp_path / "ComfyUI" / "models"
    asked: list[str] = []

    def ours(url: str) -> Path:
        asked.append(url)
        return root

    tab.models_root_for = ours  # as if the fake were the ComfyUI this app runs
    tab.refresh_server_lists()
    qtbot.waitUntil(lambda: tab.needs.models_root == root, timeout=WAIT_MS)
    assert asked == [fake_comfy.url]
    assert tab.select_template("pose_change")
    fill_images(qtbot, tab, tmp_path)
    qtbot.waitUntil(lambda: bool(tab.needs.model_rows), timeout=WAIT_MS)
    (row,) = tab.needs.model_rows
    assert row.download_button is not None and row.url_field is None
    assert row.download_button.isVisibleTo(tab)
