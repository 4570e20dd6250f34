"""The assembled window: every screen wired together, state across restarts, clean shutdown."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studio_desktop.app import GuiOptions, StudioApp
from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import GenerationParams, JobStatus, NewJob
from studio_desktop.core.settings import Settings, load_settings, save_settings
from studio_desktop.core.store import Store, WrongThread
from studio_desktop.ui.main_window import MainWindow
from tests.fakes.comfy_server import FakeComfyServer
from tests.gui.conftest import db

from .conftest import PoolFactory, open_window

WAIT_MS = 20_000


def _stop(window: MainWindow) -> None:
    window.shutdown()
    window.thumbnails.shutdown()


def test_queue_from_generate_lands_in_gallery_and_history_and_remix_returns(
    qtbot: QtBot, fake_comfy: FakeComfyServer, make_pool: PoolFactory, ctx: AppContext
) -> None:
    pool = make_pool(fake_comfy)
    window = open_window(qtbot, ctx, pool)
    try:
        assert [window.tabs.tabText(i) for i in range(3)] == ["Generate", "Gallery", "History"]
        qtbot.waitUntil(lambda: window.generate.form.model_combo.names() != [], timeout=WAIT_MS)
        window.generate.form.prompt_edit.setPlainText("a lighthouse at dusk, 灯塔")
        assert window.generate.queue() == 1

        def completed() -> bool:
            jobs = db(ctx).list_jobs().items
            return bool(jobs) and jobs[0].status is JobStatus.COMPLETED

        qtbot.waitUntil(completed, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: window.gallery.model.rowCount() == 1, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: window.history.model.rowCount() == 1, timeout=WAIT_MS)
        qtbot.waitUntil(
            lambda: "0 waiting · 0 sampling" in window.status._queue.text(), timeout=WAIT_MS
        )

        # Remix from History puts the parameters back into Generate and shows it.
        window.generate.form.prompt_edit.setPlainText("something else")
        window.tabs.setCurrentWidget(window.history)
        job = db(ctx).list_jobs().items[0]
        window.history.remix_requested.emit(job.id)  # the job is read off the GUI thread
        qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.generate, timeout=WAIT_MS)
        assert window.generate.form.prompt_edit.toPlainText() == "a lighthouse at dusk, 灯塔"
        assert window.generate.form.params().seed == job.params.seed
    finally:
        _stop(window)


def test_the_status_bar_counts_follow_jobs_another_process_runs(
    qtbot: QtBot, make_pool: PoolFactory, ctx: AppContext
) -> None:
    """The status bar kept "0 waiting, 2 running" until a restart after a `generate` from the
    command line finished its jobs on the same data folder."""
    window = open_window(qtbot, ctx, make_pool())  # no server: the window runs nothing itself
    try:
        with Store(ctx.paths.database) as cli:
            jobs = cli.add_jobs(
                [NewJob("txt2img", GenerationParams(prompt=f"cli {i}")) for i in range(3)]
            )
            qtbot.waitUntil(
                lambda: "3 waiting · 0 sampling" in window.status._queue.text(), timeout=WAIT_MS
            )
            for _ in range(2):
                assert cli.claim_next("http://127.0.0.1:1") is not None
            qtbot.waitUntil(
                # Taken by the other process, not started on a server: not sampling.
                lambda: (
                    "1 waiting · 0 sampling · 2 waiting on server" in window.status._queue.text()
                ),
                timeout=WAIT_MS,
            )
            for job in jobs:
                cli.cancel(job.id)
            qtbot.waitUntil(
                lambda: "0 waiting · 0 sampling" in window.status._queue.text(), timeout=WAIT_MS
            )
        assert window.queue_panel.model.counts() == (0, 0, 0)
    finally:
        _stop(window)


def test_opening_the_window_with_100_queued_jobs_does_not_read_the_database_on_the_gui_thread(
    qtbot: QtBot, make_pool: PoolFactory, ctx: AppContext
) -> None:
    """`ctx` refuses every store session on this thread (WrongThread): the window, its queue,
    gallery and history read their first rows off it, and show the same counts as before."""
    db(ctx).add_jobs([NewJob("txt2img", GenerationParams(prompt=f"job {i}")) for i in range(100)])
    window = open_window(qtbot, ctx, make_pool())  # no server: the jobs stay queued
    try:
        qtbot.waitUntil(
            lambda: "100 waiting · 0 sampling" in window.status._queue.text(), timeout=WAIT_MS
        )
        assert window.queue_panel.model.rowCount() == 100
        assert window.queue_panel.summary.text() == "100 waiting · 0 sampling"
        assert window.queue_counts()[JobStatus.PENDING] == 100
        qtbot.waitUntil(lambda: window.history.model.rowCount() == 100, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: not window.gallery.model.is_loading_first_page(), timeout=WAIT_MS)
        assert window.gallery.model.rowCount() == 0
        assert window.gallery.stack.currentWidget() is window.gallery.empty
    finally:
        _stop(window)
        window.allow_close()  # no "jobs are still in the queue" question at teardown


def test_studio_app_refuses_gui_thread_reads_once_the_window_is_up(
    qtbot: QtBot, tmp_path: Path
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    ctx = AppContext.open(tmp_path / "data")
    try:
        with Store(ctx.paths.database) as other:  # queued before the window opens
            other.add_jobs([NewJob("txt2img", GenerationParams(prompt=f"j{i}")) for i in range(3)])
        studio = StudioApp(app, ctx, GuiOptions(crash_dialog=False, first_run=False))
        qtbot.addWidget(studio.window)
        studio.start()
        with pytest.raises(WrongThread):
            ctx.store.list_servers()
        qtbot.waitUntil(
            lambda: studio.window.queue_panel.model.counts() == (3, 0, 0), timeout=WAIT_MS
        )
        studio.shutdown()
        studio.window.allow_close()  # as `quit` does: no question about the queued jobs
    finally:
        ctx.close()


def restored(count: int) -> str:
    return QCoreApplication.translate("GalleryTab", "Restored %n image(s)", "", count)


def test_a_studio_app_that_shut_down_leaves_no_translator_behind(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Seen in a full test run: gallery tests read "Added 1 image to favourites" where they
    expected the untranslated "(s)" form, because a StudioApp of an earlier test had left its
    English plural file installed on the application."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    ctx = AppContext.open(tmp_path / "data")
    try:
        studio = StudioApp(app, ctx, GuiOptions(crash_dialog=False, first_run=False))
        qtbot.addWidget(studio.window)
        assert (
            QCoreApplication.translate("GalleryTab", "Restored %n image(s)", "", 2)
            == "Restored 2 images"
        )
        studio.shutdown()
        studio.window.allow_close()
        assert (
            QCoreApplication.translate("GalleryTab", "Restored %n image(s)", "", 2)
            == "Restored 2 image(s)"
        )
    finally:
        ctx.close()


def test_window_state_and_form_survive_a_restart(
    qtbot: QtBot, make_pool: PoolFactory, ctx: AppContext
) -> None:
    pool = make_pool()
    window = open_window(qtbot, ctx, pool)
    try:
        window.resize(1111, 777)
        window.generate.form.prompt_edit.setPlainText("keep me")
        window.tabs.setCurrentIndex(2)
        window.save_state()
    finally:
        _stop(window)

    again = open_window(qtbot, ctx, make_pool())
    try:
        assert again.generate.form.prompt_edit.toPlainText() == "keep me"
        assert again.tabs.currentIndex() == 2
        # Offscreen screens clamp sizes, so compare what was stored, not pixels.
        stored = load_settings(ctx.paths.settings).ui_state
        assert {"geometry", "window_state", "generate_splitter"} <= set(stored)
        assert again.restoreGeometry(again.saveGeometry())
    finally:
        _stop(again)


def test_studio_app_starts_and_shuts_down_once(qtbot: QtBot, tmp_path: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    ctx = AppContext.open(tmp_path / "data")
    try:
        studio = StudioApp(app, ctx, GuiOptions(crash_dialog=False, first_run=False))
        qtbot.addWidget(studio.window)
        studio.start()
        assert studio.pool.is_running
        assert studio.window.statusBar().isVisible()
        with pytest.raises(WrongThread):  # while it runs, a GUI-thread write is a bug
            ctx.store.add_server("x", "http://127.0.0.1:9")
        studio.shutdown()
        studio.shutdown()  # idempotent
        assert not studio.pool.is_running
        assert ctx.store.list_servers() == []  # after shutdown the store is free again
    finally:
        ctx.close()


def test_studio_app_says_when_the_output_folder_cannot_be_used(
    qtbot: QtBot, tmp_path: Path
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    blocker = tmp_path / "a file"
    blocker.write_text("in the way")
    data = tmp_path / "data"
    data.mkdir()
    save_settings(Settings(output_folder=str(blocker / "out")), data / "settings.json")
    ctx = AppContext.open(data)
    try:
        assert ctx.library.output_folder == ctx.paths.outputs
        studio = StudioApp(app, ctx, GuiOptions(crash_dialog=False, first_run=False))
        qtbot.addWidget(studio.window)
        studio.start()
        message = studio.window.statusBar().currentMessage()
        assert f"The output folder {blocker / 'out'} cannot be used" in message
        assert str(ctx.paths.outputs) in message
        studio.shutdown()
    finally:
        ctx.close()


def test_every_menu_command_a_user_repeats_has_a_shortcut(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory
) -> None:
    window = open_window(qtbot, ctx, make_pool(start=False))
    try:
        shortcuts = {
            a.text(): a.shortcut().toString()
            for a in window.actions()
            if not a.shortcut().isEmpty()
        }
        # Settings has one on every platform (no standard key on Windows or X11: Ctrl+,).
        assert window.settings_action.shortcut().toString() in ("Ctrl+,", "Ctrl+Shift+,")
        assert {"Ctrl+Return", "Esc", "Ctrl+I"} <= set(shortcuts.values())
    finally:
        _stop(window)


def test_the_first_window_fits_on_a_small_laptop_screen(
    qtbot: QtBot, make_pool: PoolFactory, ctx: AppContext
) -> None:
    """A first start opened 1400 × 900 whatever the screen: on a 1366 × 768 laptop the status bar
    and the Queue button were below the bottom edge."""
    window = open_window(qtbot, ctx, make_pool())
    try:
        screen = window.screen().availableGeometry()
        frame = window.frameGeometry()
        assert frame.height() <= screen.height()
        # The test screen (800 wide) is narrower than the window's content allows; it may not
        # shrink below that, but no wider than it must.
        narrowest = window.minimumSizeHint().width() + frame.width() - window.width()
        assert frame.width() <= max(screen.width(), narrowest)
        assert screen.contains(frame.center())
    finally:
        _stop(window)
