"""The Generate form with dynamic prompts: the count and preview line under the prompts, and
queueing one resolved prompt per job or every combination (a real pool and store, no server:
the jobs wait in the queue)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import Job
from studio_desktop.core.prompts.dynamic import expand
from studio_desktop.ui.translations import compile_ts, install_translator, ts_file
from tests.gui.conftest import PoolFactory, TabFactory, db

WAIT_MS = 10_000


def jobs_in_store(ctx: AppContext) -> list[Job]:
    return list(reversed(db(ctx).list_jobs().items))  # oldest first


def test_count_and_preview_follow_the_text(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory, make_tab: TabFactory
) -> None:
    tab = make_tab(make_pool(start=False))
    line = tab.form.expansion
    (ctx.paths.wildcards / "pet.txt").write_text("# pets\ncat\n\ndog\nfox\n", encoding="utf-8")
    assert not line.preview_button.isVisibleTo(tab)  # a plain prompt: only the hint
    tab.form.prompt_edit.setPlainText("a {red|blue} __pet__")
    qtbot.waitUntil(lambda: line.count_label.text() == "6 prompt(s)", timeout=WAIT_MS)
    assert line.preview_button.isVisibleTo(tab)
    line.show_preview()
    assert line.preview_button.toolTip().splitlines()[0] == "• a red cat"
    assert line.preview_button.toolTip().splitlines()[-1] == "…"

    tab.form.prompt_edit.setPlainText("a {red|blue")
    qtbot.waitUntil(lambda: line.error() is not None, timeout=WAIT_MS)
    assert "line 1, column 3" in line.error_label.text()
    assert line.error_label.isVisibleTo(tab)
    assert not tab.queue_button.isEnabled()
    assert tab.queue() == 0 and jobs_in_store(ctx) == []

    tab.form.prompt_edit.setPlainText("__nothing__")
    qtbot.waitUntil(lambda: "__nothing__ has no file" in line.error_label.text(), timeout=WAIT_MS)
    tab.form.prompt_edit.setPlainText("plain")
    assert not line.error_label.isVisibleTo(tab)


def test_random_mode_queues_one_resolved_prompt_per_job(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory, make_tab: TabFactory
) -> None:
    tab = make_tab(make_pool(start=False))
    form = tab.form
    text = "a {red|blue|green|pink} {cat|dog|owl}"
    form.prompt_edit.setPlainText(text)
    form.seed_field.set_seed(100)
    form.seed_field.set_locked(True)
    form.batch_spin.setValue(4)
    qtbot.waitUntil(lambda: form.expansion.count() == 12, timeout=WAIT_MS)
    assert tab.queue_button.text() == "Queue 4 jobs"
    assert tab.queue() == 4
    qtbot.waitUntil(lambda: len(jobs_in_store(ctx)) == 4, timeout=WAIT_MS)
    jobs = jobs_in_store(ctx)
    assert [j.params.seed for j in jobs] == [100, 101, 102, 103]
    assert [j.params.prompt for j in jobs] == [expand(text, seed=s)[0] for s in range(100, 104)]

    # Remix: the text comes back, and with the job's seed picks the same prompt again.
    tab.load_job(jobs[2])
    assert form.prompt_edit.toPlainText() == text
    assert [j.params.prompt for j in form.new_jobs()] == [jobs[2].params.prompt]


def test_every_combination_is_queued_off_the_gui_thread(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory, make_tab: TabFactory
) -> None:
    tab = make_tab(make_pool(start=False))
    form = tab.form
    form.prompt_edit.setPlainText("{a|b} {c|d|e}")
    form.batch_spin.setValue(2)
    form.expansion.combinatorial_box.setChecked(True)
    qtbot.waitUntil(lambda: tab.queue_button.text() == "Queue 12 jobs", timeout=WAIT_MS)
    with qtbot.waitSignal(tab.queued, timeout=WAIT_MS) as queued:
        assert tab.queue() == 0  # expanded in the background, queued when ready
    assert queued.args == [12]
    qtbot.waitUntil(lambda: len(jobs_in_store(ctx)) == 12, timeout=WAIT_MS)
    prompts = [j.params.prompt for j in jobs_in_store(ctx)]
    assert sorted(set(prompts)) == ["a c", "a d", "a e", "b c", "b d", "b e"]
    assert all(prompts.count(p) == 2 for p in set(prompts))


def test_a_bad_prompt_is_explained_in_chinese(
    qtbot: QtBot,
    qapp: QApplication,
    ctx: AppContext,
    make_pool: PoolFactory,
    make_tab: TabFactory,
    tmp_path: Path,
) -> None:
    # The reasons a dynamic prompt cannot be read were English in the Chinese window.
    compile_ts(ts_file("zh_CN"), tmp_path / "studio_zh_CN.qm")
    installed = install_translator(qapp, "zh_CN", tmp_path)
    try:
        tab = make_tab(make_pool(start=False))
        line = tab.form.expansion
        tab.form.prompt_edit.setPlainText("__nothing__")
        qtbot.waitUntil(lambda: line.error() is not None, timeout=WAIT_MS)
        assert "通配符 __nothing__ 没有对应的文件" in line.error_label.text()
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
