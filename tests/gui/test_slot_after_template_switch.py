"""The crash users saw: "Internal C++ object (ImageSlotWidget) already deleted".

Pick Image to image with a source image, focus the Template combo, press Home then Down
repeatedly: every template with an image slot builds a new slot widget that starts decoding the
remembered image, and the next key press deletes it. A decode that finished after its widget was
gone reached `ImageSlotWidget._show`: four crash dialogs in a second.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.ui.generate import image_slot
from studio_desktop.ui.generate.image_slot import ImageSlotWidget
from tests.gui.conftest import PoolFactory, TabFactory
from tests.gui.test_generate import WAIT_MS, drop, png, slot, with_img2img


def test_switching_templates_while_slot_images_decode_shows_no_deleted_widget_error(
    qtbot: QtBot,
    make_pool: PoolFactory,
    make_tab: TabFactory,
    ctx: AppContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with_img2img(ctx)
    tab = make_tab(make_pool())
    tab.show()
    assert tab.form.set_template("test_img2img")
    source = slot(tab, "image")
    drop(source, png(tmp_path / "source.png"))
    qtbot.waitUntil(lambda: source.value() is not None, timeout=WAIT_MS)
    chosen = source.value()

    # Hold every decode until the widgets that asked for them are gone: the order the crash
    # needs, without depending on how fast this machine decodes.
    gate = threading.Event()
    real_decode = image_slot.decode_thumbnail

    def held_decode(path: Path, box: int) -> QImage:
        gate.wait(WAIT_MS / 1000)
        return real_decode(path, box)

    monkeypatch.setattr(image_slot, "decode_thumbnail", held_decode)

    combo = tab.form.template_combo
    combo.setFocus()
    built: list[ImageSlotWidget] = []

    def note_slot() -> None:
        widget = tab.form.slot_widget("image")
        if widget is not None and widget not in built:
            built.append(widget)

    QTest.keyClick(combo, Qt.Key.Key_Home)
    note_slot()
    for _ in range(combo.count()):
        QTest.keyClick(combo, Qt.Key.Key_Down)
        note_slot()
    # The grouped list ends with the imported templates (this one): leave it once more.
    QTest.keyClick(combo, Qt.Key.Key_Home)
    # Back to the template with the image: one slot stays, waiting for its thumbnail.
    assert tab.form.set_template("test_img2img")
    current = slot(tab, "image")
    gone = [w for w in built if w is not current]
    assert gone, "no slot widget was replaced while switching templates"
    qtbot.waitUntil(lambda: not any(shiboken6.isValid(w) for w in gone), timeout=WAIT_MS)

    gate.set()
    qtbot.waitUntil(lambda: current.area.pixmap is not None, timeout=WAIT_MS)
    assert current.value() == chosen
    assert current.message() == ""
