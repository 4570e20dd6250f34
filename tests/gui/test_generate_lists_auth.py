"""The Generate form's model lists from a server behind a proxy that wants an Authorization
header: the lists were fetched without it (the server answered 401 and the form said it could
not read the lists, while jobs ran there fine)."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.servers import ServerConfig
from tests.fakes.comfy_server import FakeComfyServer
from tests.gui.conftest import PoolFactory, TabFactory, db
from tests.gui.test_generate import WAIT_MS

TOKEN = "Bearer s3cret"


def test_lists_of_a_server_that_wants_an_auth_header_fill_the_form(
    qtbot: QtBot,
    fake_comfy_factory: Callable[..., FakeComfyServer],
    make_pool: PoolFactory,
    make_tab: TabFactory,
    ctx: AppContext,
) -> None:
    fake = fake_comfy_factory(require_auth=TOKEN)
    db(ctx).add_server("Proxied GPU", fake.url, auth_header=TOKEN)
    tab = make_tab(make_pool(ServerConfig(fake.url, "Proxied GPU", TOKEN)))

    qtbot.waitUntil(lambda: tab.form.model_combo.names() == fake.checkpoints, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "Lists from" in tab.form.server_hint.text(), timeout=WAIT_MS)
    assert "Could not read" not in tab.form.server_hint.text()
