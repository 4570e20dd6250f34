"""The model, sampler and scheduler combos of the Generate form: what fills them (built-in
defaults, a server's lists, a saved state) and which of their names the connected server lacks.

Their texts keep the "GenerateForm" translation context: they were written for that form.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication

from studio_desktop.core.workflows import Template
from studio_desktop.ui.generate.fields import ListCombo
from studio_desktop.ui.generate.server_lists import ServerLists

# What ComfyUI 0.3.64 offers, so the combos are usable before any server was ever reached.
DEFAULT_SAMPLERS = (
    "euler",
    "euler_ancestral",
    "heun",
    "dpm_2",
    "lms",
    "dpmpp_2m",
    "dpmpp_sde",
    "dpmpp_2m_sde",
    "ddim",
    "uni_pc",
)
DEFAULT_SCHEDULERS = (
    "normal",
    "karras",
    "exponential",
    "sgm_uniform",
    "simple",
    "ddim_uniform",
    "beta",
)
# The saved-state key of each slot's names (named like the ServerLists fields).
LIST_OF_SLOT = {"model": "checkpoints", "sampler": "samplers", "scheduler": "schedulers"}


class ServerCombos:
    """One ListCombo per list slot, starting with the built-in sampler and scheduler names."""

    def __init__(self) -> None:
        # No server may have told us its models yet (a fresh install, offline): the server that
        # runs the job then picks (core.workflows.defaults), never the template's placeholder.
        self.model = ListCombo(
            QCoreApplication.translate("GenerateForm", "No models known yet"),
            default_label=QCoreApplication.translate("GenerateForm", "Server's default model"),
            default_tip=QCoreApplication.translate(
                "GenerateForm", "The server that runs the job uses the first model it lists."
            ),
        )
        self.sampler = ListCombo(
            QCoreApplication.translate("GenerateForm", "No samplers known yet")
        )
        self.scheduler = ListCombo(
            QCoreApplication.translate("GenerateForm", "No schedulers known yet")
        )
        self.sampler.set_names(DEFAULT_SAMPLERS)
        self.scheduler.set_names(DEFAULT_SCHEDULERS)
        self.sampler.set_value("euler")
        self.scheduler.set_value("normal")

    def by_slot(self) -> dict[str, ListCombo]:
        return {"model": self.model, "sampler": self.sampler, "scheduler": self.scheduler}

    def fill(self, lists: ServerLists) -> None:
        """Offer a server's names; an empty list keeps the names already known. A combo with
        nothing picked takes the first name, and so does a server's default that was only
        there because no names were known yet."""
        for _slot, combo, names in self._with_names(lists):
            if names:
                first_names = not combo.names()
                combo.set_names(names)
                if not combo.value() and (first_names or not combo.has_default()):
                    combo.set_value(names[0])

    def problems(self, lists: ServerLists | None, template: Template | None) -> dict[str, str]:
        """Slot -> message for a name the connected server lacks (only for the template's
        slots, and never while no server is connected)."""
        found: dict[str, str] = {}
        if lists is None or template is None:
            return found
        for slot, combo, names in self._with_names(lists):
            value = combo.value()
            if template.has_slot(slot) and names and value and value not in names:
                found[slot] = QCoreApplication.translate(
                    "GenerateForm", "{name} is not on server {server}"
                ).format(name=value, server=lists.label)
        return found

    def _with_names(self, lists: ServerLists) -> list[tuple[str, ListCombo, tuple[str, ...]]]:
        return [
            ("model", self.model, lists.checkpoints),
            ("sampler", self.sampler, lists.samplers),
            ("scheduler", self.scheduler, lists.schedulers),
        ]

    def saved_names(self) -> dict[str, list[str]]:
        """The names each combo offers, keyed as in the saved form state."""
        return {LIST_OF_SLOT[slot]: combo.names() for slot, combo in self.by_slot().items()}

    def restore_names(self, saved: Mapping[str, Sequence[str]]) -> None:
        """Offer the names of a saved state; lists it lacks stay as they are."""
        for slot, combo in self.by_slot().items():
            names = saved.get(LIST_OF_SLOT[slot])
            if names is not None:
                combo.set_names(names)
