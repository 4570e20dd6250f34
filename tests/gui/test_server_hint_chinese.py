"""A Chinese user with the local ComfyUI down read "未连接到 本机 ComfyUI": the template put a
space before the server's name, right before a Latin name and odd before a Chinese one. The
name now stands in Chinese quotation marks, whichever script it is in."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from studio_desktop.core.servers import DEFAULT_SERVER_NAME, ServerConfig
from tests.gui.conftest import PoolFactory, TabFactory
from tests.gui.managed_helpers import free_port

WAIT_MS = 20_000


def test_the_not_connected_hint_quotes_the_servers_name_in_chinese(
    qtbot: QtBot, simplified_chinese: None, make_pool: PoolFactory, make_tab: TabFactory
) -> None:
    down = ServerConfig(f"http://127.0.0.1:{free_port()}", name=DEFAULT_SERVER_NAME)
    tab = make_tab(make_pool(down))
    tab.show()
    hint = tab.form.server_hint
    qtbot.waitUntil(lambda: hint.text().startswith("未连接到"), timeout=WAIT_MS)
    assert hint.text().startswith("未连接到“本机 ComfyUI”。")
