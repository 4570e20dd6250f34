"""A record read in the background never puts back what the user changed meanwhile.

Seen in CI under load (tests/gui/test_gallery.py::test_favourite_toggles), and a user can do
the same: selecting images starts a read of their full records; pressing Ctrl+D before that
read arrives favourites them at once, then the read arrived with the records as they were
before and put them back. The hearts went out, and the next Ctrl+D favourited them again
instead of taking them away. Here the read is held at the moment it has read the store, the
favourite is set, then the read is let go.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import Any

from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import ImageRecord
from studio_desktop.ui.gallery.model import GalleryModel
from studio_desktop.workers.read_view import ReadView
from tests.gui.test_gallery import WAIT_MS, add_images, hearts, settled

HELD_S = 60.0


class HeldReads(ReadView):
    """The real reads of the store; while `hold` is set, each record read waits after reading
    until `release` is set (the store's answer is already in hand: as a slow read thread)."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.hold = threading.Event()
        self.holding = threading.Event()
        self.release = threading.Event()

    def _wait(self) -> None:
        if self.hold.is_set():
            self.holding.set()
            assert self.release.wait(HELD_S)

    def get_image(self, image_id: int) -> ImageRecord | None:
        record = super().get_image(image_id)
        self._wait()
        return record

    def list_images(self, *args: Any, **kwargs: Any) -> Any:
        page = super().list_images(*args, **kwargs)
        self._wait()
        return page


def test_a_favourite_set_while_the_records_were_being_read_stays(
    qtbot: QtBot, ctx: AppContext
) -> None:
    [first, *_] = add_images(ctx, 3)
    reads = HeldReads(ctx.store)
    model = GalleryModel(reads, page_size=3)
    try:
        settled(qtbot, model)
        row = model.row_of(first.id)
        assert row is not None
        got: list[list[ImageRecord]] = []
        reads.hold.set()
        model.read_records([row], got.append)  # as selecting the image does
        assert reads.holding.wait(HELD_S)  # the read has the record as it was
        model.update_records([replace(first, favourite=True)])  # Ctrl+D meanwhile
        assert hearts(model, [row]) == [True]
        reads.hold.clear()
        reads.release.set()
        qtbot.waitUntil(lambda: bool(got), timeout=WAIT_MS)
        assert [r.favourite for r in got[0]] == [True]  # what the caller is handed
        assert hearts(model, [row]) == [True]  # what the grid shows
        held: list[list[ImageRecord]] = []
        model.read_records([row], held.append)  # held now: answered at once
        assert held and held[0][0].favourite
    finally:
        reads.release.set()
        model.shutdown()
