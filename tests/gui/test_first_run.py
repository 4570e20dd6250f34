"""The first-run dialog: finds ComfyUI, explains how to start it, checks again, registers
another address, and remembers that the first run is done."""

from __future__ import annotations

import socket
from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import DEFAULT_SERVER, AppContext
from studio_desktop.core.engine import ServerState, ServerStatus
from studio_desktop.core.servers import ServerConfig
from studio_desktop.core.settings import load_settings
from studio_desktop.ui.first_run import FirstRunDialog, first_server_url, running_server_url
from studio_desktop.ui.services import Services
from tests.fakes.comfy_server import FakeComfyServer
from tests.gui.conftest import PoolFactory, db

WAIT_MS = 15_000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def services(ctx: AppContext, make_pool: PoolFactory) -> Services:
    pool = make_pool(ServerConfig(DEFAULT_SERVER, "Local ComfyUI"))
    return Services(ctx, pool, load_settings(ctx.paths.settings))


def open_dialog(qtbot: QtBot, services: Services, url: str) -> FirstRunDialog:
    dialog = FirstRunDialog(services, url=url)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def settle(qtbot: QtBot, dialog: FirstRunDialog) -> None:
    qtbot.waitUntil(lambda: dialog.state != "checking", timeout=WAIT_MS)
    assert dialog.prober.wait()


def test_a_running_server_is_found(
    qtbot: QtBot, fake_comfy: FakeComfyServer, services: Services
) -> None:
    dialog = open_dialog(qtbot, services, fake_comfy.url)
    assert dialog.state == "checking"  # the probe runs off the GUI thread
    settle(qtbot, dialog)
    assert dialog.state == "found"
    text = dialog.found_line.text()
    assert text == f"ComfyUI found at {fake_comfy.url} (GPU: cpu)"
    assert "ComfyUI 0.3.64" in dialog.found_details.text()
    assert dialog.start_button.isVisibleTo(dialog)
    dialog.start_button.click()
    assert not dialog.isVisible()


def test_no_server_shows_how_to_start_it_and_check_again_finds_it(
    qtbot: QtBot,
    services: Services,
    fake_comfy_factory: Callable[..., FakeComfyServer],
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    dialog = open_dialog(qtbot, services, url)
    settle(qtbot, dialog)
    assert dialog.state == "missing"
    assert dialog.missing_line.text() == f"ComfyUI is not running at {url}"
    assert "Could not reach ComfyUI" in dialog.error_details.text()
    page_text = " ".join(
        label.text() for label in dialog.missing_page.findChildren(type(dialog.error_details))
    )
    assert "python main.py" in page_text and "ComfyUI Desktop" in page_text
    # Step 2 names the address being checked, not the default port (issue 11).
    assert url in page_text and DEFAULT_SERVER not in page_text
    missing_height = dialog.height()
    for button in (dialog.check_button, dialog.other_button, dialog.skip_button):
        assert button.isVisibleTo(dialog)

    fake_comfy_factory(port=port)  # the user starts ComfyUI
    dialog.check_button.click()
    assert dialog.state == "checking"
    settle(qtbot, dialog)
    assert dialog.state == "found"
    assert url in dialog.found_line.text()
    # The short "found" page does not keep the tall "not running" page's height (issue 11).
    need = max(dialog.layout().totalHeightForWidth(dialog.width()), dialog.minimumHeight())
    assert dialog.height() <= need < missing_height


def test_another_address_is_checked_and_registered(
    qtbot: QtBot, fake_comfy: FakeComfyServer, services: Services
) -> None:
    states: dict[str, ServerState] = {}

    def record(status: ServerStatus) -> None:
        states[status.url] = status.state

    services.pool.server_changed.connect(record)
    dialog = open_dialog(qtbot, services, f"http://127.0.0.1:{free_port()}")
    settle(qtbot, dialog)
    dialog.other_button.click()
    assert dialog.address_row.isVisibleTo(dialog)
    assert not dialog.other_button.isVisibleTo(dialog)

    dialog.address_field.setText("nonsense")
    dialog.connect_button.click()
    assert "is not a server address" in dialog.address_result.text()

    dead = f"http://127.0.0.1:{free_port()}"
    dialog.address_field.setText(dead)
    dialog.connect_button.click()
    qtbot.waitUntil(lambda: dialog.address_result.ok is not None, timeout=WAIT_MS)
    assert dialog.address_result.ok is False and dialog.state == "missing"
    assert db(services.ctx).list_servers() == []

    dialog.address_field.setText(fake_comfy.url + "/")
    dialog.connect_button.click()
    settle(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.state == "found", timeout=WAIT_MS)
    [record_] = db(services.ctx).list_servers()
    assert record_.url == fake_comfy.url
    qtbot.waitUntil(lambda: states.get(fake_comfy.url) == ServerState.IDLE, timeout=WAIT_MS)


def test_closing_marks_the_first_run_done(qtbot: QtBot, services: Services) -> None:
    assert not services.settings.first_run_done
    dialog = open_dialog(qtbot, services, f"http://127.0.0.1:{free_port()}")
    settle(qtbot, dialog)
    dialog.skip_button.click()  # "Continue without a server"
    assert services.settings.first_run_done
    assert load_settings(services.ctx.paths.settings).first_run_done


def test_the_first_enabled_registered_server_is_probed(services: Services) -> None:
    store = db(services.ctx)
    assert first_server_url(store.list_servers()) == DEFAULT_SERVER
    store.add_server("off", "http://127.0.0.1:9001", enabled=False)
    store.add_server("on", "http://127.0.0.1:9002")
    assert first_server_url(store.list_servers()) == "http://127.0.0.1:9002"
    # The dialog asks the pool, which the app built from that registry (here: the default).
    assert running_server_url(services) == DEFAULT_SERVER
