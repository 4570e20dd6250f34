"""The missing-model warning above Queue grew to ~200 px, its download addresses were plain
text, and "1 more problem(s) are marked in red at their fields" led nowhere (issue 11).

Now: one problem shown, a button for the rest (in a list of bounded height), addresses are
links (showing their host), and a problem that belongs to a field links to that field."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from studio_desktop.ui.generate.problem_list import MAX_LIST_HEIGHT, linked
from tests.fakes.comfy_server import FakeComfyServer
from tests.gui.conftest import PoolFactory, TabFactory
from tests.gui.test_generate import wait_lists

WAIT_MS = 30_000


class _Browser(QObject):
    """Catches the addresses QDesktopServices would open (Qt's own seam)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toString())


@pytest.fixture
def browser() -> Iterator[_Browser]:
    catcher = _Browser()
    QDesktopServices.setUrlHandler("https", catcher, "open")
    yield catcher
    QDesktopServices.unsetUrlHandler("https")


def test_missing_models_are_a_compact_list_with_links_and_every_problem_is_reachable(
    qtbot: QtBot,
    fake_comfy: FakeComfyServer,
    make_pool: PoolFactory,
    make_tab: TabFactory,
    browser: _Browser,
) -> None:
    tab = make_tab(make_pool(fake_comfy))
    tab.resize(1100, 800)
    tab.show()
    qtbot.waitExposed(tab)
    wait_lists(qtbot, tab, fake_comfy)
    combo = tab.form.template_combo
    combo.setCurrentIndex(combo.findData("video_wan"))  # its three Wan model files are missing
    problems = tab.problem_list
    qtbot.waitUntil(lambda: len(problems.problems()) >= 3, timeout=WAIT_MS)
    everything = problems.problems()

    # Compact: one problem and a way to the others.
    assert len(problems.rows) == 1
    lines = problems.rows[0].height() / problems.rows[0].fontMetrics().height()
    assert lines <= 5, lines
    assert problems.toggle_button.isVisible()
    assert problems.toggle_button.text() == f"{len(everything) - 1} more problem(s): show all"

    # The download address is a link showing its host, and it opens.
    first = problems.rows[0].text()
    assert '">huggingface.co</a>' in first and "https://huggingface.co/" in first
    url = first.split('href="', 1)[1].split('"', 1)[0]
    problems.rows[0].linkActivated.emit(url)
    assert browser.urls == [url]

    # Every problem is reachable, in a list that scrolls instead of growing.
    problems.toggle_button.click()
    assert [r.text() for r in problems.rows] == [problems._rich(p) for p in everything]
    assert problems.scroller.height() <= MAX_LIST_HEIGHT
    assert problems.toggle_button.text() == "Show fewer"

    # A problem of a field links to that field, which scrolls into view.
    (field_problem,) = [p for p in everything if p.field == "diffusion_model"]
    row = problems.rows[everything.index(field_problem)]
    assert "Show the field" in row.text()
    editor = tab.form.editor("diffusion_model")
    assert editor is not None
    tab.scroll_area.verticalScrollBar().setValue(0)
    qtbot.waitUntil(lambda: editor.visibleRegion().isEmpty(), timeout=WAIT_MS)
    row.linkActivated.emit("field:diffusion_model")
    qtbot.waitUntil(lambda: not editor.visibleRegion().isEmpty(), timeout=WAIT_MS)


def test_an_address_in_a_problem_becomes_a_link_showing_its_host() -> None:
    text = linked("Download a.safetensors from https://example.org/x/a.safetensors. <b>")
    assert text == (
        'Download a.safetensors from <a href="https://example.org/x/a.safetensors">'
        "example.org</a>. &lt;b&gt;"
    )


def test_an_address_ends_before_full_width_punctuation() -> None:
    """A Chinese message puts "），然后重启" right after the address: not part of the link."""
    text = linked("请安装 ReActor（https://github.com/Gourieff/ComfyUI-ReActor），然后重启。")
    assert 'href="https://github.com/Gourieff/ComfyUI-ReActor"' in text
    assert "），然后重启。" in text
