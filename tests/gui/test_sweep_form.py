"""The X/Y/Z sweep section of Generate (issue 15): its axes are read by the CLI's parser, the
count and the parser's problem show as they are typed, and Queue writes one sweep group of one
job per cell through the pool."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.groups import GroupKind, NewGroup
from studio_desktop.core.jobs import GenerationParams, Job, JobStatus, LoraChoice, NewJob
from studio_desktop.core.server_info import ServerLists
from studio_desktop.core.servers import ServerConfig
from studio_desktop.core.settings import Settings, load_settings, save_settings
from studio_desktop.core.sweeps.assemble import grid_axes
from studio_desktop.core.sweeps.axes import (
    axes_from_json,
    cell_of,
    expand,
    missing_notes_of,
    parse_axes,
    sweep_json,
)
from studio_desktop.ui.field_labels import field_label
from studio_desktop.ui.generate import GenerateTab
from studio_desktop.ui.generate.sweep_form import AxisRow, standard_fields
from studio_desktop.ui.main_window import MainWindow
from studio_desktop.ui.queue.panel import QueuePanel
from studio_desktop.ui.services import Services
from studio_desktop.ui.sweep_grid import SweepGridView
from studio_desktop.ui.thumbnails import ThumbnailLoader
from tests.fakes.comfy_server import FakeComfyServer
from tests.gui.conftest import PoolFactory, TabFactory, db

WAIT_MS = 20_000
LONG_MS = 60_000


def pending(ctx: AppContext) -> list[Job]:
    return db(ctx).jobs_with_status(JobStatus.PENDING)


def set_axis(tab: GenerateTab, row: int, field: str, values: str) -> None:
    tab.form.sweep_group.rows[row].set_field(field, values)


def test_the_sweep_is_off_by_default_and_counts_its_cells(
    make_pool: PoolFactory, make_tab: TabFactory
) -> None:
    tab = make_tab(make_pool())
    sweep = tab.form.sweep_group
    assert not sweep.isChecked() and not sweep.body.isVisibleTo(sweep)
    sweep.setChecked(True)
    set_axis(tab, 0, "steps", "10, 20, 30")
    set_axis(tab, 1, "cfg", "4-8 (+2)")
    set_axis(tab, 2, "sampler", "euler, dpmpp_2m")
    axes = sweep.axes()
    assert axes is not None
    assert [a.field for a in axes] == ["steps", "cfg", "sampler"]
    assert [a.values for a in axes] == [(10, 20, 30), (4.0, 6.0, 8.0), ("euler", "dpmpp_2m")]
    assert sweep.count_label.text() == "3 × 3 × 2 = 18 job(s)"
    assert tab.form.job_count() == 18
    assert tab.queue_button.text() == "Queue sweep: 18 job(s)"
    assert not tab.forever_button.isEnabled()
    sweep.setChecked(False)
    assert tab.form.job_count() == 1 and tab.forever_button.isEnabled()


def test_bad_values_name_the_axis_and_place_and_block_queueing(
    make_pool: PoolFactory, make_tab: TabFactory
) -> None:
    tab = make_tab(make_pool())
    sweep = tab.form.sweep_group
    sweep.setChecked(True)
    set_axis(tab, 0, "steps", "10, 20")
    set_axis(tab, 1, "cfg", "4, x")
    problem = sweep.problem()
    assert problem is not None and problem.row == 1
    assert problem.text == "Axis Y, character 8: 'x' is not a number"
    assert sweep.problem_label.isVisibleTo(sweep)
    assert problem.text in tab.form.problems()
    assert not tab.queue_button.isEnabled()
    assert tab.queue() == 0
    # The same field on two axes, and a prompt axis whose text is not in the prompt.
    set_axis(tab, 1, "steps", "5")
    problem = sweep.problem()
    assert problem is not None and problem.text == "Axis Y: steps is already axis X"
    tab.form.prompt_edit.setPlainText("a red car")
    set_axis(tab, 1, "prompt", "blue, green")
    problem = sweep.problem()
    assert problem is not None and problem.text == "Axis Y: the prompt does not hold “blue”"
    set_axis(tab, 1, "prompt", "red, green")
    assert sweep.problem() is None and tab.queue_button.isEnabled()


def test_the_names_menu_offers_the_servers_list(
    make_pool: PoolFactory, make_tab: TabFactory
) -> None:
    tab = make_tab(make_pool())
    tab.set_server_lists(
        ServerLists("http://x", "x", ("a.safetensors",), ("euler", "heun"), ("normal",))
    )
    sweep = tab.form.sweep_group
    sweep.setChecked(True)
    row = sweep.rows[0]
    set_axis(tab, 0, "sampler", "")
    assert row.names_button.isVisibleTo(sweep) and row.names_button.isEnabled()
    row.names_menu.aboutToShow.emit()
    actions = row.names_menu.actions()
    assert [a.text() for a in actions if not a.isSeparator()] == ["All (2)", "euler", "heun"]
    actions[0].trigger()
    assert row.values_edit.text() == "euler, heun"
    set_axis(tab, 0, "scheduler", "normal, karras")
    problem = sweep.problem()
    # The field by the name the row shows, not its key ("scheduler").
    assert problem is not None and problem.text == "Axis X: the server has no Scheduler karras"
    set_axis(tab, 0, "steps", "")
    assert not row.names_button.isVisibleTo(sweep)


def test_lora_strength_and_template_settings_are_fields_too(
    make_pool: PoolFactory, make_tab: TabFactory
) -> None:
    tab = make_tab(make_pool())
    tab.form.lora_stack.set_choices((LoraChoice("x/detail.safetensors"),))
    combo = tab.form.sweep_group.rows[0].field_combo
    fields = [combo.itemData(i) for i in range(combo.count())]
    assert "lora:x/detail.safetensors" in fields
    assert {"seed", "steps", "cfg", "sampler", "scheduler", "model", "denoise", "size"} <= set(
        fields
    )


def test_queueing_a_sweep_writes_one_sweep_group_of_one_job_per_cell(
    qtbot: QtBot, make_pool: PoolFactory, make_tab: TabFactory, ctx: AppContext
) -> None:
    tab = make_tab(make_pool())  # no server: the jobs wait in the store
    tab.form.load_params(None, GenerationParams(prompt="a red car", seed=7))
    sweep = tab.form.sweep_group
    sweep.setChecked(True)
    set_axis(tab, 0, "steps", "10, 20")
    set_axis(tab, 1, "prompt", "red, blue")
    with qtbot.waitSignal(tab.sweep_queued, timeout=WAIT_MS) as queued:
        assert tab.queue() == 0  # expanded off the GUI thread
    qtbot.waitUntil(lambda: len(pending(ctx)) == 4, timeout=WAIT_MS)
    jobs = pending(ctx)
    (group_id,) = {job.group_id for job in jobs}
    assert group_id is not None and group_id == queued.args[0]
    group = db(ctx).get_group(group_id)
    assert group is not None and group.kind is GroupKind.SWEEP
    assert group.sweep is not None and [a["field"] for a in group.sweep["axes"]] == [
        "steps",
        "prompt",
    ]
    cells = {
        cell_of(j.params.extra): (j.params.steps, j.params.prompt, j.params.seed) for j in jobs
    }
    assert cells == {
        (0, 0, 0): (10, "a red car", 7),
        (1, 0, 0): (20, "a red car", 7),
        (0, 1, 0): (10, "a blue car", 7),
        (1, 1, 0): (20, "a blue car", 7),
    }


# --- the end of a sweep opens its grid; each cell opens its output ---


def test_a_2x2_sweep_runs_opens_its_grid_and_each_cell_opens_its_output(
    qtbot: QtBot, fake_comfy: FakeComfyServer, make_pool: PoolFactory, ctx: AppContext
) -> None:
    window = MainWindow(Services(ctx, make_pool(fake_comfy), load_settings(ctx.paths.settings)))
    qtbot.addWidget(window)
    window.show()
    try:
        tab = window.generate
        qtbot.waitUntil(lambda: tab.form.model_combo.names() != [], timeout=WAIT_MS)
        tab.form.prompt_edit.setPlainText("a red car")
        tab.form.sweep_group.setChecked(True)
        set_axis(tab, 0, "steps", "2, 3")
        set_axis(tab, 1, "prompt", "red, blue")
        tab.form.prompt_edit.setFocus()
        with qtbot.waitSignal(tab.sweep_queued, timeout=WAIT_MS) as queued:
            tab.queue()
        group_id = queued.args[0]
        qtbot.waitUntil(lambda: group_id in window.sweep_grids, timeout=LONG_MS)
        view = window.sweep_grids[group_id]
        # Shown without taking the focus from the form.
        assert view.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        jobs = db(ctx).group_jobs(group_id)
        assert [j.status for j in jobs] == [JobStatus.COMPLETED] * 4
        qtbot.waitUntil(
            lambda: view.data is not None and view.data.grid is not None, timeout=WAIT_MS
        )
        assert view.data is not None and view.data.grid is not None
        assert len(view.buttons) == 4
        assert all(b.isEnabled() for b in view.buttons.values())
        assert "X: Steps = 3" in view.buttons[(1, 0, 0)].toolTip()
        assert "Y: Prompt = blue" in view.buttons[(1, 1, 0)].toolTip()
        firsts = db(ctx).first_outputs([j.id for j in jobs])
        by_place = {cell_of(j.params.extra): firsts[j.id].id for j in jobs}
        for place, button in view.buttons.items():
            button.click()
            wanted: int = by_place[place]

            def shown(w: int = wanted) -> bool:
                return view.shown_image_id() == w

            qtbot.waitUntil(shown, timeout=WAIT_MS)
        # Its thumbnails come from the window's loader.
        qtbot.waitUntil(
            lambda: all(not b.icon().isNull() for b in view.buttons.values()), timeout=WAIT_MS
        )
        # The grid image opens too, and the queue panel's and gallery's menus reach the view.
        grid = view.data.grid
        view.open_grid_image()
        qtbot.waitUntil(lambda: view.shown_image_id() == grid.id, timeout=WAIT_MS)
        assert window.gallery.build_menu([grid]).actions()[1].text() == "Open sweep grid"
    finally:
        window.shutdown()
        window.thumbnails.shutdown()


def test_a_waiting_sweeps_row_opens_its_grid_view_with_the_cells_marked_waiting(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory
) -> None:
    pool = make_pool(ServerConfig("http://127.0.0.1:1"))  # nothing listens: the cells wait
    services = Services(ctx, pool, Settings())
    panel = QueuePanel(services)
    qtbot.addWidget(panel)
    panel.show()
    axes = parse_axes(["steps=2,3", "cfg=4,5"])
    base = GenerationParams(prompt="a cat", seed=1)
    new = [NewJob("txt2img", cell.params) for cell in expand(base, axes)]
    group = NewGroup("a cat", kind=GroupKind.SWEEP, sweep=sweep_json(axes))
    pool.enqueue(new, group).result(timeout=WAIT_MS / 1000)
    qtbot.waitUntil(lambda: panel.groups.topLevelItemCount() == 1, timeout=WAIT_MS)
    menu = panel.groups.group_menu(group.id)
    assert menu is not None and menu.actions()[0].text() == "Open grid"
    with qtbot.waitSignal(panel.grid_requested, timeout=WAIT_MS) as asked:
        menu.actions()[0].trigger()
    assert asked.args == [group.id]
    thumbnails = ThumbnailLoader(ctx.paths, tasks=services.tasks)
    view = SweepGridView(services, thumbnails, group.id)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):
        view.show()
    assert len(view.buttons) == 4
    assert {b.text() for b in view.buttons.values()} == {"waiting"}
    assert not any(b.isEnabled() for b in view.buttons.values())
    assert view.open_cell((0, 0, 0)) is None and not view.grid_button.isEnabled()
    view.close()
    thumbnails.shutdown()


def open_waiting_sweep(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory, specs: list[str]
) -> tuple[SweepGridView, ThumbnailLoader]:
    """The grid view of a sweep whose cells wait (nothing listens at the server's address)."""
    pool = make_pool(ServerConfig("http://127.0.0.1:1"))
    services = Services(ctx, pool, Settings())
    axes = parse_axes(specs)
    base = GenerationParams(prompt="a cat", seed=1)
    new = [NewJob("txt2img", cell.params) for cell in expand(base, axes)]
    group = NewGroup("a cat", kind=GroupKind.SWEEP, sweep=sweep_json(axes))
    pool.enqueue(new, group).result(timeout=WAIT_MS / 1000)
    thumbnails = ThumbnailLoader(ctx.paths, tasks=services.tasks)
    view = SweepGridView(services, thumbnails, group.id)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):
        view.show()
    return view, thumbnails


def label_texts(view: SweepGridView) -> list[str]:
    return [label.text() for label in view.body.findChildren(QLabel)]


def test_the_sweep_grid_names_its_axes_as_the_form_does_not_by_internal_keys(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory
) -> None:
    specs = ["cfg=4,5", "sampler=euler,heun", "extra.scale_by=1.5,2"]
    view, thumbnails = open_waiting_sweep(qtbot, ctx, make_pool, specs)
    try:
        texts = label_texts(view)
        assert "X: CFG\nY: Sampler" in texts
        assert "Z: Scale by = 1.5" in texts
        assert not any("cfg" in t or "sampler" in t or "scale_by" in t for t in texts)
        assert "X: CFG · Y: Sampler · Z: Scale by" in view.summary.text()
        tip = view.buttons[(1, 0, 0)].toolTip()
        assert "X: CFG = 5" in tip and "Y: Sampler = euler" in tip
    finally:
        view.close()
        thumbnails.shutdown()


@pytest.mark.usefixtures("simplified_chinese")
def test_the_sweep_grid_and_the_form_name_a_field_alike_in_chinese(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory
) -> None:
    view, thumbnails = open_waiting_sweep(
        qtbot, ctx, make_pool, ["steps=2,3", "lora:x/detail.safetensors=0.5,1"]
    )
    try:
        steps, lora = field_label("steps"), field_label("lora:x/detail.safetensors")
        assert steps == "步数" and lora == "LoRA 强度：detail"
        assert f"X: {steps}\nY: {lora}" in label_texts(view)
        row = AxisRow("X")  # the form's axis chooser says the same
        row.set_fields(standard_fields())
        assert row.field_combo.itemText(row.field_combo.findData("steps")) == steps
    finally:
        view.close()
        thumbnails.shutdown()


@pytest.mark.usefixtures("simplified_chinese")
def test_a_sweep_queued_in_chinese_records_its_grid_image_texts_in_chinese(
    qtbot: QtBot, make_pool: PoolFactory, make_tab: TabFactory, ctx: AppContext
) -> None:
    """The grid image is drawn later on a worker, with no translator: the window records the
    axes' names and the missing cells' notes with the sweep, in the user's language."""
    tab = make_tab(make_pool())  # no server: the jobs wait in the store
    tab.form.sweep_group.setChecked(True)
    set_axis(tab, 0, "steps", "10, 20")
    set_axis(tab, 1, "cfg", "4, 7")
    with qtbot.waitSignal(tab.sweep_queued, timeout=WAIT_MS) as queued:
        tab.queue()
    qtbot.waitUntil(lambda: len(pending(ctx)) == 4, timeout=WAIT_MS)  # queued off the GUI thread
    group = db(ctx).get_group(queued.args[0])
    assert group is not None and group.sweep is not None
    axes = axes_from_json(group.sweep)
    assert [a.title for a in axes] == [field_label("steps"), field_label("cfg")] == ["步数", "CFG"]
    assert [g.title for g in grid_axes(axes)] == ["步数", "CFG"]
    notes = missing_notes_of(group.sweep)
    assert notes["failed"] == "失败" and notes["completed"] == "无图片"


# --- the sweep rows are kept with the form ---


def test_the_sweep_rows_come_back_after_a_restart(
    make_pool: PoolFactory, make_tab: TabFactory, ctx: AppContext
) -> None:
    pool = make_pool()
    first = make_tab(pool)
    sweep = first.form.sweep_group
    sweep.setChecked(True)
    set_axis(first, 0, "steps", "10, 20, 30")
    set_axis(first, 2, "sampler", '"a, b", euler')
    settings = Settings(last_form=first.form_state())
    save_settings(settings, ctx.paths.settings)  # through the settings file, as at quit

    second = make_tab(pool)
    second.restore_form_state(load_settings(ctx.paths.settings).last_form)
    again = second.form.sweep_group
    assert again.isChecked() and again.body.isVisibleTo(again)
    assert [(r.field(), r.values_edit.text()) for r in again.rows] == [
        ("steps", "10, 20, 30"),
        ("", ""),
        ("sampler", '"a, b", euler'),
    ]
    assert again.specs() == sweep.specs() and second.form.job_count() == 6
    assert second.form_state() == first.form_state()


def test_a_sweep_that_was_off_stays_off_after_a_restart_with_its_rows(
    make_pool: PoolFactory, make_tab: TabFactory
) -> None:
    pool = make_pool()
    first = make_tab(pool)
    first.form.sweep_group.setChecked(True)
    set_axis(first, 0, "cfg", "4-8 (+2)")
    first.form.sweep_group.setChecked(False)
    second = make_tab(pool)
    second.form.sweep_group.setChecked(True)  # the saved "off" wins over what the form had
    second.restore_form_state(first.form_state())
    again = second.form.sweep_group
    assert not again.isChecked() and second.form.job_count() == 1
    assert again.rows[0].field() == "cfg" and again.rows[0].values_edit.text() == "4-8 (+2)"


def test_restoring_a_malformed_sweep_keeps_the_rows_as_they_are(
    make_pool: PoolFactory, make_tab: TabFactory
) -> None:
    tab = make_tab(make_pool())
    tab.form.sweep_group.setChecked(True)
    set_axis(tab, 0, "steps", "1, 2")
    for garbage in ("on", {"on": "yes", "axes": 3}, {"axes": [1, {"field": 2}]}):
        tab.restore_form_state({"sweep": garbage})
        assert tab.form.sweep_group.specs() == ["steps=1, 2"]


def test_a_sweep_axis_on_a_templates_own_setting_comes_back_after_switching_templates(
    make_pool: PoolFactory, make_tab: TabFactory
) -> None:
    tab = make_tab(make_pool())
    form = tab.form
    assert form.set_template("upscale")
    sweep = form.sweep_group
    sweep.setChecked(True)
    set_axis(tab, 0, "steps", "10, 20")
    set_axis(tab, 1, "extra.scale_by", "1.5, 2")
    assert sweep.specs() == ["steps=10, 20", "extra.scale_by=1.5, 2"]
    form.template_combo.setCurrentIndex(form.template_combo.findData("txt2img"))
    assert sweep.specs() == ["steps=10, 20"]  # txt2img has no scale_by: that axis rests
    form.template_combo.setCurrentIndex(form.template_combo.findData("upscale"))
    assert sweep.specs() == ["steps=10, 20", "extra.scale_by=1.5, 2"]


@pytest.mark.usefixtures("simplified_chinese")
def test_a_name_the_server_lacks_is_explained_with_the_fields_chinese_name(
    make_pool: PoolFactory, make_tab: TabFactory
) -> None:
    tab = make_tab(make_pool(start=False))
    tab.set_server_lists(ServerLists("http://x", "x", ("a.safetensors",), ("euler",), ("normal",)))
    sweep = tab.form.sweep_group
    sweep.setChecked(True)
    set_axis(tab, 0, "scheduler", "normal, karras")
    problem = sweep.problem()
    assert problem is not None and problem.text == "X 轴：服务器上没有 调度器 karras"


@pytest.mark.usefixtures("simplified_chinese")
def test_a_bad_sweep_value_is_explained_in_chinese_not_in_english(
    make_pool: PoolFactory, make_tab: TabFactory
) -> None:
    tab = make_tab(make_pool(start=False))
    sweep = tab.form.sweep_group
    sweep.setChecked(True)
    set_axis(tab, 0, "steps", "10, 20")
    set_axis(tab, 1, "cfg", "4, x")
    problem = sweep.problem()
    assert problem is not None and problem.text == "Y 轴，第 8 个字符：'x' 不是数字"
    set_axis(tab, 1, "steps", "5")
    problem = sweep.problem()
    assert problem is not None and problem.text == "Y 轴：steps 已经是 X 轴"
    set_axis(tab, 1, "cfg", "0.5-1.0")
    problem = sweep.problem()
    assert (
        problem is not None
        and problem.text == "Y 轴，第 5 个字符：小数范围需要步长 (+0.1) 或个数 [5]"
    )
