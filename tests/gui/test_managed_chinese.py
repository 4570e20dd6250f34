"""A Chinese user of the managed ComfyUI saw English from the core: why a start failed, the
crash notice, the server's name. With the zh_CN translation installed as the app installs it,
the window shows them in Chinese (the causes, ComfyUI's own last lines, as printed), and the
first-run dialog stays open after a failed start with the user's choices kept."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QTextEdit
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.managed.process import Preset, ServerState
from studio_desktop.core.managed.registry import MANAGED_NAME
from studio_desktop.core.servers import DEFAULT_SERVER_NAME, ServerConfig
from studio_desktop.core.settings import load_settings
from studio_desktop.ui.first_run import FirstRunDialog
from studio_desktop.ui.main_window import MainWindow
from studio_desktop.ui.managed.installs import InstallPicker
from studio_desktop.ui.services import Services
from studio_desktop.ui.settings.server_model import ServerTableModel
from studio_desktop.ui.settings.servers_page import ServersPage
from studio_desktop.ui.texts import server_display_name
from studio_desktop.ui.translations import compile_ts, install_translator, ts_file
from studio_desktop.workers.managed import ManagedChoice
from tests.fakes.comfy_layouts import CRASH_NOW, FAIL_AT_START
from tests.gui.conftest import PoolFactory
from tests.gui.managed_helpers import WAIT_MS, free_port, use_first

pytestmark = pytest.mark.skipif(os.name == "nt", reason="the stand-in's process checks are POSIX")

MANAGED_ZH = "本机 ComfyUI（托管）"


@pytest.fixture
def chinese(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    """The zh_CN translation, compiled from the .ts and installed as the app does."""
    folder = tmp_path / "qm"
    compile_ts(ts_file("zh_CN"), folder / "studio_zh_CN.qm")
    installed = install_translator(qapp, "zh_CN", folder)
    yield
    for translator in installed:
        qapp.removeTranslator(translator)


def details_shown(box: QMessageBox) -> bool:
    edit = box.findChild(QTextEdit)
    return edit is not None and edit.isVisible()


def test_a_failed_start_reads_in_chinese_in_the_notice_and_the_log_panel(
    qtbot: QtBot, chinese: None, home: Path, managed_services: Services
) -> None:
    (home / "ComfyUI" / FAIL_AT_START).write_text("")
    window = MainWindow(managed_services)
    qtbot.addWidget(window)
    window.show()
    controller, badge, panel = managed_services.managed, window.managed_badge, window.managed_log
    assert controller is not None and badge is not None and panel is not None
    controller.choose(ManagedChoice(home / "ComfyUI", port=free_port()))

    badge.start_action.trigger()

    qtbot.waitUntil(lambda: badge.notice_box is not None, timeout=WAIT_MS)
    box = badge.notice_box
    assert box is not None
    assert box.text() == "ComfyUI 未能启动。"
    assert box.informativeText() == "ComfyUI 在启动过程中退出（退出代码 1）"
    # The cause, as ComfyUI printed it, open under the sentence.
    assert "stand-in told to fail" in box.detailedText() and details_shown(box)
    reason = "ComfyUI 未能启动：ComfyUI 在启动过程中退出（退出代码 1）"
    qtbot.waitUntil(lambda: panel.status.text() == reason, timeout=WAIT_MS)
    assert panel.status.ok is False
    assert badge.text() == "ComfyUI（本机）：失败"
    box.close()


def test_the_crash_notice_reads_in_chinese_with_the_last_lines(
    qtbot: QtBot, chinese: None, home: Path, managed_services: Services
) -> None:
    window = MainWindow(managed_services)
    qtbot.addWidget(window)
    window.show()
    controller, badge, panel = managed_services.managed, window.managed_badge, window.managed_log
    assert controller is not None and badge is not None and panel is not None
    controller.start(ManagedChoice(home / "ComfyUI", port=free_port()))
    qtbot.waitUntil(lambda: controller.state is ServerState.RUNNING, timeout=WAIT_MS)

    (home / "ComfyUI" / CRASH_NOW).write_text("")

    crash = "ComfyUI 意外停止（退出代码 3）；将在 0.05 秒后重启"
    qtbot.waitUntil(lambda: panel.status.text() == crash, timeout=WAIT_MS)
    box = badge.notice_box
    assert box is not None
    assert box.informativeText() == crash
    assert box.text() == "ComfyUI 意外停止；Studio Desktop 将在 0.05 秒后重启它。"
    assert "crashing as asked" in box.detailedText() and details_shown(box)
    back = f"ComfyUI 已在 {controller.url} 恢复运行"
    qtbot.waitUntil(lambda: panel.status.text() == back, timeout=WAIT_MS)
    assert panel.status.ok is True
    box.close()


def test_the_managed_server_is_named_in_chinese_and_stored_in_english(
    qtbot: QtBot, chinese: None, home: Path, ctx: AppContext, managed_services: Services
) -> None:
    page = ServersPage(managed_services)
    qtbot.addWidget(page)
    assert isinstance(page.installs, InstallPicker)
    use_first(qtbot, page.installs, free_port())

    def names() -> list[str]:
        model = page.model
        return [model.index(row, ServerTableModel.NAME).data() for row in range(model.rowCount())]

    qtbot.waitUntil(lambda: names() == [MANAGED_ZH], timeout=WAIT_MS)
    assert [r.name for r in page.model.records()] == [MANAGED_NAME]  # the identifier


def test_the_server_names_we_give_read_in_chinese_where_the_window_shows_them(
    qtbot: QtBot, chinese: None, make_pool: PoolFactory, ctx: AppContext
) -> None:
    managed_url, default_url = f"http://127.0.0.1:{free_port()}", f"http://127.0.0.1:{free_port()}"
    pool = make_pool(
        ServerConfig(managed_url, MANAGED_NAME),
        ServerConfig(default_url, DEFAULT_SERVER_NAME),
        ServerConfig(f"http://127.0.0.1:{free_port()}", "Ann's 4090"),
    )
    window = MainWindow(Services(ctx, pool, load_settings(ctx.paths.settings)))
    qtbot.addWidget(window)

    def names_shown() -> set[str]:
        """The server names the status bar's badges start with ("name · state")."""
        return {label.text().split(" · ")[0] for label in window.status.findChildren(QLabel)}

    want = {MANAGED_ZH, "本机 ComfyUI", "Ann's 4090"}  # a name the user typed, as typed
    qtbot.waitUntil(lambda: want <= names_shown(), timeout=WAIT_MS)
    assert not any("Local ComfyUI" in name for name in names_shown())
    assert window.queue_panel.model.server_name(managed_url) == MANAGED_ZH
    assert window.queue_panel.model.server_name(default_url) == "本机 ComfyUI"
    assert server_display_name("Ann's 4090") == "Ann's 4090"


def test_the_first_run_dialog_stays_with_the_reason_in_chinese_and_the_choices_kept(
    qtbot: QtBot, chinese: None, home: Path, managed_services: Services
) -> None:
    (home / "ComfyUI" / FAIL_AT_START).write_text("")
    dialog = FirstRunDialog(managed_services, url=f"http://127.0.0.1:{free_port()}")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.state == "missing", timeout=WAIT_MS)
    picker = dialog.installs
    assert picker is not None
    picker.preset.setCurrentIndex(picker.preset.findData(Preset.CPU.value))
    picker.extra_args.setText('--preview-method "auto')  # an unclosed quote first
    port = free_port()
    use_first(qtbot, picker, port)
    assert picker.progress.text() == "ComfyUI 未能启动：额外参数中有未闭合的引号"
    assert dialog.isVisible()

    picker.extra_args.setText("--preview-method auto")
    picker.use_buttons[0].click()
    controller = managed_services.managed
    assert controller is not None
    qtbot.waitUntil(lambda: controller.state is ServerState.FAILED, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "退出代码 1" in picker.progress.text(), timeout=WAIT_MS)
    assert picker.progress.text() == "ComfyUI 未能启动：ComfyUI 在启动过程中退出（退出代码 1）"
    assert "stand-in told to fail" in picker.last_lines.toPlainText()
    assert dialog.isVisible() and dialog.state == "missing"
    assert picker.port.value() == port
    assert picker.preset.currentData() == Preset.CPU.value
    assert picker.extra_args.text() == "--preview-method auto"
