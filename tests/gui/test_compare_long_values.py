"""Compare shows long values whole: prompts, checkpoint file names, the hires text.

Found by using the app: the parameters panel cut every long value to one line ("a lighthouse
at dus…", "juggernautXL_v9Ru…"), so the difference between two prompts, the reason to
compare, was in a tooltip. Each value now wraps onto the lines it needs at the column's width
(a file name with no spaces breaks anywhere), and rows follow the panel when it is resized.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from studio_desktop.ui.elide import item_text_margin
from studio_desktop.ui.gallery.compare import CompareDialog, CompareItem, ParametersPanel
from studio_desktop.ui.gallery.compare_params import ParamRow
from studio_desktop.ui.wrapping_delegate import wrapped_height
from studio_desktop.workers.tasks import Tasks

WAIT_MS = 20_000
PROMPT_A = (
    "a lighthouse at dusk on a rocky coast, waves crashing, dramatic clouds, golden hour "
    "light, highly detailed\nsecond paragraph typed on its own line"
)
PROMPT_B = "a lighthouse at night on a rocky coast, storm, lightning, dramatic clouds"
MODEL_B = "juggernautXL_v9Rundiffusionphoto2_with_a_very_long_name.safetensors"


def _panel(qtbot: QtBot, width: int) -> ParametersPanel:
    panel = ParametersPanel()
    qtbot.addWidget(panel)
    panel.resize(width, 600)
    panel.show_rows(
        [
            ParamRow("prompt", PROMPT_A, PROMPT_B, True),
            ParamRow("model", "sd_xl_base_1.0.safetensors", MODEL_B, True),
            ParamRow("seed", "3647089255", "3647089255", False),
        ]
    )
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def _item(panel: ParametersPanel, label: str) -> QTreeWidgetItem:
    [item] = [
        item
        for n in range(panel.topLevelItemCount())
        if (item := panel.topLevelItem(n)) is not None and item.text(0) == label
    ]
    return item


def _needed(panel: ParametersPanel, item: QTreeWidgetItem, column: int) -> int:
    """The height the value needs to be read whole at its column's width."""
    font = QFont(item.font(column))
    width = panel.header().sectionSize(column) - 2 * item_text_margin(panel)
    return wrapped_height(item.text(column), font, width)


def test_a_long_prompt_and_a_long_file_name_are_shown_whole(qtbot: QtBot) -> None:
    panel = _panel(qtbot, 460)
    prompt, model, seed = (_item(panel, label) for label in ("Prompt", "Model", "Seed"))
    line = panel.visualItemRect(seed).height()

    def tall_enough() -> bool:
        return panel.visualItemRect(prompt).height() >= _needed(
            panel, prompt, 1
        ) and panel.visualItemRect(model).height() >= _needed(panel, model, 2)

    qtbot.waitUntil(tall_enough, timeout=WAIT_MS)
    assert panel.visualItemRect(prompt).height() >= 4 * line  # not one line and an ellipsis
    assert panel.visualItemRect(model).height() >= 2 * line  # no spaces: broken anywhere
    assert prompt.text(1) == PROMPT_A  # the value itself, not a shortened copy
    for _ in range(2):  # painted, and painted again with what the first paint kept
        assert not panel.grab().isNull()


def test_rows_follow_the_panel_when_it_is_made_wider(qtbot: QtBot) -> None:
    panel = _panel(qtbot, 420)
    prompt = _item(panel, "Prompt")
    qtbot.waitUntil(
        lambda: panel.visualItemRect(prompt).height() >= _needed(panel, prompt, 1),
        timeout=WAIT_MS,
    )
    narrow = panel.visualItemRect(prompt).height()
    panel.resize(1400, 600)
    qtbot.waitUntil(lambda: panel.visualItemRect(prompt).height() < narrow, timeout=WAIT_MS)
    assert panel.visualItemRect(prompt).height() >= _needed(panel, prompt, 1)


def test_a_caption_cut_for_room_keeps_the_size_and_seed_whole(
    qtbot: QtBot, tmp_path: Path, tasks: Tasks
) -> None:
    """What the user saw: 'A: a lighthouse at night on…… · 64 × 64 · seed 10503702', the
    prompt cut to 60 characters and then the middle of the line cut again."""
    end = " · 64 × 64 · seed 10503702"
    item = CompareItem(tmp_path / "a.png", PROMPT_B + ", " + PROMPT_B, caption_end=end)
    dialog = CompareDialog((item, item), tasks)
    qtbot.addWidget(dialog)
    try:
        dialog.resize(1000, 600)
        dialog.show()
        qtbot.waitExposed(dialog)
        caption = dialog.captions[0]
        shown = caption.shown_text()
        assert shown.startswith("A: a light") and shown.endswith(end)
        assert shown.count("…") == 1
        assert caption.fontMetrics().horizontalAdvance(shown) <= caption.contentsRect().width()
        assert caption.toolTip() == f"A: {PROMPT_B}, {PROMPT_B}{end}"  # the whole of it
    finally:
        dialog.close()
