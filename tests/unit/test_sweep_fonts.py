"""Chinese in a sweep grid's labels is drawn in a CJK font the system has, not as boxes."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image, ImageFont

from studio_desktop.core.sweeps import fonts
from studio_desktop.core.sweeps.grid import GridAxis, render_grid

SYSTEM_CJK = fonts.cjk_font_file()
needs_a_cjk_font = pytest.mark.skipif(
    SYSTEM_CJK is None,
    reason="no CJK font on this system (Debian/Ubuntu: apt-get install fonts-noto-cjk)",
)


@pytest.mark.parametrize(
    ("text", "cjk"),
    [
        ("一只猫", True),
        ("提示词: a cat", True),
        ("ねこ", True),
        ("고양이", True),
        ("ＣＦＧ", True),  # full-width forms
        ("a cat, 4.5, dpmpp_2m", False),
        ("Кошка, γάτα, café", False),  # the built-in font has these
        ("", False),
    ],
)
def test_cjk_text_is_told_apart(text: str, cjk: bool) -> None:
    assert fonts.needs_cjk([text]) is cjk


def test_latin_labels_keep_the_built_in_font() -> None:
    chosen = fonts.label_fonts(20, 15, ["steps", "10", "euler", "failed"])
    assert not chosen.cjk


def test_no_usable_font_file_means_none(tmp_path: Path) -> None:
    junk = tmp_path / "msyh.ttc"
    junk.write_bytes(b"not a font")
    assert fonts.first_usable([tmp_path / "missing.ttc", junk]) is None


def test_a_font_without_ideographs_is_passed_over(tmp_path: Path) -> None:
    """fontconfig's last resort for Chinese can be a Latin font: it would draw boxes too."""
    latin = tmp_path / "latin.ttf"
    embedded = ImageFont.load_default(size=12)
    assert isinstance(embedded, ImageFont.FreeTypeFont) and isinstance(embedded.path, BytesIO)
    latin.write_bytes(embedded.path.getvalue())  # Pillow's own font: Latin, Greek, Cyrillic
    assert fonts.first_usable([latin]) is None
    if SYSTEM_CJK is not None:
        assert fonts.first_usable([latin, SYSTEM_CJK[0]]) == SYSTEM_CJK


def header(label: str) -> bytes:
    cells = {(0, 0, 0): Image.new("RGB", (128, 128), (40, 80, 220))}
    rendered = render_grid(cells, GridAxis("提示词", (label,)), max_cell=128, font_size=20)
    top = rendered.rects[(0, 0, 0)][1]
    return rendered.image.crop((0, 0, rendered.image.width, top)).tobytes()


@needs_a_cjk_font
def test_a_chinese_label_is_drawn_in_glyphs_not_boxes() -> None:
    """Two characters swapped change the label: as missing-glyph boxes they looked the same."""
    assert header("猫狗") != header("狗猫")
    assert fonts.label_fonts(20, 15, ["一只猫"]).cjk
