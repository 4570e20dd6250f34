"""The window's managed ComfyUI with a stand-in ComfyUI folder (tests/fakes/comfy_layouts.py):
first run and Settings list it, "Use this one" starts it and registers one server entry, a
folder that is not ComfyUI says so, a failed start shows the log's last lines, the log panel
(live lines, find, copy, follow, cap), a crash gives a notice and comes back, and quitting the
app stops it: no child left."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from studio_desktop.app import GuiOptions, StudioApp
from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import JobStatus
from studio_desktop.core.managed.process import ServerState
from studio_desktop.core.managed.registry import MANAGED_NAME
from studio_desktop.core.managed.running import wait_gone
from studio_desktop.core.settings import Settings, load_settings, save_settings
from studio_desktop.ui.first_run import FirstRunDialog
from studio_desktop.ui.main_window import CloseChoice, MainWindow
from studio_desktop.ui.managed.installs import InstallPicker
from studio_desktop.ui.managed.log_panel import MAX_LINES, LogPanel
from studio_desktop.ui.services import Services
from studio_desktop.ui.settings.servers_page import ServersPage
from studio_desktop.workers.managed import ManagedChoice, ManagedController
from tests.fakes.comfy_layouts import CRASH_NOW, FAIL_AT_START, stand_in
from tests.gui.conftest import db
from tests.gui.managed_helpers import WAIT_MS, free_port, use_first

pytestmark = pytest.mark.skipif(os.name == "nt", reason="the stand-in's process checks are POSIX")


def test_first_run_lists_the_install_and_use_this_one_starts_and_registers_it(
    qtbot: QtBot, home: Path, ctx: AppContext, managed_services: Services
) -> None:
    dialog = FirstRunDialog(managed_services, url=f"http://127.0.0.1:{free_port()}")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.state == "missing", timeout=WAIT_MS)
    picker = dialog.installs
    assert picker is not None
    qtbot.waitUntil(lambda: bool(picker.installs), timeout=WAIT_MS)  # found off the GUI thread
    install = picker.installs[0]
    assert install.path == home / "ComfyUI" and install.version == "0.3.64"
    assert install.python == home / "ComfyUI" / "venv" / "bin" / "python"
    port = free_port()
    picker.preset.setCurrentIndex(picker.preset.findData("cpu"))
    picker.extra_args.setText("--preview-method auto")

    use_first(qtbot, picker, port)

    assert "Starting ComfyUI" in picker.progress.text() and picker.busy.isVisibleTo(picker)
    controller = managed_services.managed
    assert controller is not None
    url = f"http://127.0.0.1:{port}"
    qtbot.waitUntil(lambda: controller.state is ServerState.RUNNING, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: dialog.state == "found", timeout=WAIT_MS)
    assert url in dialog.found_line.text()
    qtbot.waitUntil(
        lambda: [(s.name, s.url) for s in db(ctx).list_servers()] == [(MANAGED_NAME, url)],
        timeout=WAIT_MS,
    )
    saved = load_settings(ctx.paths.settings)
    assert saved.managed_path == str(home / "ComfyUI")
    assert saved.managed_python == str(home / "ComfyUI" / "venv" / "bin" / "python")  # as found
    assert (saved.managed_port, saved.managed_preset) == (port, "cpu")
    assert saved.managed_args == "--preview-method auto" and saved.managed_start_at_launch


def test_a_start_on_another_port_moves_the_one_entry(
    qtbot: QtBot, home: Path, ctx: AppContext, managed_services: Services
) -> None:
    page = ServersPage(managed_services)
    qtbot.addWidget(page)
    picker = page.installs
    assert isinstance(picker, InstallPicker)
    controller = managed_services.managed
    assert controller is not None
    first, second = free_port(), free_port()
    use_first(qtbot, picker, first)
    qtbot.waitUntil(lambda: bool(db(ctx).list_servers()), timeout=WAIT_MS)
    controller.stop()
    qtbot.waitUntil(lambda: not controller.active, timeout=WAIT_MS)
    assert controller.state is ServerState.STOPPED
    use_first(qtbot, picker, second)
    want = [(MANAGED_NAME, f"http://127.0.0.1:{second}")]
    qtbot.waitUntil(
        lambda: [(s.name, s.url) for s in db(ctx).list_servers()] == want, timeout=WAIT_MS
    )
    qtbot.waitUntil(  # the page shows the registry the start left
        lambda: [r.url for r in page.model.records()] == [want[0][1]], timeout=WAIT_MS
    )


def test_a_folder_that_is_not_comfyui_says_so(
    qtbot: QtBot, home: Path, tmp_path: Path, managed_services: Services
) -> None:
    picker = InstallPicker(managed_services)
    qtbot.addWidget(picker)
    empty = tmp_path / "holiday photos"
    empty.mkdir()
    picker.check_folder(empty)
    qtbot.waitUntil(lambda: picker.folder_result.ok is False, timeout=WAIT_MS)
    assert f"{empty} is not a ComfyUI folder" in picker.folder_result.text()
    picker.check_folder(home / "ComfyUI")
    qtbot.waitUntil(lambda: picker.folder_result.ok is True, timeout=WAIT_MS)

    # A checkout with no venv beside it: listed, and the row says to name a python.
    bare = stand_in(tmp_path / "elsewhere")
    picker.check_folder(bare)
    qtbot.waitUntil(lambda: any(i.path == bare for i in picker.installs), timeout=WAIT_MS)
    texts = [label.text() for label in picker.findChildren(QLabel)]
    assert "<b>ComfyUI folder</b> · ComfyUI 0.3.64" in texts
    assert "No Python beside it: name one below" in texts


def test_a_failed_start_shows_the_last_log_lines(
    qtbot: QtBot, home: Path, managed_services: Services
) -> None:
    (home / "ComfyUI" / FAIL_AT_START).write_text("")
    picker = InstallPicker(managed_services)
    qtbot.addWidget(picker)
    use_first(qtbot, picker, free_port())
    controller = managed_services.managed
    assert controller is not None
    qtbot.waitUntil(lambda: controller.state is ServerState.FAILED, timeout=WAIT_MS)
    assert "ComfyUI did not start" in picker.progress.text()
    assert "exit code 1" in picker.progress.text()
    assert picker.last_lines.isVisibleTo(picker)
    assert "stand-in told to fail" in picker.last_lines.toPlainText()


def test_the_window_shows_the_live_log_and_a_crash_notice_then_the_restart(
    qtbot: QtBot, home: Path, managed_services: Services
) -> None:
    window = MainWindow(managed_services)
    qtbot.addWidget(window)
    window.show()
    controller, badge, panel = managed_services.managed, window.managed_badge, window.managed_log
    assert controller is not None and badge is not None and panel is not None
    assert not badge.isVisible()  # nothing chosen yet
    picker = InstallPicker(managed_services)
    qtbot.addWidget(picker)
    use_first(qtbot, picker, free_port())
    qtbot.waitUntil(lambda: controller.state is ServerState.RUNNING, timeout=WAIT_MS)
    assert badge.isVisible() and badge.text() == "ComfyUI (this computer): running"
    qtbot.waitUntil(lambda: "To see the GUI go to" in panel.view.toPlainText(), timeout=WAIT_MS)
    badge.log_action.trigger()
    assert window.log_dock is not None and window.log_dock.isVisible()

    (home / "ComfyUI" / CRASH_NOW).write_text("")

    qtbot.waitUntil(lambda: badge.notice_box is not None, timeout=WAIT_MS)
    box = badge.notice_box
    assert box is not None
    qtbot.waitUntil(lambda: "restarts it in" in box.text(), timeout=WAIT_MS)
    assert "crashing as asked" in box.detailedText()
    qtbot.waitUntil(lambda: box.text() == "ComfyUI is running again.", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: controller.state is ServerState.RUNNING, timeout=WAIT_MS)
    box.close()

    pid = controller.pid
    assert pid is not None
    badge.stop_action.trigger()
    qtbot.waitUntil(lambda: controller.state is ServerState.STOPPED, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: wait_gone(pid, 0), timeout=WAIT_MS)
    assert badge.text() == "ComfyUI (this computer): stopped" and badge.isVisible()
    qtbot.waitUntil(lambda: not controller.active, timeout=WAIT_MS)
    badge.start_action.trigger()  # the same choice again
    qtbot.waitUntil(lambda: controller.state is ServerState.RUNNING, timeout=WAIT_MS)
    assert controller.pid not in (None, pid)


def test_log_panel_finds_copies_follows_the_end_and_keeps_a_bounded_count(
    qtbot: QtBot, ctx: AppContext, tasks: object
) -> None:
    from studio_desktop.workers.tasks import Tasks

    assert isinstance(tasks, Tasks)
    controller = ManagedController(ctx.paths.logs, tasks)
    panel = LogPanel(controller)
    qtbot.addWidget(panel)
    panel.resize(600, 200)
    panel.show()
    controller.lines_added.emit([f"line {i}" for i in range(200)] + ["Error: out of memory"])
    assert panel.line_count() == 201
    assert panel.at_end()  # followed the end

    panel.find_field.setText("line 1")
    assert panel.matches.text().startswith("111 match")  # line 1, 10-19, 100-199
    assert panel.find_next() and panel.view.textCursor().selectedText() == "line 1"
    assert panel.find_next() and panel.view.textCursor().blockNumber() == 10
    assert panel.find_previous() and panel.view.textCursor().blockNumber() == 1
    panel.copy_selection()
    assert QGuiApplication.clipboard().text() == "line 1"
    panel.copy_all()
    assert QGuiApplication.clipboard().text().endswith("line 199\nError: out of memory")

    bar = panel.view.verticalScrollBar()
    bar.setValue(0)  # the user scrolled up: new lines do not move the view
    controller.lines_added.emit(["more"])
    assert bar.value() == 0
    bar.setValue(bar.maximum())
    controller.lines_added.emit(["and more"])
    assert panel.at_end()

    controller.lines_added.emit([f"x {i}" for i in range(MAX_LINES + 50)])
    assert panel.line_count() == MAX_LINES
    assert panel.view.document().lastBlock().text() == f"x {MAX_LINES + 49}"


def test_quitting_with_jobs_on_the_managed_server_asks_first(
    qtbot: QtBot, managed_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(managed_services)
    qtbot.addWidget(window)
    monkeypatch.setattr(ManagedController, "active", property(lambda _self: True))
    window._counts = {JobStatus.RUNNING: 1, JobStatus.PENDING: 2}
    choices: list[str] = []
    window.close_requested.connect(choices.append)
    answers: list[Callable[[QMessageBox], object]] = [
        lambda box: box.button(QMessageBox.StandardButton.Cancel).click(),
        lambda box: next(b for b in box.buttons() if b.text() == "Quit and stop server").click(),
    ]

    def answer() -> None:
        box = window.stop_server_box
        assert box.text() == "1 running and 2 waiting jobs."
        answers.pop(0)(box)

    QTimer.singleShot(0, answer)
    window.close()
    assert choices == []  # Cancel: the window stays
    QTimer.singleShot(0, answer)
    window.close()
    assert choices == [CloseChoice.KEEP]


def test_closing_the_app_stops_the_managed_server_and_leaves_no_child(
    qtbot: QtBot, home: Path, tmp_path: Path
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    data = tmp_path / "data"
    data.mkdir()
    port = free_port()
    save_settings(
        Settings(
            first_run_done=True,
            managed_path=str(home / "ComfyUI"),
            managed_port=port,
            managed_preset="cpu",
            managed_start_at_launch=True,
        ),
        data / "settings.json",
    )
    ctx = AppContext.open(data)
    try:
        studio = StudioApp(app, ctx, GuiOptions(crash_dialog=False, first_run=False))
        qtbot.addWidget(studio.window)
        studio.start()  # the saved choice starts at launch
        qtbot.waitUntil(lambda: studio.managed.state is ServerState.RUNNING, timeout=WAIT_MS)
        pid = studio.managed.pid
        assert pid is not None
        assert studio.managed.url == f"http://127.0.0.1:{port}"

        studio.window.close()  # no jobs: no question

        assert studio.tasks.closed  # shut down
        qtbot.waitUntil(lambda: wait_gone(pid, 0), timeout=WAIT_MS)
    finally:
        studio.shutdown()
        ctx.close()


def test_a_start_from_the_status_bar_that_fails_opens_a_notice_with_the_last_lines(
    qtbot: QtBot, home: Path, managed_services: Services
) -> None:
    (home / "ComfyUI" / FAIL_AT_START).write_text("")
    window = MainWindow(managed_services)
    qtbot.addWidget(window)
    window.show()
    controller, badge = managed_services.managed, window.managed_badge
    assert controller is not None and badge is not None
    controller.choose(ManagedChoice(home / "ComfyUI", port=free_port()))
    assert badge.isVisible() and badge.start_action.isEnabled()

    badge.start_action.trigger()  # no install list on screen: the notice says it

    qtbot.waitUntil(lambda: badge.notice_box is not None, timeout=WAIT_MS)
    box = badge.notice_box
    assert box is not None and box.text() == "ComfyUI did not start."
    assert "exit code 1" in box.informativeText()
    assert "stand-in told to fail" in box.detailedText()
    assert badge.text() == "ComfyUI (this computer): failed"
    box.close()


def test_a_missing_model_downloads_into_the_models_folder_of_the_comfyui_the_window_runs(
    qtbot: QtBot, home: Path, managed_services: Services
) -> None:
    window = MainWindow(managed_services)
    qtbot.addWidget(window)
    controller = managed_services.managed
    assert controller is not None
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    assert window.generate.models_root_for(url) is None  # not running: not ours to write

    picker = InstallPicker(managed_services)
    qtbot.addWidget(picker)
    use_first(qtbot, picker, port)
    qtbot.waitUntil(lambda: controller.state is ServerState.RUNNING, timeout=WAIT_MS)

    assert window.generate.models_root_for(url) == home / "ComfyUI" / "models"
    assert (
        window.generate.models_root_for(f"http://localhost:{port}/") == home / "ComfyUI" / "models"
    )
    assert window.generate.models_root_for(f"http://127.0.0.1:{free_port()}") is None
