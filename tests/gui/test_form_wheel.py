"""Scrolling the Generate form with the mouse wheel must not change the values it passes over
(issue 11: the scheduler, size and steps changed while a user scrolled)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from tests.gui.conftest import PoolFactory, TabFactory


def _wheel_down(widget: QWidget) -> QWheelEvent:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120),  # one notch down
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)
    return event


def test_scrolling_over_the_steps_and_scheduler_leaves_them_alone(
    qtbot: QtBot, make_pool: PoolFactory, make_tab: TabFactory
) -> None:
    tab = make_tab(make_pool())
    tab.show()
    qtbot.waitExposed(tab)
    form = tab.form
    tab.queue_button.setFocus()
    steps, scheduler = form.steps_spin.value(), form.scheduler_combo.currentIndex()

    steps_event = _wheel_down(form.steps_spin)
    _wheel_down(form.scheduler_combo)

    assert form.steps_spin.value() == steps
    assert form.scheduler_combo.currentIndex() == scheduler
    # Not accepted: Qt hands an ignored wheel on to the parents, so the form scrolls instead.
    assert not steps_event.isAccepted()


def test_a_focused_spin_box_still_takes_the_wheel(
    qtbot: QtBot, make_pool: PoolFactory, make_tab: TabFactory
) -> None:
    tab = make_tab(make_pool())
    tab.show()
    qtbot.waitExposed(tab)
    spin = tab.form.steps_spin
    spin.setValue(20)
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)

    _wheel_down(spin)

    assert spin.value() == 19


def test_the_wheel_does_not_focus_the_form_fields(
    qtbot: QtBot, make_pool: PoolFactory, make_tab: TabFactory
) -> None:
    """Qt focuses a WheelFocus widget when the wheel passes over it, which would let the next
    notch change it; every value field of the form takes focus only by click or Tab."""
    tab = make_tab(make_pool())
    tab.show()
    qtbot.waitExposed(tab)
    fields = [
        *tab.form.findChildren(QAbstractSpinBox),
        *tab.form.findChildren(QComboBox),
    ]
    assert fields
    loose = [
        w.objectName() or type(w).__name__
        for w in fields
        if w.focusPolicy() == Qt.FocusPolicy.WheelFocus
    ]
    assert loose == []
