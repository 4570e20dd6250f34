"""Only the last image of a batch was shown on Generate (issue 11). Now every output of the jobs
one press of Queue made (batch count x latent batch size) shows as a strip of thumbnails under
the preview, each with favourite, open and send to an image slot."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import GenerationParams, JobStatus
from studio_desktop.ui.generate import GenerateTab
from tests.fakes.comfy_server import FakeComfyServer
from tests.gui.conftest import PoolFactory, TabFactory, db
from tests.gui.test_generate import jobs_in_store, slot, wait_lists, with_img2img

WAIT_MS = 60_000


class _Opened(QObject):
    """Catches what QDesktopServices would hand to the system viewer (Qt's own seam)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def opened() -> Iterator[_Opened]:
    catcher = _Opened()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    yield catcher
    QDesktopServices.unsetUrlHandler("file")


def _queue_batch(qtbot: QtBot, tab: GenerateTab, fake: FakeComfyServer, ctx: AppContext) -> None:
    wait_lists(qtbot, tab, fake)
    tab.form.load_params(None, GenerationParams(prompt="a harbour", batch_size=2))
    tab.form.batch_spin.setValue(2)  # 2 jobs x 2 latents = 4 images
    assert tab.queue() == 2
    qtbot.waitUntil(
        lambda: [j.status for j in jobs_in_store(ctx)] == [JobStatus.COMPLETED] * 2,
        timeout=WAIT_MS,
    )


def test_every_image_of_the_batch_shows_in_the_strip_not_only_the_last(
    qtbot: QtBot,
    fake_comfy_factory: Callable[..., FakeComfyServer],
    make_pool: PoolFactory,
    make_tab: TabFactory,
    ctx: AppContext,
) -> None:
    fake = fake_comfy_factory(steps=2, step_seconds=0.02)
    tab = make_tab(make_pool(fake))
    tab.show()
    _queue_batch(qtbot, tab, fake, ctx)
    strip = tab.progress.strip
    qtbot.waitUntil(lambda: len(strip.thumbs) == 4, timeout=WAIT_MS)
    assert strip.isVisible()
    assert strip.title.text() == "This batch: 4 image(s)"
    stored = {i.id for j in jobs_in_store(ctx) for i in db(ctx).images_for_job(j.id)}
    assert {t.record.id for t in strip.thumbs} == stored
    qtbot.waitUntil(
        lambda: all(
            t.image.pixmap() is not None and not t.image.pixmap().isNull() for t in strip.thumbs
        ),
        timeout=WAIT_MS,
    )

    # The next press of Queue starts a new strip.
    tab.form.load_params(None, GenerationParams(prompt="one more", batch_size=1))
    assert tab.queue() == 1
    qtbot.waitUntil(lambda: len(strip.thumbs) == 1, timeout=WAIT_MS)


def test_a_batch_image_can_be_favourited_opened_and_sent_to_an_image_slot(
    qtbot: QtBot,
    fake_comfy_factory: Callable[..., FakeComfyServer],
    make_pool: PoolFactory,
    make_tab: TabFactory,
    ctx: AppContext,
    opened: _Opened,
) -> None:
    with_img2img(ctx)
    fake = fake_comfy_factory(steps=2, step_seconds=0.02)
    tab = make_tab(make_pool(fake))
    tab.show()
    _queue_batch(qtbot, tab, fake, ctx)
    strip = tab.progress.strip
    qtbot.waitUntil(lambda: len(strip.thumbs) == 4, timeout=WAIT_MS)
    thumb = strip.thumbs[2]
    image_id = thumb.record.id

    thumb.favourite_button.click()
    assert thumb.favourite_button.text() == "★"
    qtbot.waitUntil(lambda: db(ctx).get_image(image_id).favourite, timeout=WAIT_MS)  # type: ignore[union-attr]
    thumb.favourite_button.click()
    qtbot.waitUntil(lambda: not db(ctx).get_image(image_id).favourite, timeout=WAIT_MS)  # type: ignore[union-attr]

    thumb.open_button.click()
    assert [Path(u.toLocalFile()) for u in opened.urls] == [ctx.paths.resolve(thumb.record.path)]

    assert not thumb.send_button.isEnabled()  # Text to image has no image slot
    combo = tab.form.template_combo
    combo.setCurrentIndex(combo.findData("test_img2img"))  # as the user picks it
    assert thumb.send_button.isEnabled()
    thumb.send_menu.aboutToShow.emit()
    labels = [a.text() for a in thumb.send_menu.actions()]
    assert labels == ["Send to Reference", "Send to Style"]
    thumb.send_menu.actions()[0].trigger()
    reference = slot(tab, "image")
    qtbot.waitUntil(lambda: reference.value() is not None, timeout=WAIT_MS)
    copied = ctx.paths.resolve(reference.value() or "")
    assert copied.read_bytes() == ctx.paths.resolve(thumb.record.path).read_bytes()
