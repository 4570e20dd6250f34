"""Draw the app icon and write it in every format the bundles need.

    python build/make_icons.py

Writes resources/icons/studio.png (1024 px), studio.ico (16-256 px, Windows) and studio.icns
(macOS). The outputs are committed; rerun this only to change the icon.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

SIZE = 1024
OUT = Path(__file__).resolve().parents[1] / "resources" / "icons"
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]
TOP = (94, 92, 230)  # indigo
BOTTOM = (236, 72, 153)  # pink


def draw(size: int = SIZE) -> Image.Image:
    """A rounded tile with a gradient, a sun and two hills: 'a picture you made'."""
    scale = 2  # draw large, shrink once: smooth edges without per-shape antialiasing
    s = size * scale
    gradient = Image.new("RGB", (1, s))
    for y in range(s):
        t = y / (s - 1)
        gradient.putpixel(
            (0, y), tuple(round(a + (b - a) * t) for a, b in zip(TOP, BOTTOM, strict=True))
        )
    tile = gradient.resize((s, s))

    # macOS icons leave a margin around the tile; the same art reads well on Windows and Linux.
    margin = s * 100 // 1024
    mask = Image.new("L", (s, s), 0)
    ImageDraw.Draw(mask).rounded_rectangle(
        (margin, margin, s - margin, s - margin), radius=s * 185 // 1024, fill=255
    )

    art = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    pen = ImageDraw.Draw(art)
    white = (255, 255, 255, 255)
    soft = (255, 255, 255, 150)
    sun_r = s * 90 // 1024
    sun = (s * 650 // 1024, s * 360 // 1024)
    pen.ellipse((sun[0] - sun_r, sun[1] - sun_r, sun[0] + sun_r, sun[1] + sun_r), fill=white)
    base = s - margin - s * 170 // 1024
    pen.polygon(
        [(s * 250 // 1024, base), (s * 560 // 1024, s * 470 // 1024), (s * 800 // 1024, base)],
        fill=soft,
    )
    pen.polygon(
        [(s * 200 // 1024, base), (s * 400 // 1024, s * 560 // 1024), (s * 640 // 1024, base)],
        fill=white,
    )
    pen.rounded_rectangle(
        (s * 200 // 1024, base, s * 824 // 1024, base + s * 40 // 1024),
        radius=s * 20 // 1024,
        fill=white,
    )

    shadow = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    shadow.paste((0, 0, 0, 90), (0, s // 100), mask)
    shadow = shadow.filter(ImageFilter.GaussianBlur(s // 60))

    icon = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    icon.alpha_composite(shadow)
    icon.paste(tile, (0, 0), mask)
    icon.alpha_composite(art)
    return icon.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    icon = draw()
    icon.save(OUT / "studio.png", optimize=True)
    icon.save(OUT / "studio.ico", sizes=ICO_SIZES)
    icon.save(OUT / "studio.icns")  # Pillow writes every ICNS size from the 1024 px image
    for name in ("studio.png", "studio.ico", "studio.icns"):
        print(f"{OUT / name}: {(OUT / name).stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
