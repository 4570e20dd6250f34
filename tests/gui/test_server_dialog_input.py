"""The server dialog refuses what the CLI refuses, with the same messages (one shared check)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from studio_desktop.core.urls import check_auth_header, normalize_base_url
from studio_desktop.ui.settings.server_edit import ServerEditDialog
from studio_desktop.workers.tasks import Tasks


@pytest.mark.parametrize("token", ["Bearer a\r\nX-Evil: 1", "Bearer a\nb", "Bearer 令牌"])
def test_a_token_with_a_line_break_is_refused_in_the_dialog(
    qtbot: QtBot, tasks: Tasks, token: str
) -> None:
    edit = ServerEditDialog(set(), tasks=tasks)
    qtbot.addWidget(edit)
    edit.url_field.setText("http://127.0.0.1:9001")
    edit.auth_field.setText(token)
    edit.accept()
    assert edit.result() != QDialog.DialogCode.Accepted
    assert edit.test_result.ok is False
    with pytest.raises(ValueError) as caught:
        check_auth_header(token)
    assert edit.test_result.text() == str(caught.value)


@pytest.mark.parametrize("address", ["http://[::1", "http://127.0.0.1:99999", "file:///x"])
def test_a_bad_address_shows_the_shared_message(qtbot: QtBot, tasks: Tasks, address: str) -> None:
    edit = ServerEditDialog(set(), tasks=tasks)
    qtbot.addWidget(edit)
    edit.url_field.setText(address)
    edit.accept()
    assert edit.result() != QDialog.DialogCode.Accepted
    with pytest.raises(ValueError) as caught:
        normalize_base_url(address)
    assert edit.test_result.text() == str(caught.value)
