"""The Generate form's reference images: an ImageSlotWidget per image input of the template.

The chosen images are remembered by slot name across template switches, so the next template
with a slot of that name gets its image back. Messages keep the "GenerateForm" translation
context: they were written for that form.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout

from studio_desktop.core.jobs import InputImage
from studio_desktop.core.library.files import OutputLibrary
from studio_desktop.core.workflows import Template
from studio_desktop.ui.generate.image_slot import ImageSlotWidget
from studio_desktop.workers.tasks import Tasks


class ReferenceImages:
    """The slot widgets in `box`; `on_changed` runs when an image is picked, cleared or copied,
    `on_use_size(width, height)` when the user asks for a slot image's size."""

    def __init__(
        self,
        box: QVBoxLayout,
        library: OutputLibrary,
        tasks: Tasks,
        on_changed: Callable[[], None],
        on_use_size: Callable[[int, int], None],
    ) -> None:
        self._box = box
        self._library = library
        self._tasks = tasks
        self._on_changed = on_changed
        self._on_use_size = on_use_size
        self._size_wanted = False
        self._images: dict[str, str] = {}  # slot name -> rel path, kept across templates
        self._slots: dict[str, ImageSlotWidget] = {}

    def __contains__(self, slot: str) -> bool:
        return slot in self._slots

    def widget(self, name: str) -> ImageSlotWidget | None:
        return self._slots.get(name)

    def widgets(self) -> list[ImageSlotWidget]:
        return list(self._slots.values())

    def build(self, template: Template, language: str) -> None:
        """Replace the widgets with one per image slot of `template`."""
        for widget in self._slots.values():
            self._box.removeWidget(widget)
            widget.hide()  # deleted later: it must not show until then
            widget.deleteLater()
        self._slots = {}
        for slot in template.images:
            label = template.image_label(slot.name, language)
            widget = ImageSlotWidget(
                dataclasses.replace(slot, label=label), self._library, self._tasks
            )
            widget.setObjectName(f"slot_{slot.name}")
            self._slots[slot.name] = widget
            self._box.addWidget(widget)
            if slot.name in self._images:
                widget.set_value(self._images[slot.name])
            widget.changed.connect(lambda w=widget: self._slot_changed(w))
            widget.use_size_requested.connect(self._on_use_size)
            widget.set_size_wanted(self._size_wanted)

    def set_size_wanted(self, wanted: bool) -> None:
        """Whether the template has a width and height a slot image's size could set."""
        self._size_wanted = wanted
        for widget in self._slots.values():
            widget.set_size_wanted(wanted)

    def _slot_changed(self, widget: ImageSlotWidget) -> None:
        value = widget.value()
        if value is None:
            self._images.pop(widget.slot.name, None)
        else:
            self._images[widget.slot.name] = value
        self._on_changed()

    def images(self) -> dict[str, str]:
        """Slot name -> rel path of every remembered image, shown or not."""
        return dict(self._images)

    def set_images(self, images: Mapping[str, str]) -> None:
        """Remember exactly these images and show them (a slot without one is cleared)."""
        self._images = dict(images)
        for name, widget in self._slots.items():
            widget.set_value(self._images.get(name))

    def inputs(self) -> tuple[InputImage, ...]:
        return tuple(
            InputImage(name, value)
            for name, widget in self._slots.items()
            if (value := widget.value()) is not None
        )

    def problems(self) -> list[str]:
        """Images still being copied, and required ones not given."""
        return [message for _slot, message in self.problems_by_slot()]

    def problems_by_slot(self) -> list[tuple[str, str]]:
        """(slot name, message) for each image still being copied or required and not given."""
        found: list[tuple[str, str]] = []
        for name, widget in self._slots.items():
            if widget.busy:
                found.append(
                    (
                        name,
                        QCoreApplication.translate(
                            "GenerateForm", "The image for {label} is still being copied."
                        ).format(label=widget.slot.label),
                    )
                )
            elif widget.slot.required and widget.value() is None:
                found.append(
                    (
                        name,
                        QCoreApplication.translate(
                            "GenerateForm", "Add an image for {label}."
                        ).format(label=widget.slot.label),
                    )
                )
        return found

    def message(self, slot: str) -> str:
        return self._slots[slot].validation_message()

    def show(self, by_key: Mapping[str, list[str]]) -> None:
        for name, widget in self._slots.items():
            widget.set_validation_message("\n".join(by_key.get(name, [])))
