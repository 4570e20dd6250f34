"""Tab walks the Generate form from top to bottom (issue 11: the Template combo came after the
image slot, and the image slots and template settings, made when a template is picked, came
after Batch)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.gui.conftest import PoolFactory, TabFactory


def tab_stops(start: QWidget) -> list[QWidget]:
    """The widgets Tab reaches from `start`, in order, once round the chain."""
    stops: list[QWidget] = []
    widget = start.nextInFocusChain()
    while widget is not start and len(stops) < 500:
        if (
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.isVisible()
            and widget.isEnabled()
        ):
            stops.append(widget)
        widget = widget.nextInFocusChain()
    return [start, *stops]


def position(stops: list[QWidget], widget: QWidget) -> int:
    """Where `widget` (or the widget it hands its focus to) is in `stops`."""
    for index, stop in enumerate(stops):
        if stop is widget or widget.focusProxy() is stop or stop.focusProxy() is widget:
            return index
        if widget.isAncestorOf(stop):
            return index
    raise AssertionError(f"{widget!r} is not reached by Tab")


def test_tab_goes_from_template_to_images_to_prompts_to_settings_to_batch(
    qtbot: QtBot, make_pool: PoolFactory, make_tab: TabFactory
) -> None:
    tab = make_tab(make_pool())
    tab.show()
    qtbot.waitExposed(tab)
    form = tab.form
    assert form.set_template("txt2img")
    assert form.set_template("img2img")  # slots made after the form: the case that went wrong
    slots = form.slot_widgets()
    assert slots

    stops = tab_stops(form.template_combo)
    order = [
        position(stops, widget)
        for widget in (
            form.template_combo,
            slots[0],
            form.prompt_edit,
            form.negative_edit,
            form.model_combo,
            form.sampler_combo,
            form.scheduler_combo,
            form.steps_spin,
            form.batch_spin,
        )
    ]
    assert order == sorted(order), order
