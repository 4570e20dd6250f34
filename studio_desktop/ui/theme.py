"""Light and dark both follow the system; `STUDIO_THEME=light|dark` forces one (screenshots)."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

THEME_ENV = "STUDIO_THEME"


def apply_theme(app: QApplication) -> None:
    # Windows and macOS styles follow the system; elsewhere Fusion draws both schemes well.
    if sys.platform not in ("win32", "darwin"):
        app.setStyle(QStyleFactory.create("Fusion"))
    wanted = os.environ.get(THEME_ENV, "").lower()
    hints = QGuiApplication.styleHints()
    if wanted == "dark":
        hints.setColorScheme(Qt.ColorScheme.Dark)
    elif wanted == "light":
        hints.setColorScheme(Qt.ColorScheme.Light)
    dark = wanted == "dark" or (not wanted and hints.colorScheme() == Qt.ColorScheme.Dark)
    if dark and not is_dark(app.palette()):
        # Platforms without a dark palette of their own (X11 without a desktop theme).
        app.setPalette(dark_palette())
    elif wanted == "light" and is_dark(app.palette()):
        app.setPalette(app.style().standardPalette())


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: QColor(37, 38, 41),
        QPalette.ColorRole.WindowText: QColor(230, 230, 230),
        QPalette.ColorRole.Base: QColor(28, 29, 31),
        QPalette.ColorRole.AlternateBase: QColor(44, 45, 48),
        QPalette.ColorRole.ToolTipBase: QColor(50, 51, 54),
        QPalette.ColorRole.ToolTipText: QColor(230, 230, 230),
        QPalette.ColorRole.PlaceholderText: QColor(140, 140, 140),
        QPalette.ColorRole.Text: QColor(230, 230, 230),
        QPalette.ColorRole.Button: QColor(50, 51, 54),
        QPalette.ColorRole.ButtonText: QColor(230, 230, 230),
        QPalette.ColorRole.BrightText: QColor(255, 90, 90),
        QPalette.ColorRole.Light: QColor(70, 71, 75),
        QPalette.ColorRole.Midlight: QColor(60, 61, 65),
        QPalette.ColorRole.Mid: QColor(45, 46, 50),
        QPalette.ColorRole.Dark: QColor(20, 20, 22),
        QPalette.ColorRole.Shadow: QColor(0, 0, 0),
        QPalette.ColorRole.Highlight: QColor(61, 133, 224),
        QPalette.ColorRole.HighlightedText: QColor(255, 255, 255),
        QPalette.ColorRole.Link: QColor(100, 160, 240),
    }
    for role, colour in roles.items():
        palette.setColor(role, colour)
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(120, 120, 120))
    return palette
