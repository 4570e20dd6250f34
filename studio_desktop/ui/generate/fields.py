"""The form's compound fields: server list combos, size with presets and ratio lock, seed."""

from __future__ import annotations

import random
from collections.abc import Sequence

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QColor, QPalette, QResizeEvent, QValidator
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.core.jobs import SEED_MAX

SIZE_MIN, SIZE_MAX, SIZE_STEP = 64, 4096, 8

# (width, height, ratio label): the sizes SD 1.5 and SDXL were trained around.
PRESETS: tuple[tuple[int, int, str], ...] = (
    (512, 512, "1:1"),
    (768, 768, "1:1"),
    (1024, 1024, "1:1"),
    (512, 768, "2:3"),
    (768, 512, "3:2"),
    (832, 1216, "2:3"),
    (1216, 832, "3:2"),
    (896, 1152, "7:9"),
    (1152, 896, "9:7"),
    (768, 1344, "9:16"),
    (1344, 768, "16:9"),
)


class WrapLabel(QLabel):
    """A word-wrapped label with a fixed height that follows its text at its current width.

    Inside a QScrollArea's resizable widget, height-for-width labels get clipped or padded; a
    label that sets its own height on every resize lays out like any fixed-height widget.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._fit()

    def hasHeightForWidth(self) -> bool:
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def _fit(self) -> None:
        width = self.width() if self.width() > 50 else 300
        margins = self.contentsMargins()
        inner = max(1, width - margins.left() - margins.right() - 2 * self.margin())
        text = self.fontMetrics().boundingRect(
            QRect(0, 0, inner, 100_000), Qt.TextFlag.TextWordWrap, self.text()
        )
        needed = max(text.height(), self.fontMetrics().height())
        needed += margins.top() + margins.bottom() + 2 * self.margin()
        if needed != self.height() or needed != self.minimumHeight():
            self.setFixedHeight(needed)


def warning_palette(base: QPalette) -> QPalette:
    """The given palette with its fill roles tinted towards red: "this value has a problem"."""
    palette = QPalette(base)
    accent = QColor(220, 50, 47)
    for role in (QPalette.ColorRole.Button, QPalette.ColorRole.Base):
        color = base.color(role)
        tint = QColor(
            round(color.red() * 0.7 + accent.red() * 0.3),
            round(color.green() * 0.7 + accent.green() * 0.3),
            round(color.blue() * 0.7 + accent.blue() * 0.3),
        )
        palette.setColor(role, tint)
    return palette


_PLAIN_TIP = "studio_plain_tooltip"


def flag_widget(widget: QWidget, message: str | None) -> None:
    """Tint a field and add `message` to its tooltip ("this value has a problem"), or undo it."""
    plain = widget.property(_PLAIN_TIP)
    if plain is None:
        plain = widget.toolTip()
        widget.setProperty(_PLAIN_TIP, plain)
    if message:
        widget.setPalette(warning_palette(QApplication.palette(widget)))
        widget.setToolTip("\n".join(p for p in (str(plain), message) if p))
    else:
        widget.setPalette(QPalette())
        widget.setToolTip(str(plain))


def error_colour(palette: QPalette) -> QColor:
    """Text red enough to read as an error on this palette's window colour."""
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return QColor(255, 120, 110) if dark else QColor(180, 30, 30)


class FieldMessage(WrapLabel):
    """The small red line under a field that says what is wrong with its value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.92))
        self.setFont(font)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, error_colour(QApplication.palette(self)))
        self.setPalette(palette)


class ListCombo(QComboBox):
    """A name picked from a server's list. A name the list lacks is kept (remix, an offline
    start) and can be flagged with `set_problem`.

    With a `default_label`, the first entry is a choice whose value is "" ("let the server
    choose"), explained by `default_tip`: it is what the combo holds until something else is
    picked.
    """

    def __init__(
        self,
        placeholder: str,
        parent: QWidget | None = None,
        *,
        default_label: str | None = None,
        default_tip: str = "",
    ) -> None:
        super().__init__(parent)
        self._names: list[str] = []
        self._foreign: str | None = None  # the kept value the list lacks
        self._problem: str | None = None
        self._tip = ""
        self._default_label = default_label
        self._default_tip = default_tip
        self.setPlaceholderText(placeholder)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.currentIndexChanged.connect(self._update_tooltip)
        if default_label is not None:
            self._rebuild("")

    def names(self) -> list[str]:
        """The list as the server gave it (without a kept foreign value)."""
        return list(self._names)

    def value(self) -> str:
        data = self.currentData()
        return data if isinstance(data, str) else ""

    def has_default(self) -> bool:
        return self._default_label is not None

    def set_names(self, names: Sequence[str]) -> None:
        """Replace the list, keeping the current value."""
        current = self.value()
        self._names = list(dict.fromkeys(names))
        self._rebuild(current)

    def set_value(self, name: str) -> None:
        if name != self.value():
            self._rebuild(name)

    def set_tip(self, text: str) -> None:
        self._tip = text
        self._update_tooltip()

    def set_problem(self, message: str | None) -> None:
        """Flag the current value (tinted, warning icon, the message as tooltip), or clear it."""
        if message == self._problem:
            return
        self._problem = message
        self.setPalette(warning_palette(QApplication.palette(self)) if message else QPalette())
        self._rebuild(self.value())
        self._update_tooltip()

    def _rebuild(self, current: str) -> None:
        blocked = self.blockSignals(True)
        try:
            self.clear()
            self._foreign = current if current and current not in self._names else None
            if self._default_label is not None:
                self.addItem(self._default_label, "")
                if self._foreign is not None or self._names:
                    self.insertSeparator(self.count())
            if self._foreign is not None:
                if self._problem:
                    icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
                    self.addItem(icon, self._foreign, self._foreign)
                else:
                    self.addItem(self._foreign, self._foreign)
                if self._names:
                    self.insertSeparator(self.count())
            for name in self._names:
                self.addItem(name, name)
            chosen = current or self._default_label is not None
            self.setCurrentIndex(self.findData(current) if chosen else -1)
        finally:
            self.blockSignals(blocked)
        self._update_tooltip()
        self.currentIndexChanged.emit(self.currentIndex())

    def _update_tooltip(self) -> None:
        parts = [self.currentText() if self.currentIndex() >= 0 else self.placeholderText()]
        if self._problem:
            parts.append(self._problem)
        elif self._tip:
            parts.append(self._tip)
        if self.has_default() and self.currentIndex() == 0:
            parts.append(self._default_tip)
        self.setToolTip("\n".join(p for p in parts if p))


class SizeField(QWidget):
    """Width and height (multiples of 8), presets, an aspect-ratio lock and a swap button."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ratio = 1.0
        self._adjusting = False
        self.width_spin = self._spin(self.tr("Width in pixels (a multiple of 8)"))
        self.height_spin = self._spin(self.tr("Height in pixels (a multiple of 8)"))
        times = QLabel("×")
        times.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.swap_button = QToolButton()
        self.swap_button.setText(self.tr("Swap"))
        self.swap_button.setToolTip(self.tr("Swap width and height"))
        self.swap_button.clicked.connect(self.swap)
        self.lock_box = QCheckBox(self.tr("Lock ratio"))
        self.lock_box.setToolTip(self.tr("Keep the aspect ratio when width or height changes"))
        self.lock_box.toggled.connect(self._lock_toggled)
        self.preset_combo = QComboBox()
        self.preset_combo.setToolTip(self.tr("Common sizes for SD 1.5 and SDXL models"))
        self.preset_combo.addItem(self.tr("Custom size"), None)
        for width, height, ratio in PRESETS:
            self.preset_combo.addItem(f"{width} × {height}  ({ratio})", preset_key(width, height))
        self.preset_combo.activated.connect(self._preset_chosen)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        row = QHBoxLayout()
        row.setSpacing(6)
        row.addWidget(self.width_spin, 1)
        row.addWidget(times)
        row.addWidget(self.height_spin, 1)
        row.addWidget(self.swap_button)
        column.addLayout(row)
        presets = QHBoxLayout()
        presets.setSpacing(12)
        presets.addWidget(self.preset_combo, 1)
        presets.addWidget(self.lock_box)
        column.addLayout(presets)
        self.width_spin.valueChanged.connect(lambda _v: self._edited(self.width_spin))
        self.height_spin.valueChanged.connect(lambda _v: self._edited(self.height_spin))
        self._sync_preset()

    def _spin(self, tip: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(SIZE_MIN, SIZE_MAX)
        spin.setSingleStep(SIZE_STEP)
        spin.setValue(512)
        spin.setKeyboardTracking(False)  # one change per edit, not per keystroke
        spin.setAccelerated(True)
        spin.setToolTip(tip)
        return spin

    def dimensions(self) -> tuple[int, int]:
        return self.width_spin.value(), self.height_spin.value()

    def set_size(self, width: int, height: int) -> None:
        self._adjusting = True
        try:
            self.width_spin.setValue(snap(width))
            self.height_spin.setValue(snap(height))
        finally:
            self._adjusting = False
        self._ratio = self.width_spin.value() / self.height_spin.value()
        self._sync_preset()
        self.changed.emit()

    def locked(self) -> bool:
        return self.lock_box.isChecked()

    def set_locked(self, locked: bool) -> None:
        self.lock_box.setChecked(locked)

    def swap(self) -> None:
        width, height = self.dimensions()
        self.set_size(height, width)

    def _lock_toggled(self, locked: bool) -> None:
        if locked:
            self._ratio = self.width_spin.value() / self.height_spin.value()

    def _preset_chosen(self, index: int) -> None:
        data = self.preset_combo.itemData(index)
        if isinstance(data, str):
            width, _, height = data.partition("x")
            self.set_size(int(width), int(height))

    def _edited(self, spin: QSpinBox) -> None:
        if self._adjusting:
            return
        self._adjusting = True
        try:
            spin.setValue(snap(spin.value()))
            if self.locked():
                if spin is self.width_spin:
                    self.height_spin.setValue(snap(round(spin.value() / self._ratio)))
                else:
                    self.width_spin.setValue(snap(round(spin.value() * self._ratio)))
            else:
                self._ratio = self.width_spin.value() / self.height_spin.value()
        finally:
            self._adjusting = False
        self._sync_preset()
        self.changed.emit()

    def _sync_preset(self) -> None:
        index = self.preset_combo.findData(preset_key(*self.dimensions()))
        self.preset_combo.setCurrentIndex(max(index, 0))


def preset_key(width: int, height: int) -> str:
    """How a preset is stored as item data (a tuple would not survive QVariant comparison)."""
    return f"{width}x{height}"


def fit_size(width: int, height: int) -> tuple[int, int]:
    """An image's size as the form allows it: scaled down (keeping its shape) when a side is
    past SIZE_MAX, then each side snapped to a multiple of 8."""
    scale = min(1.0, SIZE_MAX / max(width, height, 1))
    return snap(round(width * scale)), snap(round(height * scale))


def snap(value: int) -> int:
    """The nearest multiple of 8 within the allowed sizes."""
    value = round(value / SIZE_STEP) * SIZE_STEP
    return min(max(value, SIZE_MIN), SIZE_MAX)


class SeedValidator(QValidator):
    """0 .. 2**32-1 (QSpinBox stops at 2**31-1)."""

    def validate(self, text: str, pos: int) -> QValidator.State:
        if text == "":
            return QValidator.State.Intermediate
        if not text.isdigit() or not text.isascii():
            return QValidator.State.Invalid
        if int(text) > SEED_MAX:
            return QValidator.State.Invalid
        return QValidator.State.Acceptable


class SeedField(QWidget):
    """A seed and whether it is random (new per job) or locked (the same; a batch counts up)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._random = random.Random()
        self.edit = QLineEdit(str(self._random.randint(0, SEED_MAX)))
        self.edit.setValidator(SeedValidator(self.edit))
        self.edit.setToolTip(self.tr("Seed, 0 to 4294967295. Typing one locks it."))
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self._finish_edit)
        self.lock_box = QCheckBox(self.tr("Lock"))
        self.lock_box.setToolTip(
            self.tr(
                "Locked: use this seed; a batch of N jobs gets this seed and the next N-1.\n"
                "Unlocked: a new random seed for every job."
            )
        )
        self.lock_box.toggled.connect(lambda _on: self.changed.emit())
        self.new_button = QToolButton()
        self.new_button.setText(self.tr("New"))
        self.new_button.setToolTip(self.tr("Pick a new random seed"))
        self.new_button.clicked.connect(self._new_seed)

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.edit, 1)
        row.addWidget(self.new_button)
        row.addSpacing(6)
        row.addWidget(self.lock_box)

    def seed(self) -> int:
        text = self.edit.text()
        return int(text) if text.isdigit() else 0

    def set_seed(self, seed: int) -> None:
        self.edit.setText(str(min(max(int(seed), 0), SEED_MAX)))
        self.changed.emit()

    def locked(self) -> bool:
        return self.lock_box.isChecked()

    def set_locked(self, locked: bool) -> None:
        self.lock_box.setChecked(locked)

    def seeds_for(self, count: int) -> list[int]:
        """The seeds of the next `count` jobs. Random: fresh ones, the first shown in the field
        (so it can be locked afterwards). Locked: seed, seed+1, ... (wrapping at 2**32)."""
        if self.locked():
            start = self.seed()
            return [(start + i) % (SEED_MAX + 1) for i in range(count)]
        seeds = [self._random.randint(0, SEED_MAX) for _ in range(count)]
        if seeds:
            self.set_seed(seeds[0])
        return seeds

    def _typed(self, _text: str) -> None:
        self.set_locked(True)
        self.changed.emit()

    def _finish_edit(self) -> None:
        if not self.edit.text():
            self.set_seed(0)

    def _new_seed(self) -> None:
        self.set_seed(self._random.randint(0, SEED_MAX))
