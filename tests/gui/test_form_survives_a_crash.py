"""What the user typed in the Generate form is on disk before the window closes.

Found by using the app: the form (prompt, LoRAs, options) was written to settings.json only by
a clean close, so a crash, a kill or a logout took the prompt of the job just queued with it
(the job itself was safe in the queue). These tests never close the window cleanly: they stop
it the way a crash would (no `save_state`) and read what a new window finds.
"""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.settings import load_settings
from studio_desktop.ui.main_window import MainWindow
from tests.fakes.comfy_server import FakeComfyServer

from .conftest import PoolFactory, open_window

WAIT_MS = 20_000


def _crash(window: MainWindow) -> None:
    """Stop the window's threads as the test's clean-up must, without saving anything (the
    clean-up's close is let through without the close's save and question)."""
    window.shutdown()
    window.thumbnails.shutdown()
    window.allow_close()
    window.close()


def _saved_form(ctx: AppContext) -> dict[str, Any]:
    return load_settings(ctx.paths.settings).last_form


def _saved_prompt(ctx: AppContext) -> object:
    return (_saved_form(ctx).get("params") or {}).get("prompt")


def test_the_prompt_of_a_job_just_queued_is_there_after_a_crash(
    qtbot: QtBot, fake_comfy: FakeComfyServer, make_pool: PoolFactory, ctx: AppContext
) -> None:
    window = open_window(qtbot, ctx, make_pool(fake_comfy))
    try:
        qtbot.waitUntil(lambda: window.generate.form.model_combo.names() != [], timeout=WAIT_MS)
        window.generate.form.prompt_edit.setPlainText("a lighthouse at dusk, 灯塔")
        assert window.generate.queue() == 1
        qtbot.waitUntil(lambda: _saved_prompt(ctx) == "a lighthouse at dusk, 灯塔", timeout=WAIT_MS)
    finally:
        _crash(window)

    again = open_window(qtbot, ctx, make_pool())
    try:
        assert again.generate.form.prompt_edit.toPlainText() == "a lighthouse at dusk, 灯塔"
    finally:
        _crash(again)


def test_a_prompt_typed_and_left_is_there_after_a_crash(
    qtbot: QtBot, make_pool: PoolFactory, ctx: AppContext
) -> None:
    window = open_window(qtbot, ctx, make_pool())
    try:
        window.generate.form.prompt_edit.setPlainText("first idea")
        window.generate.form.prompt_edit.setPlainText("a fox in the snow")
        window.generate.form.batch_spin.setValue(3)
        qtbot.waitUntil(lambda: _saved_prompt(ctx) == "a fox in the snow", timeout=WAIT_MS)
        assert _saved_form(ctx)["batch_count"] == 3
    finally:
        _crash(window)

    again = open_window(qtbot, ctx, make_pool())
    try:
        assert again.generate.form.prompt_edit.toPlainText() == "a fox in the snow"
        assert again.generate.form.batch_spin.value() == 3
    finally:
        _crash(again)


def test_a_form_saved_in_the_background_never_overwrites_a_newer_save(
    qtbot: QtBot, make_pool: PoolFactory, ctx: AppContext
) -> None:
    """The close writes at once while a background save of an older form may still be
    waiting: the file must end with what the close wrote."""
    window = open_window(qtbot, ctx, make_pool())
    try:
        window.generate.form.prompt_edit.setPlainText("older")
        older = window.save_state_soon()
        window.generate.form.prompt_edit.setPlainText("newer")
        window.save_state()
        assert older.wait(WAIT_MS / 1000)
        assert _saved_prompt(ctx) == "newer"
    finally:
        _crash(window)
