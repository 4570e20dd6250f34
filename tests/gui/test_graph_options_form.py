"""The Generate form's graph options, driven like a user (issue 14): the LoRA stack (add from
the server's list through the search box, reorder, remove, strengths, enable, trigger-word
chips fetched from /view_metadata), the hires fix group, VAE, CLIP skip, images per job and
embedding completion; what they give in params, and what remix and a dropped output restore."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QStyle, QStyleOptionGroupBox, QToolButton
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import LATENT_UPSCALE, HiresFix, JobStatus, LoraChoice
from studio_desktop.core.workflows import bind
from studio_desktop.ui.generate import GenerateTab
from tests.fakes.comfy_server import SAMPLE_MODELS, FakeComfyServer
from tests.gui.conftest import PoolFactory, TabFactory, db
from tests.gui.test_metadata_drop import restore

WAIT_MS = 20_000
LORA_A, LORA_B, LORA_C = SAMPLE_MODELS["loras"]
VAE = SAMPLE_MODELS["vae"][0]
UPSCALER = SAMPLE_MODELS["upscale_models"][0]


def online_tab(
    qtbot: QtBot,
    fake_comfy_factory: object,
    make_pool: PoolFactory,
    make_tab: TabFactory,
) -> tuple[GenerateTab, FakeComfyServer]:
    fake: FakeComfyServer = fake_comfy_factory(models=SAMPLE_MODELS)  # type: ignore[operator]
    tab = make_tab(make_pool(fake))
    qtbot.waitUntil(lambda: tab.form.lora_stack.names() == SAMPLE_MODELS["loras"], timeout=WAIT_MS)
    return tab, fake


def pick(qtbot: QtBot, tab: GenerateTab, search: str) -> None:
    """Type `search` into the LoRA search box and press Enter."""
    line = tab.form.lora_stack.picker.lineEdit()
    assert line is not None
    line.clear()
    QTest.keyClicks(line, search)
    QTest.keyClick(line, Qt.Key.Key_Return)


def test_lora_stack_add_reorder_remove_and_strengths_reach_params(
    qtbot: QtBot,
    fake_comfy_factory: object,
    make_pool: PoolFactory,
    make_tab: TabFactory,
) -> None:
    tab, _fake = online_tab(qtbot, fake_comfy_factory, make_pool, make_tab)
    form, stack = tab.form, tab.form.lora_stack
    assert stack.isVisibleTo(tab)  # txt2img takes LoRAs
    pick(qtbot, tab, "add_det")  # one match: added
    pick(qtbot, tab, "WATERCOLOR")  # case does not matter
    pick(qtbot, tab, ".")  # matches all three: nothing added
    assert [lora.name for lora in form.params().loras] == [LORA_A, LORA_B]
    first, second = stack.rows()
    first.model_spin.setValue(0.8)
    first.clip_spin.setValue(0.35)
    second.enabled_box.setChecked(False)
    assert form.params().loras == (
        LoraChoice(LORA_A, 0.8, 0.35),
        LoraChoice(LORA_B, 1.0, 1.0, enabled=False),
    )
    assert not first.up_button.isEnabled() and not second.down_button.isEnabled()
    qtbot.mouseClick(second.up_button, Qt.MouseButton.LeftButton)
    assert [lora.name for lora in form.params().loras] == [LORA_B, LORA_A]
    qtbot.mouseClick(first.remove_button, Qt.MouseButton.LeftButton)  # LORA_A, now second
    assert form.params().loras == (LoraChoice(LORA_B, 1.0, 1.0, enabled=False),)
    # The graph that would be queued: the disabled LoRA is left out, nothing is refused.
    second.enabled_box.setChecked(True)
    form.validate_now()
    assert form.issues() == []
    template = form.template()
    assert template is not None
    graph = bind(template, form.params(), job_id="x")
    loaders = [n for n in graph.values() if n["class_type"] == "LoraLoader"]
    assert [n["inputs"]["lora_name"] for n in loaders] == [LORA_B]


def test_trigger_word_chips_come_from_metadata_and_insert_into_the_prompt(
    qtbot: QtBot,
    fake_comfy_factory: object,
    make_pool: PoolFactory,
    make_tab: TabFactory,
) -> None:
    tab, _fake = online_tab(qtbot, fake_comfy_factory, make_pool, make_tab)
    form, stack = tab.form, tab.form.lora_stack
    row = stack.add(LoraChoice(LORA_B))
    qtbot.waitUntil(lambda: row.words() == ["watercolor", "wet paint"], timeout=WAIT_MS)
    no_words = stack.add(LoraChoice(LORA_C))  # a .pt file: no metadata, no chips
    form.prompt_edit.setPlainText("a harbour at dawn")
    form.prompt_edit.moveCursor(form.prompt_edit.textCursor().MoveOperation.End)
    chip = next(c for c in row.chips.findChildren(QToolButton) if c.text() == "wet paint")
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    assert form.prompt_edit.toPlainText() == "a harbour at dawn, wet paint"
    assert not no_words.chips.isVisibleTo(tab)


def test_hires_vae_clip_skip_and_batch_size_reach_params_and_validate(
    qtbot: QtBot,
    fake_comfy_factory: object,
    make_pool: PoolFactory,
    make_tab: TabFactory,
) -> None:
    tab, _fake = online_tab(qtbot, fake_comfy_factory, make_pool, make_tab)
    form = tab.form
    hires = form.hires_group
    assert form.params().hires is None and not hires.body.isVisibleTo(tab)
    hires.setChecked(True)  # the group opens
    assert hires.body.isVisibleTo(tab)
    hires.scale_spin.setValue(2.0)
    hires.denoise_spin.setValue(0.35)
    hires.steps_spin.setValue(10)
    assert form.params().hires == HiresFix(2.0, 0.35, 10, LATENT_UPSCALE)
    hires.upscaler_combo.set_value(UPSCALER)
    form.vae_combo.set_value(VAE)
    form.clip_skip_spin.setValue(2)
    form.batch_size_spin.setValue(3)
    params = form.params()
    assert params.hires == HiresFix(2.0, 0.35, 10, UPSCALER)
    assert (params.vae, params.clip_skip, params.batch_size) == (VAE, 2, 3)
    form.validate_now()
    assert form.issues() == []
    # Off again: the clip skip's first value and the closed group are no option at all.
    form.clip_skip_spin.setValue(1)
    hires.setChecked(False)
    assert form.params().clip_skip is None and form.params().hires is None
    form.lora_stack.add(LoraChoice(LORA_A))
    # A template without a checkpoint loader or sampler shows none of them and sends none.
    assert tab.select_template("upscale")
    assert not form.lora_stack.isVisibleTo(tab) and not hires.isVisibleTo(tab)
    assert not form.batch_size_spin.isVisibleTo(tab)
    params = form.params()
    assert (params.vae, params.loras, params.batch_size) == (None, (), 1)
    # ... and keeps them for the next template that takes them.
    assert tab.select_template("txt2img")
    assert (form.params().vae, form.params().batch_size) == (VAE, 3)
    assert form.params().loras == (LoraChoice(LORA_A),)


def test_a_vae_the_server_lacks_is_flagged_under_the_vae_field(
    qtbot: QtBot,
    fake_comfy_factory: object,
    make_pool: PoolFactory,
    make_tab: TabFactory,
) -> None:
    tab, _fake = online_tab(qtbot, fake_comfy_factory, make_pool, make_tab)
    tab.form.vae_combo.set_value("gone.safetensors")
    tab.form.validate_now()
    assert "gone.safetensors" in tab.form.field_message("vae")


def test_embedding_completion_in_the_prompt(
    qtbot: QtBot,
    fake_comfy_factory: object,
    make_pool: PoolFactory,
    make_tab: TabFactory,
) -> None:
    tab, _fake = online_tab(qtbot, fake_comfy_factory, make_pool, make_tab)
    form = tab.form
    completer = form.prompt_completer
    qtbot.waitUntil(lambda: len(completer.names()) == 3, timeout=WAIT_MS)
    tab.show()
    form.prompt_edit.setFocus()
    QTest.keyClicks(form.prompt_edit, "cat, embedding:hands")
    popup = completer.completer.popup()
    assert popup is not None
    qtbot.waitUntil(popup.isVisible, timeout=WAIT_MS)
    assert completer.completer.currentCompletion() == "embedding:bad-hands-5"
    completer.insert(completer.completer.currentCompletion())
    assert form.prompt_edit.toPlainText() == "cat, embedding:bad-hands-5"
    QTest.keyClicks(form.prompt_edit, ", ea")  # two letters and not "emb": no list
    assert not popup.isVisible()


def test_remix_and_a_dropped_output_restore_every_option(
    qtbot: QtBot,
    fake_comfy_factory: object,
    make_pool: PoolFactory,
    make_tab: TabFactory,
    ctx: AppContext,
    tmp_path: Path,
) -> None:
    tab, fake = online_tab(qtbot, fake_comfy_factory, make_pool, make_tab)
    form = tab.form
    form.prompt_edit.setPlainText("a lighthouse")
    form.lora_stack.add(LoraChoice(LORA_A, 0.6, 0.5))
    form.lora_stack.add(LoraChoice(LORA_B, 1.2, 0.9, enabled=False))
    form.vae_combo.set_value(VAE)
    form.clip_skip_spin.setValue(2)
    form.hires_group.set_value(HiresFix(1.5, 0.4, 6, UPSCALER))
    form.batch_size_spin.setValue(2)
    wanted = form.params()
    qtbot.waitUntil(tab.queue_button.isEnabled, timeout=WAIT_MS)
    assert tab.queue() == 1

    def completed() -> bool:
        jobs = db(ctx).list_jobs().items
        return bool(jobs) and jobs[0].status is JobStatus.COMPLETED

    qtbot.waitUntil(completed, timeout=WAIT_MS)
    job = db(ctx).list_jobs().items[0]
    images = db(ctx).images_for_job(job.id)
    assert len(images) == 2  # one job, a batch of two
    assert job.params.loras == wanted.loras and job.params.hires == wanted.hires

    def clear() -> None:
        for row in form.lora_stack.rows():
            form.lora_stack.remove_row(row)
        form.vae_combo.set_value("")
        form.clip_skip_spin.setValue(1)
        form.hires_group.set_value(None)
        form.batch_size_spin.setValue(1)
        assert form.params() != wanted

    clear()
    tab.load_job(job)  # remix
    assert form.params().to_dict() == {**wanted.to_dict(), "seed": job.params.seed}
    clear()
    exported = tmp_path / "out.png"
    exported.write_bytes(ctx.paths.resolve(images[0].path).read_bytes())
    restored, _message = restore(qtbot, tab, exported)
    assert restored.source == "studio" and restored.not_restored == ()
    assert form.params() == job.params
    template = form.template()
    assert template is not None
    assert bind(template, form.params(), job_id=job.id) == job.workflow
    assert fake.submitted  # it ran on the server


@pytest.mark.parametrize("which", ["hires_group", "sweep_group"])
def test_an_unticked_hires_fix_or_sweep_is_its_title_alone_with_no_empty_bar_under_it(
    which: str, make_pool: PoolFactory, make_tab: TabFactory
) -> None:
    tab = make_tab(make_pool(start=False))
    tab.show()
    group = getattr(tab.form, which)
    assert not group.isChecked()
    picture = group.grab().toImage()
    # Below the title's check box: the window's colour only (Fusion drew a framed empty box).
    option = QStyleOptionGroupBox()
    group.initStyleOption(option)
    title = group.style().subControlRect(
        QStyle.ComplexControl.CC_GroupBox, option, QStyle.SubControl.SC_GroupBoxCheckBox, group
    )
    background = group.palette().color(group.backgroundRole()).rgb()
    below = {
        picture.pixel(x, y)
        for y in range(title.bottom() + 2, picture.height())
        for x in range(picture.width())
    }
    assert below <= {background}, f"{len(below)} colours under the title"
