"""Open a server's own page (ComfyUI's editor) in the browser: from Settings ▸ Servers and from
the server's badge in the status bar. QDesktopServices.openUrl, the OS boundary, is patched."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import DEFAULT_SERVER, AppContext
from studio_desktop.core.engine import ServerState, ServerStatus
from studio_desktop.core.servers import ServerConfig
from studio_desktop.core.settings import load_settings
from studio_desktop.ui.services import Services
from studio_desktop.ui.settings.dialog import SettingsDialog
from studio_desktop.ui.status_bar import StudioStatusBar
from tests.gui.conftest import PoolFactory, db
from tests.gui.test_gallery import action

WAIT_MS = 15_000
LAN = "http://192.168.1.20:8188"


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    urls: list[str] = []

    def open_url(url: QUrl) -> bool:
        urls.append(url.toString())
        return not url.host().endswith(".invalid")  # a browser that refuses this one

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    return urls


def test_settings_servers_open_the_selected_server_in_the_browser(
    qtbot: QtBot, ctx: AppContext, make_pool: PoolFactory, opened: list[str]
) -> None:
    db(ctx).add_server("Desk GPU", LAN)
    db(ctx).add_server("Gone", "http://comfy.invalid:8188")
    pool = make_pool(ServerConfig(DEFAULT_SERVER, "Local ComfyUI"))
    dialog = SettingsDialog(Services(ctx, pool, load_settings(ctx.paths.settings)))
    qtbot.addWidget(dialog)
    page = dialog.servers
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=WAIT_MS)
    assert not page.browser_button.isEnabled()  # nothing selected yet
    page.table.selectRow(0)
    assert page.browser_button.isEnabled()
    page.browser_button.click()
    assert opened == [LAN + "/"]
    page.table.selectRow(1)
    page.browser_button.click()
    assert page.test_result.ok is False
    assert page.test_result.text() == "No browser could open http://comfy.invalid:8188"


def test_the_status_bar_badge_opens_its_server(qtbot: QtBot, opened: list[str]) -> None:
    bar = StudioStatusBar()
    qtbot.addWidget(bar)
    bar.show_server(ServerStatus(LAN + "/", "Desk GPU", ServerState.IDLE))
    assert bar.server_menu("http://elsewhere:8188") is None
    menu = bar.server_menu(LAN + "/")
    assert menu is not None
    action(menu, "Open in browser").trigger()
    assert opened == [LAN + "/"]
