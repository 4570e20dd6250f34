"""Light, dark or the system's: the Theme setting, which `STUDIO_THEME=light|dark` overrides
(screenshots). Fusion (Linux) gets a proxy style that gives frames and indicators a visible
outline on a dark palette."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QStyleOptionComplex,
    QWidget,
)

from studio_desktop.core.settings import THEMES

THEME_ENV = "STUDIO_THEME"
# How much of the text colour an outline takes on a dark palette: against the window colour
# this gives a WCAG contrast above 3:1 (what non-text controls need).
DARK_OUTLINE_TEXT_SHARE = 0.45


def chosen_theme(setting: str = "system") -> str:
    """The theme in force: STUDIO_THEME if set to light or dark, else the setting."""
    wanted = os.environ.get(THEME_ENV, "").lower()
    if wanted in ("light", "dark"):
        return wanted
    return setting if setting in THEMES else "system"


def apply_theme(app: QApplication, setting: str = "system") -> None:
    """Apply the theme; called at start and again when the Theme setting is applied."""
    # Windows and macOS styles follow the system; elsewhere Fusion draws both schemes well.
    if sys.platform not in ("win32", "darwin") and not isinstance(app.style(), OutlinedFusion):
        app.setStyle(OutlinedFusion())
    theme = chosen_theme(setting)
    hints = QGuiApplication.styleHints()
    if theme == "dark":
        hints.setColorScheme(Qt.ColorScheme.Dark)
    elif theme == "light":
        hints.setColorScheme(Qt.ColorScheme.Light)
    else:
        hints.unsetColorScheme()
    dark = theme == "dark" or (theme == "system" and hints.colorScheme() == Qt.ColorScheme.Dark)
    if dark and not is_dark(app.palette()):
        # Platforms without a dark palette of their own (X11 without a desktop theme).
        app.setPalette(dark_palette())
    elif not dark and is_dark(app.palette()):
        app.setPalette(app.style().standardPalette())


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def outline_colour(palette: QPalette) -> QColor:
    """The outline of check boxes, radio buttons and fields on a dark palette."""
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    share = DARK_OUTLINE_TEXT_SHARE

    def mix(a: int, b: int) -> int:
        return round(a * (1 - share) + b * share)

    return QColor(
        mix(window.red(), text.red()),
        mix(window.green(), text.green()),
        mix(window.blue(), text.blue()),
    )


class OutlinedFusion(QProxyStyle):
    """Fusion, with outlines that show on a dark palette.

    Fusion draws these outlines in the window colour darkened by 40% whatever the palette's
    Mid, Dark, Shadow or Light roles say: on a dark window that is nearly black on nearly black
    (a contrast of 1.1:1). On a dark palette this draws them again, lighter; light palettes and
    focused controls (Fusion's highlighted outline) are left as Fusion draws them.
    """

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        # Fusion highlights an indicator's outline only for keyboard focus, a field's for any.
        if not self._needs_outline(option, keyboard_only=True):
            return
        if element == QStyle.PrimitiveElement.PE_IndicatorCheckBox:
            self._outline(painter, option, QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5), 0)
        elif element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            self._outline(painter, option, QRectF(option.rect).adjusted(1, 1, -1, -1), -1)
        elif element == QStyle.PrimitiveElement.PE_FrameLineEdit and self._needs_outline(option):
            self._outline(painter, option, QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5), 2)

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control == QStyle.ComplexControl.CC_SpinBox and self._needs_outline(option):
            self._outline(painter, option, QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5), 2)

    @staticmethod
    def _needs_outline(option: QStyleOption, *, keyboard_only: bool = False) -> bool:
        """Dark, and not drawn with Fusion's focus outline."""
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        if keyboard_only:
            focused = focused and bool(option.state & QStyle.StateFlag.State_KeyboardFocusChange)
        return is_dark(option.palette) and not focused

    @staticmethod
    def _outline(painter: QPainter, option: QStyleOption, rect: QRectF, radius: int) -> None:
        """radius -1: an ellipse."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, radius != 0)
        painter.setPen(outline_colour(option.palette))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if radius < 0:
            painter.drawEllipse(rect)
        elif radius == 0:
            painter.drawRect(rect)
        else:
            painter.drawRoundedRect(rect, radius, radius)
        painter.restore()


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
