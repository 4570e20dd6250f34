"""Switching templates kept the previous template's size, sampler and steps (issue 11): the
video template's 832x480 / uni_pc / 30 steps leaked into Text to image.

The rule (GenerateForm, docs/ARCHITECTURE.md "The Generate tab"): what you write travels
(prompt, negative, seed, checkpoint, batch count); how a template renders belongs to the
template (size, steps, CFG, sampler, scheduler, denoise, its own settings): a template picked
for the first time starts from its preferred values, one you come back to has the values you
left it with."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from studio_desktop.ui.generate import GenerateTab
from tests.gui.conftest import PoolFactory, TabFactory


def _pick(tab: GenerateTab, template_id: str) -> None:
    """What choosing it in the Template combo does."""
    combo = tab.form.template_combo
    index = combo.findData(template_id)
    assert index >= 0, template_id
    combo.setCurrentIndex(index)
    assert tab.form.template() is not None and tab.form.template().id == template_id  # type: ignore[union-attr]


def _rendering(tab: GenerateTab) -> tuple[object, ...]:
    p = tab.form.params()
    return (p.width, p.height, p.sampler, p.scheduler, p.steps, p.cfg)


def test_the_video_templates_size_sampler_and_steps_do_not_leak_into_text_to_image(
    qtbot: QtBot, make_pool: PoolFactory, make_tab: TabFactory
) -> None:
    tab = make_tab(make_pool())
    assert tab.form.template().id == "txt2img"  # type: ignore[union-attr]
    text_to_image = _rendering(tab)
    assert text_to_image == (512, 512, "euler", "normal", 20, 7.0)
    tab.form.prompt_edit.setPlainText("a lighthouse at dusk")

    _pick(tab, "video_wan")
    assert _rendering(tab) == (832, 480, "uni_pc", "simple", 30, 6.0)
    assert tab.form.params().prompt == "a lighthouse at dusk"  # what you wrote travels

    _pick(tab, "txt2img")
    assert _rendering(tab) == text_to_image
    assert tab.form.params().prompt == "a lighthouse at dusk"


def test_each_template_comes_back_with_the_values_you_left_it_with(
    qtbot: QtBot, make_pool: PoolFactory, make_tab: TabFactory
) -> None:
    tab = make_tab(make_pool())
    tab.form.steps_spin.setValue(25)
    tab.form.size_field.set_size(768, 512)
    _pick(tab, "video_wan")
    tab.form.steps_spin.setValue(12)
    _pick(tab, "txt2img")
    assert (tab.form.params().steps, tab.form.params().width) == (25, 768)
    _pick(tab, "video_wan")
    assert (tab.form.params().steps, tab.form.params().width) == (12, 832)

    # ...and after a restart (the saved form state holds every template's values).
    state = tab.form_state()
    again = make_tab(make_pool())
    again.restore_form_state(state)
    assert again.form.template().id == "video_wan"  # type: ignore[union-attr]
    _pick(again, "txt2img")
    assert (again.form.params().steps, again.form.params().width) == (25, 768)
