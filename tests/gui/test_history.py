"""The History tab against a real store (and a real pool with the fake ComfyUI where jobs run):
paging, status filter and search, details with parameters, outputs and per-node errors, remix,
retry, delete with Undo, and rows that follow the pool's signals."""

from __future__ import annotations

import html
import io
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QUrl
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import (
    GenerationParams,
    InputImage,
    Job,
    JobError,
    JobStatus,
    NewImage,
    NewJob,
)
from studio_desktop.core.prompts.dynamic import Mode
from studio_desktop.core.prompts.jobs import job_params
from studio_desktop.core.settings import Settings
from studio_desktop.core.store import WrongThread
from studio_desktop.core.store.filters import ALL_JOBS, JobFilter, Page
from studio_desktop.ui.history import HistoryTab
from studio_desktop.ui.history.details import error_html
from studio_desktop.ui.history.filters import ACTIVE
from studio_desktop.ui.history.model import Column, HistoryModel, StatusRole
from studio_desktop.ui.history.table import JobTable
from studio_desktop.ui.services import Services
from studio_desktop.ui.thumbnails import ThumbnailLoader
from studio_desktop.workers import WorkerPool
from studio_desktop.workers.read_view import ReadView
from studio_desktop.workers.tasks import Tasks
from tests.fakes.comfy_server import FakeComfyServer
from tests.gui.conftest import PoolFactory, db
from tests.gui.graph_options_shown import SHOWN, WITH_GRAPH_OPTIONS
from tests.gui.menus import menus_of, right_click_times

WAIT_MS = 20_000
SERVER = "http://127.0.0.1:1"


# --- building a history -----------------------------------------------------------------------


def png_bytes(colour: tuple[int, int, int], size: tuple[int, int] = (64, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def add_job(
    ctx: AppContext,
    prompt: str,
    status: JobStatus = JobStatus.COMPLETED,
    *,
    outputs: int = 1,
    error: JobError | None = None,
    seed: int = 42,
    negative: str = "",
) -> Job:
    """A job in the given state, made through the store (no server); completed ones get real
    outputs saved through the library."""
    params = GenerationParams(
        prompt=prompt, negative=negative, model="sd15.safetensors", seed=seed, steps=12
    )
    job = db(ctx).add_job(NewJob("txt2img", params))
    if status is JobStatus.PENDING:
        return job
    claimed = db(ctx).claim_next(SERVER, can_run=lambda j: j.id == job.id)
    assert claimed is not None and claimed.id == job.id
    if status is JobStatus.COMPLETED:
        images = []
        for index in range(outputs):
            saved = ctx.library.save_output(
                job.id, index, png_bytes((40 * index % 256, 120, 200)), created=job.created_at
            )
            assert saved.thumb_path is not None
            images.append(
                NewImage(
                    index=index,
                    path=ctx.paths.relative(saved.path),
                    thumb_path=ctx.paths.relative(saved.thumb_path),
                    width=saved.width,
                    height=saved.height,
                    bytes=saved.bytes,
                    kind=saved.kind,
                    metadata=saved.metadata,
                )
            )
        db(ctx).complete(job.id, images)
    elif status is JobStatus.FAILED:
        db(ctx).fail(job.id, error or JobError(type="execution_error", message="it broke"))
    elif status is JobStatus.CANCELLED:
        db(ctx).cancel(job.id)
    elif status is not JobStatus.RUNNING:
        raise ValueError(status)
    found = db(ctx).get_job(job.id)
    assert found is not None
    return found


# --- fixtures ---------------------------------------------------------------------------------


@dataclass
class History:
    tab: HistoryTab
    ctx: AppContext
    pool: WorkerPool
    qtbot: QtBot
    statuses: list[str]
    undos: list[tuple[str, Any]]
    remixes: list[str]

    def settle(self) -> None:
        """Wait for the tab's background reads (pages, the details pane's images)."""
        self.qtbot.waitUntil(lambda: not self.tab.busy, timeout=WAIT_MS)

    def shown(self) -> list[str]:
        self.settle()
        model = self.tab.model
        return [model.job(row).params.prompt for row in range(model.rowCount())]

    def status_of(self, job_id: str) -> JobStatus | None:
        row = self.tab.model.row_of(job_id)
        return None if row is None else JobStatus(self.tab.model.index(row, 0).data(StatusRole))


OpenHistory = Callable[..., History]


@pytest.fixture
def loader(ctx: AppContext) -> Iterator[ThumbnailLoader]:
    thumbs = ThumbnailLoader(ctx.paths)
    yield thumbs
    thumbs.shutdown()


@pytest.fixture
def open_history(qtbot: QtBot, ctx: AppContext, loader: ThumbnailLoader) -> Iterator[Any]:
    """`open_history(pool, page_size=...)`: the tab, shown, with its signals recorded."""

    def make(pool: WorkerPool, *, page_size: int = 100) -> History:
        tab = HistoryTab(Services(ctx, pool, Settings()), loader, page_size=page_size)
        qtbot.addWidget(tab)
        history = History(tab, ctx, pool, qtbot, [], [], [])
        tab.status_message.connect(lambda text, _ms: history.statuses.append(text))
        tab.undo_available.connect(lambda text, undo: history.undos.append((text, undo)))
        tab.remix_requested.connect(history.remixes.append)
        tab.resize(1100, 650)
        tab.show()
        qtbot.waitExposed(tab, timeout=WAIT_MS)
        history.settle()
        return history

    yield make


@pytest.fixture
def idle_pool(make_pool: PoolFactory) -> WorkerPool:
    """A pool with no servers: history works without one."""
    return make_pool()


def search(qtbot: QtBot, history: History, text: str) -> None:
    history.tab.filters.search.setText(text)
    history.tab.filters.search.returnPressed.emit()  # no need to wait for the typing pause
    history.settle()


@pytest.fixture
def tasks(qtbot: QtBot) -> Iterator[Tasks]:
    runner = Tasks()
    yield runner
    assert runner.shutdown(10)


def history_model(qtbot: QtBot, ctx: AppContext, tasks: Tasks, **kwargs: Any) -> HistoryModel:
    """A model over the real store, its first page read (off this thread)."""
    model = HistoryModel(ReadView(ctx.store), tasks, **kwargs)
    wait_loaded(qtbot, model)
    return model


def wait_loaded(qtbot: QtBot, model: HistoryModel) -> None:
    qtbot.waitUntil(lambda: not model.loading, timeout=WAIT_MS)


def fetch_more(qtbot: QtBot, model: HistoryModel) -> None:
    model.fetchMore(QModelIndex())
    wait_loaded(qtbot, model)


# --- the model --------------------------------------------------------------------------------


def test_model_passes_qtmodeltester(
    qtmodeltester: Any, qtbot: QtBot, ctx: AppContext, tasks: Tasks
) -> None:
    add_job(ctx, "a red fox", outputs=0)
    add_job(ctx, "a failed one", JobStatus.FAILED)
    add_job(ctx, "waiting", JobStatus.PENDING)
    add_job(ctx, "running", JobStatus.RUNNING)
    add_job(ctx, "cancelled", JobStatus.CANCELLED)
    model = history_model(qtbot, ctx, tasks, page_size=2)
    qtmodeltester.check(model)
    while model.canFetchMore(QModelIndex()):
        fetch_more(qtbot, model)
    qtmodeltester.check(model)
    assert model.rowCount() == 5


def test_model_pages_newest_first_without_duplicates(
    qtbot: QtBot, ctx: AppContext, tasks: Tasks
) -> None:
    db(ctx).add_jobs([NewJob("txt2img", GenerationParams(prompt=f"job {i}")) for i in range(250)])
    model = history_model(qtbot, ctx, tasks, page_size=100)
    assert model.rowCount() == 100
    assert model.canFetchMore(QModelIndex())
    fetch_more(qtbot, model)
    assert model.rowCount() == 200
    fetch_more(qtbot, model)
    assert model.rowCount() == 250
    assert not model.canFetchMore(QModelIndex())
    prompts = [model.job(r).params.prompt for r in range(250)]
    assert prompts == [f"job {i}" for i in reversed(range(250))]


def test_the_model_ignores_a_state_older_than_the_one_it_read(
    qtbot: QtBot, ctx: AppContext, tasks: Tasks
) -> None:
    queued = db(ctx).add_job(NewJob("txt2img", GenerationParams(prompt="x")))
    running = db(ctx).claim_next("http://127.0.0.1:1")
    assert running is not None
    model = HistoryModel(ReadView(ctx.store), tasks)  # reads the running state itself
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=WAIT_MS)
    model.upsert(queued)  # an event written before the model read the store
    assert model.job(0).status is JobStatus.RUNNING
    model.upsert(db(ctx).cancel(queued.id))
    assert model.job(0).status is JobStatus.CANCELLED


def test_history_paging_reads_off_the_gui_thread(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, open_history: OpenHistory
) -> None:
    """What users saw: scrolling down History froze the window while the next page was read
    (fetchMore ran the query on the GUI thread). Here any GUI-thread read raises WrongThread."""
    with pytest.raises(WrongThread):
        ctx.store.list_jobs()  # the guard is on for this thread
    db(ctx).add_jobs([NewJob("txt2img", GenerationParams(prompt=f"job {i}")) for i in range(90)])
    history = open_history(idle_pool, page_size=30)
    model = history.tab.model
    assert model.rowCount() == 30 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.loading  # the page is being read elsewhere; the GUI thread goes on
    qtbot.waitUntil(lambda: model.rowCount() == 60, timeout=WAIT_MS)
    history.tab.table.scrollToBottom()
    qtbot.waitUntil(lambda: not model.canFetchMore(QModelIndex()), timeout=WAIT_MS)
    assert history.shown() == [f"job {i}" for i in reversed(range(90))]


class GatedReads(ReadView):
    """The real store, but a page after the first waits until the test opens the gate: a page
    that is still being read when the user changes the filter."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx.store)
        self.gate = threading.Event()
        self.later_pages = 0

    def list_jobs(
        self, flt: JobFilter = ALL_JOBS, *, after_seq: int | None = None, limit: int = 100
    ) -> Page[Job]:
        if after_seq is not None:
            self.later_pages += 1
            assert self.gate.wait(WAIT_MS / 1000)
        return super().list_jobs(flt, after_seq=after_seq, limit=limit)


def test_a_page_that_arrives_after_the_filter_changed_is_dropped(
    qtbot: QtBot, ctx: AppContext, tasks: Tasks
) -> None:
    db(ctx).add_jobs([NewJob("txt2img", GenerationParams(prompt=f"cat {i}")) for i in range(30)])
    db(ctx).add_jobs([NewJob("txt2img", GenerationParams(prompt=f"dog {i}")) for i in range(5)])
    reads = GatedReads(ctx)
    model = HistoryModel(reads, tasks, page_size=10)
    wait_loaded(qtbot, model)
    model.fetchMore(QModelIndex())  # the next page of every job: held at the gate
    qtbot.waitUntil(lambda: reads.later_pages == 1, timeout=WAIT_MS)
    model.set_filter(JobFilter(text="dog"))
    wait_loaded(qtbot, model)
    assert [model.job(r).params.prompt for r in range(model.rowCount())] == [
        f"dog {i}" for i in reversed(range(5))
    ]
    reads.gate.set()  # the old page arrives now, for a filter no longer shown
    assert tasks.wait_idle(WAIT_MS / 1000)
    qtbot.waitUntil(lambda: not tasks.busy, timeout=WAIT_MS)  # every result delivered
    assert [model.job(r).params.prompt for r in range(model.rowCount())] == [
        f"dog {i}" for i in reversed(range(5))
    ]
    assert not model.canFetchMore(QModelIndex()) and not model.loading


def test_view_fetches_more_pages_as_it_scrolls(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, open_history: OpenHistory
) -> None:
    db(ctx).add_jobs([NewJob("txt2img", GenerationParams(prompt=f"job {i}")) for i in range(120)])
    history = open_history(idle_pool, page_size=30)
    table = history.tab.table
    assert history.tab.model.rowCount() < 120

    def scrolled_to_end() -> bool:
        table.scrollToBottom()
        return history.tab.model.rowCount() == 120

    qtbot.waitUntil(scrolled_to_end, timeout=WAIT_MS)


def test_columns_show_the_job(qtbot: QtBot, ctx: AppContext, tasks: Tasks) -> None:
    job = add_job(ctx, "a long\nprompt  with   spaces", seed=12345)
    model = history_model(qtbot, ctx, tasks)
    text = [model.index(0, c).data() for c in Column]
    assert text[Column.STATUS] == "Completed"
    assert text[Column.PROMPT] == "a long prompt with spaces"
    assert text[Column.TEMPLATE] == "txt2img"
    assert text[Column.MODEL] == "sd15"
    assert model.index(0, Column.MODEL).data(3) == "sd15.safetensors"
    assert text[Column.SERVER] == "127.0.0.1:1"
    assert text[Column.SEED] == "12345"
    # Sampling time; this job never reported its start on a server: its total, marked so.
    assert re.fullmatch(r"\d+:\d\d total", text[Column.DURATION])
    assert text[Column.CREATED] == job.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
    assert model.index(0, Column.PROMPT).data(3) == job.params.prompt  # ToolTipRole: in full
    assert model.index(0, Column.STATUS).data(1) is not None  # DecorationRole: the icon


def test_the_server_column_follows_the_names_the_user_gave(
    qtbot: QtBot, ctx: AppContext, tasks: Tasks
) -> None:
    add_job(ctx, "a fox")
    model = history_model(qtbot, ctx, tasks)
    assert model.index(0, Column.SERVER).data() == "127.0.0.1:1"
    with qtbot.waitSignal(model.dataChanged, timeout=WAIT_MS):
        model.set_server_names({"http://127.0.0.1:1": "gpu-box"})
    assert model.index(0, Column.SERVER).data() == "gpu-box"
    assert model.index(0, Column.SERVER).data(3) == "http://127.0.0.1:1"  # ToolTipRole


class PaintCounter(QObject):
    """Counts the paint events a widget gets."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.paints = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def settle_paints() -> None:
    for _ in range(3):  # posted layouts (zero timers), then the paints they ask for
        QApplication.processEvents()


def test_a_page_appended_below_the_screen_does_not_repaint_it(
    qtbot: QtBot, ctx: AppContext, tasks: Tasks
) -> None:
    """Qt repainted every cell on screen for each page added below it (most of a page's
    GUI-thread time); the rows shown stay painted, the new ones are there to scroll to, and
    anything that changes what is on screen still repaints it."""
    db(ctx).add_jobs([NewJob("txt2img", GenerationParams(prompt=f"job {i}")) for i in range(90)])
    model = history_model(qtbot, ctx, tasks, page_size=30)
    table = JobTable()
    qtbot.addWidget(table)
    table.setModel(model)
    table.resize(600, 300)  # about five rows
    table.show()
    qtbot.waitExposed(table)
    settle_paints()
    counter = PaintCounter(table.viewport())
    bar = table.verticalScrollBar()
    top_of_last_page = bar.maximum()

    fetch_more(qtbot, model)
    settle_paints()
    assert model.rowCount() == 60
    assert counter.paints == 0  # nothing on screen changed
    assert bar.maximum() > top_of_last_page  # the scroll range grew all the same
    table.scrollToBottom()
    settle_paints()
    assert counter.paints > 0
    # Reaching the bottom may have the view read the last page meanwhile (as a user's scroll
    # does): the last row is the last one once that read is in.
    wait_loaded(qtbot, model)
    table.scrollToBottom()
    settle_paints()
    assert table.rowAt(table.viewport().height() - 1) == model.rowCount() - 1

    table.scrollToTop()
    settle_paints()
    counter.paints = 0
    model.remove_ids([model.job(0).id])  # a row on screen goes: repainted
    settle_paints()
    assert counter.paints > 0


# --- filters and search -----------------------------------------------------------------------


def test_status_filter_and_search_including_chinese(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, open_history: OpenHistory
) -> None:
    add_job(ctx, "a red fox in the snow")
    add_job(ctx, "一只猫在窗台上", JobStatus.FAILED)
    add_job(ctx, "blue whale", JobStatus.CANCELLED)
    add_job(ctx, "小猫 and a dog", negative="blurry")
    add_job(ctx, "waiting fox", JobStatus.PENDING)
    history = open_history(idle_pool)
    filters = history.tab.filters
    assert len(history.shown()) == 5

    filters.set_status((JobStatus.FAILED,))
    assert history.shown() == ["一只猫在窗台上"]
    filters.set_status((JobStatus.COMPLETED,))
    assert history.shown() == ["小猫 and a dog", "a red fox in the snow"]
    filters.set_status(ACTIVE)
    assert history.shown() == ["waiting fox"]
    filters.set_status(())

    search(qtbot, history, "猫")  # one CJK character: too short for trigrams, LIKE finds it
    assert history.shown() == ["小猫 and a dog", "一只猫在窗台上"]
    search(qtbot, history, "一只猫")  # three characters: the FTS path
    assert history.shown() == ["一只猫在窗台上"]
    search(qtbot, history, "FOX")
    assert history.shown() == ["waiting fox", "a red fox in the snow"]
    search(qtbot, history, "blurry")  # the negative prompt counts too
    assert history.shown() == ["小猫 and a dog"]

    search(qtbot, history, "fox")
    filters.set_status((JobStatus.COMPLETED,))
    assert history.shown() == ["a red fox in the snow"]

    search(qtbot, history, "no such thing")
    assert history.tab.model.rowCount() == 0
    assert history.tab._stack.currentWidget() is history.tab._empty
    assert "match" in history.tab._empty.text()


def test_typing_searches_after_a_pause(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, open_history: OpenHistory
) -> None:
    add_job(ctx, "a red fox")
    add_job(ctx, "a blue whale")
    history = open_history(idle_pool)
    history.tab.filters.search.setText("whale")
    qtbot.waitUntil(lambda: history.shown() == ["a blue whale"], timeout=WAIT_MS)


def test_empty_history_says_what_to_do(idle_pool: WorkerPool, open_history: OpenHistory) -> None:
    history = open_history(idle_pool)
    assert history.tab._stack.currentWidget() is history.tab._empty
    assert "Generate" in history.tab._empty.text()
    assert history.tab.details._stack.currentWidget() is history.tab.details._empty


# --- details ----------------------------------------------------------------------------------


def test_details_show_parameters_and_output_thumbnails(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, open_history: OpenHistory
) -> None:
    job = add_job(ctx, "a lighthouse at dusk", outputs=2, seed=987654, negative="fog")
    history = open_history(idle_pool)
    assert history.tab.select_job(job.id)
    history.settle()
    details = history.tab.details
    assert details.job is not None and details.job.id == job.id
    assert details.prompt.text() == "a lighthouse at dusk"
    assert details.negative.text() == "fog" and details.negative.isVisible()
    params = details.parameters.text()
    for expected in ("987654", "sd15.safetensors", "euler", "512 × 512", "12", job.id):
        assert expected in params
    assert not details.error.isVisible()
    assert not details.retry_button.isEnabled()
    assert details.delete_button.isEnabled()
    assert len(details.outputs.sources()) == 2
    labels = list(details.outputs._labels.values())
    qtbot.waitUntil(
        lambda: all(label.pixmap() is not None and not label.pixmap().isNull() for label in labels),
        timeout=WAIT_MS,
    )


def test_details_list_only_what_the_template_uses(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, open_history: OpenHistory
) -> None:
    """Denoise was listed for text-to-image jobs, which have none (issue 11); the server's
    default model showed as a dash."""
    job = add_job(ctx, "a lighthouse at dusk")
    default_model = db(ctx).add_job(
        NewJob("txt2img", GenerationParams(prompt="any model will do", model=""))
    )
    history = open_history(idle_pool)
    details = history.tab.details
    assert history.tab.select_job(job.id)
    qtbot.waitUntil(lambda: details.job is not None and details.job.id == job.id, timeout=WAIT_MS)
    assert "Steps" in details.parameters.text()
    assert "Denoise" not in details.parameters.text()
    history.settle()
    assert history.tab.select_job(default_model.id)
    qtbot.waitUntil(
        lambda: details.job is not None and details.job.id == default_model.id, timeout=WAIT_MS
    )
    assert "Server's default model" in html.unescape(details.parameters.text())


@pytest.mark.parametrize("fault", ["reject_prompt", "runtime_error"])
def test_a_failed_job_shows_the_servers_error(
    qtbot: QtBot,
    fake_comfy: FakeComfyServer,
    make_pool: PoolFactory,
    ctx: AppContext,
    open_history: OpenHistory,
    fault: str,
) -> None:
    setattr(fake_comfy.faults, fault, True)
    pool = make_pool(fake_comfy)
    history = open_history(pool)
    params = GenerationParams(prompt="a broken one", model=fake_comfy.checkpoints[0], steps=2)
    (job,) = pool.enqueue([NewJob("txt2img", params)]).result(timeout=WAIT_MS / 1000)
    qtbot.waitUntil(lambda: history.status_of(job.id) is JobStatus.FAILED, timeout=WAIT_MS)
    assert history.tab.select_job(job.id)
    details = history.tab.details
    assert details.error.isVisible()
    assert details.retry_button.isEnabled()
    stored = db(ctx).get_job(job.id)
    assert stored is not None and stored.error is not None
    text = details.error.text()
    if fault == "reject_prompt":
        nodes = stored.error.details
        assert isinstance(nodes, list) and nodes
        for node in nodes:
            assert f"Node {node['node_id']} · {node['class_type']}" in text
            for entry in node["errors"]:
                assert entry["message"] in text
                if entry["input_name"]:
                    assert f"<b>{entry['input_name']}</b>" in text
    else:
        assert stored.error.node_id is not None
        assert "failed" in text and f"node {stored.error.node_id}" in text


def test_error_html_lists_nodes_and_inputs_and_escapes() -> None:
    error = JobError(
        type="prompt_outputs_failed_validation",
        message="Prompt outputs failed validation",
        node_id="4",
        details=[
            {
                "node_id": "4",
                "class_type": "CheckpointLoaderSimple",
                "errors": [
                    {
                        "type": "value_not_in_list",
                        "message": "Value not in list",
                        "details": "ckpt_name: '<x>.safetensors' not in " + "['a'] " * 200,
                        "input_name": "ckpt_name",
                    }
                ],
            },
            {"node_id": "9", "class_type": "SaveImage", "errors": []},
        ],
    )
    text = error_html(error)
    assert "Node 4 · CheckpointLoaderSimple" in text
    assert "• <b>ckpt_name</b>: Value not in list" in text
    assert "&lt;x&gt;.safetensors" in text and "<x>" not in text
    assert "…" in text  # long details are clipped
    assert "Node 9 · SaveImage" in text


# --- actions ----------------------------------------------------------------------------------


def test_remix_emits_the_job_id(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, open_history: OpenHistory
) -> None:
    job = add_job(ctx, "remix me")
    history = open_history(idle_pool)
    history.tab.select_job(job.id)
    history.settle()
    with qtbot.waitSignal(history.tab.remix_requested, timeout=WAIT_MS) as signal:
        history.tab.details.remix_button.click()
    assert signal.args == [job.id]


def test_retry_runs_a_failed_job_again(
    qtbot: QtBot,
    fake_comfy: FakeComfyServer,
    make_pool: PoolFactory,
    ctx: AppContext,
    open_history: OpenHistory,
) -> None:
    fake_comfy.faults.reject_prompt = True
    pool = make_pool(fake_comfy)
    history = open_history(pool)
    params = GenerationParams(prompt="second time lucky", model=fake_comfy.checkpoints[0])
    (job,) = pool.enqueue([NewJob("txt2img", params)]).result(timeout=WAIT_MS / 1000)
    qtbot.waitUntil(lambda: history.status_of(job.id) is JobStatus.FAILED, timeout=WAIT_MS)
    rows = history.tab.model.rowCount()
    fake_comfy.faults.reject_prompt = False
    history.tab.select_job(job.id)
    history.tab.details.retry_button.click()
    qtbot.waitUntil(lambda: history.status_of(job.id) is JobStatus.COMPLETED, timeout=WAIT_MS)
    assert history.tab.model.rowCount() == rows  # updated in place, not added again
    details = history.tab.details
    assert details.job is not None and details.job.status is JobStatus.COMPLETED
    qtbot.waitUntil(lambda: len(details.outputs.sources()) == 1, timeout=WAIT_MS)
    assert not details.error.isVisible()


def test_retry_under_the_failed_filter_takes_the_row_out(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, open_history: OpenHistory
) -> None:
    job = add_job(ctx, "failed once", JobStatus.FAILED)
    history = open_history(idle_pool)
    history.tab.filters.set_status((JobStatus.FAILED,))
    history.settle()
    assert history.tab.select_job(job.id)
    history.tab.retry_selected()
    qtbot.waitUntil(lambda: history.tab.model.rowCount() == 0, timeout=WAIT_MS)
    stored = db(ctx).get_job(job.id)
    assert stored is not None and stored.status is JobStatus.PENDING


def test_retry_with_17_rows_selected_retries_all_17(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, open_history: OpenHistory
) -> None:
    """The Retry button of the details pane retried only the job it showed (issue 11)."""
    failed = [add_job(ctx, f"failed {n}", JobStatus.FAILED) for n in range(17)]
    history = open_history(idle_pool)
    history.tab.table.selectAll()
    qtbot.waitUntil(lambda: len(history.tab.selected_jobs()) == 17, timeout=WAIT_MS)
    details = history.tab.details
    qtbot.waitUntil(lambda: details.retry_button.isEnabled(), timeout=WAIT_MS)
    details.retry_button.click()
    qtbot.waitUntil(
        lambda: all(history.status_of(j.id) is JobStatus.PENDING for j in failed),
        timeout=WAIT_MS,
    )


def test_a_cancelled_job_can_be_retried_from_the_window(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, open_history: OpenHistory
) -> None:
    """`studio-desktop retry` takes cancelled jobs; the window's Retry stayed greyed out."""
    job = add_job(ctx, "cancelled by mistake", JobStatus.CANCELLED)
    history = open_history(idle_pool)
    assert history.tab.select_job(job.id)
    details = history.tab.details
    qtbot.waitUntil(lambda: details.retry_button.isEnabled(), timeout=WAIT_MS)
    details.retry_button.click()
    qtbot.waitUntil(lambda: history.status_of(job.id) is JobStatus.PENDING, timeout=WAIT_MS)


def test_delete_then_undo(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, open_history: OpenHistory
) -> None:
    a = add_job(ctx, "first")
    b = add_job(ctx, "second", JobStatus.FAILED)
    waiting = add_job(ctx, "still waiting", JobStatus.PENDING)
    history = open_history(idle_pool)
    table = history.tab.table
    table.selectAll()
    history.tab.delete_selected()
    assert history.shown() == ["still waiting"]  # a waiting job is not deleted
    qtbot.waitUntil(lambda: [j.id for j in db(ctx).list_jobs().items] == [waiting.id])
    ((text, undo),) = history.undos
    assert "2" in text
    undo()
    qtbot.waitUntil(lambda: history.shown() == ["still waiting", "second", "first"])
    assert {j.id for j in db(ctx).list_jobs().items} == {a.id, b.id, waiting.id}

    history.tab.select_job(waiting.id)
    history.tab.delete_selected()
    assert history.statuses[-1].startswith("Cancel")
    assert len(history.undos) == 1


def test_delete_from_the_details_pane(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, open_history: OpenHistory
) -> None:
    job = add_job(ctx, "gone soon")
    history = open_history(idle_pool)
    history.tab.select_job(job.id)
    history.settle()
    history.tab.details.delete_button.click()
    assert history.shown() == []
    assert history.tab.details.job is None
    qtbot.waitUntil(lambda: db(ctx).list_jobs().items == [])


# --- following the pool -----------------------------------------------------------------------


def test_new_jobs_arrive_at_the_top_and_change_in_place(
    qtbot: QtBot,
    fake_comfy: FakeComfyServer,
    make_pool: PoolFactory,
    ctx: AppContext,
    open_history: OpenHistory,
) -> None:
    add_job(ctx, "an old job")
    pool = make_pool(fake_comfy)
    history = open_history(pool)
    model = fake_comfy.checkpoints[0]
    jobs = pool.enqueue(
        [NewJob("txt2img", GenerationParams(prompt=f"new {i}", model=model)) for i in range(2)]
    ).result(timeout=WAIT_MS / 1000)
    qtbot.waitUntil(lambda: len(history.shown()) == 3, timeout=WAIT_MS)
    assert history.shown() == ["new 1", "new 0", "an old job"]
    for job in jobs:

        def done(job_id: str = job.id) -> bool:
            return history.status_of(job_id) is JobStatus.COMPLETED

        qtbot.waitUntil(done, timeout=WAIT_MS)
    assert history.shown() == ["new 1", "new 0", "an old job"]
    assert history.tab.model.index(0, Column.DURATION).data()


def test_a_job_outside_the_filter_is_not_inserted(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, open_history: OpenHistory
) -> None:
    history = open_history(idle_pool)
    search(qtbot, history, "fox")
    idle_pool.enqueue(
        [
            NewJob("txt2img", GenerationParams(prompt="a whale")),
            NewJob("txt2img", GenerationParams(prompt="a Fox")),
        ]
    ).result(timeout=WAIT_MS / 1000)
    qtbot.waitUntil(lambda: history.shown() == ["a Fox"], timeout=WAIT_MS)
    assert history.tab._stack.currentWidget() is history.tab.table


# --- columns ----------------------------------------------------------------------------------


def test_columns_make_room_for_the_prompt_and_remember_what_the_user_hid(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, loader: ThumbnailLoader
) -> None:
    add_job(ctx, "a prompt that deserves the room")
    services = Services(ctx, idle_pool, Settings())
    tab = HistoryTab(services, loader)
    qtbot.addWidget(tab)
    tab.resize(1600, 700)
    tab.show()
    qtbot.waitExposed(tab, timeout=WAIT_MS)
    table = tab.table
    assert not any(table.isColumnHidden(c) for c in Column)
    assert table.columnWidth(Column.PROMPT) > 300

    tab.resize(800, 700)  # too narrow for everything: Template goes first, Prompt stays
    qtbot.waitUntil(lambda: table.isColumnHidden(Column.TEMPLATE), timeout=WAIT_MS)
    for column in (Column.STATUS, Column.PROMPT, Column.CREATED):
        assert not table.isColumnHidden(column)
    assert table.columnWidth(Column.PROMPT) >= 180

    tab.resize(1600, 700)
    qtbot.waitUntil(lambda: not table.isColumnHidden(Column.TEMPLATE), timeout=WAIT_MS)
    tab.set_column_visible(Column.SEED, False)
    assert table.isColumnHidden(Column.SEED)
    assert services.settings.ui_state["history_hidden_columns"] == "seed"

    again = HistoryTab(services, loader)
    qtbot.addWidget(again)
    again.resize(1600, 700)
    again.show()
    qtbot.waitExposed(again, timeout=WAIT_MS)
    assert again.table.isColumnHidden(Column.SEED)
    assert not again.table.isColumnHidden(Column.MODEL)


# --- issue 11: attempts, timing, thumbnails, inputs, copy error, export workflow -------------


def test_retrying_a_failed_job_keeps_the_failure_in_its_attempts(
    qtbot: QtBot,
    fake_comfy: FakeComfyServer,
    make_pool: PoolFactory,
    ctx: AppContext,
    open_history: OpenHistory,
) -> None:
    """Retrying a failed job turned its row into 'Completed' and the failure was lost."""
    fake_comfy.faults.runtime_error = True
    pool = make_pool(fake_comfy)
    history = open_history(pool)
    params = GenerationParams(prompt="second time lucky", model=fake_comfy.checkpoints[0])
    (job,) = pool.enqueue([NewJob("txt2img", params)]).result(timeout=WAIT_MS / 1000)
    qtbot.waitUntil(lambda: history.status_of(job.id) is JobStatus.FAILED, timeout=WAIT_MS)
    failed = db(ctx).get_job(job.id)
    assert failed is not None and failed.error is not None
    fake_comfy.faults.runtime_error = False
    history.tab.select_job(job.id)
    history.tab.details.retry_button.click()
    qtbot.waitUntil(lambda: history.status_of(job.id) is JobStatus.COMPLETED, timeout=WAIT_MS)

    details = history.tab.details
    qtbot.waitUntil(
        lambda: (
            len(details.shown_attempts) == 2
            and details.shown_attempts[1].status.value == "completed"
        ),
        timeout=WAIT_MS,
    )
    assert details.attempts.isVisible()
    first, second = details.attempts.text().splitlines()
    message = failed.error.message.splitlines()[0]
    assert first.startswith("Attempt 1 — failed on 127.0.0.1:") and message in first
    assert re.match(r"Attempt 2 — completed on 127\.0\.0\.1:\d+ in \d+:\d\d", second), second


def test_details_show_queued_sampling_and_total_apart(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, open_history: OpenHistory
) -> None:
    """Duration included the time waiting in ComfyUI's queue."""
    job = db(ctx).add_job(NewJob("txt2img", GenerationParams(prompt="timed")))
    assert db(ctx).claim_next(SERVER) is not None
    db(ctx).mark_sent(job.id)
    db(ctx).mark_sampling(job.id)
    db(ctx).complete(job.id, [])
    history = open_history(idle_pool)
    assert history.tab.select_job(job.id)
    history.settle()
    details = history.tab.details
    timing = details.timing.text()
    assert re.fullmatch(r"Queued \d+:\d\d · Sampling \d+:\d\d · Total \d+:\d\d", timing), timing
    model = history.tab.model
    row = model.row_of(job.id)
    assert row is not None
    assert model.headerData(Column.DURATION, Qt.Orientation.Horizontal) == "Sampling"
    assert re.fullmatch(r"\d+:\d\d", model.index(row, Column.DURATION).data())
    assert model.index(row, Column.DURATION).data(3) == timing  # ToolTipRole: all three


def test_thumbnail_column_shows_first_outputs_of_visible_rows_only(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, open_history: OpenHistory
) -> None:
    """There was no thumbnail column."""
    jobs = [add_job(ctx, f"picture {i}", outputs=2) for i in range(30)]
    failed = add_job(ctx, "broken", JobStatus.FAILED)
    history = open_history(idle_pool)
    history.tab.resize(1100, 420)
    model = history.tab.model
    newest = jobs[-1]

    def thumbnail(job_id: str) -> Any:
        row = model.row_of(job_id)
        assert row is not None
        return model.index(row, Column.THUMBNAIL).data(1)  # DecorationRole

    history.tab.table.viewport().repaint()
    qtbot.waitUntil(
        lambda: isinstance(thumbnail(newest.id), QPixmap) and not thumbnail(newest.id).isNull(),
        timeout=WAIT_MS,
    )
    first = model.first_output(newest.id)
    assert first is not None and first.index == 0
    assert thumbnail(failed.id) is None
    # Only the rows on screen were looked up, not all 31.
    assert model.first_output(jobs[0].id) is None
    assert len(model._firsts) < 31


def test_input_images_show_as_thumbnails_with_names_and_open_on_click(
    qtbot: QtBot,
    ctx: AppContext,
    idle_pool: WorkerPool,
    open_history: OpenHistory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Input images were shown as raw paths."""
    ctx.paths.inputs.mkdir(parents=True, exist_ok=True)
    source = ctx.paths.inputs / "cat photo.png"
    source.write_bytes(png_bytes((200, 80, 20)))
    stored = ctx.paths.relative(source)
    job = db(ctx).add_job(
        NewJob(
            "img2img",
            GenerationParams(prompt="from a photo"),
            inputs=(InputImage("image", stored),),
        )
    )
    opened: list[QUrl] = []
    monkeypatch.setattr(
        "studio_desktop.ui.history.tab.QDesktopServices.openUrl",
        lambda url: opened.append(url) or True,
    )
    history = open_history(idle_pool)
    assert history.tab.select_job(job.id)
    history.settle()
    details = history.tab.details
    assert stored not in details.parameters.text()  # no raw path any more
    (button,) = details.inputs.buttons().values()
    assert "cat photo.png" in button.text()
    qtbot.waitUntil(button.isVisible, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not button.icon().isNull(), timeout=WAIT_MS)
    button.click()
    assert [Path(url.toLocalFile()) for url in opened] == [source]


def test_copy_error_puts_the_message_and_details_on_the_clipboard(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, open_history: OpenHistory
) -> None:
    error = JobError(
        type="execution_error",
        message="CUDA out of memory",
        node_id="3",
        details="Traceback (most recent call last):\n  File sampler.py\nRuntimeError: OOM",
    )
    job = add_job(ctx, "too big", JobStatus.FAILED, error=error)
    history = open_history(idle_pool)
    assert history.tab.select_job(job.id)
    history.settle()
    details = history.tab.details
    assert details.copy_error_button.isVisible()
    details.copy_error_button.click()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("CUDA out of memory\n")
    assert "node: 3" in copied and "RuntimeError: OOM" in copied
    assert "Error copied" in history.statuses
    # The context menu's command does the same for the row.
    QGuiApplication.clipboard().clear()
    history.tab._copy_error_selected()
    assert QGuiApplication.clipboard().text() == copied


# Exporting and copying a job's workflow: tests/gui/test_workflow_actions.py.


# --- context menus ----------------------------------------------------------------------------


def test_fifty_right_clicks_on_history_rows_headers_and_outputs_leave_no_menus_behind(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, open_history: OpenHistory
) -> None:
    job = add_job(ctx, "a fox")
    history = open_history(idle_pool)
    tab = history.tab
    assert tab.select_job(job.id)
    history.settle()
    (record,) = tab.details.shown_images
    row = tab.table.visualRect(tab.model.index(0, 1)).center()
    at = tab.mapToGlobal(row)
    before = menus_of(tab)
    for right_click in (
        lambda: tab.table.customContextMenuRequested.emit(row),
        lambda: tab.table.horizontalHeader().customContextMenuRequested.emit(row),
        lambda: tab.details.outputs.menu_requested.emit(record, at),
    ):
        assert right_click_times(qtbot, tab, right_click, 50) == before


def test_the_history_row_menu_is_built_in_one_place_and_inspectable(
    ctx: AppContext, idle_pool: WorkerPool, open_history: OpenHistory
) -> None:
    job = add_job(ctx, "a fox", JobStatus.FAILED)
    history = open_history(idle_pool)
    menu = history.tab.build_menu([job])
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[:4] == ["Remix", "Copy prompt", "Retry", "Copy error"]
    assert texts[-1] == "Delete"
    assert {a.text(): a.isEnabled() for a in menu.actions()}["Retry"]
    headers = [a.text() for a in history.tab.build_header_menu().actions()]
    assert headers and all(a.isCheckable() for a in history.tab.build_header_menu().actions())


def test_a_command_chosen_in_the_row_menu_runs_although_the_menu_goes_away(
    qtbot: QtBot, ctx: AppContext, idle_pool: WorkerPool, open_history: OpenHistory
) -> None:
    job = add_job(ctx, "a fox in snow", JobStatus.FAILED)
    history = open_history(idle_pool)
    tab = history.tab
    assert tab.select_job(job.id)
    before = menus_of(tab)
    tab.table.customContextMenuRequested.emit(tab.table.visualRect(tab.model.index(0, 1)).center())
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    (copy,) = [a for a in menu.actions() if a.text() == "Copy prompt"]
    menu.setActiveAction(copy)
    qtbot.keyClick(menu, Qt.Key.Key_Return)  # hides the menu, then runs the command
    assert QGuiApplication.clipboard().text() == "a fox in snow"
    qtbot.waitUntil(lambda: menus_of(tab) == before, timeout=WAIT_MS)


def parameters_shown(
    ctx: AppContext, open_history: OpenHistory, pool: WorkerPool, params: GenerationParams
) -> str:
    """The details pane's parameters (HTML, entities resolved) of a new job with `params`."""
    job = db(ctx).add_job(NewJob("txt2img", params))
    history = open_history(pool)
    assert history.tab.select_job(job.id)
    history.settle()
    return html.unescape(history.tab.details.parameters.text())


def test_the_details_name_a_templates_setting_and_a_sweep_cell_as_words_not_keys(
    ctx: AppContext, idle_pool: WorkerPool, open_history: OpenHistory
) -> None:
    params = GenerationParams(prompt="a fox", extra={"scale_by": 2, "sweep_cell": [2, 1, 0]})
    shown = parameters_shown(ctx, open_history, idle_pool, params)
    assert "Scale by" in shown and "scale_by" not in shown
    assert "Sweep cell" in shown and "sweep_cell" not in shown
    assert "X 3 · Y 2<" in shown  # counted from 1, as the grid reads; no Z in a 2-axis sweep


@pytest.mark.parametrize(
    ("mode", "variations"),
    [(Mode.RANDOM, "One pick per job"), (Mode.COMBINATORIAL, "Every combination")],
)
def test_the_details_show_a_dynamic_prompt_as_typed_not_as_json(
    ctx: AppContext,
    idle_pool: WorkerPool,
    open_history: OpenHistory,
    mode: Mode,
    variations: str,
) -> None:
    """A job queued from "a {fox|cat} in snow" listed its source as raw JSON under an English
    key ('Dynamic prompt {"prompt": "a {fox|cat} in snow", "negative": "", "mode": "random"}'),
    in Chinese too."""
    typed = GenerationParams(prompt="a {fox|cat} in snow", negative="{blurry|dark}")
    params = job_params(typed, [7], mode=mode)[0]
    shown = parameters_shown(ctx, open_history, idle_pool, params)
    assert "Prompt as typed" in shown and "a {fox|cat} in snow" in shown
    assert "Negative as typed" in shown and "{blurry|dark}" in shown
    assert f"Variations</td><td>{variations}<" in shown
    assert '"prompt"' not in shown and "Dynamic prompt" not in shown


def test_the_details_leave_out_an_empty_negative_as_typed(
    ctx: AppContext, idle_pool: WorkerPool, open_history: OpenHistory
) -> None:
    params = job_params(GenerationParams(prompt="a {fox|cat}"), [7])[0]
    shown = parameters_shown(ctx, open_history, idle_pool, params)
    assert "a {fox|cat}" in shown and "Negative as typed" not in shown


def test_the_details_list_the_loras_vae_clip_skip_and_hires_fix_a_job_used(
    ctx: AppContext, idle_pool: WorkerPool, open_history: OpenHistory
) -> None:
    """What the user saw: a picture made with two LoRAs and a hires pass showed neither in
    its details; only Compare listed them, as JSON."""
    job = db(ctx).add_job(NewJob("txt2img", WITH_GRAPH_OPTIONS))
    plain = add_job(ctx, "a plain fox")
    history = open_history(idle_pool)
    details = history.tab.details
    assert history.tab.select_job(job.id)
    history.settle()
    shown = html.unescape(details.parameters.text())
    for name, text in SHOWN.items():
        assert f"{name}</td><td>{text}<" in shown
    assert "switched-off" not in shown
    assert history.tab.select_job(plain.id)
    history.settle()
    shown = html.unescape(details.parameters.text())
    assert not any(f"{name}</td>" in shown for name in SHOWN)


def test_the_dynamic_prompt_and_graph_options_read_in_chinese(
    ctx: AppContext, idle_pool: WorkerPool, open_history: OpenHistory, simplified_chinese: None
) -> None:
    params = job_params(replace(WITH_GRAPH_OPTIONS, prompt="a {fox|cat}"), [7])[0]
    shown = parameters_shown(ctx, open_history, idle_pool, params)
    for words in ("输入的提示词", "每个任务随机选一个", "高清修复", "降噪 0.45", "CLIP 跳过层"):
        assert words in shown
    assert "Prompt as typed" not in shown and "Hires fix" not in shown
