"""The Generate form's editors for template-specific slots (the ones no standard field covers,
e.g. "scale_by"), each with a message row, under the "Template settings" heading.

Their labels keep the "GenerateForm" translation context: they were written for that form.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtWidgets import QFormLayout, QWidget

from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.workflows import Template
from studio_desktop.core.workflows.template import PARAM_SLOTS
from studio_desktop.ui.field_labels import slot_label
from studio_desktop.ui.generate.fields import FieldMessage
from studio_desktop.ui.generate.slot_editor import (
    EditorSpec,
    SlotEditor,
    editor_spec,
    initial_value,
)


class TemplateEditors:
    """Builds the editor rows below `heading` in `form`; `on_changed` runs on every edit."""

    def __init__(self, form: QFormLayout, heading: QWidget, on_changed: Callable[[], None]) -> None:
        self._form = form
        self._heading = heading
        self._on_changed = on_changed
        self._editors: dict[str, SlotEditor] = {}
        self._specs: dict[str, EditorSpec] = {}
        self._messages: dict[str, FieldMessage] = {}

    def __contains__(self, slot: str) -> bool:
        return slot in self._editors

    def get(self, slot: str) -> SlotEditor | None:
        return self._editors.get(slot)

    def all(self) -> dict[str, SlotEditor]:
        return dict(self._editors)

    def values(self) -> dict[str, Any]:
        return {name: editor.value() for name, editor in self._editors.items()}

    def set_values(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Put each value into its editor; returns the values no editor holds."""
        rest: dict[str, Any] = {}
        for name, value in values.items():
            if name in self._editors:
                self._editors[name].set_value(value)
            else:
                rest[name] = value
        return rest

    def build(self, template: Template, info: ObjectInfo | None, *, fresh: bool) -> None:
        """An editor per slot the standard fields do not cover. `fresh`: start from the
        template's values; else keep what the old editors hold (new server lists)."""
        names = [name for name in template.slots if name not in PARAM_SLOTS]
        specs = {name: editor_spec(template, name, info) for name in names}
        if not fresh and specs == self._specs and set(specs) == set(self._editors):
            return
        kept = {} if fresh else self.values()
        for name, editor in self._editors.items():
            self._form.removeRow(self._messages[name])
            self._form.removeRow(editor)
        self._editors, self._messages, self._specs = {}, {}, specs
        position = self._form.getWidgetPosition(self._heading)
        row = int(position[0])  # type: ignore[index]
        for name, spec in specs.items():
            editor = SlotEditor(spec, kept.get(name, initial_value(template, name)))
            editor.setObjectName(f"editor_{name}")
            editor.changed.connect(self._on_changed)
            message = FieldMessage()
            row += 1
            self._form.insertRow(row, slot_label(name), editor)
            row += 1
            self._form.insertRow(row, "", message)
            self._form.setRowVisible(message, False)
            self._editors[name] = editor
            self._messages[name] = message
        self._form.setRowVisible(self._heading, bool(specs))

    def message(self, slot: str) -> str:
        return self._messages[slot].text()

    def show(self, by_key: Mapping[str, list[str]]) -> None:
        """Tint each editor that has problems and show them below it; clear the others."""
        for name, editor in self._editors.items():
            text = "\n".join(by_key.get(name, []))
            editor.set_problem(text or None)
            self._messages[name].show_message(text)
            self._form.setRowVisible(self._messages[name], bool(text))
