"""Fixtures several unit test files share."""

from __future__ import annotations

from typing import Any

import pytest
from PIL import ImageFile

Decoded = list[tuple[str | None, tuple[int, int]]]


@pytest.fixture
def pillow_loads(monkeypatch: pytest.MonkeyPatch) -> Decoded:
    """Every picture Pillow decodes itself, as (format, size). Pixels are only allocated when
    Pillow loads an image: recording the loads tells what was decoded without timing a call,
    which a busy machine makes slow either way."""
    loads: Decoded = []
    load = ImageFile.ImageFile.load

    def recording(im: ImageFile.ImageFile) -> Any:
        loads.append((im.format, im.size))
        return load(im)

    monkeypatch.setattr(ImageFile.ImageFile, "load", recording)
    return loads
