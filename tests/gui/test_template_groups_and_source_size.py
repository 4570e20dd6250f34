"""The Template list was one long alphabetical list, and a source image's size could only be
typed in by hand (issue 11). Now the list is grouped (image / edit / upscale / video / audio /
imported) under headers with an icon that cannot be picked, and an image slot shows its
image's size with "Use source size"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.ui.generate.template_groups import HEADER_ROLE
from tests.gui.conftest import PoolFactory, TabFactory
from tests.gui.test_generate import WAIT_MS, drop, png, slot, with_img2img


def test_the_template_list_is_grouped_under_headers_with_icons(
    qtbot: QtBot, make_pool: PoolFactory, make_tab: TabFactory, ctx: AppContext
) -> None:
    with_img2img(ctx)  # a template of the user's own: "Imported"
    tab = make_tab(make_pool())
    combo = tab.form.template_combo
    model = combo.model()
    groups: dict[str, list[str]] = {}
    header = ""
    for row in range(combo.count()):
        index = model.index(row, 0)
        assert not combo.itemIcon(row).isNull()
        if index.data(HEADER_ROLE):
            header = combo.itemText(row)
            assert not (model.flags(index) & Qt.ItemFlag.ItemIsSelectable)
            assert not (model.flags(index) & Qt.ItemFlag.ItemIsEnabled)
            groups[header] = []
        else:
            groups[header].append(str(combo.itemData(row)))
    assert groups == {
        "Image": ["txt2img"],
        "Edit": [
            "background_change",
            "head_swap",
            "img2img",
            "inpaint",
            "inpaint_model",
            "pose_change",
        ],
        "Upscale": ["upscale_latent", "upscale"],
        "Video": ["video_wan"],
        "Audio": ["audio_stable"],
        "Imported": ["test_img2img"],
    }

    # The keyboard never lands on a header: Down from the last image template goes to the
    # first edit template, Home to the first template.
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Home)
    assert combo.currentData() == "txt2img"
    QTest.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == "background_change"
    assert tab.form.template().id == "background_change"  # type: ignore[union-attr]


def test_a_source_image_shows_its_size_and_use_source_size_sets_width_and_height(
    qtbot: QtBot, make_pool: PoolFactory, make_tab: TabFactory, tmp_path: Path
) -> None:
    tab = make_tab(make_pool())
    tab.show()
    assert tab.select_template("img2img")
    source = slot(tab, "source")
    assert not source.size_button.isVisibleTo(tab)  # no image yet

    drop(source, png(tmp_path / "photo.png", size=(1000, 700)))
    qtbot.waitUntil(lambda: source.size_label.text() == "1000 × 700", timeout=WAIT_MS)
    assert source.size_button.isVisibleTo(tab)
    source.size_button.click()
    assert tab.form.size_field.dimensions() == (1000, 704)  # multiples of 8

    drop(source, png(tmp_path / "panorama.png", size=(6000, 3000)))
    qtbot.waitUntil(lambda: source.size_label.text() == "6000 × 3000", timeout=WAIT_MS)
    source.size_button.click()
    assert tab.form.size_field.dimensions() == (4096, 2048)  # within the largest size, same shape

    # A template without width and height has nothing to set: no button, the size still shown.
    assert tab.select_template("upscale")
    upscale_source = slot(tab, "source")
    qtbot.waitUntil(lambda: upscale_source.size_label.text() == "6000 × 3000", timeout=WAIT_MS)
    assert not upscale_source.size_button.isVisibleTo(tab)
