"""Small widget factories the Generate form lays itself out with."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

SPIN_MIN_WIDTH = 96  # wide enough for the largest value, and the number fields line up


def prompt_edit(placeholder: str, lines: int) -> QPlainTextEdit:
    """A prompt box exactly `lines` lines high."""
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    edit.setUndoRedoEnabled(True)
    edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
    margins = edit.contentsMargins()
    frame = 2 * edit.frameWidth() + 2 * round(edit.document().documentMargin())
    height = edit.fontMetrics().lineSpacing() * lines + margins.top() + margins.bottom() + frame
    # Fixed: extra window height goes to the preview, not to empty prompt lines; long prompts
    # scroll inside the box.
    edit.setFixedHeight(height)
    edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return edit


def gap() -> QWidget:
    spacer = QWidget()
    spacer.setFixedHeight(6)
    return spacer


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setContentsMargins(0, 6, 0, 0)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


def form_layout() -> QFormLayout:
    form = QFormLayout()
    form.setHorizontalSpacing(12)
    form.setVerticalSpacing(6)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return form


def int_spin(low: int, high: int, value: int, tip: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setToolTip(tip)
    spin.setMinimumWidth(SPIN_MIN_WIDTH)
    return spin


def float_spin(
    bounds: tuple[float, float], value: float, *, decimals: int, step: float, tip: str
) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(*bounds)
    spin.setDecimals(decimals)  # before setValue, which rounds to the decimals
    spin.setSingleStep(step)
    spin.setValue(value)
    spin.setToolTip(tip)
    spin.setMinimumWidth(SPIN_MIN_WIDTH)
    return spin
