"""Editors for a template's own slots (denoise strength, upscale model, frames, ...).

The standard fields cover the parameters every template shares; anything else a template routes
into its graph gets an editor built from the target input's spec in the server's /object_info
(a list → a combo with the server's choices, INT/FLOAT → a spin box with its min/max/step, STRING
→ a line edit, BOOLEAN → a check box). Without a server the template graph's own value decides.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.workflows import Template
from studio_desktop.ui.generate.fields import ListCombo, flag_widget

INT_LIMIT: Final = 2**31 - 1  # QSpinBox holds a C int
FLOAT_LIMIT: Final = 1e9


@dataclass(frozen=True)
class EditorSpec:
    """What kind of editor a slot gets, and its bounds or choices."""

    kind: str  # combo | int | float | string | bool
    minimum: float | None = None
    maximum: float | None = None
    step: float | None = None
    options: tuple[Any, ...] = ()
    tooltip: str = ""


def editor_spec(template: Template, slot: str, info: ObjectInfo | None) -> EditorSpec:
    """The editor for `slot`: from the server's input spec when known, else the graph value."""
    targets = template.slots.get(slot, ())
    current = _graph_value(template, slot)
    if info is not None and targets:
        node = template.graph.get(targets[0].node)
        class_type = str(node.get("class_type", "")) if isinstance(node, Mapping) else ""
        spec = info.input_spec(class_type, targets[0].input) if info.has(class_type) else None
        if spec is not None:
            kind, config = spec
            tooltip = str(config.get("tooltip", ""))
            if kind == "COMBO":
                options = config.get("options")
                return EditorSpec(
                    "combo",
                    options=tuple(options) if isinstance(options, list) else (),
                    tooltip=tooltip,
                )
            if kind in ("INT", "FLOAT"):
                return EditorSpec(
                    kind.lower(),
                    _number(config.get("min")),
                    _number(config.get("max")),
                    _number(config.get("step")),
                    tooltip=tooltip,
                )
            if kind == "BOOLEAN":
                return EditorSpec("bool", tooltip=tooltip)
            if kind == "STRING":
                return EditorSpec("string", tooltip=tooltip)
    if isinstance(current, bool):
        return EditorSpec("bool")
    if isinstance(current, int):
        return EditorSpec("int")
    if isinstance(current, float):
        return EditorSpec("float")
    return EditorSpec("string")


def initial_value(template: Template, slot: str) -> Any:
    """The value a slot starts with: the template's preferred default, else its graph's."""
    if slot in template.defaults:
        return template.defaults[slot]
    return _graph_value(template, slot)


def _graph_value(template: Template, slot: str) -> Any:
    targets = template.slots.get(slot, ())
    if not targets:
        return None
    node = template.graph.get(targets[0].node)
    inputs = node.get("inputs", {}) if isinstance(node, Mapping) else {}
    value = inputs.get(targets[0].input) if isinstance(inputs, Mapping) else None
    return None if isinstance(value, list) else value  # a link holds no value


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(float(value)) else None


def _decimals(step: float | None, value: Any) -> int:
    """Enough decimals for the step (0.01 → 2), and for the value it holds."""
    places = 2
    for number in (step, value):
        if isinstance(number, float) and number and not float(number).is_integer():
            text = f"{abs(number):.6f}".rstrip("0")
            places = max(places, len(text.partition(".")[2]))
    return min(places, 6)


class SlotEditor(QWidget):
    """One template-specific value. `changed` fires on every edit."""

    changed = Signal()

    def __init__(self, spec: EditorSpec, value: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._options: dict[str, Any] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.input: QWidget
        if spec.kind == "combo":
            combo = ListCombo(self.tr("The server lists no choices"))
            self._options = {str(o): o for o in spec.options}
            combo.set_names(list(self._options))
            combo.currentIndexChanged.connect(self.changed)
            if spec.tooltip:
                combo.set_tip(spec.tooltip)
            self.input = combo
        elif spec.kind == "int":
            spin = QSpinBox()
            spin.setRange(_bound(spec.minimum, -INT_LIMIT), _bound(spec.maximum, INT_LIMIT))
            spin.setSingleStep(max(1, round(spec.step or 1)))
            spin.setKeyboardTracking(False)
            spin.setMinimumWidth(96)
            spin.valueChanged.connect(self.changed)
            self.input = spin
        elif spec.kind == "float":
            dspin = QDoubleSpinBox()
            dspin.setDecimals(_decimals(spec.step, value))
            low = spec.minimum if spec.minimum is not None else -FLOAT_LIMIT
            high = spec.maximum if spec.maximum is not None else FLOAT_LIMIT
            dspin.setRange(max(low, -FLOAT_LIMIT), min(high, FLOAT_LIMIT))
            dspin.setSingleStep(spec.step or 0.05)
            dspin.setKeyboardTracking(False)
            dspin.setMinimumWidth(96)
            dspin.valueChanged.connect(self.changed)
            self.input = dspin
        elif spec.kind == "bool":
            box = QCheckBox()
            box.toggled.connect(self.changed)
            self.input = box
        else:
            edit = QLineEdit()
            edit.textChanged.connect(self.changed)
            self.input = edit
        if spec.tooltip and spec.kind != "combo":
            self.input.setToolTip(spec.tooltip)
        if spec.kind in ("int", "float"):
            self.input.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            row.addWidget(self.input)
            row.addStretch(1)
        else:
            row.addWidget(self.input, 1)
        self.set_value(value)

    def value(self) -> Any:
        widget = self.input
        if isinstance(widget, ListCombo):
            text = widget.value()
            return self._options.get(text, text)
        if isinstance(widget, QSpinBox):
            return widget.value()
        if isinstance(widget, QDoubleSpinBox):
            return round(widget.value(), widget.decimals())
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        if isinstance(widget, QLineEdit):
            return widget.text()
        return None

    def set_value(self, value: Any) -> None:
        """Show `value` (a number out of range is clamped; a name the list lacks is kept)."""
        widget = self.input
        if value is None:
            return
        try:
            if isinstance(widget, ListCombo):
                widget.set_value(str(value))
            elif isinstance(widget, QSpinBox):
                widget.setValue(int(value))
            elif isinstance(widget, QDoubleSpinBox):
                widget.setValue(float(value))
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QLineEdit):
                widget.setText(str(value))
        except (TypeError, ValueError):
            pass  # a hand-edited value of the wrong type: keep what is shown

    def set_problem(self, message: str | None) -> None:
        """Flag the value (tinted, the message as tooltip), or clear the flag."""
        if isinstance(self.input, ListCombo):
            self.input.set_problem(message)
        else:
            flag_widget(self.input, message)


def _bound(value: float | None, default: int) -> int:
    if value is None:
        return default
    return int(max(-INT_LIMIT, min(INT_LIMIT, value)))
