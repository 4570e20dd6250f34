"""The font a sweep grid's labels are drawn in: Pillow's built-in one, or a CJK font for CJK text.

Pillow's built-in font (`ImageFont.load_default(size=...)`, FreeType, Pillow >= 10.1) has Latin,
Greek and Cyrillic glyphs and no Chinese, Japanese or Korean ones: a Chinese prompt or axis name
was drawn as boxes. When a grid's text has such characters, its labels are drawn in a CJK font
the system has: the usual ones of Windows, macOS and Linux (the first that loads wins), then
fontconfig's choice for Chinese. With none, the built-in font, as before: the grid is still made
and the values are kept in its metadata.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont

# Code points of CJK scripts: radicals, punctuation, kana, bopomofo, Hangul, the unified
# ideographs and their extensions, compatibility ideographs, full-width forms.
_CJK_RANGES: tuple[tuple[int, int], ...] = (
    (0x2E80, 0x9FFF),
    (0xA960, 0xA97F),
    (0xAC00, 0xD7FF),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),
    (0x20000, 0x3FFFF),
)

# Where each system keeps a font with Chinese glyphs (Simplified first: many of our users read
# it), then Japanese and Korean ones, which have the common ideographs too.
_WINDOWS_FONTS = ("msyh.ttc", "msyh.ttf", "simhei.ttf", "simsun.ttc", "YuGothM.ttc", "meiryo.ttc")
_MAC_FONTS = (
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/Hiragino Sans GB.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
)
_LINUX_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts")
_LINUX_FONTS = (
    "opentype/noto/NotoSansCJK-Regular.ttc",  # Debian, Ubuntu: fonts-noto-cjk
    "google-noto-cjk/NotoSansCJK-Regular.ttc",  # Fedora
    "noto-cjk/NotoSansCJK-Regular.ttc",  # Arch
    "truetype/wqy/wqy-microhei.ttc",
    "truetype/wqy/wqy-zenhei.ttc",
    "truetype/droid/DroidSansFallbackFull.ttf",
)
_FC_MATCH_TIMEOUT_S = 5.0
_FACES_LOOKED_AT = 12  # a collection's faces searched for its Simplified Chinese one


@dataclass(frozen=True)
class LabelFonts:
    """The fonts of one grid: labels, the smaller notes of missing cells, and whether they are
    the CJK font (its ideographs stand taller than "Ag": lines are measured with one)."""

    label: Font
    note: Font
    cjk: bool


def needs_cjk(texts: Iterable[str]) -> bool:
    """Whether any of `texts` has a character of a CJK script."""
    for text in texts:
        for char in text:
            point = ord(char)
            if point >= 0x2E80 and any(lo <= point <= hi for lo, hi in _CJK_RANGES):
                return True
    return False


def label_fonts(size: int, note_size: int, texts: Iterable[str]) -> LabelFonts:
    """Fonts for a grid whose labels and notes are `texts`, at these pixel sizes."""
    found = cjk_font_file() if needs_cjk(texts) else None
    if found is None:
        return LabelFonts(
            ImageFont.load_default(size=size), ImageFont.load_default(size=note_size), False
        )
    path, index = found
    return LabelFonts(
        ImageFont.truetype(str(path), size, index=index),
        ImageFont.truetype(str(path), note_size, index=index),
        True,
    )


@functools.cache
def cjk_font_file() -> tuple[Path, int] | None:
    """The system's CJK font (its file and the face in it), found once per process; None when
    the system has none."""
    return first_usable([*_system_candidates(), *_fontconfig_choice()])


def first_usable(paths: Sequence[Path]) -> tuple[Path, int] | None:
    """The first of `paths` that FreeType loads, with its Simplified Chinese face when it is a
    collection that has one (Noto Sans CJK: "... SC"), else its first face."""
    for path in paths:
        if not path.is_file():
            continue
        try:
            font = ImageFont.truetype(str(path), _PROBE_SIZE)  # OSError: not a font at all
        except (OSError, ValueError):
            continue
        if not _draws_ideographs(font):
            continue  # fontconfig's last resort for Chinese may be a font without any
        return path, _simplified_chinese_face(path)
    return None


_PROBE_SIZE = 16
_PROBE_TEXT = "国字"
_NO_SUCH_GLYPH = "\U0010fffd\U0010fffd"  # private use: no font has it, the "missing" box shows


def _draws_ideographs(font: ImageFont.FreeTypeFont) -> bool:
    """Whether `font` draws Chinese characters as themselves, not as its missing-glyph box."""
    return _drawn(font, _PROBE_TEXT) != _drawn(font, _NO_SUCH_GLYPH)


def _drawn(font: ImageFont.FreeTypeFont, text: str) -> bytes:
    canvas = Image.new("L", (_PROBE_SIZE * 3, _PROBE_SIZE * 2))
    ImageDraw.Draw(canvas).text((0, 0), text, font=font, fill=255)
    return canvas.tobytes()


def _simplified_chinese_face(path: Path) -> int:
    for index in range(_FACES_LOOKED_AT):
        try:
            family = ImageFont.truetype(str(path), _PROBE_SIZE, index=index).getname()[0] or ""
        except (OSError, ValueError):  # past the collection's last face
            break
        if family.endswith(" SC"):
            return index
    return 0


def _system_candidates() -> list[Path]:
    if sys.platform == "win32":
        fonts = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        return [fonts / name for name in _WINDOWS_FONTS]
    if sys.platform == "darwin":
        return [Path(name) for name in _MAC_FONTS]
    roots = [Path(root).expanduser() for root in _LINUX_FONT_DIRS]
    return [root / name for root in roots for name in _LINUX_FONTS]


def _fontconfig_choice() -> list[Path]:
    """What fontconfig picks for Chinese text (Linux; macOS with fontconfig installed)."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return []
    try:
        done = subprocess.run(
            [fc_match, "--format=%{file}", ":lang=zh-cn"],
            capture_output=True,
            text=True,
            timeout=_FC_MATCH_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    file = done.stdout.strip()
    return [Path(file)] if done.returncode == 0 and file else []
