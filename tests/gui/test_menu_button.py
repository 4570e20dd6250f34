"""A button that opens a menu keeps its menu arrow clear of its text (the arrow covered the last
letter of "Names", "Use as source" and "Compare")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMenu, QToolButton
from pytestqt.qtbot import QtBot

from studio_desktop.ui.menu_button import MenuButton


def ink(button: QToolButton, size: QSize) -> set[tuple[int, int]]:
    """The pixels that differ from the same button drawn with no text and no menu."""
    text, menu = button.text(), button.menu()
    button.resize(size)
    drawn = button.grab().toImage()
    button.setText("")
    button.setMenu(None)  # type: ignore[arg-type]
    blank = button.grab().toImage()
    button.setText(text)
    button.setMenu(menu)
    return _differing(drawn, blank)


def _differing(a: QImage, b: QImage) -> set[tuple[int, int]]:
    return {
        (x, y)
        for y in range(a.height())
        for x in range(a.width())
        if a.pixel(x, y) != b.pixel(x, y)
    }


def _grown(points: set[tuple[int, int]]) -> set[tuple[int, int]]:
    return {(x + dx, y + dy) for x, y in points for dx in (-1, 0, 1) for dy in (-1, 0, 1)}


@pytest.mark.parametrize("text", ["Names", "名称", "Use as source", "Compare", "W"])
def test_the_menu_arrow_does_not_cover_the_text(qtbot: QtBot, text: str) -> None:
    button = MenuButton()
    qtbot.addWidget(button)
    button.setText(text)
    button.setMenu(QMenu(button))
    size = button.sizeHint()
    both = ink(button, size)
    menu = button.menu()
    button.setMenu(None)  # type: ignore[arg-type]
    text_only = ink(button, size)
    button.setText("")
    button.setMenu(menu)
    arrow_only = ink(button, size)
    assert text_only and arrow_only, "nothing drawn: the test would prove nothing"
    assert not (_grown(text_only) & arrow_only), "the arrow touches the text"
    assert both == text_only | arrow_only


def test_without_a_menu_or_text_it_is_as_wide_as_a_tool_button(qtbot: QtBot) -> None:
    plain, ours = QToolButton(), MenuButton()
    for button in (plain, ours):
        qtbot.addWidget(button)
        button.setText("Names")
    assert ours.sizeHint() == plain.sizeHint()  # no menu: nothing to make room for


def test_the_sweep_rows_names_button_is_one(qtbot: QtBot) -> None:
    from studio_desktop.ui.generate.sweep_form import AxisRow

    row = AxisRow("X")
    qtbot.addWidget(row)
    assert isinstance(row.names_button, MenuButton)
