"""Settings and polish (issue 11): one apply model, "Restart now" after a language change, the
theme setting and visible dark outlines, a dialog that fits a small screen."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QProcess
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QScrollArea,
    QSpinBox,
    QStyle,
    QStyleOptionButton,
)
from pytestqt.qtbot import QtBot

from studio_desktop.app import GuiOptions, StudioApp
from studio_desktop.core.context import DEFAULT_SERVER, AppContext
from studio_desktop.core.servers import ServerConfig
from studio_desktop.core.settings import load_settings
from studio_desktop.ui.restart import restart_command
from studio_desktop.ui.services import Services
from studio_desktop.ui.settings.dialog import SettingsDialog
from studio_desktop.ui.settings.server_edit import ServerFields
from studio_desktop.ui.theme import THEME_ENV, OutlinedFusion, chosen_theme, dark_palette
from tests.gui.conftest import PoolFactory, db

WAIT_MS = 15_000


@pytest.fixture
def services(ctx: AppContext, make_pool: PoolFactory) -> Services:
    pool = make_pool(ServerConfig(DEFAULT_SERVER, "Local ComfyUI"))
    return Services(ctx, pool, load_settings(ctx.paths.settings))


@pytest.fixture
def dialog(qtbot: QtBot, services: Services) -> SettingsDialog:
    widget = SettingsDialog(services)
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def app_theme() -> Iterator[QApplication]:
    """The application's palette and colour scheme, put back after the test."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette = QPalette(app.palette())
    yield app
    QGuiApplication.styleHints().unsetColorScheme()
    app.setPalette(palette)


# --- 1. one model: nothing applies until OK or Apply, Cancel discards ---


def test_changes_take_effect_at_once_is_gone_and_cancel_discards_server_changes(
    qtbot: QtBot, services: Services, dialog: SettingsDialog
) -> None:
    page = dialog.servers
    assert "at once" not in " ".join(label.text() for label in page.findChildren(type(page.empty)))
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.empty, timeout=WAIT_MS)
    page.register(ServerFields("Desk GPU", "http://127.0.0.1:9", None))
    assert page.model.rowCount() == 1 and dialog.apply_button.isEnabled()
    dialog.general.trash_days.setValue(9)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert db(services.ctx).list_servers() == []
    assert services.settings.trash_retention_days == 30
    assert not services.ctx.paths.settings.exists()


def test_ok_writes_server_and_general_changes_then_closes(
    qtbot: QtBot, services: Services, dialog: SettingsDialog
) -> None:
    page = dialog.servers
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.empty, timeout=WAIT_MS)
    page.register(ServerFields("Desk GPU", "http://127.0.0.1:9", None))
    dialog.general.trash_days.setValue(9)
    with qtbot.waitSignal(dialog.finished, timeout=WAIT_MS):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [r.name for r in db(services.ctx).list_servers()] == ["Desk GPU"]
    assert load_settings(services.ctx.paths.settings).trash_retention_days == 9


# --- 2. "Restart now" after a language change ---


def test_restart_now_after_a_language_change_closes_normally_and_starts_the_same_command(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[tuple[Any, ...]] = []
    monkeypatch.setattr(QProcess, "startDetached", lambda *a: started.append(a) or (True, 1))
    monkeypatch.setattr(QApplication, "quit", lambda *a: None)  # the test's app goes on
    data = tmp_path / "data"
    monkeypatch.setattr(sys, "argv", ["studio-desktop", "--data-dir", str(data)])
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    ctx = AppContext.open(data)
    try:
        studio = StudioApp(app, ctx, GuiOptions(crash_dialog=False, first_run=False))
        qtbot.addWidget(studio.window)
        studio.start()

        def exec_(dialog: SettingsDialog) -> int:
            general = dialog.general
            assert not general.language_hint.isVisibleTo(general)
            general.language.setCurrentIndex(general.language.findData("zh_CN"))
            assert general.restart_button.isVisibleTo(general)
            general.restart_button.click()
            qtbot.waitUntil(lambda: not studio.pool.is_running, timeout=WAIT_MS)
            return int(dialog.result())

        monkeypatch.setattr(SettingsDialog, "exec", exec_)
        studio.window.open_settings("general")
        assert load_settings(ctx.paths.settings).language == "zh_CN"
        assert started == [
            (sys.executable, ["-m", "studio_desktop", "--data-dir", str(data)], os.getcwd())
        ]
    finally:
        studio.shutdown()
        ctx.close()


def test_restart_command_of_a_bundle_is_its_executable_with_the_arguments() -> None:
    command = restart_command(
        ["/opt/studio/studio-desktop", "--server", "http://gpu:8188"],
        executable="/opt/studio/studio-desktop",
        frozen=True,
        folder="/home/me",
    )
    assert (command.program, command.arguments, command.folder) == (
        "/opt/studio/studio-desktop",
        ["--server", "http://gpu:8188"],
        "/home/me",
    )


# --- 3. the theme setting, and dark outlines that show ---


def test_theme_choice_in_settings_applies_on_apply_and_the_env_var_still_wins(
    qtbot: QtBot,
    services: Services,
    dialog: SettingsDialog,
    app_theme: QApplication,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(THEME_ENV, raising=False)
    general = dialog.general
    general.theme.setCurrentIndex(general.theme.findData("dark"))
    assert dialog.apply()
    assert app_theme.palette().color(QPalette.ColorRole.Window).lightness() < 128
    assert load_settings(services.ctx.paths.settings).theme == "dark"
    general.theme.setCurrentIndex(general.theme.findData("light"))
    assert dialog.apply()
    assert app_theme.palette().color(QPalette.ColorRole.Window).lightness() >= 128
    monkeypatch.setenv(THEME_ENV, "dark")
    assert chosen_theme("light") == "dark"


def _luminance(colour: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_dark_theme_checkbox_and_spin_box_outlines_are_visible(qtbot: QtBot) -> None:
    """WCAG asks 3:1 for a control's outline against what surrounds it; Fusion's own dark
    outline (the window colour darkened) gives about 1.1:1."""
    style = OutlinedFusion()
    window = dark_palette().color(QPalette.ColorRole.Window)
    box = QCheckBox("Notify me")
    spin = QSpinBox()
    for widget in (box, spin):
        qtbot.addWidget(widget)
        widget.setStyle(style)
        widget.setPalette(dark_palette())
        widget.resize(widget.sizeHint())
    option = QStyleOptionButton()
    option.initFrom(box)
    indicator = style.subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    image = box.grab().toImage()
    edge = image.pixelColor(QPoint(indicator.left(), indicator.center().y()))
    assert contrast(edge, window) >= 3.0, edge.name()
    image = spin.grab().toImage()
    frame = image.pixelColor(QPoint(0, spin.height() // 2))
    assert contrast(frame, window) >= 3.0, frame.name()


# --- 4. a dialog that fits a small screen ---


def test_the_settings_window_can_be_made_small_and_every_page_scrolls(
    dialog: SettingsDialog,
) -> None:
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 700 and hint.height() <= 500, hint
    for index in range(dialog.tabs.count()):
        assert isinstance(dialog.tabs.widget(index), QScrollArea)
