"""The desktop app: QApplication, wiring, housekeeping, crash handling and the shutdown order.

Start-up: the data folder's one window (ui/one_window.py: a second start hands over to the
window already open) → store (migrated) → settings → logging and crash hooks → worker pool →
window → pool threads. Shutdown, exactly once: save window state → stop the pool (loops, queue
operations, threads, with a timeout) → thumbnails → the screens → background tasks (reads,
decodes, probes, exports, housekeeping) → close the store. SIGTERM, SIGINT and SIGHUP take the
same path with the queue kept (ui/stop_signals.py), and a logout asks for the window's state
first (commitDataRequest); the Generate form is also saved as the user works (MainWindow).
"""

from __future__ import annotations

import gc
import logging
import signal
import sys
import threading
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from studio_desktop import __version__
from studio_desktop.core.context import AppContext
from studio_desktop.core.engine import EngineConfig
from studio_desktop.core.errors import install_excepthooks
from studio_desktop.core.jobs import JobStatus
from studio_desktop.core.library.retention import run_retention
from studio_desktop.core.paths import PRIVATE_FOLDER_MODE, data_paths, resources_dir
from studio_desktop.core.servers import ServerConfig, pool_servers, register_servers
from studio_desktop.core.settings import Settings
from studio_desktop.core.store import StoreError
from studio_desktop.core.sweeps.assemble import assemble_finished
from studio_desktop.platform_check import missing_packages_message, missing_window_packages
from studio_desktop.ui.crash_dialog import CrashReporter
from studio_desktop.ui.first_run import FirstRunDialog
from studio_desktop.ui.gui_collector import GuiThreadCollector
from studio_desktop.ui.main_window import CloseChoice, MainWindow
from studio_desktop.ui.one_window import OneWindow, bring_forward, open_or_hand_over
from studio_desktop.ui.restart import start_again
from studio_desktop.ui.services import Services
from studio_desktop.ui.stop_signals import StopSignals
from studio_desktop.ui.texts import show_text
from studio_desktop.ui.theme import apply_theme
from studio_desktop.ui.translations import install_translator
from studio_desktop.workers.managed import ManagedChoice, ManagedController
from studio_desktop.workers.pool import WorkerPool

log = logging.getLogger("studio.app")

HOUSEKEEPING_INTERVAL_MS = 60 * 60 * 1000
SHUTDOWN_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class GuiOptions:
    data_dir: str | None = None
    crash_dialog: bool = True
    first_run: bool = True  # False for tests and the self-test: no modal first-run dialog
    servers: tuple[str, ...] = ()  # `--server URL`: registered (and enabled) before the pool starts


def servers_from(ctx: AppContext, settings: Settings) -> list[ServerConfig]:
    return list(pool_servers(ctx.store.list_servers(), settings.pipeline_depth).values())


class StudioApp:
    """Everything the running window owns, and the order in which it goes away."""

    def __init__(self, app: QApplication, ctx: AppContext, options: GuiOptions) -> None:
        self.app = app
        self.ctx = ctx
        self.settings = ctx.settings  # read (and a bad file kept aside) by AppContext.open
        self.crash = CrashReporter(enabled=options.crash_dialog)
        self._uninstall_hooks = install_excepthooks(ctx.paths.logs, self.crash.report)
        self._translators = install_translator(app, self.settings.language)
        apply_theme(app, self.settings.theme)
        register_servers(ctx.store, options.servers)
        self.pool = WorkerPool(
            ctx,
            servers_from(ctx, self.settings),
            config=EngineConfig(),
        )
        self.tasks = self.pool.tasks
        operations, settings = self.pool.operations, self.settings
        self.managed = ManagedController(
            ctx.paths.logs,
            self.tasks,
            register=lambda url: operations.register_managed(url, depth=settings.pipeline_depth),
        )
        self.services = Services(ctx, self.pool, self.settings, managed=self.managed)
        self.window = MainWindow(self.services)
        self.window.close_requested.connect(self._on_close_requested)
        self.window.restart_requested.connect(self.restart)
        self._close_accepted = False
        self._restart_after_shutdown = False
        self._housekeeping_timer = QTimer()
        self._housekeeping_timer.setInterval(HOUSEKEEPING_INTERVAL_MS)
        self._housekeeping_timer.timeout.connect(self._run_housekeeping)
        self._stopped = False
        self._finishing: QProgressDialog | None = None
        self._options = options
        # The data folder's one window (run_gui sets it; a test's StudioApp has none).
        self.one_window: OneWindow | None = None

    def start(self) -> None:
        self.window.show()
        if self.ctx.output_folder_error is not None:
            self.window.status.showMessage(
                QCoreApplication.translate(
                    "StudioApp",
                    "The output folder {folder} cannot be used; new images are saved in {default}.",
                ).format(
                    folder=self.ctx.output_folder_error.folder,
                    default=self.ctx.library.output_folder,
                ),
                0,  # until the next message: the user should notice where images go
            )
        elif self.ctx.start_problems:
            # A settings file kept aside, a template skipped, a log file that cannot be written:
            # the app runs on defaults; the first problem here, all of them in the log.
            self.window.status.showMessage(
                QCoreApplication.translate(
                    "StudioApp",
                    "Something could not be used at start, defaults are used instead "
                    "(the log has details): {problem}",
                ).format(problem=show_text(self.ctx.start_problems[0])),
                0,
            )
        self.pool.start()
        # From here any database session on the GUI thread, a read as much as a write, is a
        # bug (WrongThread, to the crash path): the widgets read through ReadView on Tasks and
        # write through the operations thread. The start-up reads before this point (the
        # servers for the pool, the pool's own start) happen once, before the window runs.
        self.ctx.store.forbid_thread(threading.current_thread(), reads=True)
        self._run_housekeeping()
        self._housekeeping_timer.start()
        # The ComfyUI chosen with "Use this one": Start uses it; started now when asked.
        self.managed.choose(ManagedChoice.from_settings(self.settings))
        if self.settings.managed_start_at_launch and self.managed.choice is not None:
            self.managed.start()
        if self._options.first_run and not self.settings.first_run_done:
            FirstRunDialog(self.services, self.window).open()

    def _run_housekeeping(self) -> None:
        ctx, settings = self.ctx, self.settings
        self.tasks.run(
            "housekeeping",
            lambda: run_retention(
                ctx,
                trash_days=settings.trash_retention_days,
                temp_hours=settings.temp_retention_hours,
            ),
        )  # nothing to show; a failure is logged
        # The grid of a sweep whose last cell ended while no process could make it (a kill
        # between the cell's commit and its grid) is made now; a no-op for every other sweep.
        self.tasks.run("housekeeping", lambda: assemble_finished(ctx.store, ctx.library))

    # --- closing ---

    def restart(self) -> None:
        """Close through the normal path (the user may still choose what happens to queued
        jobs, or stay), then start again once everything here has stopped."""
        self._restart_after_shutdown = True
        self.window.close()
        if not self._close_accepted:  # "Cancel" in the close question: no restart either
            self._restart_after_shutdown = False

    def _on_close_requested(self, choice: str) -> None:
        self._close_accepted = True
        if choice == CloseChoice.CANCEL_JOBS:
            self.pool.cancel_all()
            QTimer.singleShot(300, self.quit)  # let the cancels reach the servers
        elif choice == CloseChoice.FINISH:
            self._finish_then_quit()
        else:
            self.quit()

    def _finish_then_quit(self) -> None:
        dialog = QProgressDialog(
            QCoreApplication.translate("StudioApp", "Finishing the queue before quitting…"),
            QCoreApplication.translate("StudioApp", "Quit now (keep them queued)"),
            0,
            0,
            self.window,
        )
        dialog.setWindowTitle(QCoreApplication.translate("StudioApp", "Studio Desktop"))
        dialog.canceled.connect(self.quit)
        dialog.show()
        self._finishing = dialog
        self.window.queue_counts_changed.connect(self._quit_when_queue_empty)
        self._quit_when_queue_empty(self.window.queue_counts())

    def _quit_when_queue_empty(self, counts: dict[JobStatus, int]) -> None:
        active = sum(
            counts.get(s, 0) for s in (JobStatus.PENDING, JobStatus.RUNNING, JobStatus.RETRYING)
        )
        if self._finishing is not None:
            self._finishing.setLabelText(
                QCoreApplication.translate(
                    "StudioApp", "Finishing {n} jobs before quitting…"
                ).format(n=active)
            )
        if active == 0:
            self.quit()

    def stop_on_signal(self, number: int) -> None:
        """SIGTERM and the like (a logout, `kill`, Ctrl+C in the terminal): save the window
        and the form, keep queued jobs queued for the next start, stop in order. No question
        is asked: nobody may be there to answer it."""
        if self._stopped:
            return
        log.info("%s received: quitting, queued jobs stay queued", signal.Signals(number).name)
        self.save_window()
        self._close_accepted = True
        self.quit()

    def save_window(self) -> None:
        """The window and the form to settings.json now (also asked by the session manager
        before a logout); a failure is logged, the quit goes on."""
        try:
            self.window.save_state()
        except OSError as exc:
            log.warning("could not save the window's state: %s", exc)

    def quit(self) -> None:
        self.shutdown()
        self.window.allow_close()
        self.window.close()
        self.app.quit()

    def shutdown(self) -> None:
        """Stop everything in order; safe to call more than once."""
        if self._stopped:
            return
        self._stopped = True
        if self.one_window is not None:
            # A start from now on waits for this process to end instead of asking it to show.
            self.one_window.stop_answering()
        if self._finishing is not None:
            self._finishing.close()
        self._housekeeping_timer.stop()
        # ComfyUI stops on a thread of its own while the pool stops (the window is gone from
        # the user's view by now); waited for below, before the tasks and the store go.
        self.managed.begin_quit_stop()
        if not self.pool.shutdown(SHUTDOWN_TIMEOUT_S):
            log.warning("workers did not stop within %.0f s", SHUTDOWN_TIMEOUT_S)
        self.window.thumbnails.shutdown()
        self.window.shutdown()
        self.managed.wait_stopped()
        if not self.tasks.shutdown(SHUTDOWN_TIMEOUT_S):  # the pool's: stopped with it already
            log.warning("background tasks did not stop within %.0f s", SHUTDOWN_TIMEOUT_S)
        # Nothing else runs now: closing code (the self-test's clean-up) may use the store here.
        self.ctx.store.forbid_thread(None)
        self._uninstall_hooks()
        for translator in self._translators:  # a later window (a test's) starts clean
            self.app.removeTranslator(translator)
        self.crash.close()
        if self._restart_after_shutdown:
            # Every job is as committed and this process's owner lock goes with it: the new
            # process finishes or adopts them like after any other quit.
            start_again()


def qt_application() -> QApplication:
    """The QApplication with our names and theme (shared by the window and `--self-test`)."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Studio Desktop")
    app.setOrganizationName("StudioDesktop")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "studio.png")))
    apply_theme(app)
    return app


def _cannot_open_the_data_folder(exc: Exception) -> int:
    QMessageBox.critical(None, "Studio Desktop", f"Cannot open the data folder:\n\n{exc}")
    return 2


def run_gui(options: GuiOptions) -> int:
    missing = missing_window_packages()
    if missing:
        print(missing_packages_message(missing), file=sys.stderr)
        return 1
    app = qt_application()
    root = data_paths(options.data_dir).root
    try:
        # Only the folder the lock lives in (private from the start); the rest of the data
        # folder is made once, by AppContext.open, after the claim.
        root.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
        claim = open_or_hand_over(app, root)
    except OSError as exc:
        return _cannot_open_the_data_folder(exc)
    if isinstance(claim, int):  # the folder's window is open in another process
        return claim
    # Before any worker thread starts: cycles holding Qt objects are freed on this thread only
    # (ui/gui_collector.py says why).
    collector = GuiThreadCollector(parent=app)
    collector.start()
    try:
        ctx = AppContext.open(options.data_dir)
    except (StoreError, OSError) as exc:
        return _cannot_open_the_data_folder(exc)
    ctx.start_logging()
    log.info("Studio Desktop %s starting, data folder %s", __version__, ctx.paths.root)
    studio = StudioApp(app, ctx, options)
    studio.one_window = claim
    claim.show_requested.connect(lambda: bring_forward(studio.window))
    app.aboutToQuit.connect(studio.shutdown)
    # A logout: Qt asks to save before the session ends (Windows and macOS as much as Linux).
    app.commitDataRequest.connect(lambda _manager: studio.save_window())
    stop_signals = StopSignals(app)
    stop_signals.received.connect(studio.stop_on_signal)
    studio.start()
    # Everything built so far (modules, SQLAlchemy, the window's Qt wrappers: ~110k objects)
    # lives as long as the app. Freezing it takes it out of every later full collection, which
    # otherwise walks it all (~65 ms) on whatever thread allocates: on the GUI thread, a visible
    # hitch while scrolling the gallery (bench/gallery.py measures the longest stall).
    gc.freeze()
    try:
        return app.exec()
    finally:
        stop_signals.uninstall()
        studio.shutdown()
        ctx.close()
        claim.release()  # last: a start waiting for it finds everything closed
        collector.stop()
